"""Reporting after the agents left: the start the employee gives (``start_given``) is stored as the encounter's
start when it is within the core's bounds (``encounter/form.py``), refused at its field otherwise, and a push
from an older phone, whose start is always its Start tap, is taken as before."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from server.extensions import db
from server.models.encounters import Encounter, StepResult
from tests.factories import encounter_body, push, push_item


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _ago(**delta) -> str:
    """A time that far before now, to the minute (as the form's time field gives it)."""
    return _iso((datetime.now(timezone.utc) - timedelta(**delta)).replace(second=0, microsecond=0))


def _push_one(client, device, body) -> dict:
    response = push(client, device, [push_item(body)])
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()["results"][0]


def _stored(item_id: str):
    return db.session.scalars(select(Encounter).where(Encounter.id == uuid.UUID(item_id))).one_or_none()


def _given(world, started: str, **overrides) -> dict:
    """A report written after the agents left: steps tapped now, the start given hours before."""
    body = encounter_body(world, **{"started_at": started, "start_given": True, "ended_at": None,
                                    "liaison_notified_at": None, **overrides})
    now = _iso(datetime.now(timezone.utc))
    body["steps"] = [dict(step, at=now) for step in body["steps"]]
    return body


def test_a_start_given_two_hours_ago_is_stored_as_the_encounters_start(client, world, login):
    device = login("field.a")
    started, ended = _ago(hours=2), _ago(hours=1)

    result = _push_one(client, device, _given(world, started, ended_at=ended))

    assert result["status"] == "accepted", result
    stored = _stored(result["id"])
    assert _iso(stored.started_at) == started
    assert _iso(stored.ended_at) == ended
    assert stored.body["start_given"] is True


def test_an_older_phones_report_without_start_given_is_taken_whatever_its_start(client, world, login):
    device = login("field.a")
    body = encounter_body(world, started_at="2025-01-10T15:00:00Z", ended_at="2025-01-10T15:40:00Z")
    assert "start_given" not in body

    result = _push_one(client, device, body)

    assert result["status"] == "accepted", result
    assert _iso(_stored(result["id"]).started_at) == "2025-01-10T15:00:00Z"


@pytest.mark.parametrize("started, code", [
    (lambda: _ago(days=31), {"code": "too_old", "params": {"days": 30}}),
    (lambda: _ago(minutes=-60), {"code": "future", "params": {}}),
])
def test_a_given_start_out_of_bounds_is_refused_at_its_field_and_nothing_is_stored(client, world, login, started, code):
    device = login("field.a")

    result = _push_one(client, device, _given(world, started()))

    assert result["status"] == "rejected"
    assert result["error_codes"]["body"] == {"started_at": [code]}
    assert result["errors"]["body"]["started_at"][0]
    assert _stored(result["id"]) is None


def test_the_end_is_checked_against_the_given_start_not_the_tap(client, world, login):
    device = login("field.a")

    result = _push_one(client, device, _given(world, _ago(hours=2), ended_at=_ago(hours=3)))

    assert result["status"] == "rejected"
    assert result["error_codes"]["body"] == {"ended_at": [{"code": "before_start", "params": {"start": "started_at"}}]}


@pytest.mark.parametrize("value", ["yes", 1, [True]])
def test_start_given_that_is_not_a_boolean_is_refused_with_its_field(client, world, login, value):
    device = login("field.a")

    result = _push_one(client, device, _given(world, _ago(hours=2), start_given=value))

    assert result["status"] == "rejected"
    assert result["error_codes"]["body"]["start_given"] == [{"code": "type", "params": {}}]


def test_a_report_with_a_given_start_keeps_its_step_times_but_not_their_distance_from_that_start(client, world, login):
    """The trainers' time to each step is measured from the Start tap; a checklist worked through hours after
    a given start would fill their p90 with hours that say nothing of the encounter."""
    device = login("field.a")
    given = _push_one(client, device, _given(world, _ago(hours=3)))
    live = _push_one(client, device, encounter_body(world))

    steps = {item["id"]: db.session.scalars(select(StepResult).where(
        StepResult.encounter_id == uuid.UUID(item["id"]))).all() for item in (given, live)}
    assert steps[given["id"]] and all(step.at for step in steps[given["id"]])
    assert {step.seconds_from_start for step in steps[given["id"]]} == {None}
    assert steps[live["id"]] and None not in {step.seconds_from_start for step in steps[live["id"]]}


def test_a_report_written_in_bounds_that_waited_weeks_in_the_outbox_is_taken(client, world, login):
    """Too old is measured from the Start tap the phone sends (``tapped_at``), not from the day it arrives: a
    phone offline for six weeks must not turn a report written on time into one that can never be sent."""
    device = login("field.a")
    late = _given(world, _ago(days=44), tapped_at=_ago(days=42))
    result = _push_one(client, device, late)
    assert result["status"] == "accepted", result

    too_old = _push_one(client, device, _given(world, _ago(days=73), tapped_at=_ago(days=42)))
    assert too_old["error_codes"]["body"] == {"started_at": [{"code": "too_old", "params": {"days": 30}}]}


@pytest.mark.parametrize("value", ["last tuesday", 17, True])
def test_a_tap_time_that_is_not_a_time_is_refused_with_its_field(client, world, login, value):
    device = login("field.a")

    result = _push_one(client, device, _given(world, _ago(hours=2), tapped_at=value))

    assert result["status"] == "rejected"
    assert list(result["error_codes"]["body"]) == ["tapped_at"]


@pytest.mark.parametrize("first, second", [
    ("2026-11-01T08:30:00.000Z", "2026-11-01T09:30:00.000Z"),  # as the phone sends them (toISOString)
    ("2026-11-01T01:30:00-07:00", "2026-11-01T01:30:00-08:00"),  # the same two, written with their offsets
])
def test_both_0130s_of_the_night_the_clocks_go_back_are_taken_as_two_different_starts(
        client, world, login, first, second):
    """Los Angeles reads 01:30 twice on 2026-11-01 (PDT, then PST): each instant is a start of its own."""
    device = login("field.a")
    tapped = "2026-11-01T18:00:00Z"  # written that afternoon
    taken = [_push_one(client, device, _given(world, start, tapped_at=tapped)) for start in (first, second)]

    assert [item["status"] for item in taken] == ["accepted", "accepted"], taken
    assert [_iso(_stored(item["id"]).started_at) for item in taken] == ["2026-11-01T08:30:00Z", "2026-11-01T09:30:00Z"]


def test_an_end_on_the_night_the_clocks_go_back_is_checked_as_an_instant_not_as_a_wall_clock_time(client, world, login):
    """Started at the second 01:30 (PST): 01:45 PDT came before it, 01:45 PST after it."""
    device = login("field.a")
    given = dict(tapped_at="2026-11-01T18:00:00Z")

    before = _push_one(client, device, _given(world, "2026-11-01T01:30:00-08:00", ended_at="2026-11-01T01:45:00-07:00",
                                              **given))
    after = _push_one(client, device, _given(world, "2026-11-01T01:30:00-08:00", ended_at="2026-11-01T01:45:00-08:00",
                                             **given))

    assert before["error_codes"]["body"] == {"ended_at": [{"code": "before_start", "params": {"start": "started_at"}}]}
    assert after["status"] == "accepted", after
    assert _iso(_stored(after["id"]).ended_at) == "2026-11-01T09:45:00Z"
