"""Server processes for the concurrency and crash tests, started with multiprocessing's 'spawn' context.

Each function runs in a fresh interpreter, builds its own app with ``create_app`` (its
own engine and connections; no migrations, no truncation: the test's fixtures did
that) and pushes through its own test client. Nothing but the database is shared with
the test process, as with two gunicorn workers. Results go to JSON files because a
process that is made to die cannot be trusted to flush a queue.
"""
import json
import os
import time
from pathlib import Path

# A sabotaged process exits with this code at its crash point; any other code means it
# never got there (or failed on the way), and the test says so.
CRASHED = 77
PUSH = "/api/v1/sync/push"


def _client(url: str):
    """Build an app on ``url`` the way a worker would, and return its test client."""
    from server import create_app

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "test",
                      "RATELIMIT_STORAGE_URI": "memory://"})
    return app, app.test_client()


def race(url: str, token: str, device_id: str, items: list, barrier, out: str) -> None:
    """Push each item alone, meeting the other racer at ``barrier`` before every push; write what came back."""
    _, client = _client(url)
    headers = {"Authorization": f"Bearer {token}"}
    # Connect and warm up before the race, so the first round is not decided by start-up.
    client.get("/api/v1/sync/pull", query_string={"limit": 1}, headers=headers)
    rounds = []
    for item in items:
        barrier.wait(timeout=30)
        started = time.monotonic()
        response = client.post(PUSH, headers=headers, json={"protocol": 1, "device_id": device_id, "items": [item]})
        rounds.append({"id": item["id"], "started": started, "ended": time.monotonic(),
                       "status_code": response.status_code, "body": response.get_json(silent=True)})
    Path(out).write_text(json.dumps(rounds))


def push_and_die(url: str, token: str, device_id: str, items: list, point: str, marker: str) -> None:
    """Push ``items`` with the store sabotaged to kill this process at ``point`` (see ``_sabotage``)."""
    app, client = _client(url)
    _sabotage(point, marker)
    response = client.post(PUSH, headers={"Authorization": f"Bearer {token}"},
                           json={"protocol": 1, "device_id": device_id, "items": items})
    # Reaching this line means the sabotage never fired: leave the answer for the test to show.
    Path(marker).write_text(json.dumps({"survived": True, "status_code": response.status_code}))


def _sabotage(point: str, marker: str) -> None:
    """Make the push path end the process (``os._exit``: no rollback, no clean-up, like SIGKILL) at ``point``.

    ``after_encounters``: the encounters are inserted, no step result yet.
    ``before_audit``: encounters and step results inserted, no audit row yet.
    ``before_commit``: every row of the batch inserted, COMMIT not sent.
    ``after_commit``: COMMIT done, no answer sent to the client.
    Before dying it writes what its own transaction (or, after commit, the database) holds.
    """
    import server.sync_store as store

    def die():
        Path(marker).write_text(json.dumps({"point": point, **_counts()}))
        os._exit(CRASHED)

    if point in ("after_encounters", "before_audit"):
        # Die when the store is about to write step results (after_encounters) or audit rows (before_audit).
        victim = "StepResult" if point == "after_encounters" else "AuditEntry"
        real_rows = store.SqlStore._insert_rows

        def insert_rows(model, rows):
            if model.__name__ == victim:
                die()
            real_rows(model, rows)

        store.SqlStore._insert_rows = staticmethod(insert_rows)
    elif point == "before_commit":
        # SQLite inserts table by table; PostgreSQL writes the batch in one statement (_push_encounters).
        for name in ("_insert_encounters", "_push_encounters"):
            real = getattr(store.SqlStore, name)
            setattr(store.SqlStore, name,
                    lambda self, *args, _real=real, **kwargs: (_real(self, *args, **kwargs), die())[0])
    elif point == "after_commit":
        real = store.SqlStore.store_items
        store.SqlStore.store_items = lambda self, *args, **kwargs: (real(self, *args, **kwargs), die())[0]
    else:
        raise ValueError(f"unknown crash point {point!r}")


def _counts() -> dict:
    """Count the rows a push writes, as this process's session sees them (its own uncommitted rows included)."""
    from sqlalchemy import func, select

    from server.extensions import db
    from server.models import AuditEntry, Encounter, StepResult

    def count(model, *where):
        return db.session.scalar(select(func.count()).select_from(model).where(*where))

    return {"encounters": count(Encounter), "steps": count(StepResult),
            "audit": count(AuditEntry, AuditEntry.action == "encounter.receive")}
