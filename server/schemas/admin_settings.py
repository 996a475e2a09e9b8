"""The answer of GET /admin/settings: what the server has in effect, values only (server/admin/settings.py)."""
from marshmallow import Schema, fields


class RetentionSettingsSchema(Schema):
    closed_days = fields.Integer(required=True, metadata={"description": "days after a report is closed until the purge erases its free text and photos (RETENTION_CLOSED_DAYS)"})
    open_days = fields.Integer(required=True, metadata={"description": "days after a report not closed was received (or last reopened) until the purge erases them (RETENTION_OPEN_DAYS)"})
    on_legal_hold = fields.Integer(required=True, metadata={"description": "reports on legal hold now (the purge skips them)"})
    last_run_at = fields.DateTime(required=True, allow_none=True, metadata={"description": "when a run of the purge last finished (one with nothing due too); null if none has"})
    last_erased_at = fields.DateTime(required=True, allow_none=True, metadata={"description": "when the purge last erased a report; null if it never has"})


class PhoneSettingsSchema(Schema):
    wipe_after_days = fields.Integer(required=True, metadata={"description": "a phone erases its data after this many days without a sync (DEVICE_WIPE_AFTER_DAYS)"})
    draft_days = fields.Integer(required=True, metadata={"description": "days an untouched draft stays on a phone (PHONE_DRAFT_DAYS)"})


class RateSchema(Schema):
    count = fields.Integer(required=True)
    seconds = fields.Integer(required=True, metadata={"description": "the window the count applies to"})


class SignInSettingsSchema(Schema):
    sso = fields.Boolean(required=True, metadata={"description": "sign-in through the City's identity provider is set up"})
    oidc_issuer = fields.String(required=True, allow_none=True, metadata={"description": "the identity provider's issuer URL (OIDC_ISSUER), or null"})
    local_passwords = fields.Boolean(required=True, metadata={"description": "everyone may sign in with a local password (LOCAL_PASSWORDS)"})
    break_glass_users = fields.Integer(required=True, metadata={"description": "accounts that keep a local password when LOCAL_PASSWORDS is off"})
    login_rate_limit = fields.List(fields.Nested(RateSchema), required=True, metadata={"description": "sign-in attempts allowed per address and per username (LOGIN_RATE_LIMIT)"})


class PublicationSettingsSchema(Schema):
    suppress_below = fields.Integer(required=True, metadata={"description": "published counts from 1 to this minus 1 are withheld (a fixed rule, encounter/disclosure.py)"})


class ServerSettingsSchema(Schema):
    """Data protection and sign-in in effect on this server. Never a secret."""

    retention = fields.Nested(RetentionSettingsSchema, required=True)
    phones = fields.Nested(PhoneSettingsSchema, required=True)
    sign_in = fields.Nested(SignInSettingsSchema, required=True)
    web_push = fields.Boolean(required=True, metadata={"description": "Web Push to closed desks is set up (VAPID keys)"})
    publication = fields.Nested(PublicationSettingsSchema, required=True)
