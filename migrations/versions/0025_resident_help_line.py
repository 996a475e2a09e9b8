"""a department's help line for residents: the number the phone's card for residents shows

``departments.resident_help_phone`` (E.164, optional): the free, confidential help line a City employee can
show a resident on the phone's card for residents (the number is the department's, set by an administrator,
sent to phones with each site like the department's other numbers). Null until set: phones then show the
card without a number.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None


# Plain ALTER TABLE on both databases: a batch copy of the table on SQLite would drop its triggers (the
# reference stamps that tell phones of a change).
def upgrade():
    op.add_column('departments', sa.Column('resident_help_phone', sa.String(length=20), nullable=True))


def downgrade():
    op.execute("ALTER TABLE departments DROP COLUMN resident_help_phone")
