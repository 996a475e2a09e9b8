"""What each role reads of a report (encounter/views.py): the Mayor's Office without names, free text only once escalated."""
import uuid

import pytest

from encounter.vocabulary import FREE_TEXT_FIELDS
from server.extensions import db
from server.models import TriageEvent
from tests.api.reports_support import QUEUE, add_internal, get_queue, report, stored_before_the_door, update_report
from tests.api.retention_support import queue_csv

TEXT = {"notes": "Agents waited by the side door.", "stated_purpose": "Said it was a routine check.",
        "staff_witnesses": "Ana Ruiz, branch manager"}
POSITION = {"lat": 34.0522, "lon": -118.2437, "accuracy_m": 8}


@pytest.fixture
def escalation(client, world, login):
    """A report of department A with free text, a follow-up and an internal note, assigned to liaison.a."""
    rid = report(client, world, login("field.a"), **TEXT, location=POSITION)
    add_internal(world, rid)
    update_report(rid, assigned_to_id=world.users["liaison.a"].id, resolution="Closed after the debrief.")
    return rid


def read(client, device, rid):
    response = client.get(f"{QUEUE}/{rid}", headers=device.headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_the_mayors_office_queue_shows_that_a_report_is_assigned_without_a_name_or_an_id(
        client, world, login, escalation):
    [mayor_item] = get_queue(client, login("mayor")).get_json()["items"]
    [liaison_item] = get_queue(client, login("liaison.a")).get_json()["items"]
    liaison = world.users["liaison.a"]
    assert liaison_item["assigned_to"] == {"id": liaison.id, "name": liaison.display_name}
    assert mayor_item["assigned_to"] == {"id": None, "name": None}
    assert liaison.display_name not in get_queue(client, login("mayor")).get_data(as_text=True)


def test_the_mayors_office_report_carries_no_staff_id_that_would_link_one_persons_work_across_reports(
        client, world, login, escalation):
    liaison = world.users["liaison.a"]
    db.session.add_all([
        TriageEvent(encounter_id=uuid.UUID(escalation), actor_id=liaison.id, action="assign",
                    from_value=None, to_value=str(liaison.id), details={}),
        TriageEvent(encounter_id=uuid.UUID(escalation), actor_id=liaison.id, action="status",
                    from_value="acknowledged", to_value="escalated", details={})])
    db.session.commit()
    mayor, desk = read(client, login("mayor"), escalation), read(client, login("liaison.a"), escalation)
    assert mayor["assigned_to"] == {"id": None, "name": None}
    assert {(e["actor"]["id"], e["actor"]["name"]) for e in mayor["triage"]} == {(None, None)}
    assigned = next(e for e in mayor["triage"] if e["action"] == "assign")
    assert (assigned["from_value"], assigned["to_value"]) == (None, "someone")  # assigned, to someone unnamed
    assert all(q["asked_by"] == {"id": None, "name": None} for q in mayor["followups"])
    assert mayor["followups"], "escalated: the Mayor's Office reads the questions, without who asked"
    # The liaison's desk keeps both, for the same report.
    assert next(e for e in desk["triage"] if e["action"] == "assign")["to_value"] == str(liaison.id)
    assert desk["assigned_to"]["id"] == liaison.id


def test_the_mayors_office_reads_structured_fields_but_no_free_text_before_escalation(
        client, world, login, escalation):
    data = read(client, login("mayor"), escalation)
    assert data["body"]["area_type"] == "non_public" and data["body"]["agencies"] == ["ice_ero"]
    assert not set(data["body"]) & set(FREE_TEXT_FIELDS)
    assert data["followups"] == [] and data["resolution"] is None
    assert all(event["details"] == {} for event in data["triage"])
    page = client.get(f"{QUEUE}/{escalation}", headers=login("mayor").headers).get_data(as_text=True)
    for words in (*TEXT.values(), "Were they masked?", "Yes, two of them.", "Closed after the debrief."):
        assert words not in page


@pytest.mark.parametrize("later", [None, "in_review", "closed"])
def test_the_mayors_office_reads_free_text_once_a_liaison_escalated_even_after_it_moved_on(
        client, world, login, escalation, later):
    db.session.add(TriageEvent(encounter_id=uuid.UUID(escalation), actor_id=world.users["liaison.a"].id,
                               action="status", from_value="acknowledged", to_value="escalated", details={}))
    db.session.commit()
    update_report(escalation, status=later or "escalated")
    data = read(client, login("mayor"), escalation)
    assert data["body"]["notes"] == TEXT["notes"] and data["body"]["stated_purpose"] == TEXT["stated_purpose"]
    assert "staff_witnesses" not in data["body"]  # never names, escalated or not
    assert data["followups"][0]["question"] == "Were they masked?"
    assert data["followups"][0]["asked_by"]["name"] is None


def test_the_report_says_which_fields_the_role_may_not_read_so_an_empty_one_is_not_called_withheld(
        client, world, login, escalation):
    assert read(client, login("liaison.a"), escalation)["withheld_fields"] == []
    assert read(client, login("admin"), escalation)["withheld_fields"] == []
    assert set(read(client, login("mayor"), escalation)["withheld_fields"]) == {
        *FREE_TEXT_FIELDS, "staff_witnesses", "location"}
    db.session.add(TriageEvent(encounter_id=uuid.UUID(escalation), actor_id=world.users["liaison.a"].id,
                               action="status", from_value="acknowledged", to_value="escalated", details={}))
    db.session.commit()
    assert read(client, login("mayor"), escalation)["withheld_fields"] == ["staff_witnesses", "location"]


@pytest.mark.parametrize("escalated", [False, True])
def test_the_phones_position_is_read_by_the_desk_but_never_by_the_mayors_office(
        client, world, login, escalation, escalated):
    """A GPS fix to a few metres places a person as a name names them; the site already says where."""
    if escalated:
        update_report(escalation, status="escalated")
    assert read(client, login("liaison.a"), escalation)["body"]["location"] == POSITION
    assert read(client, login("admin"), escalation)["body"]["location"] == POSITION
    mayor = client.get(f"{QUEUE}/{escalation}", headers=login("mayor").headers)
    assert "location" not in mayor.get_json()["body"] and "location" in mayor.get_json()["withheld_fields"]
    assert "34.0522" not in mayor.get_data(as_text=True)


def test_the_liaison_reads_the_whole_report_with_names(client, world, login, escalation):
    data = read(client, login("liaison.a"), escalation)
    assert {k: data["body"][k] for k in TEXT} == TEXT
    assert data["followups"] and data["notes"] and data["assigned_to"]["name"] == world.users["liaison.a"].display_name


def test_the_mayors_office_text_search_finds_only_escalated_reports(client, world, login, escalation):
    mayor = login("mayor")
    assert get_queue(client, mayor, q="side door").get_json()["items"] == []
    update_report(escalation, status="escalated")
    assert [i["id"] for i in get_queue(client, mayor, q="side door").get_json()["items"]] == [escalation]
    assert [i["id"] for i in get_queue(client, login("liaison.a"), q="side door").get_json()["items"]] == [escalation]


@pytest.mark.parametrize("path", [QUEUE, f"{QUEUE}.csv"])
def test_the_mayors_office_cannot_find_a_staff_witness_by_name_even_in_an_escalated_report(
        client, world, login, escalation, path):
    update_report(escalation, status="escalated")
    mayor, liaison = login("mayor"), login("liaison.a")
    # The name is in staff_witnesses, which the Mayor's Office never reads: a search must not confirm it.
    found = client.get(path, query_string={"q": "ana ruiz"}, headers=mayor.headers)
    assert found.status_code == 200
    assert escalation not in found.get_data(as_text=True)
    if path == QUEUE:
        assert found.get_json()["counts"]["escalated"] == 0
    # The words it may read are still found, and the liaison still finds the witness.
    assert [i["id"] for i in get_queue(client, mayor, q="routine check").get_json()["items"]] == [escalation]
    assert [i["id"] for i in get_queue(client, liaison, q="ana ruiz").get_json()["items"]] == [escalation]


def mayors_flags(client, device, rid) -> tuple:
    """What the Mayor's Office learns of a report's sensitive-looking text: queue, CSV and detail."""
    [item] = get_queue(client, device).get_json()["items"]
    data = read(client, device, rid)
    return item["flags"], queue_csv(client, device)[rid]["possible_sensitive_text"], data["flags"], \
        data["sensitive_fields"]


def test_the_mayors_office_learns_nothing_of_text_it_may_not_read_from_the_sensitive_text_flags(
        client, world, login, escalation):
    # A flag and its kinds say what the text holds (an A-number, a status word): like a search, only over
    # text the role reads. Before escalation that is none; after it, never the staff witnesses' names.
    stored_before_the_door(escalation, notes="He said he was undocumented.", staff_witnesses="Ana Ruiz, DOB 3/4/1990")
    mayor = login("mayor")
    assert mayors_flags(client, mayor, escalation) == ([], "no", [], [])
    update_report(escalation, status="escalated")
    flags, csv_flag, detail_flags, fields = mayors_flags(client, mayor, escalation)
    assert (flags, csv_flag, detail_flags) == (["possible_sensitive_text"], "yes", ["possible_sensitive_text"])
    assert [f["field"] for f in fields] == ["notes"]
    # The liaison, who reads everything, sees both fields flagged.
    liaison_fields = read(client, login("liaison.a"), escalation)["sensitive_fields"]
    assert {f["field"] for f in liaison_fields} == {"notes", "staff_witnesses"}


@pytest.mark.parametrize("username", ["trainer", "trainer.a"])
def test_trainers_get_no_individual_report(client, world, login, escalation, username):
    device = login(username)
    assert client.get(f"{QUEUE}/{escalation}", headers=device.headers).status_code in (403, 404)
    assert client.get(QUEUE, headers=device.headers).status_code == 403
