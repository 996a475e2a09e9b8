"""Triage changes by the report's department's liaisons: status, assignment, notes, questions, duplicates."""
from functools import wraps
from uuid import UUID

from flask import g
from flask_smorest import Blueprint
from sqlalchemy import select

from encounter import door
from encounter.triage import MOVES
from server.access import require
from server.auth import token_required
from server.errors import ApiError
from server.extensions import db
from server.models import Encounter, User
from encounter import priority
from server.blueprints.reports import reason_language
from server.reports import triage
from server.schemas.triage import (
    AssignSchema, DuplicateDecisionSchema, NoteSchema, PrioritySchema, QuestionSchema, StatusMoveSchema,
    TriageStateSchema,
)
from sync.envelope import iso_time

blp = Blueprint("triage", __name__, description="Triage of reports by liaisons (docs/desk-api.md, Triage)")
_NOT_FOUND = "no such report"


def _liaison_only(view):
    """Authenticate, then refuse roles that never triage before the body is even read (403 reveals nothing)."""
    @token_required
    @wraps(view)
    def wrapper(*args, **kwargs):
        require(g.principal, "triage")
        return view(*args, **kwargs)
    return wrapper


def _report_id(text: str) -> UUID:
    """Parse the path's id; a malformed one is as absent as any other."""
    try:
        return UUID(text)
    except ValueError:
        raise ApiError(404, _NOT_FOUND) from None


def _run(change, *args, **kwargs):
    """Run a domain change and commit it, translating the domain's refusals to HTTP answers."""
    try:
        result = change(g.principal, *args, **kwargs)
    except triage.TriageError as exc:
        db.session.rollback()
        raise _http_error(exc) from None
    db.session.commit()
    return result


def _http_error(exc: triage.TriageError) -> ApiError:
    """Map a domain refusal to the one error shape."""
    if isinstance(exc, triage.ReportNotFound):
        return ApiError(404, _NOT_FOUND)
    if isinstance(exc, triage.InvalidTransition):
        allowed = ", ".join(exc.allowed)
        return ApiError(409, f"{exc}; from {exc.current} the allowed moves are: {allowed}",
                        reason="invalid_transition", errors={"allowed": list(exc.allowed)})
    if isinstance(exc, triage.SensitiveText):  # the shape of counsel's refusal: field messages and spans
        return ApiError(422, door.MESSAGE, reason=door.REASON, errors=door.refusal_errors(exc.spans))
    if isinstance(exc, triage.NotAssignable):
        return ApiError(409, str(exc), reason=exc.reason)
    if isinstance(exc, triage.IdTaken):
        return ApiError(409, str(exc), reason="id_taken")
    if isinstance(exc, triage.InvalidRequest):
        return ApiError(422, "the request is invalid", reason="invalid", errors={"json": exc.errors})
    return ApiError(409, str(exc), reason="concurrent_change")


def _state(report_id: UUID, **extra) -> dict:
    """The report's triage state as answered after every change."""
    report = db.session.execute(select(Encounter.id, Encounter.status, Encounter.status_changed_at,
                                       Encounter.resolution, Encounter.assigned_to_id, Encounter.priority,
                                       Encounter.priority_rule)
                                .where(Encounter.id == report_id)).one()
    assignee = None
    if report.assigned_to_id is not None:
        name = db.session.scalar(select(User.display_name).where(User.id == report.assigned_to_id))
        assignee = {"id": report.assigned_to_id, "name": name}
    return {"id": report.id, "status": report.status, "status_changed_at": report.status_changed_at,
            "resolution": report.resolution, "assigned_to": assignee,
            "allowed_moves": list(MOVES[report.status]), "priority": report.priority,
            "priority_rule": report.priority_rule,
            "priority_reason": priority.reason(report.priority_rule, reason_language()), **extra}


_DOC = {"security": [{"bearer": []}]}


@blp.route("/reports/<report_id>/status", methods=["POST"])
@blp.doc(**_DOC)
@_liaison_only
@blp.arguments(StatusMoveSchema)
@blp.response(200, TriageStateSchema)
def move_status(args, report_id):
    """Move the report to another triage status (409 invalid_transition lists the allowed moves)."""
    rid = _report_id(report_id)
    _run(triage.move_status, rid, args["to"], resolution=args["resolution"], reason=args["reason"],
         shown=args.get("shown", triage.UNSAID))
    return _state(rid)


@blp.route("/reports/<report_id>/assign", methods=["POST"])
@blp.doc(**_DOC)
@_liaison_only
@blp.arguments(AssignSchema)
@blp.response(200, TriageStateSchema)
def assign(args, report_id):
    """Assign the report to a liaison of its department, or to nobody."""
    rid = _report_id(report_id)
    _run(triage.assign, rid, args["user_id"], shown=args.get("shown", triage.UNSAID))
    return _state(rid)


@blp.route("/reports/<report_id>/priority", methods=["POST"])
@blp.doc(**_DOC)
@_liaison_only
@blp.arguments(PrioritySchema)
@blp.response(200, TriageStateSchema)
def set_priority(args, report_id):
    """Set the report's priority by hand (1 to 3); its reason then reads "set by a liaison"."""
    rid = _report_id(report_id)
    _run(triage.set_priority, rid, args["priority"], shown=args.get("shown", triage.UNSAID))
    return _state(rid)


@blp.route("/reports/<report_id>/notes", methods=["POST"])
@blp.doc(**_DOC)
@_liaison_only
@blp.arguments(NoteSchema)
@blp.response(201, TriageStateSchema)
def add_note(args, report_id):
    """Add an internal note; it never reaches the reporter's phone."""
    rid = _report_id(report_id)
    note = _run(triage.add_note, rid, args["text"], args["id"])
    return _state(rid, note={"id": str(note.id), "at": iso_time(note.at), "author_id": note.author_id, "text": note.text})


@blp.route("/reports/<report_id>/questions", methods=["POST"])
@blp.doc(**_DOC)
@_liaison_only
@blp.arguments(QuestionSchema)
@blp.response(201, TriageStateSchema)
def ask(args, report_id):
    """Ask the reporter a follow-up question; their phone receives it on its next pull."""
    rid = _report_id(report_id)
    followup = _run(triage.ask, rid, args["text"], args["id"])
    return _state(rid, followup={"id": str(followup.id), "question": followup.question,
                                 "asked_at": iso_time(followup.asked_at), "asked_by": followup.asked_by})


@blp.route("/reports/<report_id>/duplicates", methods=["POST"])
@blp.doc(**_DOC)
@_liaison_only
@blp.arguments(DuplicateDecisionSchema)
@blp.response(200, TriageStateSchema)
def decide_duplicate(args, report_id):
    """Confirm ("same") or split ("different") a likely-duplicate pair; both reports stay whole."""
    rid = _report_id(report_id)
    decision = _run(triage.decide_duplicate, rid, args["other_id"], args["decision"])
    return _state(rid, duplicate={"first_id": str(decision.first_id), "second_id": str(decision.second_id),
                                  "decision": decision.decision, "decided_by": decision.decided_by,
                                  "decided_at": iso_time(decision.decided_at)})
