"""The SQL implementation of ``sync.store.Store`` (SQLite and PostgreSQL).

Push: one transaction per batch, whatever kinds it carries. Encounters and answers go
in only after the push claims their ids in ``item_ids`` (one primary key across kinds)
with ``INSERT … ON CONFLICT DO NOTHING RETURNING id``: of two connections pushing one id
at once, as the same kind or as two kinds, exactly one claims it (on PostgreSQL the other
waits on the key's lock, then sees the row); step results and audit rows follow only for
the rows this push inserted. A process that dies before COMMIT leaves nothing: every item
is whole or absent. The answer says what an id already holds (a conflict, or "use another
id" when the pusher may not see it).

On PostgreSQL each table gets one set-based statement per batch: the rows travel as
one JSON document (written by orjson) that ``jsonb_to_recordset`` expands server-side.
Row-by-row inserts cost about 1 ms of CPU per report (bench/push.py); array
parameters are no better, as the driver escapes every element in Python. SQLite,
which runs in-process, keeps plain executemany.

Pull: changes are ordered by ``(txid, seq)``. On PostgreSQL only changes of
transactions older than the oldest one still running
(``pg_snapshot_xmin(pg_current_snapshot())``) are handed out; a later-committing
transaction with a smaller id can therefore never appear behind a cursor. That horizon
is the whole server's: any write transaction still running, in any database, holds back
changes committed after it began. The query reads the horizon beside the rows and cuts
them there, so the answer can say ``held_back`` and the phone asks again in a moment.
"""
from datetime import datetime
from functools import lru_cache
from uuid import UUID

import orjson
from sqlalchemy import BigInteger, bindparam, Boolean, case, cast, delete, exists, func, insert, Integer, select, SmallInteger, String, Text, text, tuple_, Uuid
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, OperationalError

from server import alerts as alert_store, live
from server.answers import ALREADY_ANSWERED, answered_questions
from server.access import visible
from server.audit import audit_row
from server.db_guard import described
from server.extensions import db
from server.kinds import STEP_FIELDS  # the order of a checked step's values, which the push statement's arrays keep
from server.models import (
    Alert, AuditEntry, BlobUpload, ChangeLogEntry, Encounter, EncounterPhoto, FollowUp, FollowUpAnswer, ItemId, LegacyCursorCeiling,
    RemovedPhoto, StepResult,
)
from server.models.types import UtcDateTime
from server.reference_cache import STAMP_SQL
from sync.cursor import Cursor
from sync.envelope import Change, Principal, Receipt, StoredItem, ValidItem
from sync.errors import StoreUnavailable
from sync.store import Store


def _transient(exc: Exception) -> bool:
    """Is this a failure worth retrying later (connection lost, database locked or down)?"""
    return isinstance(exc, OperationalError) or (isinstance(exc, DBAPIError) and exc.connection_invalidated)


def _pg_type(column) -> str:
    """The PostgreSQL type of a model column, for the record definition of jsonb_to_recordset."""
    kind = column.type
    for python_type, name in ((UtcDateTime, "timestamptz"), (Uuid, "uuid"), (Boolean, "boolean"),
                              (BigInteger, "bigint"), (SmallInteger, "smallint"), (Integer, "integer"),
                              (String, "text")):
        if isinstance(kind, python_type):
            return name
    return "jsonb"


def json_insert(model, rows: list[dict], *, returning: str | None = None, skip_conflicts_on: str | None = None):
    """Insert many rows in one PostgreSQL statement from one JSON document; return the RETURNING rows."""
    sql = _json_insert_sql(model, tuple(rows[0]), returning, skip_conflicts_on)
    # orjson writes UUIDs and aware datetimes (RFC 3339) as PostgreSQL reads them.
    return db.session.execute(sql, {"rows": orjson.dumps(rows).decode()})


@lru_cache(maxsize=256)
def _json_insert_sql(model, keys: tuple, returning, skip_conflicts_on):
    """Build (once per shape) the statement of ``json_insert``."""
    table = model.__table__
    columns = [c for c in table.columns if c.name in keys]
    names = ", ".join(c.name for c in columns)
    record = ", ".join(f"{c.name} {_pg_type(c)}" for c in columns)
    sql = (f"INSERT INTO {table.name} ({names}) SELECT {names} "
           f"FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r({record})")
    if skip_conflicts_on:
        sql += f" ON CONFLICT ({skip_conflicts_on}) DO NOTHING"
    if returning:
        sql += f" RETURNING {returning}"
    return text(sql)


