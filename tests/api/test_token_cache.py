"""Token lookups cached per worker (server/token_cache.py): how soon an ended sign-in is refused."""
from sqlalchemy import text

from server import token_cache
from server.extensions import db
from tests.factories import sign_in_via_api

PULL = "/api/v1/sync/pull"


def _revoke_elsewhere(device_id: str) -> None:
    """Revoke the device's tokens as another worker or host would: not through this process's session."""
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE device_tokens SET revoked_at = CURRENT_TIMESTAMP WHERE device_id = :d"),
                     {"d": device_id.replace("-", "") if db.engine.dialect.name == "sqlite" else device_id})


def test_a_sign_in_ended_by_another_worker_is_refused_once_the_cached_reading_is_older_than_the_bound(
        client, world, monkeypatch):
    device = sign_in_via_api(client, "field.a")
    now = [1000.0]
    monkeypatch.setattr(token_cache.time, "monotonic", lambda: now[0])
    assert client.get(PULL, headers=device.headers).status_code == 200  # read and cached
    _revoke_elsewhere(device.device_id)
    bound = client.application.config["AUTH_CACHE_SECONDS"]
    now[0] += bound - 0.5
    assert client.get(PULL, headers=device.headers).status_code == 200  # within the documented bound
    now[0] += 0.5
    answer = client.get(PULL, headers=device.headers)
    assert answer.status_code == 401 and answer.get_json()["reason"] == "token_revoked"


def test_a_sign_out_on_this_worker_is_refused_at_once_though_the_token_was_cached(client, world):
    device = sign_in_via_api(client, "field.a")
    assert client.get(PULL, headers=device.headers).status_code == 200
    assert client.post("/api/v1/auth/logout", headers=device.headers).status_code in (200, 204)
    answer = client.get(PULL, headers=device.headers)
    assert answer.status_code == 401 and answer.get_json()["reason"] == "token_revoked"


def test_with_the_cache_off_a_sign_in_ended_elsewhere_is_refused_at_once(client, world, monkeypatch):
    monkeypatch.setitem(client.application.config, "AUTH_CACHE_SECONDS", 0)
    device = sign_in_via_api(client, "field.a")
    assert client.get(PULL, headers=device.headers).status_code == 200
    _revoke_elsewhere(device.device_id)
    assert client.get(PULL, headers=device.headers).status_code == 401
