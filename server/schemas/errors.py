"""The one error shape (server/errors.py), as the OpenAPI document declares it for every error answer."""
from marshmallow import RAISE, Schema, fields


class ErrorSchema(Schema):
    """``{code, message, description, reason?, errors?, error_codes?}``: what every 4xx and 5xx carries."""

    class Meta:
        unknown = RAISE

    code = fields.Integer(required=True, metadata={"description": "the HTTP status"})
    message = fields.String(required=True, metadata={"description": "what went wrong and what to do, for a person"})
    description = fields.String(required=True, metadata={"description": "the status's standard phrase"})
    reason = fields.String(metadata={"description": "a machine-readable reason (e.g. token_expired, store_unavailable)"})
    errors = fields.Dict(metadata={"description": "field errors, keyed by where they were found"})
    error_codes = fields.Dict(metadata={"description": (
        "the field messages of `errors` as codes, for a client to say in its own words: the same keys, and for "
        "each message, in the same order, {code, params} (code null where the message has none: show the "
        "message). Codes and params: server/field_codes.py. Present when at least one message has a code.")})
    request_id = fields.String(metadata={"description": "this request's id (also the X-Request-Id header): quote it "
                                                        "to an operator, who finds the request in the logs by it"})
