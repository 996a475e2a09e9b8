"""Issue 12: the Mayor's Office charts show, in their tables, the same numbers as the API and its CSV."""
import csv
import io
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import AxeScans
from tests.e2e.desk import Desk, push_report
from tests.factories import encounter_body, push, push_item, sign_in_via_api


def chart_table(page, chart: str) -> dict:
    """A chart's table of numbers: {row (its ISO week, for a row of a week; else its label): [numbers per series
    (then the total, for a stacked chart)]}."""
    rows = page.locator(f"[data-chart-table='{chart}-t'] tbody tr")
    out = {}
    for n in range(rows.count()):
        row = rows.nth(n)
        key = row.get_attribute("data-week") or row.locator("th").inner_text().strip()
        out[key] = [int(td) for td in row.locator("td").all_inner_texts()]
    return out


@pytest.mark.both_backends
def test_the_weekly_and_entry_charts_equal_the_aggregate_and_its_csv(page, world, client, login):
    push_report(client, world, "field.a", "A")  # non-public entry on an administrative warrant
    push_report(client, world, "field.a", "A", document_type="judicial_warrant", started_at="2026-11-20T16:00:00Z",
                ended_at=None)
    push_report(client, world, "field.b", "B", area_type="public", non_public_entered=False,
                started_at="2026-11-27T18:00:00Z", ended_at=None)
    mayor = login("mayor")
    weeks = client.get("/api/v1/reports/aggregate", headers=mayor.headers).get_json()["weeks"]
    csv_weeks = list(csv.DictReader(io.StringIO(client.get("/api/v1/reports/aggregate.csv", headers=mayor.headers)
                                                .get_data(as_text=True))))
    assert [(r["week"], r["department"], int(r["reports"])) for r in csv_weeks] == \
        [(w["week"], w["department"], w["reports"]) for w in weeks]

    desk = Desk(page)
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    desk.open("#/desk/aggregate")
    expect(page.locator("[data-chart='chart-weekly'] svg[role='img']")).to_be_visible()
    weekly = chart_table(page, "chart-weekly")
    departments = sorted({w["department"] for w in weeks})  # "Department A", "Department B": names in code order
    expected = {}
    for w in weeks:
        expected.setdefault(w["week"], [0] * len(departments))[departments.index(w["department"])] = w["reports"]
    expected = {week: [*values, sum(values)] for week, values in expected.items()}  # and the week's total
    assert weekly == expected == {"2026-W47": [2, 0, 2], "2026-W48": [0, 1, 1]}
    # Stacked: one bar per week, one segment per department with reports, in the legend's order.
    bars = page.locator("[data-chart='chart-weekly'] svg g.chart-row")
    drawn = {}
    for n in range(bars.count()):
        bar = bars.nth(n)
        segments = bar.locator("rect")
        drawn[bar.locator("text.chart-label").text_content()] = (
            [(int(segments.nth(i).get_attribute("data-series")), int(segments.nth(i).get_attribute("data-value")))
             for i in range(segments.count())], int(bar.get_attribute("data-total")))
    # Each week is read as its Monday in words; the ISO week stays the row's data-week (as in the CSV).
    assert drawn == {"Week of Nov 16, 2026": ([(0, 2)], 2), "Week of Nov 23, 2026": ([(1, 1)], 1)}
    expect(page.locator("[data-chart-table='chart-weekly-t'] tbody th")).to_have_text(
        ["Week of Nov 16, 2026", "Week of Nov 23, 2026"])
    legend = page.locator("[data-chart='chart-weekly'] .chart-legend li").all_inner_texts()
    assert [text.strip() for text in legend] == ["Department A", "Department B"]
    entries = chart_table(page, "chart-entries")
    assert entries == {w: [sum(x["non_public_with_judicial_warrant"] for x in weeks if x["week"] == w),
                           sum(x["non_public_without_judicial_warrant"] for x in weeks if x["week"] == w)]
                       for w in expected} == {"2026-W47": [1, 1], "2026-W48": [0, 0]}
    outcomes = client.get("/api/v1/reports/crosstab", headers=mayor.headers,
                          query_string={"rows": "outcome", "columns": "department"}).get_json()["cells"]
    assert sum(v[0] for v in chart_table(page, "chart-outcomes").values()) == sum(n for _, _, n in outcomes) == 3


def test_the_liaison_narrows_the_queue_to_reports_of_city_help(page, world, client):
    helped = push_report(client, world, "field.a", "A", city_assistance=True, city_assistance_kinds=["escort"],
                         city_assistance_by=["security_staff"])
    other = push_report(client, world, "field.a", "A", started_at="2026-11-20T18:00:00Z", ended_at=None)
    desk = Desk(page)
    desk.sign_in("liaison.a")
    expect(desk.queue_link(other)).to_be_visible()
    desk.open_filters()
    page.locator("#filter-city_assistance").select_option("true")
    desk.button("liaison.filter.apply").click()
    expect(desk.queue_link(other)).to_have_count(0)
    expect(desk.queue_link(helped)).to_be_visible()
    assert "city_assistance=true" in page.url


