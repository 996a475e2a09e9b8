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
from functools import cache, lru_cache

import jsonschema_rs
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import Schema

from server.schemas.fields import is_strict_int, parse_moment


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


@lru_cache(maxsize=8192)
def parse_moment_once(text: str):
    """``parse_moment``, remembered: the validator and the record builder read the same times, parsed once."""
    return parse_moment(text)


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


def _walk(tree: tuple, value) -> bool:
    """Check every integer and time the tree names in ``value``, in one pass over it."""
    want_int, want_moment, children = tree
    if want_int and not is_strict_int(value):
        return False
    if want_moment and not _moment_ok(value):
        return False
    for key, sub in children:
        if key == "*":
            if type(value) is list:
                for element in value:
                    if element is not None and not _walk(sub, element):
                        return False
        elif type(value) is dict:
            child = value.get(key)
            if child is not None and not _walk(sub, child):
                return False
    return True


class BodyValidator:
    """Validate JSON bodies against a marshmallow schema with a compiled fast path."""

    def __init__(self, schema_cls: type[Schema], cross_field=None):
        self.schema = schema_cls()
        derived = json_schema_for(schema_cls)
        self._compiled = jsonschema_rs.validator_for(derived, validate_formats=True)
        # Strict integers and times, walked as one tree: one pass over the body instead of one per path (push speed).
        self._typed = _tree(_typed_paths(derived))
        self._cross_field = cross_field

    def errors(self, body) -> dict:
        """Return marshmallow-style field errors, or an empty dict when the body is valid."""
        if self.fast_verdict(body):
            return self._cross_field(body) if self._cross_field else {}
        return self.schema.validate(body)

    def fast_verdict(self, body) -> bool:
        """Return the fast path's verdict alone: compiled schema, then strict integers and times."""
        return self._compiled.is_valid(body) and _walk(self._typed, body)


@cache
def validator(schema_cls: type[Schema], cross_field=None) -> BodyValidator:
    """Return the shared validator for a schema (compiled once per process)."""
    return BodyValidator(schema_cls, cross_field)
