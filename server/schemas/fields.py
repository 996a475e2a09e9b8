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


def Text(max_length: int, **kwargs):
    """A string of bounded length."""
    return fields.String(validate=validate.Length(max=max_length), **kwargs)


def Choice(options, **kwargs):
    """A string from a closed vocabulary."""
    return fields.String(validate=validate.OneOf(options), **kwargs)


def Moment(**kwargs):
    """An ISO 8601 / RFC 3339 time with an explicit offset (naive times are ambiguous across devices)."""
    return fields.AwareDateTime(format="iso", **kwargs)
