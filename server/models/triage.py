"""What liaisons add to a report: triage history, internal notes, follow-up questions and
the reporter's answers, and decisions on likely duplicates. The report itself never changes.
"""
import uuid

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db
from server.models.types import Json, UtcDateTime, utcnow


class TriageEvent(db.Model):
    """One triage change of a report (status move, assignment, duplicate decision…), in order."""

    __tablename__ = "triage_events"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounters.id", ondelete="CASCADE"), index=True)
    at = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    action: Mapped[str] = mapped_column(String(30))  # status, assign, duplicate_confirm, duplicate_split…
    from_value: Mapped[str | None] = mapped_column(String(60), nullable=True)
    to_value: Mapped[str | None] = mapped_column(String(60), nullable=True)
    details: Mapped[dict] = mapped_column(Json, default=dict)


class ReportNote(db.Model):
    """An internal note by a liaison; never sent to the reporter's phone.

    Its id is a random UUID, not a counter: a citywide counter's gaps, seen by a liaison, would
    count the notes of every other department (migration 0021).
    """

    __tablename__ = "report_notes"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounters.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    text: Mapped[str] = mapped_column(Text)


class FollowUp(db.Model):
    """A question from a liaison to the reporter; it reaches the phone through pull (kind ``message``)."""

    __tablename__ = "followups"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounters.id", ondelete="CASCADE"), index=True)
    asked_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    asked_at = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    question: Mapped[str] = mapped_column(Text)


class FollowUpAnswer(db.Model):
    """The reporter's answer, pushed from the phone's outbox (kind ``answer``); keyed by the item's id.

    Like an encounter it is immutable and carries its receipt (``received_at``, ``sha256``),
    so a retried push is recognised as a duplicate.
    """

    __tablename__ = "followup_answers"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    followup_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("followups.id", ondelete="CASCADE"), index=True)
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounters.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    text: Mapped[str] = mapped_column(Text)
    answered_at = mapped_column(UtcDateTime, nullable=False)
    body: Mapped[dict] = mapped_column(Json)
    sha256: Mapped[str] = mapped_column(String(64))
    received_at = mapped_column(UtcDateTime, nullable=False)


class DuplicateDecision(db.Model):
    """A liaison's verdict on a pair of likely-duplicate reports: the same event, or not.

    Stored per pair with ``first_id < second_id``; nothing is merged: both reports stay whole.
    """

    __tablename__ = "duplicate_decisions"
    __table_args__ = (CheckConstraint("decision IN ('same','different')", name="decision_known"),)
    first_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounters.id", ondelete="CASCADE"), primary_key=True)
    second_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounters.id", ondelete="CASCADE"), primary_key=True, index=True)
    decision: Mapped[str] = mapped_column(String(10))
    decided_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at = mapped_column(UtcDateTime, default=utcnow, nullable=False)
