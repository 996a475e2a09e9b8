"""Schemas of the sync exchange. The push envelope is loaded with ``PushEnvelopeSchema``;
items are checked one by one by the protocol (``sync/protocol.py``) so that a bad item
never blocks the others; the item and result schemas here document them."""
from marshmallow import RAISE, Schema, fields, validate

from server.schemas.encounter import EncounterBodySchema
from server.schemas.triage import AnswerBodySchema


class PushEnvelopeSchema(Schema):
    """What is checked of a push before its items: version, device, a list."""

    class Meta:
        unknown = RAISE

    protocol = fields.Integer(strict=True, required=True)
    device_id = fields.UUID(required=True)
    # Raw(allow_none): a null item is the protocol's to reject, alone, not the whole batch's.
    items = fields.List(fields.Raw(allow_none=True), required=True)


class PushItemSchema(Schema):
    """One item of kind ``encounter``: a client-made UUID, its kind and schema version, and the report."""

    id = fields.UUID(required=True)
    kind = fields.String(required=True, validate=validate.Equal("encounter"))
    schema_version = fields.Integer(required=True, validate=validate.Equal(1))
    body = fields.Nested(EncounterBodySchema, required=True)


class AnswerItemSchema(Schema):
    """One item of kind ``answer``: the reporter's answer to a liaison's follow-up question."""

    id = fields.UUID(required=True)
    kind = fields.String(required=True, validate=validate.Equal("answer"))
    schema_version = fields.Integer(required=True, validate=validate.Equal(1))
    body = fields.Nested(AnswerBodySchema, required=True)


class PushRequestSchema(PushEnvelopeSchema):
    """A push as documented: items of every kind the server accepts."""

    items = fields.List(fields.Raw(metadata={"oneOf": [{"$ref": "#/components/schemas/PushItem"},
                                                       {"$ref": "#/components/schemas/AnswerItem"},
                                                       {"$ref": "#/components/schemas/AlertItem"}]}),
                        required=True)


class ReceiptSchema(Schema):
    """The server's proof that it holds an item."""

    received_at = fields.String(metadata={"description": "ISO 8601 UTC, milliseconds"})
    sha256 = fields.String(metadata={"description": "hex SHA-256 of the canonical body"})


class ItemResultSchema(Schema):
    """The answer for one item, in the item's position."""

    index = fields.Integer()
    id = fields.String(allow_none=True)
    status = fields.String(validate=validate.OneOf(["accepted", "duplicate", "conflict", "rejected"]))
    receipt = fields.Nested(ReceiptSchema)
    errors = fields.Dict()
    error_codes = fields.Dict(metadata={
        "description": "rejected: errors as codes, same keys (the body's fields and the envelope's: _item, id, kind, "
                       "schema_version, body), one {code, params} per message (server/field_codes.py)"})
    message = fields.String()
    reason = fields.String(metadata={"description": "rejected: why, in a word (e.g. sensitive_text)"})
    sensitive = fields.List(fields.Dict(), metadata={
        "description": "sensitive_text: the spans refused, {field, start, end, kind}; never the words"})
    missing_blobs = fields.List(fields.String(), metadata={
        "description": "accepted/duplicate encounters: hashes of referenced photos not uploaded yet"})


class PushResponseSchema(Schema):
    """The answer to a push."""

    protocol = fields.Integer()
    server_time = fields.String()
    results = fields.List(fields.Nested(ItemResultSchema))


class PullQuerySchema(Schema):
    """Where to resume and how many changes at most."""

    class Meta:
        unknown = RAISE

    cursor = fields.String(load_default=None, validate=validate.Length(max=64), metadata={
        "description": "the cursor of the last answer (empty: from the start); one this server did not issue is 400"})
    limit = fields.Integer(load_default=200, validate=validate.Range(min=1),
                           metadata={"description": "capped at PULL_MAX_LIMIT"})


class ChangeSchema(Schema):
    """One change: a checklist version, a site, or news on one of the user's reports."""

    kind = fields.String()
    id = fields.String()
    op = fields.String()
    data = fields.Dict(metadata={
        "description": "the kind's data (docs/sync-protocol.md); a follow-up question (kind message) carries "
                       "answered_at once the reporter's answer is stored"})


class PullResponseSchema(Schema):
    """A page of changes."""

    protocol = fields.Integer()
    changes = fields.List(fields.Nested(ChangeSchema))
    cursor = fields.String(metadata={"description": "opaque and sealed (docs/sync-protocol.md): send it back as is"})
    has_more = fields.Boolean()
    held_back = fields.Boolean(metadata={
        "description": "true when changes after this page are committed but wait behind a database transaction "
                       "that began earlier and is still running: pull again in a few seconds"})
    phone_retention = fields.Dict(metadata={
        "description": "days the phone keeps summaries (summary_days), received answers (answer_days) and "
                       "untouched drafts (draft_days); from the server's PHONE_* settings"})
