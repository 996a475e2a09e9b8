"""Strict field variants: JSON types are taken as sent, never coerced ("1" is not 1, 1 is not true,
3.0 is not 3, a time without an offset is not a time).

Strictness keeps the marshmallow schemas and the JSON Schema derived from them (see
``server/validation.py``) in agreement. Where JSON Schema cannot say as much (3.0 is an
"integer" there; RFC 3339 admits leap seconds), the fast path calls the very functions
below (``is_strict_int``, ``parse_moment``), so the two cannot drift apart.
"""
import re
from datetime import date, datetime, timezone
from functools import lru_cache

from marshmallow import ValidationError, fields, validate

from encounter.field_message import coded

# PostgreSQL cannot store U+0000 in text or JSONB: refuse it at the edge, field by field,
# instead of failing the whole transaction later.
# The largest id a row can have (an INTEGER column): a larger one names nothing, and SQLite cannot even bind it.
LARGEST_ID = 2_147_483_647
NO_NUL = validate.Regexp(r"^[^\x00]*$", error=coded("nul", "must not contain NUL (U+0000) characters"))


def not_blank(value: str) -> None:
    """Refuse text of spaces only: it says nothing, yet would pass a length of at least 1."""
    if not value.strip():
        raise ValidationError(coded("blank", "must not be blank"))

# RFC 3339 with an explicit offset, as JSON Schema's date-time; no leap seconds (Python has none).
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})")
# A report happens in this century: keeps every time storable after conversion to UTC.
EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(2100, 1, 1, tzinfo=timezone.utc)
# Coded: a phone whose clock was reset (to 1970, say) is told so in its user's words.
OUT_OF_YEARS = coded("years", f"must be between the years {EARLIEST.year} and {LATEST.year - 1}",
                     min=EARLIEST.year, max=LATEST.year - 1)


def parse_moment(text) -> datetime:
    """Parse an RFC 3339 time with offset into an aware datetime, or raise ValueError saying why."""
    if not isinstance(text, str) or not _MOMENT.fullmatch(text):
        raise ValueError("must be an RFC 3339 time with an offset, e.g. 2026-11-21T15:04:05Z")
    moment = datetime.fromisoformat(text)
    if not EARLIEST <= moment < LATEST:
        raise ValueError(OUT_OF_YEARS)
    return moment


# ``parse_moment``, remembered: the validator, the cross-field rules and the record builder read the
# same times, parsed once. The cache wraps the function itself (no frame of its own: 17 times a report).
parse_moment_once = lru_cache(maxsize=8192)(parse_moment)


def is_strict_int(value) -> bool:
    """True for a JSON integer as parsed (not a bool, not a whole float)."""
    return type(value) is int


class StrictBoolean(fields.Boolean):
    """true or false only (Python's ``1 == True`` would let 1 through ``truthy={True}``)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if value is True or value is False:
            return value
        raise self.make_error("invalid")


class StrictInteger(fields.Integer):
    """A JSON integer only: not a bool, not 3.0, not "3"."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not is_strict_int(value):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class Rfc3339(fields.DateTime):
    """An RFC 3339 time with an explicit offset (naive times are ambiguous across devices)."""

    default_error_messages = {"invalid": "must be an RFC 3339 time with an offset, e.g. 2026-11-21T15:04:05Z"}

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return parse_moment(value)
        except ValueError as exc:
            raise ValidationError(exc.args[0]) from None  # the message itself: OUT_OF_YEARS keeps its code


class StrictNumber(fields.Float):
    """A JSON number only: not a bool, not "34.05"."""

    def _deserialize(self, value, attr, data, **kwargs):
        if type(value) not in (int, float):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


def Number(low: float, high: float, **kwargs):
    """A JSON number within a range."""
    return StrictNumber(validate=validate.Range(low, high), **kwargs)


def Bool(**kwargs):
    """A JSON boolean, or null when ``allow_none`` (null means "not known")."""
    return StrictBoolean(**kwargs)


def Int(low: int = 0, high: int = 999, **kwargs):
    """A JSON integer within a range."""
    return StrictInteger(strict=True, validate=validate.Range(low, high), **kwargs)


def Text(max_length: int, min_length: int | None = None, **kwargs):
    """A string of bounded length without NUL characters."""
    return fields.String(validate=[validate.Length(min=min_length, max=max_length), NO_NUL], **kwargs)


def Choice(options, **kwargs):
    """A string from a closed vocabulary."""
    return fields.String(validate=validate.OneOf(options), **kwargs)


def Moment(**kwargs):
    """An RFC 3339 time with an explicit offset, in 2000–2099."""
    return Rfc3339(**kwargs)


def Day(**kwargs) -> fields.Date:
    """A calendar day (YYYY-MM-DD) in 2000–2099, like every time a report carries.

    Why bounded: a period filter adds a day to its end; 9999-12-31 would overflow (a 500),
    and no report can fall outside the years a report's times may take.
    """
    return fields.Date(validate=validate.Range(min=EARLIEST.date(), max=date(2099, 12, 31),
                                               error="must be a day between 2000-01-01 and 2099-12-31"), **kwargs)
