"""Who may triage: only liaisons, only their department's reports; everything else reveals nothing."""
import uuid

import pytest

from server.models import (
    AuditEntry, ChangeLogEntry, DuplicateDecision, FollowUp, ReportNote, TriageEvent,
)
from tests.api.triage_support import ENDPOINTS, assert_error, count, report_of, stored, triage, valid_body

NOT_TRIAGING = ["mayor", "admin", "trainer", "trainer.a", "field.a", "field.b"]


def nothing_changed(report_id: str) -> bool:
    """No triage row, note, question, decision, triage audit entry or personal change exists."""
    report = stored(report_id)
    return (report.status == "new" and report.assigned_to_id is None
            and count(TriageEvent) == count(ReportNote) == count(FollowUp) == count(DuplicateDecision) == 0
            and count(AuditEntry, AuditEntry.action.like("triage.%")) == 0
            and count(ChangeLogEntry, ChangeLogEntry.recipient_id.is_not(None)) == 0)


@pytest.fixture
def reports(client, world, login):
    """Two reports of department A from one site and hour (a candidate pair), and one of department B."""
    field_a, field_b = login("field.a"), login("field.b")
    return {"a": report_of(client, world, field_a), "a2": report_of(client, world, field_a, notes="Second view."),
            "b": report_of(client, world, field_b, "B")}


@pytest.mark.parametrize("action", ENDPOINTS)
def test_another_departments_report_is_404_exactly_like_a_nonexistent_one(client, world, login, reports, action):
    liaison_b = login("liaison.b")
    body = valid_body(action, other_id=reports["a2"])
    if action == "assign":
        body = {"user_id": world.users["liaison.b"].id}
    foreign = assert_error(triage(client, liaison_b, reports["a"], action, body), 404)
    absent = assert_error(triage(client, liaison_b, str(uuid.uuid4()), action, body), 404)
    malformed = assert_error(triage(client, liaison_b, "not-a-uuid", action, body), 404)
    assert foreign == absent == malformed
    assert nothing_changed(reports["a"])


@pytest.mark.parametrize("username", NOT_TRIAGING)
@pytest.mark.parametrize("action", ENDPOINTS)
def test_roles_that_do_not_triage_get_403_forbidden_role_and_nothing_changes(
        client, world, login, reports, username, action):
    device = login(username)
    error = assert_error(triage(client, device, reports["a"], action,
                                valid_body(action, world, other_id=reports["a2"])), 403, "forbidden_role")
    # The same answer for a report that does not exist: a 403 tells nothing about any report.
    assert error == assert_error(triage(client, device, str(uuid.uuid4()), action, valid_body(action, world)), 403)
    assert nothing_changed(reports["a"])


def test_the_mayors_office_cannot_change_anything_even_with_a_valid_close(client, world, login, reports):
    mayor = login("mayor")
    body = {"to": "closed", "resolution": "Seen at City Hall."}
    assert_error(triage(client, mayor, reports["a"], "status", body), 403, "forbidden_role")
    assert_error(triage(client, mayor, reports["b"], "status", body), 403, "forbidden_role")
    assert nothing_changed(reports["a"]) and nothing_changed(reports["b"])


@pytest.mark.parametrize("action", ENDPOINTS)
def test_without_a_token_every_endpoint_is_401(client, reports, action):
    response = client.post(f"/api/v1/reports/{reports['a']}/{action}", json=valid_body(action))
    assert_error(response, 401, "token_missing")


def test_a_liaison_of_another_department_cannot_be_assigned_and_reads_like_nobody(client, world, login, reports):
    liaison_a = login("liaison.a")
    answers = [assert_error(triage(client, liaison_a, reports["a"], "assign", {"user_id": user_id}), 422)
               for user_id in (world.users["liaison.b"].id, 999_999)]
    assert answers[0] == answers[1]
    assert answers[0]["errors"] == {"json": {"user_id": ["not a liaison of this department"]}}
    assert nothing_changed(reports["a"])


def test_another_departments_report_as_other_id_reads_like_a_nonexistent_one(client, login, reports):
    liaison_a = login("liaison.a")
    answers = [assert_error(triage(client, liaison_a, reports["a"], "duplicates",
                                   {"other_id": other, "decision": "same"}), 422)
               for other in (reports["b"], str(uuid.uuid4()), reports["a"])]
    assert answers[0] == answers[1] == answers[2]
    assert answers[0]["errors"] == {"json": {"other_id": ["is not a likely duplicate of this report"]}}
    assert nothing_changed(reports["a"])


def test_a_liaison_triages_only_in_their_own_department(client, login, reports):
    assert triage(client, login("liaison.b"), reports["b"], "status", {"to": "acknowledged"}).status_code == 200
    assert stored(reports["b"]).status == "acknowledged"
