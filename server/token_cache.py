"""Token lookups cached per worker for ``AUTH_CACHE_SECONDS`` (push and pull speed).

Every API request used to join device_tokens, devices and users (a statement, and often a
connection checkout with its ping, ~0.4 ms of CPU: a third of an empty pull). Each worker now
keeps the row it read under the token's digest for a few seconds. What the row says is still
judged on every request (revoked, expired to the second, user disabled), only its reading is
reused.

How promptly a change takes effect:
- made through this process's session (sign-out, sign-in, revoking a device or its tokens,
  disabling a user, a wipe, a test's update): at once, because any write to ``users``,
  ``devices`` or ``device_tokens`` through the ORM empties this worker's cache when it flushes
  and again when it commits;
- made by another worker or host (or by hand in SQL): within ``AUTH_CACHE_SECONDS`` (default 5),
  when the entry is read again. ``AUTH_CACHE_SECONDS=0`` turns the cache off.
"""
import time

from sqlalchemy import event
from sqlalchemy.orm import Session

_ENTRIES: dict[tuple, tuple[float, list]] = {}
_MAX_ENTRIES = 20_000  # one per token in use on this worker; emptied when full
_WATCHED = frozenset({"users", "devices", "device_tokens"})


def get(key: tuple, ttl: float) -> list | None:
    """The row cached under ``key`` if read less than ``ttl`` seconds ago."""
    held = _ENTRIES.get(key)
    if held is None or time.monotonic() - held[0] >= ttl:
        return None
    return held[1]


def put(key: tuple, row: list) -> None:
    """Keep ``row`` (a list, so the caller may update the device's last contact in place)."""
    if len(_ENTRIES) >= _MAX_ENTRIES:
        _ENTRIES.clear()
    _ENTRIES[key] = (time.monotonic(), row)


def clear() -> None:
    """Forget every cached lookup of this worker."""
    _ENTRIES.clear()


def _touches_auth(tables) -> bool:
    return any(getattr(table, "name", None) in _WATCHED for table in tables)


@event.listens_for(Session, "after_flush")
def _after_flush(session, _context) -> None:
    changed = (type(obj).__table__ for obj in (*session.new, *session.dirty, *session.deleted)
               if hasattr(type(obj), "__table__"))
    if _touches_auth(changed):
        session.info["auth_changed"] = True
        clear()


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state) -> None:
    if state.execution_options.get("auth_neutral"):  # a device's last contact: no fact about sign-in changes
        return
    if (state.is_update or state.is_delete or state.is_insert) and _touches_auth([state.statement.table]):
        state.session.info["auth_changed"] = True
        clear()


@event.listens_for(Session, "after_commit")
def _after_commit(session) -> None:
    # Again after COMMIT: a concurrent request of this process may have re-read the old row meanwhile.
    if session.info.pop("auth_changed", False):
        clear()


@event.listens_for(Session, "after_rollback")
def _after_rollback(session) -> None:
    session.info.pop("auth_changed", None)
