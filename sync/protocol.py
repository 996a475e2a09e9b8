"""Push and pull: the two operations of the sync protocol (see docs/sync-protocol.md)."""
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime, timezone
from typing import Protocol
from uuid import UUID

from encounter.field_message import coded
from sync.canonical import canonical_with_sha256, content_sha256
from sync.cursor import CursorSeal
from sync.envelope import (
    ACCEPTED, CONFLICT, DUPLICATE, PROTOCOL_VERSION, REJECTED,
    Checked, ItemResult, Principal, PullPage, PushRequest, ValidItem,
)
from sync.errors import BatchTooLarge, UnsupportedProtocol
from sync.store import Store

ITEM_KEYS = frozenset({"id", "kind", "schema_version", "body"})
# The envelope's refusals, each with its code (the table in server/field_codes.py): a phone says them in its
# user's words. A phone that builds its items right meets them only when it and the server disagree on the
# protocol (an app out of date) or when an id is refused.
NOT_AN_OBJECT = coded("type", "each item must be a JSON object")
UNKNOWN_KEY = coded("unknown", "unknown field")
NOT_A_UUID = coded("uuid", "must be a UUID string, e.g. 0b8f3a52-6c1e-4a7e-9d7a-2f4f1b1c9e10")
NOT_AN_INTEGER = coded("type", "must be an integer")
BODY_NOT_AN_OBJECT = coded("type", "must be a JSON object")
UNAVAILABLE_ID = coded("taken", "this id cannot be used; give the item a new id and push it again")
FieldCodes = Callable[[dict], dict | None]


class Kind(Protocol):
    """What the protocol needs to know of one kind of item (an encounter, an answer…)."""

    schema_versions: frozenset[int]

    def check(self, principal: Principal, schema_version: int, body: dict) -> Checked:
        """Validate a body for this principal and prepare the record the store writes."""


class BlobKind(Kind, Protocol):
    """A kind whose bodies reference blobs (photos) that are uploaded separately, by content hash."""

    def blob_hashes(self, body: dict) -> tuple[str, ...]:
        """Return the hex SHA-256 of every blob a checked body references, once each, in body order."""


def utcnow() -> datetime:
    """Return the current time in UTC; the default clock of ``push``."""
    return datetime.now(timezone.utc)


def push(
    store: Store,
    principal: Principal,
    request: PushRequest,
    kinds: Mapping[str, Kind],
    *,
    max_items: int,
    clock: Callable[[], datetime] = utcnow,
    codes: FieldCodes | None = None,
) -> list[ItemResult]:
    """Store a batch and answer one result per item, in order; a bad item never blocks the others.

    ``codes`` makes a refusal's ``error_codes`` from its field errors (the server passes
    ``server.field_codes.codes_or_none``, the one place codes are made); without it only the kinds' own
    refusals carry codes.
    """
    if type(request.protocol) is not int or request.protocol != PROTOCOL_VERSION:
        raise UnsupportedProtocol(
            f"protocol version {request.protocol!r} is not supported; this server speaks {PROTOCOL_VERSION}")
    if len(request.items) > max_items:
        raise BatchTooLarge(f"a push carries at most {max_items} items; this one has {len(request.items)}")
    results: list[ItemResult | None] = [None] * len(request.items)
    first: dict[UUID, ValidItem] = {}
    repeats: list[ValidItem] = []
    refused: list[tuple[int, dict]] = []
    for index, raw in enumerate(request.items):
        checked = _check_item(index, raw, principal, kinds, codes)
        if isinstance(checked, ItemResult):
            results[index] = checked
            if _could_be_held(raw, kinds):
                refused.append((index, raw))
        elif checked.id in first:
            repeats.append(checked)
        else:
            first[checked.id] = checked
    held = store.store_items(principal, list(first.values()), clock()) if first else {}
    stored_items = list(first.values()) + repeats
    for item in stored_items:
        stored = held[item.id]
        if stored.refusal is not None:
            results[item.index] = _rejected(item.index, str(item.id), {"body": stored.refusal}, codes)
            continue
        fresh = stored.inserted and first[item.id] is item
        if not stored.visible:
            # The id holds something this principal may not see: saying "duplicate" or "conflict"
            # (with its receipt) would reveal that it exists. Only "use another id".
            results[item.index] = _rejected(item.index, str(item.id), {"id": [UNAVAILABLE_ID]}, codes)
            continue
        results[item.index] = _classify(item, stored.kind, stored.receipt, fresh)
    if refused:
        stored_items += _held_already(store, principal, refused, kinds, results)
    _mark_missing_blobs(store, principal, stored_items, results)
    return results  # type: ignore[return-value]


