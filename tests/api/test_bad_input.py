"""Bad input of every class is a 4xx (or a rejected item) with a message to act on; never a 500.

Two tables: what is wrong with the request as a whole (answered in the one error shape),
and what is wrong with one item's body (answered ``rejected`` with ``errors.body.<field>``
while the rest of the batch goes through).
"""
import uuid

import orjson
import pytest
from sqlalchemy import func, select

from server.extensions import db
from server.models import Encounter
from tests.api.test_push import assert_error_shape
from tests.factories import encounter_body, push, push_item

PUSH = "/api/v1/sync/push"


def stored() -> int:
    """Count stored encounters."""
    return db.session.scalar(select(func.count()).select_from(Encounter))


@pytest.fixture
def field_a(world, login):
    """Field user of department A, signed in on a phone."""
    return login("field.a")


_DROP = object()


def _envelope(device, **changes) -> dict:
    envelope = {"protocol": 1, "device_id": device.device_id, "items": []}
    envelope.update(changes)
    return {k: v for k, v in envelope.items() if v is not _DROP}


def raw(data: bytes, content_type: str = "application/json"):
    """A request of these exact bytes."""
    return lambda device: (data, content_type)


def envelope(content_type: str = "application/json", **changes):
    """A push envelope for the device with fields changed (``_DROP`` removes one)."""
    return lambda device: (orjson.dumps(_envelope(device, **changes)), content_type)


def huge_protocol(device):
    """A protocol number too big for any integer type."""
    return orjson.dumps(_envelope(device)).replace(b'"protocol":1', b'"protocol":' + b"9" * 30), "application/json"


# (case, request builder(device) -> (bytes, content type), status, field named in errors, or reason)
ENVELOPE_CASES = [
    ("malformed JSON", raw(b'{"protocol": 1, "items": ['), 400, "malformed_json"),
    ("empty body", raw(b""), 400, "malformed_json"),
    ("invalid UTF-8", raw(b'{"protocol": "\xff\xfe"}'), 400, "malformed_json"),
    ("JSON array", raw(b"[]"), 400, "malformed_envelope"),
    ("JSON string", raw(b'"push"'), 400, "malformed_envelope"),
    ("JSON number", raw(b"1"), 400, "malformed_envelope"),
    ("JSON null", raw(b"null"), 400, "malformed_envelope"),
    ("deeply nested JSON", raw(("[" * 100_000 + "]" * 100_000).encode()), 400, "malformed_json"),
    ("text/plain", envelope("text/plain"), 415, None),
    ("form encoded", raw(b"protocol=1", "application/x-www-form-urlencoded"), 415, None),
    ("missing protocol", envelope(protocol=_DROP), 422, "protocol"),
    ("missing device_id", envelope(device_id=_DROP), 422, "device_id"),
    ("missing items", envelope(items=_DROP), 422, "items"),
    ('protocol "1"', envelope(protocol="1"), 422, "protocol"),
    ("protocol 1.5", envelope(protocol=1.5), 422, "protocol"),
    ("protocol true", envelope(protocol=True), 422, "protocol"),
    ("protocol null", envelope(protocol=None), 422, "protocol"),
    ("protocol beyond 64 bits", huge_protocol, 422, "protocol"),
    ("items {}", envelope(items={}), 422, "items"),
    ("items a string", envelope(items="all"), 422, "items"),
    ("items null", envelope(items=None), 422, "items"),
    ("unknown envelope field", envelope(since="yesterday"), 422, "since"),
    ("device_id not a UUID", envelope(device_id="phone-7"), 422, "device_id"),
    ("device_id a number", envelope(device_id=7), 422, "device_id"),
    ("device_id a huge string", envelope(device_id="a" * 1_000_000), 422, "device_id"),
]


