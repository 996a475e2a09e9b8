"""Status moves: exactly the table in encounter/triage.py, with resolution, reason, audit and races."""
import threading
import uuid

import pytest
from sqlalchemy import select, text

from server.extensions import db
from server.models import AuditEntry, ChangeLogEntry, TriageEvent
from encounter.triage import MOVES, TRIAGE_STATES
from tests.api.triage_support import liaison, report  # noqa: F401  (fixtures)
from tests.api.triage_support import (
    assert_error, audit_actions, count, report_of, set_status, stored, triage, wait_for_lock_waiters,
)

ALLOWED = [(a, b) for a, targets in MOVES.items() for b in targets]
FORBIDDEN = [(a, b) for a in TRIAGE_STATES for b in TRIAGE_STATES if b not in MOVES[a]]


def move_body(current: str, to: str) -> dict:
    """The body an allowed move needs: a resolution to close, a reason to reopen."""
    body = {"to": to}
    if to == "closed":
        body["resolution"] = "Agents left; no one detained. Debrief held."
    if current == "closed":
        body["reason"] = "The reporter sent more photos."
    return body


@pytest.mark.parametrize(("current", "to"), ALLOWED)
def test_every_allowed_move_succeeds_and_is_recorded(client, liaison, report, current, to):
    set_status(report, current)
    response = triage(client, liaison, report, "status", move_body(current, to))
    assert response.status_code == 200, response.get_json()
    state = response.get_json()
    assert state["id"] == report and state["status"] == to
    assert state["allowed_moves"] == list(MOVES[to])
    assert stored(report).status == to and stored(report).status_changed_at is not None
    event = db.session.scalars(select(TriageEvent)).one()
    assert (event.action, event.from_value, event.to_value) == ("status", current, to)
    assert event.device_id == uuid.UUID(liaison.device_id)
    assert audit_actions(report)[-1] == ("triage.reopen" if current == "closed" else "triage.status")


@pytest.mark.parametrize(("current", "to"), FORBIDDEN)
def test_every_move_not_in_the_table_is_409_listing_the_allowed_moves(client, liaison, report, current, to):
    set_status(report, current)
    error = assert_error(triage(client, liaison, report, "status", move_body(current, to)), 409, "invalid_transition")
    assert error["errors"] == {"allowed": list(MOVES[current])}
    assert stored(report).status == current
    assert count(TriageEvent) == 0 and count(ChangeLogEntry, ChangeLogEntry.kind == "report_status") == 0


@pytest.mark.parametrize("resolution", [None, "", "   "])
def test_closing_without_a_resolution_is_422_and_changes_nothing(client, liaison, report, resolution):
    body = {"to": "closed"} if resolution is None else {"to": "closed", "resolution": resolution}
    error = assert_error(triage(client, liaison, report, "status", body), 422)
    assert "resolution" in error["errors"]["json"]
    assert stored(report).status == "new" and count(TriageEvent) == 0


@pytest.mark.parametrize("body,code", [
    ({"to": "closed"}, "required"), ({"to": "closed", "resolution": "   "}, "required"),
    ({"to": "acknowledged", "resolution": "Agents left."}, "not_allowed")])
def test_a_move_lacking_or_wrongly_carrying_a_resolution_says_so_with_a_code(client, liaison, report, body, code):
    error = assert_error(triage(client, liaison, report, "status", body), 422)
    assert error["error_codes"]["json"]["resolution"] == [{"code": code, "params": {}}]


def test_closing_keeps_the_resolution_on_the_report(client, liaison, report):
    response = triage(client, liaison, report, "status", move_body("new", "closed"))
    assert response.get_json()["resolution"] == move_body("new", "closed")["resolution"]
    assert stored(report).resolution == move_body("new", "closed")["resolution"]


def test_a_resolution_on_any_move_but_closing_is_refused(client, liaison, report):
    error = assert_error(triage(client, liaison, report, "status", {"to": "escalated", "resolution": "x"}), 422)
    assert "resolution" in error["errors"]["json"]


@pytest.mark.parametrize("body", [
    {"to": "acknowledged", "reason": "x"}, {"to": "escalated", "reason": "The reporter asked."},
    {"to": "closed", "resolution": "Agents left.", "reason": "x"}])
def test_a_reason_on_a_move_that_does_not_reopen_is_422_and_stores_nothing(client, liaison, report, body):
    error = assert_error(triage(client, liaison, report, "status", body), 422)
    assert error["error_codes"]["json"]["reason"] == [{"code": "not_allowed", "params": {}}]
    assert list(error["errors"]["json"]) == ["reason"]
    assert stored(report).status == "new" and count(TriageEvent) == 0


@pytest.mark.parametrize("reason", [None, "  "])
def test_reopening_without_a_reason_is_422(client, liaison, report, reason):
    set_status(report, "closed")
    body = {"to": "in_review"} if reason is None else {"to": "in_review", "reason": reason}
    error = assert_error(triage(client, liaison, report, "status", body), 422)
    assert "reason" in error["errors"]["json"]
    assert stored(report).status == "closed"


