"""GET /reports/aggregate(.csv): counts known by construction, ISO weeks in the city's time zone, never names."""
import csv
import io

import pytest

from tests.api.reports_support import QUIET, error_body, push_reports
from tests.factories import encounter_body

AGGREGATE = "/api/v1/reports/aggregate"


def body(world, dept="A", start="2026-11-20T15:00:00Z", notified=None, **fields):
    return encounter_body(world, dept, **{**QUIET, "started_at": start, "ended_at": None,
                                          "liaison_notified_at": notified, **fields})


@pytest.fixture
def built(client, world, login):
    """Five reports whose aggregate is known (see the expected values in the tests)."""
    push_reports(client, login("field.a"), [
        body(world, agencies=["ice_ero", "hsi"], document_type="administrative_warrant", non_public_entered=True,
             detained_count=1, masks=True, notified="2026-11-20T15:10:00Z"),
        body(world, agencies=["cbp"], document_type="judicial_warrant", non_public_entered=True, detained_count=2,
             force_used=True, minors_present=True, notified="2026-11-20T15:30:00Z"),
        body(world, agencies=[], area_type="parking_staging", injuries=True),
        # Sunday 22 November, 21:00 in Los Angeles: still ISO week 47 there, though Monday in UTC.
        body(world, start="2026-11-23T05:00:00Z", agencies=["other_federal"], document_type="other"),
    ])
    push_reports(client, login("field.b"), [
        body(world, "B", start="2026-11-27T18:00:00Z", agencies=["ice_ero"], notified="2026-11-27T18:40:00Z"),
    ])


def zero(**measures):
    base = {"reports": 0, "non_public_with_judicial_warrant": 0, "non_public_without_judicial_warrant": 0,
            "detained": 0, "force": 0, "injuries": 0, "children": 0, "staging": 0, "masks": 0,
            "arrests": 0, "identification_refused": 0,
            "no_visible_identification": 0, "records_or_information_demanded": 0, "consent_asked": 0,
            "consent_refused": 0, "entered_over_objection": 0, "weapons_shown": 0, "city_assistance": 0,
            "escalated_to_mayor_office": 0, "median_minutes_to_liaison": None, "median_minutes_to_mayor_office": None}
    return {**base, **measures}


WEEK_A = zero(reports=4, non_public_with_judicial_warrant=1, non_public_without_judicial_warrant=1, detained=3,
              force=1, injuries=1, children=1, staging=1, masks=1, median_minutes_to_liaison=20.0,
              arrests=2, consent_asked=4)  # every factory report says consent was asked
WEEK_B = zero(reports=1, median_minutes_to_liaison=40.0, consent_asked=1)


def test_aggregate_numbers_known_by_construction(client, built, login):
    response = client.get(AGGREGATE, headers=login("mayor").headers)
    assert response.status_code == 200
    data = response.get_json()
    assert data["weeks"] == [{"week": "2026-W47", "department": "A", **WEEK_A},
                             {"week": "2026-W48", "department": "B", **WEEK_B}]
    assert data["totals"] == zero(reports=5, non_public_with_judicial_warrant=1, non_public_without_judicial_warrant=1,
                                  detained=3, force=1, injuries=1, children=1, staging=1, masks=1,
                                  median_minutes_to_liaison=30.0, arrests=2, consent_asked=5)
    assert [(r["week"], r["department"], r["agency"], r["document_type"], r["reports"]) for r in data["by_agency"]] == [
        ("2026-W47", "A", "cbp", "judicial_warrant", 1),
        ("2026-W47", "A", "hsi", "administrative_warrant", 1),
        ("2026-W47", "A", "ice_ero", "administrative_warrant", 1),
        ("2026-W47", "A", "other_federal", "other", 1),
        ("2026-W47", "A", "unknown", "none", 1),
        ("2026-W48", "B", "ice_ero", "none", 1),
    ]


def test_a_report_counts_once_under_each_agency_it_names(client, world, login):
    push_reports(client, login("field.a"), [body(world, agencies=["ice_ero", "ice_ero", "unknown"]),
                                            body(world, agencies=[])])
    data = client.get(AGGREGATE, headers=login("mayor").headers).get_json()
    assert [(r["agency"], r["reports"]) for r in data["by_agency"]] == [("ice_ero", 1), ("unknown", 2)]
    assert data["totals"]["reports"] == 2


@pytest.mark.parametrize("params, weeks", [
    ({"department": "B"}, [("2026-W48", "B")]),
    ({"from": "2026-11-23"}, [("2026-W48", "B")]),
    ({"to": "2026-11-22"}, [("2026-W47", "A")]),
    ({"from": "2026-11-22", "to": "2026-11-22"}, [("2026-W47", "A")]),
    ({"department": "Z"}, []),
])
def test_aggregate_filters_by_period_and_department(client, built, login, params, weeks):
    data = client.get(AGGREGATE, headers=login("admin").headers, query_string=params).get_json()
    assert [(w["week"], w["department"]) for w in data["weeks"]] == weeks


def test_an_empty_period_answers_zeros(client, built, login):
    data = client.get(AGGREGATE, headers=login("mayor").headers, query_string={"from": "2030-01-01"}).get_json()
    assert (data["weeks"], data["by_agency"], data["totals"]) == ([], [], zero())


@pytest.mark.parametrize("table, header", [
    ("weeks", ["week", "department", *zero()]),
    ("by_agency", ["week", "department", "agency", "document_type", "reports"]),
])
def test_aggregate_csv_tables_match_the_json(client, built, login, table, header):
    mayor = login("mayor")
    response = client.get(f"{AGGREGATE}.csv", headers=mayor.headers, query_string={"table": table})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert list(rows[0]) == header
    expected = client.get(AGGREGATE, headers=mayor.headers).get_json()[table]
    assert rows == [{k: "" if v is None else str(v) for k, v in row.items()} for row in expected]


def test_aggregate_never_names_anyone(client, built, login):
    text = client.get(AGGREGATE, headers=login("mayor").headers).get_data(as_text=True)
    assert "Field." not in text and "field." not in text and "looking for" not in text


@pytest.mark.parametrize("params", [{"from": "last week"}, {"from": "2026-11-21", "to": "2026-11-20"},
                                    {"week": "2026-W47"}, {"table": "weeks"}])
def test_bad_aggregate_parameters_are_422(client, world, login, params):
    error_body(client.get(AGGREGATE, headers=login("mayor").headers, query_string=params), 422)


def test_bad_csv_table_is_422(client, world, login):
    error_body(client.get(f"{AGGREGATE}.csv", headers=login("mayor").headers, query_string={"table": "people"}), 422)
