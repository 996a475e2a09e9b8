"""Issue 4, both sides: the liaison acknowledges and asks; the phone shows the question, answers offline, and the answer arrives."""
import re
from datetime import datetime, timezone

from playwright.sync_api import expect

from tests.e2e.desk import Desk, second_profile
from encounter.vocabulary import ANSWER_TEXT_MAX
from tests.e2e.device import idb_all, idb_kv, idb_put, trigger_sync, wait_for_app, wait_for_service_worker, wait_until
from tests.e2e.catalogs import read_catalogs
from tests.e2e.flow import FieldApp, Report
from tests.e2e.network import go_offline, go_online, refuse_pushes_as_too_large
from tests.e2e.stored import server_encounters

QUESTION = "Which door did the agents use to enter the workroom?"
ANSWER = "The staff door behind the reading room."


def _offline_with_a_question(page, context, phone) -> str:
    """Sign in, go offline, file a report and store a liaison's question on it as a pull stores it (the
    liaison's side is the first test); return the question's id, with My reports drawn again."""
    phone.sign_in("field.a")
    wait_for_service_worker(page)
    go_offline(context)
    item_id = phone.log_encounter(Report())
    now = datetime.now(timezone.utc).isoformat()
    question_id = "5f0c6d2e-0000-4000-8000-00000000000a"
    idb_put(page, "updates", {"key": f"message:{question_id}", "kind": "message", "id": question_id, "stored_at": now,
                              "data": {"id": question_id, "report_id": item_id, "question": QUESTION,
                                       "asked_at": now, "asked_by": "Liaison.A"}})
    page.reload()
    wait_for_app(page)
    return question_id


def test_a_question_reaches_the_phone_is_answered_offline_and_the_answer_reaches_the_liaison(
        page, context, browser, live_server, world, catalogs):
    phone = FieldApp(page, catalogs["en"])
    phone.sign_in("field.a")
    wait_for_service_worker(page)
    item_id = phone.log_encounter(Report())
    wait_until(page, server_encounters, message="the report on the server")

    with second_profile(browser, live_server) as desk_page:
        desk = Desk(desk_page)
        desk.sign_in("liaison.a")
        desk.open_report(item_id)
        desk.button("liaison.move.acknowledged").click()
        expect(desk_page.locator("#app")).to_contain_text(
            desk.t("liaison.triage.status_now", status=desk.t("liaison.status.acknowledged")))
        desk_page.get_by_label(desk.t("liaison.followups.ask"), exact=True).fill(QUESTION)
        desk.button("liaison.followups.send").click()
        followups = desk_page.locator("#app .followups")
        expect(followups).to_contain_text(QUESTION)
        expect(followups).to_contain_text(desk.t("liaison.followups.waiting"))

        # The phone learns both on its next sync.
        page.get_by_role("button", name=phone.t("reports.send_now"), exact=True).click()
        card = phone.report_cards().first
        expect(card).to_contain_text(QUESTION, timeout=15_000)
        expect(card).to_contain_text(phone.t("followup.question", name="Liaison.A"))
        expect(card).to_contain_text(phone.t("reports.update.status", status=phone.t("status.acknowledged")))

        go_offline(context)
        # Typing what must never be collected marks it at once, with its reason…
        box = card.get_by_label(phone.t("followup.answer_label"), exact=True)
        box.fill("He is undocumented")
        expect(card.locator(".answer-form .sensitive-item")).to_contain_text(phone.t("sensitive.status"))
        box.fill(ANSWER)  # …and the warning goes when the text is fine
        expect(card.locator(".answer-form .warning")).to_have_text("")
        card.get_by_role("button", name=phone.t("followup.send"), exact=True).click()
        expect(card).to_contain_text(ANSWER)
        expect(card.locator(".answer-item .state-queued")).to_have_text(phone.t("followup.state.waiting"))
        expect(card.get_by_role("button", name=phone.t("followup.send"), exact=True)).to_have_count(0)
        # The screen no longer says everything reached the server while the answer waits (issue 11).
        waiting = page.locator("#app .answers-waiting")
        expect(waiting).to_have_text(phone.t("reports.answers_waiting.one"))

        page.reload()  # offline: the shell comes from the service worker, the answer from IndexedDB
        wait_for_app(page)
        expect(phone.heading()).to_have_text(phone.t("reports.title"))
        expect(card.locator(".answer-item")).to_contain_text(ANSWER)
        expect(card.locator(".answer-item .state-queued")).to_have_text(phone.t("followup.state.waiting"))
        queued = [r for r in idb_all(page, "outbox") if r.get("kind") == "answer"]
        assert len(queued) == 1 and queued[0]["state"] == "queued"
        assert queued[0]["schema_version"] == 1 and set(queued[0]["body"]) == {"followup_id", "text", "answered_at"}

        go_online(context)  # and nothing else: the engine sends the answer by itself
        sent_prefix = phone.t("followup.state.sent").partition("{time}")[0]
        expect(card.locator(".answer-item .state-received")).to_have_text(
            re.compile("^" + re.escape(sent_prefix)), timeout=20_000)
        # After the receipt the phone still shows what the employee answered (issue 11): the words stay in the
        # answer's summary, which expires with it (answer_days); the body sent to the server is gone.
        expect(card.locator(".answer-item")).to_contain_text(ANSWER)
        expect(waiting).to_have_count(0)
        sent = [r for r in idb_all(page, "outbox") if r.get("kind") == "answer"]
        assert "body" not in sent[0] and sent[0]["summary"]["text"] == ANSWER
        page.reload()
        wait_for_app(page)
        expect(card.locator(".answer-item")).to_contain_text(ANSWER)

        desk_page.reload()
        expect(followups).to_contain_text(ANSWER)
        expect(followups).not_to_contain_text(desk.t("liaison.followups.waiting"))


