"""After a desk action, focus stays where the keyboard user was (src/components/focus.js `keepFocus`): on the
control used, or on the line saying what happened when the action took its control away. Focus falling to
<body> sent the next Tab back to "Skip to main content", some 40 Tabs from the note box."""
import re

from playwright.sync_api import expect

from tests.e2e.desk import Desk, liaison_on_new_report, push_report
from tests.e2e.device import wait_until
from tests.e2e.network import HeldRequests

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

    # Escalating asks first (focus on its Cancel): Shift+Tab reaches Escalate in the question, Enter confirms.
    _press(page, desk.t("liaison.move.escalated"), backwards=True)
    expect(page.get_by_role("dialog")).to_be_visible()
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("dialog").get_by_role("button", name=desk.t("liaison.escalate.confirm"))).to_be_focused()
    page.keyboard.press("Enter")
    expect(now).to_have_text(desk.t("liaison.triage.status_now", status=desk.t("liaison.status.escalated")))
    _rests_on(page, desk, now)



def test_the_queue_keeps_its_rows_and_the_readers_place_while_a_search_runs(page, live_server, world, client):
    """A search asked for leaves the rows on screen until the answer replaces them: emptied to "Loading…" the page
    shrank under the liaison and the browser sent it to its top."""
    for _ in range(3):
        push_report(client, world, "field.a", "A", notes="They came in through the loading door.")
    for _ in range(2):
        push_report(client, world, "field.a", "A", notes="Two cars waited in the parking lot.")
    desk = Desk(page)
    desk.sign_in("liaison.a")
    expect(page.locator("#app tbody tr")).to_have_count(5)
    desk.open_filters()
    page.set_viewport_size({"width": 1000, "height": 400})
    assert page.evaluate("() => { window.scrollTo(0, 120); return window.scrollY; }") >= 100
    answer = HeldRequests(page.context, re.compile(r"/api/v1/reports\?"))  # the search's, until let go

    search = page.locator("#filter-q")
    search.focus()
    where = search.bounding_box()["y"]  # the search box's place on the screen, which the liaison is looking at
    page.keyboard.type("door")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=door"))
    wait_until(page, answer.arrived, message="the search to be asked for")
    page.wait_for_timeout(300)
    expect(page.locator("#app tbody tr")).to_have_count(5)
    expect(page.locator("#app")).not_to_contain_text(desk.t("liaison.loading"))
    assert page.evaluate("window.scrollY") >= 100
    expect(search).to_be_focused()

    answer.release()
    expect(page.locator("#app tbody tr")).to_have_count(3)
    expect(page.locator("#app [role=status][aria-live=polite]")).to_have_text(desk.t("liaison.queue.caption", count=3))
    # The page may scroll a little to keep what is seen in place (the browser's scroll anchoring as the counts above
    # change); the search box stays where the liaison was looking, not sent off the screen with the page's top.
    assert page.evaluate("window.scrollY") > 0
    assert abs(search.bounding_box()["y"] - where) < 8, (where, search.bounding_box())
    expect(search).to_be_focused()

def test_a_search_run_with_enter_keeps_the_caret_in_the_field_and_says_how_many_reports_it_shows(
        page, live_server, world, client):
    """Refining the words is typing on: focus stays on the control used and the live region reads the count.
    Opening a report is a new screen: its heading takes focus."""
    door = push_report(client, world, "field.a", "A", notes="They came in through the loading door.")
    push_report(client, world, "field.a", "A", notes="Two cars waited in the parking lot.")
    desk = Desk(page)
    desk.sign_in("liaison.a")
    expect(page.locator("#app tbody tr")).to_have_count(2)
    desk.open_filters()
    search = page.locator("#filter-q")
    announced = page.locator("#app [role=status][aria-live=polite]")

    search.click()
    page.keyboard.type("door")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=door"))
    expect(page.locator("#app tbody tr")).to_have_count(1)
    expect(search).to_be_focused()
    expect(announced).to_have_text(desk.t("liaison.queue.caption", count=1))

    # The liaison goes on typing where the caret is: no click back into the field.
    page.keyboard.type(" cars")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=door\+cars"))
    expect(search).to_have_value("door cars")
    expect(page.locator("#app")).to_contain_text(desk.t("liaison.queue.empty"))
    expect(search).to_be_focused()
    expect(announced).to_have_text(desk.t("liaison.queue.empty"))

    # Emptied, the search is still there under the caret (the filters do not fold away) and every report is back.
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.press("Enter")
    expect(page.locator("#app tbody tr")).to_have_count(2)
    expect(search).to_be_visible()
    expect(search).to_be_focused()

    # A status count is a filter too: focus stays on the link pressed.
    all_count = page.locator("#app .status-counts a").last
    all_count.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"status=all"))
    expect(all_count).to_have_attribute("aria-current", "true")
    expect(all_count).to_be_focused()

    # A report opened from the list is a new screen: its heading has focus.
    desk.queue_link(door).click()
    expect(page.locator("#app h1")).to_be_focused()
