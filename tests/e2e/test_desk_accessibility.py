"""Issue 4: the liaison's queue and report screens and the Mayor's Office screens pass axe-core (no serious or critical violation).

axe is injected by tests/e2e/axe.py (a context init script: the page keeps its strict CSP).
"""
from playwright.sync_api import expect

from tests.e2e.axe import AxeScans
from tests.e2e.desk import Desk, push_report, second_profile


def test_queue_report_and_aggregate_screens_have_no_serious_or_critical_axe_violation(
        page, context, browser, live_server, world, client):
    scan = AxeScans(context)
    first = push_report(client, world, "field.a", "A")
    push_report(client, world, "field.a", "A", started_at="2026-11-20T15:30:00Z")  # a likely duplicate of the first
    push_report(client, world, "field.b", "B", area_type="public", non_public_entered=False,
                entered_over_objection=False, document_type="none")

    desk = Desk(page)
    desk.sign_in("liaison.a")
    expect(desk.queue_link(first)).to_be_visible()
    scan("liaison queue", page)
    desk.open_report(first)
    desk.button("liaison.move.acknowledged").click()
    expect(page.locator("#app")).to_contain_text(desk.t("liaison.done.status"))
    page.get_by_label(desk.t("liaison.followups.ask"), exact=True).fill("Which door?")
    desk.button("liaison.followups.send").click()
    expect(page.locator("#app .followups")).to_contain_text("Which door?")
    desk.button("liaison.move.closed").click()  # without a resolution: the error shows next to the control
    expect(page.locator("#error-status")).to_have_text(desk.t("liaison.triage.resolution_needed"))
    expect(page.get_by_role("heading", name=desk.t("liaison.group.title"))).to_be_visible()
    scan("liaison report (triage panel, error shown, duplicates)", page)

    with second_profile(browser, live_server) as mayor_page:
        scan.inject(mayor_page.context)
        mayor = Desk(mayor_page)
        mayor.sign_in("mayor", landing_key="liaison.queue.title_citywide")
        expect(mayor.queue_link(first)).to_be_visible()
        scan("citywide queue", mayor_page)
        mayor.open_report(first)
        scan("citywide report (read-only)", mayor_page)
        mayor.open("#/desk/aggregate")
        expect(mayor.heading()).to_have_text(mayor.t("liaison.agg.title"))
        expect(mayor_page.locator("#app table").first).to_be_visible()
        scan("aggregate", mayor_page)

    scan.assert_clean(screens=5)
