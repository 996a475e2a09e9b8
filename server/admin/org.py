"""Creating and changing departments, sites and users; each change audited and, where phones see it, logged for pull."""
from sqlalchemy import select, update

from encounter.vocabulary import AREA_TYPES, RESIDENT_HELP_CONTACT
from server.audit import record
from server.auth import hash_password
from server.changes import record_change
from server.checklists import publish_version
from server.checklists.files import variants
from server.models import Checklist, Department, Device, DeviceToken, Site, User
from server.models.types import utcnow
from server.reports import assignees

# Marks an account without a local password (imported, or single sign-on later): never matches.
NO_PASSWORD = "!"


class UnknownReference(ValueError):
    """A value names something that does not exist (a department code, a checklist variant)."""

    def __init__(self, field: str, message: str, value=None):
        super().__init__(message)
        self.field = field
        self.value = value


def _actor(principal) -> dict:
    """Audit keywords for whoever made the change (None: a command-line import)."""
    if principal is None:
        return {}
    return {"actor_id": principal.user_id, "device_id": principal.device_id}


def _assign(row, values: dict) -> list[str]:
    """Set the attributes that differ; return their names (what the audit and the diff name)."""
    changed = [key for key, value in values.items() if getattr(row, key) != value]
    for key in changed:
        setattr(row, key, values[key])
    return changed


def department_values(data: dict) -> dict:
    """Column values of a department from its validated input."""
    contacts = data.get("contacts") or {}
    return {"code": data["code"], "name": data["names"]["en"], "names": dict(data["names"]),
            "checklist_variant": data.get("checklist_variant"), "liaison_phone": contacts.get("liaison"),
            "counsel_phone": contacts.get("counsel"), "after_hours_phone": contacts.get("after_hours"),
            "resident_help_phone": contacts.get(RESIDENT_HELP_CONTACT)}


def save_department(session, department: Department | None, data: dict, principal=None) -> tuple[Department, list[str]]:
    """Create or change a department; a new checklist variant publishes that content file as its checklist's next version."""
    values = department_values(data)
    variant = values["checklist_variant"]
    if variant is not None and variant not in variants():
        raise UnknownReference("checklist_variant", f"no checklist content named {variant!r}; "
                               f"known: {', '.join(sorted(variants()))}", variant)
    created = department is None
    if created:
        department = Department(**values)
        session.add(department)
        session.flush()
        changed = list(values)
    else:
        changed = _assign(department, values)
    if not changed:
        return department, []
    record("department.create" if created else "department.update", "department", department.id,
           department_id=department.id, details={"code": department.code, "fields": changed}, **_actor(principal))
    if variant is not None and ("checklist_variant" in changed or created):
        start_checklist(session, department, variant, principal)
    if not created and {"liaison_phone", "counsel_phone", "after_hours_phone", "resident_help_phone"} & set(changed):
        # Phones get the department's numbers with each site: send each site again.
        for site in session.scalars(select(Site).where(Site.department_id == department.id)):
            record_change("site", site.code, site.to_dict(), department_id=department.id)
    return department, changed


def start_checklist(session, department: Department, variant: str, principal=None) -> None:
    """Publish the variant's content as the department's checklist (its one checklist, renamed to the variant)."""
    checklist = session.scalar(select(Checklist).where(Checklist.department_id == department.id)
                               .order_by(Checklist.id).limit(1))
    if checklist is None:
        checklist = Checklist(department_id=department.id, key=variant)
        session.add(checklist)
        session.flush()
    publish_version(checklist, variants()[variant], published_by=principal.user_id if principal else None,
                    device_id=principal.device_id if principal else None)


def site_values(data: dict, department: Department, stored: Site | None = None) -> dict:
    """Column values of a site from its validated input.

    Input without ``area_types`` keeps a stored site's (a form or file that does not name them must
    not widen them); a new site gets every kind of area.
    """
    area_types = data.get("area_types") or (stored.area_types if stored is not None else AREA_TYPES)
    return {"code": data["code"], "name": data["name"], "department_id": department.id,
            "facility_type": data["facility_type"], "address": data.get("address") or "",
            "area_types": list(area_types), "latitude": data.get("latitude"),
            "longitude": data.get("longitude"), "phone": data.get("phone"),
            "site_lead_phone": data.get("site_lead_phone"), "active": data.get("active", True)}


def save_site(session, site: Site | None, data: dict, department: Department, principal=None) -> tuple[Site, list[str]]:
    """Create or change a site; phones of its department get it on their next pull.

    A site moved to another department is withdrawn from the phones of the one it leaves (sent to
    them as inactive): they would offer it, and the server would refuse their reports there.
    """
    values = site_values(data, department, site)
    created = site is None
    left = None if created or site.department_id == department.id else (site.department_id, site.to_dict())
    if created:
        site = Site(**values)
        session.add(site)
        session.flush()
        changed = list(values)
    else:
        changed = _assign(site, values)
        if not changed:
            return site, []
        session.flush()
    record("site.create" if created else "site.update", "site", site.id, department_id=department.id,
           details={"code": site.code, "fields": changed}, **_actor(principal))
    site.department = department
    record_change("site", site.code, site.to_dict(), department_id=department.id)
    if left:
        record_change("site", site.code, {**left[1], "active": False}, department_id=left[0])
    return site, changed


def user_values(data: dict, department: Department | None) -> dict:
    """Column values of a user from its validated input (the password apart)."""
    return {"username": data["username"], "display_name": data["display_name"], "role": data["role"],
            "department_id": department.id if department else None, "active": data.get("active", True)}


def save_user(session, user: User | None, data: dict, department: Department | None,
              principal=None) -> tuple[User, list[str]]:
    """Create or change a user; deactivating one revokes every device they hold at once, and moving or deactivating
    a liaison unassigns them from the reports they may no longer hold (``server.reports.assignees``)."""
    values = user_values(data, department)
    created = user is None
    if created:
        user = User(**values, password_hash=NO_PASSWORD)
        session.add(user)
        session.flush()
        changed = list(values)
    else:
        changed = _assign(user, values)
    if data.get("password"):
        user.password_hash = hash_password(data["password"])
        changed.append("password")
    if not changed:
        return user, []
    session.flush()
    record("user.create" if created else "user.update", "user", user.id, department_id=user.department_id,
           details={"username": user.username, "fields": changed}, **_actor(principal))
    if "active" in changed and not user.active:
        revoke_users_devices(session, [user.id], principal)
    if not created and assignees.HOLDING & set(changed):
        assignees.release(session, [user.id], principal)
    return user, changed


def revoke_users_devices(session, user_ids: list[int], principal=None, reason: str = "user_deactivated") -> int:
    """Revoke every device and token of these users now (set-based: an import may deactivate thousands)."""
    if not user_ids:
        return 0
    now = utcnow()
    by = principal.user_id if principal else None
    devices = session.scalars(select(Device.id).where(Device.user_id.in_(user_ids), Device.revoked_at.is_(None))).all()
    session.execute(update(DeviceToken).where(DeviceToken.user_id.in_(user_ids), DeviceToken.revoked_at.is_(None))
                    .values(revoked_at=now))
    if devices:
        session.execute(update(Device).where(Device.id.in_(devices)).values(revoked_at=now, revoked_by=by))
        for device_id in devices:
            record("device.revoke", "device", device_id, details={"reason": reason}, **_actor(principal))
    return len(devices)
