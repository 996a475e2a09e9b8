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
                               "sections": [[name, list(names)] for name, names in form.SECTIONS],
                               "given_start": {"oldest_days": 30, "ahead_minutes": 5}}


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


NOW = datetime(2026, 12, 7, 9, 0, tzinfo=timezone.utc)  # the next morning


def test_the_start_is_asked_where_the_end_is_so_an_employee_reporting_afterwards_can_give_it():
    assert dict(form.SECTIONS)["where"] == ("started_at", "ended_at")
    assert "start_given" in form.NOT_ASKED


@pytest.mark.parametrize("started, problem", [
    (NOW - timedelta(hours=16), None),  # yesterday afternoon, reported this morning
    (NOW - timedelta(days=30), None),
    (NOW - timedelta(days=30, minutes=1), "too_old"),
    (NOW - timedelta(days=365), "too_old"),  # last year's date typed by mistake
    (NOW + timedelta(minutes=5), None),  # a phone clock a few minutes ahead (encounter/phone_clock.py)
    (NOW + timedelta(minutes=6), "future"),
    (NOW + timedelta(days=1), "future"),
])
def test_a_given_start_is_neither_still_to_come_nor_older_than_a_month(started, problem):
    assert form.given_start_error(started, NOW) == problem


def test_too_old_is_measured_from_the_start_tap_when_the_report_waited_to_be_sent():
    tapped = NOW - timedelta(days=42)  # written six weeks ago, sent only now
    assert form.given_start_error(tapped - timedelta(days=2), NOW, tapped) is None
    assert form.given_start_error(tapped - timedelta(days=31), NOW, tapped) == "too_old"
    # A tap ahead of the server's clock counts as now: it cannot stretch the bound.
    assert form.given_start_error(NOW - timedelta(days=31), NOW, NOW + timedelta(days=3)) == "too_old"
