"""Who sees what: pull and every scoped query go through ``server.access`` (role + department)."""
import uuid

import pytest
from sqlalchemy import select

from server.access import scoped, visible
from server.changes import record_change
from server.extensions import db
from server.models import ChecklistVersion, Encounter, Site, StepResult
from sync.envelope import Principal
from tests.factories import encounter_body, push, push_item
from tests.factories import settle_pull_horizon as settle

DEPARTMENT_OF = {"field.a": "A", "field.a2": "A", "liaison.a": "A", "trainer.a": "A",
                 "field.b": "B", "liaison.b": "B", "trainer": None, "mayor": None, "admin": None}
EVERYONE = list(DEPARTMENT_OF)


def pulled(client, device) -> set[tuple[str, str]]:
    """Pull everything from the start; return (kind, id) of each change, asserting none comes twice."""
    settle()
    seen, cursor = [], ""
    while True:
        response = client.get("/api/v1/sync/pull", headers=device.headers, query_string={"cursor": cursor, "limit": 2})
        assert response.status_code == 200, response.get_json()
        page = response.get_json()
        seen += [(c["kind"], c["id"]) for c in page["changes"]]
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    assert len(seen) == len(set(seen))
    return set(seen)


def department_changes(world, dept: str) -> set[tuple[str, str]]:
    """What the world fixture broadcasts to one department: its two sites and its checklist version."""
    return {("site", f"site-{dept.lower()}1"), ("site", f"site-{dept.lower()}2"),
            ("checklist_version", str(world.versions[dept].id))}


def expected_broadcasts(world, username: str) -> set[tuple[str, str]]:
    """Department roles see their department's broadcasts; citywide roles see every department's."""
    dept = DEPARTMENT_OF[username]
    return department_changes(world, dept) if dept else department_changes(world, "A") | department_changes(world, "B")


def principal_of(world, username: str) -> Principal:
    user = world.users[username]
    return Principal(user.id, user.role, user.department_id, uuid.uuid4())


@pytest.mark.parametrize("username", EVERYONE)
def test_each_role_pulls_exactly_its_departments_broadcast_changes(client, world, login, username):
    assert pulled(client, login(username)) == expected_broadcasts(world, username)


@pytest.mark.parametrize("username", ["field.a", "field.a2", "liaison.a", "trainer.a"])
def test_department_a_never_pulls_department_bs_sites_or_checklists(client, world, login, username):
    assert not pulled(client, login(username)) & department_changes(world, "B")


@pytest.mark.parametrize("username", ["field.b", "liaison.b"])
def test_department_b_pulls_nothing_of_department_a(client, world, login, username):
    assert not pulled(client, login(username)) & department_changes(world, "A")


@pytest.mark.parametrize("username", EVERYONE)
def test_personal_changes_reach_only_their_recipient_whatever_the_role(client, world, login, username):
    for recipient in ("field.a", "field.a2", "field.b"):
        user = world.users[recipient]
        record_change("report_status", f"for-{recipient}", {"status": "acknowledged"},
                      department_id=user.department_id, recipient_id=user.id)
    db.session.commit()
    personal = {c for c in pulled(client, login(username)) if c[0] == "report_status"}
    assert personal == ({("report_status", f"for-{username}")} if username in ("field.a", "field.a2", "field.b")
                        else set())


@pytest.mark.parametrize("username", EVERYONE)
def test_a_change_for_every_department_reaches_every_role(client, world, login, username):
    record_change("announcement", "city-1", {"text": "new resource cards"})
    db.session.commit()
    assert ("announcement", "city-1") in pulled(client, login(username))


@pytest.mark.parametrize("username", ["trainer", "mayor", "admin"])
def test_citywide_roles_see_a_site_added_later_in_any_department(client, world, login, username):
    device = login(username)
    record_change("site", "site-c1", {"code": "site-c1"}, department_id=world.departments["B"].id)
    db.session.commit()
    assert ("site", "site-c1") in pulled(client, device)


# --- scoped(Encounter, principal): the one query-scoping function ----------------------

