"""The liaison queue's rough edges from a first walk (freshlook.md 6 and 8): a refused filter is marked where it
was given, with no "No reports match" for a query that never ran; the Status and Markers columns keep whole words."""
from playwright.sync_api import expect

from tests.e2e.desk import Desk, push_report
from tests.factories import sign_in_via_api

# For each element of `selector`: its text's words that the layout split across lines (a Range per word).
_SPLIT_WORDS = """(selector) => [...document.querySelectorAll(selector)].flatMap((element) => {
  const split = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/\\S+/g)) {
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
    # An address typed by hand: the server's query schema refuses a priority outside 1 to 3.
    refused = client.get("/api/v1/reports?priority=7", headers=sign_in_via_api(client, "liaison.a").headers)
    assert refused.status_code == 422, refused.get_json()
    reason = refused.get_json()["errors"]["query"]["priority"]["0"][0]
    desk.open("#/desk/queue?status=all&priority=7")

    expect(page.locator("#filter-priority-error")).to_have_text(reason)
    expect(page.locator("#filter-priority")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#app .error-box")).to_have_text(desk.t("desk.refusal.invalid"))
    expect(page.locator("#app")).not_to_contain_text(desk.t("liaison.queue.empty"))
    expect(page.locator("#app .status-counts")).to_have_count(0)


def test_at_1280_px_the_status_and_markers_columns_break_only_between_words(page, live_server, world, client):
    liaison = sign_in_via_api(client, "liaison.a")
    reports = [push_report(client, world, "field.a", "A") for _ in range(4)]  # one site, one hour: likely duplicates
    for report, status in zip(reports, ("acknowledged", "escalated", "in_review")):
        moved = client.post(f"/api/v1/reports/{report}/status", headers=liaison.headers, json={"to": status})
        assert moved.status_code == 200, moved.get_json()
    page.set_viewport_size({"width": 1280, "height": 800})
    desk = Desk(page)
    desk.sign_in("liaison.a")
    expect(page.locator("#app tbody tr")).to_have_count(4)
    expect(page.locator("#app tbody .marker-group").first).to_contain_text(desk.t("liaison.group.marker", count=4))
    expect(page.locator("#app tbody .status-acknowledged")).to_have_text(desk.t("liaison.status.acknowledged"))

    assert page.evaluate(_SPLIT_WORDS, "#app .queue-table tbody td:nth-child(2)") == []
    assert page.evaluate(_SPLIT_WORDS, "#app .queue-table tbody td:nth-child(10)") == []
    # Whole words cost no sideways scrolling: the table still fits its box.
    assert page.evaluate("() => { const w = document.querySelector('#app .table-wrap'); return w.scrollWidth <= w.clientWidth; }")
