"""push speed: drop two encounters indexes no query uses

Revision ID: 0016
Revises: 0011
Create Date: 2026-12-05

Every index on ``encounters`` is written by every push. Two serve no query:
- ``ix_encounters_queue`` (department, priority, received_at, id): the queue reads
  ``ix_encounters_queue_order`` (priority ascending, newest first) since migration 0004;
- ``ix_encounters_site_id``: ``ix_encounters_site_started`` (site_id, started_at) starts with the
  same column, so it answers every lookup by site (and the foreign key's checks) as well.
Neither was scanned once in ``bench/queue.py`` on 200,000 reports (pg_stat_user_indexes); without
them a batch of 100 reports costs PostgreSQL about a tenth less CPU (bench/push_cost.py).
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('encounters', schema=None) as batch_op:
        batch_op.drop_index('ix_encounters_queue')
        batch_op.drop_index('ix_encounters_site_id')


def downgrade():
    with op.batch_alter_table('encounters', schema=None) as batch_op:
        batch_op.create_index('ix_encounters_site_id', ['site_id'], unique=False)
        batch_op.create_index('ix_encounters_queue', ['department_id', 'priority', 'received_at', 'id'], unique=False)