def _could_be_held(raw, kinds: Mapping[str, Kind]) -> bool:
    """Whether a refused item could be a phone's resend: a canonical id, a known kind, a body, an integer
    version and no envelope key a phone never sends (a forged envelope is refused, whatever it names)."""
    if not isinstance(raw, dict) or not raw.keys() <= ITEM_KEYS:
        return False
    version = raw.get("schema_version")
    return (isinstance(raw.get("body"), dict) and _parse_uuid(raw.get("id")) is not None
            and isinstance(version, int) and not isinstance(version, bool)
            and isinstance(raw.get("kind"), str) and raw["kind"] in kinds)


def _held_already(store: Store, principal: Principal, refused: list[tuple[int, dict]], kinds: Mapping[str, Kind],
                  results: list) -> list[ValidItem]:
    """Turn refusals of items the store already holds, byte for byte, into duplicates.

    A phone re-sends when an answer was lost in transit; if the rules grew stricter in between
    (a new sensitive-text pattern, a field that became required), today's check refuses what was
    accepted then. "Rejected" would tell the employee the City stored nothing, which is false, and
    their change would then conflict with the held copy. What the store holds wins: the same
    content under the same id is a duplicate with its first receipt. Nothing is said of an id this
    principal may not see, nor of one holding other content (that stays refused).
    Return the duplicates as items (the held copy passed every check when it came), so their
    photos are checked like any duplicate's.
    """
    held = store.held_items(principal, [_parse_uuid(raw["id"]) for _, raw in refused])
    again = []
    for index, raw in refused:
        item_id, kind_name, body = _parse_uuid(raw["id"]), raw["kind"], raw["body"]
        stored = held.get(item_id)
        if not stored or not stored.visible or stored.kind != kind_name:
            continue
        sha = content_sha256(body)
        if stored.receipt.sha256 != sha:
            continue
        results[index] = ItemResult(index, str(item_id), DUPLICATE, stored.receipt)
        blob_hashes = getattr(kinds[kind_name], "blob_hashes", None)
        again.append(ValidItem(index, item_id, kind_name, raw.get("schema_version"), body, sha, None,
                               tuple(blob_hashes(body)) if blob_hashes else None))
    return again


def _mark_missing_blobs(store: Store, principal: Principal, items: list[ValidItem], results: list) -> None:
    """Tell, on each held item that references blobs, which of them the server lacks from the pusher.

    Also on duplicates: a client that re-pushes after uploading learns the item is now complete.
    """
    held = [item for item in items if item.blobs is not None and results[item.index].status in (ACCEPTED, DUPLICATE)]
    wanted = {sha for item in held for sha in item.blobs}
    absent = store.missing_blobs(principal, wanted) if wanted else set()
    for item in held:
        results[item.index] = replace(results[item.index], missing_blobs=[sha for sha in item.blobs if sha in absent])


def pull(store: Store, principal: Principal, cursor_text: str | None, limit: int, seal: CursorSeal) -> PullPage:
    """Return the changes visible to ``principal`` after the cursor, at most ``limit`` of them.

    The page's cursor is a position; the caller hands it to the client as ``seal.seal(page.cursor)``.
    """
    cursor = seal.open(cursor_text, store.legacy_ceiling)
    changes, held_back = store.changes_after(principal, cursor, limit + 1)
    has_more = len(changes) > limit
    changes = changes[:limit]
    return PullPage(changes, changes[-1].cursor if changes else cursor, has_more, held_back and not has_more)


