"""The append-only audit log: who did what, when, from which device, to which entity."""
import uuid

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Uuid, event
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db
from server.models.types import Json, UtcDateTime, utcnow


class AuditEntry(db.Model):
    """One audited change. Rows are only ever inserted (see ``server/audit.py``)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity_type", "entity_id"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    department_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    action: Mapped[str] = mapped_column(String(40))
    entity_type: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(64))
    details: Mapped[dict] = mapped_column(Json, default=dict)


class AuditLogAppendOnly(Exception):
    """Raised when code tries to change or delete an audit entry."""


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _refuse_changes(_mapper, _connection, _entry) -> None:
    """The audit log is append-only: a trail that can be edited proves nothing."""
    raise AuditLogAppendOnly("audit entries are never changed or deleted")
