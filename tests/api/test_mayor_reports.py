"""Issue 12: the Mayor's Office cross-tab by any two dimensions and the publishable quarterly report (hand-counted)."""
import csv
import io

import pytest

from server.extensions import db
from server.models import Department
from tests.api.reports_support import QUIET, error_body, push_reports
from tests.factories import encounter_body

CROSSTAB = "/api/v1/reports/crosstab"
QUARTERLY = "/api/v1/reports/quarterly"


def body(world, dept="A", **fields):
    return encounter_body(world, dept, **{**QUIET, "started_at": "2026-11-20T15:00:00Z", "ended_at": None, **fields})


@pytest.fixture
def built(client, world, login):
    """Department A: 6 reports; B: 2 (hand-counted in each test)."""
    push_reports(client, login("field.a"), [
        # Agents still in a non-public area, entry not answered: counts as an entry without a judicial warrant.
        body(world, area_type="non_public", outcome="still_present", non_public_entered=None, agent_count=4),
        body(world, non_public_entered=True, document_type="judicial_warrant", agent_count=12,
             stated_reason="named_person"),
        body(world, outcome="left_without_action", agent_count=1),
        body(world, outcome="left_without_action", city_assistance=True, city_assistance_kinds=["escort"]),
        body(world, outcome="left_without_action", stated_reason="named_person"),
        body(world, outcome="arrest_made", detained_count=1, stated_reason="worksite_enforcement"),
    ])
    push_reports(client, login("field.b"), [body(world, "B"), body(world, "B", stated_reason="no_reason_given")])


def cells(client, login, rows, columns):
    response = client.get(CROSSTAB, headers=login("mayor").headers, query_string={"rows": rows, "columns": columns})
    assert response.status_code == 200, response.get_data(as_text=True)
    return {(r, c): n for r, c, n in response.get_json()["cells"]}


def test_entries_with_and_without_a_judicial_warrant_by_department(client, built, login):
    assert cells(client, login, "department", "entry_warrant") == {
        ("A", "with_judicial_warrant"): 1, ("A", "without_judicial_warrant"): 1, ("A", "no_entry"): 4,
        ("B", "no_entry"): 2}


def test_outcomes_arrests_and_stated_reasons_by_department(client, built, login):
    assert cells(client, login, "department", "outcome") == {
        ("A", "still_present"): 1, ("A", "not_given"): 1, ("A", "left_without_action"): 3, ("A", "arrest_made"): 1,
        ("B", "not_given"): 2}
    assert cells(client, login, "stated_reason", "arrest") == {
        ("named_person", "no"): 2, ("worksite_enforcement", "yes"): 1, ("no_reason_given", "no"): 1,
        ("not_given", "no"): 4}


def test_agents_in_bands_against_city_assistance(client, built, login):
    # QUIET leaves the factory's three agents on the reports that do not say otherwise.
    assert cells(client, login, "agents", "city_assistance") == {
        ("1-2", "not_known"): 1, ("3-5", "not_known"): 5, ("3-5", "yes"): 1, ("11+", "not_known"): 1}


def test_the_crosstab_csv_has_its_stated_columns_and_the_same_counts(client, built, login):
    response = client.get(f"{CROSSTAB}.csv", headers=login("mayor").headers,
                          query_string={"rows": "department", "columns": "entry_warrant"})
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert list(rows[0]) == ["rows_dimension", "row", "columns_dimension", "column", "reports"]
    assert {(r["row"], r["column"]): int(r["reports"]) for r in rows} == \
        cells(client, login, "department", "entry_warrant")


def test_a_liaison_counts_only_their_department(client, built, login):
    response = client.get(CROSSTAB, headers=login("liaison.a").headers,
                          query_string={"rows": "department", "columns": "arrest"})
    if response.status_code == 200:
        assert {r for r, _, _ in response.get_json()["cells"]} == {"A"}
    else:
        error_body(response, 403)


