"""A filter changed on the Mayor's Office and trainer screens (period, department, grouping, quarter) is the same
screen showing other figures: focus stays on the control used, the page does not jump to its top, and the screen's
polite live region says what it now shows. Opening another screen still gives its heading the focus."""
import re

from playwright.sync_api import expect

from tests.e2e.desk import push_report
from tests.e2e.device import wait_until
from tests.e2e.network import HeldRequests
from tests.e2e.trainer import Desk

ANNOUNCED = "#app [role=status][aria-live=polite]"


def _stays(page, control) -> None:
    """Focus is on `control`, not on the heading, and the page was not sent back to its top."""
    expect(control).to_be_focused()
    expect(page.locator("#app h1")).not_to_be_focused()


def _scroll_down(page) -> None:
    """Scroll the page a little, as a user reading under the filters has, so a jump to the top shows."""
    page.set_viewport_size({"width": 1000, "height": 500})
    assert page.evaluate("() => { window.scrollTo(0, 120); return window.scrollY; }") >= 100


def test_the_aggregate_period_and_department_change_keeps_focus_on_the_control_and_says_how_many_reports(
        page, world, client):
    push_report(client, world, "field.a", "A")
    push_report(client, world, "field.a", "A", started_at="2026-11-21T15:00:00Z", ended_at=None)
    push_report(client, world, "field.b", "B")
    desk = Desk(page)
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    desk.open("#/desk/aggregate")
    expect(desk.heading()).to_have_text(desk.t("liaison.agg.title"))
    _scroll_down(page)

    department = page.locator("#agg-department")
    department.focus()
    page.keyboard.press("ArrowDown")  # the first department after "All departments": Department A
    expect(department).to_have_value("A")
    page.keyboard.press("Tab")
    apply = desk.button("liaison.filter.apply")
    expect(apply).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"department=A"))
    expect(page.locator(ANNOUNCED)).to_have_text(
        desk.t("liaison.agg.shown", department="Department A", count=2))
    _stays(page, apply)
    assert page.evaluate("window.scrollY") >= 100

    # The period: a day typed and Enter, as in any search box; the caret stays in the field.
    since = page.locator("#agg-from")
    since.focus()
    page.keyboard.type("11212026")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"from=2026-11-21"))
    expect(page.locator(ANNOUNCED)).to_have_text(
        desk.t("liaison.agg.shown", department="Department A", count=1))
    _stays(page, since)

    # An end date that counts the same report: the same summary, said again (the region is emptied first, since
    # a screen reader reads a live region only when its words change).
    page.evaluate("""(selector) => {
      const region = document.querySelector(selector);
      window.__said = [];
      new MutationObserver(() => window.__said.push(region.textContent))
        .observe(region, { childList: true, subtree: true, characterData: true });
    }""", ANNOUNCED)
    until = page.locator("#agg-to")
    until.focus()
    page.keyboard.type("12312026")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"to=2026-12-31"))
    same = desk.t("liaison.agg.shown", department="Department A", count=1)
    wait_until(page, lambda: page.evaluate("window.__said").count(same) >= 1, message="the summary said again")
    said = page.evaluate("window.__said")
    assert "" in said[:said.index(same)], f"the same summary was not said again: {said}"
    _stays(page, until)

    # The quarterly report is another screen: its heading takes focus.
    page.locator("#app a[href='#/desk/quarterly']").click()
    expect(desk.heading()).to_be_focused()


def test_the_analytics_period_and_timings_grouping_keep_focus_on_the_control_and_say_what_is_counted(
        page, world, client):
    for start in ["2026-11-10T18:00:00Z", "2026-11-11T18:00:00Z", "2026-11-17T18:00:00Z"]:
        push_report(client, world, "field.a", "A", started_at=start, ended_at=None)
    desk = Desk(page)
    desk.sign_in("trainer.a")
    desk.open("#/desk/analytics")
    expect(page.locator("#steps-table")).to_be_visible()
    _scroll_down(page)

    since = page.locator("#filter-from")
    since.focus()
    page.keyboard.type("11112026")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"from=2026-11-11"))
    # The server counts whole weeks: from Monday 9 November on, all three reports.
    week = desk.t("analytics.period", **{"from": "Nov 9, 2026", "to": desk.t("analytics.period.latest")})
    expect(page.locator(ANNOUNCED)).to_have_text(f"{week} {desk.t('analytics.reports', count=3)}")
    _stays(page, since)
    assert page.evaluate("window.scrollY") >= 100

    grouping = page.locator("#timings-by")
    grouping.focus()
    page.keyboard.press("ArrowDown")  # "All reports" → by week: the select applies it at once
    expect(page).to_have_url(re.compile(r"by=week"))
    expect(page.locator("#timings-table thead th").first).to_have_text(desk.t("analytics.by.week"))
    expect(page.locator(ANNOUNCED)).to_have_text(f"{week} {desk.t('analytics.reports', count=3)}")
    _stays(page, grouping)
    expect(page.locator("#filter-from")).to_have_value("2026-11-11")

    # Two versions side by side: chosen with the keyboard, shown with Enter on "Show", which keeps focus.
    page.locator("#filter-a").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    show = desk.button("analytics.compare.show")
    expect(show).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"a=\d+&b=\d+"))
    expect(page.locator("#compare-table")).to_be_visible()
    expect(page.locator(ANNOUNCED)).to_have_text(f"{week} {desk.t('analytics.reports', count=3)}")
    _stays(page, show)



