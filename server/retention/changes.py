"""A liaison's redactions and legal holds: each locks the report, changes it, and audits it in one transaction.

The caller commits. What the audit keeps: who, when, which text (the body's field, or a note,
question, answer or triage move by id, and its field) or which photo, and how many characters;
never the words. The receipt hash (``encounters.sha256``) stays the hash
of the body as received, so a phone re-pushing the same id still gets ``duplicate`` and its
original receipt, and nothing is inserted again (``server/sync_store.py``).
"""
from uuid import UUID

from flask import current_app
from sqlalchemy import delete, select

from encounter import redaction, retention as rules
from encounter.derived import search_text
from server.access import require, scoped
from server.audit import record
from server.extensions import db
from server.models import Blob, Encounter, EncounterPhoto, RemovedPhoto, TriageEvent
from server.models.types import utcnow
from server.retention import reopen_times, report_age, schedule
from server.retention.beside import redact_beside
from server.retention.files import unreferenced
from server.retention.words import words_beside
from sync.envelope import Principal


class ReportNotFound(Exception):
    """No such report, or one the principal may not see (the two read alike)."""


class PhotoNotFound(Exception):
    """The report references no such photo (any more)."""


def _locked(principal: Principal, action: str, report_id: UUID) -> Encounter:
    """Return the report, row-locked (PostgreSQL), if the principal may change it; raise otherwise."""
    require(principal, action)
    report = db.session.scalar(scoped(Encounter, principal).where(Encounter.id == report_id).with_for_update())
    if report is None:
        raise ReportNotFound("no such report")
    return report


def _audit(principal: Principal, report: Encounter, action: str, at, details: dict) -> None:
    record(action, "encounter", report.id, actor_id=principal.user_id, device_id=principal.device_id,
           department_id=report.department_id, details=details, at=at)


def redact_text(principal: Principal, report_id: UUID, field: str | None, spans: list[tuple[int, int]],
                target: str = redaction.BODY, text_id: UUID | None = None,
                seen: str | None = None) -> redaction.Redacted:
    """Remove spans of one text of the report: a free-text field of its body, or a text kept beside it.

    The body's field changes with its search text; a text beside the body wherever it is served
    (``server/retention/beside.py``). Either way the audit says which text and how much, in the same
    transaction. A legal hold does not stop it: the hold stops the schedule's erasure, not a liaison.
    ``seen``: the digest of the text the spans were counted in; a text changed since is refused (``TextChanged``).
    """
    report = _locked(principal, "redact", report_id)
    if target != redaction.BODY:
        result = redact_beside(principal, report, target, text_id, field, spans, seen)
        _audit(principal, report, "report.redact", utcnow(),
               {"target": target, "id": str(text_id), "field": result.field, "removed_characters": result.removed,
                "spans": result.spans})
        return result
    if text_id is not None:
        raise redaction.RedactionRefused({"id": ["the report's body has no id: leave it out"]})
    result = redaction.redact(report.body, field, spans, seen=seen)
    body = {**report.body, result.field: result.text}
    report.body = body
    report.search_text = search_text(body)
    _audit(principal, report, "report.redact", utcnow(),
           {"field": result.field, "removed_characters": result.removed, "spans": result.spans})
    return result


def forget_blob_if_unreferenced(sha256: str) -> Blob | None:
    """Delete the blob's row when no report or counsel document references it; return the deleted row's values."""
    gone = db.session.execute(delete(Blob).where(Blob.sha256 == sha256, unreferenced())
                              .returning(Blob.sha256, Blob.size)).first()
    return gone


def remove_photo(principal: Principal, report_id: UUID, sha256: str) -> bool:
    """Take a photo out of the report; say whether its bytes go too (the caller deletes the file after commit)."""
    report = _locked(principal, "redact", report_id)
    try:
        report.body = redaction.without_photo(report.body, sha256)
    except redaction.RedactionRefused:
        raise PhotoNotFound("no such photo on this report") from None
    now = utcnow()
    db.session.execute(delete(EncounterPhoto).where(EncounterPhoto.encounter_id == report.id,
                                                    EncounterPhoto.sha256 == sha256))
    db.session.add(RemovedPhoto(encounter_id=report.id, sha256=sha256, removed_at=now,
                                removed_by=principal.user_id, cause="redaction"))
    blob_deleted = forget_blob_if_unreferenced(sha256) is not None
    _audit(principal, report, "report.photo_remove", now, {"sha256": sha256, "blob_deleted": blob_deleted})
    return blob_deleted


def set_hold(principal: Principal, report_id: UUID, hold: bool) -> Encounter:
    """Put the report on legal hold or lift it (audited, and in its triage history); same state: no change."""
    report = _locked(principal, "legal_hold", report_id)
    if bool(report.legal_hold) == hold:
        return report
    now = utcnow()
    report.legal_hold, report.legal_hold_at = hold, now if hold else None
    action = "legal_hold" if hold else "legal_hold_lifted"
    db.session.add(TriageEvent(encounter_id=report.id, at=now, actor_id=principal.user_id,
                               device_id=principal.device_id, action=action, details={}))
    _audit(principal, report, f"retention.{'hold' if hold else 'release'}", now, {})
    return report


def state(report: Encounter) -> dict:
    """Where the report stands under the schedule: hold, erasure (done or due), removed photos."""
    removed = db.session.execute(select(RemovedPhoto.sha256, RemovedPhoto.removed_at, RemovedPhoto.cause)
                                 .where(RemovedPhoto.encounter_id == report.id)
                                 .order_by(RemovedPhoto.removed_at, RemovedPhoto.sha256)).all()
    return {"legal_hold": bool(report.legal_hold), "legal_hold_at": report.legal_hold_at,
            "erased_at": report.erased_at,
            "erase_due_at": rules.due_at(report_age(report, report.erased_at is not None
                                                    and bool(words_beside([report.id]).holders()),
                                                    reopen_times([report.id]).get(report.id)),
                                         schedule(current_app.config)),
            "removed_photos": [{"sha256": sha, "removed_at": at, "cause": cause} for sha, at, cause in removed]}
