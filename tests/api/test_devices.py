"""Device administration: GET /admin/devices and POST /admin/devices/<id>/revoke, and the audit trail of devices."""
import uuid
from datetime import datetime

import pytest
from sqlalchemy import select

from server.extensions import db
from server.models import AuditEntry, Device, DeviceToken
from server.schemas.errors import ErrorSchema
from tests.factories import sign_in_via_api

DEVICES = "/api/v1/admin/devices"
ERROR_KEYS = set(ErrorSchema().fields)  # the one shape, as the OpenAPI document declares it


def revoke_url(device_id) -> str:
    """The revoke endpoint of one device."""
    return f"{DEVICES}/{device_id}/revoke"


def assert_error(response, status: int, reason: str | None = None) -> dict:
    """Check the one error shape and return its body."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json
    body = response.get_json()
    assert {"code", "message", "description"} <= set(body) <= ERROR_KEYS, body
    assert body["code"] == status
    if reason is not None:
        assert body.get("reason") == reason, body
    return body


def audit(action: str) -> list[AuditEntry]:
    """Audit entries of one action, oldest first."""
    return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)).all()


def test_admin_lists_every_device_newest_first_with_its_user(client, world, login):
    field = login("field.a")
    liaison = login("liaison.b")
    admin = login("admin")
    response = client.get(DEVICES, headers=admin.headers)
    assert response.status_code == 200
    devices = response.get_json()
    assert [(d["id"], d["username"]) for d in devices] == [
        (admin.device_id, "admin"), (liaison.device_id, "liaison.b"), (field.device_id, "field.a")]
    assert all(d["revoked_at"] is None and d["created_at"] for d in devices)
    assert devices[2]["user_id"] == world.users["field.a"].id


def test_admin_lists_one_users_devices(client, world, login):
    field = login("field.a")
    login("liaison.b")
    response = client.get(DEVICES, query_string={"user_id": world.users["field.a"].id}, headers=login("admin").headers)
    assert [d["id"] for d in response.get_json()] == [field.device_id]


@pytest.mark.parametrize("user_id", ["someone", "9" * 30, "0"])
def test_a_user_id_that_is_no_id_is_refused_not_ignored_or_a_server_error(client, world, login, user_id):
    # Ignored, it would list every device as if that were the user's; too large, SQLite cannot even bind it.
    login("field.a")
    response = client.get(DEVICES, query_string={"user_id": user_id}, headers=login("admin").headers)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert "user_id" in response.get_json()["errors"]["query"]


def test_admin_revokes_a_device_and_every_token_on_it_stops_working_at_once(client, world, login):
    phone = login("field.a")
    phone_again = login("field.a", device_id=phone.device_id)
    desk = login("field.a")
    admin = login("admin")
    assert_error(client.get("/api/v1/me", headers=phone.headers), 401, "token_revoked")  # ended by the re-sign-in
    for device in (phone_again, desk):
        assert client.get("/api/v1/me", headers=device.headers).status_code == 200

    response = client.post(revoke_url(phone.device_id), headers=admin.headers)

    assert response.status_code == 200
    body = response.get_json()
    assert body["id"] == phone.device_id
    assert datetime.fromisoformat(body["revoked_at"])
    for device in (phone, phone_again):
        assert_error(client.get("/api/v1/me", headers=device.headers), 401, "device_revoked")
        assert_error(client.get("/api/v1/sync/pull", headers=device.headers), 401, "device_revoked")
    assert client.get("/api/v1/me", headers=desk.headers).status_code == 200
    assert client.get(DEVICES, headers=admin.headers).status_code == 200
    tokens = db.session.scalars(select(DeviceToken).where(DeviceToken.device_id == uuid.UUID(phone.device_id))).all()
    assert len(tokens) == 2 and all(t.revoked_at is not None for t in tokens)
    stored = db.session.get(Device, uuid.UUID(phone.device_id))
    assert stored.revoked_by == world.users["admin"].id
    [entry] = audit("device.revoke")
    assert (entry.actor_id, entry.entity_type, entry.entity_id) == (world.users["admin"].id, "device", phone.device_id)
    assert entry.device_id == uuid.UUID(admin.device_id)


def test_revoked_device_shows_as_revoked_in_the_list(client, world, login):
    phone, admin = login("field.a"), login("admin")
    client.post(revoke_url(phone.device_id), headers=admin.headers)
    listed = {d["id"]: d for d in client.get(DEVICES, headers=admin.headers).get_json()}
    assert listed[phone.device_id]["revoked_at"] is not None
    assert listed[admin.device_id]["revoked_at"] is None


def test_revoking_a_revoked_device_again_changes_nothing_and_audits_once(client, world, login):
    phone, admin = login("field.a"), login("admin")
    first = client.post(revoke_url(phone.device_id), headers=admin.headers).get_json()
    again = client.post(revoke_url(phone.device_id), headers=admin.headers)
    assert again.status_code == 200
    assert again.get_json()["revoked_at"] == first["revoked_at"]
    assert len(audit("device.revoke")) == 1


@pytest.mark.parametrize("username", ["field.a", "liaison.a", "trainer", "mayor"])
def test_roles_other_than_admin_may_not_list_devices(client, world, login, username):
    device = login(username)
    assert_error(client.get(DEVICES, headers=device.headers), 403, "forbidden_role")
    assert_error(client.get(DEVICES, query_string={"user_id": "x"}, headers=device.headers), 403, "forbidden_role")


@pytest.mark.parametrize("username", ["field.a", "liaison.a", "trainer", "mayor"])
def test_roles_other_than_admin_may_not_revoke_a_device(client, world, login, username):
    target = login("field.a2")
    device = login(username)
    for device_id in (target.device_id, device.device_id):
        assert_error(client.post(revoke_url(device_id), headers=device.headers), 403, "forbidden_role")
    assert db.session.scalars(select(Device).where(Device.revoked_at.is_not(None))).all() == []
    assert client.get("/api/v1/me", headers=target.headers).status_code == 200
    assert audit("device.revoke") == []


def test_revoking_an_unknown_device_answers_404(client, world, login):
    admin = login("admin")
    assert_error(client.post(revoke_url(uuid.uuid4()), headers=admin.headers), 404)
    assert audit("device.revoke") == []


def test_revoking_a_malformed_device_id_answers_404(client, world, login):
    admin = login("admin")
    assert_error(client.post(revoke_url("not-a-uuid"), headers=admin.headers), 404)


@pytest.mark.parametrize("method, path", [("get", DEVICES), ("post", revoke_url(uuid.uuid4()))])
def test_device_administration_needs_a_token(client, world, method, path):
    assert_error(getattr(client, method)(path), 401, "token_missing")


def test_sign_in_sign_out_and_revoke_are_all_in_the_audit_log(client, world, login):
    admin = login("admin")
    phone = login("field.a")
    assert client.post("/api/v1/auth/logout", headers=phone.headers).status_code == 204
    client.post(revoke_url(phone.device_id), headers=admin.headers)

    field_id, admin_id = world.users["field.a"].id, world.users["admin"].id
    device = uuid.UUID(phone.device_id)
    trail = [(e.action, e.actor_id, e.device_id, e.entity_id) for e in db.session.scalars(
        select(AuditEntry).where(AuditEntry.action.in_(["auth.sign_in", "auth.sign_out", "device.revoke"]))
        .order_by(AuditEntry.id))]
    assert trail == [
        ("auth.sign_in", admin_id, uuid.UUID(admin.device_id), str(admin_id)),
        ("auth.sign_in", field_id, device, str(field_id)),
        ("auth.sign_out", field_id, device, str(field_id)),
        ("device.revoke", admin_id, uuid.UUID(admin.device_id), phone.device_id),
    ]
    assert all(e.at is not None for e in db.session.scalars(select(AuditEntry)))


# --- device names -----------------------------------------------------------------------------
# A name is typed text (120 characters, any client): it reaches the admin's list and the desk's audit tables.
TELLING = "Maria Lopez undocumented A123456789"


def name_of(device_id: str) -> str:
    db.session.expire_all()
    return db.session.get(Device, uuid.UUID(device_id)).name


def listed_names(client, admin) -> list:
    response = client.get(DEVICES, headers=admin.headers)
    assert response.status_code == 200, response.get_json()
    return [d["name"] for d in response.get_json()]


def all_audit_details() -> str:
    return str([e.details for e in db.session.scalars(select(AuditEntry))])


def test_a_device_name_the_door_would_stop_is_not_kept_nor_audited_and_the_sign_in_goes_on(client, world, login):
    phone = sign_in_via_api(client, "field.a", device_name=TELLING)

    assert name_of(phone.device_id) == ""  # the admin's list shows the device by its id
    [registered] = audit("device.register")
    assert registered.details == {"named": False, "reason": "sensitive_text"}
    assert "undocumented" not in all_audit_details() and "A123456789" not in all_audit_details()
    assert TELLING not in listed_names(client, login("admin"))
    assert client.get("/api/v1/me", headers=phone.headers).status_code == 200


def test_a_device_name_is_kept_and_the_audit_says_only_that_it_has_one(client, world, login):
    phone = sign_in_via_api(client, "field.a", device_name="Chrome · Android")

    assert name_of(phone.device_id) == "Chrome · Android"
    assert audit("device.register")[0].details == {"named": True}
    assert "Chrome" not in all_audit_details()


def test_a_rename_on_a_later_sign_in_is_audited_without_the_words(client, world, login):
    device_id = str(uuid.uuid4())
    for name in ("Chrome · Android", "Chrome · Android", "Firefox · Android", TELLING):
        phone = sign_in_via_api(client, "field.a", device_id=device_id, device_name=name)
        client.post("/api/v1/auth/logout", headers=phone.headers)

    assert name_of(device_id) == ""
    assert [e.details for e in audit("device.rename")] == [{"named": True}, {"named": False, "reason": "sensitive_text"}]
    assert all(e.entity_id == device_id and e.actor_id == world.users["field.a"].id for e in audit("device.rename"))
    assert "Firefox" not in all_audit_details() and "A123456789" not in all_audit_details()


def test_a_name_kept_before_the_door_checked_goes_at_the_next_sign_in_without_one(client, world, login):
    device_id = str(uuid.uuid4())
    sign_in_via_api(client, "field.a", device_id=device_id, device_name="Chrome · Android")
    db.session.get(Device, uuid.UUID(device_id)).name = TELLING  # as stored before this check
    db.session.commit()

    sign_in_via_api(client, "field.a", device_id=device_id)  # an older client sends no name

    assert name_of(device_id) == ""
    assert [e.details for e in audit("device.rename")] == [{"named": False, "reason": "sensitive_text"}]
