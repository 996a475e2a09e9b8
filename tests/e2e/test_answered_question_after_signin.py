"""A question answered before signing out (or on another phone) comes back answered, not as an empty answer box;
an answer written while another phone answered first is not stored, and says so.

Signing out leaves none of the user's answers on the phone; signing in pulls the questions from the start, and
the server's latest word on each says whether it was answered (``answered_at``, docs/sync-protocol.md).
"""
import re
import uuid

from playwright.sync_api import expect

from tests.e2e.device import idb_all, queue_reports, trigger_sync, wait_for_outbox, wait_for_service_worker, wait_until
from tests.e2e.flow import FieldApp
from tests.e2e.network import go_offline, go_online
from tests.factories import encounter_body, push, push_item, sign_in_via_api

FIRST = "Which door did the agents use to enter the workroom?"
SECOND = "Did anyone from the city staff go with them?"
ANSWER = "The staff door."


def _questions_pulled(page) -> dict:
    """The questions the phone holds, by their words."""
    return {u["data"]["question"]: u["data"] for u in idb_all(page, "updates") if (u.get("data") or {}).get("question")}


def question_on_a_new_report(page, client, world, app, text: str):
    """field.a signs in; a report of theirs reaches the server, a liaison asks ``text`` on it and the phone pulls
    the question. Returns the report's id, the question's id and the liaison's sign-in."""
    app.sign_in("field.a")
    wait_for_service_worker(page)
    report_id = str(uuid.uuid4())
    queue_reports(page, [encounter_body(world, "A")], [report_id])
    trigger_sync(page)
    wait_for_outbox(page, report_id, lambda r: r["state"] == "received", message="the report received")
    liaison = sign_in_via_api(client, "liaison.a")
    asked = client.post(f"/api/v1/reports/{report_id}/questions", headers=liaison.headers, json={"text": text})
    assert asked.status_code == 201, asked.get_json()
    trigger_sync(page)
    wait_until(page, lambda: text in _questions_pulled(page), message="the question pulled")
    return report_id, asked.get_json()["followup"]["id"], liaison


def _card_of(page, app, text: str):
    """The part of My reports that holds question ``text``."""
    return page.locator("#app .followup").filter(has=page.locator(".question", has_text=text))


def test_a_question_answered_before_signing_out_is_shown_answered_and_not_counted_after_signing_in(
        page, client, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    report_id = str(uuid.uuid4())
    queue_reports(page, [encounter_body(world, "A")], [report_id])
    trigger_sync(page)
    wait_for_outbox(page, report_id, lambda r: r["state"] == "received", message="the report received")
    liaison = sign_in_via_api(client, "liaison.a")
    for text in (FIRST, SECOND):
        asked = client.post(f"/api/v1/reports/{report_id}/questions", headers=liaison.headers, json={"text": text})
        assert asked.status_code == 201, asked.get_json()
    trigger_sync(page)
    wait_until(page, lambda: len(_questions_pulled(page)) == 2, message="both questions pulled")

    page.goto("/#/reports")
    first = _card_of(page, app, FIRST)
    first.get_by_label(app.t("followup.answer_label"), exact=True).fill(ANSWER)
    first.get_by_role("button", name=app.t("followup.send"), exact=True).click()
    sent_prefix = app.t("followup.state.sent").partition("{time}")[0]
    expect(first.locator(".answer-item .state-received")).to_have_text(
        re.compile("^" + re.escape(sent_prefix)), timeout=20_000)

    app.sign_out()
    app.sign_in("field.a")
    wait_until(page, lambda: (_questions_pulled(page).get(FIRST) or {}).get("answered_at")
               and SECOND in _questions_pulled(page), timeout=20, message="the questions pulled again, one answered")

    page.goto("/#/")
    expect(page.locator("#app .question-badge")).to_contain_text(app.t("home.questions.one"))
    page.goto("/#/reports")
    first = _card_of(page, app, FIRST)
    answered_prefix = app.t("followup.state.answered").partition("{time}")[0]
    expect(first.locator(".answered-elsewhere")).to_have_text(re.compile("^" + re.escape(answered_prefix)))
    expect(first.get_by_label(app.t("followup.answer_label"), exact=True)).to_have_count(0)
    expect(first.get_by_role("button", name=app.t("followup.send"), exact=True)).to_have_count(0)
    second = _card_of(page, app, SECOND)
    expect(second.get_by_label(app.t("followup.answer_label"), exact=True)).to_be_visible()
    assert [r for r in idb_all(page, "outbox") if r.get("kind") == "answer"] == [], "no answer was queued again"


def test_an_answer_written_offline_while_another_phone_answered_is_not_stored_and_the_question_shows_answered(
        page, context, client, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    report_id, followup_id, liaison = question_on_a_new_report(page, client, world, app, FIRST)

    go_offline(context)
    page.goto("/#/reports")
    card = _card_of(page, app, FIRST)
    card.get_by_label(app.t("followup.answer_label"), exact=True).fill("The loading dock.")
    card.get_by_role("button", name=app.t("followup.send"), exact=True).click()
    expect(card.locator(".answer-item .state-queued")).to_be_visible()
    # Meanwhile the employee's other phone answers first.
    other_phone = sign_in_via_api(client, "field.a")
    body = {"followup_id": followup_id, "text": ANSWER, "answered_at": "2026-12-06T09:30:00Z"}
    pushed = push(client, other_phone, [push_item(body, kind="answer")])
    assert pushed.get_json()["results"][0]["status"] == "accepted"

    go_online(context)
    trigger_sync(page)
    expect(card.locator(".answer-item .state-attention")).to_have_text(app.t("followup.state.not_stored"),
                                                                       timeout=20_000)
    expect(card.locator(".answer-item").first).to_contain_text("The loading dock.")  # its words stay on this phone
    answered_prefix = app.t("followup.state.answered").partition("{time}")[0]
    expect(card.locator(".answered-elsewhere")).to_have_text(re.compile("^" + re.escape(answered_prefix)),
                                                             timeout=20_000)
    expect(card.get_by_label(app.t("followup.answer_label"), exact=True)).to_have_count(0)
    page.goto("/#/")
    expect(page.locator("#app .question-badge")).to_have_count(0)
    detail = client.get(f"/api/v1/reports/{report_id}", headers=liaison.headers).get_json()
    assert [a["text"] for a in detail["followups"][0]["answers"]] == [ANSWER]
