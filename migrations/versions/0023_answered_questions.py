"""follow-up questions already answered: tell the reporter's phones, through pull

From now on a stored answer records the question's ``message`` change again with
``answered_at`` (server/answers.py), so a phone that pulls from the start (signed in
again, another phone) shows the question answered. Questions answered before have no
such change: this records one for each, from its first answer (the earliest received;
its ``answered_at`` as pushed), after the newest change, so phones get it on their next
pull. A question whose latest change already says it is answered is left alone.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06

"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from sync.envelope import iso_time

# revision identifiers, used by Alembic.
revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(JSONB(), "postgresql")
_TIME = sa.DateTime(timezone=True)
answers = sa.table("followup_answers", sa.column("followup_id", sa.Uuid()), sa.column("answered_at", _TIME),
                   sa.column("received_at", _TIME))
change_log = sa.table("change_log", sa.column("seq", sa.BigInteger()), sa.column("txid", sa.BigInteger()),
                      sa.column("kind", sa.String()), sa.column("entity_id", sa.String()), sa.column("op", sa.String()),
                      sa.column("department_id", sa.Integer()), sa.column("recipient_id", sa.Integer()),
                      sa.column("data", _JSON), sa.column("created_at", _TIME))


def _utc(moment):
    """SQLite hands back naive UTC times; PostgreSQL aware ones."""
    return moment.replace(tzinfo=timezone.utc) if moment is not None and moment.tzinfo is None else moment


def upgrade():
    bind = op.get_bind()
    first: dict[str, datetime] = {}
    for followup_id, answered_at in bind.execute(sa.select(answers.c.followup_id, answers.c.answered_at)
                                                 .order_by(answers.c.received_at.desc())):
        first[str(followup_id)] = _utc(answered_at)  # the earliest received is written last
    if not first:
        return
    latest = {}
    for entity_id, department_id, recipient_id, data in bind.execute(
            sa.select(change_log.c.entity_id, change_log.c.department_id, change_log.c.recipient_id,
                      change_log.c.data)
            .where(change_log.c.kind == "message", change_log.c.entity_id.in_(list(first)))
            .order_by(change_log.c.seq)):
        latest[entity_id] = (department_id, recipient_id, data)
    txid = (sa.cast(sa.cast(sa.func.pg_current_xact_id(), sa.Text), sa.BigInteger)
            if bind.dialect.name == "postgresql" else 0)
    now = datetime.now(timezone.utc)
    for followup_id in sorted(latest):
        department_id, recipient_id, data = latest[followup_id]
        if data.get("answered_at"):
            continue
        bind.execute(change_log.insert().values(
            txid=txid, kind="message", entity_id=followup_id, op="upsert", department_id=department_id,
            recipient_id=recipient_id, data={**data, "answered_at": iso_time(first[followup_id])}, created_at=now))


def downgrade():
    # The changes recorded are news phones may already hold; they stay, and say only what is true.
    pass
