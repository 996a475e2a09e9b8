"""Redaction of the texts kept beside a report's body: notes, questions, answers, triage reasons and resolutions."""
import json
import uuid

import pytest
from sqlalchemy import select

from server.extensions import db
from server.models import AuditEntry, FollowUpAnswer
from tests.api.beside_support import (
    REDACTED, SPAN, TEXT, WORDS, WRITERS, _move, _note, answer, ask, redact,
)
from tests.api.reports_support import error_body, queue_ids, uncoded
from tests.api.retention_support import REPORT, audit_of, detail
from tests.api.triage_support import personal, pulled, report_of
from tests.factories import push


@pytest.fixture
def people(login):
    return {name: login(name) for name in ("field.a", "liaison.a", "liaison.b", "mayor", "trainer", "admin")}


def shown(report: dict, target: str, text_id: str, field: str | None) -> str:
    """The words the detail shows for one text."""
    if target == "note":
        return next(n["text"] for n in report["notes"] if n["id"] == text_id)
    if target == "question":
        return next(f["question"] for f in report["followups"] if f["id"] == text_id)
    if target == "answer":
        return next(a["text"] for f in report["followups"] for a in f["answers"] if a["id"] == text_id)
    return next(e["details"][field] for e in report["triage"] if e["id"] == text_id)


@pytest.mark.parametrize("which", list(WRITERS))
def test_a_liaison_removes_words_from_each_text_beside_the_body_and_the_detail_shows_the_mark(
        client, world, people, which):
    rid = report_of(client, world, people["field.a"])
    write, field = WRITERS[which]
    target = which.split("-")[0]
    text_id = write(client, people, rid)
    assert shown(detail(client, people["liaison.a"], rid), target, text_id, field) == TEXT

    response = redact(client, people["liaison.a"], rid, target, text_id, SPAN, field=field)

    assert response.status_code == 200, response.get_json()
    named = field or ("question" if target == "question" else "text")  # a text's one field when none is named
    assert response.get_json() == {"target": target, "id": text_id, "field": named,
                                   "removed_characters": len(WORDS), "spans": 1}
    report = detail(client, people["liaison.a"], rid)
    assert shown(report, target, text_id, field) == REDACTED
    assert WORDS not in json.dumps(report)
    if which == "triage-resolution":  # the closing resolution is also the report's own
        assert report["resolution"] == REDACTED


def test_redacting_an_earlier_closing_resolution_leaves_the_reports_standing_one_alone(client, world, people):
    """Closed, reopened and closed again with the same words: only the move redacted changes, not the report's."""
    rid = report_of(client, world, people["field.a"])
    first = _move("resolution", "closed")(client, people, rid)
    _move("reason", "in_review")(client, people, rid)
    last = _move("resolution", "closed")(client, people, rid)

    assert redact(client, people["liaison.a"], rid, "triage", first, SPAN, field="resolution").status_code == 200

    report = detail(client, people["liaison.a"], rid)
    assert shown(report, "triage", first, "resolution") == REDACTED
    assert shown(report, "triage", last, "resolution") == TEXT
    assert report["resolution"] == TEXT

    assert redact(client, people["liaison.a"], rid, "triage", last, SPAN, field="resolution").status_code == 200
    assert detail(client, people["liaison.a"], rid)["resolution"] == REDACTED


def test_the_audit_says_who_which_text_and_how_many_characters_never_the_words(client, world, people):
    rid = report_of(client, world, people["field.a"])
    note = _note(client, people, rid)

    redact(client, people["liaison.a"], rid, "note", note, SPAN, (0, 3))

    [entry] = audit_of(rid, "report.redact")
    assert entry.actor_id == world.users["liaison.a"].id
    assert entry.details == {"target": "note", "id": note, "field": "text", "removed_characters": len(WORDS) + 3,
                             "spans": 2}
    everything = json.dumps([a.details for a in db.session.scalars(select(AuditEntry))])
    assert "Reyes" not in everything and "agents" not in everything
    [shown] = [a for a in detail(client, people["liaison.a"], rid)["audit"] if a["action"] == "report.redact"]
    assert shown["where"] == {"target": "note", "id": note, "field": "text"}  # where, for the desk's audit table
    assert "Reyes" not in json.dumps(shown, default=str)


def test_an_answer_keeps_its_receipt_and_a_phone_resending_it_stores_no_words_again(client, world, people):
    rid = report_of(client, world, people["field.a"])
    sent = answer(client, people, ask(client, people, rid, "Where did they go?"))

    assert redact(client, people["liaison.a"], rid, "answer", sent["id"], SPAN).status_code == 200

    db.session.expire_all()
    stored = db.session.get(FollowUpAnswer, uuid.UUID(sent["id"]))
    assert (stored.text, stored.body["text"]) == (REDACTED, REDACTED)
    assert stored.sha256 == sent["receipt"]["sha256"]  # the receipt is what was received
    [again] = push(client, people["field.a"], [{k: v for k, v in sent.items() if k != "receipt"}]).get_json()["results"]
    assert (again["status"], again["receipt"]) == ("duplicate", sent["receipt"])
    assert WORDS not in json.dumps(detail(client, people["liaison.a"], rid))


