"""Triage of a report by its department's liaisons: the one table of status moves, and every change.

Each function checks the role, finds the report through ``server.access`` (out of scope
reads as absent), writes the change with its triage event and audit entry, and queues
what the reporter's phone should learn (``report_status``, ``message``) in the same
transaction; the caller commits. Internal notes and resolutions never reach the phone.

Two liaisons moving one report at once: the move is a conditional
``UPDATE … WHERE status = <the status read>``; on PostgreSQL the second waits for the
first's row lock, then matches no row, so it fails (``ConcurrentChange``) instead of
moving the report a second time from a state it no longer has. Assignment works alike. Two sends of one note
or question (the desk's id) store it once and answer both with it (``_stored``).
"""
from uuid import UUID, uuid4

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from encounter import door
from encounter.field_message import coded
from encounter.triage import CLOSED, ESCALATED, MOVES, PRIORITIES, SET_BY_LIAISON, judge_move
from server.access import require, scoped
from server.audit import record
from server.changes import record_change
from server.extensions import db
from server.inserts import insert_new
from server.models import DuplicateDecision, Encounter, FollowUp, ReportNote, Site, TriageEvent, User
from server.models.types import utcnow
from server.reports import assignees
from server.reports.duplicates import are_candidates, pair
from sync.envelope import Principal, iso_time

NOT_A_LIAISON = coded("not_allowed", "not a liaison of this department")
NOT_A_DUPLICATE = coded("not_allowed", "is not a likely duplicate of this report")


class TriageError(Exception):
    """Base of the domain's refusals; the web layer maps each to a status."""


class ReportNotFound(TriageError):
    """No such report, or one the principal may not see (the two read alike)."""


class InvalidTransition(TriageError):
    """A move not in the table (``encounter.triage.MOVES``)."""

    def __init__(self, current: str, to: str):
        super().__init__(f"a report in {current} cannot move to {to}")
        self.current, self.to, self.allowed = current, to, MOVES[current]


class InvalidRequest(TriageError):
    """Field errors: ``{field: [messages]}``."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("the request is invalid")
        self.errors = errors


class SensitiveText(TriageError):
    """Typed text holds what must never be collected (``encounter/door.py``): nothing of the change is stored."""

    def __init__(self, spans: list[dict]):
        super().__init__(door.MESSAGE)
        self.spans = spans  # fields, kinds and offsets: never the words


class NotAssignable(TriageError):
    """A liaison of the department who may not be assigned now; ``reason`` says why (a code)."""

    def __init__(self, reason: str):
        super().__init__("this liaison's City sign-in no longer grants access here, so they cannot open the report;"
                         " assign someone else, or ask an administrator")
        self.reason = reason


class ConcurrentChange(TriageError):
    """Someone else changed the report between our read and our write; reload and retry."""


# A move's ``shown`` left out: the desk did not say what it showed (an older desk, a script), so nothing is compared.
UNSAID = object()


def _still(shown, current, what: str) -> None:
    """Refuse a move decided on a screen that showed ``shown`` when the report now holds ``current``: a colleague
    moved it meanwhile, and the liaison decides again on what it is now."""
    if shown is not UNSAID and shown != current:
        raise ConcurrentChange(f"the report's {what} changed since your screen showed it; reload it and decide again")


class IdTaken(TriageError):
    """The id the desk chose for a note or question is another report's or another author's."""


def _retried(model, item_id: UUID | None, report, author: str, principal: Principal):
    """The note or question already stored under the desk's ``item_id`` (a retry), or None.

    The desk chooses the id once per text and sends it again on a retry: a first try that was stored but whose
    answer was lost (a timeout) must not send the reporter the same question twice. What is stored answers,
    even if redacted since; an id of another report or author is refused, never answered with its note.
    """
    if item_id is None:
        return None
    held = db.session.get(model, item_id)
    if held is not None and (held.encounter_id != report.id or getattr(held, author) != principal.user_id):
        raise IdTaken("this id belongs to another note or question")
    return held


def _stored(model, row: dict, report, author: str, principal: Principal):
    """Insert the desk's new note or question; return it, and whether this call stored it (else a twin had).

    Two sends of one text racing (a retry while the first is still on its way) both miss ``_retried``: the
    second's insert meets the first's id (PostgreSQL waits for the first to commit), stores nothing, and the id
    is judged as a retry's: the twin answers, an id of another report or author is refused (``IdTaken``).
    """
    if insert_new(model, row, ["id"]):
        return db.session.get(model, row["id"]), True
    held = _retried(model, row["id"], report, author, principal)
    if held is None:  # the twin went meanwhile (the report erased)
        raise ConcurrentChange("the report changed meanwhile; reload it and try again")
    return held, False


def check_move(current: str, to: str, resolution: str | None, reason: str | None) -> None:
    """Refuse a move the table does not allow, a close without resolution, a reopen without reason."""
    verdict = judge_move(current, to, resolution, reason)
    if not verdict.allowed:
        raise InvalidTransition(current, to)
    if verdict.errors:
        raise InvalidRequest(verdict.errors)


def _report(principal: Principal, report_id: UUID):
    """Return the report's triage columns if the principal may triage it; raise otherwise."""
    require(principal, "triage")
    row = db.session.execute(
        scoped(Encounter, principal).with_only_columns(
            Encounter.id, Encounter.status, Encounter.department_id, Encounter.reporter_id, Encounter.assigned_to_id,
            Encounter.site_id, Encounter.started_at, Encounter.mayor_office_notified_at).where(Encounter.id == report_id)).first()
    if row is None:
        raise ReportNotFound("no such report")
    return row


