"""``error_codes``: each field message of an error as ``{code, params}``, for a client to put in its own words.

Why beside ``errors`` and not in place of it: the phone (``serverErrors``), the OpenAPI document and every
client written so far read ``errors`` as ``{field: [English]}``. ``error_codes`` has the same keys and, at
each leaf, one entry per message in the same order; ``code`` is null where the message has none, and the
client shows the English then. Codes come from two sources, in this order:

1. the message itself, a ``FieldMessage`` (``encounter/field_message.py``) made where a rule refuses;
2. the schema that refused the request: the field's own message table (``required``, ``null``, a wrong
   JSON type) or the validator that gives that message, run again on the value sent (validators are pure).

The codes (the desk's ``desk.field_error.*`` and the phone's ``refusal.*`` keys are made from them, in one
place: ``pwa/src/field-errors.js``). A push's rejected item carries them too (``error_codes`` of the item's
result): the body's made by the kinds (``server/kinds.py``), the envelope's (``_item``, ``id``, ``kind``,
``schema_version``, ``body`` as a whole, an unknown key) by ``sync.push`` through ``codes_or_none``, from the
coded messages of ``sync/protocol.py``:

============  ==============================================  ===========================
code          meaning                                         params
============  ==============================================  ===========================
required      the field is missing (or empty where needed)
null          null is not allowed here
type          not the JSON type the field takes
unknown       a field the request may not carry
length        text length                                     min?, max?, equal?
count         number of items in a list                       min?, max?, equal?
range         a number or day out of bounds                   min?, max?
one_of        not one of the allowed values                   choices
blank         only spaces
nul           holds a NUL character
pattern       not of the field's form (a specific code is better: below)
slug          lower-case letters, digits and single hyphens
code_chars    letters, digits, '-' or '_'
username      letters, digits, '.', '_', '-' or '@'
uuid          not a UUID
years         a time outside the years a report may take      min, max (years)
              (a phone's clock reset to 1970, say)
phone         not a telephone number
email, url    not an e-mail address / URL
duplicate     a value given twice, or used by another step    value?, step?
inactive      a record no longer active for the sender (a
              site deactivated after the phone downloaded it)
never_coll…   ``never_collected``: a key the City never       key
              collects (encounter/vocabulary.py)
sensitive     free text that looks like never-collected data  kinds (the door's span kinds)
taken         already used by another record                  value?
              (a pushed item's id held by a report the
              pusher may not see: no value)
not_found     names nothing (a department code, a user)       value?
answered      a follow-up question that already has its
              answer (a pushed ``answer``)
not_allowed   not allowed in this request (with these values)
citywide      a citywide role given a department
both_or_none  give both values or neither
before_start  an end before its start (days, times)           start (the start's field)
future        a time given for the past that is later than
              now (beyond a phone clock's drift)
too_old       a time given for the past older than the rule   days
              allows (a report's given start)
============  ==============================================  ===========================
"""
import logging
from collections.abc import Mapping
from datetime import date

from marshmallow import Schema, ValidationError, fields, validate

from encounter.field_message import FieldMessage

log = logging.getLogger(__name__)

# A field's message table key → code.
_KEYS = {"required": "required", "null": "null", "invalid": "type", "type": "type", "invalid_utf8": "type",
         "format": "type", "invalid_uuid": "type", "too_large": "range"}
# A validator's class → code; the first that matches (subclasses before their base).
_VALIDATORS = ((validate.Email, "email"), (validate.URL, "url"), (validate.Range, "range"),
               (validate.OneOf, "one_of"), (validate.ContainsOnly, "one_of"), (validate.Regexp, "pattern"))


def error_codes(errors, schema: Schema | None = None, data=None):
    """``errors`` as codes (same keys, ``{code, params}`` per message), or None when no message has a code.

    ``schema`` and ``data`` are the schema that refused and what it was given (flask-smorest's argument
    errors nest them under the location, ``{"json": {...}}``, which is followed).
    """
    if not isinstance(errors, Mapping):
        return None
    if schema is not None and len(errors) == 1 and next(iter(errors)) in ("json", "query", "form", "path"):
        location = next(iter(errors))
        tree = {location: _schema_codes(errors[location], schema, data)}
    else:
        tree = _schema_codes(errors, schema, data)
    return tree if _any_code(tree) else None


def codes_or_none(errors, schema: Schema | None = None, data=None):
    """``error_codes``, or None (logged) when working them out failed: a refusal never fails for its codes."""
    try:
        return error_codes(errors, schema, data)
    except Exception:  # noqa: BLE001
        log.exception("field codes failed; answering with the English messages only")
        return None


