"""The rules of redaction: which fields, how spans are checked and removed."""
import pytest

from encounter.redaction import MARK, REDACTABLE_FIELDS, TEXTS, RedactionRefused, merge_spans, redact, without_photo


def test_every_free_text_field_is_redactable_and_structured_fields_are_not():
    assert {"notes", "stated_purpose", "agent_names_and_badges"} <= set(REDACTABLE_FIELDS)
    assert not {"site", "agencies", "started_at", "photos"} & set(REDACTABLE_FIELDS)


def test_a_span_is_replaced_by_the_mark_and_counted():
    result = redact({"notes": "ask for Ana at desk"}, "notes", [(8, 11)])
    assert (result.text, result.removed, result.spans) == (f"ask for {MARK} at desk", 3, 1)


def test_overlapping_and_touching_spans_merge_into_one():
    assert merge_spans([(5, 8), (1, 3), (2, 5)], 10) == [(1, 8)]


def test_offsets_count_code_points_so_accents_and_emoji_stay_whole():
    result = redact({"notes": "señor 🙂 José"}, "notes", [(8, 12)])
    assert result.text == f"señor 🙂 {MARK}" and result.removed == 4


@pytest.mark.parametrize("field, spans, key", [
    ("notes", [(0, 99)], "spans"), ("notes", [(3, 2)], "spans"), ("notes", [], "spans"),
    ("site", [(0, 1)], "field"), ("items_taken", [(0, 1)], "field"),
])
def test_refusals_name_the_field_at_fault_and_never_the_text(field, spans, key):
    with pytest.raises(RedactionRefused) as refused:
        redact({"notes": "secret words", "site": "x"}, field, spans)
    assert list(refused.value.errors) == [key]
    assert "secret" not in str(refused.value.errors)


def test_removing_a_photo_keeps_the_others_and_refuses_one_not_there():
    body = {"photos": [{"sha256": "a"}, {"sha256": "b"}]}
    assert without_photo(body, "a") == {"photos": [{"sha256": "b"}]}
    assert body["photos"] == [{"sha256": "a"}, {"sha256": "b"}]
    with pytest.raises(RedactionRefused):
        without_photo(body, "c")


def test_every_text_kept_beside_the_body_is_redactable_by_its_own_fields():
    assert TEXTS["body"] == REDACTABLE_FIELDS
    assert {target: TEXTS[target] for target in ("note", "question", "answer", "triage")} == {
        "note": ("text",), "question": ("question",), "answer": ("text",), "triage": ("reason", "resolution")}


@pytest.mark.parametrize("target, field, texts", [
    ("note", None, {"text": "ask for Ana at desk"}),
    ("answer", "text", {"text": "ask for Ana at desk"}),
    ("question", None, {"question": "ask for Ana at desk"}),
    ("triage", "reason", {"reason": "ask for Ana at desk", "resolution": "kept"}),
])
def test_a_span_of_a_text_beside_the_body_is_replaced_by_the_same_mark(target, field, texts):
    result = redact(texts, field, [(8, 11)], target)
    assert (result.text, result.removed, result.spans) == (f"ask for {MARK} at desk", 3, 1)
    assert result.field == (field or next(iter(texts)))


@pytest.mark.parametrize("target, field, key", [
    ("triage", None, "field"),  # a move may hold a reason and a resolution: say which
    ("note", "notes", "field"),  # a field of another target
    ("photo", None, "target"),
    ("body", None, "field"),
])
def test_a_target_or_field_the_rule_does_not_know_is_refused_by_name(target, field, key):
    with pytest.raises(RedactionRefused) as refused:
        redact({"text": "secret words", "reason": "secret", "notes": "secret"}, field, [(0, 1)], target)
    assert list(refused.value.errors) == [key]
    assert "secret" not in str(refused.value.errors)
