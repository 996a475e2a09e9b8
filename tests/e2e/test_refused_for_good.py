"""What the server refuses for good neither holds back the rest nor stays on the phone for ever.

A photo refused for good (a type or a size the server does not take) is kept on the phone and shown on My reports,
with which one and why in the app's words, while the report's other photos go and the report is confirmed; it is
not sent again. A refused answer can be written again from its own words, the new answer taking its place, and one
left refused leaves the phone on the answers' schedule (docs/decisions.md, 2026-12-07 night).
"""
import re
import uuid
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from tests.e2e.catalogs import read_catalogs
from tests.e2e.device import idb_all, idb_kv, idb_put, trigger_sync, wait_for_app, wait_for_outbox, wait_until
from tests.e2e.flow import FieldApp
from tests.e2e.network import go_offline, go_online, refuse_pushes_as_too_large
from tests.e2e.stored import server_encounters
from tests.e2e.test_answered_question_after_signin import question_on_a_new_report
from tests.e2e.test_followup_answer import _offline_with_a_question
from tests.e2e.test_photos import offline_report_at_photos, png, server_blobs, stored_photos

REFUSAL = read_catalogs("pwa/src/messages/refusal")["en"]
SERVER_SAYS = "only JPEG, PNG, WebP and PDF files are accepted, judged by their content"  # its English, for developers


