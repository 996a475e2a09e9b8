"""Push against the in-memory store: accepted, duplicate, conflict and rejected, item by item."""
import re
from dataclasses import replace
from uuid import UUID

import pytest

from sync import BatchTooLarge, StoreUnavailable, UnsupportedProtocol, push
from sync.canonical import content_sha256
from sync.envelope import ACCEPTED, CONFLICT, DUPLICATE, REJECTED, Checked
from sync.memory import MemoryStore
from tests.sync.fakes import (
    BAD_FIELD_ERRORS, PRINCIPAL, FailingStore, FakeClock, item, make_kinds, new_id, push_request,
)

MAX_ITEMS = 50


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def kinds():
    return make_kinds()


@pytest.fixture
def send(store, clock, kinds):
    """Push raw items to the store as the test principal and return the results."""
    def send(*items, protocol=1, max_items=MAX_ITEMS, to=None):
        return push(to or store, PRINCIPAL, push_request(list(items), protocol), kinds,
                    max_items=max_items, clock=clock)
    return send


def held(store: MemoryStore, item_id: str):
    """Return the (ValidItem, Receipt) the store holds under an id."""
    return store.items[UUID(item_id)]


# --- accepted -------------------------------------------------------------------------

def test_a_new_item_is_accepted_with_the_clock_time_and_the_canonical_hash_of_its_body(send, clock):
    raw = item(body={"text": "two agents at the door", "count": 2})

    [result] = send(raw)

    assert result.status == ACCEPTED
    assert result.id == raw["id"]
    assert result.receipt.received_at == clock.now
    assert result.receipt.sha256 == content_sha256(raw["body"])
    assert result.errors is None


def test_an_accepted_item_is_held_with_its_kind_version_body_and_the_kinds_record(send, store):
    raw = item(kind="note", schema_version=2, body={"text": "hello"})

    send(raw)

    stored, receipt = held(store, raw["id"])
    assert (stored.kind, stored.schema_version, stored.body) == ("note", 2, {"text": "hello"})
    assert stored.record == {"kind": "note", "schema_version": 2, "user_id": PRINCIPAL.user_id}
    assert receipt.sha256 == content_sha256({"text": "hello"})


def test_the_kind_checks_the_body_for_the_pushing_principal_and_the_items_schema_version(send, kinds):
    raw = item(kind="note", schema_version=2, body={"text": "hi"})

    send(raw)

    assert kinds["note"].calls == [(PRINCIPAL, 2, {"text": "hi"})]


def test_an_upper_case_id_is_answered_and_stored_in_its_canonical_lower_case_form(send, store):
    lower = new_id()

    [result] = send(item(id=lower.upper()))

    assert result.status == ACCEPTED
    assert result.id == lower
    assert UUID(lower) in store.items


def test_an_accepted_result_serialises_with_a_millisecond_utc_receipt(send, clock):
    raw = item()

    [result] = send(raw)

    assert result.to_dict() == {
        "index": 0, "id": raw["id"], "status": "accepted",
        "receipt": {"received_at": "2026-11-21T18:18:37.801Z", "sha256": content_sha256(raw["body"])},
    }


# --- duplicate ------------------------------------------------------------------------

def test_replaying_an_accepted_item_answers_duplicate_with_the_original_receipt(send, clock):
    raw = item()
    [first] = send(raw)
    clock.advance(hours=3)

    [again] = send(raw)

    assert again.status == DUPLICATE
    assert again.receipt == first.receipt
    assert again.receipt.received_at != clock.now


def test_a_replay_with_keys_in_another_order_is_a_duplicate_because_the_canonical_hash_is_the_same(send):
    item_id = new_id()
    send(item(id=item_id, body={"text": "x", "steps": [{"a": 1, "b": 2}], "meta": {"y": 1, "z": 2}}))

    [again] = send(item(id=item_id, body={"meta": {"z": 2, "y": 1}, "steps": [{"b": 2, "a": 1}], "text": "x"}))

    assert again.status == DUPLICATE


def test_a_duplicate_leaves_the_stored_item_as_it_was(send, store):
    raw = item(body={"a": 1, "b": 2})
    send(raw)
    before = held(store, raw["id"])

    send(item(id=raw["id"], body={"b": 2, "a": 1}))

    assert held(store, raw["id"]) == before


# --- conflict -------------------------------------------------------------------------

ORIGINAL = {"text": "two agents", "count": 2, "steps": [{"id": "s1", "done": True}]}


