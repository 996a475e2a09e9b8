"""Web Push to desk browsers: subscriptions kept per endpoint, an encrypted message per alert or P1 report,
readable only with the subscriber's own keys, to the right people, and a gone subscription forgotten."""
import base64
import json
import os
import uuid

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import func, select

from server import webpush
from server.extensions import db
from server.models import PushSubscription
from tests.api.alerts_support import alert_item, push_one
from tests.api.reports_support import QUIET
from tests.factories import encounter_body, push_item

SUBSCRIPTIONS = "/api/v1/push-subscriptions"


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class Browser:
    """A subscriber's own keys, as a browser's PushManager makes them."""

    def __init__(self, push_service):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)
        self.endpoint = f"{push_service.url}/push/{uuid.uuid4()}"

    def subscription(self) -> dict:
        public = self.key.public_key().public_bytes(serialization.Encoding.X962,
                                                    serialization.PublicFormat.UncompressedPoint)
        return {"endpoint": self.endpoint, "expirationTime": None, "keys": {"p256dh": _b64(public), "auth": _b64(self.auth)}}

    def decrypt(self, body: bytes) -> dict:
        return json.loads(http_ece.decrypt(body, private_key=self.key, auth_secret=self.auth, version="aes128gcm"))


@pytest.fixture
def vapid(app):
    """Web Push configured with a fresh key pair; plain-http endpoints allowed for the loopback push service."""
    private, public = webpush.generate_keys()
    app.config.update(VAPID_PRIVATE_KEY=private, VAPID_PUBLIC_KEY=public, VAPID_SUBJECT="mailto:desk@example.org",
                      WEBPUSH_ALLOW_HTTP=True)
    return public


def _subscribe(client, device, browser):
    response = client.post(SUBSCRIPTIONS, headers=device.headers, json=browser.subscription())
    assert response.status_code == 201, response.get_data(as_text=True)


def _delivered(push_service) -> list[dict]:
    webpush.drain()
    found = []
    while not push_service.received.empty():
        found.append(push_service.received.get())
    return found


def test_the_key_is_served_only_when_web_push_is_configured(app, client, world, login):
    """Without push the answer is a null key, not a 404: the desk asks on every load, and browsers log a 404."""
    liaison = login("liaison.a")
    app.config.update(VAPID_PRIVATE_KEY=None, VAPID_PUBLIC_KEY=None)
    off = client.get(f"{SUBSCRIPTIONS}/key", headers=liaison.headers)
    assert (off.status_code, off.get_json()) == (200, {"public_key": None})
    private, public = webpush.generate_keys()
    app.config.update(VAPID_PRIVATE_KEY=private, VAPID_PUBLIC_KEY=public, VAPID_SUBJECT="mailto:desk@example.org")
    assert client.get(f"{SUBSCRIPTIONS}/key", headers=liaison.headers).get_json() == {"public_key": public}


def test_a_subscription_is_kept_once_per_endpoint_and_forgotten_on_delete(client, world, login, vapid, push_service):
    liaison = login("liaison.a")
    browser = Browser(push_service)
    _subscribe(client, liaison, browser)
    _subscribe(client, liaison, browser)
    assert db.session.scalar(select(func.count()).select_from(PushSubscription)) == 1
    response = client.delete(SUBSCRIPTIONS, headers=liaison.headers, json={"endpoint": browser.endpoint})
    assert response.status_code == 204
    assert db.session.scalar(select(func.count()).select_from(PushSubscription)) == 0


def test_field_employees_and_trainers_may_not_subscribe(client, world, login, vapid, push_service):
    for username in ("field.a", "trainer"):
        response = client.post(SUBSCRIPTIONS, headers=login(username).headers, json=Browser(push_service).subscription())
        assert response.status_code == 403


def test_a_role_that_may_not_subscribe_is_offered_no_key_rather_than_refused(client, world, login, vapid):
    """An administrator opens the queue too: a 403 on its key question was a console error on every visit."""
    for username in ("admin", "trainer", "field.a"):
        answer = client.get(f"{SUBSCRIPTIONS}/key", headers=login(username).headers)
        assert (answer.status_code, answer.get_json()) == (200, {"public_key": None}), username
    assert client.get(f"{SUBSCRIPTIONS}/key", headers=login("mayor").headers).get_json()["public_key"]


def test_a_subscription_without_keys_is_a_clear_422(client, world, login, vapid, push_service):
    response = client.post(SUBSCRIPTIONS, headers=login("liaison.a").headers,
                           json={"endpoint": Browser(push_service).endpoint})
    assert response.status_code == 422 and "keys" in json.dumps(response.get_json()["errors"])


