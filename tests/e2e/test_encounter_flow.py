"""Issue tests 1 and 2: an encounter logged through the screens, online and offline, reaches the server once."""
import pytest
from playwright.sync_api import expect

from tests.e2e.device import wait_for_app, wait_for_service_worker, wait_until
from tests.e2e.flow import ANSWERS, FieldApp, Report
from tests.e2e.network import go_offline, go_online
from tests.e2e.stored import count_encounters, server_encounters


def _check_stored(stored: dict, item_id: str, report: Report, version_id: int, language: str = "en") -> None:
    """The server's copy is exactly what was entered on the phone."""
    assert stored["id"] == item_id
    body = stored["body"]
    assert {key: body.get(key) for key in report.expected_body()} == report.expected_body()
    assert body["checklist_version_id"] == version_id
    assert body["language"] == language
    assert [(s["step_id"], s["result"]) for s in body["steps"]] == [(f"step-{n}", r) for n, r in enumerate(ANSWERS, 1)]
    assert stored["steps"] == [(f"step-{n}", r) for n, r in enumerate(ANSWERS, 1)], "StepResult rows"


@pytest.mark.both_backends
def test_online_a_report_logged_through_every_screen_is_stored_once_with_its_step_results_and_receipt_shown(
        page, world, catalogs):
    version_id = world.versions["A"].id
    app = FieldApp(page, catalogs["en"])
    report = Report()

    app.sign_in("field.a")
    item_id = app.log_encounter(report)

    stored = wait_until(page, server_encounters, message="the report on the server")
    assert len(stored) == 1
    _check_stored(stored[0], item_id, report, version_id)
    app.expect_received(stored[0]["sha256"])
    expect(app.report_cards()).to_have_count(1)


@pytest.mark.both_backends
def test_offline_a_report_waits_on_the_phone_survives_a_reload_and_uploads_once_when_back_online(
        page, context, world, catalogs):
    version_id = world.versions["A"].id
    app = FieldApp(page, catalogs["en"])
    report = Report()
    app.sign_in("field.a")
    wait_for_service_worker(page)

    go_offline(context)
    response = page.reload()
    assert response is not None and response.from_service_worker
    wait_for_app(page)
    expect(page.locator(".banner-offline")).to_be_visible()
    item_id = app.log_encounter(report)

    queued = app.report_cards().locator(".state-queued")
    expect(queued).to_have_text(app.t("reports.state.queued"))
    page.reload()
    wait_for_app(page)
    expect(app.heading()).to_have_text(app.t("reports.title"))
    expect(queued).to_have_text(app.t("reports.state.queued"))
    expect(app.report_cards()).to_have_count(1)
    assert count_encounters() == 0

    go_online(context)  # and nothing else: no tap, no reload

    stored = wait_until(page, server_encounters, timeout=20, message="the upload after going online")
    app.expect_received(stored[0]["sha256"])
    stored = server_encounters()
    assert len(stored) == 1
    _check_stored(stored[0], item_id, report, version_id)
