"""Priority rules (encounter/priority_rules.json): each rule, their order, and the checks against the vocabulary."""
import copy
import json

import pytest

from encounter.priority import (LANGUAGES, OTHERWISE, RULES, RULES_PATH, RulesError, document, field_kinds, load_rules,
                                prioritize, reason)

# Facts that raise no priority.
QUIET = dict(area_type="public", masks=False, non_public_entered=False, entered_over_objection=None,
             consent_refused=None, detained_count=0, document_type="none", minors_present=False)
# A validated body that matches no rule (the fallback: P3).
BASE = {"site": "site-a1", "checklist_version_id": 1, "started_at": "2026-11-20T15:00:00Z", "steps": [],
        "agencies": ["ice_ero"], **QUIET}


def body(**overrides) -> dict:
    return {**BASE, **overrides}


@pytest.mark.parametrize("overrides, expected", [
    ({}, (3, "sighting_without_contact")),
    ({"non_public_entered": True, "document_type": "administrative_warrant"}, (1, "non_public_without_judicial_warrant")),
    ({"non_public_entered": True, "document_type": "none"}, (1, "non_public_without_judicial_warrant")),
    ({"non_public_entered": True, "document_type": "judicial_warrant", "outcome": "still_present"},
     (1, "ongoing_non_public_entry")),
    ({"minors_present": True}, (1, "children_present")),
    ({"force_used": True}, (1, "force_or_injury")),
    ({"injuries": True}, (1, "force_or_injury")),
    ({"staff_threatened_or_detained": True}, (1, "staff_threatened_or_detained")),
    ({"masks": True}, (1, "masked_or_unidentified_agents")),
    ({"identification_refused": True}, (1, "masked_or_unidentified_agents")),
    ({"visible_identification": False}, (1, "masked_or_unidentified_agents")),
    ({"requested": ["access", "records"]}, (1, "records_requested_or_items_taken")),
    ({"items_taken": "Visitor log binder"}, (1, "records_requested_or_items_taken")),
    ({"outcome": "arrest_made"}, (2, "arrest_made")),
    ({"detained_count": 2}, (2, "arrest_made")),
    ({"document_type": "judicial_warrant"}, (2, "judicial_warrant_presented")),
    ({"non_public_entered": True, "document_type": "judicial_warrant"}, (2, "judicial_warrant_presented")),
    ({"document_type": "administrative_warrant", "consent_refused": True}, (2, "administrative_warrant_refused")),
    ({"document_type": "administrative_subpoena", "consent_refused": True}, (2, "administrative_warrant_refused")),
    ({"area_type": "parking_staging"}, (2, "staging_on_city_property")),
    ({"requested": ["staging"]}, (2, "staging_on_city_property")),
    ({"outcome": "staging_only"}, (2, "staging_on_city_property")),
])
def test_each_rule_decides_its_crafted_report(overrides, expected):
    assert prioritize(body(**overrides)) == expected


@pytest.mark.parametrize("overrides", [
    {"non_public_entered": None}, {"minors_present": None}, {"masks": None}, {"visible_identification": None},
    {"document_type": "administrative_warrant", "consent_refused": False}, {"items_taken": ""}, {"requested": []},
    {"detained_count": None}, {"outcome": "left_without_action"},
])
def test_not_known_and_no_do_not_raise_priority(overrides):
    assert prioritize(body(**overrides)) == (3, "sighting_without_contact")


@pytest.mark.parametrize("overrides, expected_rule", [
    # Every P1 reason outranks every P2 one, and within a priority the file's order decides.
    ({"non_public_entered": True, "document_type": "none", "minors_present": True, "masks": True},
     "non_public_without_judicial_warrant"),
    ({"minors_present": True, "force_used": True}, "children_present"),
    ({"force_used": True, "masks": True}, "force_or_injury"),
    ({"masks": True, "requested": ["records"]}, "masked_or_unidentified_agents"),
    ({"requested": ["records"], "outcome": "arrest_made"}, "records_requested_or_items_taken"),
    ({"outcome": "arrest_made", "document_type": "judicial_warrant"}, "arrest_made"),
    ({"document_type": "judicial_warrant", "area_type": "parking_staging"}, "judicial_warrant_presented"),
    # An arrest where no rule about entry applies is still P2, whatever the area.
    ({"outcome": "arrest_made", "area_type": "non_public"}, "arrest_made"),
])
def test_the_first_matching_rule_in_file_order_decides(overrides, expected_rule):
    assert prioritize(body(**overrides))[1] == expected_rule


def test_rules_are_ordered_p1_before_p2_so_no_p2_rule_can_shadow_a_p1_one():
    priorities = [r.priority for r in RULES]
    assert priorities == sorted(priorities)


def test_every_rule_has_a_reason_in_every_desk_language_and_english_for_any_other():
    assert reason("non_public_without_judicial_warrant") == "Non-public area entered without a judicial warrant"
    assert reason("non_public_without_judicial_warrant", "es").startswith("Entraron")
    assert reason("children_present", "ko") == "어린이 있음"
    assert reason("children_present", "de") == "Children present"
    for rule in (*RULES, OTHERWISE):
        assert [lang for lang in LANGUAGES[1:] if reason(rule.id, lang) == reason(rule.id)] == [], rule.id
    assert reason("no_such_rule") is None


