"""GET /reports: order, keyset pages, filters, counts, text search, CSV export, bad input."""
import csv
import io

import pytest

from encounter.views import QUEUE_PAGE
from tests.api.reports_support import (
    QUEUE, decide, error_body, get_queue, push_reports, queue_ids, quiet, received, report, stored_before_the_door,
    uncoded,
    update_report, walk,
)
from tests.factories import encounter_body

CSV_COLUMNS = ["id", "department", "site", "facility_type", "priority", "priority_rule", "status", "assigned",
               "started_at", "received_at", "agencies", "document_type", "area_type", "photo_count",
               "open_questions", "possible_sensitive_text"]


@pytest.fixture
def devices(login):
    return {"field": login("field.a"), "liaison": login("liaison.a")}


def test_queue_orders_p1_first_then_newest_received_then_id(client, world, devices):
    field, liaison = devices["field"], devices["liaison"]
    old_p3, new_p3 = quiet(client, world, field), quiet(client, world, field)
    old_p1, new_p1 = report(client, world, field), report(client, world, field)
    p2 = quiet(client, world, field, document_type="judicial_warrant")
    for rid, minutes in ((old_p3, 50), (new_p3, 10), (old_p1, 40), (new_p1, 20), (p2, 5)):
        received(rid, minutes)
    assert queue_ids(client, liaison) == [new_p1, old_p1, p2, new_p3, old_p3]


def test_item_shape_matches_the_contract(client, world, devices):
    rid = report(client, world, devices["field"], photos=[{"sha256": "a" * 64, "size": 10, "type": "image/jpeg"}])
    page = get_queue(client, devices["liaison"]).get_json()
    assert set(page) == {"items", "counts", "counts_capped", "next", "polled_at"}
    (item,) = page["items"]
    assert item["id"] == rid and item["department"] == "A"
    assert item["site"] == {"code": "site-a1", "name": "Site A1", "facility_type": "office_counter"}
    assert (item["status"], item["assigned_to"], item["group"], item["flags"]) == ("new", None, None, [])
    assert (item["agencies"], item["document_type"], item["area_type"]) == (["ice_ero"], "administrative_warrant",
                                                                            "non_public")
    assert (item["photo_count"], item["open_questions"]) == (1, 0)
    assert page["counts"] == {"new": 1, "acknowledged": 0, "in_review": 0, "escalated": 0, "closed": 0}
    assert page["next"] is None


def test_keyset_pages_hold_every_report_once(client, world, devices):
    ids = push_reports(client, devices["field"], [encounter_body(world, **({"masks": False} if n % 3 else {}))
                                                  for n in range(23)])
    pages = walk(client, devices["liaison"], limit=5)
    assert sorted(pages) == sorted(ids) and len(pages) == 23


def test_reports_arriving_while_paging_are_never_repeated_and_never_push_others_out(client, world, devices):
    field, liaison = devices["field"], devices["liaison"]
    bodies = [encounter_body(world, **({} if n % 2 else {"masks": False, "non_public_entered": False,
                                                        "area_type": "public", "detained_count": 0}))
              for n in range(12)]
    push_reports(client, field, bodies)
    expected = walk(client, liaison, limit=4)
    first = get_queue(client, liaison, limit=4).get_json()
    # New reports of every priority arrive after the first page was read.
    arrived = push_reports(client, field, [encounter_body(world), encounter_body(world, **{
        "masks": False, "non_public_entered": False, "area_type": "public", "detained_count": 0})])
    seen, after = [i["id"] for i in first["items"]], first["next"]
    while after:
        page = get_queue(client, liaison, limit=4, after=after).get_json()
        seen += [i["id"] for i in page["items"]]
        after = page["next"]
    assert len(seen) == len(set(seen))
    assert [i for i in seen if i not in arrived] == expected
    # The new P1 sorts before the cursor (seen on the next poll of page one); the new P3 after it.
    assert arrived[0] not in seen and arrived[1] in seen


def test_counts_are_per_status_for_the_same_filters_except_status(client, world, devices):
    field, liaison = devices["field"], devices["liaison"]
    a, b, c = report(client, world, field), report(client, world, field), quiet(client, world, field)
    update_report(a, status="closed")
    update_report(b, status="escalated")
    page = get_queue(client, liaison, priority=1).get_json()
    assert [i["id"] for i in page["items"]] == [b]
    assert page["counts"] == {"new": 0, "acknowledged": 0, "in_review": 0, "escalated": 1, "closed": 1}
    assert get_queue(client, liaison).get_json()["counts"]["new"] == 1 and c


