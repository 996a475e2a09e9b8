"""The edge between gunicorn and the app: bounded body reads, and gunicorn's own errors in the JSON shape.

Why here: gunicorn parses the request line, the headers and chunked bodies before (or
while) the app runs. What it refuses before the app sees the request (a request line
over ``limit_request_line``, too many headers) it answers itself, by default as an HTML
page; ``gunicorn.conf.py`` installs ``write_json_error`` so those answers are the one
JSON shape too. What fails while the app reads the body (a bad chunk size, a missing
terminator, a body cut off) reaches the app as an exception, which server/errors.py
answers 400. A body read waits on the client at most ``REQUEST_READ_TIMEOUT`` seconds
per read, so a client that declares a huge chunk and goes quiet frees the worker.
"""
import json
import socket

from werkzeug.http import HTTP_STATUS_CODES


def error_body(code: int, message: str, reason: str | None = None) -> bytes:
    """The one error shape as bytes, for answers written outside Flask."""
    body = {"code": code, "message": message, "description": HTTP_STATUS_CODES.get(code, "Error")}
    if reason:
        body["reason"] = reason
    return json.dumps(body).encode()


def write_json_error(sock, status_int: int, reason: str, mesg: str) -> None:
    """Stand-in for ``gunicorn.util.write_error``: the same answer, as the JSON error shape."""
    body = error_body(status_int, mesg or reason, reason="malformed_request")
    head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
            f"Cache-Control: no-store\r\nContent-Length: {len(body)}\r\n\r\n")
    from gunicorn.util import write_nonblock

    write_nonblock(sock, head.encode("latin-1") + body)


def install_json_errors() -> None:
    """Make gunicorn write its own error answers in the JSON shape (called from gunicorn.conf.py)."""
    import gunicorn.util

    gunicorn.util.write_error = write_json_error


def bounded_reads(wsgi_app, timeout: float):
    """Wrap a WSGI app so each read of the request body waits at most ``timeout`` seconds (under gunicorn)."""
    def app(environ, start_response):
        connection = environ.get("gunicorn.socket")
        if isinstance(connection, socket.socket):
            connection.settimeout(timeout)
        return wsgi_app(environ, start_response)

    return app
