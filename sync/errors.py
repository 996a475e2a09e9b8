"""Exceptions of the sync protocol; the web layer maps each to one HTTP status."""


class SyncError(Exception):
    """Base class: a request the protocol refuses as a whole."""


class UnsupportedProtocol(SyncError):
    """The client speaks a protocol version this server does not (HTTP 400)."""


class BatchTooLarge(SyncError):
    """More items than one push may carry (HTTP 413); the message names the limit."""


class BadCursor(SyncError):
    """A pull cursor that this server never issued (HTTP 400)."""


class StoreUnavailable(SyncError):
    """The store failed transiently; nothing was stored and the client may resend all (HTTP 503)."""
