"""POST /sync/push: what is stored, what is answered, and what a failed push leaves behind."""
import io
import json
import re
import uuid
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from server.extensions import db
from server.schemas.errors import ErrorSchema
from server.models import AuditEntry, Encounter, StepResult
from sync.canonical import content_sha256
from sync.envelope import iso_time
from tests.factories import encounter_body, push, push_item

UTC = timezone.utc


def row_counts() -> dict:
    """Count the rows a push writes: encounters, step results and receive audit entries."""
    receipts = select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "encounter.receive")
    return {"encounters": db.session.scalar(select(func.count()).select_from(Encounter)),
            "step_results": db.session.scalar(select(func.count()).select_from(StepResult)),
            "audit_log": db.session.scalar(receipts)}


def assert_error_shape(response, status: int) -> dict:
    """Assert the one JSON error shape with this status and return it."""
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/json"
    error = response.get_json()
    assert isinstance(error, dict)
    assert {"code", "message", "description"} <= set(error) <= set(ErrorSchema().fields)
    assert error["code"] == status
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["description"], str) and error["description"]
    return {k: v for k, v in error.items() if k != "request_id"}  # differs per request


def results_of(response) -> list[dict]:
    """Return the per-item results of a 200 push answer."""
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()["results"]


@pytest.fixture
def field_a(world, login):
    """Field user of department A, signed in on a phone."""
    return login("field.a")


# --- an accepted item is stored whole -------------------------------------------------

def _full_body(world) -> dict:
    """A body with offsets, varied step results and steps sent out of checklist order."""
    steps = world.versions["A"].steps
    results = ("done", "skipped", "not_applicable")
    sent = [{"step_id": s["id"], "result": results[n % 3], "at": f"2026-11-20T08:{n:02d}:30-07:00"}
            for n, s in enumerate(steps)]
    return encounter_body(
        world, area_type="parking_staging", started_at="2026-11-20T08:00:00-07:00",
        ended_at="2026-11-20T08:40:00-07:00", agencies=["ice_ero", "hsi"], document_type="judicial_warrant",
        agent_count=5, detained_count=2, masks=False, minors_present=True, non_public_entered=False,
        force_used=True, injuries=None, liaison_notified_at="2026-11-20T16:05:00Z", steps=list(reversed(sent)))


def test_accepted_encounter_is_stored_with_its_body_hash_and_receipt(client, world, field_a):
    body = _full_body(world)
    item = push_item(body)
    result = results_of(push(client, field_a, [item]))[0]
    row = db.session.get(Encounter, uuid.UUID(item["id"]))
    assert result["status"] == "accepted"
    assert row.body == body
    assert row.sha256 == content_sha256(body) == result["receipt"]["sha256"]
    assert iso_time(row.received_at) == result["receipt"]["received_at"]
    assert row.schema_version == 1 and row.status == "new"


def test_accepted_encounter_fills_the_structured_columns_in_utc(client, world, field_a):
    item = push_item(_full_body(world))
    push(client, field_a, [item])
    row = db.session.get(Encounter, uuid.UUID(item["id"]))
    assert {
        "area_type": row.area_type, "agencies": row.agencies, "document_type": row.document_type,
        "agent_count": row.agent_count, "detained_count": row.detained_count, "masks": row.masks,
        "minors_present": row.minors_present, "non_public_entered": row.non_public_entered,
        "force_used": row.force_used, "injuries": row.injuries,
        "started_at": row.started_at, "ended_at": row.ended_at, "liaison_notified_at": row.liaison_notified_at,
    } == {
        "area_type": "parking_staging", "agencies": ["ice_ero", "hsi"], "document_type": "judicial_warrant",
        "agent_count": 5, "detained_count": 2, "masks": False,
        "minors_present": True, "non_public_entered": False,
        "force_used": True, "injuries": None,
        "started_at": datetime(2026, 11, 20, 15, 0, tzinfo=UTC), "ended_at": datetime(2026, 11, 20, 15, 40, tzinfo=UTC),
        "liaison_notified_at": datetime(2026, 11, 20, 16, 5, tzinfo=UTC),
    }


