"""The purge's work on photos and files: blob rows no report or counsel document needs, and files nobody will read.

Every delete is conditional and counted by whoever did it, so purges on several hosts at
once neither fail nor count a photo twice (server/retention/purge.py).
"""
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, exists, func, select

from encounter import retention as rules
from encounter.vocabulary import COUNSEL_NOTE_FIELD
from server.audit import audit_row
from server.changes import replace_carried
from server.counsel import CHANGE_KIND as COUNSEL_ANSWER
from server.blobs.storage import BlobStorage
from server.extensions import db
from server.models import (
    AuditEntry, Blob, BlobUpload, CounselDocument, CounselDocumentPhoto, Encounter, EncounterPhoto,
)


@dataclass
class Tally:
    """What one purge removed (or, dry run, would remove), by class."""

    counts: Counter = field(default_factory=Counter)

    def add(self, name: str, amount: int = 1) -> None:
        """Count ``amount`` more of ``name``."""
        self.counts[name] += amount

    LINES = (("reports", "reports erased"), ("free_text_fields", "free-text fields erased"),
             ("other_texts", "questions, answers, notes and resolutions erased"),
             ("photos", "photos taken out of reports"), ("blobs", "photo files deleted"),
             ("blob_bytes", "bytes freed (photo, stray and temporary files)"),
             ("orphan_blobs", "unreferenced photos deleted"),
             ("counsel_documents", "documents shared with counsel forgotten"),
             ("stray_files", "stray photo files deleted"), ("temp_files", "temporary upload files deleted"),
             ("held", "reports due but on legal hold (kept)"),
             ("storage_errors", "storage unavailable: files left for the next run's sweep"))

    def lines(self) -> list[str]:
        """The tally as aligned lines, one per class, zeros included (a cron log shows what was checked)."""
        width = max(len(label) for _, label in self.LINES)
        return [f"{label:<{width}}  {self.counts[name]:>10,}" for name, label in self.LINES]


# The audit action of each document shared with counsel that a run forgot.
FORGET_COUNSEL = "retention.counsel_forget"


def unreferenced(erased_ids=(), forgotten=()):
    """Condition on ``Blob``: no report cites the photo and no document shared with counsel holds it.

    A counsel document is kept while it is young or its report is on legal hold (``forget_counsel_documents``),
    and its photo with it. A dry run erases and forgets nothing: ``erased_ids`` and ``forgotten`` are the reports
    and documents it would, whose references then do not count.
    """
    cited = exists().where(EncounterPhoto.sha256 == Blob.sha256, EncounterPhoto.encounter_id.not_in(erased_ids))
    shared = exists().where(CounselDocumentPhoto.sha256 == Blob.sha256,
                            CounselDocumentPhoto.encounter_id.not_in(forgotten))
    return ~cited & ~shared


def free_blobs(shas: set[str], erased_ids: list, tally: Tally, dry_run: bool, forgotten=()) -> list[str]:
    """Delete the blob rows nothing references any more (dry run: those only these reports and documents do)."""
    if not shas:
        return []
    gone = unreferenced(erased_ids if dry_run else (), forgotten if dry_run else ())
    if dry_run:
        rows = db.session.execute(select(Blob.sha256, Blob.size).where(Blob.sha256.in_(shas), gone)).all()
    else:
        rows = db.session.execute(delete(Blob).where(Blob.sha256.in_(shas), gone)
                                  .returning(Blob.sha256, Blob.size)).all()
    tally.add("blobs", len(rows))
    tally.add("blob_bytes", sum(size for _, size in rows))
    return [sha for sha, _ in rows]