def test_an_unknown_dimension_is_a_clear_422(client, world, login):
    error_body(client.get(CROSSTAB, headers=login("mayor").headers,
                          query_string={"rows": "resident_name", "columns": "department"}), 422)


def test_the_quarterly_report_hides_small_counts_and_what_would_recover_them(client, built, login):
    response = client.get(QUARTERLY, headers=login("mayor").headers, query_string={"year": 2026, "quarter": 4})
    assert response.status_code == 200, response.get_data(as_text=True)
    report = response.get_json()
    assert (report["from"], report["to"], report["suppressed"]) == ("2026-10-01", "2026-12-31", "withheld")
    tables = {t["name"]: {row["department"]: row["cells"] for row in t["rows"]} for t in report["tables"]}
    by_month = tables["reports_by_month"]
    assert by_month["B"] == {"2026-11": "withheld", "total": "withheld"}
    # B's 2 could be read off the column total (8) minus A's 6: so A's count is hidden as well.
    assert by_month["A"]["2026-11"] == "withheld" and by_month["total"]["2026-11"] == 8
    for table in tables.values():
        for row in table.values():
            assert not any(isinstance(v, int) and 0 < v < 5 for v in row.values())
    csv_rows = list(csv.DictReader(io.StringIO(client.get(
        f"{QUARTERLY}.csv", headers=login("mayor").headers, query_string={"year": 2026, "quarter": 4}
    ).get_data(as_text=True))))
    assert list(csv_rows[0]) == ["table", "department", "column", "reports", "note"]
    assert {(r["table"], r["department"], r["column"]): r["reports"] for r in csv_rows} == {
        (name, dept, column): str(value) for name, table in tables.items() for dept, row in table.items()
        for column, value in row.items()}


def test_a_withheld_figure_of_five_or_more_is_never_labelled_fewer_than_five(client, built, login):
    """A's 6 in November is hidden only so that B's 2 cannot be read off the total of 8: "<5" on it
    was false, and a mark of its own would have told which of the two hidden figures is the small one."""
    mayor = login("mayor").headers
    query = {"year": 2026, "quarter": 4}
    report = client.get(QUARTERLY, headers=mayor, query_string=query).get_json()
    marks = {value for t in report["tables"] for row in t["rows"] for value in row["cells"].values()
             if not isinstance(value, int)}
    assert marks == {report["suppressed"]}
    by_month = {row["department"]: row["cells"] for row in report["tables"][0]["rows"]}
    assert by_month["A"]["2026-11"] == by_month["B"]["2026-11"] == report["suppressed"] != "<5"
    csv_rows = list(csv.DictReader(io.StringIO(client.get(f"{QUARTERLY}.csv", headers=mayor, query_string=query)
                                               .get_data(as_text=True))))
    assert "<5" not in {r["reports"] for r in csv_rows}
    notes = {r["reports"]: r["note"] for r in csv_rows}
    assert notes["withheld"].startswith("withheld: a count from 1 to 4, or a figure withheld")
    assert notes["8"] == ""


def test_one_departments_quarterly_report_shows_nothing_the_citywide_one_hides(client, built, login):
    """Citywide, A's November (6) is hidden so that B's 2 stays hidden; A's own report printed 6,
    and the citywide November total of 8 then gave B's 2 away."""
    mayor = login("mayor").headers

    def tables(**query):
        report = client.get(QUARTERLY, headers=mayor, query_string={"year": 2026, "quarter": 4, **query}).get_json()
        return {t["name"]: {row["department"]: row["cells"] for row in t["rows"]} for t in report["tables"]}

    citywide, own = tables(), tables(department="A")
    assert own["reports_by_month"]["A"]["2026-11"] == "withheld"
    for name, table in own.items():
        assert table == {"A": citywide[name]["A"], "total": citywide[name]["A"]}, name
    db.session.add(Department(code="C", name="Department C"))
    db.session.commit()
    csv_text = client.get(f"{QUARTERLY}.csv", headers=mayor,
                          query_string={"year": 2026, "quarter": 4, "department": "C"}).get_data(as_text=True)
    assert {r["reports"] for r in csv.DictReader(io.StringIO(csv_text))} == {"0"}  # no reports there


