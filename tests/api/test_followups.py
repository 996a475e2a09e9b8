"""Follow-up questions reach only the reporter's phone; answers come back through push (kind ``answer``)."""
import uuid

import pytest
from sqlalchemy import select

from server.answers import ALREADY_ANSWERED, NO_SUCH_FOLLOWUP
from server.extensions import db
from server.models import AuditEntry, FollowUpAnswer, ItemId
from sync.protocol import UNAVAILABLE_ID
from tests.api.triage_support import count, personal, pulled, report_of, triage
from tests.factories import encounter_body, push, push_item

QUESTION = "Did the agents show a warrant signed by a judge?"


@pytest.fixture
def devices(world, login):
    return {name: login(name) for name in ("field.a", "field.a2", "liaison.a", "field.b")}


@pytest.fixture
def report(client, world, devices):
    return report_of(client, world, devices["field.a"])


def ask(client, devices, report, text=QUESTION) -> dict:
    """Ask as liaison.a; return the follow-up from the answer."""
    response = triage(client, devices["liaison.a"], report, "questions", {"text": text})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["followup"]


def answer_item(followup_id: str, text: str = "Yes, an I-200 only.", item_id: str | None = None, **extra) -> dict:
    body = {"followup_id": followup_id, "text": text, "answered_at": "2026-11-21T09:30:00Z", **extra}
    return push_item(body, item_id=item_id, kind="answer")


def results(response) -> list[dict]:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()["results"]


def test_a_question_reaches_the_reporters_phone_as_a_message_and_no_one_elses(client, world, devices, report):
    followup = ask(client, devices, report)
    changes = personal(pulled(client, devices["field.a"])[0])
    assert changes == [{"kind": "message", "id": followup["id"], "op": "upsert", "data": {
        "id": followup["id"], "report_id": report, "question": QUESTION, "asked_at": followup["asked_at"],
        "asked_by": world.users["liaison.a"].display_name, "site": "site-a1", "started_at": "2026-11-20T15:00:00.000Z"}}]
    for other in ("field.a2", "liaison.a", "field.b"):
        assert personal(pulled(client, devices[other])[0]) == [], other


def test_a_question_sent_again_under_its_id_after_a_lost_answer_reaches_the_phone_once(client, world, devices, report):
    # The desk's first try was stored but its answer lost (a timeout): the retry carries the same id.
    question_id = str(uuid.uuid4())
    body = {"id": question_id, "text": QUESTION}
    first = triage(client, devices["liaison.a"], report, "questions", body)
    again = triage(client, devices["liaison.a"], report, "questions", body)
    assert first.status_code == again.status_code == 201
    assert first.get_json()["followup"] == again.get_json()["followup"]
    assert first.get_json()["followup"]["id"] == question_id
    changes, _ = pulled(client, devices["field.a"])
    assert [c["id"] for c in personal(changes) if c["kind"] == "message"] == [question_id]
    assert count(AuditEntry, AuditEntry.action == "triage.question") == 1


def test_a_question_id_of_another_report_is_refused_and_tells_nothing_of_it(client, world, devices, report):
    question_id = ask(client, devices, report)["id"]
    other = report_of(client, world, devices["field.a"])
    response = triage(client, devices["liaison.a"], other, "questions", {"id": question_id, "text": "Which door?"})
    assert response.status_code == 409 and response.get_json()["reason"] == "id_taken"
    assert QUESTION not in response.get_data(as_text=True)
    assert count(AuditEntry, AuditEntry.action == "triage.question") == 1


def test_a_status_move_reaches_only_the_reporter_with_its_site_and_start_and_without_resolution_or_notes(
        client, devices, report):
    _, cursor = pulled(client, devices["field.a"])
    triage(client, devices["liaison.a"], report, "notes", {"text": "Internal: call counsel."})
    response = triage(client, devices["liaison.a"], report, "status", {"to": "closed", "resolution": "Secret fix."})
    assert response.status_code == 200
    changes = personal(pulled(client, devices["field.a"], cursor)[0])
    assert len(changes) == 1
    change = changes[0]
    assert (change["kind"], change["id"]) == ("report_status", report)
    # The site's code and the start time, as the reporter sent them: a phone without the report can say which it is.
    assert set(change["data"]) == {"report_id", "status", "at", "site", "started_at"}
    assert change["data"]["report_id"] == report and change["data"]["status"] == "closed"
    assert (change["data"]["site"], change["data"]["started_at"]) == ("site-a1", "2026-11-20T15:00:00.000Z")
    assert "Secret" not in str(changes) and "counsel" not in str(changes)
    for other in ("field.a2", "liaison.a", "field.b"):
        assert personal(pulled(client, devices[other])[0]) == [], other


