"""GET /reports/<id>: the body, the checklist timeline, photos, triage, notes, follow-ups, duplicates, audit."""
import uuid

import pytest

from server.extensions import db
from server.models import Blob, BlobUpload
from server.models.types import utcnow
from encounter.sensitive import find_spans
from tests.api.reports_support import (
    QUEUE, add_internal, decide, error_body, quiet, report, stored_before_the_door, update_report,
)
from tests.factories import STEPS

INTERNAL = {"priority", "priority_rule", "priority_reason", "assigned_to", "resolution", "flags", "sensitive_fields",
            "triage", "notes", "group", "audit", "assignable"}


def read(client, device, report_id):
    return client.get(f"{QUEUE}/{report_id}", headers=device.headers)


def test_liaison_reads_body_site_department_and_checklist(client, world, login):
    field, liaison = login("field.a"), login("liaison.a")
    rid = report(client, world, field)
    data = read(client, liaison, rid).get_json()
    assert data["id"] == rid and data["status"] == "new"
    assert data["department"] == {"code": "A", "name": "Department A"}
    assert data["site"]["code"] == "site-a1"
    assert data["body"]["stated_purpose"] == "Said they were looking for someone."
    assert data["checklist"] == {"version_id": world.versions["A"].id, "number": 1,
                                 "title": {"en": "Checklist", "es": "Lista"}}
    assert (data["priority"], data["priority_rule"]) == (1, "non_public_without_judicial_warrant")


def test_timeline_lists_every_step_of_the_version_with_never_reached_and_skipped_critical_ones_flagged(
        client, world, login):
    field, liaison = login("field.a"), login("liaison.a")
    steps = [{"step_id": "step-1", "result": "done", "at": "2026-11-20T15:01:00Z"},
             {"step_id": "step-2", "result": "skipped", "at": "2026-11-20T15:02:00Z"},
             {"step_id": "step-3", "result": "not_applicable", "at": "2026-11-20T15:03:30Z"}]
    data = read(client, liaison, report(client, world, field, steps=steps)).get_json()
    timeline = data["steps"]
    assert [s["step_id"] for s in timeline] == [s["id"] for s in STEPS]
    assert [s["position"] for s in timeline] == list(range(len(STEPS)))
    one, two, three, four = timeline[:4]
    assert (one["result"], one["seconds_from_start"], one["critical_missed"]) == ("done", 60, False)
    assert (two["result"], two["time_critical"], two["critical_missed"]) == ("skipped", True, True)
    assert (three["result"], three["seconds_from_start"]) == ("not_applicable", 210)
    assert (four["result"], four["at"], four["time_critical"], four["critical_missed"]) == (None, None, True, True)
    assert one["text"] == {"en": "Step 1", "es": "Paso 1"}
    # step-2 skipped, and step-4 … step-14 (even ones are time-critical) never reached: 1 + 6.
    assert data["time_critical_missed"] == 7


def test_photos_say_whether_their_bytes_have_arrived(client, world, login):
    field, liaison = login("field.a"), login("liaison.a")
    photos = [{"sha256": "a" * 64, "size": 100, "type": "image/jpeg"},
              {"sha256": "b" * 64, "size": 200, "type": "application/pdf"}]
    rid = report(client, world, field, photos=photos)
    db.session.add(Blob(sha256="a" * 64, size=100, content_type="image/jpeg", created_at=utcnow(),
                        uploaded_by=world.users["field.a"].id))
    db.session.flush()
    db.session.add(BlobUpload(sha256="a" * 64, user_id=world.users["field.a"].id, uploaded_at=utcnow()))
    db.session.commit()
    assert read(client, liaison, rid).get_json()["photos"] == [
        {"sha256": "a" * 64, "type": "image/jpeg", "size": 100, "uploaded": True},
        {"sha256": "b" * 64, "type": "application/pdf", "size": 200, "uploaded": False}]