@pytest.fixture
def reports(client, world, login) -> dict[str, set[uuid.UUID]]:
    """Encounters pushed by field.a (two), field.a2 (one), liaison.a (one) and field.b (one)."""
    made: dict[str, set[uuid.UUID]] = {}
    pushes = [("field.a", "A", 2), ("field.a2", "A", 1), ("liaison.a", "A", 1), ("field.b", "B", 1)]
    for username, dept, count in pushes:
        device = login(username)
        items = [push_item(encounter_body(world, dept)) for _ in range(count)]
        results = push(client, device, items).get_json()["results"]
        assert [r["status"] for r in results] == ["accepted"] * count
        made[username] = {uuid.UUID(i["id"]) for i in items}
    return made


@pytest.mark.parametrize(("username", "sees"), [
    ("field.a", ["field.a"]),
    ("field.a2", ["field.a2"]),
    ("field.b", ["field.b"]),
    ("liaison.a", ["field.a", "field.a2", "liaison.a"]),
    ("liaison.b", ["field.b"]),
    ("trainer.a", ["field.a", "field.a2", "liaison.a"]),
    ("trainer", ["field.a", "field.a2", "liaison.a", "field.b"]),
    ("mayor", ["field.a", "field.a2", "liaison.a", "field.b"]),
    ("admin", ["field.a", "field.a2", "liaison.a", "field.b"]),
])
def test_scoped_encounters_are_exactly_what_the_role_may_see(world, reports, username, sees):
    found = set(db.session.scalars(scoped(Encounter, principal_of(world, username)).with_only_columns(Encounter.id)))
    assert found == set().union(*(reports[name] for name in sees))


@pytest.mark.parametrize(("username", "sees"), [
    ("field.a", ["field.a"]), ("liaison.b", ["field.b"]), ("mayor", ["field.a", "field.a2", "liaison.a", "field.b"]),
])
def test_scoped_step_results_follow_their_encounters(world, reports, username, sees):
    rows = db.session.scalars(select(StepResult.encounter_id)
                              .where(visible(StepResult, principal_of(world, username)))).all()
    expected = set().union(*(reports[name] for name in sees))
    assert set(rows) == expected and len(rows) == 14 * len(expected)


@pytest.mark.parametrize("username", EVERYONE)
def test_scoped_sites_and_checklist_versions_follow_the_department(world, username):
    principal = principal_of(world, username)
    sites = set(db.session.scalars(select(Site.code).where(visible(Site, principal))))
    versions = set(db.session.scalars(select(ChecklistVersion.id).where(visible(ChecklistVersion, principal))))
    dept = DEPARTMENT_OF[username]
    depts = [dept] if dept else ["A", "B"]
    assert sites == {f"site-{d.lower()}{n}" for d in depts for n in (1, 2)}
    assert versions == {world.versions[d].id for d in depts}


def test_a_field_user_cannot_report_at_another_departments_site(client, world, login):
    device = login("field.b")
    result = push(client, device, [push_item(encounter_body(world, "A"))]).get_json()["results"][0]
    assert result["status"] == "rejected"
    assert set(result["errors"]["body"]) <= {"site", "checklist_version_id"}


@pytest.mark.parametrize("pusher", ["field.b", "field.a2", "liaison.b"])
@pytest.mark.parametrize("same_content", [True, False])
def test_pushing_an_id_held_by_a_report_out_of_sight_reveals_nothing_about_it(
        client, world, login, pusher, same_content):
    owner = login("field.a")
    body = encounter_body(world)
    item = push_item(body)
    assert push(client, owner, [item]).get_json()["results"][0]["status"] == "accepted"

    dept = "A" if pusher == "field.a2" else "B"
    replay = push_item(body if same_content and dept == "A" else encounter_body(world, dept=dept), item["id"])
    [result] = push(client, login(pusher), [replay]).get_json()["results"]

    assert result["status"] == "rejected"
    assert "receipt" not in result
    assert result["errors"] == {"id": ["this id cannot be used; give the item a new id and push it again"]}