def _schema_codes(messages, schema, data):
    if not isinstance(messages, Mapping):
        return _leaf(messages, None, data, schema)
    by_key = {(field.data_key or name): field for name, field in schema.load_fields.items()} if schema else {}
    out = {}
    for key, value in messages.items():
        field = by_key.get(key)
        sub = data.get(key) if isinstance(data, Mapping) else None
        codes = _field_codes(value, field, sub, schema if field is None and key != "_schema" else None)
        if codes is not None:
            out[key] = codes
    return out


def _field_codes(value, field, data, parent):
    """Codes of one field's messages: a list of strings, or a dict for a nested schema, list or dict field."""
    if isinstance(value, list):
        return _leaf(value, field, data, parent)
    if not isinstance(value, Mapping):
        return None
    if isinstance(field, fields.Nested):
        return _schema_codes(value, field.schema, data)
    if isinstance(field, (fields.List, fields.Dict)):
        out = {}
        for key, sub in value.items():
            item = _list_item if isinstance(field, fields.List) else _dict_item
            codes = item(field, key, sub, data)
            if codes is not None:
                out[key] = codes
        return out
    return _schema_codes(value, None, None)


def _list_item(field, key, messages, data):
    """Codes of the list's item at index ``key``."""
    index = int(key) if str(key).isdigit() else -1
    item = data[index] if isinstance(data, list) and 0 <= index < len(data) else None
    return _field_codes(messages, field.inner, item, None)


def _dict_item(field, key, messages, data):
    """Codes of a dict's entry ``key``: marshmallow says ``{"key": [...], "value": [...]}`` for it."""
    if not isinstance(messages, Mapping):
        return _field_codes(messages, None, None, None)
    value = data.get(key) if isinstance(data, Mapping) else None
    sides = {"key": (field.key_field, key), "value": (field.value_field, value)}
    out = {}
    for side, sub in messages.items():
        inner, item = sides.get(side, (None, None))
        codes = _field_codes(sub, inner, item, None)
        if codes is not None:
            out[side] = codes
    return out


def _leaf(messages, field, value, parent):
    if not isinstance(messages, list) or not all(isinstance(m, str) for m in messages):
        return None  # not messages (e.g. a refused move's allowed states, the door's spans)
    return [_code(message, field, value, parent) for message in messages]


def _code(message: str, field, value, parent) -> dict:
    """One message's ``{code, params}``; ``code`` None when nothing says what it means."""
    if isinstance(message, FieldMessage):
        return {"code": message.code, "params": message.params}
    if field is None:
        if parent is not None and message == parent.error_messages["unknown"]:
            return {"code": "unknown", "params": {}}
        return {"code": None, "params": {}}
    for key, text in field.error_messages.items():
        if message == text and key in _KEYS:
            return {"code": _KEYS[key], "params": {}}
    value = _typed(field, value)
    for validator in field.validators:
        try:
            validator(value)
        except ValidationError as refusal:
            if message in refusal.messages:
                return _validator_code(validator, value)
        except Exception:  # noqa: BLE001  a value the validator cannot take (None, a number): not the one that refused
            continue
    return {"code": None, "params": {}}


def _typed(field, value):
    """``value`` as the field reads it, for its validators: a query string sends "7" for a number and
    "9999-12-31" for a day, which a range validator cannot compare (the message would go without a code).
    The raw value when the field cannot read it (then the type's message, not a validator's, was given)."""
    try:
        return field._deserialize(value, None, None)
    except Exception:  # noqa: BLE001  any refusal: keep the raw value
        return value


def _validator_code(validator, value) -> dict:
    if isinstance(validator, validate.Length):
        params = {name: getattr(validator, name) for name in ("min", "max", "equal")
                  if getattr(validator, name) is not None}
        return {"code": "length" if isinstance(value, str) else "count", "params": params}
    for kind, code in _VALIDATORS:
        if isinstance(validator, kind):
            if code == "range":
                return {"code": code, "params": {name: _json(getattr(validator, name)) for name in ("min", "max")
                                                 if getattr(validator, name) is not None}}
            if code == "one_of":
                return {"code": code, "params": {"choices": [_json(c) for c in validator.choices]}}
            return {"code": code, "params": {}}
    return {"code": None, "params": {}}


def _json(value):
    return value.isoformat() if isinstance(value, date) else value


def _any_code(tree) -> bool:
    if isinstance(tree, list):
        return any(entry["code"] for entry in tree)
    return isinstance(tree, Mapping) and any(_any_code(value) for value in tree.values())
