"""The desk's live channel: events written with the push, woken streams, a cap per worker.

Source of truth: ``desk_events``, written in the push's transaction (``write_events``), so every
app host and worker serves the same events and a crash loses none. Event ids are microseconds
since the epoch, strictly increasing in commit order: they are assigned under a lock held until
COMMIT (PostgreSQL: a transaction-level advisory lock; SQLite: its one writer). Time-based ids
leave no count in the gaps, so a liaison cannot learn from them that another department had an
event. A stream (``stream``) reads its scope's events after its position, then sleeps until
woken: at once by a push in the same worker, through Redis pub/sub from other hosts when
``REDIS_URL`` is set, and by a poll of the newest id (``EVENTS_POLL_SECONDS``) in any case.
One watcher thread per worker does the polling and listening, whatever the number of streams.
Each stream ends after ``EVENTS_STREAM_SECONDS``; a worker serves at most ``EVENTS_MAX_STREAMS``
at once (the rest hear 503 and poll), so streams never take every thread of a gthread worker.
"""
import logging
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import orjson
from sqlalchemy import delete, func, insert, select, text

from server.access import visible
from server.extensions import db
from server.models import DeskEvent
from sync.envelope import Principal

log = logging.getLogger(__name__)
CHANNEL = "encounter-log:desk-events"
# What a stream carries: a new alert, an alert its report closed, a new P1 report.
KINDS = ("alert", "alert_closed", "report")
# pg_advisory_xact_lock key that orders desk event ids by commit ("EL" 11).
_LOCK_KEY = 0x454C0B
PAGE = 100
KEEP_DAYS = 7


def _micros(moment: datetime) -> int:
    return int(moment.timestamp() * 1_000_000)


# PostgreSQL: the events in one call of migration 0020's write_desk_events, which takes the lock and
# then, in a query of its own (its snapshot sees every earlier event), continues the ids from the newest
# and drops events older than KEEP_DAYS. Four round trips, then two, were a fifth of a one-report push's
# CPU (bench/push.py, bench/push_cost.py).
_PG_WRITE = text("SELECT write_desk_events(CAST(:rows AS jsonb), :now, :now_micros, :keep_micros, :key)")
_KEEP_MICROS = KEEP_DAYS * 86_400 * 1_000_000


def write_events(news: dict) -> list[dict]:
    """Insert the push's desk events (in the push transaction); return them with their ids."""
    now = datetime.now(timezone.utc)
    events = [{"n": n, "kind": event["kind"], "department_id": event["department_id"], "data": event["data"]}
              for n, event in enumerate(news.values())]
    if db.engine.dialect.name == "postgresql":
        connection = db.session.connection()  # a text statement: the ORM layer would add only CPU
        first = min(connection.execute(_PG_WRITE, {"rows": orjson.dumps(events).decode(), "now": now,
                                                   "now_micros": _micros(now), "keep_micros": _KEEP_MICROS,
                                                   "key": _LOCK_KEY}).scalars())
    else:
        last = db.session.scalar(select(func.max(DeskEvent.id))) or 0
        first = max(last + 1, _micros(now))
        db.session.execute(insert(DeskEvent), [
            {"id": first + e["n"], "kind": e["kind"], "department_id": e["department_id"], "data": e["data"],
             "created_at": now} for e in events])
        # Events are for screens open now and desks reconnecting: a week is plenty (ids are times).
        db.session.execute(delete(DeskEvent).where(DeskEvent.id < first - _KEEP_MICROS))
    return [{"id": first + e.pop("n"), **e, "created_at": now} for e in events]


def format_event(event_id: int, kind: str, data: dict) -> bytes:
    """One Server-Sent Event: id, event kind and JSON data."""
    return b"id: %d\nevent: %s\ndata: %s\n\n" % (event_id, kind.encode(), orjson.dumps(data))


