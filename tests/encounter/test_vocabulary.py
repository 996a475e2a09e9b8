"""The vocabulary: closed lists without repeats, field lists that do not overlap, never-collected keys with reasons."""
import pytest

from encounter import vocabulary as v


def test_every_choice_list_is_non_empty_without_repeats():
    for name, values in v.CHOICES.items():
        assert values and len(set(values)) == len(values), name


def test_field_lists_do_not_overlap():
    groups = [set(v.YES_NO_FIELDS), set(v.COUNT_FIELDS), set(v.FREE_TEXT_FIELDS), set(v.CHOICES), set(v.TIME_FIELDS)]
    names = [name for group in groups for name in group]
    assert len(names) == len(set(names))


def test_free_text_fields_are_exactly_those_with_a_text_limit():
    assert v.FREE_TEXT_FIELDS == tuple(v.TEXT_LIMITS) and all(n > 0 for n in v.TEXT_LIMITS.values())


def test_no_field_of_a_report_is_a_never_collected_key():
    fields = {*v.YES_NO_FIELDS, *v.COUNT_FIELDS, *v.FREE_TEXT_FIELDS, *v.CHOICES, *v.TIME_FIELDS}
    assert fields.isdisjoint(v.NEVER_COLLECTED)


@pytest.mark.parametrize("key", sorted(v.NEVER_COLLECTED))
def test_each_never_collected_key_is_refused_with_its_reason(key):
    errors = v.never_collected_errors({key: None, "site": "x"})
    assert list(errors) == [key]
    assert "must never be collected" in errors[key][0] and v.NEVER_COLLECTED[key] in errors[key][0]


def test_a_body_without_never_collected_keys_has_no_such_errors():
    assert v.never_collected_errors({"site": "x", "notes": "immigration_status"}) == {}


def test_the_vocabulary_document_carries_every_list():
    doc = v.document()
    assert doc["choices"]["agencies"] == list(v.AGENCIES)
    assert doc["text_limits"] == v.TEXT_LIMITS and set(doc["never_collected"]) == set(v.NEVER_COLLECTED)
