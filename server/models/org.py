"""Departments, their sites (city facilities) and users with their one role."""
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from encounter.vocabulary import AREA_TYPES  # noqa: F401  (a site's area types are the report's)
from server.extensions import db
from server.models.types import Json, UtcDateTime, utcnow

ROLES = ("field", "liaison", "trainer", "mayor_office", "admin")
# Roles whose work is one department's; the others are citywide (trainer may be either).
DEPARTMENT_ROLES = ("field", "liaison")


class Department(db.Model):
    """A city department (Library, Recreation and Parks…)."""

    __tablename__ = "departments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at = mapped_column(UtcDateTime, default=utcnow, nullable=False)


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
    department = relationship(Department)

    def to_dict(self) -> dict:
        """Return the form phones receive on pull."""
        return {"code": self.code, "name": self.name, "address": self.address,
                "facility_type": self.facility_type, "area_types": list(self.area_types), "active": self.active}


class User(db.Model):
    """A person with exactly one role and, for department roles, one department."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('field','liaison','trainer','mayor_office','admin')", name="role_known"),
        CheckConstraint("role NOT IN ('field','liaison') OR department_id IS NOT NULL", name="department_role_has_department"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), index=True, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    department = relationship(Department)