@pytest.mark.parametrize("changed", [
    pytest.param({"kind": "note", "body": {**ORIGINAL, "count": 3}}, id="changed-value"),
    pytest.param({"kind": "note", "body": {**ORIGINAL, "extra": None}}, id="added-key"),
    pytest.param({"kind": "note", "body": {"text": "two agents", "count": 2}}, id="removed-key"),
    pytest.param({"kind": "note", "body": {**ORIGINAL, "steps": [{"id": "s1", "done": False}]}}, id="nested-change"),
    pytest.param({"kind": "note", "body": {**ORIGINAL, "count": "2"}}, id="number-became-string"),
    pytest.param({"kind": "photo", "body": ORIGINAL}, id="same-body-other-kind"),
])
def test_the_same_id_with_different_content_is_a_conflict_and_nothing_is_overwritten(send, store, clock, changed):
    item_id = new_id()
    [first] = send(item(id=item_id, kind="note", body=ORIGINAL))
    before = held(store, item_id)
    clock.advance(minutes=5)

    [result] = send(item(id=item_id, kind=changed["kind"], body=changed["body"]))

    assert result.status == CONFLICT
    assert result.receipt == first.receipt
    assert "nothing was overwritten" in result.message
    assert held(store, item_id) == before
    assert held(store, item_id)[0].body == ORIGINAL


def test_after_a_conflict_the_original_content_still_answers_duplicate(send):
    raw = item(body={"text": "original"})
    send(raw)
    send(item(id=raw["id"], body={"text": "edited"}))

    [again] = send(raw)

    assert again.status == DUPLICATE


# --- rejected: the envelope -----------------------------------------------------------

VALID_ID = "0b8f3a52-6c1e-4a7e-9d7a-2f4f1b1c9e10"
HEX = VALID_ID.replace("-", "")


def without(key: str) -> dict:
    """Return a valid item missing one key."""
    raw = item(id=VALID_ID)
    del raw[key]
    return raw


@pytest.mark.parametrize("raw, field", [
    pytest.param(without("id"), "id", id="id-missing"),
    pytest.param(item(id="nope"), "id", id="id-not-a-uuid"),
    pytest.param({**item(), "id": ""}, "id", id="id-empty"),
    pytest.param({**item(), "id": 123}, "id", id="id-a-number"),
    pytest.param({**item(), "id": None}, "id", id="id-null"),
    pytest.param(item(id=HEX), "id", id="id-without-hyphens"),
    pytest.param(item(id="{" + VALID_ID + "}"), "id", id="id-in-braces"),
    pytest.param(item(id="urn:uuid:" + VALID_ID), "id", id="id-as-urn"),
    pytest.param(item(id=VALID_ID[:-1] + "g"), "id", id="id-with-a-non-hex-digit"),
    # 36 characters, but not a UUID in its written form:
    pytest.param(item(id=HEX + "----"), "id", id="id-hyphens-at-the-end"),
    pytest.param(item(id="urn:" + HEX), "id", id="id-urn-prefix-36-chars"),
    pytest.param(item(id="{-" + HEX + "-}"), "id", id="id-braces-36-chars"),
    pytest.param(item(id="0x" + VALID_ID[2:]), "id", id="id-0x-prefix"),
    pytest.param(item(id="0_" + VALID_ID[2:]), "id", id="id-underscore"),
    pytest.param(item(id="+" + VALID_ID[1:]), "id", id="id-plus-sign"),
    pytest.param(item(id=" " + VALID_ID[1:]), "id", id="id-leading-space"),
    pytest.param(without("kind"), "kind", id="kind-missing"),
    pytest.param(item(kind="video"), "kind", id="kind-unknown"),
    pytest.param(item(kind="Note"), "kind", id="kind-wrong-case"),
    pytest.param({**item(), "kind": None}, "kind", id="kind-null"),
    pytest.param({**item(), "kind": ["note"]}, "kind", id="kind-a-list"),
    pytest.param(without("schema_version"), "schema_version", id="version-missing"),
    pytest.param(item(schema_version="1"), "schema_version", id="version-a-string"),
    pytest.param(item(schema_version=1.0), "schema_version", id="version-a-float"),
    pytest.param(item(schema_version=True), "schema_version", id="version-true"),
    pytest.param(item(schema_version=False), "schema_version", id="version-false"),
    pytest.param({**item(), "schema_version": None}, "schema_version", id="version-null"),
    pytest.param(item(schema_version=3), "schema_version", id="version-unsupported"),
    pytest.param(item(schema_version=0), "schema_version", id="version-zero"),
    pytest.param(item(kind="photo", schema_version=2), "schema_version", id="version-of-another-kind"),
    pytest.param(without("body"), "body", id="body-missing"),
    pytest.param({**item(), "body": None}, "body", id="body-null"),
    pytest.param(item(body=[]), "body", id="body-a-list"),
    pytest.param(item(body="text"), "body", id="body-a-string"),
    pytest.param(item(body=1), "body", id="body-a-number"),
    pytest.param(item(extra=1), "extra", id="unknown-key"),
    pytest.param(item(receipt=None), "receipt", id="unknown-key-null"),
])
def test_an_item_with_a_bad_envelope_is_rejected_naming_the_field_and_nothing_is_stored(send, store, kinds, raw, field):
    [result] = send(raw)

    assert result.status == REJECTED
    assert set(result.errors) == {field}
    assert result.receipt is None
    assert "not stored" in result.message
    assert store.items == {}
    assert all(kind.calls == [] for kind in kinds.values())


