"""Redaction of the texts kept beside a report's body: notes, follow-up questions, answers, triage reasons.

``encounter/redaction.py`` says which texts these are and how a span is removed; this module finds the
one text asked for, on the report already locked and scoped by ``server/retention/changes.py``, and
writes the new text where it is stored and served: a question also in the change log the reporter's
phone pulls, an answer also in its pushed body (its receipt hash stays that of what was received), a
closing resolution also in the report's resolution. The caller audits and commits.
"""
import hashlib
import hmac
import uuid

from flask import current_app

from encounter import redaction
from encounter.triage import CLOSED
from encounter.field_message import coded
from server.access import scoped
from server.changes import replace_carried
from server.extensions import db
from server.models import Encounter, FollowUp, FollowUpAnswer, ReportNote, TriageEvent
from sync.envelope import Principal


class TextNotFound(Exception):
    """The report holds no such note, question, answer or triage move (or the principal may not see it)."""


def event_ref(event_id: int) -> uuid.UUID:
    """The id a triage move is known by outside the server: keyed, so it never shows the citywide counter.

    A triage event's own id is the next value of one sequence shared by every department; a liaison who
    read two of them would learn how many moves the other departments made in between (as note ids did
    before migration 0021). The reference is derived from it with the app's secret key, so it is stable,
    needs no column, and says nothing of any other event.
    """
    key = current_app.config["SECRET_KEY"]
    key = key.encode() if isinstance(key, str) else key
    digest = hmac.new(key, f"triage_event:{event_id}".encode(), hashlib.sha256).digest()
    return uuid.UUID(bytes=digest[:16], version=4)


def _one(principal: Principal, model, report: Encounter, text_id: uuid.UUID):
    """The row ``text_id`` of ``model`` on this report, row-locked (PostgreSQL); raise when there is none."""
    row = db.session.scalar(scoped(model, principal).where(model.id == text_id, model.encounter_id == report.id)
                            .with_for_update())
    if row is None:
        raise TextNotFound(f"this report holds no such {model.__name__}")
    return row


def _event(principal: Principal, report: Encounter, text_id: uuid.UUID) -> tuple[TriageEvent, bool]:
    """The triage move of this report whose reference is ``text_id``, and whether it is the latest close.

    The report's resolution is the one its latest move to closed gave (a reopen clears it, a close sets it):
    only that move's words are the report's too. An earlier close may hold the very same words.
    """
    events = db.session.scalars(scoped(TriageEvent, principal).where(TriageEvent.encounter_id == report.id)
                                .order_by(TriageEvent.id).with_for_update()).all()
    closes = [event for event in events if event.action == "status" and event.to_value == CLOSED]
    for event in events:
        if event_ref(event.id) == text_id:
            return event, bool(closes) and event is closes[-1]
    raise TextNotFound("this report holds no such triage move")


def _note(principal, report, text_id, field, spans, seen) -> redaction.Redacted:
    note = _one(principal, ReportNote, report, text_id)
    result = redaction.redact({"text": note.text}, field, spans, "note", seen)
    note.text = result.text
    return result


def _question(principal, report, text_id, field, spans, seen) -> redaction.Redacted:
    """Redact the question, and every change that carries it to the reporter's phone.

    A phone that has not pulled yet gets the redacted question only (the stored changes are rewritten);
    one that already holds it gets the redacted question again by its id on its next pull, which replaces
    the words it holds (every pulled change is an upsert by id, ``pwa/src/sync.js``).
    """
    followup = _one(principal, FollowUp, report, text_id)
    result = redaction.redact({"question": followup.question}, field, spans, "question", seen)
    followup.question = result.text
    replace_carried("message", [followup.id], {"question": result.text})
    return result


def _answer(principal, report, text_id, field, spans, seen) -> redaction.Redacted:
    """Redact the answer's text and the same words in its pushed body; its receipt hash stays."""
    answer = _one(principal, FollowUpAnswer, report, text_id)
    result = redaction.redact({"text": answer.text}, field, spans, "answer", seen)
    answer.text = result.text
    if "text" in (answer.body or {}):
        answer.body = {**answer.body, "text": result.text}
    return result


def _triage(principal, report, text_id, field, spans, seen) -> redaction.Redacted:
    """Redact a move's reason or resolution; a closing resolution is also the report's, while it stands."""
    event, latest_close = _event(principal, report, text_id)
    details = event.details or {}
    result = redaction.redact(details, field, spans, "triage", seen)
    event.details = {**details, result.field: result.text}
    if result.field == "resolution" and latest_close and report.resolution == details["resolution"]:
        report.resolution = result.text
    return result


_BY_TARGET = {"note": _note, "question": _question, "answer": _answer, "triage": _triage}
assert set(_BY_TARGET) | {redaction.BODY} == set(redaction.TEXTS), "every target of the rule has its writer"


def redact_beside(principal: Principal, report: Encounter, target: str, text_id: uuid.UUID | None,
                  field: str | None, spans: list[tuple[int, int]], seen: str | None = None) -> redaction.Redacted:
    """Remove spans of one text beside the (locked) report's body; refuse a target or field the rule does not know.

    ``seen``: the digest of the text the spans were counted in, if the caller sent it (``redaction.redact``).
    """
    redaction.field_of(target, field)  # an unknown target or field is refused before anything is read
    if text_id is None:
        raise redaction.RedactionRefused({"id": [coded("required", "say which text: its id")]})
    return _BY_TARGET[target](principal, report, text_id, field, spans, seen)
