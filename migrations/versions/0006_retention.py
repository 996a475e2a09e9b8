"""retention: legal hold, erasure mark, removed photos

- encounters.legal_hold (false), legal_hold_at, erased_at: a legal hold stops the purge;
  erased_at says when the report's free text and photos were erased under the schedule.
- ix_encounters_retention (status, status_changed_at) WHERE erased_at IS NULL: the purge's
  candidates without reading every report.
- removed_photos: which report lost which photo, when, by whom, why (redaction or retention),
  so reads of a removed photo answer 410 and a phone is not asked to upload it again.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

"""
from alembic import op
import sqlalchemy as sa

from server.models.types import UtcDateTime


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

NOT_ERASED = "erased_at IS NULL"


def upgrade():
    with op.batch_alter_table("encounters") as batch:
        batch.add_column(sa.Column("legal_hold", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("legal_hold_at", UtcDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("erased_at", UtcDateTime(timezone=True), nullable=True))
    op.create_index("ix_encounters_retention", "encounters", ["status", "status_changed_at"],
                    postgresql_where=sa.text(NOT_ERASED), sqlite_where=sa.text(NOT_ERASED))
    op.create_table(
        "removed_photos",
        sa.Column("encounter_id", sa.Uuid(), sa.ForeignKey("encounters.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("removed_at", UtcDateTime(timezone=True), nullable=False),
        sa.Column("removed_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("cause", sa.String(12), nullable=False),
    )
    op.create_index("ix_removed_photos_sha256", "removed_photos", ["sha256"])


def downgrade():
    op.drop_index("ix_removed_photos_sha256", table_name="removed_photos")
    op.drop_table("removed_photos")
    op.drop_index("ix_encounters_retention", table_name="encounters")
    with op.batch_alter_table("encounters") as batch:
        batch.drop_column("erased_at")
        batch.drop_column("legal_hold_at")
        batch.drop_column("legal_hold")
