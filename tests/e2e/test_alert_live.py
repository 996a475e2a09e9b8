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