def test_accepted_encounter_records_reporter_device_department_site_and_version(client, world, field_a):
    item = push_item(encounter_body(world, site="site-a2"))
    push(client, field_a, [item])
    row = db.session.get(Encounter, uuid.UUID(item["id"]))
    assert (row.reporter_id, row.device_id, row.department_id, row.site_id, row.checklist_version_id) == (
        world.users["field.a"].id, uuid.UUID(field_a.device_id), world.departments["A"].id,
        world.sites["site-a2"].id, world.versions["A"].id)


def test_accepted_encounter_stores_every_step_with_checklist_position_result_and_time(client, world, field_a):
    item = push_item(_full_body(world))
    push(client, field_a, [item])
    rows = db.session.scalars(select(StepResult).where(StepResult.encounter_id == uuid.UUID(item["id"]))).all()
    got = {r.step_id: (r.position, r.result, r.at) for r in rows}
    results = ("done", "skipped", "not_applicable")
    expected = {s["id"]: (n, results[n % 3], datetime(2026, 11, 20, 15, n, 30, tzinfo=UTC))
                for n, s in enumerate(world.versions["A"].steps)}
    assert len(rows) == 14
    assert got == expected


def test_each_accepted_item_gets_one_receive_audit_entry(client, world, field_a):
    items = [push_item(encounter_body(world)) for _ in range(3)]
    results = results_of(push(client, field_a, items))
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "encounter.receive")).all()
    assert [r["status"] for r in results] == ["accepted"] * 3
    assert sorted((e.entity_type, e.entity_id, e.actor_id, e.device_id, e.department_id, e.details["sha256"])
                  for e in entries) == sorted(
        ("encounter", i["id"], world.users["field.a"].id, uuid.UUID(field_a.device_id), world.departments["A"].id,
         content_sha256(i["body"])) for i in items)


@pytest.mark.parametrize("username", ["field.a", "liaison.a"])
def test_roles_that_report_may_push(client, world, login, username):
    device = login(username)
    assert results_of(push(client, device, [push_item(encounter_body(world))]))[0]["status"] == "accepted"


# --- duplicates and conflicts ---------------------------------------------------------

def test_exact_replay_returns_the_original_receipt_and_writes_nothing(client, world, field_a):
    item = push_item(encounter_body(world))
    first = results_of(push(client, field_a, [item]))[0]
    before = row_counts()
    again = results_of(push(client, field_a, [item]))[0]
    assert again == dict(first, status="duplicate")
    assert row_counts() == before


def test_replay_with_other_key_order_and_spacing_is_a_duplicate(client, world, field_a):
    item = push_item(encounter_body(world))
    first = results_of(push(client, field_a, [item]))[0]
    reordered = dict(item, body=dict(reversed(list(item["body"].items()))))
    raw = json.dumps({"protocol": 1, "device_id": field_a.device_id, "items": [reordered]}, indent=3)
    again = results_of(client.post("/api/v1/sync/push", headers=field_a.headers, data=raw,
                                   content_type="application/json"))[0]
    assert (again["status"], again["receipt"]) == ("duplicate", first["receipt"])


def test_conflicting_replay_overwrites_nothing(client, world, field_a):
    item = push_item(encounter_body(world))
    first = results_of(push(client, field_a, [item]))[0]
    before = row_counts()
    skipped = [dict(s, result="skipped") for s in item["body"]["steps"]]
    changed = dict(item, body={**item["body"], "agent_count": 9, "steps": skipped})
    answer = results_of(push(client, field_a, [changed]))[0]
    row = db.session.get(Encounter, uuid.UUID(item["id"]))
    step_results = set(db.session.scalars(select(StepResult.result).where(StepResult.encounter_id == row.id)))
    assert answer["status"] == "conflict" and answer["receipt"] == first["receipt"]
    assert "message" in answer
    assert (row.body, row.sha256, row.agent_count) == (item["body"], first["receipt"]["sha256"], 3)
    assert step_results == {"done"}
    assert row_counts() == before


