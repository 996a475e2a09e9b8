"""Blobs (photos of documents, uploaded by content hash) and which encounters reference them.

The bytes live in blob storage (``server/blobs/``); a ``Blob`` row says the server holds
them. ``EncounterPhoto`` is written with the encounter, in the same transaction, from
the body's ``photos``: it answers "may this user see this blob?" and "is this report
complete?" with plain joins on SQLite and PostgreSQL alike. A photo may be referenced
before it is uploaded, so there is no foreign key from it to ``blobs``.

``BlobUpload`` records every user who uploaded a blob's bytes, not only the first: the same
warrant forwarded to staff of two departments is uploaded by each, and who may read a photo,
share it with counsel or be told it is missing depends on whether *they* uploaded it.
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
    # The first upload only, kept as history: every rule reads ``BlobUpload``, which holds every uploader.
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    uploaded_device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)


class BlobUpload(db.Model):
    """One user's upload of a blob's bytes (their first; a retry adds nothing). Goes with the blob's row."""

    __tablename__ = "blob_uploads"
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    # The device that took it, which may read it back until a report citing it is received (None before 0009).
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    uploaded_at = mapped_column(UtcDateTime, nullable=False)


class EncounterPhoto(db.Model):
    """One photo an encounter's body references, uploaded or not."""

    __tablename__ = "encounter_photos"
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounters.id", ondelete="CASCADE"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
