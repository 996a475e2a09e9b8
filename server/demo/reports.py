"""Demo reports, so a newcomer's liaison queue, Mayor's Office view and analytics show something.

They go in through the real push path (``sync.push`` with the SQL store and the server's
kinds), as the demo field employees from a demo device each: priority, search text and
step timings are computed exactly as for a phone's report. Ids are fixed (UUID 5 of a
name), so a second run stores nothing twice: the server answers duplicate or conflict.
Times are relative to now, so the queue looks current on the day the demo is seeded.
"""
import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from server.extensions import db
from server.kinds import kinds_for
from server.models import Checklist, ChecklistVersion, Department, Device, User
from server.sync_store import SqlStore
from sync import PushRequest, push
from sync.envelope import PROTOCOL_VERSION, Principal

NAMESPACE = uuid.UUID("6f1c2d0e-3c1b-4f7a-9a55-5d0f0c1e7e01")

# Triage a liaison does on a freshly stored demo report: (report name, liaison, [(action, argument)…]).
TRIAGE = [
    ("lapl-sighting", "liaison.lapl", [("status", "acknowledged"), ("status", "closed")]),
    ("lapl-workroom", "liaison.lapl", [("status", "acknowledged"),
                                       ("ask", "Which door did they use to reach the workroom, and did anyone "
                                               "from the library go with them?")]),
    ("rap-camp", "liaison.rap", [("status", "escalated")]),
]
RESOLUTION = "Sighting only; no contact, no entry. Shared with the branch for awareness."

# (name, reporter, site (None: the department's first), hours ago, minutes long, fields, skipped step positions)
REPORTS = [
    ("lapl-workroom", "field.lapl", "lapl-central", 0.5, 35,
     dict(area_type="non_public", agencies=["ice_ero"], agent_count=4, vehicle_count=2, masks=True,
          document_type="administrative_warrant", document_copy_obtained=True, consent_asked=True,
          consent_refused=True, non_public_entered=True, entered_over_objection=True,
          requested=["access", "records"], detained_count=0, minors_present=False,
          stated_purpose="Said they were looking for a person; showed a form I-200.",
          areas_entered="Staff workroom behind circulation desk.", outcome="left_without_action"),
     {6}),
    ("lapl-workroom-2", "field.lapl", "lapl-central", 0.2, 20,
     dict(area_type="public", agencies=["ice_ero"], agent_count=4, masks=True, document_type="unknown",
          non_public_entered=False, stated_purpose="Same agents seen leaving through the lobby.",
          outcome="left_without_action"),
     set()),
    ("lapl-sighting", "field.lapl", "lapl-chinatown", 30, 10,
     dict(area_type="public", agencies=["unknown"], agent_count=2, document_type="none",
          non_public_entered=False, stated_purpose="Two people in vests photographing the entrance; no contact.",
          outcome="left_without_action"),
     set()),
    ("rap-camp", "field.rap", "rap-macarthur-park", 3, 50,
     dict(area_type="parking_staging", agencies=["cbp", "ice_ero"], agent_count=8, vehicle_count=5,
          government_plates=True, masks=True, document_type="none", non_public_entered=False,
          requested=["staging"], minors_present=True, detained_count=2, force_used=False,
          stated_purpose="Staged in the lot next to the day camp.", outcome="arrest_made"),
     {2, 10}),
    ("rap-rec-center", "field.rap", "rap-pan-pacific-rec", 50, 25,
     dict(area_type="public", agencies=["hsi"], agent_count=2, document_type="judicial_warrant",
          document_copy_obtained=True, non_public_entered=False, detained_count=1,
          stated_purpose="Served a judicial warrant in the parking area.", outcome="arrest_made"),
     set()),
    ("lasan-yard", "field.lasan", "lasan-north-central-yard", 6, 15,
     dict(area_type="non_public", agencies=["ice_ero"], agent_count=3, document_type="judicial_warrant",
          document_copy_obtained=False, non_public_entered=True, consent_asked=True, consent_refused=False,
          stated_purpose="Asked about a crew member's schedule; referred to counsel.",
          outcome="left_without_action"),
     {4}),
    ("lasan-route", "field.lasan", "lasan-west-la-yard", 75, 5,
     dict(area_type="parking_staging", agencies=["unknown"], agent_count=1, document_type="none",
          non_public_entered=False, stated_purpose="Unmarked vehicle parked at the yard gate for an hour.",
          outcome="left_without_action"),
     set()),
    ("ladbs-counter", "field.ladbs", None, 8, 30,
     dict(area_type="non_public", agencies=["hsi"], agent_count=2, document_type="administrative_subpoena",
          non_public_entered=True, entered_over_objection=False, requested=["records"],
          items_taken="Asked for an applicant file; none given, referred to counsel.",
          stated_purpose="Requested permit records.", outcome="left_without_action"),
     {7, 8}),
]