def _record_sql(model, keys) -> tuple[str, str]:
    """Column names and the record definition of jsonb_to_recordset for ``keys`` of ``model``."""
    columns = [c for c in model.__table__.columns if c.name in keys]
    return ", ".join(c.name for c in columns), ", ".join(f"{c.name} {_pg_type(c)}" for c in columns)


@lru_cache(maxsize=64)
def _encounter_push_sql(encounter_keys: tuple):
    """Build (once per shape) the one statement that claims ids and inserts encounters with their children.

    Data-modifying CTEs see each other's RETURNING rows: encounters go in only for ids this
    statement claimed, their steps, photo links and audit rows only for encounters it inserted,
    and the open alerts of those encounters close (``alerts.close_sql``; a statement of its own
    was a tenth of a one-report push's CPU). Foreign keys are checked at the end of the
    statement, when the parents are in.

    Rows out: (id, inserted as an encounter, NULL…) per claimed id, then (alert id, NULL,
    encounter id, department id, user id) per alert closed, then (NULL…, reference stamp): the
    stamp in the statement's own snapshot, which the push checked its items against
    (``reference_cache.PushReferences``; read first, it was a statement of its own).
    """
    parts = ["WITH d AS (SELECT CAST(:doc AS jsonb) AS j)"]
    for name, model, keys, key, where, returning in (
            ("claimed", ItemId, ("id", "kind"), "ids", "", "id"),
            ("enc", Encounter, encounter_keys, "encounters", "WHERE r.id IN (SELECT id FROM claimed)",
             "id, department_id"),
            ("photos", EncounterPhoto, ("encounter_id", "sha256"), "photos",
             "WHERE r.encounter_id IN (SELECT id FROM enc)", None),
            ("audit", AuditEntry, AUDIT_KEYS, "audit", "WHERE r.entity_id IN (SELECT CAST(id AS text) FROM enc)", None)):
        names, record = _record_sql(model, keys)
        selected = ", ".join(f"r.{n}" for n in names.split(", "))
        sql = (f"{name} AS (INSERT INTO {model.__table__.name} ({names}) SELECT {selected} "
               f"FROM jsonb_to_recordset((SELECT j->'{key}' FROM d)) AS r({record}) {where}")
        if name in ("claimed", "enc"):
            # In id order: two overlapping batches then lock keys in the same order and cannot deadlock.
            sql += " ORDER BY r.id ON CONFLICT (id) DO NOTHING"
        if returning:
            sql += f" RETURNING {returning}"
        parts.append(sql + ")")
        if name == "enc":
            parts.append(_steps_sql())
            parts.append(f"closed AS ({alert_store.close_sql('enc')})")
    return text(",\n".join(parts) + "\nSELECT c.id, e.id IS NOT NULL, NULL::uuid, NULL::integer, NULL::bigint"
                " FROM claimed c LEFT JOIN enc e ON e.id = c.id"
                "\nUNION ALL SELECT id, NULL, encounter_id, department_id, user_id FROM closed"
                f"\nUNION ALL SELECT NULL, NULL, NULL, NULL, ({STAMP_SQL})")


def _steps_sql() -> str:
    """The step-results part of the push statement: per encounter, its steps as arrays in ``STEP_FIELDS`` order.

    Arrays, not one object per step repeating the encounter's id and every key: the document is a
    third of the size for the steps, and PostgreSQL's CPU spent parsing and expanding them (jsonb_in
    reads every byte of the document) fell by about 0.02 ms a report (bench/push_sql.py).
    """
    columns = {c.name: c for c in StepResult.__table__.columns}
    values = ", ".join(f"CAST(s->>{n} AS {_pg_type(columns[f])})" for n, f in enumerate(STEP_FIELDS))
    return (f"steps AS (INSERT INTO step_results (encounter_id, {', '.join(STEP_FIELDS)}) "
            f"SELECT r.encounter_id, {values} FROM jsonb_to_recordset((SELECT j->'steps' FROM d)) "
            "AS r(encounter_id uuid, steps jsonb) CROSS JOIN LATERAL jsonb_array_elements(r.steps) AS s "
            "WHERE r.encounter_id IN (SELECT id FROM enc))")


