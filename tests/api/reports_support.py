"""Helpers of the report-reading tests: reports pushed through the API, set up states, queue calls."""
import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import update

from encounter.derived import search_text
from server.extensions import db
from server.models import DuplicateDecision, Encounter, FollowUp, FollowUpAnswer, ReportNote, TriageEvent
from tests.factories import encounter_body, push, push_item

QUEUE = "/api/v1/reports"
# A body that matches no P1/P2 rule: a sighting in a public area, nothing requested.
QUIET = dict(area_type="public", masks=False, non_public_entered=False, entered_over_objection=None,
             consent_refused=None, detained_count=0, document_type="none", minors_present=False)


def error_body(response, status: int, reason: str | None = None) -> dict:
    """Assert the one error shape and status; return the body."""
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    body = response.get_json()
    assert {"code", "message", "description"} <= set(body) and body["code"] == status
    if reason:
        assert body.get("reason") == reason, body
    return {k: v for k, v in body.items() if k != "request_id"}  # differs per request


def uncoded(body: dict) -> list[str]:
    """Where a field message of an error body has no code in ``error_codes`` (the desk shows those in English)."""
    def walk(messages, codes, path):
        if isinstance(messages, dict):
            return [miss for key, value in messages.items()
                    for miss in walk(value, (codes or {}).get(key) if isinstance(codes, dict) else None, f"{path}/{key}")]
        if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
            return [f"{path}: {m}" for i, m in enumerate(messages)
                    if not (isinstance(codes, list) and i < len(codes) and codes[i]["code"])]
        return []
    return walk(body.get("errors"), body.get("error_codes"), "")


def push_reports(client, device, bodies: list[dict]) -> list[str]:
    """Push bodies in one batch as ``device``; return their ids, all accepted."""
    items = [push_item(b) for b in bodies]
    response = push(client, device, items)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert [r["status"] for r in response.get_json()["results"]] == ["accepted"] * len(items), response.get_json()
    return [i["id"] for i in items]


def report(client, world, device, dept: str = "A", **overrides) -> str:
    """Push one report; return its id (a moved start drops the default end, which could precede it)."""
    if "started_at" in overrides:
        overrides.setdefault("ended_at", None)
    return push_reports(client, device, [encounter_body(world, dept, **overrides)])[0]


def quiet(client, world, device, dept: str = "A", **overrides) -> str:
    """Push one P3 report; return its id."""
    return report(client, world, device, dept, **{**QUIET, **overrides})


def update_report(report_id: str, **values) -> None:
    """Change stored columns directly (triage writes belong to another blueprint)."""
    db.session.execute(update(Encounter).where(Encounter.id == uuid.UUID(report_id)).values(**values))
    db.session.commit()


def stored_before_the_door(report_id: str, **text) -> None:
    """Give a stored report free text the door now refuses, as if it arrived under an older pattern set."""
    body = {**db.session.get(Encounter, uuid.UUID(report_id)).body, **text}
    update_report(report_id, body=body, search_text=search_text(body))


def received(report_id: str, minutes_ago: int) -> None:
    """Set when a report was received, relative to now (to order the queue deterministically)."""
    update_report(report_id, received_at=datetime.now(timezone.utc) - timedelta(minutes=minutes_ago))


def get_queue(client, device, **params):
    """GET /reports with query parameters (lists repeat)."""
    return client.get(QUEUE, headers=device.headers, query_string=params)


def queue_ids(client, device, **params) -> list[str]:
    """Ids of the first page of the queue, in order."""
    response = get_queue(client, device, **params)
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


def walk(client, device, **params) -> list[str]:
    """Every id of the queue, page by page through the cursor."""
    ids, after = [], None
    while True:
        response = get_queue(client, device, **params, **({"after": after} if after else {}))
        assert response.status_code == 200, response.get_json()
        page = response.get_json()
        ids += [i["id"] for i in page["items"]]
        after = page["next"]
        if after is None:
            return ids


def add_internal(world, report_id: str) -> dict:
    """Give a report a triage event, a note, a follow-up with an answer; return their ids."""
    rid = uuid.UUID(report_id)
    liaison, reporter = world.users["liaison.a"], world.users["field.a"]
    now = datetime.now(timezone.utc)
    event = TriageEvent(encounter_id=rid, actor_id=liaison.id, action="status", from_value="new",
                        to_value="acknowledged", details={})
    note = ReportNote(encounter_id=rid, author_id=liaison.id, text="Called the site lead.")
    question = FollowUp(id=uuid.uuid4(), encounter_id=rid, asked_by=liaison.id, question="Were they masked?")
    db.session.add_all([event, note, question])
    db.session.flush()
    answer = FollowUpAnswer(id=uuid.uuid4(), followup_id=question.id, encounter_id=rid, author_id=reporter.id,
                            device_id=uuid.uuid4(), text="Yes, two of them.", answered_at=now, body={},
                            sha256="0" * 64, received_at=now)
    db.session.add(answer)
    db.session.commit()
    return {"note": str(note.id), "followup": str(question.id), "answer": str(answer.id)}


def decide(world, a: str, b: str, decision: str) -> None:
    """Record a liaison's decision on a likely-duplicate pair (stored first < second)."""
    first, second = sorted([uuid.UUID(a), uuid.UUID(b)], key=str)
    db.session.add(DuplicateDecision(first_id=first, second_id=second, decision=decision,
                                     decided_by=world.users["liaison.a"].id))
    db.session.commit()
