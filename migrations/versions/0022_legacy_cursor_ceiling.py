"""pull cursors: remember the last position ever issued in plain form

Cursors are sealed from now on (``sync/cursor.py``), so that their numbers, citywide, no
longer count other departments' changes. Phones still hold plain ones (``c1.<txid>.<seq>``)
and must go on from them; but a plain cursor written by hand past today's positions would
again tell where the changes it brings back sit. This row is the ceiling: a plain cursor
past it is read as the ceiling. Taken from the newest change (in cursor order) when the
upgrade runs, which no cursor issued before it can pass.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-05

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('legacy_cursor_ceiling',
    sa.Column('id', sa.SmallInteger(), autoincrement=False, nullable=False),
    sa.Column('txid', sa.BigInteger(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_legacy_cursor_ceiling'))
    )
    op.execute("INSERT INTO legacy_cursor_ceiling (id, txid, seq) "
               "SELECT 1, COALESCE(MAX(txid), 0), COALESCE(MAX(seq), 0) FROM change_log")


def downgrade():
    op.drop_table('legacy_cursor_ceiling')
