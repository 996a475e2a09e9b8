"""Issue test 3: a push that fails in any way keeps the report queued, retries on its own, and stores it once.

The report is put in the outbox exactly as submit.js submitDraft writes it, so these
tests drive the sync engine alone and need none of the screens.
"""
import uuid

import pytest

from tests.e2e.device import queue_report, sign_in_through_api, trigger_sync, wait_for_app, wait_for_outbox
from tests.e2e.network import HeldRequests
from tests.e2e.stored import count_encounters, server_encounters
from tests.factories import encounter_body

PUSH = "**/api/v1/sync/push"
PORTAL = "<!doctype html><html><head><title>Free Wi-Fi</title></head><body><h1>Welcome!</h1>" \
         "<p>Accept the terms to get online.</p></body></html>"
MALFORMED = {
    "results-missing": '{"protocol": 1, "server_time": "2026-11-21T18:18:37.812Z"}',
    "accepted-without-receipt": '{"protocol": 1, "server_time": "2026-11-21T18:18:37.812Z", "results": '
                                '[{"index": 0, "id": "%s", "status": "accepted"}]}',
    "cut-off": '{"protocol": 1, "server_time": "2026-11-21T18:18:37.812Z", "res',
}


def _queue_report(page, world) -> tuple[str, dict]:
    """Sign the phone in and put one valid department-A report in its outbox."""
    body = encounter_body(world, "A")
    item_id = str(uuid.uuid4())
    page.goto("/")
    wait_for_app(page)
    sign_in_through_api(page, "field.a")
    # The body as the outbox holds it (buildBody's output), to compare against after each failure.
    return item_id, queue_report(page, body, item_id)["body"]


def _push_ids(request) -> list[str]:
    """The item ids of a push request."""
    return [item["id"] for item in request.post_data_json["items"]]


def _answer(route, fault: str, item_id: str) -> None:
    """Answer a held push with one kind of fault."""
    if fault == "500":
        route.fulfill(status=500, content_type="application/json",
                      body='{"code": 500, "message": "internal error", "description": "boom"}')
    elif fault == "captive-portal":
        route.fulfill(status=200, content_type="text/html", body=PORTAL)
    elif fault == "timeout":
        route.abort("timedout")  # a connection that timed out, without waiting for the engine's own 20 s limit
    else:
        route.fulfill(status=200, content_type="application/json", body=MALFORMED[fault].replace("%s", item_id))



def _survives(page, pushes, item_id: str, body: dict, attempt: int) -> None:
    """After a failed attempt the report is still unsent, whole, and the server has nothing."""
    def settled(record):
        # Either back in the queue, or already picked up again by the next (held) push.
        return record["state"] == "queued" or pushes.arrived() > attempt

    record = wait_for_outbox(page, item_id, settled, message=f"the phone's reaction to failed push {attempt}")
    assert record["state"] in ("queued", "sending"), f"attempt {attempt} was taken for a receipt: {record}"
    assert record["body"] == body and "receipt" not in record
    assert count_encounters() == 0


@pytest.mark.both_backends
def test_a_push_answered_500_then_html_then_timing_out_stays_queued_is_retried_unasked_and_is_stored_once(
        page, context, world):
    pushes = HeldRequests(context, PUSH)
    item_id, body = _queue_report(page, world)
    trigger_sync(page)

    for attempt, fault in enumerate(["500", "captive-portal", "timeout"], start=1):
        route, request = pushes.next(page)
        assert _push_ids(request) == [item_id]
        _answer(route, fault, item_id)
        _survives(page, pushes, item_id, body, attempt)

    route, request = pushes.next(page)  # the fourth attempt, made with no user action
    assert _push_ids(request) == [item_id]
    route.continue_()
    received = wait_for_outbox(page, item_id, lambda r: r["state"] == "received", message="the receipt")
    stored = server_encounters()
    assert [(row["id"], row["body"]) for row in stored] == [(item_id, body)]
    assert received["receipt"]["sha256"] == stored[0]["sha256"]
    assert "body" not in received, "the full report stays on the phone after its receipt"


@pytest.mark.parametrize("fault", list(MALFORMED))
def test_a_malformed_json_200_is_not_a_receipt_and_the_report_is_resent_and_stored_once(page, context, world, fault):
    pushes = HeldRequests(context, PUSH)
    item_id, body = _queue_report(page, world)
    trigger_sync(page)

    route, _ = pushes.next(page)
    _answer(route, fault, item_id)
    _survives(page, pushes, item_id, body, 1)

    route, request = pushes.next(page)
    assert _push_ids(request) == [item_id]
    route.continue_()
    wait_for_outbox(page, item_id, lambda r: r["state"] == "received", message="the receipt")
    assert [(row["id"], row["body"]) for row in server_encounters()] == [(item_id, body)]
