"""Data classes for what travels in a sync exchange: requests, items, receipts, results, changes."""
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from sync.cursor import Cursor

PROTOCOL_VERSION = 1

ACCEPTED = "accepted"
DUPLICATE = "duplicate"
CONFLICT = "conflict"
REJECTED = "rejected"


@dataclass(frozen=True)
class Principal:
    """Who is syncing: the user behind the device token, and the device itself."""

    user_id: int
    role: str
    department_id: int | None
    device_id: UUID


@dataclass(frozen=True)
class PushRequest:
    """One push: the protocol version the client speaks, its device and the raw items."""

    protocol: int
    device_id: UUID
    items: list[Any]


@dataclass(frozen=True)
class Checked:
    """A kind's verdict on a body: field errors, or the record the store will write.

    A refusal may carry a ``reason`` (e.g. ``sensitive_text``), the ``spans`` that caused it
    (``[{field, start, end, kind}]``, offsets only, never the words), its own ``message``, and
    ``codes``: ``errors`` as ``{code, params}`` per message (same keys, same order), for a client
    to say each in its user's language (the server makes them: server/field_codes.py).
    """

    errors: dict | None = None
    record: Any = None
    reason: str | None = None
    spans: list | None = None
    message: str | None = None
    codes: dict | None = None


@dataclass(frozen=True)
class ValidItem:
    """An item that passed every check and is ready to store."""

    index: int
    id: UUID
    kind: str
    schema_version: int
    body: dict
    sha256: str
    record: Any = None
    # Content hashes of the blobs (photos) the body references, in body order; None for
    # a kind that never references blobs.
    blobs: tuple[str, ...] | None = None
    # The body's canonical JSON (what ``sha256`` hashes), when the check kept it: a store may
    # write it as it is instead of encoding the body once more.
    canonical: bytes | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Receipt:
    """The server's word that it holds an item: when it arrived and the hash of what arrived."""

    received_at: datetime
    sha256: str

    def to_dict(self) -> dict:
        """Return the JSON form sent to clients."""
        return {"received_at": iso_time(self.received_at), "sha256": self.sha256}


@dataclass(frozen=True)
class StoredItem:
    """What the store holds under an id after a push: its kind, receipt, whether this push wrote it,
    and whether the pusher may see it (if not, nothing about it may be told).

    ``refusal``: field errors (of the body) when the store refused the item itself and holds nothing under
    its id, for a rule only the store can decide at the moment of writing (one answer per question, when
    two phones answer at once); ``receipt`` is then None.
    """

    kind: str
    receipt: Receipt | None
    inserted: bool
    visible: bool = True
    refusal: dict | None = None


@dataclass(frozen=True)
class ItemResult:
    """The answer for one pushed item, in the position the item had in the batch."""

    index: int
    id: str | None
    status: str
    receipt: Receipt | None = None
    errors: dict | None = None
    message: str | None = None
    # Referenced blobs the server does not hold yet; set (possibly empty) only on accepted
    # and duplicate results of kinds that reference blobs.
    missing_blobs: list[str] | None = None
    # A rejection's machine-readable reason, and the spans of never-collected text that caused it.
    reason: str | None = None
    sensitive: list[dict] | None = None
    # ``errors`` as codes (same keys; one ``{code, params}`` per message, ``code`` null where none says it),
    # beside the English: a phone shows each in its user's language. Absent when no message has a code.
    error_codes: dict | None = None

    def to_dict(self) -> dict:
        """Return the JSON form sent to clients, leaving out empty parts."""
        out: dict[str, Any] = {"index": self.index, "id": self.id, "status": self.status}
        if self.receipt is not None:
            out["receipt"] = self.receipt.to_dict()
        if self.missing_blobs is not None:
            out["missing_blobs"] = self.missing_blobs
        if self.errors is not None:
            out["errors"] = self.errors
        if self.error_codes is not None:
            out["error_codes"] = self.error_codes
        if self.message is not None:
            out["message"] = self.message
        if self.reason is not None:
            out["reason"] = self.reason
        if self.sensitive is not None:
            out["sensitive"] = self.sensitive
        return out


@dataclass(frozen=True)
class Change:
    """One entry of the change log as a user receives it on pull."""

    txid: int
    seq: int
    kind: str
    entity_id: str
    op: str
    data: dict = field(default_factory=dict)

    @property
    def cursor(self) -> Cursor:
        """Return the position just after this change."""
        return Cursor(self.txid, self.seq)

    def to_dict(self) -> dict:
        """Return the JSON form sent to clients."""
        return {"kind": self.kind, "id": self.entity_id, "op": self.op, "data": self.data}


@dataclass(frozen=True)
class PullPage:
    """A page of changes, the cursor to resume from, whether more are waiting, and whether some are held back.

    ``held_back``: changes after this page are committed but not handed out yet, because a transaction
    that began before them is still running (see ``Store.changes_after``); pull again in a moment.
    """

    changes: list[Change]
    cursor: Cursor
    has_more: bool
    held_back: bool = False


# The last time formatted, by identity: every receipt of a push carries the one ``received_at``.
_last_formatted: tuple[datetime | None, str] = (None, "")


def iso_time(moment: datetime) -> str:
    """Format a UTC datetime as ISO 8601 with a Z, to the millisecond."""
    global _last_formatted
    last = _last_formatted  # one read: another thread may replace it, never half of it
    if moment is last[0]:
        return last[1]
    text = moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    _last_formatted = (moment, text)
    return text
