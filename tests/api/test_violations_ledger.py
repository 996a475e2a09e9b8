"""Issue 12: the violations ledger (did City staff or resources help the agents?), its priority, filter and measure,
and the time an escalation notifies the Mayor's Office."""
import uuid

from sqlalchemy import select

from server.extensions import db
from server.models import AuditEntry, Encounter
from tests.api.reports_support import QUEUE, QUIET, error_body, report
from tests.factories import encounter_body, push, push_item

AGGREGATE = "/api/v1/reports/aggregate"
HELPED = {"city_assistance": True, "city_assistance_kinds": ["access_or_keys", "escort"],
          "city_assistance_by": ["security_staff", "city_vehicle"], "city_assistance_notes": "Opened the side gate."}


def test_a_report_of_city_help_is_stored_p1_and_found_by_its_queue_filter(client, world, login):
    field, liaison = login("field.a"), login("liaison.a")
    helped = report(client, world, field, **{**QUIET, **HELPED})
    quiet = report(client, world, field, **{**QUIET, "city_assistance": False})
    stored = db.session.get(Encounter, uuid.UUID(helped))
    assert (stored.city_assistance, stored.city_assistance_kinds) == (True, ["access_or_keys", "escort"])
    items = client.get(QUEUE, headers=liaison.headers, query_string={"city_assistance": "true"}).get_json()["items"]
    assert [(i["id"], i["priority"], i["priority_reason"]) for i in items] == \
        [(helped, 1, "City staff or City resources helped the agents")]
    others = client.get(QUEUE, headers=liaison.headers, query_string={"city_assistance": "false"}).get_json()["items"]
    assert quiet in [i["id"] for i in others] and helped not in [i["id"] for i in others]


def test_kinds_of_help_named_without_the_yes_still_count_as_help(client, world, login):
    rid = report(client, world, login("field.a"), **{**QUIET, "city_assistance_kinds": ["vehicles_or_equipment"]})
    assert db.session.get(Encounter, uuid.UUID(rid)).city_assistance is True


def test_who_helped_is_a_role_or_resource_type_never_a_name(client, world, login):
    item = push_item(encounter_body(world, **{**QUIET, "city_assistance_by": ["Maria Lopez"]}))
    result = push(client, login("field.a"), [item]).get_json()["results"][0]
    assert result["status"] == "rejected" and "city_assistance_by" in str(result["errors"])


def test_the_aggregate_counts_reports_with_city_help(client, world, login):
    field = login("field.a")
    report(client, world, field, **{**QUIET, **HELPED})
    report(client, world, field, **{**QUIET, "city_assistance_kinds": ["other"]})
    report(client, world, field, **{**QUIET, "city_assistance": False})
    totals = client.get(AGGREGATE, headers=login("mayor").headers).get_json()["totals"]
    assert (totals["reports"], totals["city_assistance"]) == (3, 2)


def test_escalating_sets_the_mayor_office_time_once_audited_and_measured(client, world, login):
    field, liaison = login("field.a"), login("liaison.a")
    rid = report(client, world, field, **{**QUIET, "started_at": "2026-11-20T15:00:00Z"})
    assert db.session.get(Encounter, uuid.UUID(rid)).mayor_office_notified_at is None
    move = client.post(f"/api/v1/reports/{rid}/status", headers=liaison.headers, json={"to": "escalated"})
    assert move.status_code in (200, 204), move.get_data(as_text=True)
    db.session.expire_all()
    first = db.session.get(Encounter, uuid.UUID(rid)).mayor_office_notified_at
    assert first is not None
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "triage.status")
                               .order_by(AuditEntry.id.desc())).first()
    assert entry.details["to"] == "escalated" and entry.details["mayor_office_notified_at"]
    # Back to review and escalated again: the first notification time stays.
    for to in ("in_review", "escalated"):
        client.post(f"/api/v1/reports/{rid}/status", headers=liaison.headers, json={"to": to})
    db.session.expire_all()
    assert db.session.get(Encounter, uuid.UUID(rid)).mayor_office_notified_at == first
    totals = client.get(AGGREGATE, headers=login("mayor").headers).get_json()["totals"]
    expected = round((first - db.session.get(Encounter, uuid.UUID(rid)).started_at).total_seconds() / 60, 1)
    assert totals["escalated_to_mayor_office"] == 1
    assert abs(totals["median_minutes_to_mayor_office"] - expected) < 0.2


def test_a_bad_filter_value_is_a_clear_422(client, world, login):
    error_body(client.get(QUEUE, headers=login("liaison.a").headers, query_string={"city_assistance": "maybe"}), 422)
