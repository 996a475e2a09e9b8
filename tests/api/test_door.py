"""Refusal at the door: pushed free text holding never-collected data is refused with offsets, and nothing is kept.

The expected spans come from ``encounter.sensitive.find_spans`` itself, so these tests keep
holding as the pattern set grows (and as per-field exemptions change).
"""
import logging

import pytest
from sqlalchemy import func, select

from encounter import door
from encounter.sensitive import find_spans
from encounter.vocabulary import FREE_TEXT_FIELDS
from server.extensions import db
from server.models import Encounter, FollowUpAnswer
from tests.api.triage_support import report_of, triage
from tests.factories import encounter_body, push, push_item

# Sentences for every identifier class of the pattern set, in English and Spanish, each with a
# marker that appears nowhere else, so any copy of the words can be searched for.
SAMPLES = {
    "a_number": ("Agents asked for A-123-456-789 at the counter", "123-456-789"),
    "a_number_es": ("Pidieron el número A# 123 456 789 del cliente", "123 456 789"),
    "birth_date": ("They read out a DOB 03/04/1990 from a list", "03/04/1990"),
    "birth_date_es": ("Leyeron la fecha de nacimiento 04/05/1988", "04/05/1988"),
    "status": ("They asked whether the patron was undocumented", "undocumented"),
    "status_es": ("Preguntaron si la persona estaba indocumentada", "indocumentada"),
    "ssn_itin": ("Agent read out SSN 123-45-6789 from a form", "123-45-6789"),
    "document_number": ("They wanted passport number X12345678 copied", "X12345678"),
    "nationality": ("They asked if the patron was from Guatemala", "Guatemala"),
    "name": ("They asked for the patron named Luis Ortega", "Luis Ortega"),
    "address": ("They asked where he lives, 1234 Maple Avenue", "1234 Maple Avenue"),
    "contact": ("They asked for the patron's cell, (323) 555-0187, at the desk", "555-0187"),
    "contact_email": ("Agents wanted the e-mail rosa.m1987@gmail.com from the sheet", "rosa.m1987"),
}


def test_the_samples_cover_every_kind_of_the_pattern_set():
    from encounter.sensitive import KINDS

    found = {s.kind for text, _ in SAMPLES.values() for s in find_spans(text, "notes")}
    assert found == set(KINDS)


def expected(text: str, field: str) -> list[dict]:
    """The spans the door must name for a text in a field."""
    return [{"field": field, "start": s.start, "end": s.end, "kind": s.kind} for s in find_spans(text, field)]


def everything_stored() -> str:
    """Every row of every table, as one text to search for words that must not have been kept."""
    rows = [repr(row) for table in db.metadata.sorted_tables for row in db.session.execute(table.select())]
    db.session.rollback()
    return "\n".join(rows)


def assert_refused(result: dict, field: str, text: str, marker: str, item_id: str) -> None:
    """The one rejection shape, naming field, kinds and offsets, never the words."""
    spans = expected(text, field)
    assert result["status"] == "rejected" and result["reason"] == "sensitive_text" and result["id"] == item_id
    assert result["sensitive"] == spans
    [message] = result["errors"]["body"][field]
    for span in spans:
        assert f"{span['kind']} at {span['start']}-{span['end']}" in message
    assert marker not in repr(result) and text not in repr(result)


@pytest.fixture
def field_a(world, login):
    return login("field.a")


@pytest.fixture
def caught(caplog):
    """Every log record of the request, at every level."""
    caplog.set_level(logging.DEBUG)
    return caplog


@pytest.mark.parametrize("field", FREE_TEXT_FIELDS)
@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_each_identifier_in_each_free_text_field_is_refused_with_offsets_and_nothing_kept(
        client, world, field_a, caught, field, kind):
    text, marker = SAMPLES[kind]
    item = push_item(encounter_body(world, **{field: text}))
    result = push(client, field_a, [item]).get_json()["results"][0]
    if not expected(text, field):  # an exemption of this field (encounter.sensitive decides)
        assert result["status"] == "accepted"
        return
    assert_refused(result, field, text, marker, item["id"])
    assert db.session.scalar(select(func.count()).select_from(Encounter)) == 0
    assert marker not in everything_stored()
    assert marker not in caught.text