def test_counts_come_with_the_first_page_only(client, world, devices):
    field, liaison = devices["field"], devices["liaison"]
    push_reports(client, field, [encounter_body(world) for _ in range(3)])
    first = get_queue(client, liaison, limit=2).get_json()
    assert first["counts"] == {"new": 3, "acknowledged": 0, "in_review": 0, "escalated": 0, "closed": 0}
    second = get_queue(client, liaison, limit=2, after=first["next"]).get_json()
    assert len(second["items"]) == 1 and second["counts"] is None and second["next"] is None


def test_a_text_search_matching_more_than_the_cap_counts_that_many_and_says_so(app, client, world, devices):
    field, liaison = devices["field"], devices["liaison"]
    push_reports(client, field, [encounter_body(world, notes="Blue van by the gate") for _ in range(4)])
    app.config["QUEUE_SEARCH_COUNT_CAP"] = 2

    searched = get_queue(client, liaison, q="blue van").get_json()
    unfiltered = get_queue(client, liaison).get_json()

    assert len(searched["items"]) == 4  # the page itself is whole
    assert searched["counts_capped"] is True and sum(searched["counts"].values()) == 3
    assert unfiltered["counts_capped"] is False and unfiltered["counts"]["new"] == 4


def test_counts_follow_every_filter(client, world, devices):
    field, liaison = devices["field"], devices["liaison"]
    site2 = quiet(client, world, field, site="site-a2", agencies=["cbp"], started_at="2026-11-10T18:00:00Z",
                  ended_at=None, notes="Blue van by the gate")
    mine = quiet(client, world, field, agencies=["hsi", "ice_ero"])
    report(client, world, field, started_at="2026-11-22T07:30:00Z", ended_at=None)
    update_report(mine, assigned_to_id=world.users["liaison.a"].id, status="acknowledged")
    update_report(site2, status="closed")

    def counts(**params):
        return {k: v for k, v in get_queue(client, liaison, **params).get_json()["counts"].items() if v}

    assert counts() == {"new": 1, "acknowledged": 1, "closed": 1}
    assert counts(site="site-a2") == counts(agency="cbp") == counts(q="BLUE VAN") == {"closed": 1}
    assert counts(agency="ice_ero") == {"new": 1, "acknowledged": 1}
    assert counts(priority=3) == {"acknowledged": 1, "closed": 1}
    assert counts(assigned="me") == {"acknowledged": 1} and counts(assigned="none") == {"new": 1, "closed": 1}
    assert counts(to="2026-11-20") == {"acknowledged": 1, "closed": 1} and counts(department="B") == {}


@pytest.mark.parametrize("status, expected", [
    (None, {"new", "acknowledged", "escalated"}), ("open", {"new", "acknowledged", "escalated"}),
    ("closed", {"closed"}), (["new", "closed"], {"new", "closed"}),
])
def test_status_filter_defaults_to_open(client, world, devices, status, expected):
    ids = {}
    for state in ("new", "acknowledged", "escalated", "closed"):
        ids[state] = quiet(client, world, devices["field"])
        update_report(ids[state], status=state)
    params = {"status": status} if status else {}
    assert set(queue_ids(client, devices["liaison"], **params)) == {ids[s] for s in expected}


def test_filters_each_narrow_the_queue(client, world, devices):
    field, liaison = devices["field"], devices["liaison"]
    site2 = quiet(client, world, field, site="site-a2", agencies=["cbp"], started_at="2026-11-10T18:00:00Z",
                  ended_at=None)
    mine = quiet(client, world, field, agencies=["hsi", "ice_ero"])
    p1 = report(client, world, field, started_at="2026-11-22T07:30:00Z", ended_at=None)  # 23:30 on the 21st in LA
    update_report(mine, assigned_to_id=world.users["liaison.a"].id)
    q = lambda **kw: set(queue_ids(client, liaison, **kw))  # noqa: E731
    assert q(site="site-a2") == {site2}
    assert q(site="site-b1") == set() and q(site="nope") == set()
    assert q(agency="cbp") == {site2}
    assert q(agency="ice_ero") == {mine, p1}
    assert q(priority=1) == {p1} and q(priority=[1, 3]) == {site2, mine, p1}
    assert q(assigned="me") == {mine}
    assert q(assigned="none") == {site2, p1}
    assert q(**{"from": "2026-11-20"}) == {mine, p1}
    assert q(to="2026-11-20") == {site2, mine}
    assert q(**{"from": "2026-11-21", "to": "2026-11-21"}) == {p1}
    assert q(department="A") == {site2, mine, p1} and q(department="B") == set()


