"""Who reads which reports: other departments' are 404 exactly like unknown ids; roles without access are 403."""
import uuid

import pytest

from tests.api.reports_support import QUEUE, error_body, queue_ids, report, walk

READ_ENDPOINTS = (QUEUE, f"{QUEUE}.csv")
AGGREGATE_ENDPOINTS = (f"{QUEUE}/aggregate", f"{QUEUE}/aggregate.csv")


@pytest.fixture
def reports(client, world, login):
    """One report in each department, by field.a and field.b."""
    return {"A": report(client, world, login("field.a")), "B": report(client, world, login("field.b"), "B")}


def test_liaison_of_another_department_gets_the_same_404_as_for_an_id_that_does_not_exist(client, reports, login):
    liaison_b = login("liaison.b")
    other = client.get(f"{QUEUE}/{reports['A']}", headers=liaison_b.headers)
    missing = client.get(f"{QUEUE}/{uuid.uuid4()}", headers=liaison_b.headers)
    error_body(other, 404)
    without_id = lambda r: {k: v for k, v in r.get_json().items() if k != "request_id"}  # noqa: E731
    assert without_id(other) == without_id(missing)
    assert dict(other.headers).keys() == dict(missing.headers).keys()
    assert client.get(f"{QUEUE}/{reports['B']}", headers=liaison_b.headers).status_code == 200


def test_liaison_queue_and_csv_hold_only_their_department(client, reports, login):
    liaison_b = login("liaison.b")
    assert walk(client, liaison_b) == [reports["B"]]
    assert queue_ids(client, liaison_b, department="A") == []
    assert reports["A"] not in client.get(f"{QUEUE}.csv", headers=liaison_b.headers).get_data(as_text=True)
    counts = client.get(QUEUE, headers=liaison_b.headers, query_string={"department": "A"}).get_json()["counts"]
    assert sum(counts.values()) == 0


def test_field_employee_sees_only_their_own_reports(client, world, reports, login):
    own, colleague = login("field.a"), login("field.a2")
    assert queue_ids(client, own) == [reports["A"]]
    assert queue_ids(client, colleague) == []
    error_body(client.get(f"{QUEUE}/{reports['A']}", headers=colleague.headers), 404)
    assert client.get(f"{QUEUE}/{reports['A']}", headers=own.headers).status_code == 200
    item = client.get(QUEUE, headers=own.headers).get_json()["items"][0]
    assert item["assigned_to"] is None and item["group"] is None


@pytest.mark.parametrize("username", ["mayor", "admin"])
def test_citywide_roles_read_every_department(client, reports, login, username):
    device = login(username)
    assert set(walk(client, device)) == set(reports.values())
    assert queue_ids(client, device, department="B") == [reports["B"]]
    for rid in reports.values():
        data = client.get(f"{QUEUE}/{rid}", headers=device.headers).get_json()
        assert data["id"] == rid and "triage" in data


def test_the_mayors_office_sees_no_audit_trail_of_a_department(client, reports, login):
    data = client.get(f"{QUEUE}/{reports['A']}", headers=login("mayor").headers).get_json()
    assert data["audit"] == []


@pytest.mark.parametrize("username", ["trainer", "trainer.a"])
@pytest.mark.parametrize("path", [*READ_ENDPOINTS, *AGGREGATE_ENDPOINTS, "detail"])
def test_trainers_are_refused_every_report_endpoint_by_role(client, reports, login, username, path):
    path = f"{QUEUE}/{reports['A']}" if path == "detail" else path
    body = error_body(client.get(path, headers=login(username).headers), 403, "forbidden_role")
    assert reports["A"] not in str(body)


@pytest.mark.parametrize("username", ["field.a", "liaison.a"])
@pytest.mark.parametrize("path", AGGREGATE_ENDPOINTS)
def test_only_the_mayors_office_and_admins_read_the_aggregate(client, reports, login, username, path):
    error_body(client.get(path, headers=login(username).headers), 403, "forbidden_role")


@pytest.mark.parametrize("path", [*READ_ENDPOINTS, *AGGREGATE_ENDPOINTS, "detail"])
def test_every_endpoint_needs_a_token(client, reports, path):
    path = f"{QUEUE}/{reports['A']}" if path == "detail" else path
    error_body(client.get(path), 401, "token_missing")