def test_mixed_batch_answers_in_order_and_stores_exactly_the_new_valid_items(client, world, field_a):
    held, clashing = push_item(encounter_body(world)), push_item(encounter_body(world))
    results_of(push(client, field_a, [held, clashing]))
    before = row_counts()
    new1, new2 = push_item(encounter_body(world)), push_item(encounter_body(world, agent_count=7))
    bad = push_item(encounter_body(world, area_type="basement"))
    conflict = dict(clashing, body={**clashing["body"], "notes": "edited"})
    batch = [new1, bad, held, conflict, new2]
    results = results_of(push(client, field_a, batch))
    stored = set(db.session.scalars(select(Encounter.id)))
    assert [(r["index"], r["id"], r["status"]) for r in results] == [
        (0, new1["id"], "accepted"), (1, bad["id"], "rejected"), (2, held["id"], "duplicate"),
        (3, clashing["id"], "conflict"), (4, new2["id"], "accepted")]
    assert stored == {uuid.UUID(i["id"]) for i in (held, clashing, new1, new2)}
    after = row_counts()
    assert {t: after[t] - before[t] for t in after} == {"encounters": 2, "step_results": 28, "audit_log": 2}


def test_same_id_twice_in_one_batch_is_stored_once_and_answered_as_duplicate(client, world, field_a):
    item = push_item(encounter_body(world))
    first, second = results_of(push(client, field_a, [item, item]))
    assert (first["status"], second["status"]) == ("accepted", "duplicate")
    assert first["receipt"] == second["receipt"]
    assert row_counts() == {"encounters": 1, "step_results": 14, "audit_log": 1}


def test_same_id_with_other_content_later_in_one_batch_is_a_conflict(client, world, field_a):
    item = push_item(encounter_body(world))
    other = dict(item, body={**item["body"], "agent_count": 8})
    first, second = results_of(push(client, field_a, [item, other]))
    assert (first["status"], second["status"]) == ("accepted", "conflict")
    assert db.session.get(Encounter, uuid.UUID(item["id"])).agent_count == 3


# --- rejected items -------------------------------------------------------------------

@pytest.mark.parametrize(("change", "path"), [
    pytest.param({"area_type": "basement"}, ["area_type"], id="enum"),
    pytest.param({"started_at": None}, ["started_at"], id="null-required"),
    pytest.param({"agent_count": "three"}, ["agent_count"], id="type"),
    pytest.param({"steps": [{"step_id": "step-1", "result": "maybe", "at": "2026-11-20T15:00:00Z"}]},
                 ["steps", "0", "result"], id="nested-step"),
    pytest.param({"photos": [{"sha256": "x", "size": 10, "type": "image/jpeg"}]},
                 ["photos", "0", "sha256"], id="nested-photo"),
])
def test_rejected_item_names_the_field_under_errors_body(client, world, field_a, change, path):
    item = push_item(encounter_body(world, **change))
    result = results_of(push(client, field_a, [item]))[0]
    node = result["errors"]["body"]
    for key in path:
        node = node[key]
    assert result["status"] == "rejected" and result["id"] == item["id"]
    assert isinstance(node, list) and node and all(isinstance(m, str) for m in node)
    assert row_counts()["encounters"] == 0


def test_missing_required_field_is_named(client, world, field_a):
    body = encounter_body(world)
    del body["started_at"]
    result = results_of(push(client, field_a, [push_item(body)]))[0]
    assert result["status"] == "rejected"
    assert result["errors"]["body"]["started_at"] == ["Missing data for required field."]


# --- references are checked against the pusher's department ---------------------------

def _inactive_site(world, body) -> None:
    world.sites["site-a2"].active = False
    db.session.commit()
    body["site"] = "site-a2"


def _unknown_step(world, body) -> None:
    body["steps"].append({"step_id": "step-99", "result": "done", "at": "2026-11-20T15:30:00Z"})


