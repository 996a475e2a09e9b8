"""Alerts pushed at the same moment on two connections (PostgreSQL: real concurrency)."""
import threading
import uuid

import pytest
from sqlalchemy import func, select

from server.extensions import db
from server.models import Alert, DeskEvent, ItemId
from tests.api.alerts_support import alert_body, alert_item
from tests.factories import encounter_body, push, push_item


def _race(app, jobs):
    """Run each job(client) on its own connection, released together; return their answers in order."""
    barrier = threading.Barrier(len(jobs))
    answers, failures = [None] * len(jobs), []

    def run(slot, job):
        with app.app_context():
            try:
                client = app.test_client()
                barrier.wait(timeout=10)
                answers[slot] = job(client)
            except Exception as exc:  # noqa: BLE001 - raised in the test's thread below
                failures.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(n, job)) for n, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if failures:
        raise failures[0]
    return answers


@pytest.fixture
def postgres_only(backend):
    if backend != "postgresql":
        pytest.skip("real concurrency is PostgreSQL's; SQLite serialises writers")


def test_two_alerts_for_one_encounter_at_once_store_one_and_both_phones_hear_it_arrived(
        app, world, login, postgres_only):
    field = login("field.a")
    body = alert_body()
    items = [alert_item(dict(body)), alert_item(dict(body))]
    answers = _race(app, [lambda client, item=item: push(client, field, [item]) for item in items])
    assert [a.status_code for a in answers] == [200, 200]
    statuses = sorted(a.get_json()["results"][0]["status"] for a in answers)
    assert statuses == ["accepted", "duplicate"]
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Alert)) == 1
    assert db.session.scalar(select(func.count()).select_from(ItemId)) == 1


def test_racing_pushes_with_events_all_commit_each_event_with_its_own_id(app, world, login, postgres_only):
    field, other = login("field.a"), login("field.a2")
    jobs = [lambda client, device=device: push(client, device, [alert_item(), push_item(encounter_body(world))])
            for device in (field, other, field, other)]
    assert [a.status_code for a in _race(app, jobs)] == [200] * 4
    db.session.rollback()
    ids = db.session.scalars(select(DeskEvent.id).order_by(DeskEvent.id)).all()
    assert len(ids) == 8 and len(set(ids)) == 8
