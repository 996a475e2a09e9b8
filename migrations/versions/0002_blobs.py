"""blobs: uploaded photos, and the photos each encounter references

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 19:43:09.269819

"""
from alembic import op
import sqlalchemy as sa
import server.models.types  # noqa: F401  (custom column types)


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('blobs',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('created_at', server.models.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('uploaded_by', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['uploaded_by'], ['users.id'], name=op.f('fk_blobs_uploaded_by_users')),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_blobs'))
    )
    with op.batch_alter_table('blobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_blobs_uploaded_by'), ['uploaded_by'], unique=False)

    op.create_table('encounter_photos',
    sa.Column('encounter_id', sa.Uuid(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['encounter_id'], ['encounters.id'], name=op.f('fk_encounter_photos_encounter_id_encounters'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('encounter_id', 'sha256', name=op.f('pk_encounter_photos'))
    )
    with op.batch_alter_table('encounter_photos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_encounter_photos_sha256'), ['sha256'], unique=False)



def downgrade():
    with op.batch_alter_table('encounter_photos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_encounter_photos_sha256'))

    op.drop_table('encounter_photos')
    with op.batch_alter_table('blobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_blobs_uploaded_by'))

    op.drop_table('blobs')
