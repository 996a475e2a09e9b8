"""The door: free-text spans of never-collected data, named by field, kind and offsets, never by their words."""
from encounter import door, sensitive
from encounter.vocabulary import FREE_TEXT_FIELDS

TEXT = "Agents asked for A-123-456-789, DOB 03/04/1990"


def test_every_free_text_field_is_checked_with_the_one_pattern_set():
    body = {field: TEXT for field in FREE_TEXT_FIELDS}
    found = door.spans(body, FREE_TEXT_FIELDS)
    for field in FREE_TEXT_FIELDS:
        expected = [{"field": field, "start": s.start, "end": s.end, "kind": s.kind}
                    for s in sensitive.find_spans(TEXT, field)]
        assert [s for s in found if s["field"] == field] == expected


def test_the_stub_finds_an_a_number_and_a_date_of_birth_in_the_sample():
    kinds = {s["kind"] for s in door.spans({"notes": TEXT}, ("notes",))}
    assert {"a_number", "birth_date"} <= kinds


def test_fields_not_listed_and_values_that_are_not_text_are_not_checked():
    assert door.spans({"site": TEXT, "notes": 5, "markings_seen": None}, FREE_TEXT_FIELDS) == []


def test_clean_text_has_no_spans():
    assert door.spans({"notes": "Two agents in vests waited by the lobby door."}, ("notes",)) == []


def test_messages_name_kinds_and_offsets_never_the_words():
    found = door.spans({"notes": TEXT}, ("notes",))
    errors = door.field_errors(found)
    assert list(errors) == ["notes"]
    message = errors["notes"][0]
    for span in found:
        assert f"{span['kind']} at {span['start']}-{span['end']}" in message
        assert TEXT[span["start"]:span["end"]] not in message
    assert "123" not in message and "1990" not in message


def test_the_kinds_checked_per_pushed_kind_and_per_desk_change():
    assert door.FIELDS_BY_KIND == {"encounter": FREE_TEXT_FIELDS, "answer": ("text",), "counsel_answer": ("note",),
                                   "alert": (), "triage_note": ("text",), "triage_question": ("text",),
                                   "triage_status": ("resolution", "reason")}


def test_a_desk_refusal_carries_each_fields_messages_and_the_spans_never_the_words():
    found = door.spans({"reason": TEXT}, door.FIELDS_BY_KIND["triage_status"])
    errors = door.refusal_errors(found)
    assert errors == {"reason": door.field_errors(found)["reason"], "spans": found}
    assert "123" not in str(errors)
