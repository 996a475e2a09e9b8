"""Redaction by the report's department's liaisons: spans of free text and whole photos."""
import json

import pytest
from sqlalchemy import select

from server.extensions import db
from server.models import AuditEntry, Blob, Encounter
from tests.api.reports_support import error_body, queue_ids, report, uncoded, update_report
from tests.api.retention_support import REPORT, audit_of, detail, photo_ref, png, queue_csv, sha, upload
from tests.factories import encounter_body, push, push_item

WORDS = "tall man in the blue truck"
NOTES = f"Agents asked for the {WORDS} by the loading dock."


@pytest.fixture
def people(login):
    return {name: login(name) for name in ("field.a", "liaison.a", "liaison.b", "mayor", "trainer", "admin")}


def redact(client, device, report_id, field, *spans):
    return client.post(f"{REPORT.format(report_id)}/redactions", headers=device.headers,
                       json={"field": field, "spans": [{"start": s, "end": e} for s, e in spans]})


def span_of(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_a_redacted_span_leaves_the_detail_and_the_text_search_at_once(client, world, people):
    rid = report(client, world, people["field.a"], notes=NOTES)
    liaison = people["liaison.a"]
    assert queue_ids(client, liaison, q="blue truck") == [rid]

    response = redact(client, liaison, rid, "notes", span_of(NOTES, WORDS))

    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"target": "body", "id": None, "field": "notes", "removed_characters": len(WORDS),
                                   "spans": 1}
    assert detail(client, liaison, rid)["body"]["notes"] == "Agents asked for the [redacted] by the loading dock."
    assert queue_ids(client, liaison, q="blue truck") == []
    assert queue_ids(client, liaison, q="loading dock") == [rid]


def test_redacting_text_stored_before_the_guard_clears_the_flag_in_the_detail_and_the_csv_export(
        client, world, people):
    rid = report(client, world, people["field.a"])
    text = "Said the patron is undocumented."
    body = {**db.session.get(Encounter, __import__("uuid").UUID(rid)).body, "stated_purpose": text}
    update_report(rid, body=body, search_text=text.lower())  # a report stored before the door refused such text
    liaison = people["liaison.a"]
    assert queue_csv(client, liaison)[rid]["possible_sensitive_text"] == "yes"

    assert redact(client, liaison, rid, "stated_purpose", span_of(text, "undocumented")).status_code == 200

    assert queue_csv(client, liaison)[rid]["possible_sensitive_text"] == "no"
    assert detail(client, liaison, rid)["sensitive_fields"] == []


def test_the_audit_says_who_which_field_and_how_many_characters_never_the_words(client, world, people):
    rid = report(client, world, people["field.a"], notes=NOTES)
    redact(client, people["liaison.a"], rid, "notes", span_of(NOTES, WORDS), (0, 6))

    [entry] = audit_of(rid, "report.redact")
    assert entry.actor_id == world.users["liaison.a"].id
    assert entry.details == {"field": "notes", "removed_characters": len(WORDS) + 6, "spans": 2}
    everything = json.dumps([a.details for a in db.session.scalars(select(AuditEntry))])
    assert "blue" not in everything and "Agents" not in everything
    [shown] = [a for a in detail(client, people["liaison.a"], rid)["audit"] if a["action"] == "report.redact"]
    assert shown["where"] == {"target": "body", "id": None, "field": "notes"}  # where, for the desk's audit table
    assert "blue" not in json.dumps(shown, default=str)


def test_overlapping_spans_are_removed_once(client, world, people):
    rid = report(client, world, people["field.a"], notes="abcdefghij")
    response = redact(client, people["liaison.a"], rid, "notes", (1, 4), (3, 6))

    assert response.get_json()["removed_characters"] == 5
    assert detail(client, people["liaison.a"], rid)["body"]["notes"] == "a[redacted]ghij"


def test_a_phone_resending_the_report_after_redaction_gets_its_original_receipt_and_the_words_stay_out(
        client, world, people):
    item = push_item(encounter_body(world, notes=NOTES))
    [first] = push(client, people["field.a"], [item]).get_json()["results"]
    redact(client, people["liaison.a"], item["id"], "notes", span_of(NOTES, WORDS))

    [again] = push(client, people["field.a"], [item]).get_json()["results"]

    assert again["status"] == "duplicate"
    assert again["receipt"] == first["receipt"]
    assert WORDS not in detail(client, people["liaison.a"], item["id"])["body"]["notes"]
    assert queue_ids(client, people["liaison.a"], q="blue truck") == []


