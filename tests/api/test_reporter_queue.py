"""A field employee's own queue tells nothing of the desk's judgement: not by filters, order, cursor, counts or CSV.

encounter/views.py: the reporter reads their reports, "never the desk's judgement" (priority) nor the triage
(who took the report). Each row already says neither; these are the other ways the queue could say it.
"""
import base64
import csv
import io

import orjson
import pytest

from tests.api.reports_support import QUEUE, error_body, get_queue, queue_ids, quiet, received, report, walk


@pytest.fixture
def reports(client, world, login):
    """field.a's P1 report (received 30 min ago) and P3 report (10 min ago), the P3 assigned by liaison.a."""
    field, liaison = login("field.a"), login("liaison.a")
    p1, p3 = report(client, world, field), quiet(client, world, field)
    received(p1, 30)
    received(p3, 10)
    assigned = client.post(f"{QUEUE}/{p3}/assign", headers=liaison.headers,
                           json={"user_id": world.users["liaison.a"].id})
    assert assigned.status_code == 200, assigned.get_json()
    return {"p1": p1, "p3": p3, "field": field, "liaison": liaison}


def decoded(cursor: str) -> list:
    """What anyone reads in a cursor: it is base64, not a seal."""
    return orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))


def csv_rows(client, device, **params) -> list[dict]:
    """GET /reports.csv as rows by column name."""
    response = client.get(f"{QUEUE}.csv", headers=device.headers, query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


@pytest.mark.parametrize("params", [{"priority": 1}, {"priority": 3}, {"priority": [1, 2]}, {"assigned": "none"},
                                    {"assigned": "me"}, {"priority": 3, "assigned": "none"}])
def test_a_reporter_gets_the_same_reports_and_counts_whatever_priority_or_assignment_filter_they_send(
        client, reports, params):
    field = reports["field"]
    unfiltered = get_queue(client, field).get_json()
    filtered = get_queue(client, field, **params)
    assert filtered.status_code == 200, filtered.get_json()
    assert [i["id"] for i in filtered.get_json()["items"]] == [reports["p3"], reports["p1"]]
    assert filtered.get_json()["counts"] == unfiltered["counts"]
    assert [r["id"] for r in csv_rows(client, field, **params)] == [reports["p3"], reports["p1"]]


def test_the_liaison_still_filters_the_same_reports_by_priority_and_assignment(client, reports):
    liaison = reports["liaison"]
    assert queue_ids(client, liaison, priority=1) == [reports["p1"]]
    assert queue_ids(client, liaison, priority=3) == [reports["p3"]]
    assert queue_ids(client, liaison, assigned="none") == [reports["p1"]]
    assert queue_ids(client, liaison, assigned="me") == [reports["p3"]]


def test_a_reporters_queue_is_newest_received_first_where_the_liaisons_is_p1_first(client, reports):
    assert queue_ids(client, reports["field"]) == [reports["p3"], reports["p1"]]
    assert queue_ids(client, reports["liaison"]) == [reports["p1"], reports["p3"]]


def test_a_reporters_cursor_holds_when_and_which_but_no_priority(client, reports):
    page = get_queue(client, reports["field"], limit=1).get_json()
    keys = decoded(page["next"])
    assert len(keys) == 2 and keys[1] == reports["p3"] and isinstance(keys[0], str)  # (received_at, id)
    assert walk(client, reports["field"], limit=1) == [reports["p3"], reports["p1"]]
    liaisons = decoded(get_queue(client, reports["liaison"], limit=1).get_json()["next"])
    assert liaisons[0] == 1 and liaisons[2] == reports["p1"]  # the desk's cursor is keyed on the priority, as before


@pytest.mark.parametrize("holder, user", [("liaison", "field"), ("field", "liaison")])
def test_a_cursor_of_the_other_queue_order_is_refused_as_one_the_server_never_gave(client, reports, holder, user):
    cursor = get_queue(client, reports[holder], limit=1).get_json()["next"]
    refusal = error_body(get_queue(client, reports[user], limit=1, after=cursor), 422)
    assert refusal["error_codes"]["query"]["after"] == [{"code": "type", "params": {}}]
    assert refusal["errors"]["query"]["after"] == ["is not a cursor this server gave out; start again from the first page"]


def test_a_reporters_csv_leaves_the_assigned_column_empty_as_it_does_the_priority(client, reports):
    rows = {r["id"]: r for r in csv_rows(client, reports["field"])}
    assert {(r["assigned"], r["priority"], r["priority_rule"]) for r in rows.values()} == {("", "", "")}
    desk = {r["id"]: r["assigned"] for r in csv_rows(client, reports["liaison"])}
    assert desk == {reports["p1"]: "no", reports["p3"]: "yes"}
