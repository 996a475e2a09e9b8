"""when the City's sign-in last refused a user as unmapped: nobody may assign them a report meanwhile

``users.sso_unmapped_at`` is set by a single sign-on refused ``unmapped`` (server/sso/accounts.py) and cleared by the
next one that maps them. Until now that refusal was only in the audit log (``user.sso_unmapped``): it released the
reports they held, yet the desk went on offering them and the server went on accepting them as assignees
(server/reports/assignees.py). Users whose latest ``user.sso_unmapped`` is later than their latest ``auth.sign_in``
get its time, each with a ``user.backfill`` audit entry saying so; and, as a refusal does now, the reports they still
hold go back to "unassigned" (the desk let them be assigned after the refusal), each audited as
``server/reports/assignees.py`` ``release`` audits it (``triage.assign``, released ``assignee_unmapped``).

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

import server.models.types
from encounter.triage import ASSIGNEE_UNMAPPED
from server.models.types import UtcDateTime, utcnow

# revision identifiers, used by Alembic.
revision = '0029'
down_revision = '0028'
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(JSONB(), "postgresql")
users = sa.table("users", sa.column("id", sa.Integer()), sa.column("department_id", sa.Integer()),
                 sa.column("sso_unmapped_at", UtcDateTime()))
encounters = sa.table("encounters", sa.column("id", sa.Uuid()), sa.column("department_id", sa.Integer()),
                       sa.column("assigned_to_id", sa.Integer()))
audit_log = sa.table("audit_log", sa.column("at", UtcDateTime()), sa.column("actor_id", sa.Integer()),
                     sa.column("department_id", sa.Integer()), sa.column("action", sa.String()),
                     sa.column("entity_type", sa.String()), sa.column("entity_id", sa.String()),
                     sa.column("details", _JSON))


def upgrade():
    op.add_column('users', sa.Column('sso_unmapped_at', server.models.types.UtcDateTime(timezone=True), nullable=True))
    _backfill()


def _latest(bind, action: str) -> dict:
    """{user id: time of their latest audit entry ``action``}."""
    rows = bind.execute(sa.select(audit_log.c.entity_id, sa.func.max(audit_log.c.at)).where(
        audit_log.c.action == action, audit_log.c.entity_type == "user").group_by(audit_log.c.entity_id)).all()
    return {int(entity_id): at for entity_id, at in rows if entity_id.isdigit()}


def _backfill():
    bind = op.get_bind()
    refused, signed_in = _latest(bind, "user.sso_unmapped"), _latest(bind, "auth.sign_in")
    now = utcnow()
    for user_id, at in sorted(refused.items()):
        if user_id in signed_in and signed_in[user_id] >= at:
            continue  # mapped again since: they signed in
        user = bind.execute(sa.select(users.c.department_id).where(users.c.id == user_id)).first()
        if user is None:
            continue
        department_id = user.department_id
        bind.execute(users.update().where(users.c.id == user_id).values(sso_unmapped_at=at))
        bind.execute(audit_log.insert().values(
            at=now, actor_id=None, department_id=department_id, action="user.backfill", entity_type="user",
            entity_id=str(user_id), details={"sso_unmapped_at": at.isoformat(), "from": "audit_log",
                                             "migration": revision}))
        held = bind.execute(encounters.select().with_only_columns(encounters.c.id, encounters.c.department_id)
                            .where(encounters.c.assigned_to_id == user_id)).all()
        if held:
            bind.execute(encounters.update().where(encounters.c.assigned_to_id == user_id).values(assigned_to_id=None))
            bind.execute(audit_log.insert(), [
                {"at": now, "actor_id": None, "department_id": report_department, "action": "triage.assign",
                 "entity_type": "encounter", "entity_id": str(report_id),
                 "details": {"from": user_id, "to": None, "released": ASSIGNEE_UNMAPPED}}
                for report_id, report_department in held])


def downgrade():
    op.execute("ALTER TABLE users DROP COLUMN sso_unmapped_at")