# (case, change to a valid department-A body, the one field named)
REFERENCES = [
    ("site of another department", lambda world, body: body.update(site="site-b1"), "site"),
    ("unknown site", lambda world, body: body.update(site="site-zz9"), "site"),
    ("inactive site", _inactive_site, "site"),
    ("checklist version of another department",
     lambda world, body: body.update(checklist_version_id=world.versions["B"].id), "checklist_version_id"),
    ("unknown checklist version", lambda world, body: body.update(checklist_version_id=999_999),
     "checklist_version_id"),
    ("step not in the version", _unknown_step, "steps"),
]


@pytest.mark.parametrize(("case", "change", "field"), REFERENCES, ids=[r[0] for r in REFERENCES])
def test_reference_outside_the_department_is_rejected(client, world, field_a, case, change, field):
    body = encounter_body(world)
    change(world, body)
    result = results_of(push(client, field_a, [push_item(body)]))[0]
    assert result["status"] == "rejected"
    assert list(result["errors"]["body"]) == [field]
    assert row_counts()["encounters"] == 0


def test_step_not_in_the_version_is_named_in_the_message(client, world, field_a):
    body = encounter_body(world)
    body["steps"] = body["steps"][:13] + [{"step_id": "step-99", "result": "done", "at": "2026-11-20T15:30:00Z"}]
    result = results_of(push(client, field_a, [push_item(body)]))[0]
    assert "step-99" in result["errors"]["body"]["steps"][0]


def test_another_departments_site_reads_exactly_like_a_site_that_does_not_exist(client, world, field_a):
    other, missing = [results_of(push(client, field_a, [push_item(encounter_body(world, site=code))]))[0]
                      for code in ("site-b1", "site-zz9")]
    assert other["status"] == missing["status"] == "rejected"
    assert other["errors"] == missing["errors"]
    assert other["message"] == missing["message"]


def test_another_departments_checklist_version_reads_like_one_that_does_not_exist(client, world, field_a):
    answers = [results_of(push(client, field_a, [push_item(encounter_body(world, checklist_version_id=v))]))[0]
               for v in (world.versions["B"].id, 999_999)]
    assert answers[0]["errors"] == answers[1]["errors"]


# --- requests refused as a whole -------------------------------------------------------

def test_push_for_another_device_than_the_tokens_is_refused(client, world, field_a, login):
    other_phone = login("field.a")
    response = client.post("/api/v1/sync/push", headers=field_a.headers, json={
        "protocol": 1, "device_id": other_phone.device_id, "items": [push_item(encounter_body(world))]})
    assert assert_error_shape(response, 403)["reason"] == "device_mismatch"
    assert row_counts()["encounters"] == 0


@pytest.mark.parametrize("username", ["trainer", "trainer.a", "mayor", "admin"])
def test_roles_that_do_not_report_are_refused(client, world, login, username):
    device = login(username)
    response = push(client, device, [push_item(encounter_body(world))])
    assert assert_error_shape(response, 403)["reason"] == "forbidden_role"
    assert row_counts()["encounters"] == 0


def test_batch_at_the_item_limit_is_accepted(app, client, world, field_a, monkeypatch):
    monkeypatch.setitem(app.config, "SYNC_MAX_ITEMS", 3)
    results = results_of(push(client, field_a, [push_item(encounter_body(world)) for _ in range(3)]))
    assert [r["status"] for r in results] == ["accepted"] * 3


def test_batch_over_the_item_limit_is_413_naming_the_limit_and_stores_nothing(app, client, world, field_a, monkeypatch):
    monkeypatch.setitem(app.config, "SYNC_MAX_ITEMS", 3)
    response = push(client, field_a, [push_item(encounter_body(world)) for _ in range(4)])
    error = assert_error_shape(response, 413)
    assert re.search(r"\b3\b", error["message"])
    assert row_counts()["encounters"] == 0


