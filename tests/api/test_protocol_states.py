"""Stateful property test of the sync protocol on PostgreSQL: the real app, store and concurrency.

Hypothesis drives random sequences through the HTTP API: batches of both kinds (reports and
answers to a follow-up), retries, duplicates inside a batch, conflicts (same id, other content or
other kind), invalid items, forged ids (another user's id, non-canonical UUID forms), a database
failure at COMMIT, answers lost after COMMIT, two pushes racing on separate connections, and
changes committed concurrently out of transaction order while four users pull page by page.

Invariants, checked against the database after every step: an accepted id is stored exactly
once (one row across both kinds' tables) with the hash its receipt names; a duplicate or a
conflict answers the original receipt; nothing is stored for a rejected item; no user is told
anything about another user's item; no pull repeats a change or hands out one its user may not
see, and once the pull horizon settles, none was skipped. Example counts: tests/conftest.py
profiles ("ci" by default, HYPOTHESIS_PROFILE=nightly for a long run).
"""
import os
import threading
import uuid

import pytest
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from sqlalchemy import func, select, union_all
from sqlalchemy.exc import OperationalError

from server.changes import record_change
from server.extensions import db
from server.models import Encounter, FollowUpAnswer
from sync.canonical import content_sha256
from tests.api.triage_support import report_of, triage
from tests.factories import encounter_body, push, push_item, settle_pull_horizon

PUSHERS = ["field.a", "field.a2", "field.b"]
PULLERS = ["field.a", "field.a2", "field.b", "liaison.a"]
DEPARTMENT = {"field.a": "A", "field.a2": "A", "field.b": "B", "liaison.a": "A"}
KIND = "proof_note"  # the changes this test records (pulls are filtered to them)


@pytest.fixture
def setting(app, client, world, login, backend):
    """Signed-in devices, and a follow-up question to field.a's report (so field.a can push answers)."""
    if backend != "postgresql":
        pytest.skip("real concurrency is PostgreSQL's; tests/sync covers the protocol in memory")
    devices = {name: login(name) for name in set(PUSHERS + PULLERS)}
    report = report_of(client, world, devices["field.a"])
    asked = triage(client, devices["liaison.a"], report, "questions", {"text": "Was a warrant shown?"})
    assert asked.status_code == 201, asked.get_json()
    # Plain ids: the world's ORM objects belong to this thread's session, not to the writer threads.
    targets = {"everyone": {}, "A": {"department_id": world.departments["A"].id},
               "B": {"department_id": world.departments["B"].id},
               **{name: {"recipient_id": world.users[name].id} for name in PUSHERS}}
    return {"app": app, "client": client, "world": world, "devices": devices, "targets": targets,
            "report": report, "followup": asked.get_json()["followup"]["id"]}


def _rows(ids) -> dict[str, int]:
    """How many rows hold each id, across both kinds' tables."""
    keys = [uuid.UUID(i) for i in ids]
    both = union_all(select(Encounter.id.label("id")).where(Encounter.id.in_(keys)),
                     select(FollowUpAnswer.id.label("id")).where(FollowUpAnswer.id.in_(keys))).subquery()
    found = dict(db.session.execute(select(both.c.id, func.count()).group_by(both.c.id)).all())
    db.session.rollback()
    return {str(k): v for k, v in found.items()}