def test_a_photo_refused_for_good_stays_on_the_phone_shown_and_why_while_the_other_photo_and_the_report_go(
        page, context, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    item_id = offline_report_at_photos(page, context, app)
    for n, colour in ((1, (200, 30, 30)), (2, (30, 30, 200))):
        page.get_by_label(app.t("photos.add"), exact=True).set_input_files(
            {"name": f"doc{n}.png", "mimeType": "image/png", "buffer": png(rgb=colour)})
        expect(page.get_by_role("img", name=app.t("photos.alt", n=n))).to_be_visible()
    app.review()
    app.submit()
    body_photos = next(r for r in idb_all(page, "outbox") if r["id"] == item_id)["body"]["photos"]
    refused, kept = body_photos[0]["sha256"], body_photos[1]["sha256"]

    puts = []

    def refuse_the_first(route, request):
        puts.append(request.url)
        if refused in request.url:
            route.fulfill(status=415, content_type="application/json",
                          body='{"code": 415, "reason": "unsupported_type", "message": "%s"}' % SERVER_SAYS)
        else:
            route.fallback()

    context.route("**/api/v1/blobs/**", refuse_the_first)
    go_online(context)

    # The other photo arrived and the report is confirmed: received, its body gone, nothing left to send.
    wait_until(page, lambda: kept in server_blobs(), timeout=25, message="the other photo on the server")
    stored = wait_until(page, server_encounters, message="the report on the server")
    app.expect_received(stored[0]["sha256"], timeout=20_000)
    record = wait_for_outbox(page, item_id, lambda r: "body" not in r and r["photos_pending"] == 0,
                             message="the report confirmed without the refused photo")
    assert [(p["sha256"], p["n"], p["reason"]) for p in record["photos_refused"]] == [(refused, 1, "unsupported_type")]
    assert refused not in server_blobs()
    # The refused photo's bytes stay on the phone; the one the server holds left.
    assert [p["sha256"] for p in stored_photos(page)] == [refused]

    # My reports says which photo and why, in the app's words, with the photo itself to show.
    card = app.report_cards().first
    refusal = card.locator(".photo-refused")
    expect(refusal).to_contain_text(REFUSAL["refusal.photo.not_accepted"].replace("{n}", "1"))
    expect(refusal).to_contain_text(REFUSAL["refusal.photo.unsupported_type"])
    expect(refusal).to_contain_text(REFUSAL["refusal.photo.kept"])
    expect(refusal.get_by_role("img", name=app.t("photos.alt", n=1))).to_be_visible()
    expect(card).not_to_contain_text(SERVER_SAYS)
    expect(page.locator("#app")).to_contain_text(app.t("home.all_sent"))

    # Not sent again: another run asks nothing more of the server for it.
    asked = len([u for u in puts if refused in u])
    assert asked == 1, puts
    before = idb_kv(page, "last_sync_at")
    page.get_by_role("button", name=app.t("reports.send_now"), exact=True).click()
    wait_until(page, lambda: idb_kv(page, "last_sync_at") != before, message="another run")
    assert len([u for u in puts if refused in u]) == 1, puts
    expect(refusal).to_contain_text(REFUSAL["refusal.photo.unsupported_type"])


def test_an_answer_the_server_refused_for_its_words_is_changed_from_those_words_and_the_new_one_takes_its_place(
        page, client, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    question = "Which door did they use?"
    report_id, followup_id, _ = question_on_a_new_report(page, client, world, app, question)
    # An older app sent what this one's own check would have held back: the server's door refuses it.
    refused_words = "The staff door. He is undocumented."
    now = datetime.now(timezone.utc).isoformat()
    owner = idb_kv(page, "session")["user"]["id"]
    refused_id = str(uuid.uuid4())
    idb_put(page, "outbox", {
        "id": refused_id, "owner": owner, "kind": "answer", "schema_version": 1, "state": "queued", "attempts": 0,
        "submitted_at": now, "body": {"followup_id": followup_id, "text": refused_words, "answered_at": now},
        "summary": {"followup_id": followup_id, "report_id": report_id, "answered_at": now, "text": refused_words}})
    trigger_sync(page)
    wait_for_outbox(page, refused_id, lambda r: r["state"] == "rejected", message="the answer refused at the door")

    page.goto("/#/reports")
    followup = page.locator("#app .followup").filter(has=page.locator(".question", has_text=question))
    expect(followup.locator(".answer-item .state-attention")).to_have_text(app.t("followup.state.rejected"))
    # The box starts from the refused words, with the phone's own marks on what to remove.
    box = followup.get_by_label(app.t("followup.answer_label"), exact=True)
    expect(box).to_have_value(refused_words)
    expect(followup.locator(".answer-form .sensitive-item")).to_contain_text(app.t("sensitive.status"))
    box.fill("The staff door.")
    followup.get_by_role("button", name=app.t("followup.send"), exact=True).click()

    sent_prefix = app.t("followup.state.sent").partition("{time}")[0]
    expect(followup.locator(".answer-item .state-received")).to_have_text(
        re.compile("^" + re.escape(sent_prefix)), timeout=20_000)
    # One answer under the question: the new one (a new id); the refused one left the phone.
    answers = [r for r in idb_all(page, "outbox") if r.get("kind") == "answer"]
    assert [(r["state"], r["summary"]["text"]) for r in answers] == [("received", "The staff door.")], answers
    assert answers[0]["id"] != refused_id
    expect(followup.locator(".answer-item")).to_have_count(1)
    expect(followup).not_to_contain_text("undocumented")


def test_an_answer_left_refused_leaves_the_phone_answer_days_after_the_refusal(page, context, live_server, world,
                                                                              catalogs):
    live_server.app.config.update(DEVICE_WIPE_AFTER_DAYS=1000)  # the phone lives offline past the expiry
    app = FieldApp(page, catalogs["en"])
    _offline_with_a_question(page, context, app)
    card = app.report_cards().first
    card.get_by_label(app.t("followup.answer_label"), exact=True).fill("The loading dock door.")
    card.get_by_role("button", name=app.t("followup.send"), exact=True).click()
    refuse_pushes_as_too_large(context)
    go_online(context)
    trigger_sync(page)
    wait_until(page, lambda: {r["kind"]: r["state"] for r in idb_all(page, "outbox")} == {
        "encounter": "rejected", "answer": "rejected"}, message="the report and the answer refused")
    go_offline(context)
    days = idb_kv(page, "phone_retention") or {"answer_days": 30}

    def open_days_later(n: float) -> None:
        page.clock.set_fixed_time(datetime.now(timezone.utc) + timedelta(days=n))
        page.reload()
        wait_for_app(page)

    open_days_later(days["answer_days"] - 1)
    expect(page.locator("#app .answer-item .state-attention")).to_have_text(app.t("followup.state.rejected"))
    assert sorted(r["kind"] for r in idb_all(page, "outbox")) == ["answer", "encounter"]
    open_days_later(days["answer_days"] + 1)
    wait_until(page, lambda: [r["kind"] for r in idb_all(page, "outbox")] == ["encounter"],
               message="the refused answer expired; the refused report, to fix, stays")
