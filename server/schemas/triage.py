"""Schemas of the liaison's triage changes (docs/desk-api.md, "Triage") and of the answer kind's body."""
from marshmallow import RAISE, Schema, fields, validate, validates

from encounter.field_message import coded
from encounter.triage import PRIORITIES, TRIAGE_STATES
from encounter.vocabulary import ANSWER_TEXT_MAX
from server.schemas.fields import Choice, Int, Moment, Text, not_blank

NOTE_MAX = 4000
QUESTION_MAX = 2000
_UUID = validate.Regexp(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
                        error=coded("uuid", "must be a UUID string, e.g. 0b8f3a52-6c1e-4a7e-9d7a-2f4f1b1c9e10"))


class _Strict(Schema):
    class Meta:
        unknown = RAISE


# What the desk showed before the move ("from"): optional; when given and the report has changed since, the move is
# refused 409 concurrent_change rather than made over a colleague's move the liaison has not seen.
_SHOWN = {"data_key": "from", "metadata": {"description": "the value the desk showed; if the report has changed "
          "since, 409 concurrent_change (reload and decide again); left out, the move is made whatever it was"}}


class StatusMoveSchema(_Strict):
    """A status move: the target, the resolution when closing, the reason when reopening."""

    to = Choice(TRIAGE_STATES, required=True)
    shown = Choice(TRIAGE_STATES, **_SHOWN)
    resolution = Text(2000, min_length=1, load_default=None, allow_none=True)
    reason = Text(1000, min_length=1, load_default=None, allow_none=True)


class AssignSchema(_Strict):
    """Assign to a liaison of the report's department, or to nobody (null)."""

    user_id = Int(1, 2**31 - 1, required=True, allow_none=True)
    shown = Int(1, 2**31 - 1, allow_none=True, **_SHOWN)


class PrioritySchema(_Strict):
    """A priority set by hand: 1 (most urgent) to 3."""

    priority = Int(min(PRIORITIES), max(PRIORITIES), required=True)
    shown = Int(min(PRIORITIES), max(PRIORITIES), **_SHOWN)


# The desk's own id for a note or question, chosen once per text: sent again on a retry, it adds nothing.
_REQUEST_ID = {"load_default": None, "metadata": {"description": "chosen by the desk (a UUID) and sent again on a "
               "retry: a note or question already stored under it is answered, not stored twice"}}


class NoteSchema(_Strict):
    """An internal note."""

    id = fields.UUID(**_REQUEST_ID)
    text = Text(NOTE_MAX, min_length=1, required=True)

    @validates("text")
    def _text(self, value, **_kwargs):
        not_blank(value)


class QuestionSchema(_Strict):
    """A follow-up question to the reporter."""

    id = fields.UUID(**_REQUEST_ID)
    text = Text(QUESTION_MAX, min_length=1, required=True)

    @validates("text")
    def _text(self, value, **_kwargs):
        not_blank(value)


class DuplicateDecisionSchema(_Strict):
    """A verdict on a likely-duplicate pair."""

    other_id = fields.UUID(required=True)
    decision = Choice(("same", "different"), required=True)


class UserRefSchema(Schema):
    """A user as the desk shows them."""

    id = fields.Integer()
    name = fields.String()


class TriageStateSchema(Schema):
    """A report's triage state after a change."""

    id = fields.UUID()
    status = fields.String()
    status_changed_at = fields.AwareDateTime(allow_none=True)
    resolution = fields.String(allow_none=True)
    assigned_to = fields.Nested(UserRefSchema, allow_none=True)
    allowed_moves = fields.List(fields.String())
    priority = fields.Integer(validate=validate.Range(min(PRIORITIES), max(PRIORITIES)))
    priority_rule = fields.String(allow_none=True)
    priority_reason = fields.String(allow_none=True)
    note = fields.Dict(metadata={"description": "POST /notes: the note added"})
    followup = fields.Dict(metadata={"description": "POST /questions: the question asked"})
    duplicate = fields.Dict(metadata={"description": "POST /duplicates: the decision on the pair"})


class AnswerBodySchema(_Strict):
    """Push kind ``answer``, schema version 1: the reporter's answer to a follow-up question."""

    followup_id = fields.String(required=True, validate=_UUID)
    text = Text(ANSWER_TEXT_MAX, min_length=1, required=True)
    answered_at = Moment(required=True)

    @validates("text")
    def _text(self, value, **_kwargs):
        not_blank(value)
