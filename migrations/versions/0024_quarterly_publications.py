"""published quarterly reports: the snapshot of what the City published

``quarterly_publications``: one row per published quarter, the suppressed citywide tables exactly
as the Mayor's Office was shown them (figures and marks only: no report id, no name), their
digest, how many reports of each department they were computed from (``counted``: exact, never served; what
"arrived since" is counted against), and who published them when. Rows are never changed or deleted (the
model refuses).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

import server.models.types

# revision identifiers, used by Alembic.
revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'quarterly_publications',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('year', sa.SmallInteger(), nullable=False),
        sa.Column('quarter', sa.SmallInteger(), nullable=False),
        sa.Column('report', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'),
                  nullable=False),
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('counted', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'),
                  nullable=False),
        sa.Column('published_at', server.models.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column('published_by', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['published_by'], ['users.id'],
                                name=op.f('fk_quarterly_publications_published_by_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_quarterly_publications')),
        sa.UniqueConstraint('year', 'quarter', name=op.f('uq_quarterly_publications_year')),
    )


def downgrade():
    op.drop_table('quarterly_publications')
