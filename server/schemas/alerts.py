"""Schemas of issue 11: the alert kind's body, the desk's alert list, and Web Push subscriptions."""
from marshmallow import RAISE, Schema, fields, validate

from encounter import alerts
from encounter.vocabulary import AGENCIES, SITE_CODE_MAX
from server.schemas.fields import Choice, Moment, Text
from server.schemas.triage import _UUID


class AlertBodySchema(Schema):
    """Push kind ``alert``, schema version 1: site, time and (optionally) agency, nothing else."""

    class Meta:
        unknown = RAISE

    encounter_id = fields.String(required=True, validate=_UUID,
                                 metadata={"description": "the draft id the report will later be pushed under"})
    site = Text(SITE_CODE_MAX, required=True, metadata={"description": "site code from the department's site list"})
    occurred_at = Moment(required=True)
    agency = Choice(AGENCIES, allow_none=True)


class AlertItemSchema(Schema):
    """One item of kind ``alert``: "agents here now" (docs/sync-protocol.md)."""

    id = fields.UUID(required=True)
    kind = fields.String(required=True, validate=validate.Equal(alerts.KIND))
    schema_version = fields.Integer(required=True, validate=validate.Equal(1))
    body = fields.Nested(AlertBodySchema, required=True)


class AlertQuerySchema(Schema):
    """``GET /alerts``: which alerts."""

    class Meta:
        unknown = RAISE

    state = Choice(alerts.STATE_FILTERS, load_default=alerts.OPEN)


class AlertCloseSchema(Schema):
    """``POST /alerts/<id>/close``: why no report will close it."""

    class Meta:
        unknown = RAISE

    reason = Choice(alerts.CLOSE_REASONS, required=True)


class PlaceSchema(Schema):
    """A site or department as the desk names it."""

    code = fields.String()
    name = fields.String()


class AlertSchema(Schema):
    """An alert as the desk reads it (also the data of the ``alert`` event)."""

    id = fields.UUID()
    encounter_id = fields.UUID()
    site = fields.Nested(PlaceSchema)
    department = fields.Nested(PlaceSchema)
    occurred_at = fields.String()
    received_at = fields.String()
    agency = fields.String(allow_none=True)
    state = fields.String(validate=validate.OneOf(alerts.STATES))
    report_id = fields.UUID(allow_none=True)
    closed_reason = fields.String(allow_none=True, validate=validate.OneOf(alerts.CLOSE_REASONS), metadata={
        "description": "why a liaison closed it by hand (no report will come); null when open or closed by its report"})
    priority = fields.Integer()


class AlertListSchema(Schema):
    """The alerts in the reader's scope, newest first."""

    alerts = fields.List(fields.Nested(AlertSchema))


class SubscriptionKeysSchema(Schema):
    """The browser's encryption keys of a push subscription (base64url)."""

    class Meta:
        unknown = RAISE

    p256dh = fields.String(required=True, validate=[validate.Length(min=80, max=200),
                                                    validate.Regexp(r"^[A-Za-z0-9_-]+=*$")])
    auth = fields.String(required=True, validate=[validate.Length(min=16, max=100),
                                                  validate.Regexp(r"^[A-Za-z0-9_-]+=*$")])


class SubscriptionSchema(Schema):
    """``POST /push-subscriptions``: the PushSubscription the browser made (its JSON form)."""

    class Meta:
        unknown = RAISE

    endpoint = fields.String(required=True, validate=[validate.Length(max=2000), validate.URL(schemes={"https", "http"},
                                                                                              require_tld=False)])
    keys = fields.Nested(SubscriptionKeysSchema, required=True)
    # Browsers add it to the JSON form; accepted and ignored.
    expirationTime = fields.Raw(allow_none=True, load_default=None)


class UnsubscribeSchema(Schema):
    """``DELETE /push-subscriptions``: the endpoint to forget."""

    class Meta:
        unknown = RAISE

    endpoint = fields.String(required=True, validate=validate.Length(min=1, max=2000))


class PublicKeySchema(Schema):
    """The server's VAPID public key (base64url), for ``pushManager.subscribe``; null when Web Push is off."""

    public_key = fields.String(required=True, allow_none=True, metadata={
        "description": "base64url; null when the server has no VAPID keys (Web Push not configured)"})
