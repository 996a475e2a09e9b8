"""item ids: one namespace across kinds, enforced by a primary key

Every push claims its items' ids in ``item_ids`` (primary key) in the same transaction
as the items, so one id can never be stored as both an encounter and a follow-up answer,
even when two connections push it at once. The ids already stored are backfilled.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-04

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "item_ids",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_ids")),
    )
    # Encounters first: an id that (before this table) made it into both keeps its encounter.
    op.execute("INSERT INTO item_ids (id, kind) SELECT id, 'encounter' FROM encounters")
    op.execute("INSERT INTO item_ids (id, kind) SELECT id, 'answer' FROM followup_answers "
               "WHERE id NOT IN (SELECT id FROM item_ids)")


def downgrade():
    op.drop_table("item_ids")
