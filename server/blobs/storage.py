"""The blob storage port and its filesystem implementation.

Blobs are addressed by the hex SHA-256 of their bytes, so a name always means the same
content: writing one twice is harmless, and a blob is never changed in place.
"""
import os
import re
import tempfile
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

_SHA256 = re.compile(r"[0-9a-f]{64}")


class StorageUnavailable(Exception):
    """The blob store cannot be reached or refused to work; nothing was stored, try again later."""


def check_name(sha256: str) -> None:
    """Refuse anything but a lowercase hex SHA-256 as a blob name (no path or key tricks)."""
    if not _SHA256.fullmatch(sha256):
        raise ValueError("a blob name is a lowercase hex SHA-256")


@dataclass(frozen=True)
class Stray:
    """A stored thing older than the purge's cutoff that may be nobody's: ``temp`` (a half-written
    upload, always stray) or ``blob`` (whole bytes under ``name``, stray when no row names them)."""

    name: str
    kind: str
    size: int
    where: object  # how the storage finds it again (a path, an object key)


class BlobStorage(ABC):
    """Where blob bytes live; the database's ``blobs`` table says which ones the server holds.

    ``strays`` and ``remove_stray`` let the purge delete bytes no row names (a crash, or a store
    that was down, between a row's removal and its bytes'), on every storage.
    """

    @abstractmethod
    def put(self, sha256: str, data: bytes) -> None:
        """Store ``data`` under its hash, durably and atomically: whole under its name, or absent."""

    @abstractmethod
    def get(self, sha256: str) -> bytes | None:
        """Return the bytes stored under a hash, or None."""

    @abstractmethod
    def exists(self, sha256: str) -> bool:
        """Say whether bytes are stored under a hash."""

    @abstractmethod
    def delete(self, sha256: str) -> int:
        """Delete the bytes stored under a hash (redaction, retention); return how many bytes went (0: absent)."""

    @abstractmethod
    def strays(self, before: float):
        """Yield a ``Stray`` for everything stored before ``before`` (epoch seconds) that may be nobody's."""

    @abstractmethod
    def remove_stray(self, stray: Stray) -> bool:
        """Delete a stray; say whether this call removed it (False: gone already, another host's)."""


class FileBlobStorage(BlobStorage):
    """Blobs as files ``<root>/ab/cd/<sha256>``: two levels of fan-out keep directories small."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        """Return the file a blob lives in; refuses anything but a lowercase hex SHA-256 (no path tricks)."""
        check_name(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, sha256: str, data: bytes) -> None:
        """Write to a temporary file, fsync it, rename it into place and fsync the directory.

        A crash at any point leaves either no file under the final name or the whole one;
        at worst a stray ``.tmp-*`` file, which is never read.
        """
        final = self.path(sha256)
        if final.exists():
            return
        final.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=final.parent, prefix=".tmp-")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, final)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        _fsync_dir(final.parent)

    def get(self, sha256: str) -> bytes | None:
        """Read a blob's bytes, or None if absent."""
        try:
            return self.path(sha256).read_bytes()
        except FileNotFoundError:
            return None

    def exists(self, sha256: str) -> bool:
        """Say whether the blob's file exists."""
        return self.path(sha256).is_file()

    def delete(self, sha256: str) -> int:
        """Unlink the blob's file; several hosts may try at once, and only the one that unlinked it counts it."""
        path = self.path(sha256)
        try:
            size = path.stat().st_size
            path.unlink()
        except FileNotFoundError:
            return 0
        return size

    def strays(self, before: float):
        """Files last written before ``before``: ``.tmp-*`` uploads and files named like a blob."""
        if not self.root.is_dir():
            return
        for path in self.root.glob("??/??/*"):
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            if stat.st_mtime >= before:
                continue
            if path.name.startswith(".tmp-"):
                yield Stray(path.name, "temp", stat.st_size, path)
            elif _SHA256.fullmatch(path.name):
                yield Stray(path.name, "blob", stat.st_size, path)

    def remove_stray(self, stray: Stray) -> bool:
        """Unlink the stray's file; only the host whose unlink removed it counts it."""
        try:
            stray.where.unlink()
        except FileNotFoundError:
            return False
        return True


def _fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable (POSIX; a no-op where directories can't be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
