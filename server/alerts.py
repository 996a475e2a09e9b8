"""Push kind ``alert`` and what the store does with alerts: insert, close with the report or by hand, describe.

The rules (which keys, priority, states) are ``encounter/alerts.py``; this module checks a body
against them and the pusher's sites, and writes and reads the ``alerts`` table.
"""
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import bindparam, case, delete, insert, select, text, true
from sqlalchemy.dialects import postgresql, sqlite

from encounter import alerts as rules
from encounter import door, phone_clock
from encounter.vocabulary import never_collected_errors
from server.audit import audit_row
from server.extensions import db
from server.kinds import NOT_A_SITE, door_check, refused
from server import live
from server.access import scoped, visible
from server.models import Alert, AuditEntry, Department, Encounter, ItemId, Site
from server.models.types import utcnow
from server.schemas.alerts import AlertBodySchema
from server.validation import parse_moment_once, validator
from sync.envelope import Checked, Principal, Receipt, StoredItem, iso_time



@dataclass(frozen=True)
class AlertRecord:
    """What the SQL store writes for an alert besides the body."""

    encounter_id: UUID
    department_id: int
    site_id: int
    occurred_at: datetime
    agency: str | None


class AlertKind:
    """Kind ``alert``: agents are here now, at this site (the start of an encounter)."""

    schema_versions = frozenset({1})

    def __init__(self, refs):
        self.refs = refs
        self.validator = validator(AlertBodySchema)

    def check(self, principal: Principal, schema_version: int, body: dict) -> Checked:
        """Validate the body (only the alert's keys) and its site."""
        errors = self.validator.errors(body)
        if errors:
            # Anything beyond the alert's keys is refused with its reason, never-collected keys first.
            errors.update(rules.extra_key_errors(body))
            errors.update(never_collected_errors(body))
        schema = self.validator.schema
        door_refusal = door_check(body, door.FIELDS_BY_KIND[rules.KIND], errors, schema)
        if door_refusal is not None or errors:
            return door_refusal or refused(errors, schema, body)
        # A time beyond a phone's clock drift did not happen yet: the alert is kept (refusing it would lose an
        # urgent alert over a clock) at the server's time of receipt, which the desk sorts and shows.
        occurred_at = phone_clock.believable(parse_moment_once(body["occurred_at"]), utcnow())
        site = self.refs.site(body["site"])
        if site is None:
            return refused({"site": [NOT_A_SITE]})
        site_id, department_id, _areas = site
        return Checked(record=AlertRecord(UUID(body["encounter_id"]), department_id, site_id,
                                          occurred_at, body.get("agency")))



def alert_rows(principal: Principal, items, received_at: datetime) -> list[dict]:
    """Return the ``alerts`` rows of checked alert items, in id order (overlapping batches lock alike)."""
    return [{"id": item.id, "encounter_id": item.record.encounter_id, "department_id": item.record.department_id,
             "site_id": item.record.site_id, "device_id": principal.device_id, "user_id": principal.user_id,
             "occurred_at": item.record.occurred_at, "received_at": received_at, "agency": item.record.agency,
             "schema_version": item.schema_version, "body": item.body, "sha256": item.sha256}
            for item in sorted(items, key=lambda i: i.id)]


def close_sql(reports: str) -> str:
    """The UPDATE … RETURNING that closes the open alerts of the reports in relation ``reports`` (id, department_id).

    The one statement of the rule "a report closes its alert (same department)", as text: run alone
    (``close_reported``) and, on PostgreSQL, as a part of the push statement (server/sync_store.py),
    where it saves a round trip per push.
    """
    return (f"UPDATE alerts SET closed_at = :at, report_id = alerts.encounter_id FROM {reports} AS r"
            " WHERE alerts.encounter_id = r.id AND alerts.department_id = r.department_id AND alerts.closed_at IS NULL"
            " RETURNING alerts.id, alerts.encounter_id, alerts.department_id, alerts.user_id")