@pytest.mark.parametrize("path", [QUARTERLY, f"{QUARTERLY}.csv"])
def test_a_quarterly_report_for_a_department_that_does_not_exist_is_404_not_zeros(client, built, login, path):
    query = {"year": 2026, "quarter": 4, "department": "NOPE"}
    response = client.get(path, headers=login("mayor").headers, query_string=query)
    assert response.status_code == 404
    assert response.get_json()["message"] == "no such department"
    assert response.get_json()["reason"] == "unknown_department"  # the desk words it in its reader's language


def test_an_empty_quarter_publishes_zeros(client, built, login):
    report = client.get(QUARTERLY, headers=login("mayor").headers, query_string={"year": 2025, "quarter": 3}).get_json()  # the first
    assert all(row["cells"] == {"total": 0} for t in report["tables"] for row in t["rows"])


def test_the_desk_lists_departments_and_sites_within_the_users_scope(client, world, login):
    mayor, liaison = login("mayor").headers, login("liaison.a").headers
    citywide = client.get("/api/v1/departments", headers=mayor).get_json()
    assert {"A", "B"} <= {d["code"] for d in citywide}
    assert {d["code"] for d in client.get("/api/v1/departments", headers=liaison).get_json()} == {"A"}
    sites = client.get("/api/v1/sites", headers=liaison).get_json()
    assert sites and {s["department"] for s in sites} == {"A"} and all(s["facility_type"] for s in sites)
    assert {s["department"] for s in client.get("/api/v1/sites", headers=mayor).get_json()} >= {"A", "B"}


def test_the_crosstab_lists_its_dimensions_for_the_desks_control(client, built, login):
    from server.reports.pivot import DIMENSIONS

    answer = client.get(CROSSTAB, headers=login("mayor").headers,
                        query_string={"rows": "facility_type", "columns": "agents"}).get_json()
    assert answer["dimensions"] == list(DIMENSIONS) and len(DIMENSIONS) == 26


def test_a_period_keeps_every_report_of_its_first_and_last_day_and_none_of_the_days_around(client, world, login):
    """The period bounds the week key as well as the start time: a week straddling the edge keeps its inside days."""
    times = {"2026-07-01T06:30:00Z": "out",  # 30 June, 23:30 in Los Angeles (same ISO week as 1 July)
             "2026-07-01T07:30:00Z": "in",  # 1 July, 00:30
             "2026-10-01T06:30:00Z": "in",  # 30 September, 23:30
             "2026-10-01T07:30:00Z": "out"}  # 1 October, 00:30 (same ISO week as 30 September)
    push_reports(client, login("field.a"), [body(world, started_at=at) for at in times])
    mayor = login("mayor").headers
    period = {"from": "2026-07-01", "to": "2026-09-30"}
    weeks = client.get(CROSSTAB, headers=mayor, query_string={**period, "rows": "week", "columns": "department"})
    assert weeks.get_json()["cells"] == [["2026-W27", "A", 1], ["2026-W40", "A", 1]]
    aggregate = client.get("/api/v1/reports/aggregate", headers=mayor, query_string=period).get_json()
    assert aggregate["totals"]["reports"] == 2
    assert [(w["week"], w["reports"]) for w in aggregate["weeks"]] == [("2026-W27", 1), ("2026-W40", 1)]
    quarter = client.get(QUARTERLY, headers=mayor, query_string={"year": 2026, "quarter": 3}).get_json()
    months = next(t for t in quarter["tables"] if t["name"] == "reports_by_month")
    assert months["columns"] == ["2026-07", "2026-09", "total"]
