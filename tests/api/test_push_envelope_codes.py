"""Every refusal a push item can get carries a code beside its English, the envelope's too (``errors.id``,
``errors.kind``…), so a phone says it in its user's words; the English ``errors`` stay as they were."""
import uuid

import pytest

from tests.api.alerts_support import alert_body, alert_item
from tests.factories import encounter_body, push, push_item, sign_in_via_api

NOT_A_UUID = "must be a UUID string, e.g. 0b8f3a52-6c1e-4a7e-9d7a-2f4f1b1c9e10"


def _good(world) -> dict:
    return push_item(encounter_body(world))


def _without(key):
    return lambda world: {k: v for k, v in _good(world).items() if k != key}


def _with(**changes):
    return lambda world: {**_good(world), **changes}


# (what the phone sent, its errors as the server has always answered them, their codes)
ENVELOPE = {
    "not an object": (lambda world: "a string", {"_item": ["each item must be a JSON object"]},
                      {"_item": [{"code": "type", "params": {}}]}),
    "null item": (lambda world: None, {"_item": ["each item must be a JSON object"]},
                  {"_item": [{"code": "type", "params": {}}]}),
    "unknown envelope key": (_with(priority=1), {"priority": ["unknown field"]},
                             {"priority": [{"code": "unknown", "params": {}}]}),
    "id not a UUID": (_with(id="report-1"), {"id": [NOT_A_UUID]}, {"id": [{"code": "uuid", "params": {}}]}),
    "id missing": (_without("id"), {"id": [NOT_A_UUID]}, {"id": [{"code": "uuid", "params": {}}]}),
    "unknown kind": (_with(kind="photo"), {"kind": ["must be one of: alert, answer, encounter"]},
                     {"kind": [{"code": "one_of", "params": {"choices": ["alert", "answer", "encounter"]}}]}),
    "version a string": (_with(schema_version="1"), {"schema_version": ["must be an integer"]},
                         {"schema_version": [{"code": "type", "params": {}}]}),
    "version unknown": (_with(schema_version=2), {"schema_version": ["must be one of: 1"]},
                        {"schema_version": [{"code": "one_of", "params": {"choices": [1]}}]}),
    "body a list": (_with(body=[]), {"body": ["must be a JSON object"]}, {"body": [{"code": "type", "params": {}}]}),
    "body missing": (_without("body"), {"body": ["must be a JSON object"]},
                     {"body": [{"code": "type", "params": {}}]}),
}


@pytest.mark.parametrize("case", ENVELOPE)
def test_an_envelope_refusal_carries_a_code_beside_its_english(client, world, login, case):
    make, errors, codes = ENVELOPE[case]

    response = push(client, login("field.a"), [make(world), _good(world)])

    assert response.status_code == 200
    refused, other = response.get_json()["results"]
    assert refused["status"] == "rejected"
    assert refused["errors"] == errors  # older phones read exactly what they read before
    assert refused["error_codes"] == codes
    assert other["status"] == "accepted" and "error_codes" not in other


def test_an_id_held_by_a_report_the_pusher_may_not_see_is_refused_with_the_code_taken(client, world, login):
    item_id = str(uuid.uuid4())
    theirs = push(client, sign_in_via_api(client, "field.b"), [push_item(encounter_body(world, "B"), item_id)])
    assert theirs.get_json()["results"][0]["status"] == "accepted"

    result = push(client, login("field.a"), [push_item(encounter_body(world), item_id)]).get_json()["results"][0]

    assert result["status"] == "rejected" and "receipt" not in result
    assert result["errors"] == {"id": ["this id cannot be used; give the item a new id and push it again"]}
    assert result["error_codes"] == {"id": [{"code": "taken", "params": {}}]}  # no value: the id tells enough


# A phone whose clock was reset sends times outside the years a report may take: each kind's time field.
CLOCK = {
    "report": (lambda world: push_item(encounter_body(world, started_at="1970-01-01T00:00:05Z")), "started_at"),
    "alert": (lambda world: alert_item(alert_body(occurred_at="1970-01-01T00:00:05Z")), "occurred_at"),
    "answer": (lambda world: push_item({"followup_id": str(uuid.uuid4()), "text": "Yes.",
                                        "answered_at": "2106-02-07T06:28:16Z"}, kind="answer"), "answered_at"),
}


@pytest.mark.parametrize("case", CLOCK)
def test_a_time_outside_the_years_a_report_may_take_carries_the_code_years(client, world, login, case):
    make, field = CLOCK[case]

    result = push(client, login("field.a"), [make(world)]).get_json()["results"][0]

    assert result["errors"]["body"][field] == ["must be between the years 2000 and 2099"]
    assert result["error_codes"]["body"][field] == [{"code": "years", "params": {"min": 2000, "max": 2099}}]


def test_a_malformed_push_envelope_carries_codes_beside_its_english(client, world, login):
    device = login("field.a")

    response = client.post("/api/v1/sync/push", headers=device.headers,
                           json={"protocol": "1", "device_id": "not-a-device", "items": []})

    assert response.status_code == 422
    body = response.get_json()
    assert body["reason"] == "invalid_envelope"
    assert set(body["errors"]) == {"protocol", "device_id"}
    assert body["error_codes"] == {"protocol": [{"code": "type", "params": {}}],
                                   "device_id": [{"code": "type", "params": {}}]}
