"""The Mayor's Office reads escalated free text with people's names masked (encounter/views.py ``masked_text``).

Names reach free text three ways: a liaison's resolution or question, a reporter's answer, and the body's fields where
the phone let the employee keep an agent's or staff member's name. The liaison reads each whole; the Mayor's Office
reads the same text with every name the door finds, and every name of the department's users, masked.
"""
import json
import re
import uuid
from datetime import datetime, timezone

import pytest

from encounter.redaction import MARK
from server.extensions import db
from server.models import FollowUpAnswer
from tests.api.reports_support import (
    QUEUE, get_queue, received, report, stored_before_the_door, update_report,
)
from tests.api.triage_support import triage

RESOLUTION = "Branch manager Tom Rivera and clerk Ana Lopez handled it; Helen Park followed up. rivera called back."


@pytest.fixture
def staff(world):
    """Department A's liaison is Tom Rivera, and a second reporter Helen Park (display names as the City lists them)."""
    world.users["liaison.a"].display_name = "Tom Rivera"
    world.users["field.a2"].display_name = "Helen Park"
    db.session.commit()


def read(client, device, rid) -> dict:
    response = client.get(f"{QUEUE}/{rid}", headers=device.headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def named(data: dict, *names: str) -> list[str]:
    """The names found anywhere in the answer's JSON as whole words, any case."""
    dumped = json.dumps(data, ensure_ascii=False)
    return [name for name in names if re.search(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", dumped, re.I)]


def move(client, liaison, rid, to, **extra):
    response = triage(client, liaison, rid, "status", {"to": to, **extra})
    assert response.status_code == 200, response.get_json()


def test_a_resolution_naming_staff_reaches_the_mayors_office_with_the_names_masked(client, world, login, staff):
    rid = report(client, world, login("field.a"))
    liaison = login("liaison.a")
    move(client, liaison, rid, "escalated")
    move(client, liaison, rid, "in_review")
    move(client, liaison, rid, "closed", resolution=RESOLUTION)
    desk, mayor = read(client, liaison, rid), read(client, login("mayor"), rid)
    assert desk["resolution"] == RESOLUTION and desk["triage"][-1]["details"]["resolution"] == RESOLUTION
    assert named(mayor, "Tom", "Rivera", "Ana Lopez", "Helen", "Park") == []
    assert mayor["resolution"] == (f"Branch manager {MARK} and clerk {MARK} handled it; {MARK} followed up. "
                                   f"{MARK} called back.")
    assert mayor["triage"][-1]["details"]["resolution"] == mayor["resolution"]


def test_a_question_and_an_answer_reach_the_mayors_office_with_the_names_masked(client, world, login, staff):
    rid = report(client, world, login("field.a"))
    liaison = login("liaison.a")
    asked = triage(client, liaison, rid, "questions", {"text": "Did Dana Whitfield or Helen Park see them?"})
    assert asked.status_code == 201, asked.get_json()
    followup = asked.get_json()["followup"]["id"]
    # An answer stored before the door refused a resident's name ("named Maria Lopez" is one the door finds).
    db.session.add(FollowUpAnswer(id=uuid.uuid4(), followup_id=uuid.UUID(followup), encounter_id=uuid.UUID(rid),
                                  author_id=world.users["field.a"].id, device_id=uuid.uuid4(),
                                  text="Yes. They asked for a woman named Maria Lopez.",
                                  answered_at=datetime.now(timezone.utc), body={},
                                  sha256="0" * 64, received_at=datetime.now(timezone.utc)))
    db.session.commit()
    update_report(rid, status="escalated")
    desk, mayor = read(client, liaison, rid), read(client, login("mayor"), rid)
    assert named(desk, "Dana Whitfield", "Helen Park", "Maria Lopez") == ["Dana Whitfield", "Helen Park", "Maria Lopez"]
    assert named(mayor, "Dana", "Whitfield", "Helen", "Park", "Maria", "Lopez") == []
    [question] = mayor["followups"]
    assert question["question"] == f"Did {MARK} or {MARK} see them?"
    assert question["answers"][0]["text"] == f"Yes. They asked for a woman named {MARK}."


def test_names_the_employee_kept_in_the_body_reach_the_mayors_office_masked(client, world, login, staff):
    rid = report(client, world, login("field.a"), agent_names_and_badges="Officer John Carter, badge 4411; "
                 "Agent Garcia, badge 7; Dana Whitfield gave no badge", notes="tom rivera met the agents at the side door.")
    stored_before_the_door(rid, outcome_notes="They asked for a woman named Maria Lopez.")
    update_report(rid, status="escalated")
    desk, mayor = read(client, login("liaison.a"), rid), read(client, login("mayor"), rid)
    assert named(desk, "John Carter", "Dana Whitfield", "tom rivera", "Maria Lopez") == [
        "John Carter", "Dana Whitfield", "tom rivera", "Maria Lopez"]
    assert named(mayor, "Carter", "Garcia", "Whitfield", "Rivera", "Lopez") == []
    assert mayor["body"]["agent_names_and_badges"] == f"Officer {MARK}, badge 4411; Agent {MARK}, badge 7; " \
        f"{MARK} gave no badge"
    assert mayor["body"]["notes"] == f"{MARK} met the agents at the side door."


@pytest.mark.parametrize("q", ["whitfield", "Tom Rivera", "maria"])
def test_the_mayors_office_cannot_find_a_report_by_a_name_it_reads_masked(client, world, login, staff, q):
    rid = report(client, world, login("field.a"), agent_names_and_badges="Officer John Carter, badge 4411; "
                 "Dana Whitfield gave no badge", notes="Tom Rivera met the agents at the side door.")
    stored_before_the_door(rid, outcome_notes="They asked for a woman named Maria Lopez.")
    update_report(rid, status="escalated")
    mayor = login("mayor")
    found = get_queue(client, mayor, q=q)
    assert found.status_code == 200 and found.get_json()["items"] == []
    assert found.get_json()["counts"]["escalated"] == 0
    # The words it reads are still found; the liaison finds the name.
    assert [i["id"] for i in get_queue(client, mayor, q="badge 4411").get_json()["items"]] == [rid]
    assert [i["id"] for i in get_queue(client, login("liaison.a"), q=q).get_json()["items"]] == [rid]


def test_the_mayors_search_reads_at_most_the_cap_of_newest_matches_and_the_filters_narrow_them_first(
        app, client, world, login):
    # Each match is masked in Python before it may be found: a common word over years of escalated reports would
    # read them all on every page. The newest QUEUE_SEARCH_COUNT_CAP are read, after the desk's other filters.
    app.config["QUEUE_SEARCH_COUNT_CAP"] = 1
    field = login("field.a")
    older = report(client, world, field, site="site-a2", notes="Agents waited by the side door.")
    newer = report(client, world, field, site="site-a1", notes="Agents waited by the side door.")
    for rid, minutes in ((older, 60), (newer, 5)):
        update_report(rid, status="escalated")
        received(rid, minutes)
    mayor = login("mayor")
    found = get_queue(client, mayor, q="side door").get_json()
    assert [i["id"] for i in found["items"]] == [newer]
    assert found["counts_capped"] is True  # more matched than were read: the desk shows "1+"
    narrowed = get_queue(client, mayor, q="side door", site="site-a2").get_json()
    assert [i["id"] for i in narrowed["items"]] == [older] and narrowed["counts_capped"] is False