def test_an_answer_half_written_survives_a_reload_and_leaves_the_phone_only_as_it_is_sent(
        page, context, world, catalogs):
    phone = FieldApp(page, catalogs["en"])
    question_id = _offline_with_a_question(page, context, phone)
    card = phone.report_cards().first
    box = card.get_by_label(phone.t("followup.answer_label"), exact=True)
    box.press_sequentially("The staff door")
    wait_until(page, lambda: (idb_kv(page, f"answer_draft:{question_id}") or {}).get("text") == "The staff door",
               message="the half-written answer kept on the phone")

    page.reload()  # a crash, a closed tab, the phone killing the app in the background
    wait_for_app(page)
    expect(box).to_have_value("The staff door")
    box.press_sequentially(" behind the reading room.")
    card.get_by_role("button", name=phone.t("followup.send"), exact=True).click()
    expect(card.locator(".answer-item")).to_contain_text(ANSWER)
    assert idb_kv(page, f"answer_draft:{question_id}") is None
    page.reload()
    wait_for_app(page)
    expect(card.locator(".answer-item")).to_contain_text(ANSWER)
    expect(box).to_have_count(0)


def test_an_answer_sent_in_one_tab_takes_the_place_of_the_form_in_another_and_is_queued_once(
        page, context, world, catalogs):
    phone = FieldApp(page, catalogs["en"])
    _offline_with_a_question(page, context, phone)
    other = context.new_page()  # My reports left open in a second tab
    other.goto(page.url)
    wait_for_app(other)
    other_card = FieldApp(other, catalogs["en"]).report_cards().first
    other_card.get_by_label(phone.t("followup.answer_label"), exact=True).fill("The loading dock.")

    page.bring_to_front()
    card = phone.report_cards().first
    card.get_by_label(phone.t("followup.answer_label"), exact=True).fill(ANSWER)
    card.get_by_role("button", name=phone.t("followup.send"), exact=True).click()
    # The other tab shows the answer queued and offers no second one, without a reload.
    expect(other_card.locator(".answer-item")).to_contain_text(ANSWER)
    expect(other_card.get_by_role("button", name=phone.t("followup.send"), exact=True)).to_have_count(0)
    assert [r["summary"]["text"] for r in idb_all(page, "outbox") if r.get("kind") == "answer"] == [ANSWER]
    other.close()


def test_after_sending_an_answer_focus_rests_on_it_instead_of_the_top_of_the_page(page, context, world, catalogs):
    phone = FieldApp(page, catalogs["en"])
    _offline_with_a_question(page, context, phone)
    card = phone.report_cards().first
    card.get_by_label(phone.t("followup.answer_label"), exact=True).fill(ANSWER)
    card.get_by_role("button", name=phone.t("followup.send"), exact=True).press("Enter")
    answer = card.locator(".answer-item")
    expect(answer).to_contain_text(ANSWER)
    expect(answer).to_be_focused()


def test_flagged_words_in_an_answer_are_marked_with_one_tap_remove_and_then_the_answer_sends(page, context, world, catalogs):
    phone = FieldApp(page, catalogs["en"])
    _offline_with_a_question(page, context, phone)
    card = phone.report_cards().first
    box = card.get_by_label(phone.t("followup.answer_label"), exact=True)
    box.press_sequentially("The staff door. He was undocumented")
    form = card.locator(".answer-form")
    expect(form.locator(".warning")).to_have_text("⚠ " + phone.t("sensitive.found_send.one"))  # "before you send"
    expect(form.locator(".sensitive-item mark")).to_have_text("undocumented")
    form.get_by_role("button", name=phone.t("sensitive.remove_words", words="undocumented"), exact=True).click()
    expect(box).to_have_value("The staff door. He was")
    expect(box).to_be_focused()  # back where the typing was, not at the top of the page
    expect(form.locator(".sensitive-item")).to_have_count(0)
    card.get_by_role("button", name=phone.t("followup.send"), exact=True).click()
    expect(card.locator(".answer-item")).to_contain_text("The staff door. He was")
    assert [r["summary"]["text"] for r in idb_all(page, "outbox") if r.get("kind") == "answer"] == ["The staff door. He was"]


def test_a_name_in_an_answer_is_asked_about_and_one_kept_is_not_asked_again_after_a_reload(page, context, world, catalogs):
    """The second look on an answer: names the door cannot tell wait for the employee's call before Send; a name kept
    as an agent's or staff member's is remembered with the unsent answer (offline, across a reload), the rest is not."""
    phone = FieldApp(page, catalogs["en"])
    question_id = _offline_with_a_question(page, context, phone)
    card = phone.report_cards().first
    box = card.get_by_label(phone.t("followup.answer_label"), exact=True)
    box.fill("Yes. Tomas Reyes opened the door and Maria Gonzalez walked out with them.")
    items = card.locator(".answer-form .sensitive-item")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text(phone.t("sensitive.ask"))
    send = card.get_by_role("button", name=phone.t("followup.send"), exact=True)
    send.click()  # held: the employee has not decided yet
    expect(card.locator(".answer-form")).to_contain_text(phone.t("sensitive.answer_ask"))
    assert [r for r in idb_all(page, "outbox") if r.get("kind") == "answer"] == []

    card.get_by_role("button", name=f"{phone.t('sensitive.keep.ask')}{phone.t('app.label_joiner')}Tomas Reyes",
                     exact=True).click()
    expect(items).to_have_count(1)
    wait_until(page, lambda: (idb_kv(page, f"answer_draft:{question_id}") or {}).get("kept") == ["Tomas Reyes"],
               message="the kept name saved with the unsent answer")

    page.reload()  # offline: the answer and the employee's call come back from IndexedDB
    wait_for_app(page)
    expect(box).to_have_value("Yes. Tomas Reyes opened the door and Maria Gonzalez walked out with them.")
    expect(items).to_have_count(1)
    expect(items.first.locator("mark")).to_have_text("Maria Gonzalez")
    card.get_by_role("button", name=phone.t("sensitive.remove_words", words="Maria Gonzalez"), exact=True).click()
    expect(items).to_have_count(0)
    send.click()
    sent = "Yes. Tomas Reyes opened the door and walked out with them."
    expect(card.locator(".answer-item")).to_contain_text(sent)
    queued = [r for r in idb_all(page, "outbox") if r.get("kind") == "answer"]
    assert [r["body"]["text"] for r in queued] == [sent]
    assert set(queued[0]["body"]) == {"followup_id", "text", "answered_at"}  # what was kept stays on the phone
    assert idb_kv(page, f"answer_draft:{question_id}") is None


