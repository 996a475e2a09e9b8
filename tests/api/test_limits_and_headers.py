"""Per-device limits on push and upload (429 in the error shape, with Retry-After), and HSTS behind TLS only."""
import hashlib
import os

import pytest

from server import create_app
from server.extensions import limiter
from tests.factories import encounter_body, push, push_item

REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


def photo(n: int) -> bytes:
    """A distinct small JPEG-looking file (the type is sniffed from its first bytes)."""
    return b"\xff\xd8\xff\xe0" + str(n).encode() * 50


def upload(client, device, n: int):
    data = photo(n)
    return client.put(f"/api/v1/blobs/{hashlib.sha256(data).hexdigest()}", data=data, headers=device.headers,
                      content_type="image/jpeg")


def push_one(client, world, device):
    return push(client, device, [push_item(encounter_body(world))])


CALLS = {"PUSH_RATE_LIMIT": lambda client, world, device, n: push_one(client, world, device),
         "UPLOAD_RATE_LIMIT": lambda client, world, device, n: upload(client, device, n)}


def assert_too_many(response) -> None:
    assert response.status_code == 429, response.get_data(as_text=True)[:300]
    error = response.get_json()
    assert error["code"] == 429 and error["description"] == "Too Many Requests" and "wait" in error["message"]
    assert 0 < int(response.headers["Retry-After"]) <= 60


@pytest.mark.parametrize("setting", list(CALLS))
def test_a_device_over_its_push_or_upload_limit_gets_429_with_retry_after_and_other_devices_do_not(
        app, client, world, login, monkeypatch, setting):
    monkeypatch.setitem(app.config, setting, "3 per minute")
    mine, other = login("field.a"), login("field.a")  # one user, two phones: counted apart
    call = CALLS[setting]
    assert [call(client, world, mine, n).status_code // 100 for n in range(3)] == [2, 2, 2]
    assert_too_many(call(client, world, mine, 3))
    assert call(client, world, other, 4).status_code // 100 == 2



def test_the_in_memory_count_starts_no_thread_per_hit_and_still_expires(monkeypatch):
    import threading
    import time

    from limits import parse
    from limits.storage import storage_from_string
    from limits.strategies import FixedWindowRateLimiter

    storage = storage_from_string("memory://")
    started = []
    monkeypatch.setattr(threading.Timer, "start", lambda timer: started.append(timer))
    window = FixedWindowRateLimiter(storage)
    limit = parse("5 per second")
    hits = [window.hit(limit, "device:x") for _ in range(7)]
    for _ in range(20):  # hits spaced past the library's 10 ms timer, as pushes are
        time.sleep(0.015)
        window.hit(limit, "device:y")
    assert hits == [True] * 5 + [False] * 2
    assert len(started) <= 1
    time.sleep(1.05)
    assert window.hit(limit, "device:x")  # the window ended: counted afresh without a sweep

def test_the_per_device_count_is_shared_by_every_worker_through_redis(app, backend, world, login):
    """Two apps (as two workers or hosts would be) on one Redis count one device's pushes once."""
    if backend != "sqlite":
        pytest.skip("the count lives in Redis; one database backend is enough")
    settings = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "SECRET_KEY": "test",
                "RATELIMIT_STORAGE_URI": REDIS, "PUSH_RATE_LIMIT": "2 per minute"}
    apps = [create_app(settings), create_app(settings)]
    device = login("field.a")
    try:
        with apps[0].app_context():
            limiter.reset()
    except Exception as exc:  # noqa: BLE001 - any failure to reach Redis
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required on CI and is not reachable at {REDIS}: {exc}")
        pytest.skip(f"Redis not reachable at {REDIS}")
    statuses = []
    for n in range(3):
        with apps[n % 2].test_client() as other_worker:
            statuses.append(push_one(other_worker, world, device).status_code)
    assert statuses == [200, 200, 429]
    with apps[0].app_context():
        limiter.reset()


@pytest.fixture
def behind_tls_proxy(app):
    """The app as deployed behind one TLS-terminating proxy (TRUSTED_PROXY_HOPS=1)."""
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                       "SECRET_KEY": "test", "RATELIMIT_STORAGE_URI": "memory://", "TRUSTED_PROXY_HOPS": 1})


def test_strict_transport_security_is_sent_when_the_tls_proxy_says_https(behind_tls_proxy):
    response = behind_tls_proxy.test_client().get("/api/v1/health", headers={"X-Forwarded-Proto": "https"})
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_strict_transport_security_is_not_sent_over_plain_http(behind_tls_proxy):
    response = behind_tls_proxy.test_client().get("/api/v1/health", headers={"X-Forwarded-Proto": "http"})
    assert "Strict-Transport-Security" not in response.headers


def test_a_forwarded_https_header_is_ignored_without_a_trusted_proxy(client):
    response = client.get("/api/v1/health", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers
