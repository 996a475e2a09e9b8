"""Schemas of sign-in, the current user and device administration."""
from marshmallow import RAISE, Schema, fields, validate

from encounter.vocabulary import RESIDENT_HELP_CONTACT
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
    # With the department's help line for residents: the liaison's desk prints it on the cards for residents.
    department = fields.Function(lambda u: {"code": u.department.code, "name": u.department.name,
                                            RESIDENT_HELP_CONTACT: u.department.resident_help_phone}
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


class SsoStartSchema(Schema):
    """A sign-in through the City's identity provider: the device and the browser's binding value."""

    class Meta:
        unknown = RAISE

    device_id = fields.UUID(required=True)
    device_name = Text(120, load_default="")
    binding = Text(200, min_length=32, required=True, load_only=True,
                   metadata={"description": "a random value the browser keeps until `finish` (at least 32 characters)"})


class SsoStartedSchema(Schema):
    """Where to send the browser next."""

    authorize_url = fields.String(metadata={"description": "the provider's sign-in page; navigate the window there"})


class SsoFinishSchema(Schema):
    """The hand-off code from the app's address, with the binding value and device of `start`."""

    class Meta:
        unknown = RAISE

    handoff = Text(200, min_length=1, required=True, load_only=True)
    binding = Text(200, min_length=32, required=True, load_only=True)
    device_id = fields.UUID(required=True)


class SignInOptionsSchema(Schema):
    """How this server lets people sign in (read by the sign-in screen before anyone is signed in)."""

    sso = fields.Boolean(metadata={"description": "a \"Sign in with City account\" button is offered"})
    local_passwords = fields.Boolean(metadata={"description": "false: only named break-glass users may use a password"})

