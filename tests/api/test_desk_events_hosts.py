"""The live stream under gunicorn as deployed: across app hosts, with and without Redis, beside other requests."""
import http.client
import os
import uuid

import pytest

from bench.common import request, sign_in
from tests.api.alerts_support import EVENTS, alert_body, parse_events
from tests.factories import PASSWORD

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/2")


def _open_stream(port: int, token: str) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", EVENTS, headers={"Authorization": f"Bearer {token}"})
    response = conn.getresponse()
    assert response.status == 200 and response.getheader("Content-Type").startswith("text/event-stream")
    return response


def _read_event(response: http.client.HTTPResponse) -> dict:
    """Read the stream until one whole event arrived."""
    raw = b""
    while not parse_events(raw):
        line = response.fp.readline()
        assert line, "the stream ended before an event arrived"
        raw += line
    return parse_events(raw)[0]


def _push_alert(port: int, device: dict) -> str:
    item = {"id": str(uuid.uuid4()), "kind": "alert", "schema_version": 1, "body": alert_body()}
    status, data = request(port, "POST", "/api/v1/sync/push", {"protocol": 1, "device_id": device["device_id"],
                                                              "items": [item]}, token=device["token"])
    assert status == 200 and data["results"][0]["status"] == "accepted", data
    return item["id"]


def _redis_or_skip() -> str:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {REDIS_URL} is required on CI")
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    return REDIS_URL


@pytest.mark.parametrize("wake", ["poll", "redis"])
def test_an_alert_pushed_to_one_host_reaches_a_stream_open_on_another(gunicorn, world, wake):
    settings = {"EVENTS_REPLAY_SECONDS": 0}
    if wake == "redis":
        settings["REDIS_URL"] = _redis_or_skip()
    desk_host, phone_host = gunicorn(**settings), gunicorn(**settings)
    liaison = sign_in(desk_host.port, "liaison.a", PASSWORD)
    field = sign_in(phone_host.port, "field.a", PASSWORD)
    stream = _open_stream(desk_host.port, liaison["token"])
    alert_id = _push_alert(phone_host.port, field)
    event = _read_event(stream)
    stream.close()
    assert (event["event"], event["data"]["id"]) == ("alert", alert_id)


def test_an_open_stream_leaves_the_worker_serving_other_requests(gunicorn, world):
    server = gunicorn(EVENTS_STREAM_SECONDS=20)
    liaison = sign_in(server.port, "liaison.a", PASSWORD)
    streams = [_open_stream(server.port, liaison["token"]) for _ in range(2)]
    status, _ = request(server.port, "GET", "/api/v1/health", timeout=10)
    assert status == 200
    for stream in streams:
        stream.close()