def _rules() -> dict:
    return json.loads(RULES_PATH.read_text())


@pytest.mark.parametrize("break_it, message", [
    (lambda d: d["rules"][0]["when"]["all"][0]["any"][0].update(field="immigration_status"), "unknown field"),
    (lambda d: d["rules"][0]["when"]["all"][0]["any"][0].update({"is": "yes"}), "needs true or false"),
    (lambda d: d["rules"][0]["when"]["all"][1].update(not_in=["judicial_warant"]), "needs a list"),
    (lambda d: d["rules"][2].update(when={"field": "minors_present", "equals": True}), "exactly one of"),
    (lambda d: d["rules"][2].update(when={"all": []}), "non-empty list"),
    (lambda d: d["rules"][2].update(priority=4), "priority must be"),
    (lambda d: d["rules"][2]["reason"].pop("es"), "reason needs text"),
    (lambda d: d["rules"][2].update(id=d["rules"][1]["id"]), "duplicate id"),
    (lambda d: d["rules"][6]["when"]["any"][0].update(contains="passports"), "needs one of"),
    (lambda d: d.pop("otherwise"), "otherwise"),
])
def test_a_malformed_rules_file_is_refused_at_load_saying_where(break_it, message):
    document = copy.deepcopy(_rules())
    break_it(document)
    with pytest.raises(RulesError, match=message):
        load_rules(document)


def test_the_shipped_rules_file_loads():
    rules, otherwise = load_rules(_rules())
    assert len(rules) == len(RULES) and otherwise.priority == 3




def test_rules_are_checked_against_the_vocabulary_not_a_schema():
    kinds = dict(field_kinds())
    assert kinds["masks"] == ("bool", None) and kinds["detained_count"] == ("int", None)
    assert kinds["requested"][0] == "list" and "records" in kinds["requested"][1]
    assert kinds["document_type"][0] == "choice" and kinds["notes"] == ("text", None)


def test_the_priority_document_names_every_rule_with_its_reasons():
    doc = document()
    assert [r["id"] for r in doc["rules"]][-1] == "sighting_without_contact"
    assert all(set(r["reason"]) >= {"en", "es"} for r in doc["rules"])


# Issue 12: cases that came out P3 and must rise, one row per rule (table-driven).
UNDER_RANKED = [
    ({"area_type": "non_public", "outcome": "still_present", "non_public_entered": None},
     (1, "non_public_without_judicial_warrant")),
    ({"area_type": "non_public", "outcome": "still_present", "non_public_entered": None,
      "document_type": "judicial_warrant"}, (1, "ongoing_non_public_entry")),
    ({"city_assistance": True}, (1, "city_assistance")),
    ({"city_assistance_kinds": ["access_or_keys"]}, (1, "city_assistance")),
    ({"entered_over_objection": True}, (2, "entered_over_objection")),
    ({"requested": ["person"]}, (2, "person_or_information_demanded")),
    ({"requested": ["information"]}, (2, "person_or_information_demanded")),
    ({"weapons_shown": True}, (2, "weapons_shown")),
    ({"requested": ["access"], "consent_asked": True, "consent_refused": True, "document_type": "none"},
     (2, "access_refused_without_document")),
    ({"emergency_claimed": True}, (2, "emergency_claimed")),
]


@pytest.mark.parametrize("overrides, expected", UNDER_RANKED)
def test_each_formerly_under_ranked_case_rises_with_its_own_reason(overrides, expected):
    assert prioritize(body(**overrides)) == expected
    assert reason(expected[1], "en") and reason(expected[1], "es") != reason(expected[1], "en")


@pytest.mark.parametrize("overrides", [
    # Agents no longer there, or the employee said they did not enter: not an entry.
    {"area_type": "non_public", "outcome": "left_without_action", "non_public_entered": None},
    {"area_type": "non_public", "outcome": "still_present", "non_public_entered": False},
    {"city_assistance": False}, {"city_assistance": None, "city_assistance_kinds": []},
    {"consent_refused": True, "document_type": "unknown"},
    {"weapons_shown": None}, {"emergency_claimed": False}, {"entered_over_objection": False},
])
def test_the_new_rules_do_not_fire_on_no_or_not_known(overrides):
    assert prioritize(body(**overrides)) == (3, "sighting_without_contact")


@pytest.mark.parametrize("overrides, expected_rule", [
    # Entry without a judicial warrant and children present stay P1 whatever P2 signs come with them.
    ({"non_public_entered": True, "document_type": "none", "weapons_shown": True, "entered_over_objection": True},
     "non_public_without_judicial_warrant"),
    ({"minors_present": True, "emergency_claimed": True, "requested": ["person"]}, "children_present"),
])
def test_p1_cases_stay_p1_when_p2_signs_come_with_them(overrides, expected_rule):
    assert prioritize(body(**overrides)) == (1, expected_rule)
