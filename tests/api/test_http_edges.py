"""What a real gunicorn answers to broken HTTP: always the JSON error shape, never a 500 or an HTML page.

Raw sockets, because a well-behaved client cannot send a bad chunk size, a chunk without
its terminator or a body cut mid-way; gunicorn with gunicorn.conf.py, as deployed.
"""
import hashlib
import json
import socket
import time

import pytest

READ_TIMEOUT = 2
PUSH = "/api/v1/sync/push"


@pytest.fixture
def server(backend, gunicorn):
    """The app under gunicorn, with a short body read timeout (on SQLite: HTTP parsing is the same on both)."""
    if backend != "sqlite":
        pytest.skip("request parsing does not depend on the database; one backend is enough")
    return gunicorn(REQUEST_READ_TIMEOUT=READ_TIMEOUT)


@pytest.fixture
def field(world, login):
    return login("field.a")


def send(port: int, raw: bytes, *, half_close: bool = False, timeout: float = 30) -> tuple[int, dict, float]:
    """Write raw bytes, read the answer to the end; return (status, JSON body, seconds taken)."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(raw)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:])
    assert headers["content-type"].startswith("application/json"), data[:300]
    return int(lines[0].split()[1]), json.loads(body), time.monotonic() - started


def chunked(method: str, path: str, headers: dict, content_type: str) -> bytes:
    """The head of a chunked request."""
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Transfer-Encoding: chunked",
             f"Content-Type: {content_type}", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    return "\r\n".join(lines).encode()


def targets(field) -> list[tuple[bytes, bytes]]:
    """The head of a chunked push and of a chunked photo upload, and a body each."""
    photo = b"\xff\xd8\xff\xe0" + b"0" * 200
    push = json.dumps({"protocol": 1, "device_id": field.device_id, "items": []}).encode()
    return [(chunked("POST", PUSH, field.headers, "application/json"), push),
            (chunked("PUT", f"/api/v1/blobs/{hashlib.sha256(photo).hexdigest()}", field.headers, "image/jpeg"), photo)]


BROKEN = {
    "bad chunk size": lambda body: b"zz\r\n" + body + b"\r\n0\r\n\r\n",
    "missing terminator": lambda body: b"%x\r\n" % len(body) + body + b"XX0\r\n\r\n",
    "cut mid-body": lambda body: b"%x\r\n" % (len(body) + 100) + body,
}


@pytest.mark.parametrize("kind", list(BROKEN))
@pytest.mark.parametrize("target", ["push", "upload"])
def test_a_malformed_chunked_body_is_a_400_in_the_error_shape(server, field, kind, target):
    head, body = targets(field)[target == "upload"]
    status, error, _ = send(server.port, head + BROKEN[kind](body), half_close=True)
    assert status == 400, error
    assert (error["code"], error.get("reason"), error["description"]) == (400, "malformed_body", "Bad Request"), error


@pytest.mark.parametrize("target", ["push", "upload"])
def test_a_chunk_declared_huge_that_never_arrives_frees_the_worker_after_the_read_timeout(server, field, target):
    head, body = targets(field)[target == "upload"]
    workers = server.worker_pids()
    status, error, took = send(server.port, head + b"7fffffff\r\n" + body[:10])  # then silence, connection open
    assert status == 408 and error["reason"] == "body_timeout", error
    assert took < READ_TIMEOUT + 3
    assert server.worker_pids() == workers
    status, _, _ = send(server.port, b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert status == 200


def test_a_request_line_over_the_limit_is_a_414_in_the_error_shape(server):
    status, error, _ = send(server.port, b"GET /api/v1/health?q=" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    assert status == 414
    assert error["code"] == 414 and error["description"] and error["message"]


def test_a_well_formed_chunked_push_is_still_accepted(server, field):
    head, body = targets(field)[0]
    status, answer, _ = send(server.port, head + b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n")
    assert status == 200 and answer["results"] == [], answer


def test_the_server_opens_no_control_socket_that_other_servers_on_the_host_would_share(backend, gunicorn, tmp_path):
    """gunicorn 25.1+ would open one at $XDG_RUNTIME_DIR/gunicorn.ctl, the same path for every server of the user."""
    if backend != "sqlite":
        pytest.skip("the server's start does not depend on the database; one backend is enough")
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    server = gunicorn(XDG_RUNTIME_DIR=str(runtime), HOME=str(tmp_path))
    status, _, _ = send(server.port, b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert status == 200
    assert not (runtime / "gunicorn.ctl").exists()
    assert not (tmp_path / ".gunicorn").exists()
