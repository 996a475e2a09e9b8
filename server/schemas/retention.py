"""Schemas of redaction and legal hold (docs/desk-api.md, "Redaction and retention")."""
from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from encounter.field_message import coded
from encounter.redaction import REDACTABLE_FIELDS
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


class RedactionSchema(_Strict):
    """Spans of one free-text field to remove."""

    field = Choice(REDACTABLE_FIELDS, required=True)
    spans = fields.List(fields.Nested(SpanSchema), required=True, validate=validate.Length(min=1, max=100))


class RedactionResultSchema(Schema):
    """What was removed: where and how much, never what."""

    field = fields.String()
    removed_characters = fields.Integer()
    spans = fields.Integer()


class PhotoRemovalSchema(Schema):
    """A removed photo, and whether its bytes left the server (no other report references them)."""

    sha256 = fields.String()
    blob_deleted = fields.Boolean()


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
