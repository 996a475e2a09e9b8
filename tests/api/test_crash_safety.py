"""Crash safety of push: a server process that dies mid-batch leaves every item whole or absent, and resending heals.

Each crash test starts a real server process (tests/api/_procs/servers.py) whose store
is sabotaged to end the process with ``os._exit`` (no rollback, no clean-up, as a
SIGKILL or a power cut would) at a chosen point of the push transaction. The process
reports, just before dying, how many rows its transaction held, so the test knows the
crash happened mid-write and not before anything was written.
"""
import json
import multiprocessing
import uuid
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from server.extensions import db
from server.models import AuditEntry, Encounter, StepResult
from sync.canonical import content_sha256
from tests.api._procs.servers import CRASHED, push_and_die
from tests.factories import encounter_body, push, push_item

BATCH = 20
STEPS = 14
WHOLE, ABSENT = (1, STEPS, 1), (0, 0, 0)  # (encounter rows, step result rows, audit rows) of one item


# Where the server dies (see tests/api/_procs/servers.py) and what its transaction then holds.
MID_BATCH = {
    "after_encounters": {"encounters": BATCH, "steps": 0, "audit": 0},
    "before_audit": {"encounters": BATCH, "steps": BATCH * STEPS, "audit": 0},
    "before_commit": {"encounters": BATCH, "steps": BATCH * STEPS, "audit": BATCH},
}


@pytest.mark.parametrize("point", list(MID_BATCH))
def test_a_push_killed_mid_batch_leaves_every_item_whole_or_absent_and_a_resend_stores_each_once(
        app, client, world, login, tmp_path, point):
    if point != "before_commit" and app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("PostgreSQL writes a batch's tables in one statement: no moment between them to die in")
    device = login("field.a")
    items = _batch(world)
    ids = [item["id"] for item in items]

    died = _push_in_a_dying_server(app, device, items, point, tmp_path)
    assert died == {"point": point, **MID_BATCH[point]}, "the server did not die where the test meant it to"

    held = _holdings(ids)
    assert {i: h for i, h in held.items() if h not in (WHOLE, ABSENT)} == {}, "an item was left half-stored"
    # One transaction per batch (server/sync_store.py): a death before COMMIT leaves nothing at all.
    assert set(held.values()) == {ABSENT}

    # The next writer gets in (no lock left behind, also on SQLite) and stores each item once.
    resend = push(client, device, items)
    assert resend.status_code == 200, resend.get_json()
    results = resend.get_json()["results"]
    assert [r["status"] for r in results] == ["accepted" if held[i] == ABSENT else "duplicate" for i in ids]
    again = push(client, device, items)
    assert again.status_code == 200, again.get_json()
    assert [r["status"] for r in again.get_json()["results"]] == ["duplicate"] * BATCH
    assert [r["receipt"] for r in again.get_json()["results"]] == [r["receipt"] for r in results]
    assert set(_holdings(ids).values()) == {WHOLE}
    assert _count(Encounter) == BATCH and _count(StepResult) == BATCH * STEPS


def test_a_server_killed_after_commit_before_answering_gets_duplicate_with_the_stored_receipt_on_resend(
        app, client, world, login, tmp_path):
    device = login("field.a")
    items = _batch(world)
    ids = [item["id"] for item in items]

    died = _push_in_a_dying_server(app, device, items, "after_commit", tmp_path)
    assert died == {"point": "after_commit", "encounters": BATCH, "steps": BATCH * STEPS, "audit": BATCH}
    assert set(_holdings(ids).values()) == {WHOLE}
    stored = {str(i): (at, sha) for i, at, sha in
              db.session.execute(select(Encounter.id, Encounter.received_at, Encounter.sha256))}
    db.session.rollback()

    resend = push(client, device, items)
    assert resend.status_code == 200, resend.get_json()
    results = resend.get_json()["results"]
    assert [r["status"] for r in results] == ["duplicate"] * BATCH
    for item, result in zip(items, results):
        at, sha = stored[item["id"]]
        assert result["receipt"]["sha256"] == sha == content_sha256(item["body"])
        assert _parse(result["receipt"]["received_at"]) == _to_millisecond(at)
    again = push(client, device, items).get_json()["results"]
    assert again == results
    assert set(_holdings(ids).values()) == {WHOLE}


def test_a_resend_after_a_lost_answer_gets_duplicate_with_the_original_receipt(client, world, login):
    device = login("field.a")
    items = _batch(world)[:5]
    lost = push(client, device, items)  # the server committed; the answer never reached the phone
    assert lost.status_code == 200
    resend = push(client, device, items)
    assert resend.status_code == 200
    assert [r["status"] for r in resend.get_json()["results"]] == ["duplicate"] * 5
    assert [r["receipt"] for r in resend.get_json()["results"]] == [r["receipt"] for r in lost.get_json()["results"]]
    assert set(_holdings([item["id"] for item in items]).values()) == {WHOLE}


def _batch(world) -> list[dict]:
    """A batch of distinct, valid 14-step reports."""
    return [push_item(encounter_body(world, notes=f"report {n} of the batch")) for n in range(BATCH)]


def _push_in_a_dying_server(app, device, items: list, point: str, tmp_path) -> dict:
    """Push from a separate server process that dies at ``point``; return what it reported before dying."""
    db.session.remove()  # hold no connection, transaction or SQLite lock while the other process writes
    marker = tmp_path / f"{point}.json"
    process = multiprocessing.get_context("spawn").Process(
        target=push_and_die,
        args=(app.config["SQLALCHEMY_DATABASE_URI"], device.token, device.device_id, items, point, str(marker)))
    process.start()
    process.join(60)
    if process.is_alive():
        process.kill()
        process.join(5)
        pytest.fail("the server process neither died nor finished in 60 s")
    report = json.loads(marker.read_text()) if marker.exists() else None
    assert process.exitcode == CRASHED, f"the server process exited with {process.exitcode}, reporting {report}"
    return report


def _holdings(ids: list[str]) -> dict[str, tuple[int, int, int]]:
    """For each item id: how many encounter, step result and audit rows the database holds."""
    uids = [uuid.UUID(i) for i in ids]
    encounters = {str(i) for i in db.session.scalars(select(Encounter.id).where(Encounter.id.in_(uids)))}
    steps = {str(i): n for i, n in db.session.execute(
        select(StepResult.encounter_id, func.count()).where(StepResult.encounter_id.in_(uids))
        .group_by(StepResult.encounter_id))}
    audit = dict(db.session.execute(
        select(AuditEntry.entity_id, func.count())
        .where(AuditEntry.action == "encounter.receive", AuditEntry.entity_id.in_(ids)).group_by(AuditEntry.entity_id)).all())
    db.session.rollback()
    return {i: (int(i in encounters), steps.get(i, 0), audit.get(i, 0)) for i in ids}


def _count(model) -> int:
    """Count rows of a model."""
    return db.session.scalar(select(func.count()).select_from(model))


def _parse(text: str) -> datetime:
    """Parse a receipt's ISO 8601 UTC time."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _to_millisecond(at: datetime) -> datetime:
    """The stored time as a receipt states it: UTC, to the millisecond."""
    at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)
    return at.astimezone(timezone.utc).replace(microsecond=at.microsecond // 1000 * 1000)
