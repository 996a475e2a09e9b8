"""Issue 11: one-tap alerts, the desk's live events, and browsers subscribed to Web Push."""
import uuid

from sqlalchemy import BigInteger, ForeignKey, Integer, SmallInteger, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db
from server.models.types import Json, UtcDateTime, utcnow


class Alert(db.Model):
    """An "agents here now" alert (push kind ``alert``), open until the report under ``encounter_id`` arrives
    or a liaison closes it by hand.

    Keyed by the item's id (one namespace with every pushed kind, ``item_ids``); the body as
    received and its hash are kept, so a retried push is a duplicate and a changed one a conflict.
    """

    __tablename__ = "alerts"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    encounter_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    occurred_at = mapped_column(UtcDateTime, nullable=False)
    received_at = mapped_column(UtcDateTime, nullable=False)
    agency: Mapped[str | None] = mapped_column(String(30), nullable=True)
    closed_at = mapped_column(UtcDateTime, nullable=True)
    # A liaison's close by hand (no report will come): who, and why as a code (encounter/alerts.py CLOSE_REASONS).
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    closed_reason: Mapped[str | None] = mapped_column(String(20), nullable=True)
    # The report that closed it (its id is ``encounter_id``); no foreign key: an alert may outlive nothing it needs.
    report_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    schema_version: Mapped[int] = mapped_column(SmallInteger)
    body: Mapped[dict] = mapped_column(Json)
    sha256: Mapped[str] = mapped_column(String(64))


class DeskEvent(db.Model):
    """One event for open desk screens (``GET /api/v1/events``), written in the push's transaction.

    The database is the source of truth, so every app host and worker serves the same events;
    ids increase in commit order (see ``server/live/events.py``) and are the stream's event ids.
    """

    __tablename__ = "desk_events"
    # SQLite: never reuse an id, even after the newest rows are deleted (a stream resumes by id).
    __table_args__ = {"sqlite_autoincrement": True}
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))  # alert, alert_closed, report
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    data: Mapped[dict] = mapped_column(Json)
    created_at = mapped_column(UtcDateTime, default=utcnow, nullable=False)


class PushSubscription(db.Model):
    """A desk browser's Web Push subscription (endpoint and keys), one row per endpoint."""

    __tablename__ = "push_subscriptions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    endpoint: Mapped[str] = mapped_column(Text, unique=True)
    p256dh: Mapped[str] = mapped_column(String(200))
    auth: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    created_at = mapped_column(UtcDateTime, default=utcnow, nullable=False)
