"""The liaison queue's rough edges from a first walk (freshlook.md 6 and 8): a refused filter is marked where it
was given, with no "No reports match" for a query that never ran; the queue's cells keep whole words."""
import pytest
from playwright.sync_api import expect

from encounter.vocabulary import SEARCH_TEXT_MAX
from server.extensions import db
from server.models import Site
from tests.api.alerts_support import alert_item, push_one
from tests.e2e.desk import Desk, push_report, second_profile
from tests.factories import sign_in_via_api

# For each element of `selector`: its text's words that the layout split across lines (a Range per word; a word
# ends at a space or after a hyphen, where a line may break: "Form I-" / "200").
_SPLIT_WORDS = """(selector) => [...document.querySelectorAll(selector)].flatMap((element) => {
  const split = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/[^\\s-]+-?|-/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) split.push(`${element.textContent.trim()}: ${match[0]}`);
    }
  }
  return split;
})"""


def _queue_requests(page) -> list[str]:
    sent = []
    page.on("request", lambda r: "/api/v1/reports?" in r.url and sent.append(r.url))
    return sent


def test_a_period_ending_before_it_starts_is_marked_on_its_field_and_never_sent(page, live_server, world, client):
    push_report(client, world, "field.a", "A")
    desk = Desk(page)
    desk.sign_in("liaison.a")
    sent = _queue_requests(page)
    shown = page.evaluate("() => window.location.hash")
    desk.open_filters()
    page.locator("#filter-status").select_option("all")
    page.locator("#filter-from").fill("2026-12-06")
    page.locator("#filter-to").fill("2026-12-01")
    page.get_by_role("button", name=desk.t("liaison.filter.apply"), exact=True).click()

    # Refused in the desk: the field says why and has focus; the queue of the filters in force stays.
    to = page.locator("#filter-to")
    expect(to).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#filter-to-error")).to_have_text(desk.t("liaison.filter.to_before_from"))
    expect(to).to_have_attribute("aria-describedby", "filter-to-error")
    expect(to).to_be_focused()
    expect(page.locator("#app .error-box")).to_have_text(desk.t("desk.refusal.invalid"))
    assert page.evaluate("() => window.location.hash") == shown

    # The same period from an address: marked, and no "no reports" or counts of 0 for a query that never ran.
    desk.open("#/desk/queue?status=all&from=2026-12-06&to=2026-12-01")
    expect(page.locator("#filter-to-error")).to_have_text(desk.t("liaison.filter.to_before_from"))
    expect(page.locator("#app .error-box")).to_have_text(desk.t("desk.refusal.invalid"))
    expect(page.locator("#app")).not_to_contain_text(desk.t("liaison.queue.empty"))
    expect(page.locator("#app .status-counts")).to_have_count(0)
    assert not [url for url in sent if "from=2026-12-06" in url], sent