class Wakeups:
    """This worker's wake-up signal for its streams, its watcher thread and its count of open streams."""

    def __init__(self):
        self._cond = threading.Condition()
        self._generation = 0
        self._streams = 0
        self._watched: set[tuple[int, int]] = set()
        self._redis = None

    @property
    def generation(self) -> int:
        """Return how many wake-ups happened so far (a stream waits for a change)."""
        with self._cond:
            return self._generation

    def notify(self) -> None:
        """Wake every stream of this worker."""
        with self._cond:
            self._generation += 1
            self._cond.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """Wait until woken after ``seen`` (or ``timeout`` seconds); return the generation."""
        with self._cond:
            self._cond.wait_for(lambda: self._generation != seen, timeout)
            return self._generation

    def open_stream(self, cap: int) -> bool:
        """Count a new stream in, unless the worker already serves ``cap`` of them."""
        with self._cond:
            if self._streams >= cap:
                return False
            self._streams += 1
            return True

    def close_stream(self) -> None:
        """Count a stream out."""
        with self._cond:
            self._streams -= 1

    @property
    def streams(self) -> int:
        """Return the number of open streams of this worker."""
        with self._cond:
            return self._streams

    def watch(self, app) -> None:
        """Start this process's watcher thread for ``app`` once (again after a fork)."""
        key = (os.getpid(), id(app))
        with self._cond:
            if key in self._watched:
                return
            self._watched.add(key)
        threading.Thread(target=self._watch, args=(app,), name="desk-events-watcher", daemon=True).start()

    def _watch(self, app) -> None:
        """Wake streams when the newest event id changes (poll) or Redis says a push committed elsewhere."""
        poll = app.config["EVENTS_POLL_SECONDS"]
        newest = None
        pubsub = None
        while True:
            try:
                if self.streams == 0:
                    time.sleep(poll)
                    continue
                if app.config.get("REDIS_URL") and pubsub is None:
                    pubsub = _subscribe(app.config["REDIS_URL"])
                if pubsub is not None:
                    if pubsub.get_message(ignore_subscribe_messages=True, timeout=poll):
                        self.notify()
                else:
                    time.sleep(poll)
                with app.app_context():
                    latest = db.session.scalar(select(func.max(DeskEvent.id)))
                    db.session.remove()
                if latest != newest:
                    newest = latest
                    self.notify()
            except Exception:  # a database or Redis outage must not end the watcher; streams re-read every 10 s
                log.warning("desk events watcher: retrying after an error", exc_info=True)
                pubsub = None
                time.sleep(poll)

    def announce(self, app) -> None:
        """After a push committed desk events: wake this worker's streams, and other hosts' through Redis.

        The publish runs on a thread of its own: a Redis that is down never slows the push's answer.
        """
        self.notify()
        url = app.config.get("REDIS_URL")
        if url:
            _publisher.submit(self._publish, url)

    def _publish(self, url: str) -> None:
        """Tell every host's watcher that events were committed (best effort)."""
        try:
            if self._redis is None:
                import redis

                self._redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
            self._redis.publish(CHANNEL, b"1")
        except Exception:  # best effort: the other workers' poll still finds the event
            log.warning("desk events: Redis publish failed", exc_info=True)
            self._redis = None


def _subscribe(url: str):
    """A Redis pub/sub connection listening on the desk events channel."""
    import redis

    pubsub = redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=2).pubsub()
    pubsub.subscribe(CHANNEL)
    return pubsub


_publisher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-events-publish")
wakeups = Wakeups()


def start_position(last_event_id: int | None, replay_seconds: int) -> int:
    """Where a stream starts: after the client's last event, else a short replay window back (ids are times)."""
    if last_event_id is not None:
        return last_event_id
    return _micros(datetime.now(timezone.utc)) - replay_seconds * 1_000_000


def _page(principal: Principal, after: int) -> list[tuple[int, str, dict]]:
    """The principal's next events after ``after``; the connection goes back to the pool at once."""
    try:
        return db.session.execute(select(DeskEvent.id, DeskEvent.kind, DeskEvent.data)
                                  .where(DeskEvent.id > after, visible(DeskEvent, principal))
                                  .order_by(DeskEvent.id).limit(PAGE)).all()
    finally:
        db.session.rollback()


def stream(principal: Principal, after: int, seconds: float, heartbeat: float = 10.0):
    """Yield the stream's bytes: events in scope after ``after`` as they commit, for ``seconds``."""
    deadline = time.monotonic() + seconds
    yield b"retry: 1000\n\n"
    quiet_since = time.monotonic()
    while True:
        seen = wakeups.generation  # before reading: a push committing meanwhile still wakes us
        events = _page(principal, after)
        for event_id, kind, data in events:
            yield format_event(event_id, kind, data)
            after = event_id
        if events:
            quiet_since = time.monotonic()
            if len(events) == PAGE:
                continue
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return
        if time.monotonic() - quiet_since >= heartbeat:
            yield b": keep-alive\n\n"
            quiet_since = time.monotonic()
        wakeups.wait(seen, min(remaining, heartbeat))
