"""Analytics: figures known by construction (tests/api/analytics_support.py) on both databases, filters, scope,
roles, CSV equal to JSON, no names."""
import csv
import io
import random
from datetime import timedelta

import pytest

from server.blueprints.analytics import csv_columns
from server.csv_cells import csv_cell
from tests.api.analytics_support import W46, add_report, build_reports
from tests.api.reports_support import uncoded
from tests.api.test_push import assert_error_shape

API = "/api/v1/analytics"


@pytest.fixture
def data(world):
    """The crafted reports; returns the version ids."""
    return build_reports(world)


@pytest.fixture
def trainer_a(world, login):
    return login("trainer.a")


def table(client, who, name, **query) -> dict:
    response = client.get(f"{API}/{name}", headers=who.headers, query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()


def by(rows, key="step_id") -> dict:
    return {row[key]: row for row in rows}


# --- figures ------------------------------------------------------------------------------

def test_steps_of_one_version_count_results_and_measure_done_times(client, data, trainer_a):
    answer = table(client, trainer_a, "steps", version=data["v1"])
    rows = by(answer["rows"])
    assert [r["step_id"] for r in answer["rows"]] == [f"step-{n}" for n in range(1, 15)]
    assert answer["reports"] == 14
    pick = ("reports", "done", "skipped", "not_applicable", "not_reached", "p50_seconds", "p90_seconds")
    assert {k: rows["step-1"][k] for k in pick} == dict(zip(pick, (14, 14, 0, 0, 0, 35.0, 87.0)))
    assert {k: rows["step-2"][k] for k in pick} == dict(zip(pick, (14, 11, 3, 0, 0, 120.0, 120.0)))
    assert {k: rows["step-3"][k] for k in pick} == dict(zip(pick, (14, 11, 0, 2, 1, 180.0, 180.0)))
    assert {k: rows["step-4"][k] for k in pick} == dict(zip(pick, (14, 12, 1, 0, 1, 240.0, 240.0)))
    assert (rows["step-2"]["done_rate"], rows["step-2"]["skipped_rate"]) == (0.7857, 0.2143)
    assert (rows["step-3"]["not_applicable_rate"], rows["step-3"]["not_reached_rate"]) == (0.1429, 0.0714)
    assert rows["step-2"]["time_critical"] is True and rows["step-1"]["time_critical"] is False


def test_steps_without_a_version_group_every_version_by_step_id(client, data, trainer_a):
    rows = table(client, trainer_a, "steps")["rows"]
    # The newest version's steps first, in its order, then steps only older versions have.
    assert [r["step_id"] for r in rows][:5] == ["step-1", "step-3", "new-step", "step-2", "step-4"]
    step_1, new, step_2 = by(rows)["step-1"], by(rows)["new-step"], by(rows)["step-2"]
    # step-1 is in both versions, the newer with 2 reports: over both it is withheld, since version 1's own
    # figures (a version filter away) would give the 2 reports' away; step-2, in version 1 only, is shown.
    assert (step_1["reports"], step_1["done"], step_1["done_rate"]) == (16, None, None)
    assert (step_2["reports"], step_2["skipped"]) == (14, 3)
    # Only the 2 reports of the newest version ran the new step: fewer than the minimum group of 5
    # (encounter/disclosure.py), so its counts, rates and timings are withheld; the report count stays.
    assert (new["reports"], new["done"], new["skipped"], new["skipped_rate"], new["p50_seconds"],
            new["time_critical"]) == (2, None, None, None, None, True)
    # The newest wording, in every language the version has.
    assert by(rows)["step-3"]["text"] == {"en": "Step 3 reworded", "es": "Paso 3"}
    assert by(rows)["step-2"]["text"] == {"en": "Step 2", "es": "Paso 2"}


@pytest.mark.parametrize("username", ["mayor", "trainer"])
def test_a_citywide_viewer_without_filters_gets_what_a_filter_covering_everything_gives(client, data, login,
                                                                                     username):
    # Without filters a citywide viewer's step histogram skips the join to encounters; the
    # figures must be those of the joined query (here kept by a period covering every report).
    who = login(username)
    plain, joined = table(client, who, "steps"), table(client, who, "steps", **{"from": "2000-01-01"})
    assert plain["reports"] == joined["reports"] == 21
    assert plain["rows"] == joined["rows"]
    # step-2 is in version 1 of A (14 reports) and in B's (5): over both departments one row pools them.
    step_2 = by(plain["rows"])["step-2"]
    assert (step_2["department"], step_2["reports"], step_2["done"], step_2["skipped"]) == (None, 19, 11, 8)


def test_a_department_filter_shows_that_departments_own_checklist_wording_and_numbering(client, data, login):
    """A's version 2 (published last) rewords step-3 and moves it to 2; B's checklist still reads
    "Step 3" at 3: filtered to B (or one of its sites), the trainer reads B's."""
    trainer = login("trainer")
    for query in ({"department": "B"}, {"site": "site-b1"}):
        rows = table(client, trainer, "steps", **query)["rows"]
        assert [(r["position"], r["step_id"]) for r in rows] == [(n, f"step-{n}") for n in range(1, 15)]
        assert by(rows)["step-3"]["text"] == {"en": "Step 3", "es": "Paso 3"}
    a_rows = table(client, trainer, "steps", department="A")["rows"]
    assert (by(a_rows)["step-3"]["position"], by(a_rows)["step-3"]["text"]["en"]) == (2, "Step 3 reworded")


def test_all_departments_pool_each_step_without_a_number_or_one_departments_words(client, data, login):
    """A's version 2 rewords step-3 and moves it to 2, B's reads "Step 3" at 3: pooled, neither is shown."""
    trainer = login("trainer")
    rows = by(table(client, trainer, "steps")["rows"])
    assert {r["department"] for r in rows.values()} == {None} and {r["position"] for r in rows.values()} == {None}
    assert rows["step-3"]["text"] is None  # worded differently by the two departments
    assert rows["step-4"]["text"] == {"en": "Step 4", "es": "Paso 4"}  # worded alike
    per_department = [by(table(client, trainer, "steps", department=d)["rows"])["step-3"]["reports"] for d in "AB"]
    assert rows["step-3"]["reports"] == sum(per_department)


def test_timings_give_medians_and_p90_of_minutes_to_arrival_and_to_the_liaison(client, data, trainer_a):
    [total] = table(client, trainer_a, "timings")["rows"]
    assert total == {"reports": 16, "notified": 7, "notified_rate": 0.4375,
                     "p50_minutes_to_received": 8.5, "p90_minutes_to_received": 25.0,
                     "p50_minutes_to_notified": 8.0, "p90_minutes_to_notified": 40.0}
    weeks = by(table(client, trainer_a, "timings", by="week")["rows"], "week")
    assert list(weeks) == ["2026-W46", "2026-W47"]
    assert [weeks["2026-W46"][k] for k in ("reports", "p50_minutes_to_received", "p90_minutes_to_received",
                                           "p50_minutes_to_notified", "p90_minutes_to_notified")] == [10, 5.5, 9.1,
                                                                                                     6.0, 9.2]
    assert [weeks["2026-W47"][k] for k in ("reports", "p50_minutes_to_received", "p90_minutes_to_received")] == [
        6, 20.0, 30.0]


def test_critical_skips_by_site_and_by_week_with_totals(client, data, trainer_a):
    answer = table(client, trainer_a, "critical-skips")
    # site-a2's 4 reports are below the minimum group of 5; site-a1's count is withheld with it, since the
    # total (shown here and by the weeks) minus site-a1's would give site-a2's away (5 - 4).
    assert [(r["site"], r["reports"], r["with_critical_skip"], r["rate"]) for r in answer["rows"]] == [
        ("site-a1", 12, None, None), ("site-a2", 4, None, None)]
    assert answer["total"] == {"reports": 16, "with_critical_skip": 5, "rate": 0.3125}
    weeks = table(client, trainer_a, "critical-skips", by="week")["rows"]
    assert [(r["week"], r["reports"], r["with_critical_skip"]) for r in weeks] == [("2026-W46", 10, 3),
                                                                                   ("2026-W47", 6, 2)]


def test_a_withheld_sites_skips_cannot_be_worked_out_from_the_weeks_of_the_same_filter(client, data, trainer_a):
    sites = table(client, trainer_a, "critical-skips")["rows"]
    weeks = table(client, trainer_a, "critical-skips", by="week")["rows"]
    shown = sum(r["with_critical_skip"] for r in sites if r["with_critical_skip"] is not None)
    if all(r["with_critical_skip"] is not None for r in weeks):
        # site-a2's 4 reports are withheld, but the weeks add up to the same total: 3 + 2 - 4 = 1.
        assert sum(r["with_critical_skip"] for r in weeks) - shown != 1


def test_a_withheld_sites_notified_count_cannot_be_worked_out_from_the_total_of_the_timings(client, data,
                                                                                            trainer_a):
    sites = table(client, trainer_a, "timings", by="site")["rows"]
    [total] = table(client, trainer_a, "timings")["rows"]
    assert [(r["site"], r["reports"]) for r in sites] == [("site-a1", 12), ("site-a2", 4)]
    # site-a2's 4 reports are withheld (0 notified); 7 - 7 would say so if site-a1's count were shown.
    assert total["notified"] == 7 and [r["notified"] for r in sites] == [None, None]


@pytest.mark.parametrize("name, count", [("critical-skips", "with_critical_skip"), ("timings", "notified")])
def test_a_withheld_sites_count_cannot_be_worked_out_from_the_whole_minus_the_other_sites_answer(client, data,
                                                                                               trainer_a, name,
                                                                                               count):
    def total(**query):
        answer = table(client, trainer_a, name, **query)
        return answer["total"][count] if name == "critical-skips" else answer["rows"][0][count]

    whole, other = total(), total(site="site-a1")
    # site-a2's 4 reports are withheld; the whole minus site-a1 alone would be its count.
    assert whole is None or other is None
    assert total(department="A") == whole  # the department is the trainer's whole scope: the same answer


def test_one_days_single_report_cannot_be_worked_out_from_two_periods_a_day_apart(client, world, data, trainer_a):
    from server.extensions import db

    add_report(world, "A", "site-a1", W46 + timedelta(days=1), world.versions["A"], {"step-2": ("skipped", 0)})
    db.session.commit()
    day = table(client, trainer_a, "steps", department="A", site="site-a1",
                **{"from": "2026-11-11", "to": "2026-11-11"})
    # Asked for one day, the answer is for its whole ISO week (Monday to Sunday), and says so.
    assert day["period"] == {"from": "2026-11-09", "to": "2026-11-15"} and day["reports"] == 11
    assert day["filters"]["from"] == "2026-11-11"
    longer, shorter = ({"department": "A", "site": "site-a1", "from": "2026-11-10", "to": to}
                       for to in ("2026-11-11", "2026-11-10"))
    skipped = [by(table(client, trainer_a, "steps", **q)["rows"])["step-2"]["skipped"] for q in (longer, shorter)]
    assert None in skipped or skipped[0] - skipped[1] != 1  # 4 - 3: that one report skipped step 2


def test_a_period_without_ends_is_answered_open(client, data, trainer_a):
    assert table(client, trainer_a, "steps")["period"] == {"from": None, "to": None}
    assert table(client, trainer_a, "timings", to="2026-11-18")["period"] == {"from": None, "to": "2026-11-22"}


def test_a_small_versions_steps_cannot_be_worked_out_from_all_versions_minus_the_other_version(client, data,
                                                                                              trainer_a):
    every = by(table(client, trainer_a, "steps")["rows"])["step-1"]
    older = by(table(client, trainer_a, "steps", version=data["v1"])["rows"])["step-1"]
    compared = by(table(client, trainer_a, "compare", a=data["v1"], b=data["v2"])["rows"])["step-1"]
    assert (older["done"], compared["done_rate_a"]) == (14, 1.0)  # version 1's 14 reports: shown
    # Version 2 ran step-1 in 2 reports: 16 - 14 would be what they did.
    assert every["done"] is None and every["done_rate"] is None and every["not_reached"] is None


def test_compare_matches_steps_by_id_and_says_which_are_in_one_version_only(client, data, trainer_a):
    rows = table(client, trainer_a, "compare", a=data["v1"], b=data["v2"])["rows"]
    assert [(r["step_id"], r["in"]) for r in rows][:5] == [("step-1", "both"), ("step-3", "both"),
                                                           ("new-step", "b_only"), ("step-2", "a_only"),
                                                           ("step-4", "a_only")]
    step_1 = by(rows)["step-1"]
    assert (step_1["reports_a"], step_1["reports_b"], step_1["p50_seconds_a"], step_1["p50_seconds_b"]) == (
        14, 2, 35.0, None)  # version b has 2 reports: its timings are withheld (minimum group of 5)
    assert by(rows)["step-3"]["text"] == {"en": "Step 3 reworded", "es": "Paso 3"}  # b's wording
    assert by(rows)["step-2"]["text"] == {"en": "Step 2", "es": "Paso 2"}  # a only: a's wording
    # Version b's 2 reports are below the minimum group: no rate of theirs is shown either.
    assert (by(rows)["new-step"]["skipped_rate_a"], by(rows)["new-step"]["skipped_rate_b"]) == (None, None)
    assert (step_1["done_rate_a"], step_1["done_rate_b"]) == (1.0, None)


def test_percentiles_equal_percentile_cont_on_awkward_counts(client, world, trainer_a):
    rng = random.Random(5)
    values = [rng.randrange(0, 5000) for _ in range(23)]
    for n, seconds in enumerate(values):
        add_report(world, "A", "site-a1", W46, world.versions["A"], {"step-1": ("done", seconds)})
    from server.extensions import db
    db.session.commit()

    def cont(p):  # PostgreSQL's definition
        ordered, position = sorted(values), p * (len(values) - 1)
        low = int(position)
        high = min(low + 1, len(values) - 1)
        return round(ordered[low] + (ordered[high] - ordered[low]) * (position - low), 1)

    row = by(table(client, trainer_a, "steps")["rows"])["step-1"]
    assert (row["p50_seconds"], row["p90_seconds"]) == (cont(0.5), cont(0.9))


# --- filters -----------------------------------------------------------------------------

@pytest.mark.parametrize("query, reports", [
    ({"site": "site-a2"}, 4), ({"from": "2026-11-16", "to": "2026-11-22"}, 6), ({"from": "2026-11-10", "to": "2026-11-10"}, 10),
    ({"to": "2026-11-08"}, 0), ({"to": "2026-11-09"}, 10), ({"department": "A"}, 16), ({}, 16),
])
def test_filters_narrow_every_table_alike(client, data, trainer_a, query, reports):
    assert table(client, trainer_a, "timings", **query)["rows"][0]["reports"] == reports
    assert table(client, trainer_a, "critical-skips", **query)["total"]["reports"] == reports
    assert table(client, trainer_a, "steps", **query)["reports"] == reports


def test_a_version_filter_keeps_only_its_reports(client, data, trainer_a):
    rows = table(client, trainer_a, "steps", version=data["v2"])["rows"]
    assert [(r["step_id"], r["reports"]) for r in rows] == [("step-1", 2), ("step-3", 2), ("new-step", 2)]
    # Two reports: fewer than the minimum group of 5 (encounter/disclosure.py), so the count is withheld.
    assert table(client, trainer_a, "critical-skips", version=data["v2"])["total"]["with_critical_skip"] is None


def test_narrowed_to_a_single_report_no_step_count_rate_or_timing_is_shown(client, world, trainer_a):
    """One site on one day: its one report's steps (what one employee did, and when) are withheld everywhere."""
    from server.extensions import db
    from datetime import timedelta

    for i in range(6):  # enough reports elsewhere that the department as a whole is shown
        add_report(world, "A", "site-a1", W46 + timedelta(minutes=i), world.versions["A"], {"step-2": ("skipped", 0)},
                   notified_after=5)
    add_report(world, "A", "site-a2", W46 + timedelta(days=3), world.versions["A"], {"step-2": ("skipped", 0)},
               notified_after=5)
    db.session.commit()
    one = {"site": "site-a2", "from": "2026-11-13", "to": "2026-11-13"}
    steps = table(client, trainer_a, "steps", **one)
    assert steps["reports"] == 1
    measures = ("done", "skipped", "not_applicable", "not_reached", "done_rate", "skipped_rate",
                "not_applicable_rate", "not_reached_rate", "p50_seconds", "p90_seconds")
    assert steps["rows"] and all(row[m] is None for row in steps["rows"] for m in measures)
    timing = table(client, trainer_a, "timings", **one)["rows"][0]
    assert (timing["reports"], timing["notified"], timing["p50_minutes_to_received"],
            timing["p50_minutes_to_notified"]) == (1, None, None, None)
    skips = table(client, trainer_a, "critical-skips", **one)
    assert (skips["rows"][0]["with_critical_skip"], skips["total"]["with_critical_skip"]) == (None, None)
    # The CSV says no more than the JSON.
    rows = list(csv.DictReader(io.StringIO(client.get(f"{API}/steps.csv", headers=trainer_a.headers,
                                                      query_string=one).get_data(as_text=True))))
    assert rows and all(row[m] == "" for row in rows for m in measures)
    # The department as a whole (7 reports) is shown.
    whole = by(table(client, trainer_a, "steps", department="A")["rows"])["step-2"]
    assert (whole["reports"], whole["skipped"]) == (7, 7)


@pytest.mark.parametrize("query", [{"from": "2026-11-20", "to": "2026-11-01"}, {"from": "soon"}, {"version": "x"},
                                   {"version": "0"}, {"by": "reporter"}, {"colour": "red"}, {"site": "a\x00"}])
def test_bad_filters_are_422(client, data, trainer_a, query):
    name = "timings" if "by" in query else "steps"
    refusal = assert_error_shape(client.get(f"{API}/{name}", headers=trainer_a.headers, query_string=query), 422)
    assert uncoded(refusal) == []


@pytest.mark.parametrize("name", ["compare", "compare.csv"])
def test_compare_refuses_a_version_filter_and_says_a_and_b_are_the_versions(client, data, trainer_a, name):
    error = assert_error_shape(client.get(f"{API}/{name}", headers=trainer_a.headers,
                                          query_string={"a": data["v1"], "b": data["v2"], "version": data["v1"]}),
                               422)
    assert "a and b" in error["message"] and "version" in error["errors"]["query"] and uncoded(error) == []
    unknown = assert_error_shape(client.get(f"{API}/{name}", headers=trainer_a.headers,
                                            query_string={"a": data["v1"], "b": data["v2"], "colour": "red"}), 422)
    assert "colour" in unknown["errors"]["query"]


# --- scope and roles ---------------------------------------------------------------------

def test_a_department_trainer_sees_nothing_of_another_department(client, data, trainer_a):
    rows = table(client, trainer_a, "critical-skips", by="department")["rows"]
    assert [(r["department"], r["reports"]) for r in rows] == [("A", 16)]
    assert "site-b1" not in str(table(client, trainer_a, "critical-skips")["rows"])
    for query in ({"department": "B"}, {"site": "site-b1"}, {"version": data["b1"]}):
        other = assert_error_shape(client.get(f"{API}/steps", headers=trainer_a.headers, query_string=query), 404)
        missing = {k: ("ZZ" if k != "version" else 999_999) for k in query}
        none = assert_error_shape(client.get(f"{API}/steps", headers=trainer_a.headers, query_string=missing), 404)
        assert other == none
    assert_error_shape(client.get(f"{API}/compare", headers=trainer_a.headers,
                                  query_string={"a": data["v1"], "b": data["b1"]}), 404)


@pytest.mark.parametrize("query, reason", [({"department": "ZZ"}, "unknown_department"), ({"site": "gone"}, "unknown_site"),
                                           ({"version": 999_999}, "unknown_version")])
def test_a_filter_naming_nothing_visible_is_404_with_a_reason_a_desk_can_word(client, data, trainer_a, query, reason):
    for name in ("steps", "timings", "critical-skips", "steps.csv"):
        body = assert_error_shape(client.get(f"{API}/{name}", headers=trainer_a.headers, query_string=query), 404)
        assert body["reason"] == reason
    versions = {"a": 999_999, "b": data["v1"]} if reason == "unknown_version" else {"a": data["v1"], "b": data["v2"], **query}
    compared = assert_error_shape(client.get(f"{API}/compare", headers=trainer_a.headers, query_string=versions), 404)
    assert compared["reason"] == reason


@pytest.mark.parametrize("query, field", [({"department": "A", "site": "site-b1"}, "site"),
                                          ({"department": "A", "version": "b1"}, "version"),
                                          ({"site": "site-a1", "version": "b1"}, "version")])
def test_a_site_or_version_of_another_department_than_the_filters_is_422_not_a_count_of_nothing(
        client, data, login, query, field):
    """A citywide viewer's department filter changed to A kept department B's site: "Reports counted: 0"."""
    query = {k: data[v] if k == "version" else v for k, v in query.items()}
    mayor = login("mayor")
    for name in ("steps", "timings", "critical-skips", "timings.csv"):
        body = assert_error_shape(client.get(f"{API}/{name}", headers=mayor.headers, query_string=query), 422)
        assert body["reason"] == "not_in_department"
        assert body["error_codes"]["query"][field][0]["code"] == "not_allowed"
    compared = client.get(f"{API}/compare", headers=mayor.headers,
                          query_string={"department": "A", "a": data["v1"], "b": data["b1"]})
    assert assert_error_shape(compared, 422)["errors"]["query"].keys() == {"b"}
    # Within one department every filter goes together.
    assert table(client, mayor, "steps", department="A", site="site-a1", version=data["v1"])["reports"] == 10


def test_every_analytics_reader_lists_the_versions_it_may_narrow_to_without_their_contents(client, data, login,
                                                                                           trainer_a):
    """The Mayor's Office reads no checklists (403): it typed version ids into a box."""
    listed = client.get(f"{API}/versions", headers=login("mayor").headers)
    assert listed.status_code == 200, listed.get_data(as_text=True)
    versions = listed.get_json()["versions"]
    assert {(v["id"], v["department"]) for v in versions} >= {(data["v1"], "A"), (data["v2"], "A"), (data["b1"], "B")}
    assert all(set(v) == {"id", "department", "number", "published_at", "published_on", "retired"} for v in versions)  # no text
    own = client.get(f"{API}/versions", headers=trainer_a.headers).get_json()["versions"]
    assert {v["department"] for v in own} == {"A"}
    for username in ("field.a", "liaison.a"):
        refused = assert_error_shape(client.get(f"{API}/versions", headers=login(username).headers), 403)
        assert refused["reason"] == "forbidden_role"


@pytest.mark.parametrize("username", ["mayor", "admin", "trainer"])
def test_citywide_viewers_see_every_department(client, data, login, username):
    rows = table(client, login(username), "critical-skips", by="department")["rows"]
    assert [(r["department"], r["reports"], r["with_critical_skip"]) for r in rows] == [("A", 16, 5), ("B", 5, 5)]


@pytest.mark.parametrize("username", ["field.a", "liaison.a"])
def test_roles_without_analytics_get_403_forbidden_role(client, data, login, username):
    who = login(username)
    for name in ("steps", "timings.csv", "critical-skips", "compare"):
        error = assert_error_shape(client.get(f"{API}/{name}", headers=who.headers,
                                              query_string={"a": data["v1"], "b": data["v2"]} if name == "compare" else {}),
                                   403)
        assert error["reason"] == "forbidden_role"


# --- CSV and names -------------------------------------------------------------------------

QUERIES = [("steps", {}), ("steps", {"version": "v1"}), ("timings", {"by": "week"}), ("timings", {"by": "site"}),
           ("critical-skips", {"by": "week"}), ("critical-skips", {}), ("compare", {"a": "v1", "b": "v2"})]


@pytest.mark.parametrize("name, query", QUERIES)
def test_the_csv_has_the_json_tables_columns_and_rows(client, data, trainer_a, name, query):
    query = {k: data.get(v, v) for k, v in query.items()}
    answer = table(client, trainer_a, name, **query)
    response = client.get(f"{API}/{name}.csv", headers=trainer_a.headers, query_string=query)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    parsed = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    # The JSON's columns, a step's per-language text as one column per required language.
    expected = [c for column in answer["columns"]
                for c in ([f"text_{lang}" for lang in ("en", "es")] if column == "text" else [column])]
    assert parsed[0] == expected == [header for header, _, _ in csv_columns(answer["columns"])]
    assert parsed[1:] == [[csv_cell(row[c[:4]][c[5:]] if c.startswith("text_") else row[c]) for c in expected]
                          for row in answer["rows"]]
    assert len(parsed) > 1
    if "text" in answer["columns"]:
        assert {"Step 1", "Paso 1"} <= {cell for line in parsed for cell in line}


def test_a_csv_cell_that_a_spreadsheet_would_run_is_neutralised():
    assert [csv_cell(v) for v in ("=cmd()", "@x", "-3", -3, 0.25, None, True, "plain")] == [
        "'=cmd()", "'@x", "-3", "-3", "0.25", "", "true", "plain"]


@pytest.mark.parametrize("username", ["trainer.a", "trainer", "mayor"])
def test_no_table_names_a_reporter(client, world, data, login, username):
    who = login(username)
    names = {u.display_name for u in world.users.values()} | {u.username for u in world.users.values()}
    for name, query in QUERIES:
        query = {k: data.get(v, v) for k, v in query.items()}
        for suffix in ("", ".csv"):
            text = client.get(f"{API}/{name}{suffix}", headers=who.headers, query_string=query).get_data(as_text=True)
            assert not [n for n in names if n in text], (name, suffix)


def test_narrowed_below_five_reports_no_step_timing_is_shown(client, data, trainer_a):
    answer = table(client, trainer_a, "steps", site="site-a2")
    assert answer["reports"] == 4
    assert all((r["p50_seconds"], r["p90_seconds"]) == (None, None) for r in answer["rows"])
    timings = table(client, trainer_a, "timings", site="site-a2")["rows"]
    assert [(r["reports"], r["p50_minutes_to_received"]) for r in timings] == [(4, None)]
