"""Counsel's warrant check (issue 11): documents shared during an encounter, read and answered by counsel.

Plain logic over the session; the web layer (``server/blueprints/counsel.py``) parses and
commits. Who may read what is ``server.access`` (``CounselDocument`` and ``Blob`` rules).
"""
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import exists, select

from encounter import door
from encounter.vocabulary import COUNSEL_NOTE_FIELD, VERDICT_TEXT
from server.access import scoped
from server.audit import record
from server.changes import record_change
from server.extensions import db
from server.inserts import insert_new
from server.kinds import NOT_A_SITE, ReferenceData
from server.models import BlobUpload, CounselDocument, CounselDocumentPhoto, Department, Encounter, Site
from server.models.types import utcnow
from sync.envelope import Principal, iso_time

# The pulled change that carries counsel's answer to the phone that shared the document.
CHANGE_KIND = "counsel_answer"


@dataclass
class CounselRefusal(Exception):
    """A share or an answer the server refuses: HTTP status, reason, message, optional field errors."""

    status: int
    reason: str | None
    message: str
    errors: dict | None = None


def share_document(principal: Principal, encounter_id: UUID, sha256: str, site_code: str,
                   taken_at: datetime) -> bool:
    """Link an uploaded photo to an encounter in progress as its document; True when new, False on a retry."""
    taken = CounselRefusal(409, "id_taken", "this encounter id cannot be used for a document; it belongs elsewhere")
    reported = db.session.execute(select(Encounter.reporter_id).where(Encounter.id == encounter_id)).first()
    if reported is not None:
        if reported[0] != principal.user_id:
            raise taken
        raise CounselRefusal(409, "encounter_closed", "the report of this encounter has arrived; the photo is in it")
    # Their own upload, not anyone's: a hash learned elsewhere must not put another user's photo before counsel.
    held = db.session.scalar(select(exists().where(BlobUpload.sha256 == sha256,
                                                   BlobUpload.user_id == principal.user_id)))
    if not held:
        raise CounselRefusal(409, "missing_blob", "upload the photo first (PUT /api/v1/blobs/<sha256>), then share it")
    site = ReferenceData(principal).site(site_code)
    if site is None:
        raise CounselRefusal(422, None, "the document's site is invalid",
                             errors={"site": [NOT_A_SITE]})
    site_id, department_id, _areas = site
    now = utcnow()
    insert_new(CounselDocument, {
        "encounter_id": encounter_id, "department_id": department_id, "site_id": site_id,
        "user_id": principal.user_id, "device_id": principal.device_id, "occurred_at": taken_at, "shared_at": now,
    }, ["encounter_id"])
    document = db.session.get(CounselDocument, encounter_id, populate_existing=True)
    if document.user_id != principal.user_id:
        raise taken
    created = insert_new(CounselDocumentPhoto, {
        "encounter_id": encounter_id, "sha256": sha256, "taken_at": taken_at}, ["encounter_id", "sha256"])
    if created:
        if taken_at < document.occurred_at:
            document.occurred_at = taken_at
        record("counsel.document.share", "encounter", encounter_id, actor_id=principal.user_id,
               device_id=principal.device_id, department_id=department_id, details={"sha256": sha256})
    return created


def _document_query(principal: Principal):
    return (scoped(CounselDocument, principal)
            .add_columns(Site.code, Site.name, Department.code, Department.name)
            .join(Site, Site.id == CounselDocument.site_id)
            .join(Department, Department.id == CounselDocument.department_id))


def _as_dict(document: CounselDocument, site_code, site_name, dept_code, dept_name, photos: list[dict]) -> dict:
    """A document as counsel sees it: site, time, photos and the answer; no report text, no names."""
    return {"encounter_id": str(document.encounter_id), "site": {"code": site_code, "name": site_name},
            "department": {"code": dept_code, "name": dept_name}, "occurred_at": iso_time(document.occurred_at),
            "shared_at": iso_time(document.shared_at), "photos": photos,
            "answer": None if document.verdict is None else {
                "verdict": document.verdict, "text": VERDICT_TEXT[document.verdict], "note": document.note,
                "answered_at": iso_time(document.answered_at)}}


