"""The alert kind ("agents here now"): stored once, scoped like a report, closed by its report, audited."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from server.extensions import db
from server.models import Alert, AuditEntry, ItemId
from tests.api.alerts_support import ALERTS, alert_body, alert_item, push_one
from tests.factories import encounter_body, push, push_item


def test_an_alert_is_accepted_and_the_liaison_of_its_department_sees_it_open_as_p1(client, world, login):
    field, liaison = login("field.a"), login("liaison.a")
    item = alert_item()
    result = push_one(client, field, item)
    assert result["status"] == "accepted" and result["receipt"]["sha256"]
    listed = client.get(ALERTS, headers=liaison.headers).get_json()["alerts"]
    assert [a["id"] for a in listed] == [item["id"]]
    alert = listed[0]
    assert alert == {"id": item["id"], "encounter_id": item["body"]["encounter_id"],
                     "site": {"code": "site-a1", "name": "Site A1"},
                     "department": {"code": "A", "name": "Department A"},
                     "occurred_at": "2026-11-20T23:00:00.000Z", "received_at": alert["received_at"],
                     "agency": "ice_ero", "state": "open", "report_id": None, "priority": 1,
                     "closed_reason": None}
    assert client.get(f"{ALERTS}/{item['id']}", headers=liaison.headers).get_json() == alert


def test_another_departments_liaison_never_learns_the_alert_exists(client, world, login):
    field, other = login("field.a"), login("liaison.b")
    item = alert_item()
    push_one(client, field, item)
    assert client.get(ALERTS, headers=other.headers).get_json()["alerts"] == []
    assert client.get(f"{ALERTS}/{item['id']}", headers=other.headers).status_code == 404
    assert client.get(f"{ALERTS}/{uuid.uuid4()}", headers=other.headers).status_code == 404
    # Pushing the same id from the other department says only "use another id".
    result = push_one(client, login("field.b"), alert_item(alert_body("site-b1"), item["id"]))
    assert result["status"] == "rejected" and "receipt" not in result


def test_the_mayors_office_sees_every_departments_alerts_and_a_trainer_none(client, world, login):
    push_one(client, login("field.a"), alert_item())
    push_one(client, login("field.b"), alert_item(alert_body("site-b1")))
    mayor = client.get(f"{ALERTS}?state=all", headers=login("mayor").headers).get_json()["alerts"]
    assert sorted(a["department"]["code"] for a in mayor) == ["A", "B"]
    assert client.get(ALERTS, headers=login("trainer").headers).status_code == 403


def test_a_retried_alert_is_a_duplicate_and_a_changed_one_a_conflict(client, world, login):
    field = login("field.a")
    item = alert_item()
    first = push_one(client, field, item)
    again = push_one(client, field, item)
    assert again["status"] == "duplicate" and again["receipt"] == first["receipt"]
    changed = push_one(client, field, alert_item({**item["body"], "agency": "cbp"}, item["id"]))
    assert changed["status"] == "conflict"
    assert db.session.scalar(select(Alert.agency).where(Alert.id == uuid.UUID(item["id"]))) == "ice_ero"


def test_a_second_alert_for_the_same_encounter_is_the_first_one_and_frees_its_id(client, world, login):
    field = login("field.a")
    item = alert_item()
    push_one(client, field, item)
    twin = alert_item(dict(item["body"]))
    result = push_one(client, field, twin)
    assert result["status"] == "duplicate"
    assert db.session.scalar(select(Alert.id).where(Alert.encounter_id == uuid.UUID(item["body"]["encounter_id"]))) \
        == uuid.UUID(item["id"])
    assert db.session.get(ItemId, uuid.UUID(twin["id"])) is None  # the id stays free for anything else


def test_an_alert_id_is_in_the_one_id_namespace(client, world, login):
    field = login("field.a")
    report_id = str(uuid.uuid4())
    assert push_one(client, field, push_item(encounter_body(world), report_id))["status"] == "accepted"
    assert push_one(client, field, alert_item(item_id=report_id))["status"] == "conflict"


@pytest.mark.parametrize("extra", [{"immigration_status": "x"}, {"notes": "agents at the door"},
                                   {"location": {"lat": 34.05, "lon": -118.24}}])
def test_an_alert_carrying_anything_beyond_site_time_and_agency_is_refused(client, world, login, extra):
    field = login("field.a")
    result = push_one(client, field, alert_item(alert_body(**extra)))
    assert result["status"] == "rejected"
    key = next(iter(extra))
    assert key in result["errors"]["body"]
    assert db.session.scalar(select(Alert.id)) is None


def test_an_alert_for_another_departments_site_is_refused(client, world, login):
    result = push_one(client, login("field.a"), alert_item(alert_body("site-b1")))
    assert result["status"] == "rejected" and "site" in result["errors"]["body"]


@pytest.mark.parametrize("minutes_ahead, kept_as_sent", [(3, True), (7, False), (24 * 60, False)])
def test_an_alert_timed_ahead_of_the_servers_clock_is_kept_at_the_servers_time_beyond_a_phones_clock_drift(
        client, world, login, minutes_ahead, kept_as_sent):
    sent = datetime.now(timezone.utc) + timedelta(minutes=minutes_ahead)
    result = push_one(client, login("field.a"), alert_item(alert_body(occurred_at=sent.isoformat(timespec="seconds"))))
    assert result["status"] == "accepted"  # an urgent alert is never lost over a phone's clock
    stored = db.session.scalar(select(Alert.occurred_at))
    if kept_as_sent:
        assert abs(stored - sent) < timedelta(seconds=1)
    else:
        assert stored <= datetime.now(timezone.utc)


def test_the_report_pushed_under_the_encounter_id_closes_the_alert_and_both_are_audited(client, world, login):
    field, liaison = login("field.a"), login("liaison.a")
    item = alert_item()
    push_one(client, field, item)
    encounter_id = item["body"]["encounter_id"]
    assert push_one(client, field, push_item(encounter_body(world), encounter_id))["status"] == "accepted"
    alert = client.get(f"{ALERTS}/{item['id']}", headers=liaison.headers).get_json()
    assert (alert["state"], alert["report_id"]) == ("closed", encounter_id)
    assert client.get(ALERTS, headers=liaison.headers).get_json()["alerts"] == []
    assert [a["id"] for a in client.get(f"{ALERTS}?state=closed", headers=liaison.headers).get_json()["alerts"]] \
        == [item["id"]]
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.entity_type == "alert")
                                 .order_by(AuditEntry.id)).all()
    assert actions == ["alert.receive", "alert.close"]


@pytest.mark.parametrize("alert_first", [True, False], ids=["alert first", "report first"])
def test_another_departments_report_under_the_encounter_id_leaves_the_alert_open(client, world, login, alert_first):
    encounter_id = str(uuid.uuid4())
    item = alert_item(alert_body(encounter_id=encounter_id))
    report = push_item(encounter_body(world, "B"), encounter_id)
    pushes = [(login("field.a"), item), (login("field.b"), report)]
    for device, pushed in pushes if alert_first else reversed(pushes):
        assert push_one(client, device, pushed)["status"] == "accepted"
    assert db.session.get(Alert, uuid.UUID(item["id"])).closed_at is None


def test_an_alert_and_its_report_in_one_batch_leave_the_alert_closed(client, world, login):
    field = login("field.a")
    item = alert_item()
    response = push(client, field, [push_item(encounter_body(world), item["body"]["encounter_id"]), item])
    assert [r["status"] for r in response.get_json()["results"]] == ["accepted", "accepted"]
    assert db.session.get(Alert, uuid.UUID(item["id"])).closed_at is not None


def test_an_alert_arriving_after_its_report_is_stored_closed(client, world, login):
    field, liaison = login("field.a"), login("liaison.a")
    encounter_id = str(uuid.uuid4())
    push_one(client, field, push_item(encounter_body(world), encounter_id))
    item = alert_item(alert_body(encounter_id=encounter_id))
    assert push_one(client, field, item)["status"] == "accepted"
    assert client.get(f"{ALERTS}/{item['id']}", headers=liaison.headers).get_json()["state"] == "closed"


def test_a_bad_state_filter_is_a_clear_422(client, world, login):
    response = client.get(f"{ALERTS}?state=maybe", headers=login("liaison.a").headers)
    assert response.status_code == 422 and response.get_json()["code"] == 422
