"""People's names masked for a reader without names (encounter/name_mask.py, encounter/views.py ``masked_text``)."""
import pytest

from encounter import name_mask, views
from encounter.redaction import MARK

STAFF = name_mask.known_names([("Tom Rivera", "trivera"), ("Will Park", "wpark")])


@pytest.mark.parametrize(("text", "masked"), [
    ("Branch manager Tom Rivera and clerk Ana Lopez handled it.",
     f"Branch manager {MARK} and clerk {MARK} handled it."),
    ("tom rivera called; RIVERA called back; trivera wrote.", f"{MARK} called; {MARK} called back; {MARK} wrote."),
    ("Tom said the agents will return to the park.", f"{MARK} said the agents will return to the {MARK}."),
    ("Will said so.", f"{MARK} said so."),
    ("They asked for a woman named Maria Lopez.", f"They asked for a woman named {MARK}."),
    ("Officer John Carter, badge 4411; Dana Whitfield gave no badge",
     f"Officer {MARK}, badge 4411; {MARK} gave no badge"),
    ("Officer Garcia and Agent Smith, badge 4411; Sgt. Miller",
     f"Officer {MARK} and Agent {MARK}, badge 4411; Sgt. {MARK}"),
    ("Two agents from ICE ERO; the officer said nothing.", "Two agents from ICE ERO; the officer said nothing."),
    ("Tomorrow the Riverside office; Parking lot.", "Tomorrow the Riverside office; Parking lot."),
])
def test_names_the_patterns_find_and_the_staffs_names_are_masked_as_whole_words(text, masked):
    assert name_mask.mask(text, STAFF) == masked


def test_a_given_name_that_is_also_a_word_is_masked_only_when_written_as_a_name():
    assert name_mask.mask("agents will return", STAFF) == "agents will return"


def test_text_without_names_and_what_is_not_text_come_back_as_given():
    assert name_mask.mask("Agents waited by the side door.", STAFF) == "Agents waited by the side door."
    assert name_mask.mask(None, STAFF) is None and name_mask.mask("", STAFF) == ""
    assert name_mask.known_names([]) is None


@pytest.mark.parametrize("role", ["liaison", "admin", "field"])
def test_roles_that_read_names_read_the_text_whole(role):
    assert views.masked_text(role, "Tom Rivera handled it.", STAFF) == "Tom Rivera handled it."


def test_the_mayors_office_reads_the_text_with_names_masked():
    assert views.masks_names("mayor_office")
    assert views.masked_text("mayor_office", "Tom Rivera handled it.", STAFF) == f"{MARK} handled it."


def test_a_name_is_masked_however_its_accents_are_typed():
    staff = name_mask.known_names([("Ana López", "alopez"), ("José Núñez", None)])
    assert name_mask.mask("ana lopez and Jose Nunez came; López called back.", staff) == \
        f"{MARK} and {MARK} came; {MARK} called back."
    assert name_mask.mask("ANA LÓPEZ signed.", staff) == f"{MARK} signed."


def test_a_name_before_its_possessive_and_letters_the_door_folds_are_masked():
    staff = name_mask.known_names([("Tom Rivera", "trivera"), ("Trần Đức", None), ("Ana Łukasiewicz", None)])
    assert name_mask.mask("Rivera's call ended it.", staff) == f"{MARK}'s call ended it."
    assert "Rivera" not in name_mask.mask("Then Tom Rivera’s phone rang.", staff)
    assert name_mask.mask("Duc called back and spoke with Lukasiewicz.", staff) == \
        f"{MARK} called back and spoke with {MARK}."
    assert name_mask.mask("The agents' van left.", staff) == "The agents' van left."
