"""Recording changes for pull; the transaction id that orders them comes from the database."""
from sqlalchemy import BigInteger, Text, cast, func, insert, select

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


def replace_carried(kind: str, entity_ids: list, values: dict) -> None:
    """Put ``values`` into every change of ``kind`` that carried these entities, and tell phones that pulled them.

    A phone that has not pulled yet gets only the new values (the stored changes are rewritten); one that
    already holds an entity gets it again, by its id, with the new values on its next pull, which replaces
    what it holds (every pulled change is an upsert by id, ``pwa/src/sync.js``). Nothing is appended for
    an entity whose latest change already holds the values.
    """
    wanted = [str(i) for i in entity_ids]
    for start in range(0, len(wanted), 500):
        carried = db.session.scalars(select(ChangeLogEntry).where(
            ChangeLogEntry.kind == kind, ChangeLogEntry.entity_id.in_(wanted[start:start + 500]))
            .order_by(ChangeLogEntry.seq)).all()
        last = {}
        for change in carried:
            if any(change.data.get(key) != value for key, value in values.items()):
                change.data = {**change.data, **values}
                last[change.entity_id] = change
            else:
                last.pop(change.entity_id, None)  # a later change already holds the values
        for entity_id, change in last.items():
            record_change(kind, entity_id, dict(change.data), department_id=change.department_id,
                          recipient_id=change.recipient_id)
