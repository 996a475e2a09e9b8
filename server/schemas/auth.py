"""Schemas of sign-in, the current user and device administration."""
from marshmallow import RAISE, Schema, fields, validate

from server.schemas.fields import Text


class LoginSchema(Schema):
    """Credentials plus the UUID the device generated for itself."""

    class Meta:
        unknown = RAISE

    username = Text(80, min_length=1, required=True)
    password = Text(200, min_length=1, required=True, load_only=True)
    device_id = fields.UUID(required=True)
    device_name = Text(120, load_default="")


class UserSchema(Schema):
    """The signed-in user as clients see themselves."""

    id = fields.Integer()
    username = fields.String()
    display_name = fields.String()
    role = fields.String()
    department = fields.Function(lambda u: {"code": u.department.code, "name": u.department.name}
                                 if u.department else None)


class TokenSchema(Schema):
    """A freshly issued bearer token; shown once, never again."""

    token = fields.String()
    expires_at = fields.AwareDateTime()
    device_id = fields.UUID()
    user = fields.Nested(UserSchema)
    wipe_after_days = fields.Integer(metadata={"description": "the phone erases its data after this many days without contact"})


class DeviceSchema(Schema):
    """A device as an administrator sees it."""

    id = fields.UUID()
    user_id = fields.Integer()
    username = fields.Function(lambda d: d.user.username)
    name = fields.String()
    created_at = fields.AwareDateTime()
    last_seen_at = fields.AwareDateTime(allow_none=True)
    revoked_at = fields.AwareDateTime(allow_none=True)
    app_version = fields.String(allow_none=True)
    wipe_requested_at = fields.AwareDateTime(allow_none=True)
    wiped_at = fields.AwareDateTime(allow_none=True)
