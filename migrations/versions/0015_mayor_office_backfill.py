"""the aggregate's index in the order it groups; when the Mayor's Office was notified, filled in (issue 12)

The aggregate groups reports by the ISO week of their start (city time), department and
document type. Its index led with ``started_at``, so PostgreSQL sorted 200,000 rows by a
week it had no statistics on, then evaluated every measure; it now leads with that week
(an expression index: the planner also learns how many weeks there are), department and
document type, every measure's column included, so the aggregate is one index-only scan in
group order with no sort (README, figures). SQLite, which has no such functions, loses the index.

``mayor_office_notified_at`` (0011) is set by a report's first escalation. Reports a liaison
escalated before 0011 have no time, so the aggregate neither counts them as escalated nor
measures their minutes to the Mayor's Office. Their first escalation is in the triage
history (``triage_events``: a status move to ``escalated``) and in the audit log
(``triage.status`` with ``to = escalated``); the earliest of the two becomes the time. A time
already set (by an escalation since, or sent by the phone) stays. Each filled-in report gets
an audit entry saying where its time came from.

Revision ID: 0015
Revises: 0011
Create Date: 2026-12-04

"""
from datetime import datetime, timezone
import uuid

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

ESCALATED = "escalated"
_JSON = sa.JSON().with_variant(JSONB(), "postgresql")
_TIME = sa.DateTime(timezone=True)

encounters = sa.table("encounters", sa.column("id", sa.Uuid()), sa.column("department_id", sa.Integer()),
                      sa.column("mayor_office_notified_at", _TIME))
triage_events = sa.table("triage_events", sa.column("encounter_id", sa.Uuid()), sa.column("action", sa.String()),
                         sa.column("to_value", sa.String()), sa.column("at", _TIME))
audit_log = sa.table("audit_log", sa.column("at", _TIME), sa.column("actor_id", sa.Integer()),
                     sa.column("department_id", sa.Integer()), sa.column("action", sa.String()),
                     sa.column("entity_type", sa.String()), sa.column("entity_id", sa.String()),
                     sa.column("details", _JSON))


def _utc(moment):
    """SQLite hands back naive UTC times; PostgreSQL aware ones."""
    return moment.replace(tzinfo=timezone.utc) if moment is not None and moment.tzinfo is None else moment


def first_escalations(bind) -> dict:
    """{report id: (earliest escalation time, source)} from the triage history and the audit log."""
    found: dict = {}

    def keep(report_id, at, source):
        at = _utc(at)
        if at is not None and (report_id not in found or at < found[report_id][0]):
            found[report_id] = (at, source)

    events = sa.select(triage_events.c.encounter_id, sa.func.min(triage_events.c.at)).where(
        triage_events.c.action == "status", triage_events.c.to_value == ESCALATED).group_by(triage_events.c.encounter_id)
    for report_id, at in bind.execute(events):
        keep(report_id, at, "triage_events")
    audited = sa.select(audit_log.c.entity_id, audit_log.c.at, audit_log.c.details).where(
        audit_log.c.action == "triage.status", audit_log.c.entity_type == "encounter")
    for entity_id, at, details in bind.execute(audited):
        if (details or {}).get("to") == ESCALATED:
            try:
                keep(uuid.UUID(entity_id), at, "audit_log")
            except ValueError:  # not a report id: nothing to fill in
                continue
    return found


# The index's key, exactly as server/reports/aggregate.py spells the week (or the planner cannot match it).
WEEK_KEY = "date_trunc('week'::text, timezone('America/Los_Angeles'::text, started_at))"
INCLUDE = ("started_at", "agencies", "non_public_entered", "detained_count", "force_used", "injuries", "minors_present",
           "staging", "masks", "liaison_notified_at", "area_type", "outcome", "identification_refused",
           "visible_identification", "requested", "consent_asked", "consent_refused", "entered_over_objection",
           "weapons_shown", "city_assistance", "mayor_office_notified_at")
# 0011's index, for the downgrade.
BEFORE = ("department_id", "document_type", "agencies", "non_public_entered", "detained_count", "force_used",
          "injuries", "minors_present", "staging", "masks", "liaison_notified_at", "area_type", "outcome",
          "identification_refused", "visible_identification", "requested", "consent_asked", "consent_refused",
          "entered_over_objection", "weapons_shown", "city_assistance", "mayor_office_notified_at")


def _index(postgresql: str, sqlite: str | None):
    op.execute("DROP INDEX IF EXISTS ix_encounters_aggregate")
    statement = postgresql if op.get_bind().dialect.name == "postgresql" else sqlite
    if statement:
        op.execute(statement)


def upgrade():
    _index(f"CREATE INDEX ix_encounters_aggregate ON encounters (({WEEK_KEY}), department_id, document_type) "
           f"INCLUDE ({', '.join(INCLUDE)})",
           None)
    _backfill()


def _backfill():
    bind = op.get_bind()
    found = first_escalations(bind)
    if not found:
        return
    missing = bind.execute(sa.select(encounters.c.id, encounters.c.department_id).where(
        encounters.c.mayor_office_notified_at.is_(None))).all()
    now = datetime.now(timezone.utc)
    for report_id, department_id in missing:
        if report_id not in found:
            continue
        at, source = found[report_id]
        bind.execute(encounters.update().where(encounters.c.id == report_id,
                                               encounters.c.mayor_office_notified_at.is_(None))
                     .values(mayor_office_notified_at=at))
        bind.execute(audit_log.insert().values(
            at=now, actor_id=None, department_id=department_id, action="report.backfill", entity_type="encounter",
            entity_id=str(report_id), details={"mayor_office_notified_at": at.isoformat(), "from": source,
                                               "migration": revision}))


def downgrade():
    # The times filled in cannot be told from those set by escalations since; they stay (0011's
    # downgrade drops the column).
    _index(f"CREATE INDEX ix_encounters_aggregate ON encounters (started_at) INCLUDE ({', '.join(BEFORE)})",
           "CREATE INDEX ix_encounters_aggregate ON encounters (started_at)")
