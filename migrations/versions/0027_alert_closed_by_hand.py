"""an alert a liaison closed by hand: who, and why as a code

``alerts.closed_by_id`` and ``alerts.closed_reason`` (encounter/alerts.py CLOSE_REASONS): an alert whose report
will never come (the draft discarded, the phone lost, a tap by mistake) used to head the queue as P1 for good.
Null for alerts closed by their report.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None


# Plain ALTER TABLE on both databases (SQLite allows ADD COLUMN with a REFERENCES clause when the default is null).
def upgrade():
    op.execute("ALTER TABLE alerts ADD COLUMN closed_by_id INTEGER CONSTRAINT fk_alerts_closed_by_id_users REFERENCES users (id)")
    op.add_column('alerts', sa.Column('closed_reason', sa.String(length=20), nullable=True))


def downgrade():
    op.execute("ALTER TABLE alerts DROP COLUMN closed_reason")
    op.execute("ALTER TABLE alerts DROP COLUMN closed_by_id")
