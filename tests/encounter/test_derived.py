"""Derived fields: the search text and whether agents staged on city property."""
import pytest

from encounter.derived import search_text, staging


def test_search_text_joins_every_free_text_field_lower_cased_in_field_order():
    body = {"notes": "Second", "markings_seen": "VESTS", "stated_purpose": "", "site": "LAPL-central"}
    assert search_text(body) == "vests\nsecond"


def test_search_text_of_a_body_without_free_text_is_empty():
    assert search_text({"site": "x", "area_type": "public"}) == ""


@pytest.mark.parametrize("body", [{"area_type": "parking_staging"}, {"area_type": "public", "requested": ["staging"]},
                                  {"area_type": "public", "outcome": "staging_only"}])
def test_staging_is_true_for_a_staging_area_request_or_outcome(body):
    assert staging(body) is True


def test_staging_is_not_known_otherwise_rather_than_false():
    assert staging({"area_type": "public", "requested": ["access"], "outcome": None}) is None