def test_a_filter_the_server_refuses_shows_its_reason_under_that_field(page, live_server, world, client):
    push_report(client, world, "field.a", "A")
    desk = Desk(page)
    desk.sign_in("liaison.a")
    # An address typed by hand: the server's query schema refuses a search longer than SEARCH_TEXT_MAX.
    query = f"q={'x' * (SEARCH_TEXT_MAX + 1)}"
    refused = client.get(f"/api/v1/reports?{query}", headers=sign_in_via_api(client, "liaison.a").headers)
    assert refused.status_code == 422, refused.get_json()
    assert refused.get_json()["error_codes"]["query"]["q"] == [{"code": "length", "params": {"max": SEARCH_TEXT_MAX}}]
    desk.open(f"#/desk/queue?status=all&{query}")

    # The reason in the desk's words for its code (src/desk/field-errors.js), under the search field.
    expect(page.locator("#filter-q-error")).to_have_text(desk.t("desk.field_error.length_max", max=SEARCH_TEXT_MAX))
    expect(page.locator("#filter-q")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#app .error-box")).to_have_text(desk.t("desk.refusal.invalid"))
    expect(page.locator("#app")).not_to_contain_text(desk.t("liaison.queue.empty"))
    expect(page.locator("#app .status-counts")).to_have_count(0)


@pytest.mark.parametrize("query", ["status=all&from=2026-12-06&to=2026-12-01",  # refused by the desk
                                   f"status=all&q={'x' * (SEARCH_TEXT_MAX + 1)}"])  # refused by the server
def test_a_refused_query_shows_no_alert_rows_and_no_count_of_0_shown(page, live_server, world, client, query):
    """No table at all: the alerts are not of the query, and a caption "(0 shown)" over them reads as if the
    query had run and matched nothing. They are back with the queue once the filter is fixed."""
    push_report(client, world, "field.a", "A")
    assert push_one(client, sign_in_via_api(client, "field.a"), alert_item())["status"] == "accepted"
    desk = Desk(page)
    desk.sign_in("liaison.a")
    expect(page.locator("#app tr.row-alert")).to_have_count(1)

    desk.open(f"#/desk/queue?{query}")
    expect(page.locator("#app [aria-invalid='true']")).to_have_count(1)
    expect(page.locator("#app .error-box")).to_have_text(desk.t("desk.refusal.invalid"))
    page.wait_for_timeout(1500)  # the live stream's replay of the last 30 s (the alert) has come by now
    expect(page.locator("#app table")).to_have_count(0)
    expect(page.locator("#app")).not_to_contain_text(desk.t("liaison.queue.caption", count=0))

    desk.open("#/desk/queue")
    expect(page.locator("#app tr.row-alert")).to_have_count(1)


def _words_split_in_queue(page) -> list[str]:
    """The queue's words broken across lines, once its rows are shown, and whether the table fits its box."""
    expect(page.locator("#app tbody tr").first).to_be_visible()
    box = page.evaluate("() => { const w = document.querySelector('#app .table-wrap'); return w.scrollWidth <= w.clientWidth; }")
    return page.evaluate(_SPLIT_WORDS, "#app .queue-table tbody td") + ([] if box else ["the table is wider than its box"])


def test_at_1280_px_the_queue_breaks_lines_only_between_words_and_still_fits(page, browser, live_server, world,
                                                                              client):
    # Names and words as long as the demo's: the long agencies, a long site name, statuses, a group of four.
    db.session.add(Site(department_id=world.departments["A"].id, code="metro-dev", name="Metro Development Services Center",
                        facility_type="office_counter", area_types=["public"], site_lead_phone="+12135550103"))
    db.session.commit()
    liaison = sign_in_via_api(client, "liaison.a")
    reports = [push_report(client, world, "field.a", "A", site="metro-dev", agencies=["hsi", "cbp", "ice_ero"])
               for _ in range(4)]  # one site, one hour: likely duplicates
    for report, status in zip(reports, ("acknowledged", "escalated", "in_review")):
        moved = client.post(f"/api/v1/reports/{report}/status", headers=liaison.headers, json={"to": status})
        assert moved.status_code == 200, moved.get_json()
    page.set_viewport_size({"width": 1280, "height": 800})
    desk = Desk(page)
    desk.sign_in("liaison.a")
    expect(page.locator("#app tbody tr")).to_have_count(4)
    expect(page.locator("#app tbody .marker-group").first).to_contain_text(desk.t("liaison.group.marker", count=4))
    expect(page.locator("#app tbody .status-acknowledged")).to_have_text(desk.t("liaison.status.acknowledged"))
    assert _words_split_in_queue(page) == []

    # The Mayor's Office reads the same rows citywide, each site with its department's name under it.
    with second_profile(browser, live_server) as mayor_page:
        mayor_page.set_viewport_size({"width": 1280, "height": 800})
        Desk(mayor_page).sign_in("mayor", landing_key="liaison.queue.title_citywide")
        assert _words_split_in_queue(mayor_page) == []


def test_a_desk_on_a_server_without_web_push_opens_with_no_console_error_and_no_push_toggle(
        page, live_server, world, client):
    """The push key's answer on a server without VAPID keys is {"public_key": null}: a 404 was logged as an error."""
    assert not live_server.app.config.get("VAPID_PUBLIC_KEY")
    push_report(client, world, "field.a", "A")
    desk = Desk(page)
    with page.expect_response(lambda r: r.url.endswith("/api/v1/push-subscriptions/key")) as asked:
        desk.sign_in("liaison.a")
    assert asked.value.status == 200 and asked.value.json() == {"public_key": None}
    expect(page.locator("#app tbody tr")).to_have_count(1)
    page.wait_for_timeout(500)  # the browser logs a refused fetch as it settles: give its message time to arrive
    assert not [line for line in page.console_log if line.startswith(("console.error", "pageerror"))], page.console_log
    expect(desk.button("liaison.push.toggle")).to_have_count(0)