def test_the_published_quarterly_report_marks_every_withheld_figure_alike_and_passes_axe(page, context, world,
                                                                                        client):
    """A's 6 November reports are hidden only so that B's 2 cannot be read off the total of 8: the
    page once printed "<5" for both, a false figure beside a total of 8, and no reader may tell the two apart."""
    scan = AxeScans(context)
    device = sign_in_via_api(client, "field.a")
    assert push(client, device, [push_item(encounter_body(world, "A")) for _ in range(6)]).status_code == 200
    for _ in range(2):
        push_report(client, world, "field.b", "B", started_at="2026-11-27T18:00:00Z", ended_at=None)
    desk = Desk(page)
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    desk.open("#/desk/quarterly?year=2026&quarter=4")
    heading = page.get_by_role("heading", name=desk.t("liaison.quarterly.reports_by_month"))
    expect(heading).to_be_visible()
    expect(page.get_by_text(desk.t("liaison.quarterly.legend"))).to_be_visible()
    months = page.locator("section", has=heading).locator("tbody tr")
    by_row = {months.nth(n).locator("th").inner_text().strip(): months.nth(n).locator("td").all_inner_texts()
              for n in range(months.count())}
    withheld = desk.t("liaison.quarterly.withheld")
    a_row, b_row = (next(cells for name, cells in by_row.items() if name.endswith(f"Department {d}") or name == d)
                    for d in "AB")
    assert a_row[0] == b_row[0] == withheld
    assert by_row[desk.t("liaison.quarterly.total")][0] == "8"
    cells = [c.strip() for c in page.locator("#app td").all_inner_texts()]
    assert "<5" not in cells and not any(c in {"1", "2", "3", "4"} for c in cells)
    scan("quarterly report", page)
    scan.assert_clean(screens=1)


