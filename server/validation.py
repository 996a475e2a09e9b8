"""Validation of bulk bodies: marshmallow decides, a compiled JSON Schema answers fast.

Why: marshmallow costs ~0.4 ms to load one 2 KB report, too slow to ingest thousands a
second on two cores. The JSON Schema that apispec derives from the same marshmallow
schema (the one the OpenAPI document shows) is compiled by jsonschema-rs and checks a
report in microseconds. A body the compiled schema accepts is valid; one it refuses
is handed to marshmallow, whose verdict and field-level messages are final. So the
marshmallow schema stays the one place the rules live, and
``tests/api/test_validation_agreement.py`` pins that the two agree.

JSON Schema cannot say everything the strict fields say (3.0 is an integer there; RFC
3339 admits leap seconds and the year 0000), so after the compiled check the integer
and date-time values it found are checked once more with the same functions the
marshmallow fields use (``server/schemas/fields.py``).
"""
from collections.abc import Callable
from functools import cache

import jsonschema_rs
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import Schema

from server.schemas.fields import is_strict_int, parse_moment_once


def json_schema_for(schema_cls: type[Schema]) -> dict:
    """Derive a self-contained JSON Schema (refs inlined) from a marshmallow schema via apispec."""
    spec = APISpec("derived", "1", "3.1.0", plugins=[MarshmallowPlugin()])
    spec.components.schema(schema_cls.__name__, schema=schema_cls)
    components = spec.to_dict()["components"]["schemas"]

    def inline(node):
        if isinstance(node, dict):
            if "$ref" in node:
                return inline(components[node["$ref"].rsplit("/", 1)[-1]])
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(value) for value in node]
        return node

    return inline(components[schema_cls.__name__])


def _typed_paths(schema: dict, path=()):
    """Yield (path, check) for every integer and date-time value a schema describes; "*" is any list element."""
    types = schema.get("type")
    types = set(types) if isinstance(types, list) else {types}
    if "integer" in types:
        yield path, "int"
    if schema.get("format") == "date-time":
        yield path, "moment"
    for name, sub in (schema.get("properties") or {}).items():
        yield from _typed_paths(sub, path + (name,))
    if isinstance(schema.get("items"), dict):
        yield from _typed_paths(schema["items"], path + ("*",))


def _moment_ok(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parse_moment_once(value)
    except ValueError:
        return False
    return True


def _tree(pairs) -> tuple:
    """Merge (path, kind) pairs into one tree: (int here?, moment here?, ((key, subtree), ...))."""
    root: dict = {}
    for path, kind in pairs:
        node = root
        for part in path:
            node = node.setdefault(part, {})
        node.setdefault(None, set()).add(kind)

    def freeze(node: dict) -> tuple:
        kinds = node.get(None, ())
        return ("int" in kinds, "moment" in kinds, tuple((k, freeze(v)) for k, v in node.items() if k is not None))

    return freeze(root)


def _checker(tree: tuple) -> Callable[[object], bool]:
    """Compile the tree into one function that checks every integer and time it names in a value.

    Why compiled: walking the tree generically cost a call and a tuple unpacking per node and
    per list element (~40 a report); here a leaf is ``is_strict_int`` or ``_moment_ok`` itself,
    and an inner node loops over prepared (key, checker) pairs. Same verdict: every check holds.
    """
    want_int, want_moment, children = tree
    own = (is_strict_int,) * want_int + (_moment_ok,) * want_moment
    if not children and len(own) == 1:
        return own[0]
    items = next((_checker(sub) for key, sub in children if key == "*"), None)
    fields = tuple((key, _checker(sub)) for key, sub in children if key != "*")

    def check(value) -> bool:
        for ok in own:
            if not ok(value):
                return False
        if items is not None and type(value) is list:
            for element in value:
                if element is not None and not items(element):
                    return False
        if fields and type(value) is dict:
            get = value.get
            for key, ok in fields:
                child = get(key)
                if child is not None and not ok(child):
                    return False
        return True

    return check


class BodyValidator:
    """Validate JSON bodies against a marshmallow schema with a compiled fast path."""

    def __init__(self, schema_cls: type[Schema], cross_field=None):
        self.schema = schema_cls()
        derived = json_schema_for(schema_cls)
        self._compiled = jsonschema_rs.validator_for(derived, validate_formats=True)
        # Strict integers and times, checked as one tree: one pass over the body instead of one per path (push speed).
        self._typed = _checker(_tree(_typed_paths(derived)))
        self._cross_field = cross_field

    def errors(self, body) -> dict:
        """Return marshmallow-style field errors, or an empty dict when the body is valid."""
        if self.fast_verdict(body):
            return self._cross_field(body) if self._cross_field else {}
        return self.schema.validate(body)

    def fast_verdict(self, body) -> bool:
        """Return the fast path's verdict alone: compiled schema, then strict integers and times."""
        return self._compiled.is_valid(body) and self._typed(body)


@cache
def validator(schema_cls: type[Schema], cross_field=None) -> BodyValidator:
    """Return the shared validator for a schema (compiled once per process)."""
    return BodyValidator(schema_cls, cross_field)