@pytest.mark.parametrize("payload, field", [
    ({"field": "notes", "spans": [{"start": 0, "end": 999}]}, "spans"),
    ({"field": "site", "spans": [{"start": 0, "end": 1}]}, "field"),
    ({"field": "items_taken", "spans": [{"start": 0, "end": 1}]}, "field"),  # nothing written there
    ({"field": "notes", "spans": []}, "spans"),
    ({"field": "notes", "spans": [{"start": 3, "end": 3}]}, "spans"),
    ({"field": "notes", "spans": [{"start": 0, "end": 1}], "text": "x"}, "text"),
], ids=["past-the-end", "not-free-text", "empty-field", "no-spans", "empty-span", "unknown-key"])
def test_a_bad_redaction_is_422_naming_the_field_and_changes_nothing(client, world, people, payload, field):
    rid = report(client, world, people["field.a"], notes=NOTES)
    response = client.post(f"{REPORT.format(rid)}/redactions", headers=people["liaison.a"].headers, json=payload)

    body = error_body(response, 422)
    assert field in json.dumps(body["errors"]) and uncoded(body) == []
    assert detail(client, people["liaison.a"], rid)["body"]["notes"] == NOTES
    assert audit_of(rid, "report.redact") == []


def test_another_departments_liaison_gets_404_as_for_a_report_that_does_not_exist(client, world, people):
    rid = report(client, world, people["field.a"], notes=NOTES)

    error_body(redact(client, people["liaison.b"], rid, "notes", (0, 3)), 404)
    error_body(redact(client, people["liaison.b"], "00000000-0000-4000-8000-000000000000", "notes", (0, 3)), 404)
    error_body(client.delete(f"{REPORT.format(rid)}/photos/{'a' * 64}", headers=people["liaison.b"].headers), 404)
    assert detail(client, people["liaison.a"], rid)["body"]["notes"] == NOTES


@pytest.mark.parametrize("role", ["mayor", "trainer", "field.a", "admin"])
def test_only_liaisons_redact_every_other_role_gets_403(client, world, people, role):
    rid = report(client, world, people["field.a"], notes=NOTES)

    error_body(redact(client, people[role], rid, "notes", (0, 3)), 403, "forbidden_role")
    error_body(client.delete(f"{REPORT.format(rid)}/photos/{'a' * 64}", headers=people[role].headers), 403)
    assert detail(client, people["liaison.a"], rid)["body"]["notes"] == NOTES


# --- photos ---------------------------------------------------------------------------------------

def remove(client, device, report_id, data):
    return client.delete(f"{REPORT.format(report_id)}/photos/{sha(data)}", headers=device.headers)


def test_a_removed_photo_leaves_the_report_its_bytes_leave_the_server_and_reads_answer_410(
        client, world, people, blob_storage):
    photo, kept = png(1), png(2)
    field = people["field.a"]
    assert upload(client, field, photo).status_code == 201 and upload(client, field, kept).status_code == 201
    item = push_item(encounter_body(world, photos=[photo_ref(photo), photo_ref(kept)]))
    [first] = push(client, field, [item]).get_json()["results"]
    liaison = people["liaison.a"]
    assert queue_csv(client, liaison)[item["id"]]["photo_count"] == "2"

    response = remove(client, liaison, item["id"], photo)

    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"sha256": sha(photo)}
    report_now = detail(client, liaison, item["id"])
    assert [p["sha256"] for p in report_now["photos"]] == [sha(kept)]
    assert [p["sha256"] for p in report_now["retention"]["removed_photos"]] == [sha(photo)]
    assert queue_csv(client, liaison)[item["id"]]["photo_count"] == "1"
    assert not blob_storage.exists(sha(photo)) and db.session.get(Blob, sha(photo)) is None
    assert error_body(client.get(f"/api/v1/blobs/{sha(photo)}", headers=liaison.headers), 410)["reason"] == "removed"
    error_body(client.get(f"/api/v1/blobs/{sha(photo)}", headers=people["liaison.b"].headers), 404)
    [entry] = audit_of(item["id"], "report.photo_remove")
    assert entry.details == {"sha256": sha(photo), "blob_deleted": True}
    # The phone re-pushing as it sent it: its receipt, nothing to upload, and an upload is refused.
    [again] = push(client, field, [item]).get_json()["results"]
    assert (again["status"], again["receipt"], again["missing_blobs"]) == ("duplicate", first["receipt"], [])
    assert error_body(upload(client, field, photo), 410)["reason"] == "removed"