AUDIT_KEYS = ("at", "actor_id", "device_id", "department_id", "action", "entity_type", "entity_id", "details")


# Where pushed items live, by kind; one id namespace across them.
HOLDERS = (("encounter", Encounter), ("answer", FollowUpAnswer), ("alert", Alert))


def _claim_ids(items: list[ValidItem]) -> set[UUID]:
    """Claim the items' ids in the one namespace; return those this transaction claimed (no one held them)."""
    # In id order: two overlapping batches then lock keys in the same order and cannot deadlock.
    rows = [{"id": item.id, "kind": item.kind} for item in sorted(items, key=lambda i: i.id)]
    if db.engine.dialect.name == "postgresql":
        return {row[0] for row in json_insert(ItemId, rows, returning="id", skip_conflicts_on="id")}
    stmt = sqlite.insert(ItemId).on_conflict_do_nothing(index_elements=["id"]).returning(ItemId.id)
    return set(db.session.scalars(stmt, rows))


_CHANGES: dict[tuple, object] = {}



def _changes_query(principal: Principal):
    """The pull query for one principal, built once per worker with the cursor and page size as parameters.

    Building it (visibility rule, row comparison, horizon) cost more CPU than running it
    for a pull with nothing new; the statement depends only on who pulls.
    """
    key = (id(db.engine), principal.user_id, principal.role, principal.department_id)
    query = _CHANGES.get(key)
    if query is None:
        # On PostgreSQL a sixth column carries the horizon (the same on every row); SQLite has none.
        horizon = (cast(cast(func.pg_snapshot_xmin(func.pg_current_snapshot()), Text), BigInteger)
                   if db.engine.dialect.name == "postgresql" else None)
        columns = [ChangeLogEntry.txid, ChangeLogEntry.seq, ChangeLogEntry.kind, ChangeLogEntry.entity_id,
                   ChangeLogEntry.op, ChangeLogEntry.data] + ([horizon.label("horizon")] if horizon is not None else [])
        query = (select(*columns)
                 .where(tuple_(ChangeLogEntry.txid, ChangeLogEntry.seq)
                        > tuple_(bindparam("after_txid", type_=BigInteger), bindparam("after_seq", type_=BigInteger)),
                        visible(ChangeLogEntry, principal))
                 .order_by(ChangeLogEntry.txid, ChangeLogEntry.seq).limit(bindparam("page", type_=Integer)))
        if len(_CHANGES) > 10_000:  # bounded: one entry per user who pulled
            _CHANGES.clear()
        _CHANGES[key] = query
    return query


def _read_connection():
    """The session's connection for a one-statement read: outside a transaction on PostgreSQL when none is open.

    One statement sees one snapshot either way; outside a transaction the driver sends no BEGIN and
    the session's end no ROLLBACK, two of the four round trips of a pull with nothing new.
    """
    if db.session().in_transaction() or db.engine.dialect.name != "postgresql":
        return db.session.connection()
    return db.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


# Built once (building it cost more CPU than running it): photos the pusher uploaded themselves, or need not
# be asked for again. Another user's upload of the same bytes does not count (``Store.missing_blobs``).
_HELD_BLOBS = select(BlobUpload.sha256).where(BlobUpload.sha256.in_(bindparam("wanted", expanding=True)),
                                             BlobUpload.user_id == bindparam("user_id")).union(
    select(RemovedPhoto.sha256).where(RemovedPhoto.sha256.in_(bindparam("wanted", expanding=True)),
                                      ~exists().where(EncounterPhoto.sha256 == RemovedPhoto.sha256)))


