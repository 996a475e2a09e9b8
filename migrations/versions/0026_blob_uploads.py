"""every uploader of a photo's bytes: ``blob_uploads``

``blobs.uploaded_by`` kept only the first user to upload a photo's bytes; the same warrant forwarded to staff of
two departments and uploaded by each stayed the first one's, so the second one's liaison could not read it,
the second one could not share it with counsel, and push never asked them to upload it. ``blob_uploads`` holds
one row per (photo, user), with the device and the time of that user's first upload; it goes with the blob's row
(``ON DELETE CASCADE``). Filled from ``blobs.uploaded_by`` (each photo's first uploader, at its ``created_at``).

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa

import server.models.types

# revision identifiers, used by Alembic.
revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'blob_uploads',
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('device_id', sa.Uuid(), nullable=True),
        sa.Column('uploaded_at', server.models.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['sha256'], ['blobs.sha256'], name=op.f('fk_blob_uploads_sha256_blobs'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_blob_uploads_user_id_users')),
        sa.PrimaryKeyConstraint('sha256', 'user_id', name=op.f('pk_blob_uploads')),
    )
    op.execute("INSERT INTO blob_uploads (sha256, user_id, device_id, uploaded_at)"
               " SELECT sha256, uploaded_by, uploaded_device_id, created_at FROM blobs")


def downgrade():
    op.drop_table('blob_uploads')
