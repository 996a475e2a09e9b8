"""The Mayor's Office publishes an ended quarter at the desk; the page then shows the snapshot, whatever arrives."""
import re
from datetime import date, datetime, timezone

import pytest
from playwright.sync_api import expect

from server.citytime import CITY_TZ
from tests.api.reports_support import QUIET
from tests.e2e.axe import AxeScans
from tests.e2e.desk import Desk, push_report

QUARTER = "#/desk/quarterly?year=2026&quarter=3"


def _q3(client, world, username, dept, **fields):
    return push_report(client, world, username, dept, **{**QUIET, "started_at": "2026-08-20T15:00:00Z",
                                                          "ended_at": None, **fields})


def _mayor_on_q3(page):
    """The Mayor's Office at the desk on 2026 Q3, not yet published: the desk and its state line."""
    desk = Desk(page)
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    desk.open(QUARTER)
    state = page.locator("#quarterly-state")
    expect(state).to_have_text(desk.t("liaison.quarterly.not_published"))
    return desk, state


@pytest.mark.both_backends
def test_the_mayors_office_publishes_a_quarter_and_a_late_report_does_not_change_it(page, context, world, client,
                                                                                    login):
    scan = AxeScans(context)
    for _ in range(6):
        _q3(client, world, "field.a", "A", outcome="left_without_action")
    _q3(client, world, "field.b", "B")
    desk, state = _mayor_on_q3(page)
    tables = page.locator("#app section")
    expect(tables).to_have_count(4)
    shown = tables.all_inner_texts()

    desk.button("liaison.quarterly.publish").click()  # asked first; Cancel publishes nothing
    page.get_by_role("dialog").get_by_role("button", name=desk.t("liaison.quarterly.cancel")).click()
    expect(state).to_have_text(desk.t("liaison.quarterly.not_published"))
    mayor = login("mayor").headers
    assert client.get("/api/v1/reports/quarterly", headers=mayor,
                      query_string={"year": 2026, "quarter": 3}).get_json()["status"] == "live"

    desk.button("liaison.quarterly.publish").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(desk.t("liaison.quarterly.publish_text"))
    scan("publish a quarter: confirm", page)
    dialog.get_by_role("button", name=desk.t("liaison.quarterly.publish_confirm")).click()
    # Published, without who: a staff name, and the Mayor's Office reads none (encounter/views.py).
    expect(state).to_have_text(re.compile(re.escape(desk.t("liaison.quarterly.published_nameless", date="{date}")
                                                    ).replace(r"\{date\}", ".+")))
    expect(state).not_to_contain_text("Mayor")
    expect(page.locator("#quarterly-arrived")).to_contain_text(desk.t("liaison.quarterly.arrived_none"))
    expect(desk.button("liaison.quarterly.publish")).to_have_count(0)
    assert tables.all_inner_texts() == shown

    _q3(client, world, "field.b", "B", outcome="arrest_made")  # a phone that synced late
    page.reload()
    expect(page.locator("#quarterly-arrived")).to_contain_text(desk.t("liaison.quarterly.arrived_some", band="1-4"))
    expect(tables).to_have_count(4)
    assert tables.all_inner_texts() == shown
    scan("published quarter", page)
    page.locator("#app").get_by_role("link", name=desk.t("liaison.quarterly.show_live")).click()
    expect(state).to_contain_text(desk.t("liaison.quarterly.live_of_published", date="{date}").split("{date}")[0])
    expect(tables).to_have_count(4)
    expect(page.locator("#app")).not_to_contain_text(desk.t("liaison.quarterly.arrived_none"))
    assert tables.all_inner_texts() != shown
    scan.assert_clean(screens=2)


def test_whether_a_quarter_is_over_is_the_servers_word_not_the_desks_clock(page, world, client):
    """A desk whose clock reads January: the quarter of today (City time) is still said not over, unpublishable."""
    desk = Desk(page)
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    today = datetime.now(CITY_TZ).date()
    quarter = (today.month - 1) // 3 + 1
    ahead = date(today.year + quarter // 4, quarter % 4 * 3 + 1, 2)  # the second day of the next quarter
    page.clock.set_fixed_time(datetime(ahead.year, ahead.month, ahead.day, 12, tzinfo=timezone.utc))
    desk.open(f"#/desk/quarterly?year={today.year}&quarter={quarter}")
    expect(page.locator("#quarterly-state")).to_have_text(desk.t("liaison.quarterly.not_published"))
    expect(page.locator("#app")).to_contain_text(desk.t("liaison.quarterly.not_over"))
    expect(desk.button("liaison.quarterly.publish")).to_have_count(0)


def test_a_quarter_another_desk_published_meanwhile_is_shown_published_without_asking_for_a_reload(
        page, world, client, login):
    for _ in range(6):
        _q3(client, world, "field.a", "A")
    desk, state = _mayor_on_q3(page)
    mayor = login("mayor").headers
    shown = client.get("/api/v1/reports/quarterly", headers=mayor, query_string={"year": 2026, "quarter": 3})
    assert client.post("/api/v1/reports/quarterly/publication", headers=mayor, json={
        "year": 2026, "quarter": 3, "digest": shown.get_json()["digest"]}).status_code == 201  # the other desk

    desk.button("liaison.quarterly.publish").click()
    page.get_by_role("dialog").get_by_role("button", name=desk.t("liaison.quarterly.publish_confirm")).click()
    # already the published tables: nothing left to reload
    expect(state).to_contain_text(desk.t("liaison.quarterly.published_nameless", date="{date}").split("{date}")[0])
    expect(state).to_be_focused()
    alert = page.get_by_role("alert")
    expect(alert).to_have_text(desk.t("liaison.quarterly.already_published"))
    expect(alert).not_to_contain_text("Reload")
    expect(desk.button("liaison.quarterly.publish")).to_have_count(0)


def test_a_quarter_before_the_citys_first_is_refused_at_the_picker_that_names_it(page, world):
    # An old bookmark or a typed address: the server refuses a quarter before 2025 Q3 (encounter/disclosure.py).
    desk = Desk(page)
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    desk.open("#/desk/quarterly?year=2025&quarter=2")
    expect(page.locator("#app .error-box")).to_have_text(desk.t("desk.refusal.invalid"))
    # "Correct the marked fields": the one field there is marked, and says why.
    picker = page.get_by_label(desk.t("liaison.quarterly.quarter"), exact=True)
    expect(picker).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#quarterly-quarter-error")).to_have_text(desk.t("desk.field_error.not_allowed"))
    expect(picker).to_have_accessible_description(desk.t("desk.field_error.not_allowed"))
    picker.select_option("2025-3")
    desk.button("liaison.quarterly.show").click()
    expect(page.locator("#quarterly-state")).to_have_text(desk.t("liaison.quarterly.not_published"))
    expect(picker).not_to_have_attribute("aria-invalid", "true")