def _device(user: User) -> uuid.UUID:
    """The demo user's demo device (created once)."""
    device_id = uuid.uuid5(NAMESPACE, f"device:{user.username}")
    if db.session.get(Device, device_id) is None:
        db.session.add(Device(id=device_id, user_id=user.id, name="demo device"))
        db.session.flush()
    return device_id


def _version(department_id: int) -> ChecklistVersion:
    """The department's newest published, unretired checklist version."""
    return db.session.scalar(
        select(ChecklistVersion).join(Checklist).where(Checklist.department_id == department_id,
                                                       ChecklistVersion.retired_at.is_(None))
        .order_by(ChecklistVersion.number.desc()).limit(1))


def _first_site(department_id: int) -> str:
    from server.models import Site
    return db.session.scalar(select(Site.code).where(Site.department_id == department_id).order_by(Site.id).limit(1))


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _body(version: ChecklistVersion, site: str, hours_ago: float, minutes: int, fields: dict, skipped: set) -> dict:
    """A report body: the checklist's steps spread over the encounter, some skipped."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    start = now - timedelta(hours=hours_ago)
    spacing = max(minutes * 60 // max(len(version.steps), 1), 20)
    steps = [{"step_id": step["id"], "result": "skipped" if i in skipped else "done",
              "at": _iso(start + timedelta(seconds=30 + i * spacing))} for i, step in enumerate(version.steps)]
    body = {"site": site, "checklist_version_id": version.id, "started_at": _iso(start),
            "ended_at": _iso(start + timedelta(minutes=minutes)), "steps": steps,
            "liaison_notified_at": _iso(start + timedelta(minutes=minutes + 10)), "language": "en", **fields}
    return body


def seed_demo_reports() -> dict[str, int]:
    """Push the demo reports; return how many were stored now and how many were already there."""
    store, counts = SqlStore(), {"stored": 0, "already_there": 0, "not_stored": 0}
    for name, username, site, hours_ago, minutes, fields, skipped in REPORTS:
        user = db.session.scalar(select(User).where(User.username == username))
        if user is None:
            continue
        department = db.session.get(Department, user.department_id)
        version = _version(department.id)
        if version is None:
            continue
        principal = Principal(user.id, user.role, user.department_id, _device(user))
        db.session.commit()
        body = _body(version, site or _first_site(department.id), hours_ago, minutes, fields, skipped)
        item = {"id": str(uuid.uuid5(NAMESPACE, f"report:{name}")), "kind": "encounter",
                "schema_version": 1, "body": body}
        [result] = push(store, principal, PushRequest(PROTOCOL_VERSION, principal.device_id, [item]),
                        kinds_for(principal), max_items=1)
        key = {"accepted": "stored", "duplicate": "already_there", "conflict": "already_there"}.get(result.status,
                                                                                                  "not_stored")
        counts[key] += 1
        if result.status == "accepted":
            _triage(name)
    return counts


def _triage(name: str) -> None:
    """Triage a demo report the way its liaison would, through the same functions as the desk."""
    from server.reports import triage

    for report_name, username, actions in TRIAGE:
        if report_name != name:
            continue
        liaison = db.session.scalar(select(User).where(User.username == username))
        if liaison is None:
            return
        principal = Principal(liaison.id, liaison.role, liaison.department_id, _device(liaison))
        report_id = uuid.uuid5(NAMESPACE, f"report:{name}")
        for action, argument in actions:
            if action == "status":
                resolution = RESOLUTION if argument == "closed" else None
                triage.move_status(principal, report_id, argument, resolution=resolution)
            else:
                triage.ask(principal, report_id, argument)
        db.session.commit()
