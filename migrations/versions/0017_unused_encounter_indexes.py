"""push speed: drop three encounters indexes that no query uses

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05

Every index on ``encounters`` is written by every push; these three serve no query (EXPLAIN and
pg_stat_user_indexes over ``bench/queue.py`` at 200,000 reports and ``bench/analytics.py``):
- ``ix_encounters_department_received`` (department, received_at): nothing orders a department's
  reports by arrival alone; the queue orders by priority first (``ix_encounters_queue_order``).
- ``ix_encounters_assigned_to_id``: the queue's "assigned to me / nobody" filters run inside a
  department, along ``ix_encounters_queue_order``; with this index the planner chose a bitmap
  AND that read every report a busy liaison was ever given (348 ms against under 1 ms).
- ``ix_encounters_retention`` (status, status_changed_at, not erased): the purge's condition ORs
  the closing time with the arrival time, so PostgreSQL walks the primary key in id order (its
  batches' order) and never scanned this index.
Kept, each for a query: reporter_id (a field user's own reports: their whole scope), and
checklist_version_id (analytics for one checklist version). The foreign keys stay.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

NOT_ERASED = "erased_at IS NULL"


def upgrade():
    with op.batch_alter_table('encounters', schema=None) as batch_op:
        batch_op.drop_index('ix_encounters_department_received')
        batch_op.drop_index('ix_encounters_assigned_to_id')
        batch_op.drop_index('ix_encounters_retention')


def downgrade():
    with op.batch_alter_table('encounters', schema=None) as batch_op:
        batch_op.create_index('ix_encounters_retention', ['status', 'status_changed_at'],
                              postgresql_where=sa.text(NOT_ERASED), sqlite_where=sa.text(NOT_ERASED))
        batch_op.create_index('ix_encounters_assigned_to_id', ['assigned_to_id'], unique=False)
        batch_op.create_index('ix_encounters_department_received', ['department_id', 'received_at'], unique=False)
