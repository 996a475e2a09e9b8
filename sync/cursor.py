"""Pull cursors: an opaque position in the change log that never skips a change.

A change is ordered by ``(txid, seq)``. ``seq`` is the change log's autoincrement id;
``txid`` is the id of the database transaction that wrote it (PostgreSQL), or 0 where
the database serialises writers so that ``seq`` already follows commit order (SQLite).
Ids alone skip changes on PostgreSQL: a transaction that took id 7 may commit after
one that took id 8, and a reader who saw 8 and moved past it would never see 7. The
store therefore only hands out changes of transactions older than every transaction
still running (see ``server/sync_store.py``), and the cursor remembers the last
``(txid, seq)`` handed out.
"""
from dataclasses import dataclass

from sync.errors import BadCursor

_PREFIX = "c1"
_MAX = 2**63 - 1


@dataclass(frozen=True, order=True)
class Cursor:
    """A position in the change log; ``Cursor.start()`` is before every change."""

    txid: int = 0
    seq: int = 0

    @classmethod
    def start(cls) -> "Cursor":
        """Return the position before the first change."""
        return cls(0, 0)

    def encode(self) -> str:
        """Return the opaque string form handed to clients."""
        return f"{_PREFIX}.{self.txid}.{self.seq}"

    @classmethod
    def decode(cls, text: str | None) -> "Cursor":
        """Parse a client's cursor; an empty one means the start; anything else malformed raises BadCursor."""
        if not text:
            return cls.start()
        parts = text.split(".")
        # isascii: str.isdigit() also admits "²" and full-width digits.
        if (len(parts) != 3 or parts[0] != _PREFIX
                or not all(p.isascii() and p.isdigit() and len(p) <= 19 for p in parts[1:])):
            raise BadCursor("cursor is not one this server issued; start again without a cursor")
        txid, seq = int(parts[1]), int(parts[2])
        if txid > _MAX or seq > _MAX:  # the database stores both as signed 64-bit integers
            raise BadCursor("cursor is not one this server issued; start again without a cursor")
        return cls(txid, seq)
