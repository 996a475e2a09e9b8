"""Idempotent demo seeding: run it twice and nothing is duplicated.

Sites and checklists are upserted by their codes; a checklist gets a new published
version only when its content changed (published versions are never edited), and each
new version or changed site goes into the change log so phones receive it on pull.
"""
import secrets

from sqlalchemy import select

from server.audit import record
from server.auth import hash_password
from server.changes import record_change
from server.checklists import publish_version
from server.demo import data
from server.extensions import db
from server.models import Checklist, Department, Site, User


def _department(spec: dict) -> Department:
    dept = db.session.scalar(select(Department).where(Department.code == spec["code"]))
    if dept is None:
        dept = Department(code=spec["code"], name=spec["name"])
        db.session.add(dept)
        db.session.flush()
        record("department.create", "department", dept.id, department_id=dept.id, details={"code": dept.code})
    dept.name = spec["name"]
    return dept


def _site(dept: Department, spec: dict) -> None:
    site = db.session.scalar(select(Site).where(Site.code == spec["code"]))
    wanted = {"name": spec["name"], "address": spec["address"], "facility_type": spec["facility_type"],
              "area_types": list(spec["area_types"]), "department_id": dept.id, "active": True}
    if site is not None and all(getattr(site, key) == value for key, value in wanted.items()):
        return
    if site is None:
        site = Site(code=spec["code"], **wanted)
        db.session.add(site)
    else:
        for key, value in wanted.items():
            setattr(site, key, value)
    db.session.flush()
    record("site.upsert", "site", site.id, department_id=dept.id, details={"code": site.code})
    record_change("site", site.code, site.to_dict(), department_id=dept.id)


def _checklist(dept: Department, variant: str) -> None:
    checklist = db.session.scalar(select(Checklist).where(Checklist.department_id == dept.id))
    if checklist is None:
        checklist = Checklist(department_id=dept.id, key=variant)
        db.session.add(checklist)
        db.session.flush()
    publish_version(checklist, data.checklist_for(variant))


def _user(spec: dict, departments: dict, password: str) -> None:
    user = db.session.scalar(select(User).where(User.username == spec["username"]))
    dept = departments.get(spec["department"])
    if user is None:
        user = User(username=spec["username"], display_name=spec["display_name"], role=spec["role"],
                    department_id=dept.id if dept else None, password_hash=hash_password(password))
        db.session.add(user)
        db.session.flush()
        record("user.create", "user", user.id, department_id=user.department_id, details={"role": user.role})
    else:
        user.password_hash = hash_password(password)
        record("user.password_reset", "user", user.id, department_id=user.department_id, details={"by": "seed-demo"})


def seed_demo(password: str | None = None) -> list[dict]:
    """Create or refresh the demo data; return each demo user with the password now set."""
    data.validate()
    departments = {}
    for spec in data.DEPARTMENTS:
        dept = _department(spec)
        departments[spec["code"]] = dept
        for site in spec["sites"]:
            _site(dept, site)
        _checklist(dept, spec["variant"])
    credentials = []
    for spec in data.DEMO_USERS:
        chosen = password or secrets.token_urlsafe(9)
        _user(spec, departments, chosen)
        credentials.append({**spec, "password": chosen})
    db.session.commit()
    return credentials
