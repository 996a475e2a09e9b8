"""The Encounter Log sync protocol, as plain Python.

Why a package of its own: the rules that decide whether a report is stored, answered
as a duplicate, refused as a conflict or rejected are the product's promise that
"nothing is ever lost and nothing is stored twice". They are tested here against an
in-memory store, without Flask or a database; ``server/`` supplies the SQL store.
"""
from sync.envelope import (
    PROTOCOL_VERSION,
    Change,
    Checked,
    ItemResult,
    PullPage,
    PushRequest,
    Receipt,
    ValidItem,
)
from sync.cursor import Cursor, CursorSeal
from sync.errors import (
    BatchTooLarge,
    BadCursor,
    StoreUnavailable,
    SyncError,
    UnsupportedProtocol,
)
from sync.protocol import pull, push

__all__ = [
    "PROTOCOL_VERSION", "Change", "Checked", "Cursor", "CursorSeal", "ItemResult", "PullPage",
    "PushRequest", "Receipt", "ValidItem", "BatchTooLarge", "BadCursor",
    "StoreUnavailable", "SyncError", "UnsupportedProtocol", "pull", "push",
]
