"""departments stamp the reference data too: a renamed department reaches the workers' cached copies

The per-worker copy of sites and checklist versions (server/reference_cache.py) now also names
each site's department (a P1 report's desk event). The stamp triggers of migration 0010 covered
sites, checklists and versions; this adds departments to them, so a push keeps reading the
one-row stamp alone.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

SQLITE_BUMP = "INSERT OR REPLACE INTO reference_stamp (id, stamp) VALUES (1, random())"  # as in 0010


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE TRIGGER departments_reference_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                   "ON departments FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_stamp()")
    else:
        for event in ("INSERT", "UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER departments_reference_stamp_{event.lower()} AFTER {event} ON departments "
                       f"BEGIN {SQLITE_BUMP}; END")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER departments_reference_stamp ON departments")
    else:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER departments_reference_stamp_{event}")
