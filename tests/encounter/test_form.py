"""The report's form layout in the core (encounter/form.py): the short screen, the optional sections, what is required."""
from datetime import datetime, timedelta, timezone

import pytest

from encounter import form, vocabulary as v
from server.schemas.encounter import EncounterBodySchema


def test_every_field_of_the_report_body_is_asked_once_or_set_by_the_phone():
    asked = form.asked()
    assert len(asked) == len(set(asked)), "a field on two screens"
    body_fields = set(EncounterBodySchema().fields)
    assert set(asked) | set(form.NOT_ASKED) == body_fields


def test_the_required_fields_are_on_the_short_screen_and_the_server_refuses_a_report_without_them():
    assert set(form.REQUIRED) <= set(form.SHORT)
    schema = EncounterBodySchema()
    assert {name for name, field in schema.fields.items() if field.required} >= set(form.REQUIRED)
    errors = schema.validate({"checklist_version_id": 1, "started_at": "2026-12-04T10:00:00Z", "steps": []})
    assert set(form.REQUIRED) <= set(errors)


def test_the_short_screen_asks_site_area_what_agents_asked_for_and_the_document_shown():
    assert form.SHORT == ("site", "area_type", "requested", "document_type")
    assert all(name == "site" or name in v.CHOICES for name in form.SHORT)


def test_the_phone_reads_the_layout_from_the_exported_document():
    assert form.document() == {"required": list(form.REQUIRED), "short": list(form.SHORT),
                               "not_before_start": list(form.NOT_BEFORE_START),
                               "sections": [[name, list(names)] for name, names in form.SECTIONS]}


def test_the_end_and_the_liaisons_notification_may_not_be_before_the_start_and_are_asked_on_the_form():
    assert form.NOT_BEFORE_START == ("ended_at", "liaison_notified_at")
    assert set(form.NOT_BEFORE_START) <= set(form.asked())


STARTED = datetime(2026, 12, 6, 17, 3, 27, tzinfo=timezone.utc)  # the Start tap; the form shows 5:03 PM


@pytest.mark.parametrize("moment, before", [
    (datetime(2026, 12, 6, 9, 0, tzinfo=timezone.utc), True),  # "09:00" typed after a 5:03 PM start
    (datetime(2026, 12, 5, 17, 3, tzinfo=timezone.utc), True),  # the day before
    (datetime(2026, 12, 6, 17, 2, 59, tzinfo=timezone.utc), True),
    (datetime(2026, 12, 6, 17, 3, tzinfo=timezone.utc), False),  # the start's own minute, as a time field gives it
    (STARTED, False),
    (datetime(2026, 12, 6, 18, 0, tzinfo=timezone.utc), False),
    (datetime(2026, 12, 6, 10, 3, tzinfo=timezone(timedelta(hours=-7))), False),  # 17:03 UTC written in Pacific time
])
def test_a_time_is_before_the_start_when_it_is_before_the_minute_the_encounter_started(moment, before):
    assert form.before_start(moment, STARTED) is before