@pytest.mark.parametrize("raw", ["an item", 1, None, True, [], [VALID_ID]],
                         ids=["string", "number", "null", "true", "empty-list", "list"])
def test_an_item_that_is_not_an_object_is_rejected_without_an_id(send, store, raw):
    [result] = send(raw)

    assert (result.status, result.id) == (REJECTED, None)
    assert list(result.errors) == ["_item"]
    assert store.items == {}


def test_an_unknown_kind_is_rejected_listing_the_known_kinds(send):
    [result] = send(item(kind="video"))

    assert result.errors == {"kind": ["must be one of: note, photo"]}


def test_an_unsupported_schema_version_is_rejected_listing_the_supported_ones(send):
    [result] = send(item(kind="note", schema_version=7))

    assert result.errors == {"schema_version": ["must be one of: 1, 2"]}


def test_every_envelope_error_of_an_item_is_reported_at_once(send):
    [result] = send({"id": "nope", "kind": "video", "schema_version": "1", "body": [], "extra": 1})

    assert set(result.errors) == {"id", "kind", "schema_version", "body", "extra"}


@pytest.mark.parametrize("raw_id, shown", [
    pytest.param(VALID_ID, VALID_ID, id="valid-uuid"),
    pytest.param("nope", "nope", id="short-string"),
    pytest.param("x" * 65, None, id="string-over-64-chars"),
    pytest.param(42, None, id="not-a-string"),
])
def test_a_rejected_item_is_answered_with_its_id_when_it_can_be_shown(send, raw_id, shown):
    [result] = send({**item(kind="video"), "id": raw_id})

    assert (result.status, result.id) == (REJECTED, shown)


# --- rejected: the body ---------------------------------------------------------------

def test_body_errors_from_the_kind_come_back_under_errors_body(send, store):
    raw = item(body={"bad": 1, "text": "x"})

    [result] = send(raw)

    assert result.status == REJECTED
    assert result.id == raw["id"]
    assert result.errors == {"body": BAD_FIELD_ERRORS}
    assert result.receipt is None
    assert store.items == {}


def test_an_id_whose_body_was_rejected_is_accepted_once_the_body_is_fixed(send):
    item_id = new_id()
    send(item(id=item_id, body={"bad": 1}))

    [result] = send(item(id=item_id, body={"text": "fixed"}))

    assert result.status == ACCEPTED


def test_a_resend_that_todays_rules_refuse_is_a_duplicate_when_the_same_content_is_held(
        send, store, clock, kinds, monkeypatch):
    raw = item()
    [first] = send(raw)
    clock.advance(hours=1)
    monkeypatch.setattr(kinds["note"], "check", lambda *args: Checked(errors={"text": ["now refused"]}))

    [again] = send(raw)

    assert again.status == DUPLICATE
    assert again.receipt == first.receipt
    assert len(store.items) == 1


def test_a_refused_item_under_a_held_id_with_other_content_stays_refused(send, kinds, monkeypatch):
    raw = item()
    send(raw)
    monkeypatch.setattr(kinds["note"], "check", lambda *args: Checked(errors={"text": ["now refused"]}))

    [result] = send({**raw, "body": {**raw["body"], "count": 3}})

    assert result.status == REJECTED
    assert result.receipt is None


