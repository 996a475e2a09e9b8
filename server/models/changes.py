"""The change log users pull from: checklist versions, sites, and news on their own reports."""
from sqlalchemy import BigInteger, ForeignKey, Index, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db
from server.models.types import Json, UtcDateTime, utcnow


class ChangeLogEntry(db.Model):
    """A change; ``(txid, seq)`` orders it for cursors (see ``sync/cursor.py``).

    Audience: a whole department (``department_id`` set, ``recipient_id`` empty), one
    user (``recipient_id``), or everyone when both are empty.
    """

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_position", "txid", "seq"),)
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    txid: Mapped[int] = mapped_column(BigInteger, nullable=False, server_default="0")
    kind: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(10), default="upsert")
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), nullable=True, index=True)
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True, index=True)
    data: Mapped[dict] = mapped_column(Json)
    created_at = mapped_column(UtcDateTime, default=utcnow, nullable=False)


class LegacyCursorCeiling(db.Model):
    """The one row (id 1): the last position the plain cursor form (``c1.``) could have been issued for.

    Written once by migration 0022, when cursors became sealed; a plain cursor past it was forged
    and is read as this position (``sync/cursor.py``). No row: nothing was ever issued in plain form.
    """

    __tablename__ = "legacy_cursor_ceiling"
    id: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    txid: Mapped[int] = mapped_column(BigInteger, nullable=False)
    seq: Mapped[int] = mapped_column(BigInteger, nullable=False)
