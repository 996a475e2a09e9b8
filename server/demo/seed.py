"""Idempotent demo seeding: run it twice and nothing is duplicated.

Departments, sites and users go through the same administration logic as the admin API and the
CSV import (``server/admin/org.py``): upserted by their codes, audited, and phones told on pull.
A department's checklist gets a new published version only when its content file changed.
"""
import secrets

from sqlalchemy import select

from server.admin.org import start_checklist, save_department, save_site, save_user
from server.audit import record
from server.auth import hash_password
from server.demo import data
from server.extensions import db
from server.models import Department, Site, User
from server.schemas.admin import DepartmentInSchema, SiteInSchema, AdminUserInSchema


def _department(spec: dict) -> Department:
    dept = db.session.scalar(select(Department).where(Department.code == spec["code"]))
    checked = DepartmentInSchema().load({key: spec[key] for key in ("code", "names", "checklist_variant", "contacts")})
    dept, _changed = save_department(db.session, dept, checked)
    start_checklist(db.session, dept, spec["checklist_variant"])  # publishes only if the file changed
    for site_spec in spec["sites"]:
        site = db.session.scalar(select(Site).where(Site.code == site_spec["code"]))
        save_site(db.session, site, SiteInSchema().load({**site_spec, "department": dept.code}), dept)
    return dept


def _user(spec: dict, departments: dict, password: str) -> None:
    user = db.session.scalar(select(User).where(User.username == spec["username"]))
    existed = user is not None
    checked = AdminUserInSchema().load({key: value for key, value in spec.items() if value is not None})
    user, _changed = save_user(db.session, user, checked, departments.get(spec["department"]))
    user.password_hash = hash_password(password)
    if existed:
        record("user.password_reset", "user", user.id, department_id=user.department_id, details={"by": "seed-demo"})


def seed_demo(password: str | None = None) -> list[dict]:
    """Create or refresh the demo data; return each demo user with the password now set."""
    departments = {spec["code"]: _department(spec) for spec in data.DEPARTMENTS}
    credentials = []
    for spec in data.DEMO_USERS:
        chosen = password or secrets.token_urlsafe(9)
        _user(spec, departments, chosen)
        credentials.append({**spec, "password": chosen})
    db.session.commit()
    return credentials
