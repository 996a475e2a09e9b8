"""Push tells, per item whose kind references blobs, which of them the server still lacks."""
import hashlib

import pytest

from sync import push
from sync.envelope import ACCEPTED, CONFLICT, DUPLICATE, REJECTED, Checked
from sync.memory import MemoryStore
from tests.sync.fakes import OTHER_DEPARTMENT, PRINCIPAL, FakeClock, FakeKind, item, new_id, push_request

A, B, C = (hashlib.sha256(name).hexdigest() for name in (b"page 1", b"page 2", b"page 3"))


class AlbumKind(FakeKind):
    """A kind whose bodies list blob hashes under ``photos``."""

    def blob_hashes(self, body: dict) -> tuple[str, ...]:
        """Return the listed hashes once each, in order."""
        return tuple(dict.fromkeys(body.get("photos", ())))


class SpyStore(MemoryStore):
    """A MemoryStore that records every missing_blobs call."""

    def __init__(self):
        super().__init__()
        self.asked: list[set[str]] = []

    def missing_blobs(self, principal, hashes):
        """Record the question, then answer it."""
        self.asked.append(set(hashes))
        return super().missing_blobs(principal, hashes)


@pytest.fixture
def store() -> SpyStore:
    return SpyStore()


@pytest.fixture
def send(store):
    """Push raw items as the test principal to a store that knows an album kind and a plain note kind."""
    kinds = {"album": AlbumKind("album"), "note": FakeKind("note")}

    def send(*items):
        return push(store, PRINCIPAL, push_request(list(items)), kinds, max_items=50, clock=FakeClock())
    return send


def album(photos, id=None, **body) -> dict:
    """Build an album item listing ``photos``."""
    return item(id=id, kind="album", body={"photos": list(photos), **body})


def test_an_accepted_item_lists_the_blobs_the_store_lacks_in_body_order(send, store):
    store.add_blob(B, PRINCIPAL.user_id)

    [result] = send(album([C, A, B]))

    assert result.status == ACCEPTED
    assert result.missing_blobs == [C, A]
    assert result.to_dict()["missing_blobs"] == [C, A]


def test_a_blob_only_another_user_uploaded_is_missing_for_the_pusher(send, store):
    store.add_blob(A, OTHER_DEPARTMENT.user_id)

    [result] = send(album([A]))

    assert result.missing_blobs == [A]


def test_a_blob_listed_twice_is_reported_missing_once(send):
    [result] = send(album([A, A]))

    assert result.missing_blobs == [A]


def test_a_re_push_after_the_upload_answers_duplicate_with_nothing_missing(send, store):
    raw = album([A, B])
    [first] = send(raw)
    store.add_blob(A, PRINCIPAL.user_id)
    store.add_blob(B, PRINCIPAL.user_id)

    [again] = send(raw)

    assert first.missing_blobs == [A, B]
    assert again.status == DUPLICATE
    assert again.missing_blobs == []
    assert again.to_dict()["missing_blobs"] == []


def test_an_item_without_photos_of_a_blob_kind_says_nothing_is_missing(send, store):
    [result] = send(album([]))

    assert result.to_dict()["missing_blobs"] == []
    assert store.asked == []


def test_a_kind_that_references_no_blobs_has_no_missing_blobs_key(send):
    [result] = send(item(kind="note"))

    assert result.status == ACCEPTED
    assert result.missing_blobs is None
    assert "missing_blobs" not in result.to_dict()


def test_conflicts_and_rejections_carry_no_missing_blobs(send):
    shared = new_id()
    send(album([A], id=shared))

    conflict, rejected = send(album([A, B], id=shared), album([A], bad=True))

    assert (conflict.status, rejected.status) == (CONFLICT, REJECTED)
    assert "missing_blobs" not in conflict.to_dict()
    assert "missing_blobs" not in rejected.to_dict()


def test_the_store_is_asked_once_per_batch(send, store):
    store.add_blob(C, PRINCIPAL.user_id)

    first, second = send(album([A, C]), album([B, C]))

    assert store.asked == [{A, B, C}]
    assert (first.missing_blobs, second.missing_blobs) == ([A], [B])


def test_the_store_is_told_the_blob_hashes_of_each_item(send, store):
    raw = album([B, A, B])

    send(raw)

    held, _receipt = next(iter(store.items.values()))
    assert held.blobs == (B, A)


def test_a_blob_kind_is_consulted_only_for_bodies_it_accepted():
    class Refusing(AlbumKind):
        def check(self, principal, schema_version, body):
            return Checked(errors={"photos": ["not today"]})

        def blob_hashes(self, body):
            raise AssertionError("blob_hashes called on a rejected body")

    store = MemoryStore()
    [result] = push(store, PRINCIPAL, push_request([album([A])]), {"album": Refusing("album")}, max_items=5)

    assert result.status == REJECTED
