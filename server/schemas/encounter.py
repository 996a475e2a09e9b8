"""The encounter report (kind ``encounter``, schema version 1) as marshmallow reads it at the edge.

Every list, limit and field group comes from the core (``encounter/vocabulary.py``); this
module only says how each is loaded. What must never be collected has no field, and
unknown fields are refused: a body carrying ``immigration_status`` or a detained
resident's name cannot be stored. Counts of people, never their identities. Booleans
may be null: "not known".
"""
from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from encounter import form, vocabulary as v
from encounter.field_message import coded
from server.models.types import utcnow
from server.schemas.fields import Bool, Choice, Int, Moment, Number, Text, parse_moment_once

_DESCRIPTIONS = {"agent_names_and_badges": "what agents gave: names, badge numbers, supervisor contact",
                 "staff_witnesses": "city staff who witnessed it", "detained_count": "a count only; never names"}


class StepResultSchema(Schema):
    """One checklist step as answered on the phone."""

    class Meta:
        unknown = RAISE

    step_id = Text(v.STEP_ID_MAX, required=True)
    result = Choice(v.STEP_RESULTS, required=True)
    at = Moment(required=True)


class PhotoRefSchema(Schema):
    """A photo the report refers to by content hash; the bytes travel separately."""

    class Meta:
        unknown = RAISE

    # Exact length as well: "$" alone also matches before a trailing newline.
    sha256 = fields.String(required=True, validate=[validate.Length(equal=64), validate.Regexp(r"^[0-9a-f]+$")])
    size = Int(1, v.PHOTO_BYTES_MAX, required=True)
    type = Choice(v.PHOTO_TYPES, required=True)


class LocationSchema(Schema):
    """Optional device location, only if the employee chose to attach it."""

    class Meta:
        unknown = RAISE

    lat = Number(-90, 90, required=True)
    lon = Number(-180, 180, required=True)
    accuracy_m = Number(0, 100_000, allow_none=True)


def _body_fields() -> dict:
    """Build the report's fields from the vocabulary: one field per name, typed by its group."""
    out = {
        "site": Text(v.SITE_CODE_MAX, metadata={"description": "site code from the department's site list"}),
        "checklist_version_id": Int(1, 2_147_483_647, required=True),
        "area_type": Choice(v.AREA_TYPES),
        "document_type": Choice(v.DOCUMENT_TYPES),
        "outcome": Choice(v.OUTCOMES, allow_none=True),
        "language": Choice(v.LANGUAGES),
        "started_at": Moment(required=True, metadata={
            "description": "when the encounter began: the Start tap, or the time the employee gave (start_given)"}),
        # Added 2026-12 (docs/sync-protocol.md): absent on older phones, whose start is always the tap.
        "start_given": Bool(allow_none=True, metadata={
            "description": "true: the employee gave started_at, reporting after the agents left"}),
        "tapped_at": Moment(allow_none=True, metadata={
            "description": "with start_given: when the employee tapped Start, writing the report (the start's bound)"}),
        "photos": fields.List(fields.Nested(PhotoRefSchema), validate=validate.Length(max=v.PHOTOS_MAX)),
        "steps": fields.List(fields.Nested(StepResultSchema), required=True, validate=validate.Length(max=v.STEPS_MAX)),
        "location": fields.Nested(LocationSchema, allow_none=True),
    }
    for name in v.LIST_FIELDS:
        out[name] = fields.List(Choice(v.CHOICES[name]), validate=validate.Length(max=len(v.CHOICES[name])))
    for name, choices in v.CHOICES.items():
        out.setdefault(name, Choice(choices, allow_none=True))
    for name in v.TIME_FIELDS:
        out.setdefault(name, Moment(allow_none=True))
    low, high = v.COUNT_RANGE
    out.update({name: Int(low, high, allow_none=True) for name in v.COUNT_FIELDS})
    out.update({name: Bool(allow_none=True) for name in v.YES_NO_FIELDS})
    out.update({name: Text(limit) for name, limit in v.TEXT_LIMITS.items()})
    for name in form.REQUIRED:  # what a report cannot be without: the core's list, which the phone checks too
        out[name].required = True
    for name, text in _DESCRIPTIONS.items():
        out[name].metadata = {**out[name].metadata, "description": text}
    return out


class _EncounterBodyBase(Schema):
    """The report as the phone sends it."""

    class Meta:
        unknown = RAISE

    @validates_schema(pass_original=True)
    def _cross_field(self, data, original, **kwargs):
        """Run the rules that span fields (shared with the fast path)."""
        errors = cross_field_errors(original)
        if errors:
            raise ValidationError(errors)


def cross_field_errors(body: dict) -> dict:
    """Return errors for rules spanning fields; ``body`` is the raw JSON, already field-valid."""
    errors: dict[str, list[str]] = {}
    started = body.get("started_at")
    if body.get("start_given") is True and isinstance(started, str):
        errors.update(_given_start_errors(started, body.get("tapped_at")))
    for name in form.NOT_BEFORE_START:  # refused, never rewritten: the employee's time stands or is fixed by them
        moment = body.get(name)
        if isinstance(started, str) and isinstance(moment, str):
            try:
                if form.before_start(parse_moment_once(moment), parse_moment_once(started)):
                    errors[name] = [coded("before_start", "must not be before started_at", start="started_at")]
            except ValueError:
                pass  # the field itself carries that error
    steps = body.get("steps") or []
    ids = [s.get("step_id") for s in steps if isinstance(s, dict)]
    if len(ids) != len(set(ids)):
        errors["steps"] = [coded("duplicate", "each step_id may appear once")]
    return errors


_GIVEN_START_MESSAGES = {
    "future": lambda: coded("future", "must not be later than now"),
    "too_old": lambda: coded("too_old", f"must be within {form.GIVEN_START_OLDEST.days} days before the report was "
                             "written (tapped_at, or now)",
                             days=form.GIVEN_START_OLDEST.days),
}


def _given_start_errors(started: str, tapped: str | None) -> dict:
    """The start the employee gave, checked against the server's clock and the Start tap (``encounter/form.py``)."""
    try:
        problem = form.given_start_error(parse_moment_once(started), utcnow(),
                                         parse_moment_once(tapped) if isinstance(tapped, str) else None)
    except ValueError:
        return {}  # the field itself carries that error
    return {"started_at": [_GIVEN_START_MESSAGES[problem]()]} if problem else {}


EncounterBodySchema = _EncounterBodyBase.from_dict(_body_fields(), name="EncounterBodySchema")
EncounterBodySchema.__doc__ = "The report as the phone sends it."