def _which(report) -> dict:
    """Which report the phone's news is about, in what its reporter sent in it: the site's code and the start time.

    A phone that does not hold the report (sent from another phone, or signed in anew) still says which one it is;
    no name and nothing else of the report travels (the site's name comes from the sites the phone pulls).
    """
    site = db.session.scalar(select(Site.code).where(Site.id == report.site_id))
    return {"site": site, "started_at": iso_time(report.started_at)}


def _door(kind: str, **texts) -> None:
    """Refuse the change if the liaison's text holds never-collected data (the phone's door, ``encounter/door.py``).

    The desk checks first with the same patterns; this stops an older desk or another client.
    Called before anything is written, so a refusal leaves the report, its audit and the phone untouched.
    """
    found = door.spans(texts, door.FIELDS_BY_KIND[kind])
    if found:
        raise SensitiveText(found)


def _log(principal: Principal, report, action: str, at, *, event: dict | None = None, details: dict | None = None):
    """Write the triage event (if any) and the audit entry of one change."""
    if event is not None:
        db.session.add(TriageEvent(encounter_id=report.id, at=at, actor_id=principal.user_id,
                                   device_id=principal.device_id, action=event["action"],
                                   from_value=event.get("from"), to_value=event.get("to"),
                                   details=event.get("details") or {}))
    record(action, "encounter", report.id, actor_id=principal.user_id, device_id=principal.device_id,
           department_id=report.department_id, details=details or {}, at=at)


def move_status(principal: Principal, report_id: UUID, to: str, *, resolution: str | None = None,
                reason: str | None = None, shown=UNSAID) -> None:
    """Move a report to ``to`` if the table allows it; tell the reporter's phone the new status."""
    report = _report(principal, report_id)
    _still(shown, report.status, "status")
    _door("triage_status", resolution=resolution, reason=reason)
    check_move(report.status, to, resolution, reason)
    now = utcnow()
    values = {"status": to, "status_changed_at": now}
    notified = to == ESCALATED and report.mayor_office_notified_at is None
    if notified:
        # The escalation notifies the Mayor's Office: the first one sets the time the aggregate measures.
        values["mayor_office_notified_at"] = now
    if CLOSED in (to, report.status):
        values["resolution"] = resolution if to == CLOSED else None  # a reopened report is unresolved
    moved = db.session.execute(update(Encounter).where(Encounter.id == report.id, Encounter.status == report.status)
                               .values(**values).execution_options(synchronize_session=False))
    if moved.rowcount != 1:
        raise ConcurrentChange("the report's status changed meanwhile; reload it and try again")
    details = {k: v for k, v in (("resolution", resolution), ("reason", reason)) if v is not None}
    action = "triage.reopen" if report.status == CLOSED else "triage.status"
    # The audit says that a resolution or reason was given, never its words: free text may hold what
    # should never have been written, and the append-only audit could not be redacted.
    given = {f"has_{key}": True for key in details}
    if notified:
        given["mayor_office_notified_at"] = iso_time(now)
    _log(principal, report, action, now, details={"from": report.status, "to": to, **given},
         event={"action": "status", "from": report.status, "to": to, "details": details})
    record_change("report_status", report.id,
                  {"report_id": str(report.id), "status": to, "at": iso_time(now), **_which(report)},
                  recipient_id=report.reporter_id)


def assign(principal: Principal, report_id: UUID, user_id: int | None, shown=UNSAID) -> None:
    """Assign the report to a liaison of its department, or to nobody."""
    report = _report(principal, report_id)
    _still(shown, report.assigned_to_id, "assignment")
    if user_id is not None:
        why = assignees.refusal(db.session, scoped(User, principal), report.department_id, user_id)
        if why == assignees.NOT_A_LIAISON:  # another department's user reads like one that does not exist
            raise InvalidRequest({"user_id": [NOT_A_LIAISON]})
        if why is not None:
            raise NotAssignable(why)
    if user_id == report.assigned_to_id:
        return
    now = utcnow()
    changed = db.session.execute(
        update(Encounter).where(Encounter.id == report.id,
                                Encounter.assigned_to_id.is_not_distinct_from(report.assigned_to_id))
        .values(assigned_to_id=user_id).execution_options(synchronize_session=False))
    if changed.rowcount != 1:
        raise ConcurrentChange("the report's assignment changed meanwhile; reload it and try again")
    before = None if report.assigned_to_id is None else str(report.assigned_to_id)
    after = None if user_id is None else str(user_id)
    _log(principal, report, "triage.assign", now, details={"from": report.assigned_to_id, "to": user_id},
         event={"action": "assign", "from": before, "to": after})