@pytest.mark.parametrize("limit", [None, 4096], ids=["default-limit", "configured-limit"])
def test_body_over_the_byte_limit_is_413_in_the_error_shape_naming_the_limit(app, client, world, field_a,
                                                                             monkeypatch, limit):
    if limit is not None:
        monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", limit)
    limit = app.config["MAX_CONTENT_LENGTH"]
    item = push_item(encounter_body(world, notes="x" * limit))
    response = push(client, field_a, [item])
    error = assert_error_shape(response, 413)
    assert str(limit) in error["message"]
    assert row_counts()["encounters"] == 0


def test_chunked_body_over_the_byte_limit_is_413_too(app, client, world, field_a, monkeypatch):
    # No Content-Length (Transfer-Encoding: chunked behind gunicorn, which marks the input terminated).
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 4096)
    envelope = {"protocol": 1, "device_id": field_a.device_id,
                "items": [push_item(encounter_body(world, notes="x" * 8192))]}
    response = client.post("/api/v1/sync/push", headers={**field_a.headers, "Transfer-Encoding": "chunked"},
                           content_type="application/json",
                           input_stream=io.BytesIO(json.dumps(envelope).encode()),
                           environ_overrides={"wsgi.input_terminated": True})
    error = assert_error_shape(response, 413)
    assert "4096" in error["message"]
    assert row_counts()["encounters"] == 0


@pytest.mark.parametrize("version", [0, 2, 99, -1])
def test_unknown_protocol_version_is_400_naming_the_supported_one(client, world, field_a, version):
    response = push(client, field_a, [push_item(encounter_body(world))], protocol=version)
    error = assert_error_shape(response, 400)
    assert str(version) in error["message"] and "1" in error["message"]
    assert row_counts()["encounters"] == 0


# --- a transient database failure ------------------------------------------------------

def _down() -> OperationalError:
    return OperationalError("INSERT", {}, Exception("server closed the connection unexpectedly"))


def _fail_at(monkeypatch, where: str) -> list:
    """Make the push's write fail at one point, as a lost database connection would; return the failures raised."""
    session, raised = db.session, []

    def fail():
        raised.append(where)
        raise _down()

    if where == "commit":
        monkeypatch.setattr(session, "commit", fail)
        return raised
    table = {"encounters": Encounter, "step results": StepResult, "audit": AuditEntry}[where].__tablename__

    def inserts_into_table(statement) -> bool:
        # ORM/Core inserts (SQLite path) or the one text statement of set-based INSERTs (PostgreSQL path).
        if getattr(statement, "is_insert", False):
            return statement.table.name == table
        return f"INSERT INTO {table} " in str(getattr(statement, "text", ""))

    for method in ("scalars", "execute"):
        real = getattr(session, method)

        def failing(statement, *args, _real=real, **kwargs):
            if inserts_into_table(statement):
                fail()
            return _real(statement, *args, **kwargs)

        monkeypatch.setattr(session, method, failing)
    return raised


@pytest.mark.parametrize("where", ["encounters", "step results", "audit", "commit"])
def test_transient_database_failure_is_503_with_retry_after_and_stores_nothing(client, world, field_a,
                                                                              monkeypatch, where):
    items = [push_item(encounter_body(world)) for _ in range(2)]
    raised = _fail_at(monkeypatch, where)
    response = push(client, field_a, items)
    monkeypatch.undo()
    error = assert_error_shape(response, 503)
    assert raised == [where]
    assert error["reason"] == "store_unavailable"
    assert int(response.headers["Retry-After"]) > 0
    assert row_counts() == {"encounters": 0, "step_results": 0, "audit_log": 0}


def test_resending_after_a_transient_failure_stores_everything(client, world, field_a, monkeypatch):
    items = [push_item(encounter_body(world)) for _ in range(2)]
    _fail_at(monkeypatch, "audit")
    assert push(client, field_a, items).status_code == 503
    monkeypatch.undo()
    results = results_of(push(client, field_a, items))
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    assert row_counts() == {"encounters": 2, "step_results": 28, "audit_log": 2}

