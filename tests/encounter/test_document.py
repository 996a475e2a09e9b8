"""What pwa/src/rules/ carries: every section the phone and the desk read instead of a copy."""
import json

from encounter import export, triage, views, vocabulary


def test_the_document_has_a_section_per_rule_and_is_plain_json():
    doc = {name.removesuffix(".json"): json.loads(text) for name, text in export.render().items()}
    assert set(doc) == {"vocabulary", "sensitive", "door", "priority", "triage", "views", "redaction", "retention",
                        "disclosure", "form", "alert", "form_numbers", "city"}


def test_the_desk_reads_the_published_minimum_group_and_the_first_quarter_from_the_core():
    from encounter import disclosure

    assert export.document()["disclosure"] == {"minimum": disclosure.MINIMUM, "suppressed": disclosure.SUPPRESSED,
                                               "first_quarter": {"year": 2025, "quarter": 3}}
    assert disclosure.before_first_quarter(2025, 2) and not disclosure.before_first_quarter(2025, 3)


def test_the_phone_reads_the_same_lists_and_limits_as_the_server():
    doc = export.document()
    assert doc["vocabulary"]["choices"]["agencies"] == list(vocabulary.AGENCIES)
    assert doc["vocabulary"]["text_limits"] == vocabulary.TEXT_LIMITS
    assert doc["vocabulary"]["never_collected"] == vocabulary.NEVER_COLLECTED


def test_the_desk_reads_the_same_moves_and_role_views_as_the_server():
    doc = export.document()
    assert doc["triage"]["moves"] == {state: list(targets) for state, targets in triage.MOVES.items()}
    assert doc["triage"]["needs"]["new"]["closed"] == ["resolution"]
    assert doc["views"]["roles"]["mayor_office"]["free_text"] == views.ESCALATED
    assert doc["door"]["reason"] == "sensitive_text"


def test_the_phone_reads_the_alerts_keys_from_the_core():
    from encounter import alerts

    assert export.document()["alert"]["keys"] == list(alerts.KEYS) == ["encounter_id", "site", "occurred_at", "agency"]