def test_the_text_search_does_not_find_a_report_by_words_redacted_beside_its_body(client, world, people):
    """The queue's search reads the body's free text only (``search_text``); a redacted answer adds nothing to it."""
    rid = report_of(client, world, people["field.a"], notes="Agents by the loading dock.")
    sent = answer(client, people, ask(client, people, rid, "Where did they go?"))
    redact(client, people["liaison.a"], rid, "answer", sent["id"], SPAN)

    assert queue_ids(client, people["liaison.a"], q="reyes") == []
    assert queue_ids(client, people["liaison.a"], q="loading dock") == [rid]


def test_a_phone_that_has_not_pulled_the_question_gets_only_the_redacted_words(client, world, people):
    rid = report_of(client, world, people["field.a"])
    _, cursor = pulled(client, people["field.a"])
    followup = ask(client, people, rid)

    redact(client, people["liaison.a"], rid, "question", followup, SPAN)

    changes = personal(pulled(client, people["field.a"], cursor)[0])
    assert changes and WORDS not in json.dumps(changes)
    assert {c["data"]["question"] for c in changes if c["kind"] == "message"} == {REDACTED}


def test_a_phone_holding_the_question_gets_the_redacted_words_in_its_place_on_its_next_pull(client, world, people):
    rid = report_of(client, world, people["field.a"])
    followup = ask(client, people, rid)
    first, cursor = pulled(client, people["field.a"])
    assert [c["data"]["question"] for c in personal(first)] == [TEXT]

    redact(client, people["liaison.a"], rid, "question", followup, SPAN)

    changes = personal(pulled(client, people["field.a"], cursor)[0])
    assert [(c["kind"], c["id"], c["op"], c["data"]["question"]) for c in changes] == [
        ("message", followup, "upsert", REDACTED)]  # replaces the question by its id
    assert {k: v for k, v in changes[0]["data"].items() if k != "question"} == {
        k: v for k, v in personal(first)[0]["data"].items() if k != "question"}


def test_a_report_on_legal_hold_can_still_be_redacted(client, world, people):
    """As for the body: the hold stops the schedule's erasure, not a liaison removing what should not be held."""
    rid = report_of(client, world, people["field.a"])
    note = _note(client, people, rid)
    assert client.post(f"{REPORT.format(rid)}/legal-hold", headers=people["liaison.a"].headers,
                       json={"hold": True}).status_code == 200

    assert redact(client, people["liaison.a"], rid, "note", note, SPAN).status_code == 200
    assert shown(detail(client, people["liaison.a"], rid), "note", note, None) == REDACTED


def test_another_departments_liaison_gets_404_as_for_a_text_that_does_not_exist(client, world, people):
    rid = report_of(client, world, people["field.a"])
    note = _note(client, people, rid)
    other = report_of(client, world, people["field.a"])

    error_body(redact(client, people["liaison.b"], rid, "note", note, SPAN), 404)
    # A text of another report, and one that does not exist, read alike: no such text on this report.
    assert error_body(redact(client, people["liaison.a"], other, "note", note, SPAN), 404)["reason"] == "no_such_text"
    assert error_body(redact(client, people["liaison.a"], rid, "answer", uuid.uuid4(), SPAN), 404)["reason"] \
        == "no_such_text"
    assert error_body(redact(client, people["liaison.a"], rid, "triage", uuid.uuid4(), SPAN, field="reason"),
                      404)["reason"] == "no_such_text"
    assert shown(detail(client, people["liaison.a"], rid), "note", note, None) == TEXT


@pytest.mark.parametrize("role", ["mayor", "trainer", "field.a", "admin"])
def test_only_liaisons_redact_texts_beside_the_body_every_other_role_gets_403(client, world, people, role):
    rid = report_of(client, world, people["field.a"])
    followup = ask(client, people, rid)

    error_body(redact(client, people[role], rid, "question", followup, SPAN), 403, "forbidden_role")
    assert shown(detail(client, people["liaison.a"], rid), "question", followup, None) == TEXT


@pytest.mark.parametrize("payload, field", [
    ({"target": "note", "spans": [{"start": 0, "end": 3}]}, "id"),
    ({"target": "body", "id": "NOTE", "field": "notes", "spans": [{"start": 0, "end": 3}]}, "id"),
    ({"target": "note", "id": "NOTE", "field": "notes", "spans": [{"start": 0, "end": 3}]}, "field"),
    ({"target": "triage", "id": "NOTE", "spans": [{"start": 0, "end": 3}]}, "field"),
    ({"target": "photo", "id": "NOTE", "spans": [{"start": 0, "end": 3}]}, "target"),
    ({"target": "note", "id": "NOTE", "spans": [{"start": 0, "end": 999}]}, "spans"),
    ({"target": "note", "id": "not-a-uuid", "spans": [{"start": 0, "end": 3}]}, "id"),
], ids=["no-id", "body-with-id", "field-of-another-target", "triage-without-field", "unknown-target", "past-the-end",
        "malformed-id"])
def test_a_bad_redaction_of_a_text_beside_the_body_is_422_naming_the_field_and_changes_nothing(
        client, world, people, payload, field):
    rid = report_of(client, world, people["field.a"])
    note = _note(client, people, rid)
    payload = {k: (note if v == "NOTE" else v) for k, v in payload.items()}

    body = error_body(client.post(f"{REPORT.format(rid)}/redactions", headers=people["liaison.a"].headers,
                                  json=payload), 422)

    assert field in json.dumps(body["errors"])
    assert uncoded(body) == [], "the desk says each refusal in its own language"
    assert shown(detail(client, people["liaison.a"], rid), "note", note, None) == TEXT
    assert audit_of(rid, "report.redact") == []
