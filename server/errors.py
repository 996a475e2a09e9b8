"""One JSON shape for every error: ``{code, message, description, errors?, error_codes?, reason?}``.

Why one module: a client (the PWA's sync engine above all) must tell "fix and resend"
(4xx) from "resend later" (503 with Retry-After) from "sign in again" (401 with a
reason) without parsing prose. Nothing reaches a client as an HTML error page.
"""
import logging
import traceback

from flask import Flask, current_app, jsonify
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError
from werkzeug.exceptions import ClientDisconnected, HTTPException, InternalServerError
from werkzeug.http import HTTP_STATUS_CODES

import sync
from server.db_guard import described
from server.field_codes import codes_or_none

log = logging.getLogger(__name__)


class ApiError(HTTPException):
    """An HTTP error with a machine-readable reason and optional field errors."""

    def __init__(self, code: int, message: str, *, reason: str | None = None,
                 errors: dict | None = None, headers: dict | None = None, schema=None, data=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.reason = reason
        self.errors = errors
        self.extra_headers = headers or {}
        # The schema that refused and what it was given: the codes of its messages (server/field_codes.py).
        self.schema, self.data = schema, data


def error_response(code: int, message: str, *, reason=None, errors=None, headers=None, schema=None, data=None):
    """Build the one error shape as a Flask response.

    ``error_codes`` (server/field_codes.py) is made here, the one place every field message passes, from the
    messages and, for a schema's refusal, the ``schema`` and the ``data`` it was given.
    """
    body = {"code": code, "message": message, "description": HTTP_STATUS_CODES.get(code, "Error")}
    from server.ops.logs import current_request_id

    if current_request_id():
        body["request_id"] = current_request_id()  # the operator finds this request's log lines by it
    if reason:
        body["reason"] = reason
    if errors:
        body["errors"] = errors
        codes = codes_or_none(errors, schema, data)  # a refusal must never become a 500 for want of its codes
        if codes:
            body["error_codes"] = codes
    response = jsonify(body)
    response.status_code = code
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _http(exc: HTTPException):
    """Answer any HTTP exception (ours, werkzeug's, flask-smorest's, flask-limiter's) in the one shape."""
    if isinstance(exc, ApiError):
        return error_response(exc.code, exc.message, reason=exc.reason, errors=exc.errors, headers=exc.extra_headers,
                              schema=exc.schema, data=exc.data)
    if isinstance(exc, ClientDisconnected):  # werkzeug's word for a body read that failed
        cause = exc.__cause__ or exc.__context__
        return _read_timeout(cause) if isinstance(cause, TimeoutError) else _unreadable_body(exc)
    errors = schema = sent = None
    data = getattr(exc, "data", None) or {}
    if isinstance(data, dict) and "messages" in data:
        # webargs/flask-smorest: {"json": {...}} — keep the location so the client knows where.
        errors, schema = data["messages"], data.get("schema")
        sent = getattr(getattr(exc, "exc", None), "data", None)  # webargs keeps the ValidationError there
    message = exc.description if isinstance(exc.description, str) else HTTP_STATUS_CODES.get(exc.code, "Error")
    if exc.code == 413:
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        message = f"the request body is larger than the limit of {limit} bytes"
    headers = {}
    if exc.code == 429:
        message = f"too many requests: {exc.description}; wait and try again"
        limit = getattr(getattr(exc, "limit", None), "limit", None)
        headers["Retry-After"] = str(limit.get_expiry() if limit is not None else 60)
    response = exc.get_response()
    for name in ("Retry-After", "WWW-Authenticate", "Allow"):
        if name in response.headers:
            headers[name] = response.headers[name]
    return error_response(exc.code or 500, message, errors=errors, headers=headers, schema=schema, data=sent)


def _unavailable(exc: Exception):
    """A transient database failure: nothing was stored; resend after a pause."""
    # A store error already says what it is in those terms (server/sync_store.py raises it with ``described``).
    log.warning("database unavailable: %s", described(exc) if isinstance(exc, DBAPIError) else exc)
    retry = str(current_app.config.get("RETRY_AFTER_SECONDS", 5))
    return error_response(503, "the database is unavailable; nothing from this request was stored, resend it later",
                          reason="store_unavailable", headers={"Retry-After": retry})


def _integrity(exc: IntegrityError):
    """A write that collided with stored data; the transaction was rolled back."""
    log.warning("integrity error: %s", described(exc))
    return error_response(409, "the request conflicts with stored data; nothing from it was stored", reason="integrity")


def _data(exc: DataError):
    """A value the database cannot hold slipped past validation: a 400, never a 500."""
    log.warning("data error: %s", described(exc))
    return error_response(400, "the request holds a value the database cannot store; nothing from it was stored",
                          reason="unstorable_value")


def _unreadable_body(exc: Exception):
    """The body could not be read (bad chunk size, missing terminator, cut mid-way): a 400, never a 500."""
    log.warning("unreadable request body: %r", exc)
    return error_response(400, "the request body is malformed or was cut off; nothing from it was stored, send it again",
                          reason="malformed_body")


def _read_timeout(exc: TimeoutError):
    """The client stopped sending its body: free the worker and say so."""
    log.warning("request body read timed out: %s", exc)
    return error_response(408, "the request body stopped arriving; nothing from it was stored, send it again",
                          reason="body_timeout")


def _sync(exc: sync.SyncError):
    """Map the protocol's exceptions to statuses."""
    if isinstance(exc, sync.StoreUnavailable):
        return _unavailable(exc)
    code = 413 if isinstance(exc, sync.BatchTooLarge) else 400
    return error_response(code, str(exc), reason=type(exc).__name__)


def _internal(exc: Exception):
    """Log an unexpected failure and answer in the one shape without leaking internals."""
    if isinstance(exc, HTTPException) and not isinstance(exc, InternalServerError):
        return _http(exc)
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return _unavailable(exc)
    if isinstance(exc, DBAPIError):  # its message may quote values (``described``): the stack, not the words
        log.error("unhandled database error: %s\n%s", described(exc), "".join(traceback.format_tb(exc.__traceback__)))
    else:
        log.exception("unhandled error")
    return error_response(500, "an unexpected error occurred; it has been logged")


def init_app(app: Flask) -> None:
    """Register the handlers; called after flask-smorest so ours replace its shape."""
    app.register_error_handler(HTTPException, _http)
    app.register_error_handler(OperationalError, _unavailable)
    app.register_error_handler(IntegrityError, _integrity)
    app.register_error_handler(DataError, _data)
    app.register_error_handler(sync.SyncError, _sync)
    app.register_error_handler(TimeoutError, _read_timeout)
    try:  # gunicorn's chunked-body errors surface while the app reads the body
        from gunicorn.http.errors import NoMoreData, ParseException
    except ImportError:  # pragma: no cover - gunicorn is a dependency; other servers raise werkzeug's 400
        pass
    else:
        app.register_error_handler(ParseException, _unreadable_body)
        app.register_error_handler(NoMoreData, _unreadable_body)
    from server.access import RoleForbidden

    app.register_error_handler(RoleForbidden, lambda exc: error_response(403, str(exc), reason=exc.reason))
    app.register_error_handler(Exception, _internal)