def test_desk_sees_triage_notes_followups_with_answers_and_the_audit_trail(client, world, login):
    field, liaison = login("field.a"), login("liaison.a")
    rid = report(client, world, field)
    made = add_internal(world, rid)
    data = read(client, liaison, rid).get_json()
    assert [(e["action"], e["from_value"], e["to_value"], e["actor"]["name"]) for e in data["triage"]] == [
        ("status", "new", "acknowledged", "Liaison.A")]
    assert [(n["id"], n["text"], n["author"]["name"]) for n in data["notes"]] == [
        (made["note"], "Called the site lead.", "Liaison.A")]
    (followup,) = data["followups"]
    assert (followup["id"], followup["question"], followup["asked_by"]["name"]) == (
        made["followup"], "Were they masked?", "Liaison.A")
    assert [(a["id"], a["text"]) for a in followup["answers"]] == [(made["answer"], "Yes, two of them.")]
    assert [(a["action"], a["entity_id"], a["actor"]["name"]) for a in data["audit"]] == [
        ("encounter.receive", rid, "Field.A")]
    assert data["group"] is None


def test_the_audit_names_the_device_as_it_signed_in_for_an_admin_and_only_their_own_for_anyone_else(
        client, world, login):
    field = login("field.a", device_name="Library tablet 3")
    rid = report(client, world, field)
    admin, liaison = login("admin"), login("liaison.a", device_name="Desk browser")
    ((entry,),) = [read(client, admin, rid).get_json()["audit"]]
    assert (entry["action"], entry["device_id"], entry["device_name"]) == (
        "encounter.receive", field.device_id, "Library tablet 3")
    # A liaison reads the audit, but the devices table is the admin's (server/access.py): the reporter's phone
    # keeps its id only.
    ((entry,),) = [read(client, liaison, rid).get_json()["audit"]]
    assert (entry["device_id"], entry["device_name"]) == (field.device_id, None)
    client.post(f"{QUEUE}/{rid}/notes", json={"text": "Called the site lead."}, headers=liaison.headers)
    own = [a for a in read(client, liaison, rid).get_json()["audit"] if a["device_id"] == liaison.device_id]
    assert own and {a["device_name"] for a in own} == {"Desk browser"}


def test_field_employee_reads_own_report_without_anything_internal(client, world, login):
    field = login("field.a")
    rid = report(client, world, field)
    add_internal(world, rid)
    response = read(client, field, rid)
    assert response.status_code == 200
    data = response.get_json()
    assert not INTERNAL & set(data)
    assert {"body", "steps", "photos", "followups", "site", "department", "status"} <= set(data)
    assert [a["text"] for f in data["followups"] for a in f["answers"]] == ["Yes, two of them."]


def test_group_lists_the_other_reports_of_the_site_within_two_hours_with_decisions(client, world, login):
    field, liaison = login("field.a"), login("liaison.a")
    a = quiet(client, world, field, started_at="2026-11-20T15:00:00Z")
    b = quiet(client, world, field, started_at="2026-11-20T17:00:00Z")  # exactly two hours: still a candidate
    c = quiet(client, world, field, started_at="2026-11-20T14:00:00Z")
    quiet(client, world, field, started_at="2026-11-20T17:00:01Z")
    quiet(client, world, field, site="site-a2", started_at="2026-11-20T15:00:00Z")
    decide(world, a, c, "different")
    group = read(client, liaison, a).get_json()["group"]
    assert [(m["id"], m["decision"]) for m in group["members"]] == [(c, "different"), (b, None)]
    assert (group["size"], group["decided"]) == (2, False)
    decide(world, a, b, "same")
    group = read(client, liaison, a).get_json()["group"]
    assert (group["size"], group["decided"]) == (2, True)


def test_sensitive_looking_fields_are_named(client, world, login):
    field, liaison = login("field.a"), login("liaison.a")
    text = {"notes": "Le pidieron su A-123-456-789 y si era indocumentado.",
            "outcome_notes": "They read a DOB 3/4/1990 aloud.", "stated_purpose": "Routine check."}
    rid = quiet(client, world, field)
    stored_before_the_door(rid, **text)
    data = read(client, liaison, rid).get_json()
    # The kinds come from the one pattern set (encounter.sensitive), per field, in field order.
    kinds = {name: list(dict.fromkeys(s.kind for s in find_spans(value, name))) for name, value in text.items()}
    assert kinds["notes"] and kinds["outcome_notes"] and not kinds["stated_purpose"]
    assert data["flags"] == ["possible_sensitive_text"]
    assert data["sensitive_fields"] == [{"field": "outcome_notes", "kinds": kinds["outcome_notes"]},
                                        {"field": "notes", "kinds": kinds["notes"]}]


