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


@pytest.fixture
def push_service():
    """A loopback HTTP server playing a browser's push service: records each POST, answers ``.status``."""
    import queue
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    received: queue.Queue = queue.Queue()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            received.put({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
            self.send_response(server.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.status = 201
    server.received = received
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def short_streams(app):
    """Streams end after 1 s and replay nothing older, so a test reads a whole stream quickly."""
    app.config.update(EVENTS_STREAM_SECONDS=1, EVENTS_REPLAY_SECONDS=0)
