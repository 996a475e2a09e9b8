"""push speed: a reference-data stamp kept by triggers, so workers cache sites and checklist versions

``reference_stamp`` holds one row whose ``stamp`` every insert, update, delete (and, on
PostgreSQL, truncate) of sites, checklists and checklist versions rewrites, in the same
transaction. A push reads the stamp (one tiny query) instead of re-reading every site
and checklist version of the department; see server/reference_cache.py.

Revision ID: 0010
Revises: 0005
Create Date: 2026-12-04

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

TABLES = ("sites", "checklists", "checklist_versions")

PG_FUNCTION = """
CREATE FUNCTION bump_reference_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO reference_stamp (id, stamp) VALUES (1, pg_current_xact_id()::text::bigint)
  ON CONFLICT (id) DO UPDATE SET stamp = excluded.stamp;
  RETURN NULL;
END $$
"""
SQLITE_BUMP = "INSERT OR REPLACE INTO reference_stamp (id, stamp) VALUES (1, random())"


def upgrade():
    op.create_table("reference_stamp",
                    sa.Column("id", sa.SmallInteger(), autoincrement=False, nullable=False),
                    sa.Column("stamp", sa.BigInteger(), nullable=False),
                    sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_stamp")))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        for table in TABLES:
            op.execute(f"CREATE TRIGGER {table}_reference_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                       f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_stamp()")
        op.execute("INSERT INTO reference_stamp (id, stamp) VALUES (1, pg_current_xact_id()::text::bigint)")
    else:
        for table in TABLES:
            for event in ("INSERT", "UPDATE", "DELETE"):
                op.execute(f"CREATE TRIGGER {table}_reference_stamp_{event.lower()} AFTER {event} ON {table} "
                           f"BEGIN {SQLITE_BUMP}; END")
        op.execute(SQLITE_BUMP)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"DROP TRIGGER {table}_reference_stamp ON {table}")
        op.execute("DROP FUNCTION bump_reference_stamp()")
    else:
        for table in TABLES:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER {table}_reference_stamp_{event}")
    op.drop_table("reference_stamp")
