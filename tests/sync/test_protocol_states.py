"""Stateful property tests of push and pull against the in-memory store (milliseconds per run).

Hypothesis drives random sequences: batches of every kind (new, retried, repeated inside the
batch, conflicting, invalid, forged ids), pushes that fail before the store commits, answers
lost after it committed, and pulls with cursors from several principals. After every step:
an accepted id is stored exactly once with the hash its receipt names; a duplicate answers
the original receipt; nothing is stored for a rejected item; no pull skips or repeats a
change; no principal pulls another department's change. Profiles: tests/conftest.py.
"""
from uuid import UUID, uuid4

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, initialize, invariant, rule

from sync.canonical import content_sha256
from sync.envelope import Principal
from sync.errors import StoreUnavailable
from sync.protocol import pull, push
from tests.sync.fakes import SEAL, FailingStore, FakeClock, make_kinds, push_request, same_department

PRINCIPALS = [Principal(user_id=n, role="field", department_id=10 * (1 + n % 2), device_id=uuid4()) for n in range(3)]
bodies = st.fixed_dictionaries({"text": st.text(max_size=8), "count": st.integers(0, 3)})
kinds = st.sampled_from(["note", "photo"])


class ProtocolMachine(RuleBasedStateMachine):
    """A model of what the server holds, checked against push and pull after every step."""

    ids = Bundle("ids")

    def __init__(self):
        super().__init__()
        self.store = FailingStore(failures=0, visible=same_department)
        self.kinds = make_kinds()
        self.clock = FakeClock()
        self.held: dict[UUID, tuple[str, str, object]] = {}  # id → (kind, sha256, receipt)
        self.changes: list = []  # (change, audience) in commit order
        self.cursors = {p.user_id: "" for p in PRINCIPALS}
        self.pulled = {p.user_id: [] for p in PRINCIPALS}

    @initialize()
    def start(self):
        """Begin with an empty store."""

    @rule(target=ids)
    def fresh_id(self):
        """An id a phone made."""
        return str(uuid4())

    # --- push ------------------------------------------------------------------------------

    def _expected(self, raw_items):
        """Each item's expected status and, for held ids, the (kind, sha) it will be compared with."""
        held = dict(self.held)
        out = []
        for raw in raw_items:
            item_id, body = raw.get("id"), raw.get("body")
            if not _is_uuid(item_id):
                out.append("rejected")
                continue
            if raw.get("kind") not in self.kinds or not isinstance(body, dict) or "bad" in body \
                    or raw.get("schema_version") not in self.kinds[raw["kind"]].schema_versions:
                out.append("rejected")
                continue
            key, sha = UUID(item_id), content_sha256(body)
            if key not in held:
                held[key] = (raw["kind"], sha, None)
                out.append("accepted")
            else:
                out.append("duplicate" if held[key][:2] == (raw["kind"], sha) else "conflict")
        return out

    def _push(self, principal, raw_items, lose_answer=False):
        before = dict(self.held)
        expected = self._expected(raw_items)
        self.clock.advance(seconds=1)
        results = push(self.store, principal, push_request(raw_items), self.kinds, max_items=500, clock=self.clock)
        assert [r.status for r in results] == expected, (raw_items, results)
        for index, (raw, result) in enumerate(zip(raw_items, results)):
            assert result.index == index
            if result.status == "accepted":
                key = UUID(raw["id"])
                assert result.receipt.sha256 == content_sha256(raw["body"])
                assert result.receipt.received_at == self.clock.now
                if key not in self.held:
                    self.held[key] = (raw["kind"], result.receipt.sha256, result.receipt)
            elif result.status in ("duplicate", "conflict"):
                key = UUID(raw["id"])
                original = self.held[key][2]
                assert result.receipt == original, "a duplicate or conflict answers the original receipt"
            else:
                assert result.receipt is None
        if lose_answer:
            return None  # the phone never saw it; the store did commit
        for key in set(self.held) - set(before):
            assert self.held[key][2] is not None
        return results

    @rule(principal=st.sampled_from(PRINCIPALS), picks=st.lists(st.tuples(ids, kinds, bodies), min_size=1, max_size=6),
          lose_answer=st.booleans())
    def push_batch(self, principal, picks, lose_answer):
        """A batch of new, retried, repeated and conflicting items (same id, other kind or body)."""
        self._push(principal, [{"id": i, "kind": k, "schema_version": 1, "body": b} for i, k, b in picks], lose_answer)

    @rule(principal=st.sampled_from(PRINCIPALS), item_id=ids, kind=kinds, body=bodies, copies=st.integers(2, 3))
    def push_duplicates_in_one_batch(self, principal, item_id, kind, body, copies):
        """The same item several times in one batch: stored once, the rest duplicates."""
        self._push(principal, [{"id": item_id, "kind": kind, "schema_version": 1, "body": body}] * copies)

    @rule(principal=st.sampled_from(PRINCIPALS), item_id=ids, body=bodies,
          spoil=st.sampled_from(["braces", "urn", "upper", "bad_body", "unknown_kind", "bad_version", "extra_key",
                                 "not_a_dict", "number_id"]))
    def push_invalid_or_forged(self, principal, item_id, body, spoil):
        """An item no server may store: forged id forms, bad bodies, unknown kinds and versions."""
        raw = {"id": item_id, "kind": "note", "schema_version": 1, "body": body}
        if spoil == "braces":
            raw["id"] = "{" + item_id + "}"
        elif spoil == "urn":
            raw["id"] = "urn:uuid:" + item_id
        elif spoil == "upper":
            raw["id"] = item_id.upper().replace("-", "")
        elif spoil == "bad_body":
            raw["body"] = {**body, "bad": True}
        elif spoil == "unknown_kind":
            raw["kind"] = "encounterz"
        elif spoil == "bad_version":
            raw["schema_version"] = 7
        elif spoil == "extra_key":
            raw["owner"] = "someone else"
        elif spoil == "number_id":
            raw["id"] = 12345
        raw = "not an item" if spoil == "not_a_dict" else raw
        before = dict(self.store.items)
        results = push(self.store, principal, push_request([raw]), self.kinds, max_items=500, clock=self.clock)
        held = self.held.get(UUID(item_id))
        if spoil == "bad_version" and held and held[:2] == ("note", content_sha256(body)):
            # A resend of exactly what is held (only the version is no longer accepted) answers its first receipt.
            assert [(r.status, r.receipt) for r in results] == [("duplicate", held[2])]
        else:
            assert [r.status for r in results] == ["rejected"]
        assert self.store.items == before, "nothing is stored for a refused item"

    @rule(principal=st.sampled_from(PRINCIPALS), picks=st.lists(st.tuples(ids, kinds, bodies), min_size=1, max_size=4))
    def push_that_fails_before_commit(self, principal, picks):
        """The database fails mid-push: the push raises, nothing at all is stored, a retry works."""
        raw_items = [{"id": i, "kind": k, "schema_version": 1, "body": b} for i, k, b in picks]
        before = dict(self.store.items)
        self.store.failures = 1
        with pytest.raises(StoreUnavailable):
            push(self.store, principal, push_request(raw_items), self.kinds, max_items=500, clock=self.clock)
        assert self.store.items == before
        self._push(principal, raw_items)

    # --- pull ------------------------------------------------------------------------------

    @rule(audience=st.sampled_from([{}, {"department_id": 10}, {"department_id": 20}] +
                                   [{"user_id": p.user_id} for p in PRINCIPALS]))
    def record_change(self, audience):
        """Something changes for everyone, one department or one user."""
        change = self.store.record_change("update", str(uuid4()), {"n": len(self.changes)}, audience)
        self.changes.append((change, audience))

    @rule(principal=st.sampled_from(PRINCIPALS), limit=st.integers(1, 4))
    def pull_page(self, principal, limit):
        """A principal pulls one page from its cursor."""
        page = pull(self.store, principal, self.cursors[principal.user_id], limit, SEAL)
        assert len(page.changes) <= limit
        self.pulled[principal.user_id].extend(page.changes)
        self.cursors[principal.user_id] = SEAL.seal(page.cursor)

    @invariant()
    def every_accepted_id_is_held_once_with_its_receipts_hash(self):
        """The store holds exactly the ids the model accepted, each with the receipt it answered."""
        assert set(self.store.items) == set(self.held)
        for key, (kind, sha, receipt) in self.held.items():
            item, stored_receipt = self.store.items[key]
            assert (item.kind, item.sha256, stored_receipt) == (kind, sha, receipt)
            assert receipt.sha256 == sha

    @invariant()
    def pulls_never_skip_repeat_or_leak(self):
        """Each principal has pulled a prefix of exactly the changes it may see, in order, none twice."""
        for principal in PRINCIPALS:
            visible = [c for c, audience in self.changes if same_department(principal, audience)]
            got = self.pulled[principal.user_id]
            assert got == visible[:len(got)]
            assert [c.cursor for c in got] == sorted({c.cursor for c in got})

    def teardown(self):
        """Pulled to the end, every principal has every change it may see."""
        for principal in PRINCIPALS:
            while True:
                page = pull(self.store, principal, self.cursors[principal.user_id], 3, SEAL)
                self.pulled[principal.user_id].extend(page.changes)
                self.cursors[principal.user_id] = SEAL.seal(page.cursor)
                if not page.has_more:
                    break
            assert SEAL.open(self.cursors[principal.user_id], self.store.legacy_ceiling) is not None
        self.pulls_never_skip_repeat_or_leak()
        for principal in PRINCIPALS:
            assert len(self.pulled[principal.user_id]) == sum(same_department(principal, a) for _, a in self.changes)


def _is_uuid(value) -> bool:
    """Whether ``value`` is a UUID in its canonical 8-4-4-4-12 string form (any case)."""
    try:
        return isinstance(value, str) and len(value) == 36 and str(UUID(value)) == value.lower()
    except ValueError:
        return False


TestProtocolAgainstTheMemoryStore = ProtocolMachine.TestCase
