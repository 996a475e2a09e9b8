"""Concurrency: one item pushed by two server processes at once is stored once; pull cursors never skip.

The push race uses real OS processes (tests/api/_procs/servers.py), each with its own
app, engine and connection, as two gunicorn workers would have. The pull tests hold
writer transactions open in threads (tests/api/_procs/writers.py), each with its own
app context and so its own session and connection, so commits land out of id order
on purpose.
"""
import json
import multiprocessing
import time
import uuid

import pytest
from sqlalchemy import func, select, text

from server.extensions import db
from server.models import AuditEntry, ChangeLogEntry, Encounter, FollowUpAnswer, ItemId, StepResult
from tests.api._procs.servers import race
from tests.api._procs.writers import WAIT, Naive, Transaction, Writers
from tests.api.triage_support import report_of, triage
from tests.factories import encounter_body, push_item

ROUNDS = 10
STEPS = 14
PULL = "/api/v1/sync/pull"


def test_two_processes_pushing_the_same_item_at_once_store_it_once_and_answer_accepted_and_duplicate(
        app, world, login, tmp_path):
    device = login("field.a")
    items = [push_item(encounter_body(world, notes=f"race round {n}")) for n in range(ROUNDS)]
    db.session.remove()  # hold no connection or transaction while the racers write
    first, second = _race(app, device, [items, items], tmp_path)

    for a, b in zip(first, second):
        assert (a["status_code"], b["status_code"]) == (200, 200), (a["body"], b["body"])
        ra, rb = a["body"]["results"][0], b["body"]["results"][0]
        assert sorted([ra["status"], rb["status"]]) == ["accepted", "duplicate"], (ra, rb)
        assert ra["receipt"] == rb["receipt"]
    ids = [uuid.UUID(item["id"]) for item in items]
    assert _count(Encounter) == ROUNDS
    assert _count(StepResult) == ROUNDS * STEPS
    assert _count(AuditEntry, AuditEntry.action == "encounter.receive") == ROUNDS
    assert set(db.session.scalars(select(Encounter.id))) == set(ids)
    per_item = dict(db.session.execute(select(StepResult.encounter_id, func.count()).group_by(StepResult.encounter_id)).all())
    assert per_item == {i: STEPS for i in ids}
    # Proof that this was a race: the two requests of a round were in flight at the same time.
    overlapping = sum(a["started"] < b["ended"] and b["started"] < a["ended"] for a, b in zip(first, second))
    assert overlapping >= ROUNDS // 2, f"only {overlapping} of {ROUNDS} rounds overlapped; the racers did not race"


KIND_PAIRS = [("encounter", "encounter"), ("encounter", "answer"), ("answer", "answer")]


@pytest.mark.parametrize("kinds", KIND_PAIRS, ids=["+".join(pair) for pair in KIND_PAIRS])
def test_two_processes_pushing_one_id_as_any_two_kinds_at_once_store_it_exactly_once(
        app, client, world, login, tmp_path, kinds):
    """Each round, two processes push the same id at once (as these two kinds, with different bodies)."""
    device = login("field.a")
    # A question a round: one answer stands per question, and this race is about ids.
    questions = _questions(client, world, login, device, ROUNDS)
    ids = [str(uuid.uuid4()) for _ in range(ROUNDS)]
    lists = [[_item(kind, item_id, followup, world, racer) for item_id, followup in zip(ids, questions)]
             for racer, kind in enumerate(kinds)]
    db.session.remove()  # hold no connection or transaction while the racers write
    outs = _race(app, device, lists, tmp_path)

    for a, b in zip(*outs):
        assert (a["status_code"], b["status_code"]) == (200, 200), (a["body"], b["body"])
        ra, rb = a["body"]["results"][0], b["body"]["results"][0]
        # Different content under one id: one is stored, the other told it conflicts with it.
        assert sorted([ra["status"], rb["status"]]) == ["accepted", "conflict"], (ra, rb)
        assert ra["receipt"] == rb["receipt"]
    wanted = {uuid.UUID(i) for i in ids}
    encounters = set(db.session.scalars(select(Encounter.id).where(Encounter.id.in_(wanted))))
    answers = set(db.session.scalars(select(FollowUpAnswer.id).where(FollowUpAnswer.id.in_(wanted))))
    assert not encounters & answers, "an id is stored as both a report and an answer"
    assert encounters | answers == wanted
    assert dict(db.session.execute(select(ItemId.id, ItemId.kind).where(ItemId.id.in_(wanted))).all()) == (
        {i: "encounter" for i in encounters} | {i: "answer" for i in answers})
    overlapping = sum(a["started"] < b["ended"] and b["started"] < a["ended"] for a, b in zip(*outs))
    assert overlapping >= ROUNDS // 2, f"only {overlapping} of {ROUNDS} rounds overlapped; the racers did not race"


