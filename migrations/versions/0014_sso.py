"""single sign-on: sign-ins in progress through the City's identity provider

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-04

"""
from alembic import op
import sqlalchemy as sa

import server.models.types

# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'sso_sign_ins',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('state_hash', sa.String(length=64), nullable=False),
        sa.Column('code_verifier', sa.String(length=128), nullable=False),
        sa.Column('nonce', sa.String(length=64), nullable=False),
        sa.Column('binding_hash', sa.String(length=64), nullable=False),
        sa.Column('device_id', sa.Uuid(), nullable=False),
        sa.Column('device_name', sa.String(length=120), nullable=False),
        sa.Column('created_at', server.models.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column('expires_at', server.models.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column('completed_at', server.models.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column('outcome', sa.String(length=30), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('handoff_hash', sa.String(length=64), nullable=True),
        sa.Column('used_at', server.models.types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('state_hash'),
        sa.UniqueConstraint('handoff_hash'),
    )
    op.create_index('ix_sso_sign_ins_expires_at', 'sso_sign_ins', ['expires_at'])


def downgrade():
    op.drop_index('ix_sso_sign_ins_expires_at', table_name='sso_sign_ins')
    op.drop_table('sso_sign_ins')