def test_an_answer_is_accepted_then_duplicate_on_retry_then_conflict_when_changed(client, devices, report):
    followup = ask(client, devices, report)
    item = answer_item(followup["id"])
    first = results(push(client, devices["field.a"], [item]))[0]
    assert first["status"] == "accepted" and first["receipt"]["sha256"]
    assert "missing_blobs" not in first
    again = results(push(client, devices["field.a"], [item]))[0]
    assert again["status"] == "duplicate" and again["receipt"] == first["receipt"]
    changed = answer_item(followup["id"], text="Actually, no document at all.", item_id=item["id"])
    conflict = results(push(client, devices["field.a"], [changed]))[0]
    assert conflict["status"] == "conflict" and conflict["receipt"] == first["receipt"]
    assert count(FollowUpAnswer) == 1


def rejected_as_answered(result: dict) -> bool:
    """Whether a push result is the refusal of a second answer to a question."""
    return (result["status"] == "rejected" and result["errors"] == {"body": {"followup_id": [str(ALREADY_ANSWERED)]}}
            and result["error_codes"] == {"body": {"followup_id": [{"code": "answered", "params": {}}]}})


def test_a_second_answer_to_one_question_from_another_phone_is_rejected_and_the_first_stands(
        client, login, devices, report):
    # A second phone of the same reporter (or this one signed in again) may not know of the first answer:
    # the server keeps one answer per question and says so; a resend of the one that stands stays a duplicate.
    followup = ask(client, devices, report)
    first = answer_item(followup["id"], text="The staff door.")
    later = answer_item(followup["id"], text="The loading dock too.")
    other_phone = login("field.a")
    assert [r["status"] for r in results(push(client, devices["field.a"], [first, first]))] == ["accepted", "duplicate"]
    refused = results(push(client, other_phone, [later]))[0]
    assert rejected_as_answered(refused) and "receipt" not in refused
    assert [r["status"] for r in results(push(client, other_phone, [first]))] == ["duplicate"]
    detail = client.get(f"/api/v1/reports/{report}", headers=devices["liaison.a"].headers).get_json()
    assert [a["text"] for a in detail["followups"][0]["answers"]] == ["The staff door."]
    assert count(FollowUpAnswer) == 1


def test_two_answers_to_one_question_in_one_push_store_one_and_leave_the_others_id_free(client, devices, report):
    # Both pass the check (nothing is stored yet): the store decides, as it does for two phones at once.
    followup = ask(client, devices, report)
    items = sorted((answer_item(followup["id"], text=text) for text in ("The staff door.", "The loading dock.")),
                   key=lambda item: item["id"])
    outcome = results(push(client, devices["field.a"], items))
    assert outcome[0]["status"] == "accepted" and rejected_as_answered(outcome[1])
    assert db.session.scalars(select(FollowUpAnswer.text)).all() == [items[0]["body"]["text"]]
    assert db.session.get(ItemId, uuid.UUID(items[1]["id"])) is None
    db.session.rollback()


def test_an_answered_question_reaches_a_phone_syncing_from_scratch_with_answered_at_and_no_words(
        client, world, login, devices, report):
    followup = ask(client, devices, report)
    _, cursor = pulled(client, devices["field.a"])
    assert results(push(client, devices["field.a"], [answer_item(followup["id"])]))[0]["status"] == "accepted"
    asked = {"id": followup["id"], "report_id": report, "question": QUESTION, "asked_at": followup["asked_at"],
             "asked_by": world.users["liaison.a"].display_name, "site": "site-a1", "started_at": "2026-11-20T15:00:00.000Z"}
    # The phone that answered learns it too, and so does any phone that pulls from the start (the latest wins).
    assert personal(pulled(client, devices["field.a"], cursor)[0]) == [
        {"kind": "message", "id": followup["id"], "op": "upsert",
         "data": {**asked, "answered_at": "2026-11-21T09:30:00.000Z"}}]
    fresh = [c for c in personal(pulled(client, login("field.a"))[0]) if c["id"] == followup["id"]]
    assert [c["data"].get("answered_at") for c in fresh] == [None, "2026-11-21T09:30:00.000Z"]
    assert "I-200" not in str(fresh)
    for other in ("field.a2", "liaison.a", "field.b"):
        assert personal(pulled(client, devices[other])[0]) == [], other


