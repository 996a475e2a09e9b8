"""After a desk action, focus stays where the keyboard user was (src/components/focus.js `keepFocus`): on the
control used, or on the line saying what happened when the action took its control away. Focus falling to
<body> sent the next Tab back to "Skip to main content", some 40 Tabs from the note box."""
from playwright.sync_api import expect

from tests.e2e.desk import liaison_on_new_report
from tests.e2e.trainer import Desk as TrainerDesk

# The focused element's id or words, and whether it comes after `window.__before` in the page.
_FOCUSED = """() => {
  const e = document.activeElement;
  const after = window.__before ? Boolean(window.__before.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING) : null;
  return { tag: e.tagName, id: e.id, text: (e.textContent || '').trim(), after };
}"""


def _tab_to(page, name: str, backwards: bool = False, presses: int = 300) -> None:
    """Press Tab (Shift+Tab) until the focused control reads `name` or has it as id: the keyboard's way there."""
    for _ in range(presses):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = _focused(page)
        if name in (focused["text"], focused["id"]):
            return
    raise AssertionError(f"{presses} Tabs did not reach {name!r}")


def _focused(page) -> dict:
    return page.evaluate(_FOCUSED)


def _next_tab_goes_on(page, desk) -> None:
    """One Tab from where focus rests reaches a control further on, not the skip link at the top."""
    page.evaluate("() => { window.__before = document.activeElement; }")
    page.keyboard.press("Tab")
    after = _focused(page)
    assert after["text"] != desk.t("nav.skip") and after["after"], after


def test_each_triage_action_leaves_focus_on_its_control_or_on_the_line_saying_what_happened(page, live_server, world,
                                                                                             client):
    desk, _report = liaison_on_new_report(page, client, world)

    # A move takes its own button away: focus rests on "Now: Acknowledged.", and Tab goes on to the next move.
    _tab_to(page, desk.t("liaison.move.acknowledged"))
    page.keyboard.press("Enter")
    now = desk.t("liaison.triage.status_now", status=desk.t("liaison.status.acknowledged"))
    expect(page.locator("#triage-status-now")).to_have_text(now)
    expect(page.locator("#triage-status-now")).to_be_focused()
    _next_tab_goes_on(page, desk)

    page.locator("#triage-priority").select_option("2")
    _tab_to(page, desk.t("liaison.triage.priority_save"))
    page.keyboard.press("Enter")
    expect(page.locator("#report-done")).to_have_text(desk.t("liaison.done.priority"))
    expect(desk.button("liaison.triage.priority_save")).to_be_focused()
    _next_tab_goes_on(page, desk)

    _tab_to(page, "triage-note")
    expect(page.locator("#triage-note")).to_be_focused()
    page.keyboard.type("Called the branch back.")
    _tab_to(page, desk.t("liaison.notes.save"))
    page.keyboard.press("Enter")
    expect(page.locator("#app")).to_contain_text("Called the branch back.")
    expect(desk.button("liaison.notes.save")).to_be_focused()
    _next_tab_goes_on(page, desk)

    _tab_to(page, desk.t("liaison.move.escalated"), backwards=True)
    page.keyboard.press("Enter")
    now = desk.t("liaison.triage.status_now", status=desk.t("liaison.status.escalated"))
    expect(page.locator("#triage-status-now")).to_have_text(now)
    expect(page.locator("#triage-status-now")).to_be_focused()
    _next_tab_goes_on(page, desk)


def test_save_draft_leaves_focus_on_save_draft(page, world):
    desk = TrainerDesk(page)
    desk.sign_in("trainer.a")
    desk.open_editor(world.versions["A"].checklist_id)
    desk.step_text(1, "English").fill("Stay calm and polite.")
    _tab_to(page, desk.t("trainer.editor.save"))
    page.keyboard.press("Enter")
    expect(page.locator("#app .status-message")).to_contain_text(desk.t("trainer.editor.saved", time="").split(" ")[0])
    expect(page.get_by_role("button", name=desk.t("trainer.editor.save"), exact=True)).to_be_focused()
    _next_tab_goes_on(page, desk)
