"""A liaison sets a report's priority by hand: the queue's order and reason follow, audited, raced safely."""
import uuid

import pytest
from sqlalchemy import select, update

from encounter.triage import SET_BY_LIAISON
from server.extensions import db
from server.models import Encounter, TriageEvent
from tests.api.triage_support import liaison, report  # noqa: F401  (fixtures)
from tests.api.triage_support import assert_error, audit_actions, count, report_of, stored, triage


def as_sightings(*report_ids: str) -> None:
    """Give reports the rules' P3, as a sighting without urgent signs would get at ingest."""
    db.session.execute(update(Encounter).where(Encounter.id.in_([uuid.UUID(r) for r in report_ids]))
                       .values(priority=3, priority_rule="sighting_without_contact"))
    db.session.commit()


def queue(client, device) -> list[dict]:
    response = client.get("/api/v1/reports?limit=50", headers=device.headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def test_a_liaison_raises_a_report_to_p1_and_the_queue_puts_it_first_saying_a_liaison_set_it(
        client, world, login, liaison, report):
    other = report_of(client, world, login("field.a"), notes="A second report.")
    as_sightings(report, other)  # both P3 by the rules: the newer one heads the queue
    assert [r["id"] for r in queue(client, liaison)] == [other, report]

    response = triage(client, liaison, report, "priority", {"priority": 1})

    assert response.status_code == 200, response.get_json()
    state = response.get_json()
    assert (state["priority"], state["priority_rule"], state["priority_reason"]) == (1, SET_BY_LIAISON,
                                                                                   "Set by a liaison")
    rows = queue(client, liaison)
    assert rows[0]["id"] == report and {r["id"] for r in rows} == {report, other}
    assert rows[0]["priority_reason"] == "Set by a liaison"
    spanish = client.get(f"/api/v1/reports/{report}", headers={**liaison.headers, "Accept-Language": "es"})
    assert spanish.get_json()["priority_reason"] == "Fijada por un enlace"
    event = db.session.scalars(select(TriageEvent)).one()
    assert (event.action, event.from_value, event.to_value) == ("priority", "3", "1")
    assert audit_actions(report)[-1] == "triage.priority"


def test_lowering_works_too_and_setting_the_same_priority_again_changes_nothing(client, liaison, report):
    assert triage(client, liaison, report, "priority", {"priority": 3}).status_code == 200
    assert triage(client, liaison, report, "priority", {"priority": 3}).status_code == 200
    assert stored(report).priority == 3 and stored(report).priority_rule == SET_BY_LIAISON
    assert count(TriageEvent) == 1


@pytest.mark.parametrize("body", [{"priority": 0}, {"priority": 4}, {"priority": "1"}, {"priority": None}, {},
                                  {"priority": 1, "reason": "x"}], ids=["0", "4", "string", "null", "missing", "extra"])
def test_a_priority_outside_1_to_3_is_422_and_changes_nothing(client, liaison, report, body):
    before = stored(report).priority
    assert_error(triage(client, liaison, report, "priority", body), 422)
    assert stored(report).priority == before and count(TriageEvent) == 0


def test_the_mayors_office_sees_the_new_priority_and_cannot_set_one(client, world, login, liaison, report):
    triage(client, liaison, report, "priority", {"priority": 1})
    triage(client, liaison, report, "status", {"to": "escalated"})
    mayor = login("mayor")
    assert_error(triage(client, mayor, report, "priority", {"priority": 3}), 403)
    [row] = [r for r in queue(client, mayor) if r["id"] == report]
    assert row["priority"] == 1
