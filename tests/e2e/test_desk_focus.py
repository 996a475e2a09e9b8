"""After a desk action, focus stays where the keyboard user was (src/components/focus.js `keepFocus`): on the
control used, or on the line saying what happened when the action took its control away. Focus falling to
<body> sent the next Tab back to "Skip to main content", some 40 Tabs from the note box."""
from playwright.sync_api import expect

from tests.e2e.desk import liaison_on_new_report

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


def _press(page, name: str, backwards: bool = False) -> None:
    """Reach a control by Tab (Shift+Tab) and press Enter on it."""
    _tab_to(page, name, backwards)
    page.keyboard.press("Enter")


def _rests_on(page, desk, locator) -> None:
    """Focus is on `locator`, and one Tab from there reaches a control further on, not the skip link at the top."""
    expect(locator).to_be_focused()
    page.evaluate("() => { window.__before = document.activeElement; }")
    page.keyboard.press("Tab")
    after = _focused(page)
    assert after["text"] != desk.t("nav.skip") and after["after"], after


def test_each_triage_action_leaves_focus_on_its_control_or_on_the_line_saying_what_happened(page, live_server, world,
                                                                                             client):
    desk, _report = liaison_on_new_report(page, client, world)
    now = page.locator("#triage-status-now")

    # A move takes its own button away: focus rests on "Now: Acknowledged.", and Tab goes on to the next move.
    _press(page, desk.t("liaison.move.acknowledged"))
    expect(now).to_have_text(desk.t("liaison.triage.status_now", status=desk.t("liaison.status.acknowledged")))
    _rests_on(page, desk, now)

    # Buttons that stay keep focus once the answer is in.
    page.locator("#triage-priority").select_option("2")
    for button, done in (("liaison.triage.priority_save", "liaison.done.priority"),
                         ("liaison.triage.assign_save", "liaison.done.assign")):
        _press(page, desk.t(button))
        expect(page.locator("#report-done")).to_have_text(desk.t(done))
        _rests_on(page, desk, desk.button(button))
    for box, words, button in (("triage-question", "Which door did they use?", "liaison.followups.send"),
                               ("triage-note", "Called the branch back.", "liaison.notes.save")):
        _tab_to(page, box)
        page.keyboard.type(words)
        _press(page, desk.t(button))
        expect(page.locator("#app")).to_contain_text(words)
        _rests_on(page, desk, desk.button(button))

    # The legal hold's button changes its words: focus rests on the line saying the report is on hold.
    _press(page, desk.t("retention.hold_place"))
    expect(desk.button("retention.hold_lift")).to_be_visible()
    _rests_on(page, desk, page.locator("#retention-state"))

    _press(page, desk.t("liaison.move.escalated"), backwards=True)
    expect(now).to_have_text(desk.t("liaison.triage.status_now", status=desk.t("liaison.status.escalated")))
    _rests_on(page, desk, now)

