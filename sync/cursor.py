"""Pull cursors: a sealed position in the change log that never skips a change.

A change is ordered by ``(txid, seq)``. ``seq`` is the change log's autoincrement id;
``txid`` is the id of the database transaction that wrote it (PostgreSQL), or 0 where
the database serialises writers so that ``seq`` already follows commit order (SQLite).
Ids alone skip changes on PostgreSQL: a transaction that took id 7 may commit after
one that took id 8, and a reader who saw 8 and moved past it would never see 7. The
store therefore only hands out changes of transactions older than every transaction
still running (see ``server/sync_store.py``), and the cursor remembers the last
``(txid, seq)`` handed out.

Both numbers are citywide: the gap between two cursors a liaison received would count
other departments' questions and status moves, and the txid every write on the server.
So clients get the position sealed (``c2.``: AES-SIV, deterministic, with a key derived
from the app's secret): they can neither read it nor forge one. The plain form
(``c1.<txid>.<seq>``) that phones received before stays readable, but only up to the
last position the plain form was ever issued for (``legacy_ceiling``): past it a forged
plain cursor would again tell the position of the changes it brings back.
"""
import base64
import binascii
import hashlib
import hmac
import struct
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV

from sync.errors import BadCursor

_PLAIN = "c1"
_SEALED = "c2."
_MAX = 2**63 - 1
_POSITION = struct.Struct(">QQ")
_SEALED_LENGTH = 43  # base64url of the 16-byte synthetic IV and the 16-byte position, unpadded
_REFUSAL = "cursor is not one this server issued; start again without a cursor"


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
        """Return the plain string form (what phones received before cursors were sealed)."""
        return f"{_PLAIN}.{self.txid}.{self.seq}"

    @classmethod
    def decode(cls, text: str | None) -> "Cursor":
        """Parse a plain cursor; an empty one means the start; anything else malformed raises BadCursor."""
        if not text:
            return cls.start()
        parts = text.split(".")
        # isascii: str.isdigit() also admits "²" and full-width digits.
        if (len(parts) != 3 or parts[0] != _PLAIN
                or not all(p.isascii() and p.isdigit() and len(p) <= 19 for p in parts[1:])):
            raise BadCursor(_REFUSAL)
        txid, seq = int(parts[1]), int(parts[2])
        if txid > _MAX or seq > _MAX:  # the database stores both as signed 64-bit integers
            raise BadCursor(_REFUSAL)
        return cls(txid, seq)


class CursorSeal:
    """Seals cursors for clients and opens what they send back (sealed, or plain from an older phone)."""

    def __init__(self, secret: str | bytes):
        secret = secret.encode() if isinstance(secret, str) else secret
        # A key of its own: the app's secret also signs other things, and AES-SIV wants 64 bytes.
        key = b"".join(hmac.digest(secret, b"encounter-log pull cursor %d" % i, hashlib.sha256) for i in (1, 2))
        self._aead = AESSIV(key)

    def seal(self, cursor: Cursor) -> str:
        """Return the opaque form handed to clients; the same position always seals to the same text."""
        sealed = self._aead.encrypt(_POSITION.pack(cursor.txid, cursor.seq), None)
        return _SEALED + base64.urlsafe_b64encode(sealed).rstrip(b"=").decode()

    def open(self, text: str | None, legacy_ceiling: Callable[[], Cursor]) -> Cursor:
        """Return the position a client's cursor names; raise BadCursor for one this server never issued.

        A plain cursor is clamped to ``legacy_ceiling()`` (asked only then): the answer never
        depends on a plain position past the last one the plain form was issued for.
        """
        if not text or not text.startswith(_SEALED):
            cursor = Cursor.decode(text)
            return cursor if cursor == Cursor.start() else min(cursor, legacy_ceiling())
        body = text[len(_SEALED):]
        if len(body) != _SEALED_LENGTH or not body.isascii():
            raise BadCursor(_REFUSAL)
        try:
            plain = self._aead.decrypt(base64.urlsafe_b64decode(body + "="), None)
        except (InvalidTag, binascii.Error, ValueError):
            raise BadCursor(_REFUSAL) from None
        txid, seq = _POSITION.unpack(plain)
        return Cursor(txid, seq)