# Built once: building it, and the ORM's bulk-update layer, cost more CPU than the round trip.
_CLOSE = (text(close_sql("(SELECT id, department_id FROM encounters WHERE id IN :reports)"))
          .bindparams(bindparam("reports", expanding=True, type_=Encounter.__table__.c.id.type),
                      bindparam("at", type_=Alert.__table__.c.closed_at.type))
          .columns(*(Alert.__table__.c[name] for name in ("id", "encounter_id", "department_id", "user_id"))))


def close_reported(inserted: set[UUID], received_at: datetime) -> list[dict]:
    """Close the open alerts whose report is among ``inserted`` (same department); return what closed.

    Also run for alerts inserted by this push: an alert arriving after its report is closed at once.
    """
    if not inserted:
        return []
    rows = db.session.connection().execute(_CLOSE, {"reports": list(inserted), "at": received_at}).all()
    return closed_rows(rows)


def closed_rows(rows) -> list[dict]:
    """What closed, from the rows ``close_sql`` returns."""
    return [{"id": alert_id, "encounter_id": encounter_id, "report_id": encounter_id, "department_id": department_id,
             "user_id": user_id} for alert_id, encounter_id, department_id, user_id in rows]


def audit_rows(principal: Principal, created: list[dict], closed: list[dict], at: datetime) -> list[dict]:
    """Audit rows for alerts created and closed by a push: ids and hashes only, never free text."""
    rows = [audit_row("alert.receive", "alert", row["id"], actor_id=principal.user_id, device_id=principal.device_id,
                      department_id=row["department_id"], at=at,
                      details={"sha256": row["sha256"], "encounter_id": str(row["encounter_id"])})
            for row in created]
    rows += [audit_row("alert.close", "alert", row["id"], actor_id=principal.user_id, device_id=principal.device_id,
                       department_id=row["department_id"], at=at, details={"report_id": str(row["report_id"])})
             for row in closed]
    return rows


def places(site_ids) -> dict[int, tuple[dict, dict]]:
    """Return {site id: (site {code, name}, department {code, name})}."""
    rows = db.session.execute(select(Site.id, Site.code, Site.name, Department.code, Department.name)
                              .join(Department, Department.id == Site.department_id)
                              .where(Site.id.in_(set(site_ids))))
    return {sid: ({"code": code, "name": name}, {"code": dcode, "name": dname})
            for sid, code, name, dcode, dname in rows}


def describe(alert, site: dict, department: dict) -> dict:
    """An alert as the desk reads it (``GET /alerts``, the ``alert`` event); no person is named."""
    return {"id": str(alert.id), "encounter_id": str(alert.encounter_id), "site": site, "department": department,
            "occurred_at": iso_time(alert.occurred_at), "received_at": iso_time(alert.received_at),
            "agency": alert.agency, "state": rules.state(alert.closed_at),
            "report_id": str(alert.report_id) if alert.report_id else None, "priority": rules.PRIORITY,
            "closed_reason": alert.closed_reason}


def close_by_hand(principal: Principal, alert_id: UUID, reason: str):
    """Close an open alert of the liaison's department whose report will not come; return it, or None if not found.

    Without this an alert whose draft was discarded (or whose phone was lost) headed the queue as P1 for good.
    Idempotent: an alert already closed (by its report, or by a colleague's close, or this close retried after a
    lost answer) is returned as it is, nothing written. Locked first, so two liaisons closing at once write one
    close; a report arriving later is stored as any report is, and the alert stays closed by hand. Audited with
    the reason's code; the desks' live stream hears ``alert_closed`` as when a report closes it.
    """
    alert = db.session.scalar(scoped(Alert, principal).where(Alert.id == alert_id).with_for_update())
    if alert is None or alert.closed_at is not None:
        return alert
    alert.closed_at, alert.closed_by_id, alert.closed_reason = utcnow(), principal.user_id, reason
    db.session.add(AuditEntry(**audit_row(
        "alert.close", "alert", alert.id, actor_id=principal.user_id, device_id=principal.device_id,
        department_id=alert.department_id, at=alert.closed_at, details={"reason": reason})))
    live.write_events({("alert_closed", alert.id): {
        "kind": "alert_closed", "department_id": alert.department_id,
        "data": {"id": str(alert.id), "encounter_id": str(alert.encounter_id), "report_id": None,
                 "reason": reason}}})
    return alert


