"""What a liaison types at the desk passes the phone's "never collect" door: refused whole, named by offsets only."""
import uuid

import pytest
from sqlalchemy import select

from encounter.sensitive import find_spans
from server.extensions import db
from server.models import AuditEntry, ChangeLogEntry, FollowUp, ReportNote, TriageEvent
from tests.api.triage_support import liaison, report  # noqa: F401  (fixtures)
from tests.api.triage_support import assert_error, count, set_status, stored, triage

FLAGGED = "Mother is undocumented, born 03/04/1988, Salvadoran."
WORDS = ("undocumented", "03/04/1988", "Salvadoran")
CLEAN = "Called the site lead; the agents left by the loading dock."

# (endpoint, the report's status before, the body with the text in it, the field the text is in)
CASES = [
    ("notes", "new", lambda text: {"text": text}, "text"),
    ("questions", "new", lambda text: {"text": text}, "text"),
    ("status", "in_review", lambda text: {"to": "closed", "resolution": text}, "resolution"),
    ("status", "closed", lambda text: {"to": "in_review", "reason": text}, "reason"),
]
IDS = ["note", "question", "resolution", "reopen-reason"]


def snapshot(report_id: str) -> dict:
    """Everything a triage change could write about a report, read fresh."""
    rid = uuid.UUID(report_id)
    row = stored(report_id)
    return {"report": (row.status, row.resolution, row.status_changed_at, row.mayor_office_notified_at),
            "notes": count(ReportNote, ReportNote.encounter_id == rid),
            "questions": count(FollowUp, FollowUp.encounter_id == rid),
            "events": count(TriageEvent, TriageEvent.encounter_id == rid),
            "audit": [(a.action, a.details) for a in db.session.scalars(
                select(AuditEntry).where(AuditEntry.entity_id == report_id).order_by(AuditEntry.id))],
            "changes": count(ChangeLogEntry, ChangeLogEntry.kind.in_(("message", "report_status")))}


@pytest.mark.parametrize("endpoint, before, body, field", CASES, ids=IDS)
def test_flagged_desk_text_is_refused_naming_field_and_offsets_and_nothing_is_stored(
        client, liaison, report, endpoint, before, body, field):
    set_status(report, before)
    if before == "closed":  # a resolution already saved must survive a refused reopen
        stored(report).resolution = "Agents left; the branch debriefed."
        db.session.commit()
    held = snapshot(report)
    error = assert_error(triage(client, liaison, report, endpoint, body(FLAGGED)), 422, "sensitive_text")
    expected = [{"field": field, "start": s.start, "end": s.end, "kind": s.kind} for s in find_spans(FLAGGED)]
    assert error["errors"]["spans"] == expected
    assert set(error["errors"]) == {field, "spans"}
    for span in expected:
        assert f"{span['kind']} at {span['start']}-{span['end']}" in error["errors"][field][0]
    for words in WORDS:
        assert words not in str(error)
    assert snapshot(report) == held


@pytest.mark.parametrize("endpoint, before, body, field", CASES, ids=IDS)
def test_clean_desk_text_is_still_accepted_and_its_audit_keeps_no_words(
        client, liaison, report, endpoint, before, body, field):
    set_status(report, before)
    response = triage(client, liaison, report, endpoint, body(CLEAN))
    assert response.status_code in (200, 201), response.get_json()
    audit = db.session.scalars(select(AuditEntry.details).where(AuditEntry.entity_id == report)).all()
    assert audit and "site lead" not in str(audit)


def test_one_flagged_field_refuses_the_whole_move_even_when_the_other_is_clean(client, liaison, report):
    set_status(report, "in_review")
    held = snapshot(report)
    body = {"to": "closed", "resolution": CLEAN, "reason": FLAGGED}
    error = assert_error(triage(client, liaison, report, "status", body), 422, "sensitive_text")
    assert {s["field"] for s in error["errors"]["spans"]} == {"reason"}
    assert snapshot(report) == held


def test_a_refused_note_leaves_the_notes_already_saved(client, liaison, report):
    assert triage(client, liaison, report, "notes", {"text": CLEAN}).status_code == 201
    assert_error(triage(client, liaison, report, "notes", {"text": FLAGGED}), 422, "sensitive_text")
    assert db.session.scalars(select(ReportNote.text)).all() == [CLEAN]


def test_another_departments_report_is_404_before_its_text_is_judged(client, login, report):
    other = login("liaison.b")
    assert_error(triage(client, other, report, "notes", {"text": FLAGGED}), 404)
