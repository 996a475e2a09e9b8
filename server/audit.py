"""Writing the audit log: every change the server makes is recorded here, in the same transaction."""
from server.extensions import db
from server.models import AuditEntry
from server.models.types import utcnow


def audit_row(action: str, entity_type: str, entity_id, *, actor_id=None, device_id=None,
              department_id=None, details=None, at=None) -> dict:
    """Return an audit row as a dict, for bulk inserts on the push path."""
    return {"at": at or utcnow(), "actor_id": actor_id, "device_id": device_id, "department_id": department_id,
            "action": action, "entity_type": entity_type, "entity_id": str(entity_id), "details": details or {}}


def record(action: str, entity_type: str, entity_id, **kwargs) -> None:
    """Add an audit entry to the current session; it commits or rolls back with the change it describes."""
    db.session.add(AuditEntry(**audit_row(action, entity_type, entity_id, **kwargs)))
