"""A rejected push item says each field message as a code too (``error_codes``), so the phone can say it
in its user's language; the English ``errors`` and ``message`` stay as they were for older phones."""
import uuid

import pytest
from sqlalchemy import update

from encounter.vocabulary import TEXT_LIMITS
from server.extensions import db
from server.models import Site
from tests.api.alerts_support import alert_body, alert_item
from tests.factories import encounter_body, push, push_item


def _result(client, device, item) -> dict:
    response = push(client, device, [item])
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()["results"][0]


def _close_site(code: str) -> None:
    db.session.execute(update(Site).where(Site.code == code).values(active=False))
    db.session.commit()


def _long_notes(world):
    return encounter_body(world, notes="x" * (TEXT_LIMITS["notes"] + 1))


def _missing_area(world):
    body = encounter_body(world)
    del body["area_type"]
    return body


# (what the phone sent, the field, its code with params)
CASES = {
    "site deactivated": (lambda world: encounter_body(world, site="site-a2"), "site", {"code": "inactive", "params": {}}),
    "never-collected key": (lambda world: {**encounter_body(world), "birth_date": "1990-01-01"}, "birth_date",
                            {"code": "never_collected", "params": {"key": "birth_date"}}),
    "sensitive text": (lambda world: encounter_body(world, notes="Agents asked for A-123-456-789 at the counter"),
                       "notes", {"code": "sensitive", "params": {"kinds": ["a_number"]}}),
    "text too long": (_long_notes, "notes", {"code": "length", "params": {"max": TEXT_LIMITS["notes"]}}),
    "field now required": (_missing_area, "area_type", {"code": "required", "params": {}}),
    "end before start": (lambda world: encounter_body(world, started_at="2026-11-20T08:00:00Z",
                                                      ended_at="2026-11-20T07:00:00Z"),
                         "ended_at", {"code": "before_start", "params": {"start": "started_at"}}),
    "liaison told before start": (lambda world: encounter_body(world, started_at="2026-11-20T08:00:00Z",
                                                               liaison_notified_at="2026-11-19T08:00:00Z"),
                                  "liaison_notified_at", {"code": "before_start", "params": {"start": "started_at"}}),
}


@pytest.mark.parametrize("case", CASES)
def test_a_rejected_report_carries_a_code_beside_each_english_message(client, world, login, case):
    make, field, code = CASES[case]
    device = login("field.a")
    _close_site("site-a2")

    result = _result(client, device, push_item(make(world)))

    assert result["status"] == "rejected"
    assert result["error_codes"]["body"][field] == [code]
    assert isinstance(result["errors"]["body"][field][0], str)  # the English is still there for older phones
    assert result["message"]


def test_an_alert_at_a_deactivated_site_carries_the_sites_code(client, world, login):
    device = login("field.a")
    _close_site("site-a2")

    result = _result(client, device, alert_item(alert_body(site="site-a2")))

    assert result["status"] == "rejected"
    assert result["error_codes"] == {"body": {"site": [{"code": "inactive", "params": {}}]}}


def test_an_answer_to_no_question_of_mine_carries_a_code(client, world, login):
    device = login("field.a")
    body = {"followup_id": str(uuid.uuid4()), "text": "Yes.", "answered_at": "2026-11-20T09:00:00Z"}

    result = _result(client, device, push_item(body, kind="answer"))

    assert result["error_codes"] == {"body": {"followup_id": [{"code": "not_found", "params": {}}]}}


def test_an_accepted_report_carries_no_codes(client, world, login):
    result = _result(client, login("field.a"), push_item(encounter_body(world)))

    assert result["status"] == "accepted" and "error_codes" not in result
