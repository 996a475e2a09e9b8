"""The encounter report (kind ``encounter``, schema version 1): the fields of BRIEF.md, nothing more.

What must never be collected has no field here, and unknown fields are refused: a
body carrying ``immigration_status`` or a detained resident's name cannot be stored.
Counts of people, never their identities. Booleans may be null: "not known".
"""
from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from server.schemas.fields import Bool, Choice, Int, Moment, Number, Text, parse_moment

AGENCIES = ("ice_ero", "hsi", "cbp", "other_federal", "unknown")
DOCUMENT_TYPES = ("judicial_warrant", "administrative_warrant", "administrative_subpoena",
                  "judicial_subpoena", "other", "none", "unknown")
AREA_TYPES = ("public", "non_public", "parking_staging")
REQUESTS = ("access", "records", "person", "staging", "information", "other")
STEP_RESULTS = ("done", "skipped", "not_applicable")
OUTCOMES = ("left_without_action", "left_after_search", "arrest_made", "staging_only", "still_present", "other", "unknown")

# Keys a client might be tempted to send; refused with a message that says why.
NEVER_COLLECTED = frozenset({
    "immigration_status", "citizenship", "citizenship_status", "nationality", "ethnicity",
    "country_of_origin", "date_of_birth", "birth_date", "detainee_name", "detainee_names",
    "resident_name", "patron_name", "tenant_name", "applicant_name", "a_number", "alien_number",
})


class StepResultSchema(Schema):
    """One checklist step as answered on the phone."""

    class Meta:
        unknown = RAISE

    step_id = Text(40, required=True)
    result = Choice(STEP_RESULTS, required=True)
    at = Moment(required=True)


class PhotoRefSchema(Schema):
    """A photo the report refers to by content hash; the bytes travel separately."""

    class Meta:
        unknown = RAISE

    # Exact length as well: "$" alone also matches before a trailing newline.
    sha256 = fields.String(required=True, validate=[validate.Length(equal=64), validate.Regexp(r"^[0-9a-f]+$")])
    size = Int(1, 50_000_000, required=True)
    type = Choice(("image/jpeg", "image/png", "image/webp", "application/pdf"), required=True)


class LocationSchema(Schema):
    """Optional device location, only if the employee chose to attach it."""

    class Meta:
        unknown = RAISE

    lat = Number(-90, 90, required=True)
    lon = Number(-180, 180, required=True)
    accuracy_m = Number(0, 100_000, allow_none=True)


class EncounterBodySchema(Schema):
    """The report as the phone sends it."""

    class Meta:
        unknown = RAISE

    site = Text(40, required=True, metadata={"description": "site code from the department's site list"})
    checklist_version_id = Int(1, 2_147_483_647, required=True)
    area_type = Choice(AREA_TYPES, required=True)
    started_at = Moment(required=True)
    ended_at = Moment(allow_none=True)
    agencies = fields.List(Choice(AGENCIES), validate=validate.Length(max=len(AGENCIES)))
    markings_seen = Text(500)
    agent_count = Int(allow_none=True)
    vehicle_count = Int(allow_none=True)
    government_plates = Bool(allow_none=True)
    masks = Bool(allow_none=True)
    visible_identification = Bool(allow_none=True)
    identification_refused = Bool(allow_none=True)
    agent_names_and_badges = Text(1000, metadata={"description": "what agents gave: names, badge numbers, supervisor contact"})
    stated_purpose = Text(1000)
    document_type = Choice(DOCUMENT_TYPES, required=True)
    document_copy_obtained = Bool(allow_none=True)
    consent_asked = Bool(allow_none=True)
    consent_refused = Bool(allow_none=True)
    non_public_entered = Bool(allow_none=True)
    entered_over_objection = Bool(allow_none=True)
    areas_entered = Text(500)
    requested = fields.List(Choice(REQUESTS), validate=validate.Length(max=len(REQUESTS)))
    items_taken = Text(500)
    detained_count = Int(allow_none=True, metadata={"description": "a count only; never names"})
    minors_present = Bool(allow_none=True)
    force_used = Bool(allow_none=True)
    weapons_shown = Bool(allow_none=True)
    injuries = Bool(allow_none=True)
    staff_threatened_or_detained = Bool(allow_none=True)
    emergency_claimed = Bool(allow_none=True)
    police_called = Bool(allow_none=True)
    outcome = Choice(OUTCOMES, allow_none=True)
    outcome_notes = Text(1000)
    staff_witnesses = Text(300, metadata={"description": "city staff who witnessed it"})
    photos = fields.List(fields.Nested(PhotoRefSchema), validate=validate.Length(max=40))
    steps = fields.List(fields.Nested(StepResultSchema), required=True, validate=validate.Length(max=60))
    liaison_notified_at = Moment(allow_none=True)
    mayor_office_notified_at = Moment(allow_none=True)
    location = fields.Nested(LocationSchema, allow_none=True)
    notes = Text(2000)
    language = Choice(("en", "es", "ko", "zh", "hy", "tl", "fa", "ru", "vi"))

    @validates_schema(pass_original=True)
    def _cross_field(self, data, original, **kwargs):
        """Run the rules that span fields (shared with the fast path)."""
        errors = cross_field_errors(original)
        if errors:
            raise ValidationError(errors)


def cross_field_errors(body: dict) -> dict:
    """Return errors for rules spanning fields; ``body`` is the raw JSON, already field-valid."""
    errors: dict[str, list[str]] = {}
    started, ended = body.get("started_at"), body.get("ended_at")
    if isinstance(started, str) and isinstance(ended, str):
        try:
            if parse_moment(ended) < parse_moment(started):
                errors["ended_at"] = ["must not be before started_at"]
        except ValueError:
            pass  # the field itself carries that error
    steps = body.get("steps") or []
    ids = [s.get("step_id") for s in steps if isinstance(s, dict)]
    if len(ids) != len(set(ids)):
        errors["steps"] = ["each step_id may appear once"]
    return errors


def never_collected_errors(body: dict) -> dict:
    """Explain, field by field, why a key that must never be collected is refused."""
    return {key: ["this must never be collected (Sanctuary Ordinance 188441, SB 54); remove it"]
            for key in sorted(NEVER_COLLECTED.intersection(body))}
