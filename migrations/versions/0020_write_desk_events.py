"""push speed: a P1 report's desk events in one call, the lock that orders their ids included

A push writing desk events (server/live.py) sent two statements: the transaction-level advisory
lock that orders event ids by commit, then the insert whose ids continue from the newest event.
They must stay two queries: the insert's snapshot has to be taken after the lock is granted, or
it could miss an event committed meanwhile and repeat its id. ``write_desk_events`` runs both as
one call: a VOLATILE function takes a fresh snapshot for each query it runs (PostgreSQL's
"Function Volatility Categories"), so its insert sees every event committed before the lock was
granted, exactly as the second statement did, and the push saves a round trip (bench/push_cost.py).
PL/pgSQL, not SQL: a SQL function plans its queries again on every call (PostgreSQL's CPU per
call nearly doubled); PL/pgSQL keeps their plans for the session, and then costs the server no
more than the two statements did.

PostgreSQL only; SQLite has one writer at a time and keeps its plain statements.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None

# Ids continue from the newest event (ids are microseconds: never below now); events older than
# p_keep_micros go. Returns the new ids.
CREATE = """
CREATE FUNCTION write_desk_events(p_events jsonb, p_now timestamptz, p_now_micros bigint, p_keep_micros bigint,
                                  p_lock_key bigint)
RETURNS SETOF bigint LANGUAGE plpgsql VOLATILE AS $$
BEGIN
PERFORM pg_advisory_xact_lock(p_lock_key);
RETURN QUERY
WITH base AS (SELECT GREATEST(COALESCE(MAX(id), 0) + 1, p_now_micros) AS id FROM desk_events),
     gone AS (DELETE FROM desk_events WHERE id < (SELECT id FROM base) - p_keep_micros)
INSERT INTO desk_events (id, kind, department_id, data, created_at)
SELECT (SELECT id FROM base) + r.n, r.kind, r.department_id, r.data, p_now
FROM jsonb_to_recordset(p_events) AS r(n integer, kind text, department_id integer, data jsonb)
RETURNING id;
END
$$
"""


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(CREATE)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION write_desk_events(jsonb, timestamptz, bigint, bigint, bigint)")
