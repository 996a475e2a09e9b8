"""Form numbers never break after their hyphen: the rule joins them, once, and leaves everything else alone."""
import re

import pytest

from encounter import door, export, form_numbers
from encounter.form_numbers import JOINER, join


@pytest.mark.parametrize("typed, stored", [
    ("Forms I-200 and I-205 are administrative.", f"Forms I-{JOINER}200 and I-{JOINER}205 are administrative."),
    ("A subpoena (I-138) or an I-94 record", f"A subpoena (I-{JOINER}138) or an I-{JOINER}94 record"),
    ("I-589A", f"I-{JOINER}589A"),
    ("Formulario I-200.", f"Formulario I-{JOINER}200."),
])
def test_a_form_number_gets_a_word_joiner_after_its_hyphen(typed, stored):
    assert form_numbers.join(typed) == stored
    assert form_numbers.breakable(typed) and not form_numbers.breakable(stored)


@pytest.mark.parametrize("text", ["E-Verify", "call-site-lead", "A-12345 (an A-number)", "x-200", "I-2", "Step 7-200",
                                  "I-2000", f"I-{JOINER}200 already joined"])
def test_text_without_a_breakable_form_number_is_left_as_it_is(text):
    assert form_numbers.join(text) == text


def test_joining_twice_changes_nothing_and_the_typed_text_comes_back_without_the_joiners():
    once = form_numbers.join("I-200 / I-205")
    assert form_numbers.join(once) == once
    assert form_numbers.without_joiners(once) == "I-200 / I-205"


def test_the_exported_pattern_is_the_one_python_runs():
    """The phone's dev check compiles the same source as a JavaScript RegExp (pwa/check-catalogs.mjs)."""
    document = form_numbers.document()
    assert document == {"pattern": form_numbers.PATTERN, "joiner": "\u2060"}
    assert re.compile(document["pattern"], re.ASCII).search("Form I-200")


def test_no_text_the_core_sends_to_the_phone_and_the_desk_can_break_inside_a_form_number():
    """The verdicts' words (encounter/vocabulary.py VERDICT_TEXT) and every other exported text."""
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    found = [text for text in strings(export.document()) if form_numbers.breakable(text)]
    assert found == []
    assert any("I-\u2060200" in text for text in strings(export.document()))


@pytest.mark.parametrize("text, kind", [("his A-123-456-789 card", "a_number"), ("A-123 456 789", "a_number"),
                                        ("A-12-345-678", "a_number"), ("passport X-123-45678", "document_number")])
def test_a_number_written_in_groups_is_never_joined_so_copied_from_a_screen_it_is_still_found(text, kind):
    """Screens join form numbers where they show stored texts; a number in groups is no form, and joined it
    would pass the sensitive-text rules once copied and pasted back into a note, a question or an answer."""
    assert join(text) == text
    assert [s["kind"] for s in door.spans({"text": join(text)}, ("text",))] == [kind]
