"""Fixtures of the API tests that need the app under a real gunicorn (raw sockets, database outages)."""
import http.client
import os
from dataclasses import dataclass

import pytest

from bench.common import Gunicorn


@dataclass
class Answer:
    """What came back over HTTP: status, headers (lower-cased names), raw body."""

    status: int
    headers: dict
    body: bytes


@pytest.fixture
def gunicorn(app, tmp_path):
    """Start the app under gunicorn (gunicorn.conf.py, one worker) on the test's database; stopped at test end.

    Call it with extra environment settings; it returns the running server (``.port``,
    ``.worker_pids()``, ``.log_path``).
    """
    started = []

    def start(workers: int = 1, **settings) -> Gunicorn:
        env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
               "INSTANCE_PATH": str(tmp_path / f"instance-{len(started)}"), "SECRET_KEY": "test",
               "RATELIMIT_STORAGE_URI": "memory://", "PYTHONUNBUFFERED": "1",
               **{name: str(value) for name, value in settings.items()}}
        server = Gunicorn(env, workers, tmp_path / f"gunicorn-{len(started)}.log").__enter__()
        started.append(server)
        return server

    yield start
    for server in started:
        server.__exit__(None, None, None)


def http_call(port: int, method: str, path: str, headers: dict | None = None, body: bytes | None = None,
              timeout: float = 30) -> Answer:
    """One request on a fresh connection; its status, headers and body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body, headers or {})
        response = conn.getresponse()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        conn.close()