def test_text_search_matches_free_text_case_insensitively_and_takes_percent_and_underscore_literally(
        client, world, devices):
    field, liaison = devices["field"], devices["liaison"]
    percent = quiet(client, world, field, notes="About 50% of the lot was blocked.")
    underscore = quiet(client, world, field, stated_purpose="Asked for file_2024 records")
    plain = quiet(client, world, field, notes="Asked for file 2024X and 50 percent.")
    assert set(queue_ids(client, liaison, q="50%")) == {percent}
    assert set(queue_ids(client, liaison, q="file_2024")) == {underscore}
    assert set(queue_ids(client, liaison, q="FILE")) == {underscore, plain}
    assert queue_ids(client, liaison, q="%") == [percent]
    assert queue_ids(client, liaison, q="_") == [underscore]
    assert queue_ids(client, liaison, q="not in any report") == []


def test_likely_duplicates_are_grouped_in_the_queue(client, world, devices):
    field, liaison = devices["field"], devices["liaison"]
    a = quiet(client, world, field, started_at="2026-11-20T15:00:00Z")
    b = quiet(client, world, field, started_at="2026-11-20T16:30:00Z")
    far = quiet(client, world, field, started_at="2026-11-20T19:00:00Z")
    other_site = quiet(client, world, field, site="site-a2", started_at="2026-11-20T15:10:00Z")
    groups = {i["id"]: i["group"] for i in get_queue(client, liaison).get_json()["items"]}
    assert groups[a] == groups[b] == {"size": 2, "decided": False}
    assert groups[far] is None and groups[other_site] is None
    decide(world, a, b, "same")
    groups = {i["id"]: i["group"] for i in get_queue(client, liaison).get_json()["items"]}
    assert groups[a] == {"size": 2, "decided": True}


def test_a_chain_of_reports_groups_pairwise_up_to_exactly_two_hours(client, world, devices):
    field, liaison = devices["field"], devices["liaison"]
    a = quiet(client, world, field, started_at="2026-11-20T15:00:00Z")
    b = quiet(client, world, field, started_at="2026-11-20T16:30:00Z")
    c = quiet(client, world, field, started_at="2026-11-20T18:30:00Z")  # b's window's very end
    groups = {i["id"]: i["group"] for i in get_queue(client, liaison).get_json()["items"]}
    assert [groups[r]["size"] for r in (a, b, c)] == [2, 3, 2]


def test_sensitive_looking_free_text_is_flagged(client, world, devices):
    field, liaison = devices["field"], devices["liaison"]
    flagged = quiet(client, world, field)
    stored_before_the_door(flagged, notes="The man said he was undocumented, A-123-456-789.")
    clean = quiet(client, world, field)
    flags = {i["id"]: i["flags"] for i in get_queue(client, liaison).get_json()["items"]}
    assert flags == {flagged: ["possible_sensitive_text"], clean: []}


def test_csv_export_has_exactly_the_stated_columns_and_matches_the_json(client, world, devices):
    field, liaison = devices["field"], devices["liaison"]
    ids = push_reports(client, field, [encounter_body(world, agencies=["ice_ero", "cbp"]),
                                       encounter_body(world, masks=False), encounter_body(world)])
    stored_before_the_door(ids[2], notes="=HYPERLINK(\"x\") undocumented")
    response = client.get(f"{QUEUE}.csv", headers=liaison.headers)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == CSV_COLUMNS
    items = get_queue(client, liaison).get_json()["items"]
    assert [r[0] for r in rows[1:]] == [i["id"] for i in items]
    for row, item in zip(rows[1:], items):
        record = dict(zip(CSV_COLUMNS, row))
        assert record["priority"] == str(item["priority"]) and record["status"] == item["status"]
        assert record["agencies"] == ";".join(item["agencies"]) and record["site"] == item["site"]["code"]
        assert record["possible_sensitive_text"] == ("yes" if item["flags"] else "no")
    body = response.get_data(as_text=True)
    assert "HYPERLINK" not in body and "undocumented" not in body and "Field.A" not in body


def test_csv_export_applies_the_filters(client, world, devices):
    field, liaison = devices["field"], devices["liaison"]
    p1, p3 = report(client, world, field), quiet(client, world, field)
    rows = list(csv.reader(io.StringIO(client.get(f"{QUEUE}.csv?priority=3", headers=liaison.headers)
                                       .get_data(as_text=True))))
    assert [r[0] for r in rows[1:]] == [p3] and p1


