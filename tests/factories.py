"""Builders for test data: a small world, signed-in devices and valid encounter bodies."""
import time
import uuid
from dataclasses import dataclass, field

from sqlalchemy import text
from werkzeug.security import generate_password_hash

from server.changes import record_change
from server.extensions import db
from server.models import Checklist, ChecklistVersion, Department, Site, User
from sync.canonical import content_sha256

PASSWORD = "correct horse battery staple"
# Cheap hashing keeps fixtures fast; production hashes use scrypt (server/auth.py).
_FAST_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")

STEPS = [
    {"id": f"step-{n}", "time_critical": n % 2 == 0, "text": {"en": f"Step {n}", "es": f"Paso {n}"}, "guide": None}
    for n in range(1, 15)
]


@dataclass
class World:
    """Handles to what ``build_world`` made."""

    departments: dict = field(default_factory=dict)
    sites: dict = field(default_factory=dict)
    versions: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)


def build_world() -> World:
    """Departments A and B, two sites each, a 14-step published checklist each, and users.

    Users: field.a, field.a2, liaison.a, field.b, liaison.b, trainer.a (department A),
    trainer (citywide), mayor, admin. Every password is ``PASSWORD``.
    """
    world = World()
    for code in ("A", "B"):
        dept = Department(code=code, name=f"Department {code}")
        db.session.add(dept)
        db.session.flush()
        world.departments[code] = dept
        for n in (1, 2):
            site = Site(department_id=dept.id, code=f"site-{code.lower()}{n}", name=f"Site {code}{n}",
                        address="200 N Spring St", facility_type="office_counter",
                        area_types=["public", "non_public"])
            db.session.add(site)
            db.session.flush()
            record_change("site", site.code, site.to_dict(), department_id=dept.id)
            world.sites[site.code] = site
        checklist = Checklist(department_id=dept.id, key="universal")
        db.session.add(checklist)
        db.session.flush()
        content = {"title": {"en": "Checklist", "es": "Lista"}, "steps": STEPS}
        version = ChecklistVersion(checklist=checklist, number=1, title=content["title"], steps=STEPS,
                                   content_sha256=content_sha256(content))
        db.session.add(version)
        db.session.flush()
        record_change("checklist_version", version.id, version.to_dict(), department_id=dept.id)
        world.versions[code] = version
    for username, role, dept in [("field.a", "field", "A"), ("field.a2", "field", "A"), ("liaison.a", "liaison", "A"),
                                 ("field.b", "field", "B"), ("liaison.b", "liaison", "B"),
                                 ("trainer.a", "trainer", "A"), ("trainer", "trainer", None),
                                 ("mayor", "mayor_office", None), ("admin", "admin", None)]:
        user = User(username=username, display_name=username.title(), role=role, password_hash=_FAST_HASH,
                    department_id=world.departments[dept].id if dept else None)
        db.session.add(user)
        world.users[username] = user
    db.session.commit()
    return world


def add_user(username: str, role: str, department: Department | None) -> User:
    """Add one user (password ``PASSWORD``) to a built world."""
    user = User(username=username, display_name=username.title(), role=role, password_hash=_FAST_HASH,
                department_id=department.id if department else None)
    db.session.add(user)
    db.session.commit()
    return user


def add_crew(department: Department, count: int) -> None:
    """Add ``count`` field employees of ``department`` (crew.0000 …), as a department of thousands has."""
    db.session.add_all([User(username=f"crew.{n:04d}", display_name=f"Crew {n:04d}", role="field",
                             password_hash=_FAST_HASH, department_id=department.id) for n in range(count)])
    db.session.commit()


@dataclass
class SignedIn:
    """A device signed in through the API."""

    username: str
    token: str
    device_id: str

    @property
    def headers(self) -> dict:
        """Authorization header for this device."""
        return {"Authorization": f"Bearer {self.token}"}


def sign_in_via_api(client, username: str, device_id: str | None = None, password: str = PASSWORD,
                    device_name: str | None = None) -> SignedIn:
    """POST /auth/login and return the signed-in device; fails the test if sign-in fails."""
    device_id = device_id or str(uuid.uuid4())
    named = {"device_name": device_name} if device_name is not None else {}
    response = client.post("/api/v1/auth/login",
                           json={"username": username, "password": password, "device_id": device_id, **named})
    assert response.status_code == 200, response.get_json()
    return SignedIn(username, response.get_json()["token"], device_id)


def encounter_body(world: World, dept: str = "A", site: str | None = None, **overrides) -> dict:
    """Return a valid encounter body for department ``dept`` with all 14 steps done."""
    version = world.versions[dept]
    body = {
        "site": site or f"site-{dept.lower()}1",
        "checklist_version_id": version.id,
        "area_type": "non_public",
        "started_at": "2026-11-20T15:00:00Z",
        "ended_at": "2026-11-20T15:40:00Z",
        "agencies": ["ice_ero"],
        "agent_count": 3,
        "vehicle_count": 2,
        "masks": True,
        "document_type": "administrative_warrant",
        "document_copy_obtained": True,
        "consent_asked": True,
        "consent_refused": True,
        "non_public_entered": True,
        "entered_over_objection": True,
        "detained_count": 1,
        "minors_present": False,
        "stated_purpose": "Said they were looking for someone.",
        "steps": [{"step_id": s["id"], "result": "done", "at": f"2026-11-20T15:{n:02d}:00Z"}
                  for n, s in enumerate(version.steps)],
        "notes": "Agents left at 15:40.",
    }
    body.update(overrides)
    return body


def push_item(body: dict, item_id: str | None = None, kind: str = "encounter", schema_version: int = 1) -> dict:
    """Wrap a body as a push item."""
    return {"id": item_id or str(uuid.uuid4()), "kind": kind, "schema_version": schema_version, "body": body}


def push(client, device: SignedIn, items: list, protocol: int = 1):
    """POST /sync/push for a signed-in device."""
    return client.post("/api/v1/sync/push", headers=device.headers,
                       json={"protocol": protocol, "device_id": device.device_id, "items": items})


def settle_pull_horizon(timeout: float = 30.0) -> None:
    """On PostgreSQL, wait until every committed change is behind the pull horizon.

    Why: pull hands out only changes of transactions older than every transaction still
    running (sync/cursor.py), and transaction ids are server-wide, so a write transaction
    in any database on the server (another test run, say) delays delivery for a moment.
    Delayed is allowed; lost or repeated is what these tests catch.
    """
    if db.engine.dialect.name != "postgresql":
        return
    deadline = time.monotonic() + timeout
    with db.engine.connect() as conn:
        while True:
            newest, horizon = conn.execute(text(
                "SELECT (SELECT coalesce(max(txid), 0) FROM change_log), "
                "pg_snapshot_xmin(pg_current_snapshot())::text::bigint")).one()
            conn.rollback()
            if newest < horizon:
                return
            assert time.monotonic() < deadline, "a transaction on the PostgreSQL server stayed open too long"
            time.sleep(0.05)