def state_filter(state: str):
    """The WHERE condition of ``?state=``."""
    if state == rules.OPEN:
        return Alert.closed_at.is_(None)
    if state == rules.CLOSED:
        return Alert.closed_at.is_not(None)
    return true()


def _audit(rows: list[dict]) -> None:
    """Insert audit rows in the push's transaction (a few per push: alerts are rare)."""
    if rows:
        db.session.execute(insert(AuditEntry), rows)


def _insert_statement():
    """INSERT … ON CONFLICT DO NOTHING RETURNING id: a second alert for one encounter is skipped, not an error."""
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    return dialect.insert(Alert).on_conflict_do_nothing().returning(Alert.id)


def insert_alerts(principal: Principal, items, received_at: datetime) -> tuple[set[UUID], dict]:
    """Insert alerts whose ids the push claimed; audit them; return (ids inserted, desk news by key).

    An alert for an encounter that already has one is not stored, and its id claim is released:
    ``held_by_encounter`` then answers with the alert already held (duplicate or conflict).
    """
    rows = alert_rows(principal, items, received_at)
    inserted = set(db.session.scalars(_insert_statement(), rows))
    skipped = [item.id for item in items if item.id not in inserted]
    if skipped:
        db.session.execute(delete(ItemId).where(ItemId.id.in_(skipped)))
    created = [row for row in rows if row["id"] in inserted]
    # An alert sent after its report (an outbox that lost its order) is closed as it arrives.
    closed = close_reported({row["encounter_id"] for row in created}, received_at)
    _audit(audit_rows(principal, created, closed, received_at))
    news = {}
    if created:
        held = db.session.scalars(select(Alert).where(Alert.id.in_(inserted))).all()
        named = places(alert.site_id for alert in held)
        for alert in held:
            site, department = named[alert.site_id]
            news[("alert", alert.id)] = {"kind": "alert", "department_id": alert.department_id,
                                         "data": describe(alert, site, department)}
    return inserted, news


def reported(principal: Principal, encounters, received_at: datetime, closed: list[dict] | None = None) -> dict:
    """Close the alerts of reports just inserted; return desk news: closed alerts and new P1 reports.

    ``closed``: what the push statement closed already (PostgreSQL, ``close_sql``); else they are closed here.
    """
    if closed is None:
        closed = close_reported({item.id for item in encounters}, received_at)
    _audit(audit_rows(principal, [], closed, received_at))
    news = {("alert_closed", row["id"]): {"kind": "alert_closed", "department_id": row["department_id"],
                                          "data": {"id": str(row["id"]), "encounter_id": str(row["encounter_id"]),
                                                   "report_id": str(row["report_id"])}}
            for row in closed}
    urgent = [item for item in encounters if item.record.columns.get("priority") == rules.PRIORITY]
    if urgent:
        for item in urgent:
            # Named as the push's reference data read them (server/reference_cache.py): no query here.
            site, department = item.record.place
            news[("report", item.id)] = {"kind": "report", "department_id": item.record.department_id,
                                         "data": {"id": str(item.id), "priority": rules.PRIORITY, "site": site,
                                                  "department": department, "received_at": iso_time(received_at)}}
    return news


def held_by_encounter(principal: Principal, items) -> dict:
    """For alerts not stored because their encounter has an alert: what that alert is (receipt, visibility)."""
    if not items:
        return {}
    wanted = {item.record.encounter_id: item.id for item in items}
    mine = case((visible(Alert, principal), 1), else_=0)
    rows = db.session.execute(select(Alert.encounter_id, Alert.received_at, Alert.sha256, mine)
                              .where(Alert.encounter_id.in_(wanted)))
    return {wanted[encounter_id]: StoredItem(rules.KIND, Receipt(at, sha), False, visible=bool(seen))
            for encounter_id, at, sha, seen in rows}