def test_a_plain_http_endpoint_is_refused_unless_allowed(app, client, world, login, vapid, push_service):
    app.config["WEBPUSH_ALLOW_HTTP"] = False
    response = client.post(SUBSCRIPTIONS, headers=login("liaison.a").headers, json=Browser(push_service).subscription())
    assert response.status_code == 422 and response.get_json()["reason"] == "invalid_subscription"
    assert response.get_json()["error_codes"]["endpoint"] == [{"code": "url", "params": {}}]


def test_an_alert_is_pushed_encrypted_to_its_departments_liaison_and_the_mayors_office_only(
        client, world, login, vapid, push_service):
    own, other, mayor = Browser(push_service), Browser(push_service), Browser(push_service)
    _subscribe(client, login("liaison.a"), own)
    _subscribe(client, login("liaison.b"), other)
    _subscribe(client, login("mayor"), mayor)
    item = alert_item()
    assert push_one(client, login("field.a"), item)["status"] == "accepted"
    messages = {m["path"]: m for m in _delivered(push_service)}
    paths = {browser.endpoint.removeprefix(push_service.url): browser for browser in (own, other, mayor)}
    assert {paths[p] for p in messages} == {own, mayor}
    for path, message in messages.items():
        assert message["headers"]["content-encoding"] == "aes128gcm"
        assert message["headers"]["authorization"].startswith("vapid t=") and f"k={vapid}" in \
            message["headers"]["authorization"]
        assert item["body"]["site"].encode() not in message["body"]  # encrypted on the wire
        assert paths[path].decrypt(message["body"]) == {"kind": "alert", "id": item["id"], "url": "/#/desk/queue"}
    with pytest.raises(Exception):
        other.decrypt(next(iter(messages.values()))["body"])  # another subscriber's keys cannot read it


def test_a_new_p1_report_is_pushed_and_a_quiet_one_is_not(client, world, login, vapid, push_service):
    browser = Browser(push_service)
    _subscribe(client, login("liaison.a"), browser)
    field = login("field.a")
    push_one(client, field, push_item(encounter_body(world, **QUIET)))
    assert _delivered(push_service) == []
    report_id = str(uuid.uuid4())
    push_one(client, field, push_item(encounter_body(world), report_id))
    [message] = _delivered(push_service)
    assert browser.decrypt(message["body"]) == {"kind": "report", "id": report_id,
                                                "url": f"/#/desk/report/{report_id}"}


@pytest.mark.parametrize("status", [404, 410])
def test_a_subscription_the_push_service_says_is_gone_is_deleted_and_the_push_still_succeeds(
        client, world, login, vapid, push_service, status):
    _subscribe(client, login("liaison.a"), Browser(push_service))
    push_service.status = status
    assert push_one(client, login("field.a"), alert_item())["status"] == "accepted"
    assert len(_delivered(push_service)) == 1
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(PushSubscription)) == 0


def test_a_push_service_that_fails_keeps_the_subscription_and_the_push_succeeds(
        client, world, login, vapid, push_service):
    _subscribe(client, login("liaison.a"), Browser(push_service))
    push_service.status = 500
    assert push_one(client, login("field.a"), alert_item())["status"] == "accepted"
    assert len(_delivered(push_service)) == 1
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(PushSubscription)) == 1


def test_a_desk_that_signed_out_hears_nothing(client, world, login, vapid, push_service):
    liaison = login("liaison.a")
    _subscribe(client, liaison, Browser(push_service))
    assert client.post("/api/v1/auth/logout", headers=liaison.headers).status_code in (200, 204)
    assert push_one(client, login("field.a"), alert_item())["status"] == "accepted"
    assert _delivered(push_service) == []


def test_a_desk_revoked_with_wipe_hears_nothing_while_its_wipe_is_pending(client, world, login, vapid, push_service):
    # A lost laptop revoked with wipe keeps its token for pushing what it holds; it must not keep
    # hearing of every alert and P1 report of the department until it comes back.
    liaison = login("liaison.a")
    _subscribe(client, liaison, Browser(push_service))
    admin = login("admin")
    answer = client.post(f"/api/v1/admin/devices/{liaison.device_id}/revoke", json={"wipe": True},
                         headers=admin.headers)
    assert answer.status_code == 200
    assert push_one(client, login("field.a"), alert_item())["status"] == "accepted"
    assert _delivered(push_service) == []
