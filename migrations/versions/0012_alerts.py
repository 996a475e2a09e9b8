"""alerts, desk events and Web Push subscriptions (issue 11)

``alerts``: the one-tap "agents here now" alert (push kind ``alert``), closed by the report later
pushed under its ``encounter_id``. ``desk_events``: what open desk screens receive over
``GET /api/v1/events``, written in the push's transaction. ``push_subscriptions``: desk browsers
that asked for Web Push.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

import server.models.types

# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def _json():
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')


def upgrade():
    moment = server.models.types.UtcDateTime(timezone=True)
    op.create_table(
        'alerts',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('encounter_id', sa.Uuid(), nullable=False),
        sa.Column('department_id', sa.Integer(), nullable=False),
        sa.Column('site_id', sa.Integer(), nullable=False),
        sa.Column('device_id', sa.Uuid(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('occurred_at', moment, nullable=False),
        sa.Column('received_at', moment, nullable=False),
        sa.Column('agency', sa.String(length=30), nullable=True),
        sa.Column('closed_at', moment, nullable=True),
        sa.Column('report_id', sa.Uuid(), nullable=True),
        sa.Column('schema_version', sa.SmallInteger(), nullable=False),
        sa.Column('body', _json(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_alerts_department_id_departments')),
        sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_alerts_site_id_sites')),
        sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_alerts_device_id_devices')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_alerts_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_alerts')),
        sa.UniqueConstraint('encounter_id', name=op.f('uq_alerts_encounter_id')),
    )
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alerts_department_id'), ['department_id'], unique=False)

    op.create_table(
        'desk_events',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('department_id', sa.Integer(), nullable=False),
        sa.Column('data', _json(), nullable=False),
        sa.Column('created_at', moment, nullable=False),
        sa.ForeignKeyConstraint(['department_id'], ['departments.id'],
                                name=op.f('fk_desk_events_department_id_departments')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_events')),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table('desk_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_events_department_id'), ['department_id'], unique=False)

    op.create_table(
        'push_subscriptions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('endpoint', sa.Text(), nullable=False),
        sa.Column('p256dh', sa.String(length=200), nullable=False),
        sa.Column('auth', sa.String(length=100), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('device_id', sa.Uuid(), nullable=True),
        sa.Column('created_at', moment, nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_push_subscriptions_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_push_subscriptions')),
        sa.UniqueConstraint('endpoint', name=op.f('uq_push_subscriptions_endpoint')),
    )
    with op.batch_alter_table('push_subscriptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_push_subscriptions_user_id'), ['user_id'], unique=False)


def downgrade():
    op.drop_table('push_subscriptions')
    op.drop_table('desk_events')
    op.drop_table('alerts')