def set_priority(principal: Principal, report_id: UUID, to: int, shown=UNSAID) -> None:
    """Set the report's priority by hand (the queue's order and P1 cue follow it); its rule reads SET_BY_LIAISON.

    Conditional on the priority read, as a status move is: two liaisons at once, the second is told to reload.
    """
    if to not in PRIORITIES:
        raise InvalidRequest({"priority": [coded("one_of", f"must be one of {', '.join(map(str, PRIORITIES))}",
                                                 choices=list(PRIORITIES))]})
    report = _report(principal, report_id)
    current = db.session.execute(select(Encounter.priority, Encounter.priority_rule)
                                 .where(Encounter.id == report.id)).one()
    _still(shown, current.priority, "priority")
    if current.priority == to and current.priority_rule == SET_BY_LIAISON:
        return
    now = utcnow()
    changed = db.session.execute(
        update(Encounter).where(Encounter.id == report.id, Encounter.priority == current.priority,
                                Encounter.priority_rule.is_not_distinct_from(current.priority_rule))
        .values(priority=to, priority_rule=SET_BY_LIAISON).execution_options(synchronize_session=False))
    if changed.rowcount != 1:
        raise ConcurrentChange("the report's priority changed meanwhile; reload it and try again")
    _log(principal, report, "triage.priority", now,
         details={"from": current.priority, "to": to, "rule": current.priority_rule},
         event={"action": "priority", "from": str(current.priority), "to": str(to)})


def add_note(principal: Principal, report_id: UUID, text: str, note_id: UUID | None = None) -> ReportNote:
    """Add an internal note (never sent to the phone); ``note_id``, the desk's, makes a retry add nothing."""
    report = _report(principal, report_id)
    held = _retried(ReportNote, note_id, report, "author_id", principal)
    if held is not None:
        return held
    _door("triage_note", text=text)
    note, new = _stored(ReportNote, {"id": note_id or uuid4(), "encounter_id": report.id,
                                     "author_id": principal.user_id, "at": utcnow(), "text": text},
                        report, "author_id", principal)
    if not new:
        return note
    _log(principal, report, "triage.note", note.at, details={"note_id": str(note.id)})
    return note


def ask(principal: Principal, report_id: UUID, text: str, question_id: UUID | None = None) -> FollowUp:
    """Ask the reporter a follow-up question (it reaches their phone on its next pull); a retry asks nothing more."""
    report = _report(principal, report_id)
    held = _retried(FollowUp, question_id, report, "asked_by", principal)
    if held is not None:
        return held
    _door("triage_question", text=text)
    followup, new = _stored(FollowUp, {"id": question_id or uuid4(), "encounter_id": report.id,
                                       "asked_by": principal.user_id, "asked_at": utcnow(), "question": text},
                            report, "asked_by", principal)
    if not new:
        return followup
    _log(principal, report, "triage.question", followup.asked_at, details={"followup_id": str(followup.id)})
    asker = db.session.scalar(select(User.display_name).where(User.id == principal.user_id))
    record_change("message", followup.id, {
        "id": str(followup.id), "report_id": str(report.id), "question": text,
        "asked_at": iso_time(followup.asked_at), "asked_by": asker, **_which(report)}, recipient_id=report.reporter_id)
    return followup


def decide_duplicate(principal: Principal, report_id: UUID, other_id: UUID, decision: str) -> DuplicateDecision:
    """Record whether a likely-duplicate pair is one event ("same") or two ("different"); nothing is merged."""
    report = _report(principal, report_id)
    other = db.session.execute(scoped(Encounter, principal).with_only_columns(
        Encounter.id, Encounter.department_id, Encounter.site_id, Encounter.started_at)
        .where(Encounter.id == other_id)).first()
    # Unknown, out of scope and not a candidate read alike: nothing about other reports leaks.
    if other is None or not are_candidates(report, other):
        raise InvalidRequest({"other_id": [NOT_A_DUPLICATE]})
    first, second = pair(report.id, other.id)
    now = utcnow()
    held = db.session.get(DuplicateDecision, (first, second), with_for_update=True)
    if held is not None and held.decision == decision:
        return held
    previous = held.decision if held is not None else None
    if held is None:
        held = DuplicateDecision(first_id=first, second_id=second, decision=decision,
                                 decided_by=principal.user_id, decided_at=now)
        db.session.add(held)
        try:
            # A new pair locks nothing: two liaisons deciding it at once meet at the primary key.
            with db.session.begin_nested():
                db.session.flush()
        except IntegrityError as exc:
            raise ConcurrentChange("another liaison decided this pair meanwhile; reload it and try again") from exc
    else:
        held.decision, held.decided_by, held.decided_at = decision, principal.user_id, now
    action = "duplicate_confirm" if decision == "same" else "duplicate_split"
    for this, that in ((report, other.id), (other, report.id)):
        _log(principal, this, "triage.duplicate", now,
             details={"other_id": str(that), "decision": decision, "previous": previous},
             event={"action": action, "from": previous, "to": decision, "details": {"other_id": str(that)}})
    return held
