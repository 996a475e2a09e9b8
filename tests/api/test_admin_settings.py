"""The administrator's "This server" page: the settings in effect, values only, for admins alone."""
from datetime import datetime, timezone
from uuid import UUID

import pytest
from sqlalchemy import update

from server.extensions import db
from server.models import AuditEntry, Encounter
from tests.factories import encounter_body, push, push_item

URL = "/api/v1/admin/settings"
# Planted in every secret setting: none may appear anywhere in the answer.
SECRETS = {"SECRET_KEY": "planted-secret-key-4711", "OIDC_CLIENT_SECRET": "planted-client-secret-4712",
           "VAPID_PRIVATE_KEY": "planted-vapid-private-4713", "BLOB_S3_SECRET_KEY": "planted-s3-secret-4714",
           "METRICS_TOKEN": "planted-metrics-token-4715",
           "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://el:planted-db-password-4716@db.internal/el"}


def _configure(app):
    app.config.update(RETENTION_CLOSED_DAYS=45, RETENTION_OPEN_DAYS=200, DEVICE_WIPE_AFTER_DAYS=21,
                      PHONE_DRAFT_DAYS=9, OIDC_ISSUER="https://ops:planted-issuer-password-4717@login.lacity.example/realms/city?x=1",
                      OIDC_CLIENT_ID="encounter-log", OIDC_ROLE_MAP="liaison-a=liaison:A",
                      LOCAL_PASSWORDS=False, LOCAL_PASSWORD_USERS=["breakglass"],
                      LOGIN_RATE_LIMIT="7 per minute; 50 per day", VAPID_PUBLIC_KEY="public-key",
                      VAPID_SUBJECT="mailto:it@lacity.example")


def test_an_admin_reads_the_settings_in_effect_and_no_secret(app, client, world, login):
    admin = login("admin")  # signed in before the planted SECRET_KEY, which would end the token
    field = login("field.a")
    ids = [push_item(encounter_body(world))["id"] for _ in range(3)]
    assert push(client, field, [push_item(encounter_body(world), i) for i in ids]).status_code == 200
    db.session.execute(update(Encounter).where(Encounter.id.in_([UUID(i) for i in ids[:2]])).values(legal_hold=True))
    erased_at = datetime(2026, 11, 30, 3, 15, tzinfo=timezone.utc)
    db.session.add(AuditEntry(action="retention.erase", entity_type="encounter", entity_id=ids[2], at=erased_at))
    db.session.commit()
    _configure(app)
    app.config.update(SECRETS)

    response = client.get(URL, headers=admin.headers)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["retention"] == {"closed_days": 45, "open_days": 200, "on_legal_hold": 2, "last_run_at": None,
                                 "last_erased_at": "2026-11-30T03:15:00+00:00"}
    assert body["phones"] == {"wipe_after_days": 21, "draft_days": 9}
    assert body["sign_in"] == {"sso": True, "oidc_issuer": "https://login.lacity.example/realms/city",
                               "local_passwords": False, "break_glass_users": 1,
                               "login_rate_limit": [{"count": 7, "seconds": 60}, {"count": 50, "seconds": 86400}]}
    assert body["web_push"] is True
    assert body["publication"] == {"suppress_below": 5}
    for secret in [*SECRETS.values(), "planted-db-password-4716", "planted-issuer-password-4717"]:
        assert secret not in response.get_data(as_text=True)


def test_a_server_without_sso_push_or_any_erasure_says_so(app, client, world, login):
    app.config.update(OIDC_ISSUER=None, VAPID_PRIVATE_KEY=None, VAPID_PUBLIC_KEY="p", VAPID_SUBJECT="mailto:x@y.example")
    body = client.get(URL, headers=login("admin").headers).get_json()
    assert body["sign_in"]["sso"] is False and body["sign_in"]["oidc_issuer"] is None
    # A public key and subject but no private key: nothing can be sent.
    assert body["sign_in"]["local_passwords"] is True and body["web_push"] is False
    assert body["retention"]["on_legal_hold"] == 0 and body["retention"]["last_erased_at"] is None
    assert body["retention"]["last_run_at"] is None
    assert body["retention"]["closed_days"] == app.config["RETENTION_CLOSED_DAYS"]


@pytest.mark.parametrize("role", ["liaison.a", "trainer", "mayor", "field.a"])
def test_only_an_admin_reads_the_server_settings(client, world, login, role):
    response = client.get(URL, headers=login(role).headers)
    assert response.status_code == 403 and response.get_json()["reason"] == "forbidden_role"
    assert "retention" not in response.get_json()