@pytest.mark.parametrize(("case", "build", "status", "named"), ENVELOPE_CASES, ids=[c[0] for c in ENVELOPE_CASES])
def test_bad_push_request_is_a_4xx_in_the_error_shape(client, field_a, case, build, status, named):
    data, content_type = build(field_a)
    response = client.post(PUSH, headers={**field_a.headers, "Content-Type": content_type}, data=data)
    error = assert_error_shape(response, status)
    if named is not None and status == 422:
        assert named in error["errors"], error
    elif named is not None:
        assert error["reason"] == named


def test_json_with_a_charset_parameter_is_accepted(client, world, field_a):
    payload = _envelope(field_a, items=[push_item(encounter_body(world))])
    response = client.post(PUSH, headers={**field_a.headers, "Content-Type": "application/json; charset=utf-8"},
                           data=orjson.dumps(payload))
    assert response.status_code == 200
    assert response.get_json()["results"][0]["status"] == "accepted"


def test_get_on_push_is_answered_in_the_error_shape_not_with_the_app_shell(client, field_a):
    # 405 is the exact answer; the PWA's catch-all GET route (server/web.py) answers 404 first.
    # Either way it must be a JSON error, never index.html.
    response = client.get(PUSH, headers=field_a.headers)
    assert response.status_code in (404, 405)
    assert_error_shape(response, response.status_code)


# --- one bad item: rejected with the field named; the rest of the batch goes through ------

def _without(key):
    def drop(body):
        del body[key]
    return drop


def _set(**values):
    return lambda body: body.update(values)


def _step(**values):
    return lambda body: body["steps"][0].update(values)


def _nested(depth: int):
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


# (case, mutation of a valid body, field named under errors.body)
BODY_CASES = [
    ("missing site", _without("site"), "site"),
    ("missing started_at", _without("started_at"), "started_at"),
    ("missing steps", _without("steps"), "steps"),
    ("booleans as ints: agent_count true", _set(agent_count=True), "agent_count"),
    ("booleans as ints: checklist_version_id false", _set(checklist_version_id=False), "checklist_version_id"),
    ("ints as booleans: masks 1", _set(masks=1), "masks"),
    ("ints as booleans: injuries 0", _set(injuries=0), "injuries"),
    ("strings as bools: masks yes", _set(masks="yes"), "masks"),
    ('strings as bools: minors_present "true"', _set(minors_present="true"), "minors_present"),
    ("string as int: agent_count", _set(agent_count="3"), "agent_count"),
    ("fractional count", _set(detained_count=1.5), "detained_count"),
    ("float with integral value as count", _set(agent_count=3.0), "agent_count"),
    ("float with integral value as version id",
     lambda b: b.update(checklist_version_id=float(b["checklist_version_id"])), "checklist_version_id"),
    ("negative detained_count", _set(detained_count=-1), "detained_count"),
    ("negative agent_count", _set(agent_count=-5), "agent_count"),
    ("count beyond range", _set(vehicle_count=100_000), "vehicle_count"),
    ("naive started_at", _set(started_at="2026-11-20T15:00:00"), "started_at"),
    ("naive ended_at", _set(ended_at="2026-11-20T15:40:00"), "ended_at"),
    ("date without time", _set(started_at="2026-11-20"), "started_at"),
    ("impossible date", _set(started_at="2026-02-30T15:00:00Z"), "started_at"),
    ("leap second", _set(started_at="2026-12-31T23:59:60Z", ended_at=None), "started_at"),
    ("lower-case z offset", _set(started_at="2026-11-20T15:00:00z"), "started_at"),
    ("year zero", _set(started_at="0000-11-20T15:00:00Z", ended_at=None), "started_at"),
    ("time past year 9999 in UTC", _set(started_at="9999-12-31T23:30:00-01:00", ended_at=None), "started_at"),
    ("time before year 1 in UTC", _set(started_at="0001-01-01T00:30:00+01:00", ended_at=None), "started_at"),
    ("naive step time", _step(at="2026-11-20T15:00:00"), "steps"),
    ("leap second in a step", _step(at="2026-12-31T23:59:60Z"), "steps"),
    ("ended_at before started_at", _set(ended_at="2026-11-20T14:59:59Z"), "ended_at"),
    ("ended_at before started_at across offsets", _set(ended_at="2026-11-20T07:30:00-07:00"), "ended_at"),
    ("duplicate step ids", lambda b: b["steps"].append(dict(b["steps"][0])), "steps"),
    ("area_type out of vocabulary", _set(area_type="basement"), "area_type"),
    ("document_type out of vocabulary", _set(document_type="warrant"), "document_type"),
    ("agency out of vocabulary", _set(agencies=["fbi"]), "agencies"),
    ("outcome out of vocabulary", _set(outcome="fled"), "outcome"),
    ("requested out of vocabulary", _set(requested=["passports"]), "requested"),
    ("language out of vocabulary", _set(language="fr"), "language"),
    ("step result out of vocabulary", _step(result="maybe"), "steps"),
    ("agencies null", _set(agencies=None), "agencies"),
    ("agencies a string", _set(agencies="ice_ero"), "agencies"),
    ("notes null", _set(notes=None), "notes"),
    ("steps an object", _set(steps={"step-1": "done"}), "steps"),
    ("step null", lambda b: b["steps"].append(None), "steps"),
    ("unknown field in a step", _step(comment="x"), "steps"),
    ("photo hash not hex", _set(photos=[{"sha256": "Z" * 64, "size": 10, "type": "image/jpeg"}]), "photos"),
    ("photo hash with a trailing newline", _set(photos=[{"sha256": "a" * 64 + "\n", "size": 10, "type": "image/jpeg"}]),
     "photos"),
    ("photo type out of vocabulary", _set(photos=[{"sha256": "a" * 64, "size": 10, "type": "text/html"}]), "photos"),
    ("latitude out of range", _set(location={"lat": 91, "lon": 0}), "location"),
    ("location without lon", _set(location={"lat": 34.05}), "location"),
    ("huge notes", _set(notes="x" * 200_000), "notes"),
    ("huge site code", _set(site="s" * 10_000), "site"),
    ("site a number", _set(site=7), "site"),
    ("too many steps", lambda b: b.update(steps=[dict(b["steps"][0], step_id=f"s{n}") for n in range(61)]), "steps"),
    ("deeply nested value", _set(notes=_nested(500)), "notes"),
    ("unknown field", _set(favourite_colour="blue"), "favourite_colour"),
]


