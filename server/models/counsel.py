"""Counsel's warrant check (issue 11): documents shared from an encounter in progress, and counsel's answer.

A phone shares the photo of a document shown during an encounter that has an alert, before
the report exists (``PUT /api/v1/encounters/<id>/documents/<sha256>``). ``CounselDocument``
is that encounter as counsel sees it: site, time, and one answer (a later answer replaces
it; the audit keeps each). ``CounselDocumentPhoto`` lists its pages. There is no foreign key
to ``encounters``: the report arrives later under the same id, and its arrival closes the
document for counsel (``encounter.views.COUNSEL_OPEN_HOURS`` bounds a report that never comes).
"""
import uuid

from sqlalchemy import CheckConstraint, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from encounter.vocabulary import COUNSEL_NOTE_MAX, VERDICTS
from server.extensions import db
from server.models.types import UtcDateTime


class CounselDocument(db.Model):
    """An encounter in progress whose document was shared with counsel, and counsel's answer."""

    __tablename__ = "counsel_documents"
    __table_args__ = (
        CheckConstraint("verdict IS NULL OR verdict IN (" + ", ".join(f"'{v}'" for v in VERDICTS) + ")",
                        name="verdict_known"),
    )
    encounter_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    occurred_at = mapped_column(UtcDateTime, nullable=False)  # when the first page was photographed
    shared_at = mapped_column(UtcDateTime, nullable=False, index=True)  # when the server first received it
    verdict: Mapped[str | None] = mapped_column(String(20), nullable=True)
    note: Mapped[str | None] = mapped_column(String(COUNSEL_NOTE_MAX), nullable=True)
    answered_at = mapped_column(UtcDateTime, nullable=True)
    answered_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class CounselDocumentPhoto(db.Model):
    """One page (photo) of a shared document."""

    __tablename__ = "counsel_document_photos"
    encounter_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("counsel_documents.encounter_id", ondelete="CASCADE"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    taken_at = mapped_column(UtcDateTime, nullable=False)
