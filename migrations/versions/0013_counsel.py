"""counsel's warrant check: the counsel role, documents shared during an encounter, counsel's answers (issue 11)

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-04

"""
from alembic import op
import sqlalchemy as sa

import server.models.types

# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

OLD_ROLES = "role IN ('field','liaison','trainer','mayor_office','admin')"
NEW_ROLES = "role IN ('field','liaison','trainer','mayor_office','admin','counsel')"


def _roles(condition: str) -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint('role_known', type_='check')
        batch_op.create_check_constraint('role_known', condition)


def upgrade():
    _roles(NEW_ROLES)
    op.create_table(
        'counsel_documents',
        sa.Column('encounter_id', sa.Uuid(), nullable=False),
        sa.Column('department_id', sa.Integer(), nullable=False),
        sa.Column('site_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('device_id', sa.Uuid(), nullable=False),
        sa.Column('occurred_at', server.models.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column('shared_at', server.models.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column('verdict', sa.String(length=20), nullable=True),
        sa.Column('note', sa.String(length=280), nullable=True),
        sa.Column('answered_at', server.models.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column('answered_by', sa.Integer(), nullable=True),
        sa.CheckConstraint("verdict IS NULL OR verdict IN ('judicial', 'administrative', 'unclear')",
                           name=op.f('ck_counsel_documents_verdict_known')),
        sa.ForeignKeyConstraint(['department_id'], ['departments.id'],
                                name=op.f('fk_counsel_documents_department_id_departments')),
        sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_counsel_documents_site_id_sites')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_counsel_documents_user_id_users')),
        sa.ForeignKeyConstraint(['answered_by'], ['users.id'], name=op.f('fk_counsel_documents_answered_by_users')),
        sa.PrimaryKeyConstraint('encounter_id', name=op.f('pk_counsel_documents')),
    )
    with op.batch_alter_table('counsel_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_counsel_documents_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_counsel_documents_shared_at'), ['shared_at'], unique=False)
    op.create_table(
        'counsel_document_photos',
        sa.Column('encounter_id', sa.Uuid(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('taken_at', server.models.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['encounter_id'], ['counsel_documents.encounter_id'], ondelete='CASCADE',
                                name=op.f('fk_counsel_document_photos_encounter_id_counsel_documents')),
        sa.PrimaryKeyConstraint('encounter_id', 'sha256', name=op.f('pk_counsel_document_photos')),
    )
    with op.batch_alter_table('counsel_document_photos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_counsel_document_photos_sha256'), ['sha256'], unique=False)


def downgrade():
    op.drop_table('counsel_document_photos')
    op.drop_table('counsel_documents')
    op.execute("DELETE FROM users WHERE role = 'counsel'")
    _roles(OLD_ROLES)
