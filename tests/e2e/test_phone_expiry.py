"""On the phone: what the server holds, and abandoned drafts, expire; a signed-out phone keeps no text of them.

The clock is moved with Playwright's page clock (``set_fixed_time``: Date.now jumps, timers keep
running), then the app is reloaded, as a phone opened days later would be.
"""
import json
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from tests.e2e.device import idb_all, idb_kv, trigger_sync, wait_for_app, wait_for_service_worker, wait_until
from tests.e2e.flow import FieldApp, Report
from tests.e2e.network import go_offline
from tests.factories import sign_in_via_api

QUESTION = "Which door did they leave through?"
ANSWER = "The loading dock door."


def open_days_later(page, days: float) -> None:
    """Reload the app with the page's clock ``days`` ahead of now."""
    page.clock.set_fixed_time(datetime.now(timezone.utc) + timedelta(days=days))
    page.reload()
    wait_for_app(page)


def states(page) -> list[str]:
    """The outbox's states, sorted."""
    return sorted(record["state"] for record in idb_all(page, "outbox"))


def test_summaries_news_and_abandoned_drafts_expire_after_their_days_and_unsent_reports_never(
        page, context, live_server, world, client, catalogs):
    # A phone out of contact for DEVICE_WIPE_AFTER_DAYS is presumed lost and wipes itself (issue 13);
    # here the phone must live offline past every expiry, so that day lies beyond the test.
    live_server.app.config.update(DEVICE_WIPE_AFTER_DAYS=1000)
    phone = FieldApp(page, catalogs["en"])
    phone.sign_in("field.a")
    wait_for_service_worker(page)
    sent = phone.log_encounter(Report())
    wait_until(page, lambda: states(page) == ["received"], message="the report received")
    # News about it: the liaison acknowledges it; the phone pulls that.
    liaison = sign_in_via_api(client, "liaison.a")
    assert client.post(f"/api/v1/reports/{sent}/status", headers=liaison.headers,
                       json={"to": "acknowledged"}).status_code == 200
    trigger_sync(page)
    wait_until(page, lambda: idb_all(page, "updates"), message="the status news on the phone")
    assert idb_kv(page, "phone_retention") == {"summary_days": 30, "answer_days": 30, "draft_days": 14}
    go_offline(context)
    page.goto("/#/")
    phone.start_encounter()  # a draft, then left alone
    page.goto("/#/")
    phone.log_encounter(Report())  # offline: stays queued
    assert len(idb_all(page, "drafts")) == 1 and states(page) == ["queued", "received"]

    open_days_later(page, 13)
    assert len(idb_all(page, "drafts")) == 1

    open_days_later(page, 15)
    assert idb_all(page, "drafts") == []
    assert states(page) == ["queued", "received"] and len(idb_all(page, "updates")) == 1

    open_days_later(page, 31)
    assert states(page) == ["queued"] and idb_all(page, "updates") == []
    page.goto("/#/reports")
    expect(phone.report_cards()).to_have_count(1)

    open_days_later(page, 400)  # evidence the server does not hold yet never expires
    assert states(page) == ["queued"]


def test_the_phone_keeps_things_as_long_as_the_server_says(page, live_server, world, catalogs):
    live_server.app.config.update(PHONE_SUMMARY_DAYS=2)
    phone = FieldApp(page, catalogs["en"])
    phone.sign_in("field.a")
    phone.log_encounter(Report())
    wait_until(page, lambda: states(page) == ["received"], message="the report received")
    wait_until(page, lambda: (idb_kv(page, "phone_retention") or {}).get("summary_days") == 2,
               message="the server's setting on the phone")
    page.locator("#header").get_by_role("link", name=phone.t("nav.settings"), exact=True).click()
    expect(page.locator("#phone-keeps")).to_have_text(phone.t("settings.keeps", summary=2, answers=30, drafts=14))

    open_days_later(page, 1)
    assert states(page) == ["received"]
    open_days_later(page, 3)
    assert states(page) == []


def test_a_signed_out_phone_holds_no_text_of_reports_questions_or_answers_the_server_has(
        page, live_server, world, client, catalogs):
    phone = FieldApp(page, catalogs["en"])
    phone.sign_in("field.a")
    report = Report()
    sent = phone.log_encounter(report)
    wait_until(page, lambda: states(page) == ["received"], message="the report received")
    liaison = sign_in_via_api(client, "liaison.a")
    assert client.post(f"/api/v1/reports/{sent}/questions", headers=liaison.headers,
                       json={"text": QUESTION}).status_code == 201
    page.get_by_role("button", name=phone.t("reports.send_now"), exact=True).click()
    card = phone.report_cards().first
    expect(card).to_contain_text(QUESTION, timeout=15_000)
    card.get_by_label(phone.t("followup.answer_label"), exact=True).fill(ANSWER)
    card.get_by_role("button", name=phone.t("followup.send"), exact=True).click()
    wait_until(page, lambda: states(page) == ["received", "received"], message="the answer received")

    page.locator("#header").get_by_role("link", name=phone.t("nav.settings"), exact=True).click()
    expect(page.locator("#signout-note")).to_have_text(phone.t("settings.signout_note"))
    page.locator("#app").get_by_role("button", name=phone.t("settings.signout"), exact=True).click()
    page.locator("#app").get_by_role("button", name=phone.t("settings.signout_yes"), exact=True).click()
    expect(phone.heading()).to_have_text(phone.t("signin.title"))

    held = json.dumps({store: idb_all(page, store)
                       for store in ("kv", "drafts", "outbox", "versions", "sites", "updates", "photos")})
    for words in (*report.texts.values(), QUESTION, ANSWER):
        assert words not in held, f"{words!r} is still on the signed-out phone"
