"""published quarters keep how many reports each department's rows were computed from

``quarterly_publications.counted``: ``{department code: reports}`` of the quarter when it was published, exact
and never served, so that "arrived since" counts the reports that are not in the snapshot, not those received
after the moment of publishing (a report received a moment before, whose push committed after the tables were
computed, was in neither). Null for a quarter published before this revision (read as before).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('quarterly_publications',
                  sa.Column('counted', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'),
                            nullable=True))


def downgrade():
    op.drop_column('quarterly_publications', 'counted')