@pytest.mark.parametrize("params", [
    {"status": "done"}, {"priority": "4"}, {"priority": "7"}, {"priority": "urgent"}, {"limit": "0"}, {"limit": "101"},
    {"from": "yesterday"}, {"to": "2026-13-01"}, {"from": "2026-11-21", "to": "2026-11-20"},
    {"assigned": "someone"}, {"agency": "fbi"}, {"after": "not-a-cursor"}, {"after": "e30"},
    {"after": "WzEsIjIwMjYtMTEtMjBUMTU6MDA6MDAiLCJ4Il0"}, {"q": "x" * 201}, {"sort": "priority"},
])
def test_bad_query_parameters_are_422_in_the_error_shape_each_message_with_a_code(client, world, devices, params):
    """The code is what the desk translates (server/field_codes.py); without one the liaison reads English."""
    assert uncoded(error_body(get_queue(client, devices["liaison"], **params), 422)) == []
    csv_refusal = error_body(client.get(f"{QUEUE}.csv", headers=devices["liaison"].headers, query_string=params), 422)
    assert uncoded(csv_refusal) == []


def test_a_reversed_period_and_an_out_of_range_priority_say_so_with_codes(client, world, devices):
    reversed_period = error_body(get_queue(client, devices["liaison"], **{"from": "2026-11-21", "to": "2026-11-20"}), 422)
    assert reversed_period["error_codes"]["query"]["to"] == [{"code": "before_start", "params": {"start": "from"}}]
    priority = error_body(get_queue(client, devices["liaison"], priority=[1, 7]), 422)
    assert priority["error_codes"]["query"]["priority"] == {"1": [{"code": "range", "params": {"min": 1, "max": 3}}]}


@pytest.mark.parametrize("path", ["/api/v1/reports", "/api/v1/reports.csv", "/api/v1/reports/aggregate",
                                  "/api/v1/analytics/steps", "/api/v1/analytics/timings"])
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1999-12-31"])
def test_a_day_outside_2000_to_2099_is_refused_with_422_not_a_crash(client, world, login, path, day):
    viewer = login("admin")
    response = client.get(path, query_string={"to": day}, headers=viewer.headers)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert "between 2000-01-01 and 2099-12-31" in str(response.get_json()["errors"])
    assert response.get_json()["error_codes"]["query"]["to"] == [
        {"code": "range", "params": {"min": "2000-01-01", "max": "2099-12-31"}}]


def test_a_forged_cursor_whose_time_overflows_is_a_bad_cursor(client, world, login):
    import base64
    import json

    forged = base64.urlsafe_b64encode(json.dumps(
        [1, "0001-01-01T00:00:00+14:00", "0b8f3a52-6c1e-4a7e-9d7a-2f4f1b1c9e10"]).encode()).decode()
    response = client.get("/api/v1/reports", query_string={"after": forged}, headers=login("liaison.a").headers)
    assert response.status_code == 422


def test_a_reporter_reading_their_own_reports_gets_no_priority_or_flags(client, world, login):
    field = login("field.a")
    stored_before_the_door(report(client, world, field), notes="He is undocumented")
    [item] = get_queue(client, field).get_json()["items"]
    assert (item["priority"], item["priority_rule"], item["priority_reason"], item["flags"]) == (None, None, None, [])
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/reports.csv", headers=field.headers).get_data(
        as_text=True))))
    assert rows and rows[0]["priority"] == "" and rows[0]["possible_sensitive_text"] == ""


def test_the_page_size_default_and_most_are_the_rules_the_desk_reads_too(client, world, devices):
    """encounter/views.py QUEUE_PAGE, exported to pwa/src/rules/views.json for the desk's queue and its poll."""
    limit = next(p for p in client.get("/api/v1/openapi.json").get_json()["paths"]["/api/v1/reports"]["get"]["parameters"]
                 if p["name"] == "limit")["schema"]
    assert (limit["default"], limit["minimum"], limit["maximum"]) == (QUEUE_PAGE["default"], 1, QUEUE_PAGE["max"])
    assert get_queue(client, devices["liaison"], limit=QUEUE_PAGE["max"]).status_code == 200
    too_many = error_body(get_queue(client, devices["liaison"], limit=QUEUE_PAGE["max"] + 1), 422)
    assert too_many["error_codes"]["query"]["limit"] == [{"code": "range", "params": {"min": 1, "max": QUEUE_PAGE["max"]}}]
