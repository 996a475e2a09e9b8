"""Departments, their sites (city facilities) and users with their one role."""
from sqlalchemy import Boolean, CheckConstraint, Float, ForeignKey, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from encounter.field_message import coded
from encounter.vocabulary import AREA_TYPES  # noqa: F401  (a site's area types are the report's)
from encounter.views import ROLES  # noqa: F401  (a user's one role is one of the core's)
from encounter.vocabulary import RESIDENT_HELP_CONTACT
from server.extensions import db
from server.models.types import Json, UtcDateTime, utcnow

# Roles whose work is one department's; the others are citywide (trainer and counsel may be either).
DEPARTMENT_ROLES = ("field", "liaison")
# Roles that see every department whatever is stored on the user (server/access.py).
CITYWIDE_ROLES = frozenset({"mayor_office", "admin"})


def department_problem(role: str, department) -> str | None:
    """Why ``role`` cannot go with this department (a code, or None), or None: for the admin API, imports and SSO.

    A citywide role's department would be shown on the user yet limit nothing, so an admin
    would believe the user is confined to it: refused rather than stored and ignored.
    """
    if role in DEPARTMENT_ROLES and not department:
        return coded("required", f"a {role} user belongs to a department")
    if role in CITYWIDE_ROLES and department:
        return coded("citywide", f"a {role} user is citywide and has no department; leave it empty")
    return None


class Department(db.Model):
    """A city department (Library, Recreation and Parks…)."""

    __tablename__ = "departments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    # The name in each UI language ({"en": …, "es": …}); ``name`` stays the English one.
    names: Mapped[dict] = mapped_column(Json, server_default=text("'{}'"))
    # Which content/checklists/<variant>.json the department's checklist started from.
    checklist_variant: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # Numbers the phone's call buttons dial (E.164): the liaison line, counsel, after hours.
    liaison_phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    counsel_phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    after_hours_phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    # The help line the phone's card for residents shows (a resident's to call, not the employee's).
    resident_help_phone: Mapped[str | None] = mapped_column(String(20), nullable=True)

    def contacts(self) -> dict:
        """Return the department's numbers as phones receive them with each site."""
        return {"liaison": self.liaison_phone, "counsel": self.counsel_phone, "after_hours": self.after_hours_phone,
                RESIDENT_HELP_CONTACT: self.resident_help_phone}


class Site(db.Model):
    """A city facility where encounters happen; its code is what phones reference offline."""

    __tablename__ = "sites"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    facility_type: Mapped[str] = mapped_column(String(40))
    area_types: Mapped[list] = mapped_column(Json)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow, nullable=False)
    # For the phone's nearest-site default (WGS 84 degrees).
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    site_lead_phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    department = relationship(Department)

    def to_dict(self) -> dict:
        """Return the form phones receive on pull: with the numbers its call buttons dial (site and department)."""
        contacts = {"site": self.phone, "site_lead": self.site_lead_phone}
        if self.department is not None:
            contacts.update(self.department.contacts())
        return {"code": self.code, "name": self.name, "address": self.address,
                "facility_type": self.facility_type, "area_types": list(self.area_types), "active": self.active,
                "latitude": self.latitude, "longitude": self.longitude, "contacts": contacts}


class User(db.Model):
    """A person with exactly one role and, for department roles, one department."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('field','liaison','trainer','mayor_office','admin','counsel')", name="role_known"),
        CheckConstraint("role NOT IN ('field','liaison') OR department_id IS NOT NULL", name="department_role_has_department"),
        UniqueConstraint("external_issuer", "external_subject", name="uq_users_external_identity"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), index=True, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    # Single sign-on (later): the identity provider's issuer and its stable subject for this person.
    # Both null for local accounts; a pair names one user at most.
    external_issuer: Mapped[str | None] = mapped_column(String(300), nullable=True)
    external_subject: Mapped[str | None] = mapped_column(String(255), nullable=True)
    # When the City's sign-in last refused them as ``unmapped`` (their groups grant nothing here), until it maps
    # them again: still active, but unable to sign in, so nobody may assign them a report (server/reports/assignees.py).
    sso_unmapped_at = mapped_column(UtcDateTime, nullable=True)
    department = relationship(Department)