def test_another_departments_upload_of_a_removed_photo_is_answered_as_any_new_photo(
        client, world, people, login, blob_storage):
    """A 410 would tell a user of department B that a report of department A once held these bytes."""
    photo, fresh = png(6), png(7)
    upload(client, people["field.a"], photo)
    rid = report(client, world, people["field.a"], photos=[photo_ref(photo)])
    remove(client, people["liaison.a"], rid, photo)
    other = login("field.b")

    assert upload(client, other, photo).status_code == upload(client, other, fresh).status_code == 201
    assert error_body(upload(client, people["field.a"], photo), 410)["reason"] == "removed"


def test_a_photo_another_report_references_keeps_its_bytes(client, world, people, blob_storage):
    photo = png(3)
    upload(client, people["field.a"], photo)
    one = report(client, world, people["field.a"], photos=[photo_ref(photo)])
    other = report(client, world, people["field.a"], photos=[photo_ref(photo)], notes="second report")

    assert remove(client, people["liaison.a"], one, photo).get_json() == {"sha256": sha(photo)}

    assert blob_storage.exists(sha(photo))
    assert client.get(f"/api/v1/blobs/{sha(photo)}", headers=people["liaison.a"].headers).status_code == 200
    assert [p["sha256"] for p in detail(client, people["liaison.a"], other)["photos"]] == [sha(photo)]


@pytest.mark.parametrize("b_holds_it", [False, True])
def test_a_removal_and_a_new_upload_answer_the_same_whether_another_departments_report_holds_the_photo(
        client, world, people, login, blob_storage, b_holds_it):
    """Whether a report of department B cites the same bytes must not show in what A's liaison is told."""
    photo = png(8)
    upload(client, people["field.a"], photo)
    rid = report(client, world, people["field.a"], photos=[photo_ref(photo)])
    if b_holds_it:
        field_b = login("field.b")
        upload(client, field_b, photo)
        [pushed] = push(client, field_b, [push_item(encounter_body(world, "B", photos=[photo_ref(photo)]))]
                        ).get_json()["results"]
        assert pushed["status"] == "accepted"
    liaison = people["liaison.a"]

    removal = remove(client, liaison, rid, photo)

    assert (removal.status_code, removal.get_json()) == (200, {"sha256": sha(photo)})
    assert error_body(upload(client, liaison, photo), 410)["reason"] == "removed"
    assert error_body(upload(client, people["field.a"], photo), 410)["reason"] == "removed"
    assert error_body(client.get(f"/api/v1/blobs/{sha(photo)}", headers=liaison.headers), 410)["reason"] == "removed"
    assert blob_storage.exists(sha(photo)) is b_holds_it  # B's report keeps its photo


def test_removing_a_photo_the_report_does_not_hold_is_404(client, world, people):
    rid = report(client, world, people["field.a"])

    assert error_body(remove(client, people["liaison.a"], rid, png(4)), 404)["reason"] == "no_such_photo"


def test_a_new_report_with_a_photo_removed_from_another_is_asked_for_it_and_may_upload_it(
        client, world, people, blob_storage):
    photo = png(5)
    field = people["field.a"]
    upload(client, field, photo)
    first = report(client, world, field, photos=[photo_ref(photo)])
    remove(client, people["liaison.a"], first, photo)

    [result] = push(client, field, [push_item(encounter_body(world, photos=[photo_ref(photo)], notes="later"))]
                    ).get_json()["results"]

    assert (result["status"], result["missing_blobs"]) == ("accepted", [sha(photo)])
    assert upload(client, field, photo).status_code == 201
    assert client.get(f"/api/v1/blobs/{sha(photo)}", headers=people["liaison.a"].headers).status_code == 200