def test_an_answer_is_stored_on_the_report_and_audited(client, devices, report):
    followup = ask(client, devices, report)
    item = answer_item(followup["id"])
    receipt = results(push(client, devices["field.a"], [item]))[0]["receipt"]
    stored = db.session.get(FollowUpAnswer, uuid.UUID(item["id"]))
    assert str(stored.followup_id) == followup["id"] and str(stored.encounter_id) == report
    assert stored.text == "Yes, an I-200 only." and stored.body == item["body"]
    assert stored.sha256 == receipt["sha256"] and stored.device_id == uuid.UUID(devices["field.a"].device_id)
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "answer.receive")).one()
    assert (entry.entity_type, entry.entity_id) == ("encounter", report)
    assert entry.details["answer_id"] == item["id"] and entry.device_id == stored.device_id


@pytest.mark.parametrize("pusher", ["field.a2", "field.b", "liaison.a"])
def test_an_answer_to_someone_elses_question_is_rejected_like_a_nonexistent_one(client, devices, report, pusher):
    followup = ask(client, devices, report)
    theirs, nobodys = answer_item(followup["id"]), answer_item(str(uuid.uuid4()))
    answers = results(push(client, devices[pusher], [theirs, nobodys]))
    assert [a["status"] for a in answers] == ["rejected", "rejected"]
    assert answers[0]["errors"] == answers[1]["errors"] == {"body": {"followup_id": [NO_SUCH_FOLLOWUP]}}
    assert count(FollowUpAnswer) == 0


def test_an_answer_and_a_report_travel_in_one_push(client, world, devices, report):
    followup = ask(client, devices, report)
    answers = results(push(client, devices["field.a"], [push_item(encounter_body(world)), answer_item(followup["id"])]))
    assert [a["status"] for a in answers] == ["accepted", "accepted"]


@pytest.mark.parametrize(("change", "field"), [
    ({"text": ""}, "text"), ({"text": "   "}, "text"), ({"text": "x" * 2001}, "text"), ({"text": "a\u0000b"}, "text"),
    ({"text": 5}, "text"), ({"answered_at": "2026-11-21T09:30:00"}, "answered_at"),
    ({"followup_id": "0x1234"}, "followup_id"), ({"followup_id": None}, "followup_id"),
    ({"immigration_status": "x"}, "immigration_status"),
])
def test_malformed_answers_are_rejected_naming_the_field(client, devices, report, change, field):
    followup = ask(client, devices, report)
    item = answer_item(followup["id"])
    item["body"].update(change)
    answer = results(push(client, devices["field.a"], [item]))[0]
    assert answer["status"] == "rejected" and field in answer["errors"]["body"], answer


def test_an_answer_of_an_unknown_schema_version_is_rejected(client, devices, report):
    followup = ask(client, devices, report)
    item = answer_item(followup["id"])
    item["schema_version"] = 2
    answer = results(push(client, devices["field.a"], [item]))[0]
    assert answer["status"] == "rejected" and "schema_version" in answer["errors"]


def test_ids_are_one_namespace_across_kinds(client, world, devices, report):
    followup = ask(client, devices, report)
    # An answer under the id of the pusher's own report: that id holds something else.
    mine = results(push(client, devices["field.a"], [answer_item(followup["id"], item_id=report)]))[0]
    assert mine["status"] == "conflict"
    # A report under an answer's id.
    answer = answer_item(followup["id"])
    assert results(push(client, devices["field.a"], [answer]))[0]["status"] == "accepted"
    clash = results(push(client, devices["field.a"], [push_item(encounter_body(world), item_id=answer["id"])]))[0]
    assert clash["status"] == "conflict"
    # Someone else's ids are never confirmed, whatever kind holds them.
    for item in (push_item(encounter_body(world), item_id=answer["id"]), answer_item(followup["id"], item_id=report)):
        other = results(push(client, devices["field.a2"], [item]))[0]
        assert other["status"] == "rejected" and "receipt" not in other
    other = results(push(client, devices["field.a2"], [push_item(encounter_body(world), item_id=answer["id"])]))[0]
    assert other["errors"] == {"id": [UNAVAILABLE_ID]}
    assert count(FollowUpAnswer) == 1