def test_offsets_count_code_points_of_the_string_as_sent_not_utf16_units(client, world, field_a):
    text = "📷📷 A-123-456-789"
    result = push(client, field_a, [push_item(encounter_body(world, notes=text))]).get_json()["results"][0]
    assert result["sensitive"][0]["start"] == text.index("A-123") == 3


@pytest.mark.parametrize("text, marker", [
    ("شماره A-۱۲۳۴۵۶۷۸۹ را خواستند", "۱۲۳۴۵۶۷۸۹"),  # a Farsi keyboard's digits
    ("他们要了Ａ１２３４５６７８９号码", "１２３４５６７８９"),  # a Chinese input method's full-width ones
    # Marks and joiners inside. The marker keeps them: three digits alone turn up by chance in stored times and ids.
    ("Agents asked for A-\u200e123\u00ad456\u2060789 at the counter", "123\u00ad456\u2060789"),
])
def test_an_identifier_written_in_other_digits_or_with_invisible_characters_is_refused_and_nothing_kept(
        client, world, field_a, caught, text, marker):
    item = push_item(encounter_body(world, notes=text))
    result = push(client, field_a, [item]).get_json()["results"][0]
    assert result["status"] == "rejected" and [s["kind"] for s in result["sensitive"]] == ["a_number"]
    span = result["sensitive"][0]
    assert marker in text[span["start"]:span["end"]]
    assert db.session.scalar(select(func.count()).select_from(Encounter)) == 0
    assert marker not in everything_stored() and marker not in caught.text


def test_every_span_of_every_field_is_named_at_once(client, world, field_a):
    body = encounter_body(world, notes=SAMPLES["a_number"][0] + ", " + SAMPLES["birth_date"][0],
                          stated_purpose=SAMPLES["status"][0])
    result = push(client, field_a, [push_item(body)]).get_json()["results"][0]
    # In the order of the report's free-text fields, then by position.
    assert result["sensitive"] == expected(body["stated_purpose"], "stated_purpose") + expected(body["notes"], "notes")
    assert set(result["errors"]["body"]) == {"notes", "stated_purpose"}


def test_a_refused_item_does_not_block_the_others_in_its_batch(client, world, field_a):
    bad = push_item(encounter_body(world, notes=SAMPLES["a_number"][0]))
    good = push_item(encounter_body(world))
    statuses = [r["status"] for r in push(client, field_a, [bad, good]).get_json()["results"]]
    assert statuses == ["rejected", "accepted"]


def test_after_the_change_the_same_id_goes_through_and_is_stored_once(client, world, field_a):
    item = push_item(encounter_body(world, notes=SAMPLES["a_number"][0]))
    assert push(client, field_a, [item]).get_json()["results"][0]["status"] == "rejected"
    item["body"]["notes"] = "Agents asked for someone at the counter"
    assert push(client, field_a, [item]).get_json()["results"][0]["status"] == "accepted"
    assert push(client, field_a, [item]).get_json()["results"][0]["status"] == "duplicate"
    assert db.session.scalar(select(func.count()).select_from(Encounter)) == 1


def test_an_invalid_body_with_sensitive_text_names_both_problems(client, world, field_a):
    body = encounter_body(world, notes=SAMPLES["a_number"][0], agent_count="three")
    result = push(client, field_a, [push_item(body)]).get_json()["results"][0]
    assert result["reason"] == "sensitive_text" and {"notes", "agent_count"} <= set(result["errors"]["body"])


