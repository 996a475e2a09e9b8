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


def _getter(path):
    """Compile a path into a function returning the list of non-null values found there (hot path)."""
    if not path:
        return lambda node: [] if node is None else [node]
    head, inner = path[0], _getter(path[1:])
    if head == "*":
        return lambda node: [v for element in node for v in inner(element)] if isinstance(node, list) else []
    return lambda node: inner(node.get(head)) if isinstance(node, dict) else []


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


def _checker(path, kind):
    """Compile one (path, kind) pair into a predicate over a body."""
    get = _getter(path)
    ok = is_strict_int if kind == "int" else _moment_ok
    return lambda body: all(ok(value) for value in get(body))


class BodyValidator:
    """Validate JSON bodies against a marshmallow schema with a compiled fast path."""

    def __init__(self, schema_cls: type[Schema], cross_field=None):
        self.schema = schema_cls()
        derived = json_schema_for(schema_cls)
        self._compiled = jsonschema_rs.validator_for(derived, validate_formats=True)
        self._checks = tuple(_checker(path, kind) for path, kind in _typed_paths(derived))
        self._cross_field = cross_field

    def errors(self, body) -> dict:
        """Return marshmallow-style field errors, or an empty dict when the body is valid."""
        if self.fast_verdict(body):
            return self._cross_field(body) if self._cross_field else {}
        return self.schema.validate(body)

    def fast_verdict(self, body) -> bool:
        """Return the fast path's verdict alone: compiled schema, then strict integers and times."""
        return self._compiled.is_valid(body) and all(check(body) for check in self._checks)


@cache
def validator(schema_cls: type[Schema], cross_field=None) -> BodyValidator:
    """Return the shared validator for a schema (compiled once per process)."""
    return BodyValidator(schema_cls, cross_field)
