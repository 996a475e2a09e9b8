"""Canonical JSON and its SHA-256: what makes "the same content" decidable.

The canonical form is UTF-8 JSON with object keys sorted and no insignificant white
space (as orjson writes it with OPT_SORT_KEYS). Two pushes of one item are duplicates
exactly when their canonical bodies hash alike, whatever key order or spacing the
client used.
"""
import hashlib

import orjson


def canonical_bytes(value) -> bytes:
    """Return the canonical JSON encoding of a JSON-compatible value."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def content_sha256(value) -> str:
    """Return the hex SHA-256 of the canonical JSON encoding of ``value``."""
    return hashlib.sha256(canonical_bytes(value)).hexdigest()


def canonical_with_sha256(value) -> tuple[bytes, str]:
    """Return the canonical JSON encoding of ``value`` and its hex SHA-256 (the encoding kept for a store to write)."""
    encoded = canonical_bytes(value)
    return encoded, hashlib.sha256(encoded).hexdigest()
