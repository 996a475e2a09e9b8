"""Device sign-in, bearer tokens and who am I: POST /auth/login, POST /auth/logout, GET /me."""
import hashlib
import re
import uuid
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from server.extensions import db
from server.models import AuditEntry, Device, DeviceToken, User
from server.models.types import utcnow
from server.schemas.errors import ErrorSchema
from tests.factories import PASSWORD

LOGIN = "/api/v1/auth/login"
PROTECTED = ["/api/v1/me", "/api/v1/sync/pull"]
ERROR_KEYS = set(ErrorSchema().fields)  # the one shape, as the OpenAPI document declares it


def assert_error(response, status: int, reason: str | None = None) -> dict:
    """Check the one error shape and return its body."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json, response.get_data(as_text=True)
    body = response.get_json()
    assert {"code", "message", "description"} <= set(body) <= ERROR_KEYS, body
    assert body["code"] == status
    assert isinstance(body["message"], str) and body["message"]
    if reason is not None:
        assert body.get("reason") == reason, body
    return body


def error_fields(errors) -> set:
    """Every key named anywhere in a nested ``errors`` object (locations and fields)."""
    if not isinstance(errors, dict):
        return set()
    found = set(errors)
    for value in errors.values():
        found |= error_fields(value)
    return found


def credentials(username: str = "field.a", password: str = PASSWORD, device_id: str | None = None, **extra) -> dict:
    """A login body."""
    return {"username": username, "password": password, "device_id": device_id or str(uuid.uuid4()), **extra}


def bearer(token: str) -> dict:
    """An Authorization header."""
    return {"Authorization": f"Bearer {token}"}


def all_stored_strings():
    """Every string value in every row of every table."""
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(table.select()):
            for value in row:
                yield table.name, str(value)


# --- signing in -------------------------------------------------------------------------------


def test_login_with_right_credentials_returns_a_token_that_expires_after_the_configured_lifetime(
        client, world, app, monkeypatch):
    monkeypatch.setitem(app.config, "TOKEN_LIFETIME_DAYS", 3)
    device_id = str(uuid.uuid4())
    before = utcnow()
    response = client.post(LOGIN, json=credentials(device_id=device_id, device_name="Rosa's phone"))
    after = utcnow()
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert re.fullmatch(r"[A-Za-z0-9_-]{43,}", body["token"])
    expires_at = datetime.fromisoformat(body["expires_at"])
    assert before + timedelta(days=3) <= expires_at <= after + timedelta(days=3)
    assert body["device_id"] == device_id
    assert body["user"] == {"id": world.users["field.a"].id, "username": "field.a", "display_name": "Field.A",
                            "role": "field", "department": {"code": "A", "name": "Department A", "resident_help": None}}


def test_login_issues_a_different_token_every_time(client, world):
    device_id = str(uuid.uuid4())
    tokens = {client.post(LOGIN, json=credentials(device_id=device_id)).get_json()["token"] for _ in range(3)}
    assert len(tokens) == 3


def test_database_holds_only_the_sha256_of_the_token(client, world):
    token = client.post(LOGIN, json=credentials()).get_json()["token"]
    rows = db.session.scalars(select(DeviceToken)).all()
    assert [row.token_hash for row in rows] == [hashlib.sha256(token.encode()).hexdigest()]
    for column in DeviceToken.__table__.columns:
        assert getattr(rows[0], column.key) != token, column.key
    leaks = [table for table, value in all_stored_strings() if token in value]
    assert leaks == []


def _deactivate(username: str) -> None:
    db.session.scalar(select(User).where(User.username == username)).active = False
    db.session.commit()


@pytest.mark.parametrize("username, password, inactive", [
    ("field.a", "wrong password", False),
    ("nobody", PASSWORD, False),
    ("field.a", PASSWORD, True),
], ids=["wrong-password", "unknown-user", "inactive-user"])
def test_login_refuses_bad_credentials_with_401_bad_credentials(client, world, username, password, inactive):
    if inactive:
        _deactivate(username)
    response = client.post(LOGIN, json=credentials(username, password))
    body = assert_error(response, 401, "bad_credentials")
    assert set(body) == {"code", "message", "description", "reason", "request_id"}
    assert db.session.scalars(select(DeviceToken)).all() == []
    assert db.session.scalars(select(Device)).all() == []


def test_login_refusals_do_not_tell_an_unknown_user_from_a_wrong_password_or_a_disabled_account(client, world):
    _deactivate("field.a2")
    bodies = [client.post(LOGIN, json=credentials(name, password)).get_json()
              for name, password in [("nobody", PASSWORD), ("field.a", "wrong"), ("field.a2", PASSWORD)]]
    for body in bodies:
        body.pop("request_id")  # differs per request, by design
    assert bodies[0] == bodies[1] == bodies[2]


def test_login_refusal_carries_a_www_authenticate_challenge(client, world):
    # RFC 9110 §15.5.2: a server generating a 401 MUST send WWW-Authenticate.
    response = client.post(LOGIN, json=credentials(password="wrong"))
    assert response.status_code == 401
    assert response.headers.get("WWW-Authenticate")


def _without(key: str) -> dict:
    body = credentials()
    del body[key]
    return body


BAD_LOGINS = [
    ("missing-username", {"json": _without("username")}, "username"),
    ("missing-password", {"json": _without("password")}, "password"),
    ("missing-device-id", {"json": _without("device_id")}, "device_id"),
    ("username-not-a-string", {"json": credentials(username=5)}, "username"),
    ("password-not-a-string", {"json": credentials(password=["x"])}, "password"),
    ("device-name-null", {"json": credentials(device_name=None)}, "device_name"),
    ("empty-username", {"json": credentials(username="")}, "username"),
    ("overlong-username", {"json": credentials(username="u" * 81)}, "username"),
    ("overlong-device-name", {"json": credentials(device_name="n" * 121)}, "device_name"),
    ("unknown-field", {"json": credentials(role="admin")}, "role"),
    ("device-id-not-a-uuid", {"json": credentials(device_id="not-a-uuid")}, "device_id"),
    ("device-id-a-number", {"json": {**credentials(), "device_id": 5}}, "device_id"),
    ("malformed-json", {"data": '{"username": "field.a",', "content_type": "application/json"}, None),
    ("invalid-utf8", {"data": b"\xff\xfe{}", "content_type": "application/json"}, None),
    ("json-array", {"json": [credentials()]}, None),
    ("json-null", {"data": "null", "content_type": "application/json"}, None),
    ("empty-body", {"data": "", "content_type": "application/json"}, None),
    ("form-body", {"data": {"username": "field.a", "password": PASSWORD}}, None),
    ("text-body", {"data": '{"username": "field.a"}', "content_type": "text/plain"}, None),
]


@pytest.mark.parametrize("kwargs, field", [case[1:] for case in BAD_LOGINS], ids=[case[0] for case in BAD_LOGINS])
def test_malformed_login_answers_4xx_in_the_error_shape_naming_the_field(client, world, kwargs, field):
    response = client.post(LOGIN, **kwargs)
    assert 400 <= response.status_code < 500, response.get_data(as_text=True)
    body = assert_error(response, response.status_code)
    if field is not None:
        assert field in error_fields(body.get("errors")), body
    assert db.session.scalars(select(DeviceToken)).all() == []


@pytest.mark.parametrize("field", ["username", "device_name"])
def test_login_refuses_a_nul_character_in_a_text_field_without_a_500(client, world, field):
    # PostgreSQL cannot store or even compare text containing NUL; a client must get a 4xx, not a 500.
    body = credentials(**{field: "field.a\x00" if field == "username" else "phone\x00"})
    response = client.post(LOGIN, json=body)
    assert 400 <= response.status_code < 500, response.get_data(as_text=True)
    answer = assert_error(response, response.status_code)
    if response.status_code == 422:
        assert field in error_fields(answer.get("errors"))


@pytest.mark.parametrize("vary", ["address", "username"])
def test_login_attempt_over_the_rate_limit_gets_429_with_retry_after(client, world, app, monkeypatch, vary):
    """Three attempts per minute, counted per address and per username, so neither can be rotated around."""
    monkeypatch.setitem(app.config, "LOGIN_RATE_LIMIT", "3 per minute")
    for n in range(3):
        address = f"10.0.0.{n + 1}" if vary == "address" else "10.0.0.1"
        username = "field.a" if vary == "address" else f"guess{n}"
        response = client.post(LOGIN, json=credentials(username, "wrong"), environ_base={"REMOTE_ADDR": address})
        assert response.status_code == 401
    address = "10.0.0.9" if vary == "address" else "10.0.0.1"
    # Even the right password is refused once over the limit.
    response = client.post(LOGIN, json=credentials("field.a", PASSWORD), environ_base={"REMOTE_ADDR": address})
    assert_error(response, 429)
    assert int(response.headers["Retry-After"]) > 0
    assert db.session.scalars(select(DeviceToken)).all() == []


def test_login_under_the_rate_limit_is_not_refused(client, world, app, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_RATE_LIMIT", "3 per minute")
    statuses = [client.post(LOGIN, json=credentials()).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]


def test_login_on_a_revoked_device_answers_403_device_revoked(client, world, login):
    device = login("field.a")
    db.session.get(Device, uuid.UUID(device.device_id)).revoked_at = utcnow()
    db.session.commit()
    for username in ("field.a", "field.a2"):
        response = client.post(LOGIN, json=credentials(username, device_id=device.device_id))
        assert_error(response, 403, "device_revoked")
    assert len(db.session.scalars(select(DeviceToken)).all()) == 1


def test_another_user_cannot_take_over_a_device_whose_user_is_signed_in(client, world, login):
    first = login("field.a")
    response = client.post(LOGIN, json=credentials("field.b", device_id=first.device_id))
    assert_error(response, 409, "device_in_use")
    assert client.get("/api/v1/me", headers=first.headers).get_json()["username"] == "field.a"
    assert db.session.get(Device, uuid.UUID(first.device_id)).user_id == world.users["field.a"].id
    assert db.session.scalars(select(AuditEntry).where(AuditEntry.action == "device.rebind_refused")).all()


def test_a_device_changes_hands_once_its_user_signed_out(client, world, login):
    first = login("field.a")
    elsewhere = login("field.a")
    assert client.post("/api/v1/auth/logout", headers=first.headers).status_code == 204
    second = login("field.a2", device_id=first.device_id)
    assert client.get("/api/v1/me", headers=second.headers).get_json()["username"] == "field.a2"
    assert client.get("/api/v1/me", headers=elsewhere.headers).get_json()["username"] == "field.a"
    assert db.session.get(Device, uuid.UUID(first.device_id)).user_id == world.users["field.a2"].id


def test_signing_in_again_on_the_same_device_ends_that_devices_earlier_tokens(client, world, login):
    # An offline sign-out never reached the server: the next sign-in must end the old token.
    first = login("field.a")
    again = login("field.a", device_id=first.device_id)
    assert_error(client.get("/api/v1/me", headers=first.headers), 401, "token_revoked")
    assert client.get("/api/v1/me", headers=again.headers).status_code == 200


# --- token checks -----------------------------------------------------------------------------


def _assert_token_refused(response, reason: str) -> None:
    assert_error(response, 401, reason)
    challenge = response.headers.get("WWW-Authenticate", "")
    assert challenge.startswith("Bearer ") and reason in challenge


@pytest.mark.parametrize("route", PROTECTED)
@pytest.mark.parametrize("headers, reason", [
    ({}, "token_missing"),
    ({"Authorization": ""}, "token_missing"),
    ({"Authorization": "Basic ZmllbGQuYTpwdw=="}, "token_missing"),
    ({"Authorization": "Token abcdef"}, "token_missing"),
    ({"Authorization": "Bearer"}, "token_missing"),
    ({"Authorization": "Bearer not-a-token"}, "token_invalid"),
    ({"Authorization": "Bearer " + "A" * 43}, "token_invalid"),
    ({"Authorization": "Bearer " + "x" * 5000}, "token_invalid"),
], ids=["no-header", "empty-header", "basic-scheme", "other-scheme", "bearer-without-token",
        "garbage", "unknown-token", "huge-token"])
def test_protected_route_refuses_a_missing_or_unknown_token(client, world, route, headers, reason):
    _assert_token_refused(client.get(route, headers=headers), reason)


def _expire(device, client) -> None:
    db.session.scalar(select(DeviceToken)).expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()


def _log_out(device, client) -> None:
    response = client.post("/api/v1/auth/logout", headers=device.headers)
    assert response.status_code == 204
    assert response.get_data() == b""


def _revoke_device(device, client) -> None:
    db.session.get(Device, uuid.UUID(device.device_id)).revoked_at = utcnow()
    db.session.commit()


def _disable_user(device, client) -> None:
    _deactivate(device.username)


SPOILERS = {"token_expired": _expire, "token_revoked": _log_out,
            "device_revoked": _revoke_device, "user_inactive": _disable_user}


@pytest.mark.parametrize("route", PROTECTED)
@pytest.mark.parametrize("reason", list(SPOILERS))
def test_protected_route_refuses_a_token_that_stopped_being_valid(client, world, login, route, reason):
    device = login("field.a")
    assert client.get(route, headers=device.headers).status_code == 200
    SPOILERS[reason](device, client)
    _assert_token_refused(client.get(route, headers=device.headers), reason)


def test_token_works_until_the_moment_it_expires(client, world, login):
    device = login("field.a")
    db.session.scalar(select(DeviceToken)).expires_at = utcnow() + timedelta(minutes=1)
    db.session.commit()
    assert client.get("/api/v1/me", headers=device.headers).status_code == 200


def test_logout_ends_only_that_sign_in(client, world, login):
    phone, desk = login("field.a"), login("field.a")
    assert client.post("/api/v1/auth/logout", headers=phone.headers).status_code == 204
    assert client.get("/api/v1/me", headers=desk.headers).status_code == 200
    _assert_token_refused(client.post("/api/v1/auth/logout", headers=phone.headers), "token_revoked")


def test_logout_needs_a_token(client, world):
    _assert_token_refused(client.post("/api/v1/auth/logout"), "token_missing")


# --- who am I ---------------------------------------------------------------------------------


@pytest.mark.parametrize("username, role, department", [
    ("field.a", "field", "A"),
    ("liaison.b", "liaison", "B"),
    ("trainer.a", "trainer", "A"),
    ("trainer", "trainer", None),
    ("mayor", "mayor_office", None),
    ("admin", "admin", None),
])
def test_me_returns_the_users_role_and_department(client, world, login, username, role, department):
    body = client.get("/api/v1/me", headers=login(username).headers).get_json()
    assert body["username"] == username
    assert body["role"] == role
    expected = {"code": department, "name": f"Department {department}", "resident_help": None} if department else None
    assert body["department"] == expected
    assert not {"password", "password_hash"} & set(body)


def test_a_failed_sign_in_is_audited_with_the_username_tried(client, world):
    response = client.post(LOGIN, json=credentials("field.a", "wrong"), environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert_error(response, 401, "bad_credentials")
    [entry] = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "auth.sign_in_failed")).all()
    assert entry.entity_id == "field.a"
    assert entry.details["address"] == "10.1.2.3"


def test_a_failed_sign_in_under_a_name_no_user_has_keeps_no_trace_of_what_was_typed(client, world):
    """A password typed in the username box must not land in the audit log in the clear."""
    response = client.post(LOGIN, json=credentials("Tr0ub4dor&3", "field.a"), environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert_error(response, 401, "bad_credentials")
    [entry] = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "auth.sign_in_failed")).all()
    assert "Tr0ub4dor" not in f"{entry.entity_id} {entry.details}"
    assert entry.details["address"] == "10.1.2.3"


def test_a_sign_in_refused_for_a_revoked_device_is_audited(client, world, login):
    device = login("field.a")
    db.session.get(Device, uuid.UUID(device.device_id)).revoked_at = utcnow()
    db.session.commit()
    assert_error(client.post(LOGIN, json=credentials("field.a", device_id=device.device_id)), 403, "device_revoked")
    assert db.session.scalars(select(AuditEntry).where(AuditEntry.action == "auth.sign_in_refused")).all()


def test_a_username_without_a_password_is_refused_after_the_same_password_hashing_as_one_no_user_has(
        client, world, monkeypatch):
    """Imported and single sign-on accounts have no password: refused at once (~5 ms, not ~150), they told who exists."""
    import server.auth
    from server.admin.org import NO_PASSWORD

    db.session.add(User(username="imported.a", display_name="Imported", role="field",
                        department_id=world.users["field.a"].department_id, password_hash=NO_PASSWORD, active=True))
    db.session.commit()
    hashed = []
    real = server.auth.check_password_hash
    monkeypatch.setattr(server.auth, "check_password_hash", lambda stored, given: hashed.append(stored) or real(stored, given))

    for username, address in (("nobody.here", "10.9.0.1"), ("imported.a", "10.9.0.2")):
        assert_error(client.post(LOGIN, json=credentials(username, "not-the-password"),
                                 environ_base={"REMOTE_ADDR": address}), 401, "bad_credentials")

    assert len(hashed) == 2, "one sign-in was refused without hashing the password it was given"
    assert hashed[0] == hashed[1], "both were checked against the same stand-in hash"