def test_two_phones_answering_one_question_at_once_store_one_answer_and_refuse_the_other(
        app, client, world, login, tmp_path):
    """Each round, two processes push a different answer (each under its own id) to the same new question."""
    device = login("field.a")
    questions = _questions(client, world, login, device, ROUNDS)
    lists = [[_item("answer", str(uuid.uuid4()), followup, world, racer) for followup in questions]
             for racer in (1, 2)]
    db.session.remove()  # hold no connection or transaction while the racers write
    outs = _race(app, device, lists, tmp_path)

    for a, b in zip(*outs):
        assert (a["status_code"], b["status_code"]) == (200, 200), (a["body"], b["body"])
        ra, rb = a["body"]["results"][0], b["body"]["results"][0]
        assert sorted([ra["status"], rb["status"]]) == ["accepted", "rejected"], (ra, rb)
        refused = ra if ra["status"] == "rejected" else rb
        assert refused["error_codes"] == {"body": {"followup_id": [{"code": "answered", "params": {}}]}}
    per_question = dict(db.session.execute(select(FollowUpAnswer.followup_id, func.count())
                                           .group_by(FollowUpAnswer.followup_id)).all())
    assert per_question == {uuid.UUID(q): 1 for q in questions}
    stored = set(db.session.scalars(select(FollowUpAnswer.id)))
    # The refused answers' ids are free again; every stored one holds its id.
    assert set(db.session.scalars(select(ItemId.id).where(ItemId.kind == "answer"))) == stored
    overlapping = sum(a["started"] < b["ended"] and b["started"] < a["ended"] for a, b in zip(*outs))
    assert overlapping >= ROUNDS // 2, f"only {overlapping} of {ROUNDS} rounds overlapped; the racers did not race"


def _questions(client, world, login, device, count: int) -> list[str]:
    """Liaison's follow-up questions on a report of ``device``; their ids."""
    report = report_of(client, world, device)
    liaison = login("liaison.a")
    asked = []
    for n in range(count):
        response = triage(client, liaison, report, "questions", {"text": f"Was a warrant shown? ({n + 1})"})
        assert response.status_code == 201, response.get_json()
        asked.append(response.get_json()["followup"]["id"])
    return asked


def _item(kind: str, item_id: str, followup: str, world, racer: int) -> dict:
    """A push item of ``kind`` under ``item_id``; each racer's body differs, so only one can be a duplicate."""
    if kind == "answer":
        body = {"followup_id": followup, "text": f"Answer from racer {racer}.", "answered_at": "2026-11-21T09:30:00Z"}
    else:
        body = encounter_body(world, notes=f"Report from racer {racer}.")
    return push_item(body, item_id=item_id, kind=kind)


def _race(app, device, lists: list[list], tmp_path) -> list[list[dict]]:
    """Run two server processes, each pushing its own list one item a round, meeting at a barrier; return their logs."""
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(2)
    outs = [tmp_path / f"racer-{n}.json" for n in (1, 2)]
    racers = [spawn.Process(target=race, args=(app.config["SQLALCHEMY_DATABASE_URI"], device.token,
                                               device.device_id, items, barrier, str(out)))
              for items, out in zip(lists, outs)]
    for racer in racers:
        racer.start()
    _join(racers, timeout=240)
    assert [racer.exitcode for racer in racers] == [0, 0]
    return [json.loads(out.read_text()) for out in outs]


def test_pull_holds_back_a_committed_change_until_the_earlier_open_transaction_commits(app, client, world, login, backend):
    """PostgreSQL only: SQLite serialises writers, so there a second transaction cannot commit while the first is open."""
    if backend != "postgresql":
        pytest.skip("SQLite serialises writers: no transaction can commit while an earlier one is open")
    device = login("field.a")
    department = world.departments["A"].id
    _, cursor = _drain(client, device, None)
    early = Transaction(app, department, ["fence-early"])
    try:
        early.begin()
        late = Transaction(app, department, ["fence-late"]).begin()
        late.commit()
        assert early.seqs < late.seqs and early.txid < late.txid

        page = _pull(client, device, cursor)
        assert page["changes"] == [], "a change committed behind an open earlier transaction was handed out"
        assert page["cursor"] == cursor

        early.commit()
    finally:
        early.abandon()
    # Any writing transaction in the cluster (other databases too) holds the fence, so wait a bounded while.
    received, deadline = [], time.monotonic() + WAIT
    while len(received) < 2 and time.monotonic() < deadline:
        page = _pull(client, device, cursor)
        received += [c["id"] for c in page["changes"]]
        cursor = page["cursor"]
        time.sleep(0 if page["changes"] else 0.01)
    assert received == ["fence-early", "fence-late"]


