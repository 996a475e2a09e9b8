"""The SQL implementation of ``sync.store.Store`` (SQLite and PostgreSQL).

Push: one transaction per batch. Encounters go in with ``INSERT … ON CONFLICT DO
NOTHING RETURNING id``, so of two connections pushing one id at once exactly one
inserts (on PostgreSQL the other waits on the row lock, then sees the row); step
results and audit rows follow only for the rows this push inserted. A process that
dies before COMMIT leaves nothing: every item is whole or absent.

Pull: changes are ordered by ``(txid, seq)``. On PostgreSQL only changes of
transactions older than the oldest one still running
(``pg_snapshot_xmin(pg_current_snapshot())``) are handed out; a later-committing
transaction with a smaller id can therefore never appear behind a cursor.
"""
from datetime import datetime
from uuid import UUID

from sqlalchemy import BigInteger, Text, cast, func, insert, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, OperationalError

from server.access import visible
from server.audit import audit_row
from server.extensions import db
from server.models import AuditEntry, ChangeLogEntry, Encounter, StepResult
from sync.cursor import Cursor
from sync.envelope import Change, Principal, Receipt, StoredItem, ValidItem
from sync.errors import StoreUnavailable
from sync.store import Store


def _upsert_dialect():
    """Return the dialect's INSERT with ON CONFLICT support."""
    return postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert


def _transient(exc: Exception) -> bool:
    """Is this a failure worth retrying later (connection lost, database locked or down)?"""
    return isinstance(exc, OperationalError) or (isinstance(exc, DBAPIError) and exc.connection_invalidated)


class SqlStore(Store):
    """Store items and read changes through the app's SQLAlchemy session."""

    def store_items(self, principal: Principal, items: list[ValidItem], received_at: datetime) -> dict[UUID, StoredItem]:
        """Insert new items in one transaction and report what every id holds."""
        session = db.session
        try:
            inserted = self._insert_encounters(principal, items, received_at)
            session.commit()
        except Exception as exc:
            session.rollback()
            if _transient(exc):
                raise StoreUnavailable(str(exc)) from exc
            raise
        held = {item.id: StoredItem(item.kind, Receipt(received_at, item.sha256), True)
                for item in items if item.id in inserted}
        missing = [item.id for item in items if item.id not in inserted]
        if missing:
            rows = session.execute(select(Encounter.id, Encounter.received_at, Encounter.sha256)
                                   .where(Encounter.id.in_(missing)))
            for item_id, at, sha in rows:
                held[item_id] = StoredItem("encounter", Receipt(at, sha), False)
            session.rollback()  # end the read transaction; nothing to keep
        return held

    def _insert_encounters(self, principal: Principal, items: list[ValidItem], received_at: datetime) -> set[UUID]:
        """Insert encounters, then step results and audit rows for the ones this call inserted."""
        rows = []
        # In id order: two overlapping batches then lock rows in the same order and cannot deadlock.
        for item in sorted(items, key=lambda i: i.id):
            record = item.record
            rows.append({"id": item.id, "department_id": record.department_id, "site_id": record.site_id,
                         "reporter_id": principal.user_id, "device_id": principal.device_id,
                         "checklist_version_id": record.checklist_version_id, "schema_version": item.schema_version,
                         "body": item.body, "sha256": item.sha256, "received_at": received_at, "status": "new",
                         **record.columns})
        stmt = _upsert_dialect()(Encounter).on_conflict_do_nothing(index_elements=["id"]).returning(Encounter.id)
        inserted = set(db.session.scalars(stmt, rows))
        if not inserted:
            return inserted
        fresh = [item for item in items if item.id in inserted]
        steps = [{"encounter_id": item.id, **step} for item in fresh for step in item.record.steps]
        if steps:
            db.session.execute(insert(StepResult), steps)
        db.session.execute(insert(AuditEntry), [
            audit_row("encounter.receive", "encounter", item.id, actor_id=principal.user_id,
                      device_id=principal.device_id, department_id=item.record.department_id,
                      details={"sha256": item.sha256}, at=received_at)
            for item in fresh])
        return inserted

    def changes_after(self, principal: Principal, cursor: Cursor, limit: int) -> list[Change]:
        """Return visible, settled changes after the cursor."""
        query = (select(ChangeLogEntry.txid, ChangeLogEntry.seq, ChangeLogEntry.kind, ChangeLogEntry.entity_id,
                        ChangeLogEntry.op, ChangeLogEntry.data)
                 .where(tuple_(ChangeLogEntry.txid, ChangeLogEntry.seq) > tuple_(cursor.txid, cursor.seq),
                        visible(ChangeLogEntry, principal))
                 .order_by(ChangeLogEntry.txid, ChangeLogEntry.seq).limit(limit))
        if db.engine.dialect.name == "postgresql":
            horizon = cast(cast(func.pg_snapshot_xmin(func.pg_current_snapshot()), Text), BigInteger)
            query = query.where(ChangeLogEntry.txid < horizon)
        try:
            rows = db.session.execute(query).all()
        except Exception as exc:
            db.session.rollback()
            if _transient(exc):
                raise StoreUnavailable(str(exc)) from exc
            raise
        return [Change(txid, seq, kind, entity_id, op, data) for txid, seq, kind, entity_id, op, data in rows]
