"""Blobs (photos of documents, uploaded by content hash) and which encounters reference them.

The bytes live in blob storage (``server/blobs/``); a ``Blob`` row says the server holds
them. ``EncounterPhoto`` is written with the encounter, in the same transaction, from
the body's ``photos``: it answers "may this user see this blob?" and "is this report
complete?" with plain joins on SQLite and PostgreSQL alike. A photo may be referenced
before it is uploaded, so there is no foreign key from it to ``blobs``.
"""
import uuid

from sqlalchemy import ForeignKey, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db
from server.models.types import UtcDateTime


class Blob(db.Model):
    """An uploaded file the server holds, keyed by the hex SHA-256 of its bytes."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str] = mapped_column(String(40))
    created_at = mapped_column(UtcDateTime, nullable=False)
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # The device that took it, which may read it back until a report citing it is received (None before 0009).
    uploaded_device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)


class EncounterPhoto(db.Model):
    """One photo an encounter's body references, uploaded or not."""

    __tablename__ = "encounter_photos"
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounters.id", ondelete="CASCADE"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
