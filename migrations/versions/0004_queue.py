"""liaison queue: indexes and columns the queue, search and aggregate need

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21

The queue orders by priority ascending, then newest received first: a B-tree whose column
directions match lets a keyset page be one index range (per department, and citywide).
Counts per status under any filter come from one covering index (index-only scans).
Text search is ``search_text LIKE '%…%'``: on PostgreSQL a pg_trgm GIN index answers it;
where the extension cannot be created (no privilege) the index is skipped, and search
still works, by scanning (an empty placeholder index of that name is made instead, as on
SQLite, so the migrated schema always lists the same indexes as the models).
"""
import logging

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")
AGGREGATE_COLUMNS = ["department_id", "document_type", "agencies", "non_public_entered", "detained_count", "force_used",
                     "injuries", "minors_present", "staging", "masks", "liaison_notified_at"]
COUNTS_COLUMNS = ["site_id", "agencies", "assigned_to_id", "started_at", "search_text"]
ORDER = [sa.text("priority"), sa.text("received_at DESC"), sa.text("id DESC")]


def _trigram_available(bind) -> bool:
    """Create pg_trgm if it is missing; on failure roll back only that attempt."""
    savepoint = bind.begin_nested()
    try:
        bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        savepoint.commit()
        return True
    except sa.exc.DBAPIError as exc:
        savepoint.rollback()
        log.warning("pg_trgm unavailable (%s): queue text search will scan instead of using an index", exc.orig)
        return False


def upgrade():
    op.create_index("ix_encounters_queue_order", "encounters", [sa.text("department_id"), *ORDER])
    op.create_index("ix_encounters_queue_citywide", "encounters", ORDER)
    # Counts per status for a department's queue, answered from the index alone.
    op.create_index("ix_encounters_department_status", "encounters", ["department_id", "status"])
    # Counts per status under the queue's filters: every filterable column is in the index, so
    # any combination of filters is counted by an index-only scan, never reading the bodies.
    op.create_index("ix_encounters_queue_counts", "encounters", ["department_id", "priority", "status"],
                    postgresql_include=COUNTS_COLUMNS)
    # The aggregate reads these columns over a period: index-only, never the bodies.
    op.create_index("ix_encounters_aggregate", "encounters", ["started_at"], postgresql_include=AGGREGATE_COLUMNS)
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        # SQLite scans for LIKE '%…%'; an empty partial index keeps the schema's index list one.
        op.execute("CREATE INDEX ix_encounters_search_trgm ON encounters (search_text) WHERE 0")
    elif _trigram_available(bind):
        op.execute("CREATE INDEX ix_encounters_search_trgm ON encounters USING gin (search_text gin_trgm_ops)")
    else:
        op.execute("CREATE INDEX ix_encounters_search_trgm ON encounters (search_text) WHERE false")


def downgrade():
    op.execute("DROP INDEX IF EXISTS ix_encounters_search_trgm")
    op.drop_index("ix_encounters_aggregate", table_name="encounters")
    op.drop_index("ix_encounters_queue_counts", table_name="encounters")
    op.drop_index("ix_encounters_department_status", table_name="encounters")
    op.drop_index("ix_encounters_queue_citywide", table_name="encounters")
    op.drop_index("ix_encounters_queue_order", table_name="encounters")
