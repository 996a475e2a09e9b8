"""The liaison's queue stays current and says only what is new: with the live stream on it still fetches the list
(the stream brings alerts and P1 reports, not a P3 or a colleague's move); a report reopened is not announced as a new
one; "Load more" leaves focus on the first report it added."""
import datetime
import uuid

from playwright.sync_api import expect
from sqlalchemy import update

from server.extensions import db
from server.models import Encounter

from tests.e2e.desk import Desk, no_stream, push_report, quiet_stream
from tests.factories import encounter_body, push, push_item, sign_in_via_api

def test_with_the_live_stream_on_a_p3_report_and_a_colleagues_move_still_reach_the_queue(
        page, context, client, world):
    # Before, the queue stopped fetching while the stream was live, and the stream carries only alerts and P1
    # reports: a P3 report or a colleague's move never showed until the page was reloaded.
    quiet_stream(context)
    desk = Desk(page)
    desk.sign_in("liaison.a")
    expect(page.locator("#app .live-state")).to_have_text(desk.t("liaison.live.on"))
    quiet = push_report(client, world, "field.a", "A", area_type="public", document_type="none")
    expect(desk.queue_link(quiet)).to_be_visible(timeout=40_000)
    expect(desk.queue_row(quiet)).to_contain_text(desk.t("liaison.queue.fresh"))
    colleague = sign_in_via_api(client, "liaison.a")
    moved = client.post(f"/api/v1/reports/{quiet}/status", headers=colleague.headers, json={"to": "in_review"})
    assert moved.status_code == 200, moved.get_json()
    expect(desk.queue_row(quiet)).to_contain_text(desk.t("liaison.status.in_review"), timeout=40_000)


def test_a_report_reopened_by_a_colleague_joins_the_list_without_being_announced_as_new(page, context, client, world):
    # Before, anything not in the list at the last fetch was "new": a reopened P1 report raised the urgent cue
    # ("New P1 report"), was marked new and announced, and beeped if sound was on.
    no_stream(context)
    liaison = sign_in_via_api(client, "liaison.a")
    report = push_report(client, world, "field.a", "A")  # non-public entry, administrative warrant: P1
    closed = client.post(f"/api/v1/reports/{report}/status", headers=liaison.headers,
                         json={"to": "closed", "resolution": "Handled at the desk."})
    assert closed.status_code == 200, closed.get_json()
    # Received an hour ago (a report received moments before the last fetch may not have been in it, so is new).
    db.session.execute(update(Encounter).where(Encounter.id == uuid.UUID(report)).values(
        received_at=datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)))
    db.session.commit()
    desk = Desk(page)
    desk.sign_in("liaison.a")
    expect(page.locator("#app .live-state")).to_have_text(desk.t("liaison.live.off"))
    expect(desk.queue_link(report)).to_have_count(0)  # the open queue
    later = push_report(client, world, "field.a", "A")  # a really new one, in the same fetch

    reopened = client.post(f"/api/v1/reports/{report}/status", headers=liaison.headers,
                           json={"to": "in_review", "reason": "More came in."})
    assert reopened.status_code == 200, reopened.get_json()
    expect(desk.queue_link(report)).to_be_visible(timeout=25_000)
    expect(desk.queue_link(later)).to_be_visible()
    expect(desk.queue_row(later)).to_contain_text(desk.t("liaison.queue.fresh"))
    expect(desk.queue_row(report)).not_to_contain_text(desk.t("liaison.queue.fresh"))
    announced = page.locator("#app [role=status]").first
    expect(announced).to_contain_text(desk.t("liaison.queue.new.one"))
    expect(announced).not_to_contain_text(desk.t("liaison.queue.new.other", count=2))


def test_load_more_leaves_focus_on_the_first_report_it_added_and_says_how_many_are_shown(page, context, client, world):
    # Before, the button was disabled while loading and gone after the last page: focus fell to the page's body,
    # and nothing said that rows had been added.
    no_stream(context)
    field = sign_in_via_api(client, "field.a")
    items = [push_item(encounter_body(world, "A", area_type="public", document_type="none")) for _ in range(53)]
    answer = push(client, field, items)
    assert answer.status_code == 200 and {r["status"] for r in answer.get_json()["results"]} == {"accepted"}
    desk = Desk(page)
    desk.sign_in("liaison.a")
    expect(page.locator("#app tbody tr")).to_have_count(50)
    more = page.get_by_role("button", name=desk.t("liaison.queue.more"), exact=True)
    more.focus()
    more.press("Enter")
    expect(page.locator("#app tbody tr")).to_have_count(53)
    focused = page.evaluate("() => document.activeElement?.getAttribute('href') || document.activeElement?.tagName")
    rows = page.locator("#app tbody tr a[href^='#/desk/report/']")
    assert focused == rows.nth(50).get_attribute("href"), focused
    expect(page.locator("#app [role=status]").first).to_contain_text(desk.t("liaison.queue.caption", count=53))