def test_pull_cursors_under_concurrent_writers_never_skip_a_change_that_a_naive_seq_reader_skips(
        app, client, world, login, backend):
    """PostgreSQL only: SQLite serialises writers, so its ids already follow commit order and nothing can be skipped.

    Four writer threads run transactions that record changes, hold them open a random
    few milliseconds and commit, so commits land out of id order. Half-way through, a
    laggard transaction records changes (lower ids than everything after it) and commits
    only after every writer is done, the API reader has pulled with it still open, and a
    naive ``seq > last seen`` reader has moved past its ids. Meanwhile a reader pulls
    through the API, three changes a page. Afterwards the API reader must have every
    committed change of its department (and none of the other's) exactly once, and the
    naive reader must have missed the laggard's (proof that the run could skip).
    """
    if backend != "postgresql":
        pytest.skip("SQLite serialises writers: ids follow commit order, so there is nothing to skip")
    device = login("field.a")
    mine, other = world.departments["A"].id, world.departments["B"].id
    _, cursor = _drain(client, device, None)
    naive = Naive(mine)
    writers = Writers(app, mine, other, threads=4, transactions=6)
    laggard = None
    received: list[str] = []
    received_while_laggard_open: list[str] = []
    last_txid = None  # the newest transaction of this test, once all are committed
    fenced_pulls = 0
    writers.start()
    try:
        deadline = time.monotonic() + WAIT
        for _ in range(20_000):
            writers.raise_errors()
            assert time.monotonic() < deadline, "writers and readers did not finish in time"
            # Measured before the pull: once the fence is past every test transaction, an empty page is final.
            settled = last_txid is not None and _horizon() > last_txid
            writers_were_done = writers.done()
            page = _pull(client, device, cursor, limit=3)
            received += [c["id"] for c in page["changes"]]
            cursor = page["cursor"]
            if laggard is not None and not laggard.committed:
                received_while_laggard_open += [c["id"] for c in page["changes"]]
                fenced_pulls += writers_were_done  # pulls with every newer change committed, the laggard open
            naive.read()
            if laggard is None and writers.first_half_done():
                laggard = Transaction(app, mine, ["laggard-1", "laggard-2"]).begin()
                writers.resume()
            if laggard is not None and not laggard.committed and fenced_pulls and naive.last > max(laggard.seqs):
                laggard.commit()
                writers.log_commit(laggard)
            if settled and not page["changes"] and not page["has_more"]:
                break
            if last_txid is None and laggard is not None and laggard.committed and writers.done():
                last_txid = _last_txid()
            time.sleep(0.002)
        else:
            pytest.fail("the reader did not drain within its pull budget")
    finally:
        writers.stop()
        if laggard is not None:
            laggard.abandon()
        naive.close()

    writers.raise_errors()
    expected = writers.ids_for(mine) | set(laggard.entity_ids)
    assert len(received) == len(set(received)), "a change was handed out twice"
    assert set(received) == expected
    # The fence held: nothing newer than the open laggard was handed out while it was open.
    assert not set(received_while_laggard_open) & (expected - writers.first_half_ids(mine))
    # Proof the run could skip: a commit came after a commit of a higher id, and the naive reader lost it.
    assert writers.out_of_order_commits() >= 1
    assert set(laggard.entity_ids) - set(naive.seen), "the naive reader skipped nothing: the test did not reorder commits"


def _pull(client, device, cursor: str | None, limit: int = 100) -> dict:
    """GET one page of pull; fail the test on anything but 200."""
    query = {"limit": limit} | ({"cursor": cursor} if cursor else {})
    response = client.get(PULL, query_string=query, headers=device.headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _drain(client, device, cursor: str | None) -> tuple[list[dict], str]:
    """Pull until every change committed so far is handed out; return the changes and the cursor to resume from."""
    target, changes, deadline = _last_txid(), [], time.monotonic() + WAIT
    for _ in range(2_000):
        settled = _horizon() > target  # measured before the pull, so the pull's fence is at least as far
        page = _pull(client, device, cursor)
        changes += page["changes"]
        cursor = page["cursor"]
        if settled and not page["has_more"]:
            return changes, cursor
        assert time.monotonic() < deadline, "the pull fence did not pass the committed changes in time"
        time.sleep(0 if page["changes"] else 0.01)
    pytest.fail("pull kept answering has_more")


def _horizon() -> int:
    """The oldest transaction id still running in the cluster: pull hands out only changes of older ones."""
    value = db.session.scalar(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"))
    db.session.rollback()
    return value


def _last_txid() -> int:
    """The newest transaction id in the change log."""
    value = db.session.scalar(select(func.max(ChangeLogEntry.txid)))
    db.session.rollback()
    return value or 0


def _count(model, *where) -> int:
    """Count rows of a model."""
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _join(processes, timeout: float) -> None:
    """Wait for processes; kill (by handle) any still running at the deadline and fail."""
    deadline = time.monotonic() + timeout
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
    stuck = [process for process in processes if process.is_alive()]
    for process in stuck:
        process.kill()
        process.join(5)
    assert not stuck, f"{len(stuck)} server process(es) did not finish in {timeout} s"