def delete_orphans(now: datetime, schedule: rules.Schedule, tally: Tally, dry_run: bool,
                   forgotten=()) -> list[str]:
    """Photos nothing references, uploaded longer ago than the schedule allows (the report never came).

    Counted from the last upload, by anyone: bytes first uploaded by someone whose report never came may
    have been uploaded again today by another user, whose report is on its way. A photo a kept document
    shared with counsel holds is no orphan (``unreferenced``); ``forgotten``: the documents this run forgets.
    """
    before = now - timedelta(days=schedule.orphan_photo_days)
    old = and_(Blob.created_at <= before, ~exists().where(BlobUpload.sha256 == Blob.sha256,
                                                          BlobUpload.uploaded_at > before),
               unreferenced(forgotten=forgotten if dry_run else ()))
    if dry_run:
        rows = db.session.execute(select(Blob.sha256, Blob.size).where(old)).all()
    else:
        rows = db.session.execute(delete(Blob).where(old).returning(Blob.sha256, Blob.size)).all()
        if rows:
            db.session.execute(AuditEntry.__table__.insert(), [
                audit_row("retention.blob_delete", "blob", sha, at=now, details={"size": size}) for sha, size in rows])
    tally.add("orphan_blobs", len(rows))
    tally.add("blob_bytes", sum(size for _, size in rows))
    return [sha for sha, _ in rows]


def forget_counsel_documents(now: datetime, schedule: rules.Schedule, tally: Tally, dry_run: bool) -> list:
    """Forget documents shared with counsel (site, times, verdict, note) as old as an unreferenced photo.

    Counsel reads them only while the encounter is open (hours); the report, when it came,
    holds the photo under its own retention. Counsel's note also travelled to the sharing
    phone through the change log: its words go there too (the verdict stays, as a status does).
    A report on legal hold keeps its encounter's document, verdict, note and photos: a hold stops every
    erasure of what the City holds about that encounter; lifted, the next purge forgets them.
    Each forgotten document is audited (``FORGET_COUNSEL``: how many pages, whether a note went; no words).
    Return the encounters whose documents went (dry run: would go); their photos are then unreferenced.
    """
    held = exists().where(Encounter.id == CounselDocument.encounter_id, Encounter.legal_hold.is_(True))
    pages = (select(func.count()).where(CounselDocumentPhoto.encounter_id == CounselDocument.encounter_id)
             .scalar_subquery())
    old = select(CounselDocument.encounter_id, CounselDocument.department_id, pages,
                 CounselDocument.note.is_not(None)).where(
        CounselDocument.shared_at <= now - timedelta(days=schedule.orphan_photo_days), ~held)
    found = {row[0]: row[1:] for row in db.session.execute(old)}
    ids = list(found)
    if ids and not dry_run:
        # Only the documents this run deleted are counted and audited (another host's purge may have got there first).
        # The hold is asked again as the rows go: one committed since the SELECT keeps the document.
        ids = list(db.session.scalars(delete(CounselDocument).where(CounselDocument.encounter_id.in_(ids), ~held)
                                      .returning(CounselDocument.encounter_id)))
        db.session.execute(delete(CounselDocumentPhoto).where(CounselDocumentPhoto.encounter_id.in_(ids)))
        if ids:
            db.session.execute(AuditEntry.__table__.insert(), [
                audit_row(FORGET_COUNSEL, "encounter", i, department_id=found[i][0], at=now,
                          details={"photos": found[i][1], "note": bool(found[i][2])}) for i in ids])
        # The note goes from the change log, and again to a phone that already pulled it.
        replace_carried(COUNSEL_ANSWER, ids, {COUNSEL_NOTE_FIELD: None})
    tally.add("counsel_documents", len(ids))
    return ids


def sweep_files(storage: BlobStorage, now: datetime, schedule: rules.Schedule, tally: Tally,
                dry_run: bool) -> None:
    """Delete temporary uploads and stored bytes without a row, older than the schedule's hours (any storage)."""
    before = now.timestamp() - schedule.temp_file_hours * 3600
    found = list(storage.strays(before))
    names = [stray.name for stray in found if stray.kind == "blob"]
    held = set()
    for start in range(0, len(names), 500):
        chunk = names[start:start + 500]
        held |= set(db.session.scalars(select(Blob.sha256).where(Blob.sha256.in_(chunk))))
    for stray in found:
        if stray.kind == "blob" and stray.name in held:
            continue
        if not dry_run and not storage.remove_stray(stray):
            continue  # another host removed it first
        tally.add("temp_files" if stray.kind == "temp" else "stray_files")
        tally.add("blob_bytes", stray.size)
