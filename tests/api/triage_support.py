"""Helpers of the triage tests: reports pushed through the API, triage calls, pulls, error bodies."""
import time
import uuid

import pytest

from sqlalchemy import func, select, text, update

from server.extensions import db
from server.schemas.errors import ErrorSchema
from server.models import AuditEntry, Encounter
from tests.factories import encounter_body, push, push_item
from tests.factories import settle_pull_horizon as settle

ENDPOINTS = ("status", "assign", "notes", "questions", "duplicates", "priority")


@pytest.fixture
def liaison(world, login):
    """Department A's liaison, signed in (import this fixture into a test module to use it)."""
    return login("liaison.a")


@pytest.fixture
def report(client, world, login):
    """A report of department A from field.a; its id."""
    return report_of(client, world, login("field.a"))


def report_of(client, world, device, dept: str = "A", **overrides) -> str:
    """Push one report as ``device`` and return its id (asserting it was accepted)."""
    item = push_item(encounter_body(world, dept, **overrides))
    response = push(client, device, [item])
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.get_json()["results"][0]["status"] == "accepted", response.get_json()
    return item["id"]


def triage(client, device, report_id: str, action: str, body: dict):
    """POST /reports/<id>/<action> as ``device``."""
    return client.post(f"/api/v1/reports/{report_id}/{action}", headers=device.headers, json=body)


def valid_body(action: str, world=None, other_id: str | None = None) -> dict:
    """A body each endpoint accepts as well-formed (whether the change is allowed is another matter)."""
    return {"status": {"to": "acknowledged"},
            "assign": {"user_id": world.users["liaison.a"].id if world else None},
            "notes": {"text": "Called the site lead."},
            "questions": {"text": "Were the agents masked?"},
            "duplicates": {"other_id": other_id or str(uuid.uuid4()), "decision": "same"},
            "priority": {"priority": 1}}[action]


def set_status(report_id: str, status: str) -> None:
    """Put a report in a state directly (to test moves out of every state)."""
    db.session.execute(update(Encounter).where(Encounter.id == uuid.UUID(report_id)).values(status=status))
    db.session.commit()


def stored(report_id: str) -> Encounter:
    """The report as stored now (a fresh read)."""
    db.session.expire_all()
    return db.session.get(Encounter, uuid.UUID(report_id))


def audit_actions(report_id: str) -> list[str]:
    """The audit actions recorded on a report, oldest first."""
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEntry.action).where(
        AuditEntry.entity_type == "encounter", AuditEntry.entity_id == report_id).order_by(AuditEntry.id)))


def count(model, *where) -> int:
    """Count rows of a table."""
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def pulled(client, device, cursor: str = "") -> tuple[list[dict], str]:
    """Pull every change after ``cursor``; return them and the new cursor."""
    settle()
    changes = []
    while True:
        response = client.get("/api/v1/sync/pull", headers=device.headers, query_string={"cursor": cursor})
        assert response.status_code == 200, response.get_data(as_text=True)[:500]
        page = response.get_json()
        changes += page["changes"]
        cursor = page["cursor"]
        if not page["has_more"]:
            return changes, cursor


def personal(changes: list[dict]) -> list[dict]:
    """Only the changes about reports (not the department's sites and checklists)."""
    return [c for c in changes if c["kind"] not in ("site", "checklist_version")]


def assert_error(response, status: int, reason: str | None = None) -> dict:
    """Assert the one JSON error shape with this status (and reason) and return it."""
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/json"
    error = response.get_json()
    assert {"code", "message", "description"} <= set(error) <= set(ErrorSchema().fields)
    assert error["code"] == status and error["message"]
    if reason is not None:
        assert error.get("reason") == reason, error
    return {k: v for k, v in error.items() if k != "request_id"}  # differs per request


def wait_for_lock_waiters(conn, n: int, timeout: float = 20.0) -> None:
    """Wait until ``n`` other sessions of this database wait on a lock."""
    deadline = time.monotonic() + timeout
    while True:
        conn.execute(text("SELECT pg_stat_clear_snapshot()"))  # else the view is read once per transaction
        waiting = conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                    "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")).scalar()
        if waiting >= n:
            return
        assert time.monotonic() < deadline, f"only {waiting} of {n} requests reached the row lock"
        time.sleep(0.02)
