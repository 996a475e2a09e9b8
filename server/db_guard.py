"""Bounded waits on PostgreSQL, so a database that refuses, resets or goes silent is a 503 in seconds.

Three layers, each for a failure the others miss:
- libpq settings on every connection (``engine_options``): ``connect_timeout`` bounds
  connecting; TCP keepalives and ``tcp_user_timeout`` make the kernel drop a connection
  whose peer vanished (unacknowledged data or unanswered probes); ``statement_timeout``
  makes a live but slow server cancel a statement itself; ``idle_in_transaction_session_timeout``
  ends a session of ours left idle inside a transaction (a stuck thread, a job waiting on something
  else), which would otherwise hold back every phone's pull: the pull horizon is the oldest
  transaction still running anywhere on the server (server/sync_store.py).
- A per-process deadline on every database call (``guard``): a server that accepts bytes
  but never answers (a stalled path the kernel still acknowledges, a hung proxy) escapes
  all of the above. A watchdog thread shuts down the socket of a call past its deadline;
  the driver then fails the call, SQLAlchemy drops the connection, and server/errors.py
  answers 503 with ``Retry-After`` long before gunicorn's ``timeout`` kills the worker.
- A ping on checkout (bounded by the same deadline) replaces connections the server lost,
  whenever there is doubt (``_ping_when_in_doubt``): a connection idle for more than
  ``PING_AFTER_IDLE_SECONDS``, or one whose socket has something to read (a server that
  restarts or ends the session says so and closes). A connection back in the pool a moment
  ago with a quiet socket goes out unpinged: the ping was one round trip of the five to ten
  of a push, and of the two of a pull with nothing new.
"""
import logging
import os
import select
from contextlib import contextmanager
import socket
import threading
import time

from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError

log = logging.getLogger(__name__)
GRACE_SECONDS = 2.0  # a live server cancels at statement_timeout; the client cuts only after this much more
TICK_SECONDS = 0.1


def described(exc: Exception) -> str:
    """A database error as the log may hold it: its kind, SQLSTATE and constraint, never a value.

    ``str(exc)`` carries the statement's parameters (a search's words, a note, a report's body) and the driver's
    message may quote the row (PostgreSQL's "Failing row contains (…)", "Key (…)=(…)"); logs are kept outside
    the purge, so what the City must erase on schedule would stay there.
    """
    orig = getattr(exc, "orig", None) or exc
    diag = getattr(orig, "diag", None)
    parts = [type(orig).__name__]
    sqlstate = getattr(orig, "sqlstate", None)  # psycopg's
    if sqlstate:
        parts.append(f"sqlstate={sqlstate}")
    elif getattr(orig, "sqlite_errorname", None):
        parts.append(f"sqlite={orig.sqlite_errorname}")
    constraint = getattr(diag, "constraint_name", None)
    if constraint:
        parts.append(f"constraint={constraint}")
    return " ".join(parts)


def engine_options(config: dict) -> dict:
    """SQLAlchemy engine options for the configured database: bounded connects and statements on PostgreSQL.

    ``hide_parameters``: an error's text never carries the statement's values (``described``, and any traceback).
    """
    options = {"pool_pre_ping": True, "hide_parameters": True}
    if not config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        return options
    options["pool_pre_ping"] = False  # guard() pings when in doubt instead
    options["connect_args"] = {
        "connect_timeout": config["DATABASE_CONNECT_TIMEOUT"],
        "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 3, "keepalives_count": 3,
        "tcp_user_timeout": config["DATABASE_TCP_USER_TIMEOUT_MS"],
        "options": f"-c statement_timeout={config['DATABASE_STATEMENT_TIMEOUT_MS']}"
                   f" -c idle_in_transaction_session_timeout={config['DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS']}",
    }
    options["pool_timeout"] = config["DATABASE_CONNECT_TIMEOUT"]
    return options


