"""Issue 11 end to end on the real server, two browsers: "Agents here now" tapped offline reaches the
liaison's open queue as P1 once the phone reconnects, through the server's push (no reload, no 10 s
poll), and the report the employee files later under the same encounter closes the alert.
"""
import re

from playwright.sync_api import expect

from tests.e2e.desk import Desk, second_profile
from tests.e2e.device import idb_all, trigger_sync, wait_for_app, wait_for_service_worker, wait_until
from tests.e2e.flow import FieldApp, Report
from tests.e2e.network import go_offline, go_online
from tests.e2e.stored import server_encounters


def test_an_alert_tapped_offline_reaches_the_open_queue_on_reconnect_and_its_report_closes_it(
        page, context, browser, live_server, world, catalogs):
    phone = FieldApp(page, catalogs["en"])
    phone.sign_in("field.a")
    wait_for_service_worker(page)

    with second_profile(browser, live_server) as desk_page:
        desk = Desk(desk_page)
        desk.sign_in("liaison.a")
        streams = []
        desk_page.on("request", lambda r: "/api/v1/events" in r.url and streams.append(r.url))
        wait_until(desk_page, lambda: bool(streams), message="the desk's live stream opened")
        expect(desk_page.locator("#app tr.row-alert")).to_have_count(0)

        go_offline(context)
        page.goto("/#/")
        wait_for_app(page)
        page.get_by_role("button", name=phone.t("home.alert"), exact=True).click()
        # No location and no site used before: the phone asks which site.
        page.get_by_label(phone.t("home.alert.which_site"), exact=True).select_option("site-a1")
        page.get_by_role("button", name=phone.t("home.alert.send"), exact=True).click()
        phone.expect_step(1)
        draft_id = re.search(r"#/encounter/([0-9a-f-]{36})/", page.url).group(1)
        [alert] = [r for r in idb_all(page, "outbox") if r["kind"] == "alert"]
        assert alert["state"] == "queued" and alert["body"]["encounter_id"] == draft_id

        # Nothing reaches the desk while the phone is offline.
        desk_page.wait_for_timeout(1500)
        expect(desk_page.locator("#app tr.row-alert")).to_have_count(0)

        go_online(context)
        trigger_sync(page)
        row = desk_page.locator("#app tr.row-alert")
        # The stream brings it: well within the 10 s poll the queue keeps only as a fallback.
        expect(row).to_have_count(1, timeout=5_000)
        expect(row).to_contain_text(desk.t("liaison.alert.title"))
        expect(row).to_contain_text("Site A1")
        expect(desk_page.locator("#app .live-cue")).to_contain_text(desk.t("liaison.alert.title"))
        # The alert heads the queue, above every report.
        expect(desk_page.locator("#app tbody tr").first).to_have_class(re.compile(r"\brow-alert\b"))

        # The employee files the report of the same encounter: one id, and the alert closes.
        page.goto(f"/#/encounter/{draft_id}/step/0")
        phone.to_report()
        phone.fill_short(Report(site="site-a1"))
        phone.review()
        phone.submit()
        trigger_sync(page)
        stored = wait_until(page, lambda: [e for e in server_encounters() if e["id"] == draft_id],
                            timeout=20, message="the report under the encounter's id")
        assert stored[0]["id"] == draft_id
        expect(row).to_have_count(0, timeout=5_000)
        expect(desk.queue_row(draft_id)).to_have_count(1, timeout=15_000)


def test_a_liaison_closes_an_alert_whose_report_will_not_come_and_the_mayors_office_may_not(
        page, browser, live_server, world, client, login):
    from tests.api.alerts_support import alert_item, push_one

    item = alert_item()
    push_one(client, login("field.a"), item)
    with second_profile(browser, live_server) as mayor_page:
        mayor = Desk(mayor_page)
        mayor.sign_in("mayor", landing_key="liaison.queue.title_citywide")
        expect(mayor_page.locator("#app tr.row-alert")).to_have_count(1)
        expect(mayor_page.locator("#app tr.row-alert button")).to_have_count(0)  # read-only: no close offered

    desk = Desk(page)
    desk.sign_in("liaison.a")
    row = page.locator("#app tr.row-alert")
    close = row.get_by_role("button", name=desk.t("liaison.alert.close_named", close=desk.t("liaison.alert.close"), site="Site A1"), exact=True)
    close.click()
    dialog = page.get_by_role("dialog", name=desk.t("liaison.alert.close_title"))
    expect(dialog.get_by_role("radio", name=desk.t("liaison.alert.reason.no_report"))).to_be_checked()
    dialog.get_by_role("button", name=desk.t("liaison.alert.close_cancel"), exact=True).click()
    expect(row).to_have_count(1)  # kept open

    close.click()
    dialog.get_by_role("radio", name=desk.t("liaison.alert.reason.mistaken")).check()
    dialog.get_by_role("button", name=desk.t("liaison.alert.close_confirm"), exact=True).click()
    expect(row).to_have_count(0)
    expect(page.locator("#app [role=status][aria-live=polite]")).to_have_text(
        desk.t("liaison.alert.closed", site="Site A1"))
    stored = client.get(f"/api/v1/alerts/{item['id']}", headers=login("liaison.a").headers).get_json()
    assert (stored["state"], stored["closed_reason"]) == ("closed", "mistaken")
    page.reload()
    wait_for_app(page)
    expect(desk.heading()).to_have_text(desk.t("liaison.queue.title"))
    expect(page.locator("#app tr.row-alert")).to_have_count(0)  # closed for good, not only on this screen
