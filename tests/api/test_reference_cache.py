"""Each worker caches sites and checklist versions for push; any change to them is seen by the very next push.

On PostgreSQL a push checks against the worker's copy and confirms its stamp in the statement that
writes (server/reference_cache.py): a change committed while a push is being checked is seen too.
"""
import pytest
from sqlalchemy import func, select, text, update

from server.extensions import db
from server.models import AuditEntry, Checklist, Encounter, ItemId, Site
from server.sync_store import SqlStore
from tests.api.alerts_support import alert_body, alert_item
from tests.factories import encounter_body, push, push_item


def status_of(client, device, body) -> tuple[str, dict]:
    """Push one report; return its status and errors."""
    [result] = push(client, device, [push_item(body)]).get_json()["results"]
    return result["status"], result.get("errors") or {}


def test_a_site_deactivated_after_a_push_refuses_the_next_report_there(client, world, login):
    field = login("field.a")
    assert status_of(client, field, encounter_body(world, site="site-a2"))[0] == "accepted"

    db.session.execute(update(Site).where(Site.code == "site-a2").values(active=False))
    db.session.commit()

    status, errors = status_of(client, field, encounter_body(world, site="site-a2"))
    assert status == "rejected" and "site" in errors["body"]


def test_a_site_added_after_a_push_takes_reports_at_once(client, world, login):
    field = login("field.a")
    assert status_of(client, field, encounter_body(world))[0] == "accepted"

    db.session.add(Site(department_id=world.departments["A"].id, code="site-a3", name="Site A3", address="1 Main St",
                        facility_type="office_counter", area_types=["public", "non_public"]))
    db.session.commit()

    assert status_of(client, field, encounter_body(world, site="site-a3"))[0] == "accepted"


def test_a_checklist_moved_to_another_department_is_refused_at_once(client, world, login):
    field = login("field.a")
    assert status_of(client, field, encounter_body(world))[0] == "accepted"

    db.session.execute(update(Checklist).where(Checklist.id == world.versions["A"].checklist_id)
                       .values(department_id=world.departments["B"].id, key="moved"))
    db.session.commit()

    status, errors = status_of(client, field, encounter_body(world))
    assert status == "rejected" and "checklist_version_id" in errors["body"]


def test_a_department_renamed_alone_is_named_anew_by_the_next_p1_report(client, world, login):
    from server.models import Department
    from tests.api.alerts_support import Stream

    field, liaison = login("field.a"), login("liaison.a")
    client.application.config.update(EVENTS_STREAM_SECONDS=1, EVENTS_REPLAY_SECONDS=0)
    assert status_of(client, field, encounter_body(world))[0] == "accepted"

    # No trigger stamps departments: the worker's copy must still notice.
    db.session.execute(update(Department).where(Department.code == "A").values(name="Renamed Department"))
    db.session.commit()
    stream = Stream(client, liaison)
    assert status_of(client, field, encounter_body(world))[0] == "accepted"
    [report] = [e["data"] for e in stream.rest() if e["event"] == "report"]
    assert report["department"] == {"code": "A", "name": "Renamed Department"}


@pytest.fixture
def change_while_checked(monkeypatch, backend):
    """Arm a change of reference data, committed on another connection once the push's items are checked."""
    if backend != "postgresql":
        pytest.skip("SQLite reads the stamp before checking, as one writer at a time it has no later snapshot")
    original = SqlStore.store_items

    def arm(statement: str) -> None:
        pending = [statement]

        def store_items(self, *args, **kwargs):
            if pending:
                with db.engine.begin() as connection:
                    connection.execute(text(pending.pop()))
            return original(self, *args, **kwargs)

        monkeypatch.setattr(SqlStore, "store_items", store_items)

    return arm


@pytest.mark.parametrize("kind", ["encounter", "alert"])
def test_a_site_deactivated_while_a_push_is_checked_refuses_the_item_there(client, world, login, change_while_checked,
                                                                            kind):
    field = login("field.a")
    assert status_of(client, field, encounter_body(world))[0] == "accepted"  # the worker holds a copy now
    change_while_checked("UPDATE sites SET active = false WHERE code = 'site-a2'")

    body = encounter_body(world, site="site-a2") if kind == "encounter" else alert_body("site-a2")
    [result] = push(client, field, [push_item(body, kind=kind)]).get_json()["results"]

    assert result["status"] == "rejected" and "site" in result["errors"]["body"]
    assert db.session.scalar(select(func.count()).select_from(ItemId)) == 1


def test_a_push_checked_again_after_an_unrelated_change_is_stored_once(client, world, login, change_while_checked):
    field = login("field.a")
    assert status_of(client, field, encounter_body(world))[0] == "accepted"
    change_while_checked("UPDATE sites SET name = 'Site A1, renamed' WHERE code = 'site-a1'")

    item = push_item(encounter_body(world, site="site-a2"))
    assert [r["status"] for r in push(client, field, [item, alert_item()]).get_json()["results"]] \
        == ["accepted", "accepted"]

    assert db.session.scalar(select(func.count()).select_from(Encounter)) == 2
    assert db.session.scalar(select(func.count()).select_from(ItemId)) == 3
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "encounter.receive", AuditEntry.entity_id == item["id"])) == 1
