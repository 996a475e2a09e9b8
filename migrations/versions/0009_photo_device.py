"""photos remember the device that uploaded them

A photo is readable by the device that took it until a report citing it is received
(encounter/views.py); ``blobs.uploaded_device_id`` says which device that is. Photos
uploaded before this revision have none, so only their report department's liaisons
read them.

Revision ID: 0009
Revises: 0005
Create Date: 2026-12-04

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("blobs") as batch_op:
        batch_op.add_column(sa.Column("uploaded_device_id", sa.Uuid(), nullable=True))


def downgrade():
    with op.batch_alter_table("blobs") as batch_op:
        batch_op.drop_column("uploaded_device_id")
