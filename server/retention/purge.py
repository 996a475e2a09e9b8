"""The retention purge: erase what the schedule says is due, then the photos and files nobody needs.

``flask --app wsgi purge [--dry-run]`` runs ``purge``. Safe from cron on several hosts at
once: reports are taken in batches of rows locked ``FOR UPDATE SKIP LOCKED`` (PostgreSQL),
so two purges never work on the same report, and every write is conditional (``erased_at
IS NULL``; a blob row is deleted only while no report references it; a file counts only for
the host whose unlink removed it), so nothing is done or counted twice and nothing fails
when another host got there first. SQLite serialises writers, and the same conditions hold.
Photos and files: server/retention/files.py.

What a due report loses (encounter/retention.py decides which reports are due): the body's
free-text fields, photo references and the phone's position, its search text, its resolution, the reasons in its
triage history, its follow-up questions (also in the change log) and answers, its internal
notes, and its photos (with their bytes unless another report references them). What it
keeps: every structured field, the checklist results, triage states and the audit trail, so
the Mayor's Office aggregate is the same before and after. An erased report that holds words
again (reopened and worked: server/retention/words.py) is due again under the same schedule.
"""
import logging
import time
from datetime import datetime
from uuid import uuid4

from sqlalchemy import and_, delete, func, or_, select, update

from encounter import retention as rules
from server.audit import audit_row
from server.blobs.storage import BlobStorage, StorageUnavailable
from server.extensions import db
from server.models import (
    AuditEntry, ChangeLogEntry, Encounter, EncounterPhoto, FollowUp, FollowUpAnswer, RemovedPhoto, ReportNote,
)
from server.retention import reopen_times, reopened_at, report_age
from server.retention.files import Tally, delete_orphans, forget_counsel_documents, free_blobs, sweep_files
from server.retention.words import WORDS_IN_EVENTS, maybe_words_since_erasure, words_beside

log = logging.getLogger(__name__)

BATCH = 200
# The audit action of a finished run (server/admin/settings.py reads the latest).
RUN = "retention.run"
# The audit action of each report a run erased.
ERASE = "retention.erase"


def _candidates(now: datetime, schedule: rules.Schedule, held: bool):
    """Reports the schedule makes due (pre-filtered in SQL by the rule's cutoffs; the rule re-checks each)."""
    closed_before, opened_before = rules.cutoffs(now, schedule)
    closed = and_(Encounter.status == "closed", Encounter.status_changed_at <= closed_before)
    # Not closed: the open clock runs from receipt, or from the last reopen (the rule's ``reopened_at``).
    not_closed = and_(or_(Encounter.status != "closed", Encounter.status_changed_at.is_(None)),
                      func.coalesce(reopened_at(), Encounter.received_at) <= opened_before)
    # An erased report comes again only with words written beside it since (reopened and worked again).
    return (or_(Encounter.erased_at.is_(None), maybe_words_since_erasure()), Encounter.legal_hold.is_(held),
            or_(closed, not_closed))


def _count_held(now: datetime, schedule: rules.Schedule) -> int:
    return db.session.scalar(select(func.count()).select_from(Encounter).where(*_candidates(now, schedule, True)))


def _batch(now: datetime, schedule: rules.Schedule, after, dry_run: bool, size: int) -> list:
    """The next batch of due reports after id ``after``; locked and skipping others' locks unless dry run."""
    query = (select(Encounter).where(*_candidates(now, schedule, False))
             .order_by(Encounter.id).limit(size))
    if after is not None:
        query = query.where(Encounter.id > after)
    if not dry_run and db.engine.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = db.session.scalars(query).all()
    return rows


def _erase_related(ids: list, words, tally: Tally, dry_run: bool) -> None:
    """Erase the words kept beside the bodies: questions, answers, notes, resolutions and triage reasons."""
    questions = [followup for _, followup in words.questions]
    events = words.events
    tally.add("other_texts", words.count())
    if dry_run:
        return
    db.session.execute(update(FollowUp).where(FollowUp.encounter_id.in_(ids)).values(question=""))
    for answer in db.session.scalars(select(FollowUpAnswer).where(FollowUpAnswer.encounter_id.in_(ids))):
        answer.text = ""
        answer.body = {key: value for key, value in answer.body.items() if key != "text"}
    db.session.execute(update(ReportNote).where(ReportNote.encounter_id.in_(ids)).values(text=""))
    for event in events:
        event.details = {k: v for k, v in event.details.items() if k not in WORDS_IN_EVENTS}
    # The question also travelled to the reporter's phone through the change log.
    wanted = [str(q) for q in questions]
    if wanted:
        for change in db.session.scalars(select(ChangeLogEntry).where(ChangeLogEntry.kind == "message",
                                                                      ChangeLogEntry.entity_id.in_(wanted))):
            change.data = {**change.data, "question": ""}