@pytest.mark.parametrize(("case", "mutate", "field"), BODY_CASES, ids=[c[0] for c in BODY_CASES])
def test_bad_body_is_rejected_with_the_field_named_and_the_rest_of_the_batch_stored(client, world, field_a,
                                                                                   case, mutate, field):
    body = encounter_body(world)
    mutate(body)
    bad, good = push_item(body), push_item(encounter_body(world))
    response = push(client, field_a, [bad, good])
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    rejected, accepted = response.get_json()["results"]
    assert (rejected["status"], accepted["status"]) == ("rejected", "accepted")
    assert field in rejected["errors"]["body"], rejected["errors"]
    assert db.session.get(Encounter, uuid.UUID(bad["id"])) is None
    assert stored() == 1


# (case, item, field named in the item's errors)
ITEM_CASES = [
    ("item a string", lambda body: "encounter", "_item"),
    ("item null", lambda body: None, "_item"),
    ("item id not a UUID", lambda body: push_item(body, item_id="report-1"), "id"),
    ("item id a number", lambda body: dict(push_item(body), id=12), "id"),
    ("item id without dashes", lambda body: push_item(body, item_id=uuid.uuid4().hex), "id"),
    ("item id missing", lambda body: {k: v for k, v in push_item(body).items() if k != "id"}, "id"),
    ("unknown kind", lambda body: push_item(body, kind="photo"), "kind"),
    ("unknown schema version", lambda body: push_item(body, schema_version=2), "schema_version"),
    ("schema version a string", lambda body: push_item(body, schema_version="1"), "schema_version"),
    ("schema version true", lambda body: push_item(body, schema_version=True), "schema_version"),
    ("body null", lambda body: dict(push_item(body), body=None), "body"),
    ("body a list", lambda body: dict(push_item(body), body=[body]), "body"),
    ("body a string", lambda body: dict(push_item(body), body=orjson.dumps(body).decode()), "body"),
    ("unknown item field", lambda body: dict(push_item(body), priority="high"), "priority"),
]


