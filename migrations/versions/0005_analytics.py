"""trainer analytics: indexes and columns checklist analytics need

Three indexes on step_results (declared also on the StepResult model), for the analytics
queries of server/analytics/queries.py:

- ix_step_results_histogram (step_id, result, seconds_from_start): the per-step histogram
  for a viewer who sees every report and sets no filter, read index-only in group order
  (small: its many equal keys deduplicate);
- ix_step_results_encounter_results (encounter_id, step_id, result, seconds_from_start):
  filtered questions join the kept encounters to their step results, index-only;
- ix_step_results_skipped (encounter_id, step_id) WHERE result = 'skipped': critical skips
  semi-join the few skipped results to the covered encounters.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

SKIPPED = "result = 'skipped'"


def upgrade():
    op.create_index("ix_step_results_histogram", "step_results", ["step_id", "result", "seconds_from_start"])
    op.create_index("ix_step_results_encounter_results", "step_results",
                    ["encounter_id", "step_id", "result", "seconds_from_start"])
    op.create_index("ix_step_results_skipped", "step_results", ["encounter_id", "step_id"],
                    postgresql_where=sa.text(SKIPPED), sqlite_where=sa.text(SKIPPED))


def downgrade():
    op.drop_index("ix_step_results_skipped", table_name="step_results")
    op.drop_index("ix_step_results_encounter_results", table_name="step_results")
    op.drop_index("ix_step_results_histogram", table_name="step_results")
