"""Internal notes: stored and audited on the report, never sent to any phone."""
import uuid

import pytest
from sqlalchemy import select

from server.extensions import db, limiter
from server.models import AuditEntry, ReportNote
from tests.api.triage_support import liaison, report  # noqa: F401  (fixtures)
from tests.api.triage_support import assert_error, count, pulled, report_of, set_status, triage

NOTE = "Internal: counsel says the I-200 did not allow entry to the workroom."
EVERYONE = ["field.a", "field.a2", "liaison.a", "field.b", "liaison.b", "trainer.a", "trainer", "mayor", "admin"]


def test_a_note_is_stored_answered_and_audited_without_its_text(client, world, liaison, report):
    response = triage(client, liaison, report, "notes", {"text": NOTE})
    assert response.status_code == 201
    note = response.get_json()["note"]
    assert note["text"] == NOTE and note["author_id"] == world.users["liaison.a"].id
    stored = db.session.scalars(select(ReportNote)).one()
    assert (str(stored.encounter_id), stored.text) == (report, NOTE)
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "triage.note")).one()
    assert entry.details == {"note_id": str(stored.id)} and entry.entity_id == report


def test_a_note_sent_again_under_its_id_is_stored_once_and_the_id_on_another_report_is_refused(
        client, world, login, liaison, report):
    note_id = str(uuid.uuid4())
    first = triage(client, liaison, report, "notes", {"id": note_id, "text": NOTE})
    again = triage(client, liaison, report, "notes", {"id": note_id, "text": NOTE})
    assert first.status_code == again.status_code == 201
    assert first.get_json()["note"] == again.get_json()["note"] and first.get_json()["note"]["id"] == note_id
    assert count(ReportNote) == 1 and count(AuditEntry, AuditEntry.action == "triage.note") == 1
    elsewhere = triage(client, liaison, report_of(client, world, login("field.a")), "notes", {"id": note_id, "text": "Mine"})
    assert_error(elsewhere, 409, "id_taken")
    assert NOTE not in elsewhere.get_data(as_text=True) and count(ReportNote) == 1


def test_a_liaisons_note_ids_tell_nothing_of_other_departments_notes(client, world, login, liaison, report):
    """A counter's gaps would count another department's triage, and when (review-desk finding 3)."""
    other = login("liaison.b")
    theirs = report_of(client, world, login("field.b"), "B")
    first = triage(client, liaison, report, "notes", {"text": "Called the site lead."}).get_json()["note"]["id"]
    for n in range(3):
        assert triage(client, other, theirs, "notes", {"text": f"Their note {n}."}).status_code == 201
    second = triage(client, liaison, report, "notes", {"text": "Site lead called back."}).get_json()["note"]["id"]

    shown = client.get(f"/api/v1/reports/{report}", headers=liaison.headers).get_json()["notes"]

    assert sorted(n["id"] for n in shown) == sorted([first, second])
    assert all(uuid.UUID(note_id).version == 4 for note_id in (first, second))  # random: no order, no count


def test_notes_never_appear_in_any_pull(client, login, liaison, report):
    triage(client, liaison, report, "notes", {"text": NOTE})
    triage(client, liaison, report, "status", {"to": "in_review"})
    for username in EVERYONE:
        limiter.reset()  # nine sign-ins from one address would hit the login limit
        changes, _ = pulled(client, login(username))
        assert "counsel says" not in str(changes), username  # (sites carry a "counsel" number)
        assert not [c for c in changes if c["kind"] not in ("site", "checklist_version", "report_status")], username


def test_notes_may_be_added_in_any_status(client, liaison, report):
    set_status(report, "closed")
    assert triage(client, liaison, report, "notes", {"text": "Still following up with the site."}).status_code == 201


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": "  \n"}, {"text": "x" * 4001}, {"text": "a\u0000b"},
                                  {"text": 3}, {"text": "ok", "private": True}])
def test_malformed_notes_are_422(client, liaison, report, body):
    assert_error(triage(client, liaison, report, "notes", body), 422)
    assert count(ReportNote) == 0
