"""Strict field variants: JSON types are taken as sent, never coerced ("1" is not 1, "yes" is not true).

Strictness also keeps the marshmallow schemas and the JSON Schema derived from them
(see ``server/validation.py``) in agreement on what is valid.
"""
from marshmallow import fields, validate


def Bool(**kwargs):
    """A JSON boolean, or null when ``allow_none`` (null means "not known")."""
    return fields.Boolean(truthy={True}, falsy={False}, **kwargs)


def Int(low: int = 0, high: int = 999, **kwargs):
    """A JSON integer within a range."""
    return fields.Integer(strict=True, validate=validate.Range(low, high), **kwargs)


# PostgreSQL cannot store U+0000 in text or JSONB: refuse it at the edge, field by field,
# instead of failing the whole transaction later.
NO_NUL = validate.Regexp(r"^[^\x00]*$", error="must not contain NUL (U+0000) characters")


def Text(max_length: int, min_length: int | None = None, **kwargs):
    """A string of bounded length without NUL characters."""
    return fields.String(validate=[validate.Length(min=min_length, max=max_length), NO_NUL], **kwargs)


def Choice(options, **kwargs):
    """A string from a closed vocabulary."""
    return fields.String(validate=validate.OneOf(options), **kwargs)


def Moment(**kwargs):
    """An ISO 8601 / RFC 3339 time with an explicit offset (naive times are ambiguous across devices)."""
    return fields.AwareDateTime(format="iso", **kwargs)