class SqlStore(Store):
    """Store items and read changes through the app's SQLAlchemy session.

    After a push, ``news`` holds the desk events it committed (new alerts, closed alerts, new P1
    reports), for the caller to wake open streams and send Web Push (``server/live.py``).

    ``refs``: the push's reference data (``reference_cache.PushReferences``), whose stamp the push
    confirms in its transaction before it commits; StaleReferences if it moved (nothing is stored).
    """

    def __init__(self, refs=None):
        self.news: list[dict] = []
        self.refs = refs

    def store_items(self, principal: Principal, items: list[ValidItem], received_at: datetime) -> dict[UUID, StoredItem]:
        """Insert new items in one transaction and report what every id holds."""
        session = db.session
        self.news = []
        self._blobs_checked = None
        try:
            one_statement = db.engine.dialect.name == "postgresql" and any(item.kind == "encounter" for item in items)
            encounters, closed = [], None
            if one_statement:
                claimed, inserted, closed, stamp = self._push_encounters(principal, items, received_at)
                if self.refs is not None:
                    self.refs.confirm(stamp)
            else:
                if self.refs is not None:
                    self.refs.confirm_now()
                claimed, inserted = _claim_ids(items), set()
                encounters = [item for item in items if item.kind == "encounter" and item.id in claimed]
            answers = [item for item in items if item.kind == "answer" and item.id in claimed]
            alerts = [item for item in items if item.kind == "alert" and item.id in claimed]
            # Alerts before reports: a report in the same batch then closes its alert (on PostgreSQL's
            # one-statement path the reports are in already; an alert whose report is stored is stored closed).
            fresh_alerts, news = alert_store.insert_alerts(principal, alerts, received_at) if alerts else (set(), {})
            if not one_statement and encounters:
                inserted = self._insert_encounters(principal, encounters, received_at)
            fresh_reports = [item for item in items if item.kind == "encounter" and item.id in inserted]
            if fresh_reports:
                news.update(alert_store.reported(principal, fresh_reports, received_at, closed))
            inserted |= fresh_alerts
            taken_questions = set()
            if answers:
                fresh_answers, taken_questions = self._insert_answers(principal, answers, received_at)
                inserted |= fresh_answers
            written = live.write_events(news) if news else []
            # Asked now, in this transaction: a second transaction (and its connection check) cost more.
            wanted = {sha for item in items for sha in item.blobs or ()}
            if wanted:
                self._blobs_checked = (wanted, self._missing(principal, wanted))
            session.commit()
            self.news = written
        except Exception as exc:
            session.rollback()
            if _transient(exc):
                raise StoreUnavailable(described(exc)) from exc
            raise
        held = {item.id: StoredItem(item.kind, Receipt(received_at, item.sha256), True)
                for item in items if item.id in inserted}
        held.update({item_id: StoredItem("answer", None, False, refusal={"followup_id": [ALREADY_ANSWERED]})
                     for item_id in taken_questions})
        missing = [item.id for item in items if item.id not in held]
        if not missing:
            return held
        # An alert whose encounter already has another alert: that alert is what this one is.
        held.update(alert_store.held_by_encounter(principal, [item for item in items if item.id in missing
                                                               and item.kind == "alert" and item.id in claimed]))
        held.update(self.held_items(principal, [item_id for item_id in missing if item_id not in held]))
        return held

    def held_items(self, principal: Principal, ids: list[UUID]) -> dict[UUID, StoredItem]:
        """Read what each id holds, kind by kind, and whether ``principal`` may see it."""
        held: dict[UUID, StoredItem] = {}
        missing = list(ids)
        for kind, model in HOLDERS:
            if not missing:
                break
            mine = case((visible(model, principal), 1), else_=0)
            rows = db.session.execute(select(model.id, model.received_at, model.sha256, mine).where(model.id.in_(missing)))
            for item_id, at, sha, seen in rows:
                held[item_id] = StoredItem(kind, Receipt(at, sha), False, visible=bool(seen))
            missing = [item_id for item_id in missing if item_id not in held]
        db.session.rollback()  # end the read transaction; nothing to keep
        return held

    def _push_encounters(self, principal: Principal, items: list[ValidItem],
                         received_at: datetime) -> tuple[set[UUID], set[UUID], list[dict], int | None]:
        """PostgreSQL: claim every id, insert encounters and their children, close their alerts: one statement.

        Return the ids claimed (of every kind), the encounters inserted, the alerts closed and the reference stamp.
        """
        keys, doc = self.push_document(principal, items, received_at)
        claimed, inserted, closed, stamp = set(), set(), [], None
        for item_id, is_encounter, *alert in db.session.execute(_encounter_push_sql(keys),
                                                                {"doc": doc, "at": received_at}):
            if item_id is None:
                stamp = alert[-1]
            elif is_encounter is None:
                closed.append((item_id, *alert))
            else:
                claimed.add(item_id)
                if is_encounter:
                    inserted.add(item_id)
        return claimed, inserted, alert_store.closed_rows(closed), stamp

    @classmethod
    def push_document(cls, principal: Principal, items: list[ValidItem], received_at: datetime) -> tuple[tuple, str]:
        """The JSON document of PostgreSQL's one push statement, and the encounter row keys that shape it.

        Apart from the statement so that its Python cost can be measured without a database (bench/check_cost.py).
        """
        encounters = [item for item in items if item.kind == "encounter"]
        rows = cls._encounter_rows(principal, encounters, received_at, canonical_bodies=True)
        doc = {"ids": [{"id": item.id, "kind": item.kind} for item in items],
               "encounters": rows,
               "steps": [{"encounter_id": item.id, "steps": item.record.steps} for item in encounters],
               "photos": [{"encounter_id": item.id, "sha256": sha} for item in encounters for sha in item.blobs or ()],
               "audit": [cls._receipt_audit(principal, item, received_at) for item in encounters]}
        return tuple(rows[0]), orjson.dumps(doc).decode()

    @staticmethod
    def _encounter_rows(principal: Principal, items: list[ValidItem], received_at: datetime,
                        canonical_bodies: bool = False) -> list[dict]:
        """The encounters' rows, in id order (two overlapping batches then lock rows in the same order).

        ``canonical_bodies``: for orjson, each body as the canonical JSON its check kept (``orjson.Fragment``),
        not encoded again; PostgreSQL's jsonb reads the same value whatever the order of its keys.
        """
        rows = []
        for item in sorted(items, key=lambda i: i.id.int):  # UUIDs order by .int; comparing ints skips UUID.__lt__
            record = item.record
            body = orjson.Fragment(item.canonical) if canonical_bodies and item.canonical is not None else item.body
            rows.append({"id": item.id, "department_id": record.department_id, "site_id": record.site_id,
                         "reporter_id": principal.user_id, "device_id": principal.device_id,
                         "checklist_version_id": record.checklist_version_id, "schema_version": item.schema_version,
                         "body": body, "sha256": item.sha256, "received_at": received_at, "status": "new",
                         **record.columns})
        return rows

    @staticmethod
    def _receipt_audit(principal: Principal, item: ValidItem, received_at: datetime) -> dict:
        """The audit row of an encounter's arrival."""
        return audit_row("encounter.receive", "encounter", item.id, actor_id=principal.user_id,
                         device_id=principal.device_id, department_id=item.record.department_id,
                         details={"sha256": item.sha256}, at=received_at)

    def _insert_encounters(self, principal: Principal, items: list[ValidItem], received_at: datetime) -> set[UUID]:
        """SQLite: insert encounters, then step results and audit rows for the ones this call inserted."""
        rows = self._encounter_rows(principal, items, received_at)
        stmt = sqlite.insert(Encounter).on_conflict_do_nothing(index_elements=["id"]).returning(Encounter.id)
        inserted = set(db.session.scalars(stmt, rows)) if rows else set()
        if not inserted:
            return inserted
        fresh = [item for item in items if item.id in inserted]
        self._insert_rows(StepResult, [{"encounter_id": item.id, **dict(zip(STEP_FIELDS, step))}
                                       for item in fresh for step in item.record.steps])
        self._insert_rows(EncounterPhoto, [{"encounter_id": item.id, "sha256": sha}
                                           for item in fresh for sha in item.blobs or ()])
        self._insert_rows(AuditEntry, [self._receipt_audit(principal, item, received_at) for item in fresh])
        return inserted

    def _insert_answers(self, principal: Principal, items: list[ValidItem],
                        received_at: datetime) -> tuple[set[UUID], set[UUID]]:
        """Insert answers (and their audit rows) whose ids this push claimed; return those inserted, and
        those refused because their question already has an answer (their ids are given back).

        One answer per question, decided here and not only in the check: two phones answering at once both
        pass it. On PostgreSQL the questions' rows are locked (in id order) before their answers are looked
        for, so the second push waits for the first to commit, then sees its answer; SQLite serialises writers.
        """
        items = sorted(items, key=lambda i: i.id)
        questions = sorted({item.record.followup_id for item in items})
        db.session.execute(select(FollowUp.id).where(FollowUp.id.in_(questions)).order_by(FollowUp.id)
                           .with_for_update())
        answered = set(db.session.scalars(select(FollowUpAnswer.followup_id)
                                          .where(FollowUpAnswer.followup_id.in_(questions))))
        fresh, taken = [], set()
        for item in items:
            if item.record.followup_id in answered:
                taken.add(item.id)
            else:
                answered.add(item.record.followup_id)
                fresh.append(item)
        if taken:  # the id stays free: nothing is held under it
            db.session.execute(delete(ItemId).where(ItemId.id.in_(taken)))
        if not fresh:
            return set(), taken
        rows = [{"id": item.id, "followup_id": item.record.followup_id, "encounter_id": item.record.encounter_id,
                 "author_id": principal.user_id, "device_id": principal.device_id, "text": item.record.text,
                 "answered_at": item.record.answered_at, "body": item.body, "sha256": item.sha256,
                 "received_at": received_at}
                for item in fresh]
        dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
        stmt = (dialect.insert(FollowUpAnswer).on_conflict_do_nothing(index_elements=["id"])
                .returning(FollowUpAnswer.id))
        inserted = set(db.session.scalars(stmt, rows))
        # Audited on the report, so its trail shows the answer arriving.
        self._insert_rows(AuditEntry, [
            audit_row("answer.receive", "encounter", item.record.encounter_id, actor_id=principal.user_id,
                      device_id=principal.device_id, department_id=item.record.department_id, at=received_at,
                      details={"answer_id": str(item.id), "followup_id": str(item.record.followup_id),
                               "sha256": item.sha256})
            for item in fresh if item.id in inserted])
        answered_questions([item.record for item in fresh if item.id in inserted])
        return inserted, taken

    @staticmethod
    def _insert_rows(model, rows: list[dict]) -> None:
        """Insert rows of a child table: one set-based statement on PostgreSQL, executemany on SQLite."""
        if not rows:
            return
        if db.engine.dialect.name == "postgresql":
            json_insert(model, rows)
        else:
            db.session.execute(insert(model), rows)

    def missing_blobs(self, principal: Principal, hashes) -> set[str]:
        """Return the hashes ``principal`` has no upload of (an upload commits its rows after the bytes are safe).

        A photo removed from a report (redaction, retention) that no report references any more is
        not missing: a phone re-pushing the report as it sent it must not be asked to upload it again.
        """
        wanted = set(hashes)
        if not wanted:
            return set()
        checked = getattr(self, "_blobs_checked", None)
        if checked is not None and wanted <= checked[0]:
            return wanted & checked[1]  # asked in the push's own transaction (store_items)
        try:
            missing = self._missing(principal, wanted)
            db.session.rollback()  # end the read transaction
        except Exception as exc:
            db.session.rollback()
            if _transient(exc):
                raise StoreUnavailable(described(exc)) from exc
            raise
        return missing

    @staticmethod
    def _missing(principal: Principal, wanted: set[str]) -> set[str]:
        """The hashes among ``wanted`` with neither the principal's upload nor a removal no report references
        any more (one query)."""
        return wanted - set(db.session.connection().execute(
            _HELD_BLOBS, {"wanted": list(wanted), "user_id": principal.user_id}).scalars())

    def changes_after(self, principal: Principal, cursor: Cursor, limit: int) -> tuple[list[Change], bool]:
        """Return visible, settled changes after the cursor, and whether visible ones wait behind the horizon."""
        query = _changes_query(principal)
        params = {"after_txid": cursor.txid, "after_seq": cursor.seq, "page": limit}
        try:
            # On the session's connection: the query selects only columns, so the ORM layer adds nothing but CPU.
            rows = _read_connection().execute(query, params).all()
        except Exception as exc:
            db.session.rollback()
            if _transient(exc):
                raise StoreUnavailable(described(exc)) from exc
            raise
        # Rows come in txid order: those at or past the horizon are all at the end.
        settled = [row for row in rows if len(row) == 6 or row[0] < row[6]]
        changes = [Change(txid, seq, kind, entity_id, op, data) for txid, seq, kind, entity_id, op, data, *_ in settled]
        return changes, len(settled) < len(rows)

    def legacy_ceiling(self) -> Cursor:
        """Return the position migration 0022 recorded; the start where it recorded none."""
        row = db.session.execute(select(LegacyCursorCeiling.txid, LegacyCursorCeiling.seq)
                                 .where(LegacyCursorCeiling.id == 1)).first()
        return Cursor(*row) if row else Cursor.start()
