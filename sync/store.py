"""The port the protocol needs from storage; ``server/sync_store.py`` and ``sync/memory.py`` implement it."""
from abc import ABC, abstractmethod
from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from sync.cursor import Cursor
from sync.envelope import Change, Principal, StoredItem, ValidItem


class Store(ABC):
    """Durable storage of pushed items and the change log users pull from."""

    @abstractmethod
    def store_items(self, principal: Principal, items: list[ValidItem], received_at: datetime) -> dict[UUID, StoredItem]:
        """Store each item unless its id is taken, atomically, and return what is held under every id.

        Must be all-or-nothing per item even if the process dies, and must store one
        id once even when two connections push it at the same moment. An item a rule of
        the store refuses (``StoredItem.refusal``) leaves its id free. Raises
        ``StoreUnavailable`` on a transient failure, having stored nothing.
        """

    @abstractmethod
    def held_items(self, principal: Principal, ids: list[UUID]) -> dict[UUID, StoredItem]:
        """Return what the store holds under those of ``ids`` it holds, storing nothing.

        ``visible`` says whether ``principal`` may see each; ``inserted`` is false. Raises
        ``StoreUnavailable`` on a transient failure.
        """

    @abstractmethod
    def changes_after(self, principal: Principal, cursor: Cursor, limit: int) -> tuple[list[Change], bool]:
        """Return up to ``limit`` changes visible to ``principal`` after ``cursor``, in cursor order, and
        whether visible changes after them are held back.

        Must never return a change whose position could later be preceded by a change
        not yet committed: a reader that resumes from the last change returned skips nothing.
        Changes that are committed but held back for that reason make the second value true, so the
        reader knows to ask again soon instead of at its next occasion (a phone's first pull after
        sign-in would otherwise show no checklist until the next sync).
        """

    @abstractmethod
    def legacy_ceiling(self) -> Cursor:
        """Return the last position ever handed out in plain form (``c1.``), before cursors were sealed.

        A plain cursor past it was forged; it is read as this position (``sync/cursor.py``).
        """

    @abstractmethod
    def missing_blobs(self, principal: Principal, hashes: Iterable[str]) -> set[str]:
        """Return those of ``hashes`` (hex SHA-256 of blob contents) ``principal`` has not uploaded themselves.

        Bytes held under someone else's upload count as missing: "held" would tell the pusher that
        another report holds them, and only their own upload makes the photo readable through their report.

        Raises ``StoreUnavailable`` on a transient failure.
        """
