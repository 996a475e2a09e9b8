"""A liaison who leaves the department (moved, given another role, deactivated) lets go of its reports at once.

The report goes back to the department's "unassigned" in the same transaction as the change, with one
``triage.assign`` audit entry per report; whoever is still an active liaison there keeps theirs.
(The single sign-on path is in test_sso.py, beside its provider.)
"""
import pytest
from sqlalchemy import func, select

from server.extensions import db
from server.models import AuditEntry, TriageEvent
from tests.api.reports_support import QUEUE, queue_ids, report
from tests.factories import add_user

USER_FIELDS = ("username", "display_name", "role", "active")


@pytest.fixture
def desk(client, world, login):
    """liaison.a2 (department A) holds two of A's reports, liaison.a a third; signed-in devices of each."""
    moving = add_user("liaison.a2", "liaison", world.departments["A"])
    field, liaison, admin = login("field.a"), login("liaison.a"), login("admin")
    theirs = [report(client, world, field) for _ in range(2)]
    kept = report(client, world, field)
    for rid, user in ((theirs[0], moving), (theirs[1], moving), (kept, world.users["liaison.a"])):
        answer = client.post(f"{QUEUE}/{rid}/assign", headers=liaison.headers, json={"user_id": user.id})
        assert answer.status_code == 200, answer.get_json()
    return {"user": moving, "reports": theirs, "kept": kept, "liaison": liaison, "admin": admin,
            "moving": login("liaison.a2")}


def change_user(client, desk, **change):
    """PUT /admin/users/<id> as the admin: liaison.a2 as stored, with ``change``."""
    user = desk["user"]
    body = {**{name: getattr(user, name) for name in USER_FIELDS}, "department": "A", **change}
    answer = client.put(f"/api/v1/admin/users/{user.id}", headers=desk["admin"].headers, json=body)
    assert answer.status_code == 200, answer.get_json()


def releases() -> list[AuditEntry]:
    """The audit entries of assignments let go because the assignee left."""
    return [e for e in db.session.scalars(select(AuditEntry).where(AuditEntry.action == "triage.assign")
                                          .order_by(AuditEntry.id)) if "released" in e.details]


@pytest.mark.parametrize("change, why", [
    ({"department": "B"}, "assignee_moved"),
    ({"active": False}, "assignee_deactivated"),
    ({"role": "field"}, "assignee_role_changed"),
])
def test_a_liaison_who_leaves_the_department_is_unassigned_from_its_reports_with_one_audit_entry_each(
        client, world, desk, change, why):
    change_user(client, desk, **change)
    liaison = desk["liaison"]
    assert set(queue_ids(client, liaison, assigned="none")) == set(desk["reports"])
    for rid in desk["reports"]:
        assert client.get(f"{QUEUE}/{rid}", headers=liaison.headers).get_json()["assigned_to"] is None
    entries = releases()
    assert sorted(e.entity_id for e in entries) == sorted(desk["reports"])
    admin = world.users["admin"]
    assert {(e.actor_id, e.department_id) for e in entries} == {(admin.id, world.departments["A"].id)}
    assert [e.details for e in entries] == [{"from": desk["user"].id, "to": None, "released": why}] * 2
    # The desk reads why from the report's audit (never a triage event: no liaison moved it).
    audit = client.get(f"{QUEUE}/{desk['reports'][0]}", headers=liaison.headers).get_json()["audit"]
    assert [a.get("released") for a in audit if a["action"] == "triage.assign"] == [None, why]


def test_the_liaisons_who_stay_keep_their_reports_and_the_triage_history_is_left_as_liaisons_wrote_it(
        client, world, desk):
    events = db.session.scalar(select(func.count()).select_from(TriageEvent))
    change_user(client, desk, department="B")
    assert queue_ids(client, desk["liaison"], assigned="me") == [desk["kept"]]
    assert db.session.scalar(select(func.count()).select_from(TriageEvent)) == events


def test_a_change_that_keeps_them_an_active_liaison_of_the_department_keeps_their_reports(client, desk):
    change_user(client, desk, display_name="Liaison A2, renamed")
    assert set(queue_ids(client, desk["moving"], assigned="me")) == set(desk["reports"])
    assert releases() == []


def test_a_liaison_moved_away_and_back_finds_nothing_still_assigned_to_them(client, desk):
    change_user(client, desk, department="B")
    change_user(client, desk, department="A")
    assert queue_ids(client, desk["moving"], assigned="me") == []
    assert len(releases()) == 2


def test_a_users_import_that_moves_a_liaison_unassigns_them_too(app, tmp_path, world, desk):
    path = tmp_path / "users.csv"
    path.write_text("username,display_name,role,department,active\nliaison.a2,Liaison A2,liaison,B,true\n")
    result = app.test_cli_runner().invoke(args=["import", "users", str(path)])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    entries = releases()
    assert sorted(e.entity_id for e in entries) == sorted(desk["reports"])
    assert {e.actor_id for e in entries} == {None} and {e.details["released"] for e in entries} == {"assignee_moved"}
