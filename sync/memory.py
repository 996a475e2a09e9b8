"""An in-memory Store: the reference semantics of the port, used by the protocol's tests."""
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from uuid import UUID

from sync.cursor import Cursor
from sync.envelope import Change, Principal, Receipt, StoredItem, ValidItem
from sync.store import Store


class MemoryStore(Store):
    """Holds items and changes in dicts; ``visible`` decides which changes a principal may pull."""

    def __init__(self, visible: Callable[[Principal, dict], bool] = lambda principal, audience: True,
                 legacy_ceiling: Cursor = Cursor(2**63 - 1, 2**63 - 1)):
        self._lock = threading.Lock()
        self.items: dict[UUID, tuple[ValidItem, Receipt]] = {}
        self.changes: list[tuple[Change, dict]] = []
        self.blobs: set[tuple[str, int]] = set()  # (content hash, uploader's user id)
        self._visible = visible
        self._legacy_ceiling = legacy_ceiling

    def store_items(self, principal: Principal, items: list[ValidItem], received_at: datetime) -> dict[UUID, StoredItem]:
        """Store items whose ids are free; answer what each id holds."""
        with self._lock:
            out = {}
            for item in items:
                inserted = item.id not in self.items
                if inserted:
                    self.items[item.id] = (item, Receipt(received_at, item.sha256))
                held, receipt = self.items[item.id]
                out[item.id] = StoredItem(held.kind, receipt, inserted)
            return out

    def held_items(self, principal: Principal, ids: list[UUID]) -> dict[UUID, StoredItem]:
        """Return what each held id holds (every item is visible to everyone here)."""
        with self._lock:
            return {item_id: StoredItem(self.items[item_id][0].kind, self.items[item_id][1], False)
                    for item_id in ids if item_id in self.items}

    def record_change(self, kind: str, entity_id: str, data: dict, audience: dict | None = None, op: str = "upsert") -> Change:
        """Append a change for the principals that ``visible`` admits given ``audience``."""
        with self._lock:
            change = Change(0, len(self.changes) + 1, kind, entity_id, op, data)
            self.changes.append((change, audience or {}))
            return change

    def changes_after(self, principal: Principal, cursor: Cursor, limit: int) -> tuple[list[Change], bool]:
        """Return visible changes after the cursor (none is ever held back: each change is whole when recorded)."""
        with self._lock:
            found = [c for c, audience in self.changes if c.cursor > cursor and self._visible(principal, audience)]
            return found[:limit], False

    def legacy_ceiling(self) -> Cursor:
        """Return the ceiling given at construction (by default none: every plain position reads as sent)."""
        return self._legacy_ceiling

    def add_blob(self, sha256: str, user_id: int) -> None:
        """Hold a blob (by its content hash) as uploaded by ``user_id``, as their upload would."""
        with self._lock:
            self.blobs.add((sha256, user_id))

    def missing_blobs(self, principal: Principal, hashes: Iterable[str]) -> set[str]:
        """Return the hashes the principal has not uploaded."""
        with self._lock:
            return {sha for sha in hashes if (sha, principal.user_id) not in self.blobs}