def test_a_refused_item_under_an_id_held_as_another_kind_stays_refused(send):
    item_id = new_id()
    send(item(id=item_id, kind="photo", body={"text": "x"}))

    [result] = send(item(id=item_id, kind="note", body={"text": "x", "bad": 1}))

    assert result.status == REJECTED


def test_a_refused_item_under_an_id_the_pusher_may_not_see_says_nothing_of_it(send, kinds, monkeypatch):
    class Hidden(MemoryStore):
        """Holds items of another department: this principal may not see them."""

        def held_items(self, principal, ids):
            return {i: replace(held, visible=False) for i, held in super().held_items(principal, ids).items()}

    hidden = Hidden()
    raw = item()
    send(raw, to=hidden)
    monkeypatch.setattr(kinds["note"], "check", lambda *args: Checked(errors={"text": ["now refused"]}))

    [result] = send(raw, to=hidden)

    assert result.status == REJECTED
    assert result.receipt is None
    assert result.errors == {"body": {"text": ["now refused"]}}


# --- batches --------------------------------------------------------------------------

def test_results_come_in_item_order_each_with_its_index(send):
    stored = item()
    send(stored)
    batch = [item(), item(body={"bad": 1}), stored, "not an item", item(id=stored["id"], body={"other": 1}),
             item(kind="video"), item()]

    results = send(*batch)

    assert [r.index for r in results] == list(range(len(batch)))
    assert [r.status for r in results] == [ACCEPTED, REJECTED, DUPLICATE, REJECTED, CONFLICT, REJECTED, ACCEPTED]
    assert [r.id for r in results] == [b["id"] if isinstance(b, dict) else None for b in batch]


def test_a_bad_item_never_blocks_the_others_in_a_mixed_batch(send, store):
    good = [item(), item(), item()]
    batch = [good[0], item(body={"bad": 1}), None, good[1], item(schema_version="x"), good[2]]

    results = send(*batch)

    assert [r.status for r in results] == [ACCEPTED, REJECTED, REJECTED, ACCEPTED, REJECTED, ACCEPTED]
    assert set(store.items) == {UUID(g["id"]) for g in good}


def test_every_item_accepted_in_one_push_has_the_same_receipt_time(send, clock):
    results = send(item(), item(), item())

    assert {r.receipt.received_at for r in results} == {clock.now}
    assert clock.readings == 1


@pytest.mark.parametrize("second_body, status", [
    pytest.param({"a": 1, "b": [1, 2]}, DUPLICATE, id="same-content"),
    pytest.param({"b": [1, 2], "a": 1}, DUPLICATE, id="same-content-other-key-order"),
    pytest.param({"a": 1, "b": [2, 1]}, CONFLICT, id="different-content"),
])
def test_the_same_id_twice_in_one_batch_stores_the_first_and_compares_the_second_with_it(
        send, store, second_body, status):
    item_id = new_id()

    first, second = send(item(id=item_id, body={"a": 1, "b": [1, 2]}), item(id=item_id, body=second_body))

    assert first.status == ACCEPTED
    assert second.status == status
    assert second.receipt == first.receipt
    assert held(store, item_id)[0].body == {"a": 1, "b": [1, 2]}


def test_the_same_id_twice_in_one_batch_after_a_rejected_first_is_accepted_the_second_time(send):
    item_id = new_id()

    first, second = send(item(id=item_id, body={"bad": 1}), item(id=item_id))

    assert (first.status, second.status) == (REJECTED, ACCEPTED)


def test_an_id_already_stored_and_sent_twice_in_one_batch_is_classified_against_the_store_both_times(send):
    item_id = new_id()
    [original] = send(item(id=item_id, body={"v": 1}))

    results = send(item(id=item_id, body={"v": 2}), item(id=item_id, body={"v": 1}))

    assert [r.status for r in results] == [CONFLICT, DUPLICATE]
    assert all(r.receipt == original.receipt for r in results)


def test_an_empty_batch_answers_an_empty_list_without_calling_the_store(send):
    failing = FailingStore()

    assert send(to=failing) == []
    assert failing.store_calls == 0


def test_a_batch_of_only_rejected_items_does_not_call_the_store(send):
    failing = FailingStore()

    results = send(item(body={"bad": 1}), "x", to=failing)

    assert [r.status for r in results] == [REJECTED, REJECTED]
    assert failing.store_calls == 0


# --- the request as a whole -----------------------------------------------------------

