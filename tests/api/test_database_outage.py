"""A database that refuses, resets or goes silent is a 503 with Retry-After within seconds, and no worker dies.

The app runs under a real gunicorn (one worker) whose DATABASE_URL goes through a TCP
proxy the test switches (tests/api/_procs/proxy.py). Settings are shortened so the test
is quick; the bound asserted is the one they promise: connect timeout plus deadline.
"""
import json
import time
from urllib.parse import urlsplit

import pytest

from tests.api._procs.proxy import TcpProxy
from tests.api.conftest import http_call

CONNECT_TIMEOUT = 1
STATEMENT_TIMEOUT_MS = 1000
# A pooled connection's ping (connect timeout) fails, then one new connect (connect timeout) fails.
BOUND = 2 * CONNECT_TIMEOUT + 4


@pytest.fixture
def outage(app, backend, world, login, gunicorn):
    """The app under gunicorn with its database behind a switchable proxy; yields (proxy, server, headers)."""
    if backend != "postgresql":
        pytest.skip("bounded network waits are PostgreSQL's: SQLite is a local file")
    url = urlsplit(app.config["SQLALCHEMY_DATABASE_URI"])
    proxy = TcpProxy((url.hostname, url.port or 5432))
    device = login("field.a")
    proxied = url._replace(netloc=f"{url.username}@127.0.0.1:{proxy.port}").geturl()
    server = gunicorn(DATABASE_URL=proxied, DATABASE_CONNECT_TIMEOUT=CONNECT_TIMEOUT,
                      DATABASE_STATEMENT_TIMEOUT_MS=STATEMENT_TIMEOUT_MS, RETRY_AFTER_SECONDS=7)
    try:
        yield proxy, server, device
    finally:
        proxy.close()


def _pull(server, headers):
    """A pull: it reads the token and the change log, so it needs the database."""
    started = time.monotonic()
    answer = http_call(server.port, "GET", "/api/v1/sync/pull?limit=1", headers=headers, timeout=60)
    return answer, time.monotonic() - started


@pytest.mark.parametrize("mode", ["drop", "reset", "refuse"])
def test_an_unreachable_or_silent_database_is_a_503_with_retry_after_within_seconds_and_no_worker_dies(outage, mode):
    proxy, server, device = outage
    headers = device.headers
    workers = server.worker_pids()
    answer, _ = _pull(server, headers)
    assert answer.status == 200, answer.body  # a pooled connection is now open through the proxy

    proxy.set_mode(mode)
    for attempt in range(2):  # the pooled connection goes first, then a new one is tried
        answer, took = _pull(server, headers)
        assert answer.status == 503, answer.body
        assert took < BOUND, f"{mode}: attempt {attempt} took {took:.1f} s"
        assert answer.headers["retry-after"] == "7"
        error = json.loads(answer.body)
        assert error["code"] == 503 and error["reason"] == "store_unavailable" and error["description"]

    proxy.set_mode("pass")
    answer, _ = _pull(server, headers)
    assert answer.status == 200, answer.body
    assert server.worker_pids() == workers, "a worker was killed and replaced"
    assert "WORKER TIMEOUT" not in server.log_path.read_text()


def test_a_push_while_the_database_is_silent_is_a_503_and_the_same_push_is_accepted_once_it_is_back(outage, world):
    from tests.factories import encounter_body, push_item

    proxy, server, device = outage
    body = json.dumps({"protocol": 1, "device_id": device.device_id,
                       "items": [push_item(encounter_body(world))]}).encode()
    headers = {**device.headers, "Content-Type": "application/json"}
    assert _pull(server, device.headers)[0].status == 200
    proxy.set_mode("drop")
    started = time.monotonic()
    answer = http_call(server.port, "POST", "/api/v1/sync/push", headers=headers, body=body, timeout=60)
    assert answer.status == 503, answer.body
    assert time.monotonic() - started < BOUND
    proxy.set_mode("pass")
    answer = http_call(server.port, "POST", "/api/v1/sync/push", headers=headers, body=body)
    assert answer.status == 200 and json.loads(answer.body)["results"][0]["status"] == "accepted", answer.body



def test_a_pooled_connection_the_server_ended_is_replaced_before_a_request_uses_it(app, backend, world, login, gunicorn):
    """No ping for a connection in use a moment ago, unless its socket says the server closed it."""
    if backend != "postgresql":
        pytest.skip("SQLite has no server to end a connection")
    from sqlalchemy import text

    from server.extensions import db

    device = login("field.a")
    server = gunicorn()
    assert _pull(server, device.headers)[0].status == 200  # the worker now holds a pooled connection
    ended = db.session.execute(text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE"
                                    " datname = current_database() AND pid <> pg_backend_pid()")).scalar()
    db.session.rollback()
    assert ended >= 1
    time.sleep(0.2)  # the server's goodbye reaches the worker's socket
    answer, _ = _pull(server, device.headers)
    assert answer.status == 200, answer.body
