"""Two app hosts (separate gunicorn processes and instance folders, one SECRET_KEY) sharing PostgreSQL,
Redis and object storage, as the README's production section lays them out.

PostgreSQL only: SQLite is the one-host embedded database.
"""
import hashlib
import os
import random
import subprocess
import sys
import uuid
from urllib.parse import urlsplit

import pytest

from bench import common
from bench.reports import push_batch

PASSWORD = "two-hosts"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/2")
PHOTO = b"%PDF-1.4\n" + b"a document photographed at the Central Library " * 500


def _required(what: str):
    """Fail on CI, skip elsewhere: the layout cannot be tested without ``what``."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required on CI for the two-host tests")
    pytest.skip(f"{what} is not available")


@pytest.fixture(scope="module")
def redis_url():
    """The Redis database shared by both hosts for rate limits, emptied first."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.RedisError:
        _required(f"Redis at {REDIS_URL}")
    return REDIS_URL


@pytest.fixture(scope="module")
def hosts(database_urls, seaweed, redis_url, tmp_path_factory):
    """Two gunicorn app servers on one PostgreSQL database (migrated and seeded), Redis and one bucket."""
    if "postgresql" not in database_urls:
        _required("PostgreSQL (TEST_DATABASE_URL)")
    parts = urlsplit(database_urls["postgresql"])
    url = parts._replace(path=parts.path + "_hosts").geturl()  # a database of its own
    common.reset_postgres(url)
    bucket = f"hosts-{uuid.uuid4().hex[:10]}"
    seaweed.client().create_bucket(Bucket=bucket)
    shared = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "one-secret-for-every-host",
              "RATELIMIT_STORAGE_URI": redis_url, "LOGIN_RATE_LIMIT": "4 per minute", "PYTHONUNBUFFERED": "1",
              **{k: str(v) for k, v in seaweed.settings(bucket).items()}}
    envs = []
    for name in ("host-a", "host-b"):
        instance = tmp_path_factory.mktemp(name)
        envs.append({**shared, "INSTANCE_PATH": str(instance)})
    common.prepare(envs[0], PASSWORD)
    servers = [common.Gunicorn(env, 1, tmp_path_factory.getbasetemp() / f"{i}-gunicorn.log") for i, env in enumerate(envs)]
    started = []
    try:
        for server in servers:
            started.append(server.__enter__())
        yield started
    finally:
        for server in started:
            server.__exit__(None, None, None)


def sign_in(server, username: str) -> dict:
    """Sign a new device in on one host."""
    return common.sign_in(server.port, username, PASSWORD)


def test_a_report_pushed_through_one_host_is_known_to_the_other_and_its_news_pulls_through_the_first(hosts):
    a, b = hosts
    field = sign_in(a, "field.lapl")
    version, sites = common.pull_reference(a.port, field["token"])
    body = push_batch(random.Random(1), field["device_id"], version, sites, 1)

    first = common.request(a.port, "POST", "/api/v1/sync/push", _json(body), field["token"])
    again = common.request(b.port, "POST", "/api/v1/sync/push", _json(body), field["token"])

    assert first[0] == 200 and first[1]["results"][0]["status"] == "accepted"
    assert again[0] == 200 and again[1]["results"][0]["status"] == "duplicate"
    assert again[1]["results"][0]["receipt"] == first[1]["results"][0]["receipt"]
    report_id = first[1]["results"][0]["id"]
    liaison = sign_in(b, "liaison.lapl")
    cursor = _drain(a, field["token"])
    moved = common.request(b.port, "POST", f"/api/v1/reports/{report_id}/status", {"to": "acknowledged"},
                           liaison["token"])
    assert moved[0] == 200, moved
    news = _changes_after(a, field["token"], cursor)
    assert any(c["kind"] == "report_status" and c["data"]["report_id"] == report_id for c in news)


def test_a_photo_uploaded_through_one_host_is_read_through_the_other(hosts):
    a, b = hosts
    field = sign_in(a, "field.lapl")
    digest = hashlib.sha256(PHOTO).hexdigest()

    stored = _put(a, f"/api/v1/blobs/{digest}", PHOTO, field["token"])
    read = _get(b, f"/api/v1/blobs/{digest}", field["token"])

    assert stored == 201
    assert read == PHOTO


def test_failed_sign_ins_are_counted_once_across_both_hosts(hosts, redis_url):
    import redis

    redis.Redis.from_url(redis_url).flushdb()  # a fresh window: the other tests signed in from this address too
    a, b = hosts
    wrong = {"username": "field.rap", "password": "not-it", "device_id": str(uuid.uuid4())}
    statuses = [common.request(host.port, "POST", "/api/v1/auth/login", wrong)[0] for host in (a, b, a, b)]
    fifth = common.request(b.port, "POST", "/api/v1/auth/login", {**wrong, "password": PASSWORD})

    assert statuses == [401, 401, 401, 401]
    assert fifth[0] == 429  # each host alone would have allowed it (4 per minute each)


def test_the_retention_purge_runs_on_both_hosts_at_once_without_double_work_or_error(hosts):
    # PLACEHOLDER for the retention engineer's `flask purge` (issue 15 asks for it on both hosts at
    # once): when the command exists, run it on both hosts together and check each row is purged once.
    probe = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "purge", "--help"], cwd=common.ROOT,
                           env=hosts[0].env, capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip("`flask purge` is not on this branch yet (retention); this test is its place")
    runs = [subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "purge"], cwd=common.ROOT,
                             env=host.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for host in hosts]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs


def _json(raw: bytes) -> dict:
    import orjson

    return orjson.loads(raw)


def _drain(host, token: str) -> str:
    """Pull to the end; return the cursor."""
    cursor = None
    while True:
        query = f"&cursor={cursor}" if cursor else ""
        status, page = common.request(host.port, "GET", f"/api/v1/sync/pull?limit=500{query}", token=token)
        assert status == 200, page
        cursor = page["cursor"]
        if not page["has_more"]:
            return cursor


def _changes_after(host, token: str, cursor: str) -> list[dict]:
    """The changes after ``cursor`` (once the pull horizon has passed them)."""
    import time

    deadline = time.monotonic() + 20
    while True:
        status, page = common.request(host.port, "GET", f"/api/v1/sync/pull?limit=500&cursor={cursor}", token=token)
        assert status == 200, page
        if page["changes"] or time.monotonic() > deadline:
            return page["changes"]
        time.sleep(0.2)


def _put(host, path: str, data: bytes, token: str) -> int:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", host.port, timeout=30)
    conn.request("PUT", path, data, {"Authorization": f"Bearer {token}", "Content-Type": "application/octet-stream"})
    status = conn.getresponse().status
    conn.close()
    return status


def _get(host, path: str, token: str) -> bytes | None:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", host.port, timeout=30)
    conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return data if response.status == 200 else None