class Watchdog:
    """One thread per process that cuts the connection of any database call past its deadline."""

    def __init__(self):
        self._calls: dict[int, tuple[float, object]] = {}
        self._lock = threading.Lock()
        self._pid = None
        self._suspended = 0

    @contextmanager
    def suspended(self):
        """Time no call inside (migrations: a long index build is work, not a hang)."""
        self._suspended += 1
        try:
            yield
        finally:
            self._suspended -= 1

    def watch(self, dbapi_connection, seconds: float) -> int:
        """Start timing a call on ``dbapi_connection``; return a ticket for ``done``."""
        if self._suspended:
            return 0
        if self._pid != os.getpid():  # first use in this process (gunicorn forks after import)
            self._pid = os.getpid()
            self._calls = {}
            threading.Thread(target=self._run, name="db-watchdog", daemon=True).start()
        ticket = object()
        with self._lock:
            self._calls[id(ticket)] = (time.monotonic() + seconds, dbapi_connection)
        return id(ticket)

    def done(self, ticket: int) -> None:
        """The call returned (or failed): stop timing it."""
        with self._lock:
            self._calls.pop(ticket, None)

    def _run(self) -> None:
        while True:
            time.sleep(TICK_SECONDS)
            now = time.monotonic()
            with self._lock:
                late = [(ticket, conn) for ticket, (deadline, conn) in self._calls.items() if deadline < now]
                for ticket, _ in late:
                    del self._calls[ticket]
            for _, conn in late:
                _cut(conn)


def _cut(dbapi_connection) -> None:
    """Shut down the connection's socket, so the driver's wait for the server ends with an error now."""
    try:
        fd = dbapi_connection.pgconn.socket
        with socket.socket(fileno=os.dup(fd)) as sock:
            sock.shutdown(socket.SHUT_RDWR)
        log.warning("database call past its deadline: connection cut")
    except Exception as exc:  # already closed: nothing left to cut
        log.debug("could not cut a late database connection: %s", exc)


WATCHDOG = Watchdog()


def guard(engine, statement_seconds: float, ping_seconds: float) -> None:
    """Put every call of ``engine``'s dialect on the watchdog: statements, commits, rollbacks and pings."""
    dialect = engine.dialect
    if dialect.name != "postgresql":
        return
    statement_seconds += GRACE_SECONDS
    for name in ("do_execute", "do_executemany", "do_execute_no_params"):
        setattr(dialect, name, _timed(getattr(dialect, name), statement_seconds, lambda cursor: cursor.connection))
    for name in ("do_commit", "do_rollback"):
        setattr(dialect, name, _timed(getattr(dialect, name), statement_seconds, lambda connection: connection))
    dialect.do_ping = _timed(dialect.do_ping, ping_seconds, lambda connection: connection)
    _ping_when_in_doubt(engine)


PING_AFTER_IDLE_SECONDS = 1.0


def _ping_when_in_doubt(engine) -> None:
    """Ping a connection on checkout unless it was in use a moment ago and its socket is quiet."""
    @event.listens_for(engine, "connect")
    @event.listens_for(engine, "checkin")
    def _vouched(_dbapi_connection, record, *_):
        record.info["vouched_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_connection, record, _proxy):
        vouched = record.info.get("vouched_at")
        if vouched is not None and time.monotonic() - vouched < PING_AFTER_IDLE_SECONDS and _quiet(dbapi_connection):
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:  # the pool replaces the connection and tries again
            raise DisconnectionError(f"ping failed: {exc}") from exc


def _quiet(dbapi_connection) -> bool:
    """Nothing to read on an idle connection's socket (a closing server leaves an error and end of file)."""
    try:
        poller = select.poll()
        poller.register(dbapi_connection.pgconn.socket, select.POLLIN | select.POLLPRI)
        return not poller.poll(0)
    except Exception:  # no socket: closed
        return False


def _timed(call, seconds: float, connection_of):
    """Wrap a dialect method so the watchdog cuts its connection after ``seconds``."""
    def timed(first, *args, **kwargs):
        ticket = WATCHDOG.watch(connection_of(first), seconds)
        try:
            return call(first, *args, **kwargs)
        finally:
            WATCHDOG.done(ticket)

    return timed