def test_agents_names_and_badges_pass_where_the_report_asks_for_them(client, world, field_a):
    text = "Agent J. Smith, badge 4411; supervisor Lt. Ortega, 213-555-0100"
    assert find_spans(text, "agent_names_and_badges") == []
    result = push(client, field_a, [push_item(encounter_body(world, agent_names_and_badges=text))]).get_json()
    assert result["results"][0]["status"] == "accepted"


def test_a_clean_report_with_every_free_text_field_is_accepted(client, world, field_a):
    clean = {field: "Two agents in vests waited by the lobby door" for field in FREE_TEXT_FIELDS}
    assert all(not find_spans(text, field) for field, text in clean.items())
    result = push(client, field_a, [push_item(encounter_body(world, **clean))]).get_json()["results"][0]
    assert result["status"] == "accepted"


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_an_answer_holding_an_identifier_is_refused_on_its_own_field_and_nothing_kept(
        client, world, login, caught, kind):
    field, liaison = login("field.a"), login("liaison.a")
    report = report_of(client, world, field)
    followup = triage(client, liaison, report, "questions", {"text": "Did they show a warrant?"}).get_json()["followup"]
    text, marker = SAMPLES[kind]
    item = push_item({"followup_id": followup["id"], "text": text, "answered_at": "2026-11-21T09:30:00Z"},
                     kind="answer")
    result = push(client, field, [item]).get_json()["results"][0]
    if not expected(text, "text"):
        assert result["status"] == "accepted"
        return
    assert_refused(result, "text", text, marker, item["id"])
    assert db.session.scalar(select(func.count()).select_from(FollowUpAnswer)) == 0
    assert marker not in everything_stored()
    assert marker not in caught.text



def _pattern_set_grows(monkeypatch, words: str) -> None:
    """Refuse ``words`` from now on, as a later pattern set would: the door flags them where they stand."""
    def grown(body, fields):
        return [{"field": f, "start": body[f].index(words), "end": body[f].index(words) + len(words), "kind": "name"}
                for f in fields if isinstance(body.get(f), str) and words in body[f]]
    monkeypatch.setattr(door, "spans", grown)


def test_a_report_held_before_the_pattern_set_grew_is_a_duplicate_when_the_phone_sends_it_again(
        client, world, field_a, monkeypatch):
    """The answer was lost in transit and the phone sends again: it must hear "held", not "nothing stored"."""
    item = push_item(encounter_body(world, notes="Agents waited by the reading room"))
    first = push(client, field_a, [item]).get_json()["results"][0]
    assert first["status"] == "accepted"
    _pattern_set_grows(monkeypatch, "reading room")
    fresh = push(client, field_a, [push_item(encounter_body(world, notes="In the reading room"))])
    assert fresh.get_json()["results"][0]["reason"] == "sensitive_text"

    again = push(client, field_a, [item]).get_json()["results"][0]

    assert again["status"] == "duplicate"
    assert again["receipt"] == first["receipt"]
    assert db.session.scalar(select(func.count()).select_from(Encounter)) == 1


def test_a_changed_report_under_a_held_id_is_still_refused_at_the_door(client, world, field_a, monkeypatch):
    item = push_item(encounter_body(world, notes="Agents waited by the reading room"))
    push(client, field_a, [item])
    _pattern_set_grows(monkeypatch, "reading room")
    item["body"]["notes"] = "Agents waited by the reading room, then left"

    result = push(client, field_a, [item]).get_json()["results"][0]

    assert result["status"] == "rejected" and result["reason"] == "sensitive_text"


def test_another_departments_held_report_sent_again_is_answered_as_if_the_id_were_free(
        client, world, field_a, login, monkeypatch):
    item = push_item(encounter_body(world, notes="Agents waited by the reading room"))
    push(client, field_a, [item])
    _pattern_set_grows(monkeypatch, "reading room")
    field_b = login("field.b")
    never_held = push_item(item["body"])

    held, free = push(client, field_b, [item, never_held]).get_json()["results"]

    assert held["status"] == free["status"] == "rejected"
    assert {**held, "id": None, "index": None} == {**free, "id": None, "index": None}
