"""A note or question sent twice at once under the desk's id is stored once and both sends are answered with it.

The desk chooses the id once per text (docs/decisions.md, "a retried note or question is stored once"); a
second send racing the first must be answered as a retry is, never ``409 integrity``. Only another report's or
another author's use of the id is refused (``id_taken``).
"""
import threading
import uuid

import pytest
from sqlalchemy import text

import server.reports.triage as triage_domain
from server.extensions import db
from server.models import AuditEntry, ChangeLogEntry, FollowUp, ReportNote
from tests.api.triage_support import liaison, report  # noqa: F401  (fixtures)
from tests.api.triage_support import assert_error, count, report_of, triage, wait_for_lock_waiters
from tests.factories import add_user

# What each endpoint stores, the answer's key, the audit action and the phone's news (none for a note).
KINDS = {"notes": (ReportNote, "note", "triage.note", None),
         "questions": (FollowUp, "followup", "triage.question", "message")}
TEXT = "Did the agents show a warrant signed by a judge?"


def stored_once(kind: str, item_id: str) -> None:
    """One row under the id, one audit entry, and (a question) one message to the reporter's phone."""
    model, _, action, news = KINDS[kind]
    assert count(model) == 1 and count(model, model.id == uuid.UUID(item_id)) == 1
    assert count(AuditEntry, AuditEntry.action == action) == 1
    if news:
        assert count(ChangeLogEntry, ChangeLogEntry.kind == news) == 1


@pytest.fixture
def colleague(world, login):
    """Another liaison of department A, signed in."""
    add_user("liaison.a2", "liaison", world.departments["A"])
    return login("liaison.a2")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("second", ["the same liaison", "a colleague"])
def test_two_sends_of_one_id_at_once_store_it_once_and_only_a_colleagues_is_refused(
        app, login, colleague, report, backend, kind, second):
    """PostgreSQL: both sends miss the id, then both wait (the report's row, which we hold); then they meet."""
    if backend != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs concurrent transactions")
    senders = [login("liaison.a"), colleague if second == "a colleague" else login("liaison.a")]
    item_id = str(uuid.uuid4())
    answers = [None, None]
    db.session.remove()  # the test's own transaction holds nothing while the sends run
    with db.engine.connect() as holder:
        holder.execute(text("SELECT 1 FROM encounters WHERE id = :id FOR UPDATE"), {"id": report})

        def send(n):
            with app.app_context():
                answers[n] = triage(app.test_client(), senders[n], report, kind, {"id": item_id, "text": TEXT})

        threads = [threading.Thread(target=send, args=(n,)) for n in (0, 1)]
        for thread in threads:
            thread.start()
        wait_for_lock_waiters(holder, 2)
        holder.rollback()
    for thread in threads:
        thread.join(30)
    key = KINDS[kind][1]
    if second == "the same liaison":
        assert [a.status_code for a in answers] == [201, 201], [a.get_json() for a in answers]
        assert answers[0].get_json() == answers[1].get_json() and answers[0].get_json()[key]["id"] == item_id
    else:
        assert sorted(a.status_code for a in answers) == [201, 409], [a.get_json() for a in answers]
        refused = next(a for a in answers if a.status_code == 409)
        assert_error(refused, 409, "id_taken")
        assert TEXT not in refused.get_data(as_text=True)
    stored_once(kind, item_id)


@pytest.fixture
def raced(monkeypatch):
    """The race played in order: the second send's look for its id misses, as if the first had not committed."""
    looked = []
    real = triage_domain._retried

    def missed(*args):
        looked.append(args)
        return None if len(looked) == 1 else real(*args)

    def arm():
        looked.clear()
        monkeypatch.setattr(triage_domain, "_retried", missed)
    return arm


@pytest.mark.parametrize("kind", KINDS)
def test_a_send_that_missed_its_twin_is_answered_as_a_retry_and_audited_once(
        client, world, login, liaison, report, raced, kind):
    item_id = str(uuid.uuid4())
    first = triage(client, liaison, report, kind, {"id": item_id, "text": TEXT})
    raced()
    second = triage(client, liaison, report, kind, {"id": item_id, "text": TEXT})
    assert first.status_code == second.status_code == 201, second.get_json()
    assert first.get_json() == second.get_json()
    stored_once(kind, item_id)
    raced()
    elsewhere = triage(client, liaison, report_of(client, world, login("field.a")), kind, {"id": item_id, "text": TEXT})
    assert_error(elsewhere, 409, "id_taken")
    stored_once(kind, item_id)
