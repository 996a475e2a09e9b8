"""A desk screen the user has left while it still loads never draws over the screen now shown (src/frame.js),
and a screen shown again keeps what the user was typing."""
import re

from playwright.sync_api import expect

from tests.e2e.desk import Desk, push_report
from tests.e2e.device import wait_until

QUEUE_ROWS = re.compile(r"/api/v1/reports\?")


def _hold(page, url, first_only: bool = False) -> list:
    """Hold back requests to ``url`` on their way (only the first one when ``first_only``); return the held routes."""
    held = []

    def handle(route):
        if first_only and held:
            route.continue_()
        else:
            held.append(route)
    page.route(url, handle)
    return held


def _release(page, held: list, **answer) -> None:
    """Let the held requests go on (or answer them with ``answer``) and give their screen its moment to draw."""
    for route in held:
        route.fulfill(**answer) if answer else route.continue_()
    page.wait_for_timeout(500)


def _watch(page, selector: str) -> None:
    """From now on, note the text of the screen's elements matching ``selector`` at every change of the screen.

    The screen shown redraws itself soon (its poll, its live stream), so a left screen's drawing over it is
    seen only for a moment: the notes keep it.
    """
    page.evaluate("""(selector) => {
      const app = document.getElementById('app');
      window.__seen = [];
      const note = () => window.__seen.push([...app.querySelectorAll(selector)].map((e) => e.textContent.trim()).join(' | '));
      new MutationObserver(note).observe(app, { childList: true, subtree: true, characterData: true });
    }""", selector)


def _seen(page) -> list[str]:
    """What ``_watch`` noted, change by change."""
    return page.evaluate("() => window.__seen")


def test_a_report_left_for_the_queue_while_it_loads_does_not_draw_over_the_queue(page, live_server, world, client):
    report_id = push_report(client, world, "field.a", "A")
    desk = Desk(page)
    desk.sign_in("liaison.a")
    expect(desk.queue_link(report_id)).to_be_visible()
    held = _hold(page, f"**/api/v1/reports/{report_id}")
    desk.open(f"#/desk/report/{report_id}")
    wait_until(page, lambda: held, message="the report's request")

    desk.open("#/desk/queue")
    expect(desk.queue_link(report_id)).to_be_visible()
    _watch(page, "h1")
    _release(page, held)

    expect(desk.heading()).to_have_text(desk.t("liaison.queue.title"))
    assert set(_seen(page)) <= {desk.t("liaison.queue.title")}, "the report drew over the queue"
    assert page.title().startswith(desk.t("liaison.queue.title"))


def test_the_citywide_figures_left_while_they_load_do_not_draw_over_the_queue(page, live_server, world):
    desk = Desk(page)
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    held = _hold(page, "**/api/v1/reports/aggregate*")
    desk.open("#/desk/aggregate")
    wait_until(page, lambda: held, message="the figures' request")

    desk.open("#/desk/queue")
    expect(desk.heading()).to_have_text(desk.t("liaison.queue.title_citywide"))
    _watch(page, "h1")
    _release(page, held)

    expect(desk.heading()).to_have_text(desk.t("liaison.queue.title_citywide"))
    assert set(_seen(page)) <= {desk.t("liaison.queue.title_citywide")}, "the figures drew over the queue"
    assert page.title().startswith(desk.t("liaison.queue.title"))  # the queue's title, citywide or not


def test_a_queue_left_and_opened_again_while_its_first_rows_load_shows_the_newer_rows(page, live_server, world, client):
    """The first queue's rows, answered before a report arrived, came after the user was back: they hid the report."""
    held = _hold(page, QUEUE_ROWS, first_only=True)
    desk = Desk(page)
    desk.sign_in("liaison.a")
    wait_until(page, lambda: held, message="the queue's first rows")
    stale = held[0].fetch().json()  # the rows as the server had them then: no report yet
    report_id = push_report(client, world, "field.a", "A")

    desk.open(f"#/desk/report/{report_id}")
    expect(desk.heading()).to_contain_text("Site A1")
    desk.open("#/desk/queue")
    expect(desk.queue_link(report_id)).to_be_visible()
    _watch(page, f'a[href="#/desk/report/{report_id}"]')
    _release(page, held, json=stale)

    expect(desk.queue_link(report_id)).to_be_visible()
    assert "" not in _seen(page), "the first queue's rows hid the report"


def test_a_report_shown_again_in_another_language_keeps_the_note_being_typed_and_its_place(
        page, live_server, world, client):
    report_id = push_report(client, world, "field.a", "A")
    desk = Desk(page)
    desk.sign_in("liaison.a")
    desk.open_report(report_id)
    note = page.get_by_label(desk.t("liaison.notes.add"), exact=True)
    note.fill("Called the site lead; waiting for the")
    note.scroll_into_view_if_needed()
    expect(note).to_be_in_viewport()

    page.locator("#header").get_by_role("combobox", name="Language").select_option(label="Español")

    spanish = Desk(page, "es")
    expect(page.get_by_role("heading", name=spanish.t("liaison.notes"))).to_be_visible()
    note = page.get_by_label(spanish.t("liaison.notes.add"), exact=True)
    expect(note).to_have_value("Called the site lead; waiting for the")
    expect(note).to_be_in_viewport()