@pytest.mark.parametrize("path", ["not-a-uuid", "12345"])
def test_a_malformed_id_is_404(client, world, login, path):
    error_body(client.get(f"{QUEUE}/{path}", headers=login("liaison.a").headers), 404)


def test_an_unknown_id_is_404(client, world, login):
    error_body(read(client, login("liaison.a"), uuid.uuid4()), 404)


def test_liaisons_are_offered_the_active_liaisons_of_the_reports_department_to_assign(client, world, login):
    from server.auth import hash_password
    from server.models import User
    from tests.factories import PASSWORD

    db.session.add_all([
        User(username="liaison.a2", display_name="Ann Second", role="liaison", department_id=world.departments["A"].id,
             password_hash=hash_password(PASSWORD)),
        User(username="liaison.a3", display_name="Gone Away", role="liaison", department_id=world.departments["A"].id,
             password_hash=hash_password(PASSWORD), active=False)])
    db.session.commit()
    rid = report(client, world, login("field.a"))
    offered = read(client, login("liaison.a"), rid).get_json()["assignable"]
    names = [p["name"] for p in offered]
    # Department A's active liaisons only: not B's, not the inactive one, not field or trainer users.
    assert sorted(names) == sorted(["Ann Second", world.users["liaison.a"].display_name])
    assert "assignable" not in read(client, login("mayor"), rid).get_json()


def test_the_mayors_office_reads_a_report_without_names_notes_or_witnesses(client, world, login):
    field = login("field.a")
    rid = report(client, world, field, staff_witnesses="Ana Ruiz, branch manager")
    add_internal(world, rid)
    update_report(rid, status="escalated")  # so the Mayor's Office reads its free text too
    for name in ("liaison.a", "mayor"):
        data = read(client, login(name), rid).get_json()
        people = [data["followups"][0]["asked_by"], *(e["actor"] for e in data["triage"])]
        if name == "liaison.a":
            assert data["notes"] and data["body"]["staff_witnesses"] == "Ana Ruiz, branch manager"
            assert all(p["name"] for p in people)
        else:
            # BRIEF: the Mayor's Office sees every department, never names.
            assert data["notes"] == [] and "staff_witnesses" not in data["body"]
            assert all(p["name"] is None for p in people)


def test_an_answer_that_looks_like_status_or_an_a_number_is_flagged_for_the_liaison(client, world, login):
    from server.models import FollowUpAnswer

    field = login("field.a")
    rid = report(client, world, field)
    ids = add_internal(world, rid)
    answer = db.session.get(FollowUpAnswer, uuid.UUID(ids["answer"]))
    answer.text = "They took the man with A-123-456-789, he is undocumented"
    db.session.commit()
    data = read(client, login("liaison.a"), rid).get_json()
    assert data["followups"][0]["answers"][0]["flags"] == ["possible_sensitive_text"]


def test_the_mayors_office_learns_how_many_questions_a_report_not_escalated_has_but_not_their_words(
        client, world, login):
    rid = report(client, world, login("field.a"))
    asked = client.post(f"{QUEUE}/{rid}/questions", headers=login("liaison.a").headers,
                        json={"text": "Which door did they use?"})
    assert asked.status_code == 201, asked.get_json()
    queue_row = next(r for r in client.get(QUEUE, headers=login("mayor").headers).get_json()["items"]
                     if r["id"] == rid)
    data = read(client, login("mayor"), rid).get_json()
    # The queue says one open question; the report must not read as though none was asked.
    assert queue_row["open_questions"] == 1
    assert data["followups"] == [] and data["followups_withheld"] == 1
    update_report(rid, status="escalated")
    data = read(client, login("mayor"), rid).get_json()
    assert len(data["followups"]) == 1 and data["followups_withheld"] == 0
    assert read(client, login("liaison.a"), rid).get_json()["followups_withheld"] == 0
