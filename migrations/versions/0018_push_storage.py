"""push speed: lz4 for report bodies, step results' primary key covers what analytics read

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05

PostgreSQL only; SQLite has neither lz4 nor INCLUDE, so there this migration does nothing.
Measured with ``bench/push_sql.py`` (PostgreSQL CPU of a push of 100, replayed; docs/decisions.md):
- A report body is ~2.7 KB of JSONB, so every one is compressed and moved to the TOAST table;
  ``pglz_compress`` alone was 6% of PostgreSQL's CPU per push. lz4 compresses several times
  faster for about the same size: 4-8% less CPU per report. Bodies stored before keep pglz
  (PostgreSQL decompresses either); ``search_text`` gets lz4 too, for the rows long enough
  to have it compressed.
- Each report writes 14 step results, and each step result wrote three B-trees. The primary key
  (encounter_id, step_id) now carries result and seconds_from_start (INCLUDE), so it answers the
  index-only lookups per encounter that ``ix_step_results_encounter_results`` served (filtered
  completion analytics), and that index becomes an empty placeholder (WHERE false, as the trigram
  index on SQLite): 14 B-tree insertions a report fewer (3-5% of PostgreSQL's CPU, 10% of the WAL).
  SQLite keeps the index (its primary key cannot include columns).
Rebuilding the primary key rewrites an index of every step result: on a large table run it
in a quiet hour (it locks step_results against writes while it builds).
"""
import logging

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")
COMPRESSED = ("body", "search_text")
STEP_COLUMNS = "encounter_id, step_id, result, seconds_from_start"


def _set_compression(bind, method: str) -> None:
    """Compress the encounters' large columns with ``method``; keep the default where the server lacks it."""
    savepoint = bind.begin_nested()
    try:
        for column in COMPRESSED:
            bind.execute(sa.text(f"ALTER TABLE encounters ALTER COLUMN {column} SET COMPRESSION {method}"))
        savepoint.commit()
    except sa.exc.DBAPIError as exc:
        savepoint.rollback()
        log.warning("compression %s unavailable (%s): report bodies keep the server's default", method, exc.orig)


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    _set_compression(bind, "lz4")
    op.execute("ALTER TABLE step_results DROP CONSTRAINT pk_step_results, ADD CONSTRAINT pk_step_results"
               " PRIMARY KEY (encounter_id, step_id) INCLUDE (result, seconds_from_start)")
    op.drop_index("ix_step_results_encounter_results", table_name="step_results")
    # An empty placeholder (as the trigram index on SQLite): the models list one set of indexes for both.
    op.execute(f"CREATE INDEX ix_step_results_encounter_results ON step_results ({STEP_COLUMNS}) WHERE false")


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.drop_index("ix_step_results_encounter_results", table_name="step_results")
    op.execute(f"CREATE INDEX ix_step_results_encounter_results ON step_results ({STEP_COLUMNS})")
    op.execute("ALTER TABLE step_results DROP CONSTRAINT pk_step_results, ADD CONSTRAINT pk_step_results"
               " PRIMARY KEY (encounter_id, step_id)")
    _set_compression(bind, "default")
