"""Recording changes for pull; the transaction id that orders them comes from the database."""
from sqlalchemy import BigInteger, Text, cast, func, insert

from server.extensions import db
from server.models import ChangeLogEntry


def txid_expression():
    """The current transaction's id on PostgreSQL; 0 where writers are serialised (SQLite)."""
    if db.engine.dialect.name == "postgresql":
        return cast(cast(func.pg_current_xact_id(), Text), BigInteger)
    return 0


def record_change(kind: str, entity_id, data: dict, *, department_id=None, recipient_id=None, op="upsert") -> None:
    """Append a change in the current transaction; it becomes visible to pull when that commits."""
    db.session.execute(insert(ChangeLogEntry).values(
        txid=txid_expression(), kind=kind, entity_id=str(entity_id), op=op, data=data,
        department_id=department_id, recipient_id=recipient_id))