def test_the_analytics_figures_and_the_readers_place_stay_while_a_new_period_loads(page, world, client):
    for start in ["2026-11-10T18:00:00Z", "2026-11-17T18:00:00Z"]:
        push_report(client, world, "field.a", "A", started_at=start, ended_at=None)
    desk = Desk(page)
    desk.sign_in("trainer.a")
    desk.open("#/desk/analytics")
    expect(page.locator("#steps-table")).to_be_visible()
    expect(page.locator("#app .loading")).to_have_count(0)
    _scroll_down(page)
    timings = HeldRequests(page.context, "**/api/v1/analytics/timings*")  # the new period's, until let go

    since = page.locator("#filter-from")
    since.focus()
    page.keyboard.type("11162026")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"from=2026-11-16"))
    wait_until(page, timings.arrived, message="the timings to be asked for")
    # Every other table of the new period is in by now; none is emptied to "Loading…" meanwhile, and the page
    # has not shrunk under the reader and jumped to its top.
    page.wait_for_timeout(300)
    expect(page.locator("#app .loading")).to_have_count(0)
    expect(page.locator("#steps-table")).to_be_visible()
    assert page.evaluate("window.scrollY") >= 100
    expect(since).to_be_focused()
    expect(page.locator("#app")).to_have_attribute("data-updating", "")  # the figures shown dimmed meanwhile

    timings.release()
    week = desk.t("analytics.period", **{"from": "Nov 16, 2026", "to": desk.t("analytics.period.latest")})
    expect(page.locator(ANNOUNCED)).to_have_text(f"{week} {desk.t('analytics.reports', count=1)}")
    expect(page.locator("#analytics-period")).to_have_text(week)
    expect(page.locator("#app")).not_to_have_attribute("data-updating", "")
    assert page.evaluate("window.scrollY") >= 100
    _stays(page, since)


def test_a_date_typed_while_analytics_still_loads_keeps_its_caret_and_the_page_its_place(page, world, client):
    """The screen is in use once its first table is drawn: when its last one arrives, the router must not take the
    focus to the heading mid-date (the rest of the date went nowhere) nor send the page to its top."""
    push_report(client, world, "field.a", "A", started_at="2026-11-10T18:00:00Z", ended_at=None)
    desk = Desk(page)
    desk.sign_in("trainer.a")
    timings = HeldRequests(page.context, "**/api/v1/analytics/timings*")  # the last table, while the trainer types
    desk.open("#/desk/analytics")
    expect(page.locator("#steps-table")).to_be_visible()
    wait_until(page, timings.arrived, message="the timings to be asked for")
    _scroll_down(page)

    since = page.locator("#filter-from")
    since.focus()
    page.keyboard.type("1111")
    timings.release()
    expect(page.locator("#timings-table")).to_be_visible()
    expect(since).to_be_focused()
    assert page.evaluate("window.scrollY") >= 100
    page.keyboard.type("2026")
    expect(since).to_have_value("2026-11-11")

    # A screen opened afresh still starts at its top with its heading focused.
    desk.open("#/desk/quarterly")
    expect(desk.heading()).to_be_focused()
    assert page.evaluate("window.scrollY") == 0

def test_the_quarter_picker_keeps_focus_on_show_and_says_which_quarter_and_whether_it_is_published(
        page, world, client):
    push_report(client, world, "field.a", "A", started_at="2026-08-20T15:00:00Z", ended_at=None)
    desk = Desk(page)
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    desk.open("#/desk/quarterly?year=2026&quarter=3")
    expect(page.locator("#quarterly-state")).to_have_text(desk.t("liaison.quarterly.not_published"))

    picker = page.locator("#quarterly-quarter")
    picker.focus()
    page.keyboard.press("ArrowDown")  # newest first: the quarter before, 2026 Q2
    page.keyboard.press("Tab")
    show = desk.button("liaison.quarterly.show")
    expect(show).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"year=2026&quarter=2"))
    expect(desk.heading()).to_have_text("Quarterly report 2026 Q2")
    expect(page.locator(ANNOUNCED)).to_have_text(f"Quarterly report 2026 Q2. {desk.t('liaison.quarterly.not_published')}")
    _stays(page, show)
