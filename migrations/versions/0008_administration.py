"""administration: department names and contact numbers, site coordinates and numbers,
external identities for single sign-on later, device app version and wipe

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-04

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

import server.models.types

# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql')


def upgrade():
    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('names', JSON, nullable=False, server_default=sa.text("'{}'")))
        batch_op.add_column(sa.Column('checklist_variant', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('liaison_phone', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('counsel_phone', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('after_hours_phone', sa.String(length=20), nullable=True))
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.add_column(sa.Column('latitude', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('longitude', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('phone', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('site_lead_phone', sa.String(length=20), nullable=True))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('external_issuer', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('external_subject', sa.String(length=255), nullable=True))
        batch_op.create_unique_constraint('uq_users_external_identity', ['external_issuer', 'external_subject'])
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('app_version', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('wipe_requested_at', server.models.types.UtcDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('wiped_at', server.models.types.UtcDateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.drop_column('wiped_at')
        batch_op.drop_column('wipe_requested_at')
        batch_op.drop_column('app_version')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint('uq_users_external_identity', type_='unique')
        batch_op.drop_column('external_subject')
        batch_op.drop_column('external_issuer')
    with op.batch_alter_table('sites', schema=None) as batch_op:
        for name in ('site_lead_phone', 'phone', 'longitude', 'latitude'):
            batch_op.drop_column(name)
    with op.batch_alter_table('departments', schema=None) as batch_op:
        for name in ('after_hours_phone', 'counsel_phone', 'liaison_phone', 'checklist_variant', 'names'):
            batch_op.drop_column(name)