def _classify(item: ValidItem, kind: str, receipt, fresh: bool) -> ItemResult:
    """Decide accepted / duplicate / conflict for an item the store now holds an id for."""
    sid = str(item.id)
    if fresh:
        return ItemResult(item.index, sid, ACCEPTED, receipt)
    if kind == item.kind and receipt.sha256 == item.sha256:
        return ItemResult(item.index, sid, DUPLICATE, receipt)
    return ItemResult(item.index, sid, CONFLICT, receipt,
                      message="an item with this id and different content is already stored; nothing was overwritten")


def _check_item(index: int, raw, principal: Principal, kinds: Mapping[str, Kind],
                codes: FieldCodes | None = None) -> ValidItem | ItemResult:
    """Check one item's envelope and body; return a ValidItem or a rejected result."""
    if not isinstance(raw, dict):
        return _rejected(index, None, {"_item": [NOT_AN_OBJECT]}, codes)
    raw_id = raw.get("id")
    item_id = _parse_uuid(raw_id)
    errors: dict[str, list[str]] = {}
    if not raw.keys() <= ITEM_KEYS:
        for key in sorted(set(raw) - ITEM_KEYS):
            errors[str(key)[:64]] = [UNKNOWN_KEY]
    if item_id is None:
        errors["id"] = [NOT_A_UUID]
    kind_name = raw.get("kind")
    kind = kinds.get(kind_name) if isinstance(kind_name, str) else None
    if kind is None:
        errors["kind"] = [coded("one_of", f"must be one of: {', '.join(sorted(kinds))}", choices=sorted(kinds))]
    version = raw.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        errors["schema_version"] = [NOT_AN_INTEGER]
    elif kind is not None and version not in kind.schema_versions:
        versions = sorted(kind.schema_versions)
        errors["schema_version"] = [coded("one_of", f"must be one of: {', '.join(map(str, versions))}", choices=versions)]
    body = raw.get("body")
    if not isinstance(body, dict):
        errors["body"] = [BODY_NOT_AN_OBJECT]
    if errors:
        return _rejected(index, _shown_id(item_id, raw_id), errors, codes)
    checked = kind.check(principal, version, body)
    if checked.errors:
        rejected = _rejected(index, _shown_id(item_id, raw_id), {"body": checked.errors})
        if checked.codes:
            rejected = replace(rejected, error_codes={"body": checked.codes})
        if checked.reason is None:
            return rejected
        return replace(rejected, reason=checked.reason, sensitive=checked.spans,
                       message=checked.message or rejected.message)
    blob_hashes = getattr(kind, "blob_hashes", None)
    blobs = tuple(blob_hashes(body)) if blob_hashes else None
    canonical, sha = canonical_with_sha256(body)
    return ValidItem(index, item_id, kind_name, version, body, sha, checked.record, blobs, canonical)


def _shown_id(item_id: UUID | None, raw_id) -> str | None:
    """The id a rejection names: the canonical UUID, else what was sent if it is a short string.

    Worked out only for a rejection: an accepted item's result names ``str(item.id)`` itself.
    """
    if item_id is not None:
        return str(item_id)
    return raw_id if isinstance(raw_id, str) and len(raw_id) <= 64 else None


def _rejected(index: int, item_id: str | None, errors: dict, codes: FieldCodes | None = None) -> ItemResult:
    """Build a rejected result with field errors, and their codes when ``codes`` makes them."""
    return ItemResult(index, item_id, REJECTED, errors=errors, error_codes=codes(errors) if codes else None,
                      message="the item was not stored; fix the fields named and resend")


_UUID_FORM = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _parse_uuid(value) -> UUID | None:
    """Parse only the canonical 8-4-4-4-12 form: ``UUID()`` alone also takes braces, urn: and 0x,
    which would map different client strings to one id."""
    if not isinstance(value, str) or not _UUID_FORM.fullmatch(value):
        return None
    return UUID(value)
