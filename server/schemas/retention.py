"""Schemas of redaction and legal hold (docs/desk-api.md, "Redaction and retention")."""
from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from encounter.field_message import coded
from encounter.redaction import BODY, TEXTS
from server.schemas.fields import Bool, Choice, Int

_SPAN_LIMIT = 100_000  # beyond any text limit of a report; a span past the field's end is refused by the rule


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class SpanSchema(_Strict):
    """Characters ``start`` (inclusive) to ``end`` (exclusive) of the field's text, counted in code points."""

    start = Int(0, _SPAN_LIMIT, required=True)
    end = Int(1, _SPAN_LIMIT, required=True)

    @validates_schema
    def _ordered(self, data, **_kwargs):
        if data["end"] <= data["start"]:
            raise ValidationError(coded("range", "end must be greater than start", min=data["start"] + 1, max=_SPAN_LIMIT), "end")


# Every field name of every target (encounter/redaction.py TEXTS); the rule refuses a field of another target.
_FIELDS = tuple(sorted({name for names in TEXTS.values() for name in names}))


class RedactionSchema(_Strict):
    """Spans of one text of the report to remove: a free-text field of its body, or a text kept beside it."""

    target = Choice(tuple(TEXTS), load_default=BODY, metadata={"description": (
        "which text: body (the report's own free-text fields, the default), note (an internal note), "
        "question (a follow-up question), answer (the reporter's answer), triage (a status move's reason "
        "or resolution)")})
    id = fields.UUID(metadata={"description": "the note's, question's, answer's or triage move's id, as the report's "
                                              "detail gives it; not for the body"})
    field = Choice(_FIELDS, metadata={"description": (
        "body: one of its free-text fields; triage: reason or resolution; note, question, answer: may be "
        "left out (their one text)")})
    spans = fields.List(fields.Nested(SpanSchema), required=True, validate=validate.Length(min=1, max=100))
    text_sha256 = fields.String(validate=validate.Regexp(r"^[0-9a-f]{64}\Z", error=coded(
        "pattern", "must be the SHA-256 of the text, 64 lowercase hex digits")), metadata={"description": (
        "SHA-256 (hex) of the UTF-8 text the spans were counted in, as the detail gave it; when it is no "
        "longer the stored text (another redaction since) the answer is 409 text_changed and nothing changes. "
        "Optional; the desk always sends it")})

    @validates_schema
    def _which(self, data, **_kwargs):
        if data.get("target", BODY) == BODY:
            if "field" not in data:
                raise ValidationError(coded("required", "Missing data for required field."), "field")
            if "id" in data:
                raise ValidationError(coded("not_allowed", "the report's body has no id: leave it out"), "id")
        elif "id" not in data:
            raise ValidationError(coded("required", "Missing data for required field."), "id")


class RedactionResultSchema(Schema):
    """What was removed: where and how much, never what."""

    target = fields.String()
    id = fields.UUID(allow_none=True, metadata={"description": "the text's id (null for the body)"})
    field = fields.String()
    removed_characters = fields.Integer()
    spans = fields.Integer()


class PhotoRemovalSchema(Schema):
    """A removed photo (never whether its bytes left the server: that would tell of other reports)."""

    sha256 = fields.String()


class LegalHoldSchema(_Strict):
    """Put the report on legal hold (true) or lift the hold (false)."""

    hold = Bool(required=True)


class RemovedPhotoSchema(Schema):
    """A photo taken out of the report."""

    sha256 = fields.String()
    removed_at = fields.AwareDateTime()
    cause = fields.String(metadata={"description": "redaction (a liaison) or retention (the purge)"})


class RetentionStateSchema(Schema):
    """Where the report stands under the retention schedule (desk roles only)."""

    legal_hold = fields.Boolean()
    legal_hold_at = fields.AwareDateTime(allow_none=True)
    erased_at = fields.AwareDateTime(allow_none=True, metadata={
        "description": "when its free text and photos were erased under the schedule (null: not yet)"})
    erase_due_at = fields.AwareDateTime(allow_none=True, metadata={
        "description": "when they will be erased if nothing changes (null: on hold, or erased and nothing "
                       "written beside the report since)"})
    removed_photos = fields.List(fields.Nested(RemovedPhotoSchema))