def test_the_mayors_office_chooses_the_quarter_of_the_published_report(page, world, client):
    """The report opened on the last full quarter with no way to another: November's reports were reachable
    only by editing the address."""
    device = sign_in_via_api(client, "field.a")
    assert push(client, device, [push_item(encounter_body(world, "A")) for _ in range(5)]).status_code == 200
    desk = Desk(page)
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    desk.open("#/desk/quarterly")
    expect(page.get_by_role("heading", name=desk.t("liaison.quarterly.reports_by_month"))).to_be_visible()
    page.get_by_label(desk.t("liaison.quarterly.quarter"), exact=True).select_option("2026-4")
    page.get_by_role("button", name=desk.t("liaison.quarterly.show"), exact=True).click()
    expect(page).to_have_url(re.compile(r"#/desk/quarterly\?year=2026&quarter=4$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{desk.t('liaison.quarterly.title')} 2026 Q4")
    heading = page.get_by_role("heading", name=desk.t("liaison.quarterly.reports_by_month"))
    months = page.locator("section", has=heading)
    expect(months.locator("thead th")).to_have_text([desk.t("liaison.filter.department"), "November 2026",
                                                     desk.t("liaison.quarterly.total")])
    total = months.locator("tbody tr", has=page.locator("th", has_text=desk.t("liaison.quarterly.total")))
    expect(total.locator("td")).to_have_text(["5", "5"])
    picker = page.get_by_label(desk.t("liaison.quarterly.quarter"), exact=True)
    expect(picker).to_have_value("2026-4")
    expect(picker.locator("option[value='2026-4']")).to_contain_text("2026 Q4")  # a year, not "2,026"


@pytest.mark.both_backends
def test_the_mayors_office_chooses_the_crosstabs_dimensions_and_exports_that_view(page, context, world, client, login):
    scan = AxeScans(context)
    push_report(client, world, "field.a", "A", agent_count=2)
    push_report(client, world, "field.a", "A", agent_count=7, started_at="2026-11-20T16:00:00Z", ended_at=None)
    push_report(client, world, "field.b", "B", agent_count=None, started_at="2026-11-27T18:00:00Z", ended_at=None)
    mayor = login("mayor")
    desk = Desk(page)
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    desk.open("#/desk/aggregate")
    section = page.locator("#crosstab")
    expect(section.locator("table[data-crosstab='department-outcome']")).to_be_visible()
    # Every dimension the server offers, for rows and for columns.
    dimensions = client.get("/api/v1/reports/crosstab", headers=mayor.headers,
                            query_string={"rows": "department", "columns": "outcome"}).get_json()["dimensions"]
    assert page.locator("#crosstab-rows option").evaluate_all("os => os.map(o => o.value)") == dimensions
    assert page.locator("#crosstab-columns option").evaluate_all("os => os.map(o => o.value)") == dimensions
    page.locator("#crosstab-rows").select_option("department")
    page.locator("#crosstab-columns").select_option("agents")
    section.get_by_role("button", name=desk.t("liaison.crosstab.show"), exact=True).click()
    table = section.locator("table[data-crosstab='department-agents']")
    expect(table).to_be_visible()
    assert "rows=department" in page.url and "columns=agents" in page.url
    api = client.get("/api/v1/reports/crosstab", headers=mayor.headers,
                     query_string={"rows": "department", "columns": "agents"}).get_json()["cells"]
    assert sorted(api) == [["A", "1-2", 1], ["A", "6-10", 1], ["B", "not_given", 1]]  # counted by hand
    columns = table.locator("thead th[data-value]").evaluate_all("ths => ths.map(th => th.dataset.value)")
    shown = []
    for row in table.locator("tbody tr").all():
        values = [int(v) for v in row.locator("td").all_inner_texts()]
        shown += [[row.get_attribute("data-value"), c, n] for c, n in zip(columns, values) if n]
        assert values[-1] == sum(values[:-1])  # the row's total
    assert sorted(shown) == sorted(api)
    assert [int(v) for v in table.locator("tfoot td").all_inner_texts()] == [1, 1, 1, 3]
    # Names and words, never codes, where a person reads them.
    assert table.locator("tbody th").all_inner_texts() == ["Department A", "Department B"]
    assert desk.t("liaison.crosstab.not_given") in table.locator("thead").inner_text()
    with page.expect_download() as info:
        section.get_by_role("button", name=desk.t("liaison.crosstab.csv"), exact=True).click()
    with open(info.value.path(), newline="", encoding="utf-8") as handle:
        exported = list(csv.DictReader(handle))
    assert list(exported[0]) == ["rows_dimension", "row", "columns_dimension", "column", "reports"]
    assert sorted([r["row"], r["column"], int(r["reports"])] for r in exported) == sorted(api)
    assert {(r["rows_dimension"], r["columns_dimension"]) for r in exported} == {("department", "agents")}
    scan("Mayor's Office report with the cross-tab and stacked chart", page)
    scan.assert_clean(screens=1)


def test_department_names_follow_the_desks_language_in_filters_charts_and_the_crosstab(page, world, client):
    from server.extensions import db

    world.departments["A"].names = {"en": "Department A", "es": "Departamento A"}
    db.session.commit()
    push_report(client, world, "field.a", "A")
    desk = Desk(page)
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    page.locator("#header").get_by_role("combobox", name="Language").select_option(label="Español")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    spanish = Desk(page, "es")
    desk.open("#/desk/aggregate")
    expect(page.locator("table[data-crosstab='department-outcome']")).to_be_visible()
    # Every department the Mayor's Office may read is offered (GET /departments), not only those with reports.
    options = page.locator("#agg-department option").all_inner_texts()
    assert options == [spanish.t("liaison.filter.all_departments"), "Departamento A", "Department B"]
    assert page.locator("table[data-crosstab='department-outcome'] tbody th").all_inner_texts() == ["Departamento A"]
    legend = page.locator("[data-chart='chart-weekly'] .chart-legend li").all_inner_texts()
    assert [text.strip() for text in legend] == ["Departamento A"]


def test_every_measure_of_the_aggregate_has_a_label_in_every_desk_language():
    """The aggregate's tables label each measure from the catalog, never with the API's key."""
    from server.reports.aggregate import MEASURES
    from tests.e2e.catalogs import read_catalogs

    catalogs = read_catalogs("pwa/src/desk/messages")
    for language, messages in catalogs.items():
        missing = [m for m in MEASURES if f"liaison.agg.{m}" not in messages]
        assert missing == [], f"{language}: no label for {missing}"


def test_csv_files_are_named_by_the_citys_day_not_utcs(page, world, client):
    """From 4 pm Pacific a file downloaded was named tomorrow (the UTC day)."""
    push_report(client, world, "field.a", "A")
    page.clock.set_fixed_time("2026-12-07T01:30:00Z")  # Sunday 6 December, 5:30 pm in Los Angeles
    desk = Desk(page)
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    with page.expect_download() as info:
        page.get_by_role("button", name=desk.t("liaison.queue.csv"), exact=True).click()
    assert info.value.suggested_filename == "reports-2026-12-06.csv"
    desk.open("#/desk/aggregate")
    expect(page.locator("[data-chart='chart-weekly'] svg[role='img']")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("button", name=desk.t("liaison.agg.csv_weeks"), exact=True).click()
    assert info.value.suggested_filename == "aggregate-weeks-2026-12-06.csv"