def test_a_reopen_is_audited_with_its_reason_and_leaves_the_report_unresolved(client, liaison, report):
    assert triage(client, liaison, report, "status", move_body("new", "closed")).status_code == 200
    response = triage(client, liaison, report, "status", {"to": "in_review", "reason": "New witness came forward."})
    assert response.status_code == 200 and response.get_json()["resolution"] is None
    assert audit_actions(report)[-2:] == ["triage.status", "triage.reopen"]
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "triage.reopen")).one()
    assert entry.details == {"from": "closed", "to": "in_review", "has_reason": True}  # the words stay in triage history
    assert entry.actor_id is not None and entry.device_id == uuid.UUID(liaison.device_id)
    assert entry.department_id == stored(report).department_id
    events = db.session.scalars(select(TriageEvent).order_by(TriageEvent.id)).all()
    assert [(e.from_value, e.to_value) for e in events] == [("new", "closed"), ("closed", "in_review")]
    assert events[0].details["resolution"] and events[1].details == {"reason": "New witness came forward."}


@pytest.mark.parametrize("body", [
    {}, {"to": "done"}, {"to": None}, {"to": 3}, {"to": ["closed"]}, {"to": "closed", "resolution": 5},
    {"to": "closed", "resolution": "a\u0000b"}, {"to": "closed", "resolution": "x" * 2001},
    {"to": "in_review", "extra": 1}, [], "closed", None,
])
def test_malformed_move_bodies_are_4xx_never_500(client, liaison, report, body):
    response = triage(client, liaison, report, "status", body)
    assert 400 <= response.status_code < 500
    assert_error(response, response.status_code)
    assert stored(report).status == "new"


def test_a_non_json_body_is_4xx(client, liaison, report):
    response = client.post(f"/api/v1/reports/{report}/status", headers=liaison.headers, data=b"\xff\x00to=closed",
                           content_type="application/json")
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize("targets", [("acknowledged", "acknowledged"), ("acknowledged", "escalated")])
def test_two_liaisons_moving_one_report_at_once_exactly_one_wins(app, client, login, report, backend, targets):
    """PostgreSQL: both requests read "new", then both wait on a row lock we hold; when it goes, one moves."""
    if backend != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs concurrent transactions")
    devices = [login("liaison.a"), login("liaison.a")]
    db.session.remove()
    answers = [None, None]
    with db.engine.connect() as holder:
        holder.execute(text("SELECT 1 FROM encounters WHERE id = :id FOR UPDATE"), {"id": report})

        def move(n):
            with app.app_context():
                answers[n] = triage(app.test_client(), devices[n], report, "status", {"to": targets[n]})

        threads = [threading.Thread(target=move, args=(n,)) for n in (0, 1)]
        for thread in threads:
            thread.start()
        wait_for_lock_waiters(holder, 2)
        holder.rollback()  # release: the first waiter moves, the second finds "new" gone
    for thread in threads:
        thread.join(30)
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200, 409], [a.get_json() for a in answers]
    loser = next(a for a in answers if a.status_code == 409)
    assert_error(loser, 409, "concurrent_change")
    winner = answers.index(next(a for a in answers if a.status_code == 200))
    assert stored(report).status == targets[winner]
    assert count(TriageEvent) == 1 and count(ChangeLogEntry, ChangeLogEntry.kind == "report_status") == 1
    # The loser can retry: from the new state its move is judged by the table.
    retry = triage(client, devices[1 - winner], report, "status", {"to": "closed", "resolution": "Done."})
    assert retry.status_code == 200


ODD_BODIES = [None, [], "", 0, {"": None}, {"to": {"$ne": 1}}, {"user_id": 10**30}, {"other_id": 7},
              {"other_id": "00000000-0000-0000-0000-000000000000", "decision": None}, {"text": "\ud800"},
              {"text": "\u202e" * 10}, {"text": ["a"]}, {"to": "closed", "resolution": {"a": 1}}]


@pytest.mark.parametrize("action", ["status", "assign", "notes", "questions", "duplicates"])
@pytest.mark.parametrize("body", ODD_BODIES)
def test_no_body_makes_any_triage_endpoint_answer_500(client, liaison, report, action, body):
    response = triage(client, liaison, report, action, body)
    assert response.status_code < 500, response.get_data(as_text=True)[:300]
    if response.status_code >= 400:
        assert_error(response, response.status_code)


def test_the_audit_says_a_resolution_was_given_but_never_keeps_its_words(client, world, login):
    from server.models import AuditEntry, TriageEvent

    liaison = login("liaison.a")
    rid = report_of(client, world, login("field.a"))
    words = "Detained resident's name was mentioned; see counsel."
    assert triage(client, liaison, rid, "status", {"to": "closed", "resolution": words}).status_code == 200
    audits = db.session.scalars(select(AuditEntry).where(AuditEntry.entity_id == rid)).all()
    closing = [a for a in audits if a.action == "triage.status"]
    assert closing and closing[0].details == {"from": "new", "to": "closed", "has_resolution": True}
    assert words not in str([a.details for a in audits])
    # The triage history (which can be corrected) keeps it for the desk.
    event = db.session.scalar(select(TriageEvent).where(TriageEvent.encounter_id == uuid.UUID(rid)))
    assert event.details == {"resolution": words}
