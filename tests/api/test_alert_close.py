"""A liaison closes an alert whose report will not come (POST /alerts/<id>/close): scoped, audited, heard live."""
import uuid

import pytest
from sqlalchemy import select

from server.extensions import db
from server.models import Alert, AuditEntry
from tests.api.alerts_support import ALERTS, Stream, alert_item, push_one
from tests.factories import add_user, encounter_body, push_item


def _close(client, who, alert_id, reason="no_report"):
    return client.post(f"{ALERTS}/{alert_id}/close", headers=who.headers, json={"reason": reason})


def test_a_liaison_closes_an_alert_whose_report_will_not_come_and_it_leaves_the_open_list(client, world, login):
    liaison = login("liaison.a")
    item = alert_item()
    push_one(client, login("field.a"), item)
    response = _close(client, liaison, item["id"])
    assert response.status_code == 200, response.get_json()
    closed = response.get_json()
    assert (closed["state"], closed["closed_reason"], closed["report_id"]) == ("closed", "no_report", None)
    assert client.get(ALERTS, headers=liaison.headers).get_json()["alerts"] == []
    listed = client.get(f"{ALERTS}?state=closed", headers=liaison.headers).get_json()["alerts"]
    assert [(a["id"], a["closed_reason"]) for a in listed] == [(item["id"], "no_report")]
    audit = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "alert.close")).all()
    assert [(a.entity_id, a.actor_id, a.details) for a in audit] == \
        [(item["id"], world.users["liaison.a"].id, {"reason": "no_report"})]


def test_closing_again_answers_the_alert_as_it_is_and_writes_nothing(client, world, login):
    liaison = login("liaison.a")
    add_user("liaison.a2", "liaison", world.departments["A"])
    item = alert_item()
    push_one(client, login("field.a"), item)
    first = _close(client, liaison, item["id"], "mistaken").get_json()
    again = _close(client, login("liaison.a2"), item["id"], "duplicate")  # a colleague, a moment later
    assert again.status_code == 200 and again.get_json() == first
    assert db.session.scalar(select(Alert.closed_reason).where(Alert.id == uuid.UUID(item["id"]))) == "mistaken"
    assert len(db.session.scalars(select(AuditEntry).where(AuditEntry.action == "alert.close")).all()) == 1


def test_an_alert_its_report_closed_is_not_closed_again_by_hand(client, world, login):
    field, liaison = login("field.a"), login("liaison.a")
    item = alert_item()
    push_one(client, field, item)
    push_one(client, field, push_item(encounter_body(world), item["body"]["encounter_id"]))
    closed = _close(client, liaison, item["id"]).get_json()
    assert (closed["state"], closed["closed_reason"], closed["report_id"]) == \
        ("closed", None, item["body"]["encounter_id"])


def test_a_report_arriving_after_the_close_is_stored_and_the_alert_stays_closed_by_hand(client, world, login):
    field, liaison = login("field.a"), login("liaison.a")
    item = alert_item()
    push_one(client, field, item)
    _close(client, liaison, item["id"])
    result = push_one(client, field, push_item(encounter_body(world), item["body"]["encounter_id"]))
    assert result["status"] == "accepted"
    alert = client.get(f"{ALERTS}/{item['id']}", headers=liaison.headers).get_json()
    assert (alert["state"], alert["closed_reason"]) == ("closed", "no_report")


@pytest.mark.parametrize("username", ["liaison.b", "mayor", "field.a", "trainer"])
def test_only_a_liaison_of_the_alerts_department_may_close_it_and_another_department_learns_nothing(
        client, world, login, username):
    item = alert_item()
    push_one(client, login("field.a"), item)
    response = _close(client, login(username), item["id"])
    unknown = _close(client, login(username), uuid.uuid4())
    if username == "liaison.b":  # the same answer as for an alert that does not exist
        assert response.status_code == unknown.status_code == 404
        assert response.get_json()["message"] == unknown.get_json()["message"]
    else:
        assert response.status_code == 403
    assert client.get(f"{ALERTS}/{item['id']}", headers=login("liaison.a").headers).get_json()["state"] == "open"


@pytest.mark.parametrize("body", [{}, {"reason": "bored"}, {"reason": "no_report", "note": "Maria"}, {"reason": None}])
def test_a_close_without_a_known_reason_is_refused_and_the_alert_stays_open(client, world, login, body):
    liaison = login("liaison.a")
    item = alert_item()
    push_one(client, login("field.a"), item)
    response = client.post(f"{ALERTS}/{item['id']}/close", headers=liaison.headers, json=body)
    assert response.status_code == 422, response.get_json()
    assert client.get(f"{ALERTS}/{item['id']}", headers=liaison.headers).get_json()["state"] == "open"


def test_open_desks_hear_the_close_as_when_a_report_closes_it(client, world, login, short_streams):
    liaison = login("liaison.a")
    item = alert_item()
    push_one(client, login("field.a"), item)
    stream = Stream(client, liaison)
    _close(client, liaison, item["id"])
    events = stream.next_events()
    stream.close()
    assert [(e["event"], e["data"]["id"], e["data"]["reason"]) for e in events] == \
        [("alert_closed", item["id"], "no_report")]
