"""Decisions on likely-duplicate pairs: one row per pair (first_id < second_id), both reports stay whole."""
import uuid

import pytest
from sqlalchemy import select

from server.extensions import db
from server.models import AuditEntry, DuplicateDecision, Encounter, TriageEvent
from tests.api.triage_support import liaison  # noqa: F401  (fixtures)
from tests.api.triage_support import assert_error, count, report_of, triage

NOT_A_DUPLICATE = {"json": {"other_id": ["is not a likely duplicate of this report"]}}


@pytest.fixture
def pair(client, world, login):
    """Two reports of one site, started 90 minutes apart."""
    field = login("field.a")
    return (report_of(client, world, field),
            report_of(client, world, login("field.a2"), started_at="2026-11-20T16:30:00Z", ended_at=None,
                      steps=[], liaison_notified_at=None))


def decide(client, liaison, report, other, decision):
    return triage(client, liaison, report, "duplicates", {"other_id": other, "decision": decision})


def test_confirming_a_pair_stores_it_once_in_id_order_with_history_on_both_reports(client, liaison, pair):
    a, b = pair
    response = decide(client, liaison, b, a, "same")
    assert response.status_code == 200, response.get_json()
    first, second = sorted(pair, key=uuid.UUID)
    assert response.get_json()["duplicate"]["first_id"] == first and response.get_json()["duplicate"]["second_id"] == second
    row = db.session.scalars(select(DuplicateDecision)).one()
    assert (str(row.first_id), str(row.second_id), row.decision) == (first, second, "same")
    events = db.session.scalars(select(TriageEvent)).all()
    assert sorted(str(e.encounter_id) for e in events) == sorted(pair)
    assert {e.action for e in events} == {"duplicate_confirm"}
    audited = db.session.scalars(select(AuditEntry.entity_id).where(AuditEntry.action == "triage.duplicate")).all()
    assert sorted(audited) == sorted(pair)
    assert count(Encounter) == 2  # nothing merged


def test_either_side_decides_the_same_pair_and_a_liaison_may_change_their_mind(client, liaison, pair):
    a, b = pair
    assert decide(client, liaison, a, b, "same").status_code == 200
    assert decide(client, liaison, b, a, "same").status_code == 200  # no change: no new event
    assert decide(client, liaison, b, a, "different").status_code == 200
    assert db.session.scalars(select(DuplicateDecision.decision)).one() == "different"
    events = db.session.scalars(select(TriageEvent).order_by(TriageEvent.id)).all()
    assert [(e.action, e.from_value, e.to_value) for e in events] == [
        ("duplicate_confirm", None, "same")] * 2 + [("duplicate_split", "same", "different")] * 2


@pytest.mark.parametrize("overrides", [{"site": "site-a2"}, {"started_at": "2026-11-20T17:30:01Z", "ended_at": None,
                                                              "steps": [], "liaison_notified_at": None}])
def test_a_report_that_is_not_a_candidate_is_refused_like_a_nonexistent_one(client, world, login, liaison, overrides):
    field = login("field.a")
    a, far = report_of(client, world, field), report_of(client, world, field, **overrides)
    errors = [assert_error(decide(client, liaison, a, other, "same"), 422)["errors"]
              for other in (far, str(uuid.uuid4()))]
    assert errors == [NOT_A_DUPLICATE, NOT_A_DUPLICATE]
    assert count(DuplicateDecision) == 0


@pytest.mark.parametrize("body", [{}, {"other_id": "nope", "decision": "same"}, {"decision": "merge"},
                                  {"other_id": None, "decision": "same"}])
def test_malformed_decisions_are_422(client, liaison, pair, body):
    body = {"other_id": pair[1], **body} if "other_id" not in body else body
    assert_error(triage(client, liaison, pair[0], "duplicates", body), 422)
    assert count(DuplicateDecision) == 0
