"""Administration at the edge: departments, sites and users as an administrator sends and reads them.

The same schemas check the API's bodies and each row of a CSV import (``server/admin/importing.py``),
so a value the desk refuses is refused by the import with the same words.
"""
import phonenumbers
from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from encounter.facilities import FACILITY_TYPES
from encounter.field_message import coded
from encounter.vocabulary import PASSWORD_LENGTH, RESIDENT_HELP_CONTACT
from server.auth import has_password
from server.checklists.content import LANGUAGE_NAMES, LANGUAGES
from server.models.org import AREA_TYPES, ROLES, department_problem
from server.schemas.fields import LARGEST_ID, NO_NUL, Text

CODE = validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9_-]*$", error=coded("code_chars", "use letters, digits, '-' or '_'"))
SITE_CODE = validate.Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
                            error=coded("slug", "use lower-case letters, digits and single hyphens"))
USERNAME = validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9._@-]*$",
                           error=coded("username", "use letters, digits, '.', '_', '-' or '@'"))


class Phone(fields.String):
    """A telephone number the phone can dial, stored as E.164 (+12135550100); a US number may omit +1.

    Empty means "none". Checked with libphonenumber (a possible number for its region), not by hand.
    """

    default_error_messages = {"invalid": coded("phone", "must be a telephone number, e.g. +1 213 555 0100")}

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if not text:
            return None
        if len(text) > 32:
            raise self.make_error("invalid")
        try:
            number = phonenumbers.parse(text, "US")
        except phonenumbers.NumberParseException:
            raise self.make_error("invalid") from None
        if not phonenumbers.is_possible_number(number):
            raise self.make_error("invalid")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _code(max_length: int, pattern, **kwargs):
    """A required code: bounded, no NUL, of the given pattern."""
    return fields.String(required=True, validate=[validate.Length(min=1, max=max_length), pattern], **kwargs)


def _phone(**kwargs):
    return Phone(allow_none=True, load_default=None, **kwargs)


def _names_schema():
    """A department's name in each UI language; English required."""
    def field(lang):
        return fields.String(required=lang == "en", validate=[validate.Length(min=1, max=200), NO_NUL],
                             error_messages={"required": f"the {LANGUAGE_NAMES[lang]} name is required"})

    schema = Schema.from_dict({lang: field(lang) for lang in LANGUAGES}, name="DepartmentNames")
    schema.Meta.unknown = RAISE
    return schema


class ContactsSchema(Schema):
    """The department's numbers: liaison line, counsel line, after hours, and the residents' help line."""

    class Meta:
        unknown = RAISE

    liaison = _phone()
    counsel = _phone()
    after_hours = _phone()
    resident_help = _phone(data_key=RESIDENT_HELP_CONTACT)


class VariantSchema(Schema):
    """A checklist content file a department can start from (``content/checklists/<variant>.json``)."""

    variant = fields.String(required=True)
    title = fields.Dict(keys=fields.String(), values=fields.String(), required=True,
                        metadata={"description": "the checklist's title in each language it has"})
    steps = fields.Integer(required=True, metadata={"description": "how many steps the checklist has"})


class DepartmentInSchema(Schema):
    """A department as an administrator creates or changes it."""

    class Meta:
        unknown = RAISE

    code = _code(16, CODE)
    names = fields.Nested(_names_schema(), required=True)
    checklist_variant = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=40))
    contacts = fields.Nested(ContactsSchema, load_default=dict)


class DepartmentSchema(Schema):
    """A department as the desk reads it."""

    id = fields.Integer()
    code = fields.String()
    name = fields.String()
    names = fields.Dict()
    checklist_variant = fields.String(allow_none=True)
    contacts = fields.Function(lambda d: d.contacts())
    sites = fields.Integer(metadata={"description": "number of sites"})
    users = fields.Integer(metadata={"description": "number of active users"})


