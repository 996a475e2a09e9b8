"""What each role sees of a report: names, free text (escalated only for the Mayor's Office), photos."""
import pytest

from encounter import views
from encounter.vocabulary import FREE_TEXT_FIELDS

BODY = {"site": "lapl-central", "area_type": "public", "notes": "agents at the door", "staff_witnesses": "Ana Ruiz",
        "agent_names_and_badges": "Agent Smith, badge 4411"}


def test_trainers_and_unknown_roles_read_no_individual_report():
    assert not views.view("trainer").reports and not views.view("visitor").reports


@pytest.mark.parametrize("role", ["field", "liaison", "admin"])
def test_roles_that_read_free_text_get_the_body_whole(role):
    assert views.visible_body(BODY, role, escalated=False) == BODY


def test_the_mayors_office_reads_structured_fields_but_no_free_text_before_escalation():
    body = views.visible_body(BODY, "mayor_office", escalated=False)
    assert body == {"site": "lapl-central", "area_type": "public"}
    assert not set(body) & set(FREE_TEXT_FIELDS)


def test_the_mayors_office_reads_free_text_of_an_escalated_report_but_never_names_of_staff():
    body = views.visible_body(BODY, "mayor_office", escalated=True)
    assert body["notes"] == "agents at the door" and "staff_witnesses" not in body


@pytest.mark.parametrize(("role", "escalated", "expected"), [
    ("liaison", False, True), ("field", False, True), ("mayor_office", False, False), ("mayor_office", True, True),
    ("trainer", True, False), ("nobody", True, False)])
def test_free_text_visibility_by_role_and_escalation(role, escalated, expected):
    assert views.free_text_visible(role, escalated) is expected


def test_a_person_is_shown_to_the_mayors_office_without_a_name_or_an_id_that_links_reports():
    assert views.person("mayor_office", 7, "Lee Park") == {"id": None, "name": None}
    assert views.person("liaison", 7, "Lee Park") == {"id": 7, "name": "Lee Park"}
    assert views.person("liaison", None, None) is None
    assert views.person("mayor_office", None, None) is None  # nobody stays nobody


def test_an_assignments_user_ids_read_as_someone_for_roles_without_names_and_nobody_stays_nobody():
    assert views.move_values("mayor_office", "assign", None, "7") == (None, views.SOMEONE)
    assert views.move_values("mayor_office", "assign", "7", None) == (views.SOMEONE, None)
    assert views.move_values("liaison", "assign", "7", "9") == ("7", "9")
    assert views.move_values("mayor_office", "status", "new", "acknowledged") == ("new", "acknowledged")


@pytest.mark.parametrize(("role", "kwargs", "expected"), [
    ("liaison", {"same_department": True, "report_received": True}, True),
    ("liaison", {"same_department": False, "report_received": True}, False),
    ("field", {"own_device": True, "report_received": False}, True),
    ("field", {"own_device": True, "report_received": True}, False),
    ("field", {"own_device": False, "same_department": True, "report_received": True}, False),
    ("mayor_office", {"same_department": True, "report_received": True}, False),
    ("trainer", {"same_department": True, "own_device": True}, False),
    ("admin", {"same_department": True, "report_received": True}, False),
])
def test_photos_are_read_by_the_departments_liaisons_and_the_device_until_received(role, kwargs, expected):
    assert views.may_read_photo(role, **kwargs) is expected


def test_photo_readers_by_rule():
    assert views.photo_readers(views.DEPARTMENT) == {"liaison"}
    assert "mayor_office" not in views.photo_readers(views.OWN_UNTIL_RECEIVED)


def test_the_mayors_office_sees_priority_and_flags_but_not_notes():
    seen = views.view("mayor_office")
    assert seen.priority and seen.flags and not seen.names and not seen.notes and seen.photos == views.NONE


def test_field_employees_see_no_priority_flags_or_internal_records():
    seen = views.view("field")
    assert not (seen.priority or seen.flags or seen.internal or seen.notes)


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"open_document_in_scope": True}, True),
    ({"open_document_in_scope": False, "same_department": True, "report_received": True}, False),
    ({"own_device": True}, False),
])
def test_counsel_reads_only_document_photos_of_open_encounters_in_scope(kwargs, expected):
    assert views.may_read_photo("counsel", **kwargs) is expected


def test_counsel_reads_no_report_no_text_and_no_names():
    seen = views.view("counsel")
    assert not (seen.reports or seen.priority or seen.flags or seen.names or seen.internal or seen.notes)
    assert seen.free_text == views.NONE and seen.photos == views.OPEN_DOCUMENTS
    assert views.photo_readers(views.OPEN_DOCUMENTS) == {"counsel"}
    assert not views.may_read_photo("liaison", open_document_in_scope=True)
