"""Assignment: to a liaison of the report's department, or to nobody; anyone else is 422."""
import pytest
from sqlalchemy import select

from server.extensions import db
from server.models import AuditEntry, TriageEvent, User
from tests.api.triage_support import liaison, report  # noqa: F401  (fixtures)
from tests.api.triage_support import assert_error, count, personal, pulled, stored, triage
from tests.factories import _FAST_HASH

NOT_A_LIAISON = {"json": {"user_id": ["not a liaison of this department"]}}


def add_user(world, username: str, role: str = "liaison", dept: str = "A", active: bool = True) -> User:
    user = User(username=username, display_name=f"Liaison {username}", role=role, password_hash=_FAST_HASH,
                department_id=world.departments[dept].id, active=active)
    db.session.add(user)
    db.session.commit()
    return user


def test_assigning_a_liaison_of_the_department_is_answered_recorded_and_audited(client, world, liaison, report):
    me = world.users["liaison.a"]
    response = triage(client, liaison, report, "assign", {"user_id": me.id})
    assert response.status_code == 200
    assert response.get_json()["assigned_to"] == {"id": me.id, "name": me.display_name}
    assert stored(report).assigned_to_id == me.id
    event = db.session.scalars(select(TriageEvent)).one()
    assert (event.action, event.from_value, event.to_value, event.actor_id) == ("assign", None, str(me.id), me.id)
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "triage.assign")).one()
    assert entry.details == {"from": None, "to": me.id} and entry.entity_id == report


def test_reassigning_and_unassigning_keep_the_history(client, world, liaison, report):
    colleague = add_user(world, "liaison.a3")
    for user_id in (world.users["liaison.a"].id, colleague.id, None):
        response = triage(client, liaison, report, "assign", {"user_id": user_id})
        assert response.status_code == 200, response.get_json()
    assert response.get_json()["assigned_to"] is None and stored(report).assigned_to_id is None
    events = db.session.scalars(select(TriageEvent).order_by(TriageEvent.id)).all()
    me = str(world.users["liaison.a"].id)
    assert [(e.from_value, e.to_value) for e in events] == [(None, me), (me, str(colleague.id)), (str(colleague.id), None)]


def test_assigning_the_person_already_assigned_changes_nothing(client, world, liaison, report):
    body = {"user_id": world.users["liaison.a"].id}
    triage(client, liaison, report, "assign", body)
    assert triage(client, liaison, report, "assign", body).status_code == 200
    assert triage(client, liaison, report, "assign", {"user_id": None}).status_code == 200
    assert triage(client, liaison, report, "assign", {"user_id": None}).status_code == 200
    assert count(TriageEvent) == 2


@pytest.mark.parametrize("who", ["field.a", "trainer.a", "trainer", "mayor", "admin", "liaison.b", "inactive", "missing"])
def test_anyone_but_an_active_liaison_of_the_department_is_422_with_one_message(client, world, liaison, report, who):
    user_id = {"inactive": lambda: add_user(world, "liaison.gone", active=False).id,
               "missing": lambda: 2_000_000}.get(who, lambda: world.users[who].id)()
    error = assert_error(triage(client, liaison, report, "assign", {"user_id": user_id}), 422)
    assert error["errors"] == NOT_A_LIAISON
    assert stored(report).assigned_to_id is None and count(TriageEvent) == 0


@pytest.mark.parametrize("body", [{}, {"user_id": "3"}, {"user_id": True}, {"user_id": 3.0}, {"user_id": 2**63},
                                  {"user_id": -1}, {"user_id": [1]}, {"user_id": 1, "to": "x"}])
def test_malformed_assignments_are_422(client, liaison, report, body):
    assert_error(triage(client, liaison, report, "assign", body), 422)


def test_an_assignment_never_reaches_the_phone(client, world, login, liaison, report):
    triage(client, liaison, report, "assign", {"user_id": world.users["liaison.a"].id})
    assert personal(pulled(client, login("field.a"))[0]) == []
