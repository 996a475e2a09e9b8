"""A move says what the desk showed ("from"): one decided on a stale screen is refused, not made over a colleague's.

Before, liaison A's page still showing "new" could close a report liaison B had just escalated (escalated → closed is
allowed), and a priority or an assignment set over a colleague's went through the same way.
"""
from sqlalchemy import select

from server.extensions import db
from server.models import TriageEvent, User
from tests.api.triage_support import liaison, report  # noqa: F401  (fixtures)
from tests.api.triage_support import assert_error, count, set_status, stored, triage


def test_a_close_decided_on_a_screen_that_showed_new_is_refused_once_a_colleague_escalated(client, liaison, report):
    set_status(report, "escalated")
    body = {"to": "closed", "resolution": "Handled.", "from": "new"}
    error = assert_error(triage(client, liaison, report, "status", body), 409, "concurrent_change")
    assert "reload" in error["message"]
    assert stored(report).status == "escalated" and count(TriageEvent) == 0
    moved = triage(client, liaison, report, "status", {**body, "from": "escalated"})
    assert moved.status_code == 200, moved.get_json()
    assert stored(report).status == "closed"


def test_a_move_without_from_is_made_as_before(client, liaison, report):
    set_status(report, "escalated")
    moved = triage(client, liaison, report, "status", {"to": "closed", "resolution": "Handled."})
    assert moved.status_code == 200, moved.get_json()


def test_a_priority_set_over_one_the_screen_did_not_show_is_refused(client, liaison, report):
    now = stored(report).priority
    other = 3 if now != 3 else 2
    error = assert_error(triage(client, liaison, report, "priority", {"priority": 2, "from": other}), 409,
                         "concurrent_change")
    assert "priority" in error["message"] and stored(report).priority == now
    done = triage(client, liaison, report, "priority", {"priority": other, "from": now})
    assert done.status_code == 200, done.get_json()
    assert stored(report).priority == other


def test_an_assignment_over_a_colleagues_the_screen_did_not_show_is_refused(client, liaison, report):
    me = db.session.scalar(select(User.id).where(User.username == "liaison.a"))
    taken = triage(client, liaison, report, "assign", {"user_id": me, "from": None})
    assert taken.status_code == 200, taken.get_json()
    # A second screen, still showing "nobody", assigns: refused, the first assignment stands.
    error = assert_error(triage(client, liaison, report, "assign", {"user_id": None, "from": None}), 409,
                         "concurrent_change")
    assert "assignment" in error["message"]
    db.session.expire_all()
    assert stored(report).assigned_to_id == me


def test_from_names_a_value_the_field_can_hold(client, liaison, report):
    error = assert_error(triage(client, liaison, report, "status", {"to": "acknowledged", "from": "sideways"}), 422)
    assert "from" in error["errors"]["json"]
