"""The liaison queue's rough edges from a first walk (freshlook.md 6 and 8): a refused filter is marked where it
was given, with no "No reports match" for a query that never ran."""
from playwright.sync_api import expect

from tests.e2e.desk import Desk, push_report
from tests.factories import sign_in_via_api


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