class Machine(RuleBasedStateMachine):
    """Model: id → (owner, kind, sha256, receipt) for every id the server accepted."""

    ids = Bundle("ids")

    def __init__(self, setting):
        super().__init__()
        self.s = setting
        self.held: dict[str, tuple] = {}
        self.cursors: dict[str, str] = {}
        self.pulled: dict[str, list[str]] = {name: [] for name in PULLERS}
        self.recorded: list[tuple[str, dict]] = []  # (entity id, audience)
        self.touched: set[str] = set()
        self.questions: dict[str, str] = {}  # answer id → the question it answers

    @initialize()
    def drain_pulls(self):
        """Start every puller at the end of the change log as it stands (later stragglers are filtered by id)."""
        for name in PULLERS:
            self.cursors[name] = ""
            while self._pull(name, 500, record=False):
                pass

    @rule(target=ids)
    def fresh_id(self):
        """An id a phone made."""
        return str(uuid.uuid4())

    # --- building items --------------------------------------------------------------------

    def _item(self, pusher, item_id, variant):
        """A push item: a report of the pusher's department (two contents), or an answer (valid for field.a only)."""
        if variant == "answer":
            body = {"followup_id": self._question(item_id), "text": "Yes, an I-200.",
                    "answered_at": "2026-11-21T09:30:00Z"}
            return push_item(body, item_id=item_id, kind="answer")
        if variant == "invalid":
            return push_item(encounter_body(self.s["world"], DEPARTMENT[pusher], area_type="rooftop"), item_id=item_id)
        notes = "Agents left at 15:40." if variant == "report" else "Agents left at 16:05."
        return push_item(encounter_body(self.s["world"], DEPARTMENT[pusher], notes=notes), item_id=item_id)

    def _question(self, item_id) -> str:
        """A question of its own for each answer id: a question takes one answer (tests/api/test_followups.py,
        tests/api/test_concurrency.py), and this machine is about ids."""
        if item_id not in self.questions:
            asked = triage(self.s["client"], self.s["devices"]["liaison.a"], self.s["report"], "questions",
                           {"text": "Was a warrant shown?"})
            assert asked.status_code == 201, asked.get_json()
            self.questions[item_id] = asked.get_json()["followup"]["id"]
        return self.questions[item_id]

    def _expect(self, pusher, items, held):
        """The statuses the protocol must answer, item by item, given what ``held`` holds (updated)."""
        out = []
        for item in items:
            valid = item["body"].get("area_type") != "rooftop" and (item["kind"] != "answer" or pusher == "field.a")
            try:
                canonical = str(uuid.UUID(item["id"])) == item["id"]
            except (ValueError, TypeError, AttributeError):
                canonical = False
            if not (valid and canonical):
                out.append("rejected")
                continue
            sha = content_sha256(item["body"])
            if item["id"] not in held:
                held[item["id"]] = (pusher, item["kind"], sha, None)
                out.append("accepted")
            elif held[item["id"]][0] != pusher:
                out.append("rejected")  # another user's id: "use another id", nothing more
            else:
                out.append("duplicate" if held[item["id"]][1:3] == (item["kind"], sha) else "conflict")
        return out

    def _check(self, pusher, items, results, expected):
        """Check one push's answer against the model and update the model."""
        assert [r["status"] for r in results] == expected, (items, results)
        for item, result in zip(items, results):
            self.touched.add(item["id"])
            if result["status"] == "accepted":
                assert result["receipt"]["sha256"] == content_sha256(item["body"])
                if item["id"] not in self.held or self.held[item["id"]][3] is None:
                    self.held[item["id"]] = (pusher, item["kind"], result["receipt"]["sha256"], result["receipt"])
            elif result["status"] in ("duplicate", "conflict"):
                assert result["receipt"] == self.held[item["id"]][3], "not the original receipt"
            else:
                assert "receipt" not in result, "a rejected item (or another user's id) has no receipt"

    def _push(self, client, pusher, items):
        response = push(client, self.s["devices"][pusher], items)
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        return response.get_json()["results"]

    # --- rules -------------------------------------------------------------------------------

    @rule(pusher=st.sampled_from(PUSHERS), picks=st.lists(
        st.tuples(ids, st.sampled_from(["report", "report2", "answer", "invalid"])), min_size=1, max_size=5),
        lose_answer=st.booleans())
    def push_batch(self, pusher, picks, lose_answer):
        """A batch of new, retried, repeated, conflicting, cross-kind and foreign ids; the answer may be lost."""
        items = [self._item(pusher, i, v) for i, v in picks]
        held = dict(self.held)
        expected = self._expect(pusher, items, held)
        results = self._push(self.s["client"], pusher, items)
        self._check(pusher, items, results, expected)
        if lose_answer:
            # The phone never saw the answer (connection cut after COMMIT): its retry is a duplicate.
            retry = self._push(self.s["client"], pusher, items)
            self._check(pusher, items, retry, self._expect(pusher, items, dict(self.held)))

    @rule(pusher=st.sampled_from(PUSHERS), item_id=ids,
          form=st.sampled_from(["braces", "urn", "no_dashes", "number", "padded"]))
    def push_forged_id_form(self, pusher, item_id, form):
        """A non-canonical spelling of an id (maybe of a stored one) is refused, telling nothing."""
        item = self._item(pusher, item_id, "report")
        item["id"] = {"braces": "{%s}" % item_id, "urn": f"urn:uuid:{item_id}", "padded": f" {item_id}",
                      "no_dashes": item_id.replace("-", ""), "number": 7}[form]
        results = self._push(self.s["client"], pusher, [item])
        assert [r["status"] for r in results] == ["rejected"] and "receipt" not in results[0]

    @rule(pusher=st.sampled_from(PUSHERS), picks=st.lists(st.tuples(ids, st.sampled_from(["report", "answer"])),
                                                         min_size=1, max_size=3))
    def push_failing_at_commit(self, pusher, picks):
        """The database fails at COMMIT: 503, nothing stored; the retry stores each item once."""
        items = [self._item(pusher, i, v) for i, v in picks]
        before = _rows(i["id"] for i in items)
        real_commit = db.session.commit

        def broken():
            raise OperationalError("COMMIT", {}, Exception("server closed the connection unexpectedly"))

        db.session.commit = broken
        try:
            response = push(self.s["client"], self.s["devices"][pusher], items)
        finally:
            db.session.commit = real_commit
        if response.status_code == 200:
            return  # nothing to commit (every item refused or already held): nothing to break
        assert response.status_code == 503, response.get_data(as_text=True)[:300]
        assert _rows(i["id"] for i in items) == before, "a failed COMMIT left rows behind"
        expected = self._expect(pusher, items, dict(self.held))
        self._check(pusher, items, self._push(self.s["client"], pusher, items), expected)

    @rule(first=st.sampled_from(PUSHERS), second=st.sampled_from(PUSHERS),
          picks=st.lists(st.tuples(ids, st.sampled_from(["report", "report2", "answer"]), st.booleans()),
                         min_size=1, max_size=4))
    def two_pushes_race(self, first, second, picks):
        """Two phones (or one phone twice) push overlapping batches at the same moment, on two connections."""
        a = [self._item(first, i, v) for i, v, _ in picks]
        b = [self._item(second, i, ("report2" if v == "report" and flip else v)) for i, v, flip in picks]
        barrier = threading.Barrier(2)
        answers = [None, None]

        failures = []

        def run(slot, pusher, items):
            with self.s["app"].app_context():
                try:
                    client = self.s["app"].test_client()
                    barrier.wait(timeout=10)
                    answers[slot] = (pusher, items, self._push(client, pusher, items))
                except Exception as exc:  # noqa: BLE001 - raised in the test's thread below
                    failures.append(exc)
                finally:
                    db.session.remove()  # never leave a transaction open: it would hold the pull horizon

        threads = [threading.Thread(target=run, args=(0, first, a)), threading.Thread(target=run, args=(1, second, b))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        if failures:
            raise failures[0]
        assert all(answers), "a racing push did not finish"
        # Whichever won each new id, exactly one push was told "accepted" for it, and the other agrees.
        accepted: dict[str, list] = {}
        for pusher, items, results in answers:
            for item, result in zip(items, results):
                self.touched.add(item["id"])
                if result["status"] == "accepted":
                    accepted.setdefault(item["id"], []).append((pusher, item, result))
        for item_id, wins in accepted.items():
            assert len(wins) == 1, f"{item_id} accepted twice in a race"
            assert item_id not in self.held
            pusher, item, result = wins[0]
            assert result["receipt"]["sha256"] == content_sha256(item["body"])
            self.held[item_id] = (pusher, item["kind"], result["receipt"]["sha256"], result["receipt"])
        for pusher, items, results in answers:
            held = dict(self.held)
            for item, result in zip(items, results):
                if result["status"] == "accepted":
                    continue
                expected = self._expect(pusher, [item], held)[0]
                assert result["status"] in (expected, "duplicate", "conflict", "rejected"), (item, result)
                if item["id"] in self.held and self.held[item["id"]][0] != pusher:
                    assert result["status"] == "rejected" and "receipt" not in result
                elif result["status"] in ("duplicate", "conflict"):
                    assert result["receipt"] == self.held[item["id"]][3]
                    same = self.held[item["id"]][1:3] == (item["kind"], content_sha256(item["body"]))
                    assert result["status"] == ("duplicate" if same else "conflict")

    @rule(audiences=st.lists(st.sampled_from(["everyone", "A", "B", "field.a", "field.a2", "field.b"]),
                             min_size=1, max_size=3))
    def commit_changes_out_of_order(self, audiences):
        """Writers record changes in order, then commit in reverse: later txids become visible first."""
        targets = self.s["targets"]
        go = [threading.Event() for _ in audiences]
        recorded = threading.Barrier(len(audiences) + 1)
        errors = []

        def writer(n, audience):
            try:
                with self.s["app"].app_context():
                    entity = str(uuid.uuid4())
                    record_change(KIND, entity, {"n": n}, **targets[audience])
                    recorded.wait(timeout=10)
                    go[n].wait(timeout=10)
                    db.session.commit()
                    self.recorded.append((entity, audience))
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
                recorded.abort()
            finally:
                with self.s["app"].app_context():
                    db.session.remove()

        threads = [threading.Thread(target=writer, args=(n, a)) for n, a in enumerate(audiences)]
        for t in threads:
            t.start()
        try:
            recorded.wait(timeout=10)
        except threading.BrokenBarrierError:
            pass  # a writer failed: reported below
        for name in PULLERS:  # pulls while the writers' transactions are still open
            self._pull(name, 2)
        for event in reversed(go):
            event.set()
        for t in threads:
            t.join(timeout=30)
        assert not errors, errors

    @rule(name=st.sampled_from(PULLERS), limit=st.integers(1, 3))
    def pull_page(self, name, limit):
        """One user pulls one page from their cursor."""
        self._pull(name, limit)

    def _pull(self, name, limit, record=True):
        response = self.s["client"].get("/api/v1/sync/pull", headers=self.s["devices"][name].headers,
                                        query_string={"cursor": self.cursors[name], "limit": limit})
        assert response.status_code == 200, response.get_json()
        page = response.get_json()
        assert len(page["changes"]) <= limit
        self.cursors[name] = page["cursor"]
        if record:
            mine = {entity for entity, _ in self.recorded}  # this example's changes, not an earlier one's
            self.pulled[name].extend(c["id"] for c in page["changes"] if c["kind"] == KIND and c["id"] in mine)
        return page["has_more"]

    # --- invariants --------------------------------------------------------------------------

    def _may_see(self, name, audience):
        return audience == "everyone" or audience == name or audience == DEPARTMENT[name]

    @invariant()
    def each_accepted_id_is_stored_once_and_nothing_else(self):
        """One row per accepted id; none for an id that was only ever refused."""
        rows = _rows(self.touched) if self.touched else {}
        assert rows == {i: 1 for i in self.touched if i in self.held}, "stored twice, or stored though refused"

    @invariant()
    def pulls_never_repeat_or_leak(self):
        """No user has pulled a change twice, or one addressed to someone else."""
        audience = dict(self.recorded)
        for name, got in self.pulled.items():
            assert len(got) == len(set(got)), f"{name} pulled a change twice"
            assert all(self._may_see(name, audience[c]) for c in got), f"{name} pulled another's change"

    def teardown(self):
        """Once every transaction has settled, every user has pulled every change addressed to them."""
        try:
            settle_pull_horizon()
        except AssertionError:
            # The horizon is server-wide: on a shared PostgreSQL another database's long transaction
            # (a bulk load) can hold it. CI's server is this run's alone, so there it is a failure.
            if os.environ.get("CI"):
                raise
            self.pulls_never_repeat_or_leak()
            return
        for name in PULLERS:
            while self._pull(name, 50):
                pass
        self.pulls_never_repeat_or_leak()
        for name in PULLERS:
            wanted = {e for e, a in self.recorded if self._may_see(name, a)}
            assert set(self.pulled[name]) == wanted, f"{name} skipped a change"


def test_push_and_pull_keep_every_promise_under_random_batches_retries_failures_races_and_pulls(setting):
    # A quarter of the profile's examples: each runs the real app and database (~3 s per example).
    # Rules that take an id wait until one exists; early in a run Hypothesis discards those draws, and
    # now and then enough of them for its filter health check to fail the run (seen on CI): not a finding.
    run_state_machine_as_test(lambda: Machine(setting), settings=settings(
        settings.default, max_examples=max(5, settings.default.max_examples // 4),
        suppress_health_check=[*settings.default.suppress_health_check, HealthCheck.filter_too_much]))
