"""Texts beside the body stored before the door checked them are flagged when read, for the roles that read them."""
import json
import uuid

import pytest
from sqlalchemy import select

from encounter.views import FLAG
from server.extensions import db
from server.models import FollowUp, FollowUpAnswer, ReportNote, TriageEvent
from tests.api.reports_support import get_queue, update_report
from tests.api.beside_support import _answer, _note, _question, _reopen, redact
from tests.api.retention_support import REPORT, detail, queue_csv
from tests.api.triage_support import report_of

NUMBER = "A123456789"
OLD = f"Her A-number is {NUMBER}, the agents said."
SPAN = (OLD.index(NUMBER), OLD.index(NUMBER) + len(NUMBER))


@pytest.fixture
def people(world, login):
    return {name: login(name) for name in ("field.a", "liaison.a", "liaison.b", "mayor", "trainer", "admin")}


def stored_before_the_door(target: str, text_id: str, field: str) -> None:
    """Put words the door now refuses into a stored text, as a row written before the door existed would hold."""
    if target == "note":
        db.session.get(ReportNote, uuid.UUID(text_id)).text = OLD
    elif target == "question":
        db.session.get(FollowUp, uuid.UUID(text_id)).question = OLD
    elif target == "answer":
        row = db.session.get(FollowUpAnswer, uuid.UUID(text_id))
        row.text, row.body = OLD, {**row.body, "text": OLD}
    else:  # a move is named by an id derived from its row's: the latest move holding that field is the one
        event = next(m for m in db.session.scalars(select(TriageEvent).order_by(TriageEvent.id.desc()))
                     if (m.details or {}).get(field))
        event.details = {**event.details, field: OLD}
    db.session.commit()


WRITERS = {"note": (_note, "text"), "question": (_question, "question"), "answer": (_answer, "text"),
           "triage": (_reopen, "reason")}


def old_text(client, people, rid: str, target: str) -> dict:
    """Write one text of ``target`` through the API, then give it an A-number straight in the database."""
    write, field = WRITERS[target]
    text_id = write(client, people, rid)
    stored_before_the_door(target, text_id, field)
    return {"target": target, "id": text_id, "field": field, "kinds": ["a_number"]}


@pytest.fixture
def old_texts(client, world, people):
    """A report of department A with a note, a question, an answer and a move's reason, each holding an A-number."""
    rid = report_of(client, world, people["field.a"])
    return rid, [old_text(client, people, rid, target) for target in WRITERS]


def test_old_notes_questions_answers_and_reasons_holding_an_a_number_are_flagged_for_the_departments_liaison(
        client, people, old_texts):
    rid, texts = old_texts

    report = detail(client, people["liaison.a"], rid)

    assert sorted(report["sensitive_texts"], key=lambda f: f["target"]) == sorted(texts, key=lambda f: f["target"])
    assert report["flags"] == [FLAG]  # the report's marker too, though the body is clean
    assert report["sensitive_fields"] == []
    assert NUMBER not in json.dumps(report["sensitive_texts"])  # kinds and ids, never the words


def test_a_flag_goes_once_the_liaison_redacts_the_words(client, people, old_texts):
    rid, texts = old_texts
    note = next(t for t in texts if t["target"] == "note")

    assert redact(client, people["liaison.a"], rid, "note", note["id"], SPAN).status_code == 200

    report = detail(client, people["liaison.a"], rid)
    assert note["id"] not in [f["id"] for f in report["sensitive_texts"]]
    assert len(report["sensitive_texts"]) == len(texts) - 1


def test_a_clean_report_has_no_text_flags(client, world, people):
    rid = report_of(client, world, people["field.a"])
    _note(client, people, rid)

    report = detail(client, people["liaison.a"], rid)

    assert report["sensitive_texts"] == [] and report["flags"] == []


def test_the_mayors_office_learns_nothing_from_a_flag_on_texts_it_may_not_read(client, people, old_texts):
    rid, _ = old_texts

    report = detail(client, people["mayor"], rid)  # not escalated: no free text at all

    assert report["sensitive_texts"] == [] and report["flags"] == []
    assert NUMBER not in json.dumps(report)


def test_once_escalated_the_mayors_office_sees_flags_on_what_it_reads_but_never_on_the_notes(
        client, people, old_texts):
    rid, texts = old_texts
    update_report(rid, status="escalated")

    report = detail(client, people["mayor"], rid)

    assert {f["target"] for f in report["sensitive_texts"]} == {"question", "answer", "triage"}
    note = next(t for t in texts if t["target"] == "note")
    assert note["id"] not in json.dumps(report)  # neither the note nor a flag naming it
    assert report["flags"] == [FLAG]


def test_the_reporter_reads_the_question_and_answer_but_gets_no_flags(client, people, old_texts):
    rid, _ = old_texts

    report = detail(client, people["field.a"], rid)

    assert report["followups"] and "sensitive_texts" not in report and "flags" not in report


@pytest.mark.parametrize("who, status", [("liaison.b", 404), ("trainer", 403)])
def test_another_departments_liaison_gets_404_and_a_trainer_403(client, people, old_texts, who, status):
    rid, _ = old_texts

    response = client.get(REPORT.format(rid), headers=people[who].headers)

    assert response.status_code == status  # another department's report is not there; trainers read no report
    assert NUMBER not in response.get_data(as_text=True) and "sensitive_texts" not in response.get_data(as_text=True)


def _queue_flags(client, device) -> dict:
    response = get_queue(client, device)
    assert response.status_code == 200, response.get_json()
    return {item["id"]: item["flags"] for item in response.get_json()["items"]}


def _csv_flags(client, device) -> dict:
    return {report_id: row[FLAG] for report_id, row in queue_csv(client, device).items()}


def test_the_queue_row_and_the_csv_flag_a_report_whose_old_note_holds_an_a_number(client, world, people, old_texts):
    rid, _ = old_texts
    clean = report_of(client, world, people["field.a"])

    assert _queue_flags(client, people["liaison.a"])[rid] == [FLAG]
    assert _queue_flags(client, people["liaison.a"])[clean] == []
    assert _csv_flags(client, people["liaison.a"]) == {rid: "yes", clean: "no"}


def test_the_queue_and_csv_show_the_mayors_office_no_flag_from_texts_it_may_not_read(client, people, old_texts):
    rid, texts = old_texts
    assert _queue_flags(client, people["mayor"])[rid] == []
    assert _csv_flags(client, people["mayor"])[rid] == "no"

    # Escalated, it reads the question, answer and reason; with only the note holding the number, still no flag.
    update_report(rid, status="escalated")
    assert _queue_flags(client, people["mayor"])[rid] == [FLAG]
    for target in ("question", "answer", "triage"):
        text_id = next(t["id"] for t in texts if t["target"] == target)
        field = next(t["field"] for t in texts if t["target"] == target)
        redact(client, people["liaison.a"], rid, target, text_id, SPAN, field=field)
    assert _queue_flags(client, people["mayor"])[rid] == []
    assert _csv_flags(client, people["mayor"])[rid] == "no"
    assert _queue_flags(client, people["liaison.a"])[rid] == [FLAG]  # the note still holds it


@pytest.mark.parametrize("target", list(WRITERS))
def test_each_kind_of_old_text_alone_flags_the_queue_row(client, world, people, target):
    rid = report_of(client, world, people["field.a"])
    old_text(client, people, rid, target)

    assert _queue_flags(client, people["liaison.a"])[rid] == [FLAG]
    assert _csv_flags(client, people["liaison.a"])[rid] == "yes"