@pytest.mark.parametrize("protocol", [0, 2, "1", None, 1.5])
def test_an_unsupported_protocol_is_refused_as_a_whole_and_nothing_is_stored(send, store, protocol):
    with pytest.raises(UnsupportedProtocol, match="not supported"):
        send(item(), protocol=protocol)

    assert store.items == {}


def test_more_than_max_items_raises_batch_too_large_naming_the_limit_and_nothing_is_stored(send, store):
    with pytest.raises(BatchTooLarge) as raised:
        send(*[item() for _ in range(8)], max_items=7)

    assert re.search(r"\bat most 7\b", str(raised.value))
    assert store.items == {}


def test_exactly_max_items_is_stored(send, store):
    results = send(*[item() for _ in range(7)], max_items=7)

    assert [r.status for r in results] == [ACCEPTED] * 7
    assert len(store.items) == 7


def test_store_unavailable_propagates_and_nothing_is_half_stored(send):
    failing = FailingStore(failures=1)
    batch = [item(), item(body={"bad": 1}), item()]

    with pytest.raises(StoreUnavailable):
        send(*batch, to=failing)

    assert failing.items == {}
    assert failing.store_calls == 1


def test_after_store_unavailable_resending_the_whole_batch_is_accepted_not_duplicate(send, clock):
    failing = FailingStore(failures=1)
    batch = [item(), item()]
    with pytest.raises(StoreUnavailable):
        send(*batch, to=failing)
    clock.advance(seconds=30)

    results = send(*batch, to=failing)

    assert [r.status for r in results] == [ACCEPTED, ACCEPTED]
    assert all(r.receipt.received_at == clock.now for r in results)


class OutOfSightStore(MemoryStore):
    """A store whose every already-held id belongs to something the pusher may not see."""

    def store_items(self, principal, items, received_at):
        held = super().store_items(principal, items, received_at)
        return {key: (value if value.inserted else replace(value, visible=False)) for key, value in held.items()}


@pytest.mark.parametrize("same_content", [True, False])
def test_an_id_held_out_of_the_pushers_sight_is_rejected_without_a_receipt(same_content):
    store = OutOfSightStore()
    first = item(body={"text": "original"})
    push(store, PRINCIPAL, push_request([first]), make_kinds(), max_items=MAX_ITEMS)
    again = dict(first) if same_content else item(id=first["id"], body={"text": "other"})

    [result] = push(store, PRINCIPAL, push_request([again]), make_kinds(), max_items=MAX_ITEMS)

    assert result.status == REJECTED
    assert result.receipt is None
    assert set(result.errors) == {"id"}


@pytest.mark.parametrize("spoil", [{"owner": "someone else"}, {"schema_version": "1"}, {"schema_version": True}])
def test_a_refused_item_with_a_forged_envelope_stays_refused_even_when_its_content_is_held(send, spoil):
    raw = item()
    send(raw)

    [result] = send({**raw, **spoil})

    assert result.status == REJECTED
    assert result.receipt is None


# --- codes of envelope refusals -----------------------------------------------------------

def _codes(errors: dict) -> dict:
    """What the server's field_codes does with coded messages, for plain Python: each message's code."""
    return {key: [message.code for message in messages] for key, messages in errors.items()}


@pytest.mark.parametrize(("raw", "expected"), [
    ("not an object", {"_item": ["type"]}),
    ({**item(), "extra": 1}, {"extra": ["unknown"]}),
    ({**item(), "id": "nope"}, {"id": ["uuid"]}),
    ({**item(), "kind": "nope"}, {"kind": ["one_of"]}),
    ({**item(), "schema_version": "1"}, {"schema_version": ["type"]}),
    ({**item(), "schema_version": 99}, {"schema_version": ["one_of"]}),
    ({**item(), "body": []}, {"body": ["type"]}),
])
def test_an_envelope_refusal_is_coded_by_the_codes_function_the_caller_gives(store, clock, kinds, raw, expected):
    [result] = push(store, PRINCIPAL, push_request([raw]), kinds, max_items=MAX_ITEMS, clock=clock, codes=_codes)

    assert result.status == REJECTED
    assert result.error_codes == expected
    assert all(type(m) is not str for messages in result.errors.values() for m in messages)  # coded messages


def test_without_a_codes_function_an_envelope_refusal_carries_only_its_english(send):
    [result] = send({**item(), "id": "nope"})

    assert result.error_codes is None and result.errors["id"]
