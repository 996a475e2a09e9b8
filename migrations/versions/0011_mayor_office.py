"""the Mayor's Office aggregate's columns and the violations ledger (issue 12)

Structured copies of the body's fields the aggregate counts (outcome, stated reason, vehicles,
identification, consent, entry over objection, weapons), whether City staff or resources helped
the agents (the violations ledger) and when the Mayor's Office was notified. Reports already
stored are filled in from their bodies with the same functions ingest uses (encounter/derived.py).

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-04

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from encounter.derived import city_assistance

# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

BOOLEANS = ("visible_identification", "identification_refused", "consent_asked", "consent_refused",
            "entered_over_objection", "weapons_shown", "city_assistance")
# The aggregate's covering index (migration 0004), then with issue 12's measures too.
AGGREGATE_COLUMNS = ["department_id", "document_type", "agencies", "non_public_entered", "detained_count", "force_used",
                     "injuries", "minors_present", "staging", "masks", "liaison_notified_at"]
MEASURE_COLUMNS = ["area_type", "outcome", "identification_refused", "visible_identification", "requested",
                   "consent_asked", "consent_refused", "entered_over_objection", "weapons_shown", "city_assistance",
                   "mayor_office_notified_at"]
COPIED = ("outcome", "stated_reason", "vehicle_count", *BOOLEANS[:-1], "city_assistance_kinds", "requested")


def _columns():
    json = sa.JSON().with_variant(JSONB(), "postgresql")
    return [sa.Column("outcome", sa.String(30), nullable=True), sa.Column("stated_reason", sa.String(40), nullable=True),
            sa.Column("vehicle_count", sa.Integer(), nullable=True),
            *(sa.Column(name, sa.Boolean(), nullable=True) for name in BOOLEANS),
            sa.Column("city_assistance_kinds", json, nullable=True), sa.Column("requested", json, nullable=True),
            sa.Column("mayor_office_notified_at", sa.DateTime(timezone=True), nullable=True)]


def upgrade():
    columns = _columns()
    with op.batch_alter_table("encounters") as batch_op:
        for column in columns:
            batch_op.add_column(column)
    encounters = sa.table("encounters", sa.column("id", sa.Uuid()), sa.column("body", columns[-3].type),
                          *(sa.column(c.name, c.type) for c in columns))
    bind = op.get_bind()
    for row in bind.execute(sa.select(encounters.c.id, encounters.c.body)).all():
        body = row.body or {}
        values = {name: body.get(name) for name in COPIED}
        values["city_assistance"] = city_assistance(body)
        if any(value is not None for value in values.values()):
            bind.execute(encounters.update().where(encounters.c.id == row.id).values(**values))
    _aggregate_index(AGGREGATE_COLUMNS + MEASURE_COLUMNS)


def _aggregate_index(include: list[str]):
    op.drop_index("ix_encounters_aggregate", table_name="encounters")
    op.create_index("ix_encounters_aggregate", "encounters", ["started_at"], postgresql_include=include)


def downgrade():
    _aggregate_index(AGGREGATE_COLUMNS)
    with op.batch_alter_table("encounters") as batch_op:
        for column in reversed(_columns()):
            batch_op.drop_column(column.name)
