"""Devices for the administrator: last contact and app version, revoke with wipe as the phone lives it."""
import uuid

from sqlalchemy import select

from server.extensions import db
from server.models import AuditEntry, Device
from tests.factories import PASSWORD, encounter_body, push, push_item

DEVICES = "/api/v1/admin/devices"


def test_a_device_reports_its_app_version_and_last_contact_to_the_admin(client, world, login):
    phone = login("field.a")
    client.get("/api/v1/me", headers={**phone.headers, "X-App-Version": "abc1234"})
    admin = login("admin")
    user_id = world.users["field.a"].id
    listed = client.get(DEVICES, query_string={"user_id": user_id}, headers=admin.headers).get_json()
    assert [d["id"] for d in listed] == [phone.device_id]
    assert listed[0]["app_version"] == "abc1234" and listed[0]["last_seen_at"]


def test_a_device_revoked_with_wipe_may_still_push_then_is_told_to_wipe_and_says_it_did(client, world, login):
    phone = login("field.a")
    admin = login("admin")
    answer = client.post(f"{DEVICES}/{phone.device_id}/revoke", json={"wipe": True}, headers=admin.headers)
    assert answer.status_code == 200 and answer.get_json()["wipe_requested_at"]

    pushed = push(client, phone, [push_item(encounter_body(world, "A"))])
    assert pushed.status_code == 200 and pushed.get_json()["results"][0]["status"] == "accepted"
    pulled = client.get("/api/v1/sync/pull", headers=phone.headers)
    assert pulled.status_code == 401 and pulled.get_json()["reason"] == "device_wipe"

    assert client.post("/api/v1/device/wiped", headers=phone.headers).status_code == 204
    after = push(client, phone, [push_item(encounter_body(world, "A"))])
    assert after.status_code == 401 and after.get_json()["reason"] == "device_revoked"
    device = db.session.get(Device, uuid.UUID(phone.device_id))
    assert device.wiped_at is not None
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == phone.device_id)).all()
    assert {"device.revoke", "device.wiped"} <= set(actions)


def test_a_plain_revoke_refuses_even_the_push(client, world, login):
    phone = login("field.a")
    client.post(f"{DEVICES}/{phone.device_id}/revoke", headers=login("admin").headers)
    answer = push(client, phone, [push_item(encounter_body(world, "A"))])
    assert answer.status_code == 401 and answer.get_json()["reason"] == "device_revoked"


def test_a_device_not_asked_to_wipe_cannot_claim_it_did(client, world, login):
    phone = login("field.a")
    assert client.post("/api/v1/device/wiped", headers=phone.headers).status_code == 409


def test_sign_in_tells_the_phone_when_to_wipe_itself_without_contact(client, world, app):
    app.config["DEVICE_WIPE_AFTER_DAYS"] = 12
    answer = client.post("/api/v1/auth/login", json={"username": "field.a", "password": "correct horse battery staple",
                                                     "device_id": str(uuid.uuid4())})
    assert answer.get_json()["wipe_after_days"] == 12


def test_a_sign_in_on_a_device_whose_wipe_is_pending_tells_it_to_wipe(client, world, login):
    # Signed out when the wipe was ordered, the phone syncs no more: a sign-in is its only contact left.
    phone = login("field.a")
    assert client.post("/api/v1/auth/logout", headers=phone.headers).status_code == 204
    client.post(f"{DEVICES}/{phone.device_id}/revoke", json={"wipe": True}, headers=login("admin").headers)
    answer = client.post("/api/v1/auth/login", json={"username": "field.a", "password": PASSWORD,
                                                     "device_id": phone.device_id})
    assert answer.status_code == 403 and answer.get_json()["reason"] == "device_wipe"