def _erase_batch(reports: list, now: datetime, schedule: rules.Schedule, tally: Tally, dry_run: bool,
                 seen: list, touched: set) -> list[str]:
    """Erase one batch of locked reports; return the blob names whose files go once this commits."""
    words = words_beside([r.id for r in reports])
    again, reopened = words.holders(), reopen_times([r.id for r in reports])
    due = [r for r in reports if rules.is_due(report_age(r, r.id in again, reopened.get(r.id)), now, schedule)]
    if due and not dry_run:
        # Claim them: only the purge whose conditional UPDATE marks a report erases it (PostgreSQL's row
        # locks already keep hosts apart; on SQLite this is what stops two runs doing the work twice).
        # A report erased before (words written since) is claimed by moving the erasure time it was read with.
        # The claim asks again, as it writes, that the report is off hold and due: a legal hold or a reopen
        # committed since the batch was read (SQLite takes no row locks) keeps the report.
        claimed, still = set(), _candidates(now, schedule, False)
        for which in [Encounter.id.in_([r.id for r in due if r.erased_at is None]) & Encounter.erased_at.is_(None),
                      *((Encounter.id == r.id) & (Encounter.erased_at == r.erased_at)
                        for r in due if r.erased_at is not None)]:
            claimed.update(db.session.scalars(update(Encounter).where(which, *still).values(erased_at=now)
                                              .returning(Encounter.id).execution_options(synchronize_session=False)))
        due = [r for r in due if r.id in claimed]
    if not due:
        return []
    ids = [r.id for r in due]
    seen.extend(ids)
    photos = db.session.execute(select(EncounterPhoto.encounter_id, EncounterPhoto.sha256)
                                .where(EncounterPhoto.encounter_id.in_(ids))).all()
    touched.update(sha for _, sha in photos)
    _erase_related(ids, words.of(set(ids)), tally, dry_run)
    audit = []
    for report in due:
        body, removed = rules.erase(report.body)
        mine = [sha for rid, sha in photos if rid == report.id]
        tally.add("reports")
        texts = len([name for name in removed if name in rules.ERASED_TEXT_FIELDS])
        tally.add("free_text_fields", texts)
        tally.add("photos", len(mine))
        if dry_run:
            continue
        report.body, report.search_text, report.resolution, report.erased_at = body, "", None, now
        audit.append(audit_row(ERASE, "encounter", report.id, department_id=report.department_id,
                               at=now, details={"fields": texts, "photos": len(mine)}))
    if not dry_run:
        db.session.execute(delete(EncounterPhoto).where(EncounterPhoto.encounter_id.in_(ids)))
        if photos:
            db.session.add_all(RemovedPhoto(encounter_id=rid, sha256=sha, removed_at=now, cause="retention")
                               for rid, sha in photos)
        if audit:
            db.session.execute(AuditEntry.__table__.insert(), audit)
    return free_blobs({sha for _, sha in photos}, seen, tally, dry_run)


def _delete_files(storage: BlobStorage, shas: list[str], tally: Tally) -> None:
    """Delete the bytes of blob rows already gone; an unreachable store leaves them for ``sweep_files``.

    An outage must not stop the erasure of words: the rows are committed, so bytes left behind are
    files without a row, which a later run's sweep removes. Logged by hash (a photo's name, never words).
    """
    for sha in shas:
        try:
            storage.delete(sha)
        except StorageUnavailable as exc:
            tally.add("storage_errors")
            log.warning("photo %s: row deleted, bytes left for the sweep (storage unavailable: %s)", sha, exc)


def purge(storage: BlobStorage, schedule: rules.Schedule, *, now: datetime | None = None, dry_run: bool = False,
          batch: int = BATCH, pause: float = 0.0) -> Tally:
    """Erase what is due in batches (one transaction each), then orphan photos and stray files; return the tally.

    ``pause``: seconds to hold each batch's locks before committing (only the concurrency test sets it).
    """
    from server.models.types import utcnow

    now = now or utcnow()
    tally = Tally()
    after, seen, touched = None, [], set()
    try:
        tally.add("held", _count_held(now, schedule))
        while True:
            reports = _batch(now, schedule, after, dry_run, batch)
            if not reports:
                break
            after = reports[-1].id
            files = _erase_batch(reports, now, schedule, tally, dry_run, seen, touched)
            if pause:
                time.sleep(pause)
            if dry_run:
                continue
            db.session.commit()
            _delete_files(storage, files, tally)  # after the commit: the row's removal is what decides
        # Documents shared with counsel first: a photo only a forgotten document held is then an orphan in this
        # same run, and one a kept document (legal hold) holds is not.
        forgotten = forget_counsel_documents(now, schedule, tally, dry_run)
        files = delete_orphans(now, schedule, tally, dry_run, forgotten)
        if not dry_run:
            # A photo shared by reports that another host erased at the same time was still referenced
            # when each batch looked; now that every batch has committed, look again.
            files += free_blobs(touched, seen, tally, dry_run)
            db.session.commit()
            _delete_files(storage, files, tally)
        try:
            sweep_files(storage, now, schedule, tally, dry_run)
        except StorageUnavailable as exc:
            tally.add("storage_errors")  # the next run sweeps; this one is still recorded below
            log.warning("stray-file sweep skipped (storage unavailable: %s)", exc)
        if not dry_run:
            # Every finished run is recorded, one with nothing due too: an administrator reads "when the purge
            # last ran" (GET /admin/settings) to see the schedule is kept. Its tally is numbers, never words.
            db.session.execute(AuditEntry.__table__.insert(), [audit_row(RUN, "purge", uuid4(), details=dict(tally.counts))])
            db.session.commit()
    finally:
        db.session.rollback()  # a dry run changes nothing; a real run has committed what it did
    return tally