def _photos(ids: list[UUID]) -> dict[UUID, list[dict]]:
    rows = db.session.execute(select(CounselDocumentPhoto.encounter_id, CounselDocumentPhoto.sha256,
                                     CounselDocumentPhoto.taken_at).where(CounselDocumentPhoto.encounter_id.in_(ids))
                              .order_by(CounselDocumentPhoto.taken_at, CounselDocumentPhoto.sha256)) if ids else []
    out: dict[UUID, list[dict]] = {}
    for encounter_id, sha, at in rows:
        out.setdefault(encounter_id, []).append({"sha256": sha, "taken_at": iso_time(at)})
    return out


def list_documents(principal: Principal, state: str) -> list[dict]:
    """Open documents in scope, oldest awaiting first (``state``: awaiting, answered or all); audited."""
    query = _document_query(principal)
    if state == "awaiting":
        query = query.where(CounselDocument.verdict.is_(None))
    elif state == "answered":
        query = query.where(CounselDocument.verdict.is_not(None))
    rows = db.session.execute(query.order_by(CounselDocument.occurred_at, CounselDocument.encounter_id)
                              .limit(200)).all()
    photos = _photos([row[0].encounter_id for row in rows])
    record("counsel.documents.list", "counsel_documents", state, actor_id=principal.user_id,
           department_id=principal.department_id, details={"count": len(rows)})
    return [_as_dict(row[0], *row[1:], photos.get(row[0].encounter_id, [])) for row in rows]


def _one(principal: Principal, encounter_id: UUID):
    row = db.session.execute(_document_query(principal).where(CounselDocument.encounter_id == encounter_id)).first()
    if row is None:
        raise CounselRefusal(404, None, "no such document")  # out of scope and absent read alike
    return row


def read_document(principal: Principal, encounter_id: UUID) -> dict:
    """One open document in scope; the view is audited on its department."""
    row = _one(principal, encounter_id)
    record("counsel.document.view", "encounter", encounter_id, actor_id=principal.user_id,
           department_id=row[0].department_id)
    return _as_dict(row[0], *row[1:], _photos([encounter_id]).get(encounter_id, []))


def answer_document(principal: Principal, encounter_id: UUID, verdict: str, note: str | None) -> dict:
    """Record counsel's answer (replacing any earlier one), audited, and send it to the sharing phone's user."""
    row = _one(principal, encounter_id)
    note = (note or "").strip() or None
    found = door.spans({COUNSEL_NOTE_FIELD: note}, door.FIELDS_BY_KIND[CHANGE_KIND]) if note else []
    if found:
        raise CounselRefusal(422, door.REASON, door.MESSAGE, errors=door.refusal_errors(found))
    document = row[0]
    previous = document.verdict
    document.verdict, document.note = verdict, note
    document.answered_at, document.answered_by = utcnow(), principal.user_id
    # The audit says what was answered and that a note exists, never the note's words.
    record("counsel.answer", "encounter", encounter_id, actor_id=principal.user_id,
           department_id=document.department_id,
           details={"verdict": verdict, "replaced": previous, "note": note is not None})
    record_change(CHANGE_KIND, encounter_id, {
        "encounter_id": str(encounter_id), "verdict": verdict, "note": note,
        "answered_at": iso_time(document.answered_at)}, recipient_id=document.user_id)
    return _as_dict(document, *row[1:], _photos([encounter_id]).get(encounter_id, []))


def audit_photo_view(principal: Principal, sha256: str) -> None:
    """Audit counsel's read of a shared photo on each open document (in scope) that holds it."""
    ids = db.session.execute(scoped(CounselDocument, principal).with_only_columns(
        CounselDocument.encounter_id, CounselDocument.department_id).join(
        CounselDocumentPhoto, CounselDocumentPhoto.encounter_id == CounselDocument.encounter_id)
        .where(CounselDocumentPhoto.sha256 == sha256)).all()
    for encounter_id, department_id in ids:
        record("counsel.photo.view", "encounter", encounter_id, actor_id=principal.user_id,
               department_id=department_id, details={"sha256": sha256})
