"""Crafted reports for the analytics tests: every count, rate, median and p90 known by construction.

Reports are written straight into the tables (as ingest would leave them, with
``seconds_from_start`` filled), not pushed: the figures, not the push path, are under test.
"""
import uuid
from datetime import datetime, timedelta, timezone

from server.checklists import publish_version
from server.extensions import db
from server.models import Device, Encounter, StepResult

W46 = datetime(2026, 11, 10, 18, 0, tzinfo=timezone.utc)  # Tuesday 10:00 in Los Angeles, ISO week 2026-W46
W47 = datetime(2026, 11, 17, 18, 0, tzinfo=timezone.utc)  # a week later, 2026-W47
V2_STEPS = [
    {"id": "step-1", "time_critical": False, "text": {"en": "Step 1", "es": "Paso 1"}, "guide": None},
    {"id": "step-3", "time_critical": False, "text": {"en": "Step 3 reworded", "es": "Paso 3"}, "guide": None},
    {"id": "new-step", "time_critical": True, "text": {"en": "New step", "es": "Paso nuevo"}, "guide": None},
]


def add_report(world, dept: str, site: str, started: datetime, version, results: dict | None = None,
               reached: int | None = None, received_after: float = 10, notified_after: float | None = None,
               reporter: str | None = None) -> Encounter:
    """Store one report; every step is done at 60 s × its position unless ``results`` says
    ``{step_id: (result, seconds)}``; steps after the first ``reached`` have no result (not reached)."""
    user = world.users[reporter or f"field.{dept.lower()}"]
    device = Device(id=uuid.uuid4(), user_id=user.id, name="test")
    db.session.add(device)
    encounter = Encounter(
        id=uuid.uuid4(), department_id=world.departments[dept].id, site_id=world.sites[site].id, reporter_id=user.id,
        device_id=device.id, checklist_version_id=version.id, schema_version=1, body={}, sha256="0" * 64,
        received_at=started + timedelta(minutes=received_after), area_type="public", started_at=started,
        agencies=["ice_ero"], document_type="none",
        liaison_notified_at=started + timedelta(minutes=notified_after) if notified_after is not None else None)
    db.session.add(encounter)
    db.session.flush()
    for position, step in enumerate(version.steps[:reached], start=1):
        result, seconds = (results or {}).get(step["id"], ("done", 60 * position))
        db.session.add(StepResult(encounter_id=encounter.id, step_id=step["id"], position=position - 1,
                                  result=result, at=started + timedelta(seconds=seconds), seconds_from_start=seconds))
    return encounter


def build_reports(world) -> dict:
    """The crafted data set (see tests/api/test_analytics.py for what it must give); returns the versions."""
    v1 = world.versions["A"]
    for i in range(10):  # site-a1, week 46, version 1
        results = {"step-1": ("done", 10 * (i + 1))}
        if i < 3:
            results["step-2"] = ("skipped", 0)
        if i in (3, 4):
            results["step-3"] = ("not_applicable", 0)
        add_report(world, "A", "site-a1", W46 + timedelta(minutes=i), v1, results, reached=2 if i == 9 else None,
                   received_after=i + 1, notified_after=2 * (i + 1) if i < 5 else None)
    for i in range(4):  # site-a2, week 47, version 1
        results = {"step-1": ("done", 30)}
        if i == 0:
            results["step-4"] = ("skipped", 0)
        add_report(world, "A", "site-a2", W47 + timedelta(minutes=i), v1, results, received_after=20)
    v2 = publish_version(v1.checklist, {"title": {"en": "Checklist 2", "es": "Lista 2"}, "steps": V2_STEPS})
    for i, (seconds, new_step) in enumerate([(100, ("skipped", 0)), (200, ("done", 300))]):  # site-a1, week 47, v2
        add_report(world, "A", "site-a1", W47 + timedelta(hours=1, minutes=i), v2,
                   {"step-1": ("done", seconds), "new-step": new_step}, received_after=30, notified_after=40)
    for i in range(5):  # department B: every step skipped
        add_report(world, "B", "site-b1", W46 + timedelta(minutes=i), world.versions["B"],
                   {s["id"]: ("skipped", 0) for s in world.versions["B"].steps}, received_after=5)
    db.session.commit()
    return {"v1": v1.id, "v2": v2.id, "b1": world.versions["B"].id}
