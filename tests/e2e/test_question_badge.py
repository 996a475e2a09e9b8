"""Home's question badge opens My reports at the liaison's question, not at the top of the list.

On a 360 px phone with several reports the question sits below the fold; the badge brings it into view and
puts focus on its words (not the answer box, so the keyboard stays down), online and offline. With several
questions it goes to the one asked first; a question answered meanwhile opens My reports at its top.
"""
import uuid
from datetime import datetime, timezone

from playwright.sync_api import expect

from tests.e2e.device import (idb_all, idb_put, queue_reports, trigger_sync, wait_for_app, wait_for_outbox,
                              wait_for_service_worker, wait_until)
from tests.e2e.flow import FieldApp
from tests.e2e.network import go_offline
from tests.factories import encounter_body, sign_in_via_api

PHONE = {"width": 360, "height": 640}
REPORTS = 4  # at 360 x 640 the oldest report's card starts well below the fold
FIRST = "Which door did the agents use to enter the workroom?"
SECOND = "Did anyone from the city staff go with them?"


def _phone_with_reports(page, world, catalogs) -> tuple[FieldApp, list[str]]:
    """field.a signed in on a 360 px phone with several reports queued, oldest first (so last on My reports)."""
    page.set_viewport_size(PHONE)
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    ids = [str(uuid.uuid4()) for _ in range(REPORTS)]
    queue_reports(page, [encounter_body(world, "A") for _ in ids], ids)
    return app, ids


def _store_question(page, report_id: str, text: str) -> str:
    """Store a liaison's question on ``report_id`` as a pull stores it (offline: the server's side is the first
    test); return its id."""
    question_id = str(uuid.uuid4())
    now = datetime.now(timezone.utc).isoformat()
    idb_put(page, "updates", {"key": f"message:{question_id}", "kind": "message", "id": question_id, "stored_at": now,
                              "data": {"id": question_id, "report_id": report_id, "question": text,
                                       "asked_at": now, "asked_by": "Liaison.A"}})
    return question_id


def _offline_with_a_question(page, context, world, catalogs) -> tuple[FieldApp, str]:
    """Offline, a question on the oldest of several reports, the badge tapped; return the app and the question's id."""
    app, ids = _phone_with_reports(page, world, catalogs)
    wait_for_service_worker(page)
    go_offline(context)
    question_id = _store_question(page, ids[0], FIRST)
    page.reload()  # offline: the shell from the service worker, reports and question from IndexedDB
    wait_for_app(page)
    _tap_badge(page, app)
    return app, question_id


def _question(page, text: str):
    """The question's words on My reports (what the badge focuses)."""
    return page.locator("#app .followup .question", has_text=text)


def _card_of(page, app, text: str):
    """The report card that holds question ``text``."""
    return app.report_cards().filter(has=page.locator(".followup .question", has_text=text))


def _tap_badge(page, app) -> None:
    """Open Home and tap the question badge."""
    page.goto("/#/")
    wait_for_app(page)
    page.locator("#app .question-badge").get_by_role("link").click()
    expect(app.heading()).to_have_text(app.t("reports.title"))


def _expect_landed_at(page, text: str) -> None:
    """The question's words are wholly on screen and have focus (so no answer box has: the keyboard stays down)."""
    question = _question(page, text)
    expect(question).to_be_focused()
    expect(question).to_be_in_viewport(ratio=1)


def test_at_360_px_the_badge_opens_my_reports_at_the_question_asked_first_below_the_fold(
        page, client, world, catalogs):
    app, ids = _phone_with_reports(page, world, catalogs)
    trigger_sync(page)
    for item_id in ids:
        wait_for_outbox(page, item_id, lambda r: r["state"] == "received", message="the report received")
    liaison = sign_in_via_api(client, "liaison.a")
    # Asked first on the oldest report (the last card), then on the newest (the first card).
    for report_id, text in ((ids[0], FIRST), (ids[-1], SECOND)):
        asked = client.post(f"/api/v1/reports/{report_id}/questions", headers=liaison.headers, json={"text": text})
        assert asked.status_code in (200, 201), asked.get_json()
    trigger_sync(page)
    wait_until(page, lambda: sum(1 for u in idb_all(page, "updates") if (u.get("data") or {}).get("question")) == 2,
               message="both questions pulled")

    page.goto("/#/reports")  # as it opens from the menu: at its top, the first question out of sight
    wait_for_app(page)
    expect(_question(page, FIRST)).not_to_be_in_viewport()

    page.goto("/#/")
    wait_for_app(page)
    expect(page.locator("#app .question-badge")).to_contain_text(app.t("home.questions.other", count=2))
    _tap_badge(page, app)
    _expect_landed_at(page, FIRST)
    card = _card_of(page, app, FIRST)
    expect(card.locator(".card-title")).to_be_in_viewport()  # which report it is about, above the question

    # Answered, the badge goes to the next question still waiting.
    card.get_by_label(app.t("followup.answer_label"), exact=True).fill("The staff door.")
    card.get_by_role("button", name=app.t("followup.send"), exact=True).click()
    expect(card.locator(".answer-item")).to_contain_text("The staff door.")
    page.goto("/#/")
    wait_for_app(page)
    expect(page.locator("#app .question-badge")).to_contain_text(app.t("home.questions.one"))
    _tap_badge(page, app)
    _expect_landed_at(page, SECOND)


def test_offline_the_badge_opens_my_reports_at_the_question(page, context, world, catalogs):
    _offline_with_a_question(page, context, world, catalogs)
    _expect_landed_at(page, FIRST)


def test_a_question_answered_meanwhile_opens_my_reports_at_its_top(page, context, world, catalogs):
    app, question_id = _offline_with_a_question(page, context, world, catalogs)
    assert page.url.endswith(f"#/reports/question/{question_id}")
    card = _card_of(page, app, FIRST)
    card.get_by_label(app.t("followup.answer_label"), exact=True).fill("The staff door.")
    card.get_by_role("button", name=app.t("followup.send"), exact=True).click()
    expect(card.locator(".answer-item .state-queued")).to_be_visible()

    page.reload()  # the same route, its question answered (the answer queued offline): My reports at its top
    wait_for_app(page)
    expect(app.heading()).to_have_text(app.t("reports.title"))
    expect(card.locator(".answer-item")).to_contain_text("The staff door.")
    expect(app.heading()).to_be_focused()
    expect(_question(page, FIRST)).not_to_be_in_viewport()
    assert page.evaluate("() => window.scrollY") == 0
