"""what was kept before today's rules: the position of erased reports, device names and the audit rows copying them

Reports erased before the phone's ``location`` joined the erased fields (encounter/retention.py ERASED_BODY_FIELDS)
still hold it: each erased body is erased again by ``retention.erase``, so it loses whatever that list names today.
Device names were stored unchecked and copied word for word into ``device.register``'s details ({"name": …}): each
such row's details become what server/auth.py records today (``name_details``: whether a name is kept, and why not,
never the name), devices whose name today's door stops (``device_label``) are left unnamed, as the next sign-in
would leave them, and so are SSO sign-ins still pending. The audit is otherwise never changed
(docs/decisions.md, 2026-12-07 late night): one summary row says that this ran and how many of each, no words.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from encounter.retention import erase
from server.auth import device_label, name_details
from server.models.types import UtcDateTime, utcnow

# revision identifiers, used by Alembic.
revision = '0028'
down_revision = '0027'
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(JSONB(), "postgresql")
encounters = sa.table("encounters", sa.column("id", sa.Uuid()), sa.column("body", _JSON),
                      sa.column("erased_at", sa.DateTime(timezone=True)))
devices = sa.table("devices", sa.column("id", sa.Uuid()), sa.column("name", sa.String()))
sso_sign_ins = sa.table("sso_sign_ins", sa.column("id", sa.Integer()), sa.column("device_name", sa.String()))
audit_log = sa.table("audit_log", sa.column("id", sa.Integer()), sa.column("at", UtcDateTime()),
                     sa.column("actor_id", sa.Integer()), sa.column("department_id", sa.Integer()),
                     sa.column("action", sa.String()), sa.column("entity_type", sa.String()),
                     sa.column("entity_id", sa.String()), sa.column("details", _JSON))


def _erased_reports(bind, page: int = 1000) -> int:
    """Erase every erased body again under today's list; return how many still held something of it.

    A page of bodies at a time, by id: a server may hold hundreds of thousands of erased reports.
    """
    count, after = 0, None
    while True:
        query = sa.select(encounters.c.id, encounters.c.body).where(encounters.c.erased_at.is_not(None))
        if after is not None:
            query = query.where(encounters.c.id > after)
        rows = bind.execute(query.order_by(encounters.c.id).limit(page)).all()
        for report_id, body in rows:
            kept = erase(body)[0] if isinstance(body, dict) else body
            if kept != body:
                bind.execute(encounters.update().where(encounters.c.id == report_id).values(body=kept))
                count += 1
        if len(rows) < page:
            return count
        after = rows[-1][0]


def _register_rows(bind) -> int:
    """Rewrite ``device.register`` details that copied the name to today's shape; return how many."""
    count = 0
    for row_id, details in bind.execute(sa.select(audit_log.c.id, audit_log.c.details).where(
            audit_log.c.action == "device.register")).all():
        if not isinstance(details, dict) or "name" not in details:
            continue
        sent = details["name"] if isinstance(details["name"], str) else ""
        shape = {key: value for key, value in details.items() if key != "name"}
        bind.execute(audit_log.update().where(audit_log.c.id == row_id)
                     .values(details={**shape, **name_details(sent, device_label(sent))}))
        count += 1
    return count


def _names(bind, table, column) -> int:
    """Clear every stored device name today's door stops; return how many."""
    count = 0
    for row_id, name in bind.execute(sa.select(table.c.id, column).where(column != "")).all():
        if not device_label(name):
            bind.execute(table.update().where(table.c.id == row_id).values({column.name: ""}))
            count += 1
    return count


def upgrade():
    bind = op.get_bind()
    counts = {"erased_reports_erased_again": _erased_reports(bind), "device_register_rows": _register_rows(bind),
              "device_names_cleared": _names(bind, devices, devices.c.name),
              "sso_sign_in_names_cleared": _names(bind, sso_sign_ins, sso_sign_ins.c.device_name)}
    if any(counts.values()):
        bind.execute(audit_log.insert().values(
            at=utcnow(), actor_id=None, department_id=None, action="migration.scrub",
            entity_type="migration", entity_id=revision, details=counts))


def downgrade():
    # What went is gone: no position, name or copied word can be put back (nor should it).
    pass