@pytest.mark.parametrize(("case", "make", "field"), ITEM_CASES, ids=[c[0] for c in ITEM_CASES])
def test_bad_item_envelope_is_rejected_with_the_field_named(client, world, field_a, case, make, field):
    response = push(client, field_a, [make(encounter_body(world)), push_item(encounter_body(world))])
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    rejected, accepted = response.get_json()["results"]
    assert (rejected["status"], accepted["status"]) == ("rejected", "accepted")
    assert field in rejected["errors"], rejected["errors"]
    assert stored() == 1


def test_a_rejected_item_echoes_a_long_bad_id_no_further_than_64_characters(client, world, field_a):
    item = push_item(encounter_body(world), item_id="x" * 10_000)
    result = push(client, field_a, [item]).get_json()["results"][0]
    assert result["status"] == "rejected" and result["id"] is None


# --- what must never be collected ----------------------------------------------------

@pytest.mark.parametrize("key", ["immigration_status", "citizenship", "nationality", "date_of_birth",
                                 "detainee_name", "ethnicity", "a_number"])
def test_a_field_that_must_never_be_collected_is_refused_saying_why(client, world, field_a, key):
    body = encounter_body(world, **{key: "anything"})
    result = push(client, field_a, [push_item(body)]).get_json()["results"][0]
    assert result["status"] == "rejected"
    assert any("must never be collected" in message for message in result["errors"]["body"][key])
    assert stored() == 0


@pytest.mark.parametrize("key", ["immigration_status", "detainee_name"])
def test_a_never_collected_field_is_refused_even_when_null_or_empty(client, world, field_a, key):
    for value in (None, "", [], {}):
        result = push(client, field_a, [push_item(encounter_body(world, **{key: value}))]).get_json()["results"][0]
        assert result["status"] == "rejected"
        assert any("must never be collected" in m for m in result["errors"]["body"][key])
    assert stored() == 0


@pytest.mark.parametrize("key", ["witness_phone", "Immigration_Status", "notes2"])
def test_any_unknown_field_is_refused_as_unknown(client, world, field_a, key):
    result = push(client, field_a, [push_item(encounter_body(world, **{key: "x"}))]).get_json()["results"][0]
    assert result["status"] == "rejected"
    assert result["errors"]["body"][key] == ["Unknown field."]


# --- pull: bad query parameters --------------------------------------------------------

@pytest.mark.parametrize(("query", "status"), [
    ({"limit": "0"}, 422), ({"limit": "-1"}, 422), ({"limit": "abc"}, 422), ({"limit": "1.5"}, 422),
    ({"limit": ""}, 422), ({"cursor": "garbage"}, 400), ({"cursor": "c1.1"}, 400), ({"cursor": "c2.0.0"}, 400),
    ({"cursor": "c1.-1.0"}, 400), ({"cursor": "c1.x.1"}, 400), ({"cursor": "c1." + "9" * 20 + ".0"}, 400),
    ({"cursor": "c1.9999999999999999999.0"}, 400), ({"cursor": "c1.0.9999999999999999999"}, 400),
    ({"cursor": "c1.9223372036854775808.0"}, 400), ({"cursor": "c1.\u00b2.0"}, 400),
    ({"cursor": "c1.0.0" + "0" * 100}, 422),
], ids=lambda v: str(v)[:40] if isinstance(v, dict) else str(v))
def test_bad_pull_query_is_a_4xx_in_the_error_shape(client, world, field_a, query, status):
    error = assert_error_shape(client.get("/api/v1/sync/pull", headers=field_a.headers, query_string=query), status)
    assert error["message"]