def test_news_about_a_report_this_phone_does_not_hold_says_which_report_by_site_and_start(page, world, catalogs):
    phone = FieldApp(page, catalogs["en"])
    phone.sign_in("field.a")
    now = datetime.now(timezone.utc).isoformat()
    started = "2026-11-20T15:00:00.000Z"
    # As a pull stores them: a status move and a question with the report's site and start (the server sends both
    # since this change), and an older status move without them.
    idb_put(page, "updates", {"key": "report_status:r-1", "kind": "report_status", "id": "r-1", "stored_at": now,
                              "data": {"report_id": "r-1", "status": "closed", "at": now, "site": "site-a1",
                                       "started_at": started}})
    idb_put(page, "updates", {"key": "message:q-1", "kind": "message", "id": "q-1", "stored_at": now,
                              "data": {"id": "q-1", "report_id": "r-1", "question": QUESTION, "asked_at": now,
                                       "asked_by": "Liaison.A", "site": "site-a1", "started_at": started}})
    idb_put(page, "updates", {"key": "report_status:r-2", "kind": "report_status", "id": "r-2", "stored_at": now,
                              "data": {"report_id": "r-2", "status": "acknowledged", "at": now}})
    page.goto("/#/reports")
    wait_for_app(page)
    when = page.evaluate("""(iso) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' })
      .format(new Date(iso))""", started)
    about = phone.t("reports.about", site=world.sites["site-a1"].name, time=when)
    other = page.locator("#updates-h + .updates > li")
    expect(other).to_have_count(3)
    closed = other.filter(has_text=phone.t("reports.update.status", status=phone.t("status.closed")))
    expect(closed.locator(".update-about")).to_have_text(about)
    expect(other.filter(has_text=QUESTION).locator(".update-about")).to_have_text(about)
    seen = other.filter(has_text=phone.t("reports.update.status", status=phone.t("status.acknowledged")))
    expect(seen.locator(".update-about")).to_have_text(phone.t("reports.about_unknown"))


def test_an_answer_stops_at_the_servers_limit_and_one_too_large_for_the_server_says_write_a_shorter_one(
        page, context, world, catalogs):
    """The answer box takes no more than the server's limit (encounter/vocabulary.py, exported to the phone), so a
    phone never sends an answer too long; a server set to take less still refuses it as too large (413), and the
    employee reads what to do about an answer, not the report's "shorten the notes"."""
    refusal = read_catalogs("pwa/src/messages/refusal")["en"]
    phone = FieldApp(page, catalogs["en"])
    _offline_with_a_question(page, context, phone)
    card = phone.report_cards().first
    box = card.get_by_label(phone.t("followup.answer_label"), exact=True)
    box.fill("The staff door. " * 150)  # 2,400 characters pasted
    assert len(box.input_value()) == ANSWER_TEXT_MAX
    card.get_by_role("button", name=phone.t("followup.send"), exact=True).click()
    expect(card.locator(".answer-item .state-queued")).to_have_text(phone.t("followup.state.waiting"))

    refuse_pushes_as_too_large(context)
    go_online(context)
    trigger_sync(page)
    wait_until(page, lambda: {r["kind"]: r["state"] for r in idb_all(page, "outbox")} == {
        "encounter": "rejected", "answer": "rejected"}, message="the report and the answer refused")
    page.reload()
    wait_for_app(page)
    answer = card.locator(".answer-item")
    expect(answer).to_contain_text(phone.t("followup.state.rejected"))
    expect(answer).to_contain_text(refusal["refusal.item.too_large_answer"])
    expect(answer).not_to_contain_text(refusal["refusal.item.too_large_report"])
    expect(card.locator(".reasons")).to_contain_text(refusal["refusal.item.too_large_report"])
    expect(box).to_be_visible()  # written again, shorter
