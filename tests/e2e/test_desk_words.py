"""The Mayor's Office and trainer desk in the reader's words: weeks as dates, bands in its digits, refusals alone."""
import re

import pytest
from playwright.sync_api import expect

from tests.api.reports_support import QUIET
from tests.e2e.desk import Desk, push_report, second_profile
from tests.e2e.device import choose_language

WEEK_49 = "#/desk/aggregate?rows=week&columns=outcome"


def _week_49(page):
    """The cross-tab's row and the weekly chart's row of ISO week 2026-W49 (its code kept in a data attribute)."""
    return (page.locator("#crosstab table[data-crosstab='week-outcome'] tbody tr[data-value='2026-W49'] th"),
            page.locator("[data-chart-table='chart-weekly-t'] tbody tr[data-week='2026-W49'] th"))


def test_weeks_read_as_their_monday_in_the_chart_and_crosstab_in_english_and_in_farsi_digits(
        page, browser, live_server, world, client):
    push_report(client, world, "field.a", "A", started_at="2026-12-01T18:00:00Z", ended_at=None)  # 2026-W49
    desk = Desk(page)
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    desk.open(WEEK_49)
    for heading in _week_49(page):
        expect(heading).to_have_text("Week of Nov 30, 2026")
    expect(page.locator("#app")).not_to_contain_text("2026-W49")
    with second_profile(browser, live_server) as other:
        choose_language(other, "فارسی", "fa")
        farsi = Desk(other, "fa")
        farsi.sign_in("mayor", landing_key="liaison.queue.title_citywide")
        farsi.open(WEEK_49)
        for heading in _week_49(other):
            expect(heading).to_contain_text("۳۰")
            expect(heading).to_contain_text("۲۰۲۶")
            assert not re.search(r"[0-9]", heading.inner_text()), heading.inner_text()


def test_a_farsi_mayors_office_reads_the_band_of_late_reports_in_persian_digits(page, world, client, login):
    def q3(username, dept):
        push_report(client, world, username, dept, **{**QUIET, "started_at": "2026-08-20T15:00:00Z", "ended_at": None})

    for _ in range(6):
        q3("field.a", "A")
    mayor = login("mayor").headers
    query = {"year": 2026, "quarter": 3}
    digest = client.get("/api/v1/reports/quarterly", headers=mayor, query_string=query).get_json()["digest"]
    assert client.post("/api/v1/reports/quarterly/publication", headers=mayor,
                       json={**query, "digest": digest}).status_code == 201
    q3("field.b", "B")  # a phone that synced late: the band "1-4"
    choose_language(page, "فارسی", "fa")
    desk = Desk(page, "fa")
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    desk.open("#/desk/quarterly?year=2026&quarter=3")
    arrived = page.locator("#quarterly-arrived")
    expect(arrived).to_contain_text("۱-۴")
    assert not re.search(r"[0-9]", arrived.inner_text()), arrived.inner_text()



def test_a_chinese_mayors_office_reads_the_quarter_named_in_chinese_in_the_heading_and_what_is_said(page, world):
    choose_language(page, "中文（简体）", "zh-Hans")
    desk = Desk(page, "zh-Hans")
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    desk.open("#/desk/quarterly?year=2026&quarter=3")
    expect(desk.heading()).to_have_text("季度报告：2026年第3季度")
    picker = page.locator("#quarterly-quarter")
    picker.select_option("2026-2")
    desk.button("liaison.quarterly.show").click()
    expect(desk.heading()).to_have_text("季度报告：2026年第2季度")
    # What a screen reader hears after the pick: the quarter and its state joined by the language's full stop.
    expect(page.locator("#app [role=status][aria-live=polite]")).to_have_text(
        f"季度报告：2026年第2季度。{desk.t('liaison.quarterly.not_published')}")
    assert "Q" not in desk.heading().inner_text()

@pytest.mark.parametrize(("username", "landing", "screen", "title", "refusal"), [
    ("trainer", "trainer.checklists.title", "#/desk/quarterly", "liaison.quarterly.title", "liaison.agg.forbidden"),
    ("trainer", "trainer.checklists.title", "#/desk/aggregate", "liaison.agg.title", "liaison.agg.forbidden"),
    ("liaison.a", "liaison.queue.title", "#/desk/analytics", "analytics.title", "desk.refusal.forbidden"),
    ("trainer", "trainer.checklists.title", "#/desk/admin/users", "admin.users.title", "desk.refusal.forbidden"),
    ("mayor", "liaison.queue.title_citywide", "#/desk/counsel", "counsel.desk.title", "desk.refusal.forbidden"),
], ids=["trainer-quarterly", "trainer-aggregate", "liaison-analytics", "trainer-admin", "mayor-counsel"])
def test_a_role_that_may_not_read_a_desk_screen_typed_in_sees_only_the_refusal(
        page, world, username, landing, screen, title, refusal):
    desk = Desk(page)
    desk.sign_in(username, landing_key=landing)
    desk.open(screen)
    app = page.locator("#app")
    expect(app.get_by_role("heading", level=1)).to_have_text(desk.t(title))
    expect(app).to_contain_text(desk.t(refusal))
    # No picker, filters, form or table for a reader who may not use them.
    expect(app.locator("form, select, input, button, table")).to_have_count(0)
