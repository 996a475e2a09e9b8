"""Schemas of counsel's warrant check (docs/desk-api.md "Counsel", docs/sync-protocol.md "Documents for counsel")."""
from marshmallow import RAISE, Schema, fields, validate

from encounter.vocabulary import COUNSEL_NOTE_MAX, SITE_CODE_MAX, VERDICTS
from server.schemas.fields import Choice, Moment, Text


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class ShareDocumentSchema(_Strict):
    """A document photo shared during an encounter: where, and when it was taken."""

    site = Text(SITE_CODE_MAX, min_length=1, required=True)
    taken_at = Moment(required=True)


class CounselDocumentsQuerySchema(_Strict):
    """Which documents: awaiting an answer (default), answered, or all (open encounters only)."""

    state = Choice(("awaiting", "answered", "all"), load_default="awaiting")


class CounselAnswerInSchema(_Strict):
    """Counsel's verdict and an optional short note (checked for never-collected data)."""

    verdict = Choice(VERDICTS, required=True)
    note = Text(COUNSEL_NOTE_MAX, load_default=None, allow_none=True)


class _CounselPlace(Schema):
    code = fields.String()
    name = fields.String()


class _CounselPhoto(Schema):
    sha256 = fields.String()
    taken_at = fields.String()


class _CounselAnswer(Schema):
    verdict = fields.String(validate=validate.OneOf(VERDICTS))
    text = fields.String()
    note = fields.String(allow_none=True)
    answered_at = fields.String()


class CounselDocumentSchema(Schema):
    """A shared document as counsel sees it: site, time, photos, answer; no report text, no names."""

    encounter_id = fields.String()
    site = fields.Nested(_CounselPlace)
    department = fields.Nested(_CounselPlace)
    occurred_at = fields.String()
    shared_at = fields.String()
    photos = fields.List(fields.Nested(_CounselPhoto))
    answer = fields.Nested(_CounselAnswer, allow_none=True)


class CounselDocumentListSchema(Schema):
    """Documents of open encounters in counsel's scope."""

    documents = fields.List(fields.Nested(CounselDocumentSchema))
