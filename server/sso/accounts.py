"""The account behind a validated ID token: matched by (issuer, subject), created or updated from the role map.

Never a default role. Refused, each with the reason the app shows ("ask your administrator"):
``unmapped`` (no configured group, or groups that disagree, or a department that does not exist here;
a known user in that case loses every device and every report assigned to them at once, and may not be assigned
another until a sign-in maps them again (``users.sso_unmapped_at``): they left, or their access was withdrawn),
``inactive`` (switched off by an administrator here: the provider does not switch them back on).
"""
import hashlib

from flask import current_app
from sqlalchemy import select

from encounter.triage import ASSIGNEE_UNMAPPED
from server.admin.org import NO_PASSWORD, revoke_users_devices
from server.audit import record
from server.extensions import db
from server.models import Department, User
from server.models.types import utcnow
from server.reports import assignees
from server.sso.mapping import parse_role_map

USERNAME_CLAIMS = ("preferred_username", "email")


class Refused(Exception):
    """The account may not sign in here; ``reason`` is what the app tells the person."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def role_map():
    """The configured role map, parsed once per worker and value of OIDC_ROLE_MAP."""
    raw = current_app.config["OIDC_ROLE_MAP"]
    cached = current_app.extensions.get("sso_role_map")
    if cached is None or cached[0] != raw:
        cached = current_app.extensions["sso_role_map"] = (raw, parse_role_map(raw))
    return cached[1]


def _username(claims: dict) -> str:
    """A readable, unused username for a new account (the provider's, or with a suffix from the subject)."""
    for name in USERNAME_CLAIMS:
        value = claims.get(name)
        if isinstance(value, str) and value.strip():
            base = value.strip()[:60]
            break
    else:
        base = "sso"
    taken = db.session.scalar(select(User.id).where(User.username == base))
    suffix = hashlib.sha256(f"{claims['iss']} {claims['sub']}".encode()).hexdigest()[:8]
    return base if taken is None else f"{base}-{suffix}"


def _display_name(claims: dict, fallback: str) -> str:
    """The person's name as the provider gives it."""
    name = claims.get("name")
    return name.strip()[:120] if isinstance(name, str) and name.strip() else fallback


def resolve(claims: dict, flow) -> User:
    """Return the user this account signs in as, creating or updating them (audited); raise Refused otherwise."""
    issuer, subject = claims["iss"], str(claims["sub"])
    user = db.session.scalar(select(User).where(User.external_issuer == issuer, User.external_subject == subject))
    if user is not None and not user.active:
        raise Refused("inactive")
    assignment = role_map().assign(claims)
    department = None
    if assignment is not None and assignment.department is not None:
        department = db.session.scalar(select(Department).where(Department.code == assignment.department))
    if assignment is None or (assignment.department is not None and department is None):
        if user is not None:
            record("user.sso_unmapped", "user", user.id, actor_id=user.id, department_id=user.department_id,
                   details={"source": "sso"})
            user.sso_unmapped_at = utcnow()  # nobody may assign them a report until a sign-in maps them again
            revoke_users_devices(db.session, [user.id], reason="sso_unmapped")
            # Still an active liaison here, but no longer able to sign in: their reports go back to "unassigned".
            assignees.release(db.session, [user.id], actor_id=user.id, why=ASSIGNEE_UNMAPPED)
        raise Refused("unmapped")  # flow.py's refusal commits all of this
    values = {"role": assignment.role, "department_id": department.id if department else None,
              "sso_unmapped_at": None}
    if user is None:
        username = _username(claims)
        user = User(username=username, display_name=_display_name(claims, username), password_hash=NO_PASSWORD,
                    external_issuer=issuer, external_subject=subject, active=True, **values)
        db.session.add(user)
        db.session.flush()
        record("user.create", "user", user.id, actor_id=user.id, department_id=user.department_id,
               device_id=flow.device_id, details={"source": "sso", "role": user.role, "fields": ["role", "department_id"]})
        return user
    changed = [name for name, value in values.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, values[name])
    if changed:
        record("user.update", "user", user.id, actor_id=user.id, department_id=user.department_id,
               details={"source": "sso", "role": user.role, "fields": changed})
        db.session.flush()
        assignees.release(db.session, [user.id], actor_id=user.id)  # mapped to another department or role
    return user