class SiteInSchema(Schema):
    """A site as an administrator creates or changes it (and as a CSV row names it)."""

    class Meta:
        unknown = RAISE

    code = _code(40, SITE_CODE)
    name = Text(200, min_length=1, required=True)
    department = Text(16, min_length=1, required=True, metadata={"description": "the department's code"})
    facility_type = fields.String(required=True, validate=validate.OneOf(
        FACILITY_TYPES, error=f"must be one of: {', '.join(FACILITY_TYPES)}"))
    address = Text(300, load_default="")
    area_types = fields.List(fields.String(validate=validate.OneOf(
        AREA_TYPES, error=f"must be one of: {', '.join(AREA_TYPES)}")),
        validate=validate.Length(min=1, error="a site has at least one kind of area"),
        metadata={"description": "absent: all of them for a new site; a stored site keeps its own"})
    latitude = fields.Float(allow_none=True, load_default=None, validate=validate.Range(-90, 90, error="must be between -90 and 90"))
    longitude = fields.Float(allow_none=True, load_default=None, validate=validate.Range(-180, 180, error="must be between -180 and 180"))
    phone = _phone()
    site_lead_phone = _phone()
    active = fields.Boolean(load_default=True)

    @validates_schema
    def _both_or_neither(self, data, **_kwargs):
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise ValidationError(coded("both_or_none", "give both latitude and longitude, or neither"), "latitude")
        if len(set(data.get("area_types") or [])) != len(data.get("area_types") or []):
            raise ValidationError(coded("duplicate", "each kind of area once"), "area_types")


class SiteSchema(Schema):
    """A site as the desk reads it."""

    id = fields.Integer()
    code = fields.String()
    name = fields.String()
    department = fields.Function(lambda s: s.department.code)
    facility_type = fields.String()
    address = fields.String()
    area_types = fields.List(fields.String())
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    phone = fields.String(allow_none=True)
    site_lead_phone = fields.String(allow_none=True)
    active = fields.Boolean()


class AdminUserInSchema(Schema):
    """A user as an administrator creates or changes them (and as a CSV row names them)."""

    class Meta:
        unknown = RAISE

    username = _code(80, USERNAME)
    display_name = Text(120, min_length=1, required=True)
    role = fields.String(required=True, validate=validate.OneOf(ROLES, error=f"must be one of: {', '.join(ROLES)}"))
    department = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=16))
    active = fields.Boolean(load_default=True)
    password = Text(PASSWORD_LENGTH[1], min_length=PASSWORD_LENGTH[0], load_only=True, allow_none=True,
                    load_default=None,
                    metadata={"description": "a local password (demo and break-glass accounts); absent: unchanged"})

    @validates_schema
    def _department_fits_the_role(self, data, **_kwargs):
        problem = department_problem(data.get("role"), data.get("department"))
        if problem:
            raise ValidationError(problem, "department")


class AdminUserSchema(Schema):
    """A user as the desk reads them (never a password hash)."""

    id = fields.Integer()
    username = fields.String()
    display_name = fields.String()
    role = fields.String()
    department = fields.Function(lambda u: u.department.code if u.department else None)
    active = fields.Boolean()
    has_password = fields.Function(lambda u: has_password(u.password_hash))
    devices = fields.Integer(metadata={"description": "devices not revoked"})
    sso_unmapped_at = fields.DateTime(allow_none=True, metadata={
        "description": "when the City's sign-in last refused them as unmapped (their groups grant nothing here: they "
        "cannot sign in, and nobody may assign them a report) until a sign-in maps them again; null otherwise"})


class AdminUserQuerySchema(Schema):
    """Filters of the user list."""

    q = Text(80, load_default=None)
    department = Text(16, load_default=None)
    role = fields.String(load_default=None, validate=validate.OneOf(ROLES))
    assignable = fields.Boolean(load_default=False, metadata={
        "description": "with department: only those who may be assigned its reports now (server/reports/assignees.py)"})
    limit = fields.Integer(load_default=200, validate=validate.Range(1, 1000))
    offset = fields.Integer(load_default=0, validate=validate.Range(0, 10_000_000))


class AdminDeviceQuerySchema(Schema):
    """Filter of the device list."""

    class Meta:
        unknown = RAISE

    user_id = fields.Integer(load_default=None, validate=validate.Range(1, LARGEST_ID, error="not a user id"),
                             metadata={"description": "one user's devices"})


class RevokeSchema(Schema):
    """Revoke a device; ``wipe`` also erases what the phone holds once it has sent what is unsent."""

    class Meta:
        unknown = RAISE

    wipe = fields.Boolean(load_default=False)
