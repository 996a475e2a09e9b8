"""A request id for every request, sent back as ``X-Request-Id`` (and in every error body), and JSON logs carrying it.

The client may send its own ``X-Request-Id`` (letters, digits, '-', '_', '.', up to 64) so one id follows a
request through a proxy; otherwise the server makes one. Logs are one JSON object a line on stderr
(``LOG_FORMAT=json``, the default; ``text`` for a terminal), with one access line per request.
"""
import logging
import re
import sys
import time
import uuid

from flask import Flask, g, has_request_context, request
from pythonjsonlogger.json import JsonFormatter

HEADER = "X-Request-Id"
_VALID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
access = logging.getLogger("server.access")


def current_request_id() -> str | None:
    """The id of the request being served, or None outside a request."""
    return g.get("request_id") if has_request_context() else None


class RequestIdFilter(logging.Filter):
    """Put the request id (or '-') on every log record."""

    def filter(self, record):
        record.request_id = current_request_id() or "-"
        return True


def _begin():
    given = request.headers.get(HEADER, "")
    g.request_id = given if _VALID.match(given) else uuid.uuid4().hex
    g.log_started = time.perf_counter()


def _end(response):
    response.headers[HEADER] = current_request_id() or ""
    started = g.pop("log_started", None)
    if started is not None:
        principal = g.get("principal")
        access.info("request", extra={
            "method": request.method, "path": request.path, "status": response.status_code,
            "ms": round((time.perf_counter() - started) * 1000, 1), "endpoint": request.endpoint,
            "user_id": getattr(principal, "user_id", None), "remote_addr": request.remote_addr})
    return response


def configure(app: Flask) -> None:
    """Send the ``server`` loggers to stderr as JSON (once per process), and register the request hooks."""
    app.before_request(_begin)
    app.after_request(_end)
    fmt = app.config.get("LOG_FORMAT", "json")
    root = logging.getLogger("server")
    if fmt == "off" or getattr(root, "_encounter_log_configured", False):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RequestIdFilter())
    if fmt == "json":
        handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
                                           rename_fields={"asctime": "time", "levelname": "level", "name": "logger"}))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    root._encounter_log_configured = True
