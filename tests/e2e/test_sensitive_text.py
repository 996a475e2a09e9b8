"""Issue 10, minimisation at the door on the phone: spans are marked, removed in one tap, and a
report the server refuses for never-collected data comes back as "needs a change" (English, Spanish)."""
import json

import pytest
from playwright.sync_api import expect

from encounter import sensitive
from tests.e2e.axe import AxeScans
from tests.e2e.device import queue_report, trigger_sync, wait_for_app, wait_for_outbox, wait_until
from tests.e2e.flow import FieldApp, Report
from tests.e2e.stored import count_encounters, server_encounters
from tests.factories import encounter_body

TEXTS = {
    "en": {"notes": "Agents asked for the patron named Luis Ortega and read out A-123-456-789 at the desk.",
           "agent_names_and_badges": "Agent Ramirez 4471; his partner said his name is Mr. Walker.",
           "notes_after": "Agents asked for the patron named and read out at the desk.",
           "quiet": "Agents spoke with the man at the taco stand, Chuy, and left.",
           "quiet_after": "Agents spoke with the man at the taco stand, and left."},
    "es": {"notes": "Buscaban a la usuaria que se llama Rosa Medina y leyeron el número A-123-456-789 en voz alta.",
           "agent_names_and_badges": "Agente Ramírez 4471; su compañero dijo que su nombre es Sr. Walker.",
           "notes_after": "Buscaban a la usuaria que se llama y leyeron el número en voz alta.",
           "quiet": "Los agentes hablaron con el señor del puesto de tacos, Chuy, y se fueron.",
           "quiet_after": "Los agentes hablaron con el señor del puesto de tacos, y se fueron."},
}


def _open(page, catalogs, language: str) -> FieldApp:
    """The field app in ``language``, signed in as field.a."""
    app = FieldApp(page, catalogs[language])
    page.goto("/")
    wait_for_app(page)
    if language == "es":
        page.locator("#header select").select_option(label="Español")
        expect(page.locator("html")).to_have_attribute("lang", "es")
    app.sign_in("field.a")
    return app


def _refuse(context, field: str, words: str, kind: str) -> list:
    """Answer a push whose ``field`` holds ``words`` as the server refuses never-collected data
    (the agreed shape, offsets in code points, never the words); let every other push through."""
    refused = []

    def handle(route, request):
        items = json.loads(request.post_data or "{}").get("items", [])
        text = items[0]["body"].get(field, "") if len(items) == 1 else ""
        if words not in text:
            route.fallback()
            return
        start = text.index(words)
        refused.append(items[0]["id"])
        route.fulfill(status=200, content_type="application/json", body=json.dumps({"protocol": 1, "results": [{
            "index": 0, "id": items[0]["id"], "status": "rejected", "reason": "sensitive_text",
            "message": "free text holds data that must never be collected",
            "errors": {"body": {field: [f"{kind} at characters {start}-{start + len(words)}"]}},
            "sensitive": [{"field": field, "start": start, "end": start + len(words), "kind": kind}]}]}))

    context.route("**/api/v1/sync/push", handle)
    return refused


@pytest.mark.parametrize("language", ["en", "es"])
def test_spans_are_marked_removed_in_one_tap_and_submit_waits_until_none_remain(page, context, world, catalogs,
                                                                                 language):
    scan = AxeScans(context)
    app = _open(page, catalogs, language)
    texts = TEXTS[language]
    item_id = app.start_encounter()
    app.answer_steps(["done"] * 14)
    app.fill_report(Report(texts={"notes": texts["notes"], "agent_names_and_badges": texts["agent_names_and_badges"]}))

    notes = page.locator("#field-notes")
    expect(notes.locator(".sensitive-item")).to_have_count(2)
    expect(notes.locator(".sensitive-item").first).to_contain_text(app.t("sensitive.name"))
    expect(notes.locator(".sensitive-item").nth(1)).to_contain_text(app.t("sensitive.a_number"))
    scan("report form with spans", page)
    app.open_section("agents")
    agents = page.locator("#field-agent_names_and_badges")
    expect(agents.locator(".sensitive-item")).to_have_count(1)

    app.review()
    page.get_by_role("button", name=app.t("review.submit"), exact=True).click()
    expect(page.locator("#review-errors")).to_contain_text(app.t("field.notes"))
    # Nothing is missing, only words to take out: the heading asks to fix, not to fill in.
    expect(page.locator("#review-errors-h")).to_have_text(
        {"en": "Before you submit, fix these:", "es": "Antes de enviar, corrija lo siguiente:"}[language])
    expect(app.heading()).to_have_text(app.t("review.title"))
    scan("review with spans", page)
    scan.assert_clean(screens=2)

    for words in ("A-123-456-789", "Luis Ortega" if language == "en" else "Rosa Medina"):
        page.get_by_role("button", name=app.t("sensitive.remove_words", words=words), exact=True).click()
    # Where the report asks for names, the employee can keep one as an agent's; nowhere else.
    expect(page.locator(".keep-span")).to_have_count(1)
    page.get_by_role("button", name=f"{app.t('sensitive.keep.agent_names_and_badges')}: Walker", exact=True).click()
    expect(page.locator("mark.sensitive")).to_have_count(0)

    app.submit()
    stored = wait_until(page, server_encounters, message="the report on the server")
    app.expect_received(stored[0]["sha256"])
    body = server_encounters()[0]["body"]
    assert server_encounters()[0]["id"] == item_id
    assert body["notes"] == texts["notes_after"]
    assert body["agent_names_and_badges"] == texts["agent_names_and_badges"]
    assert sensitive.find_spans(body["notes"], "notes") == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_report_the_server_refuses_needs_a_change_and_after_it_is_stored_once_under_its_id(
        page, context, world, catalogs, language):
    app = _open(page, catalogs, language)
    texts = TEXTS[language]
    # A rule the server has and this phone does not have yet: the push is refused with field and offsets.
    refused = _refuse(context, "notes", "Chuy", "name")
    item_id = app.start_encounter()
    app.answer_steps(["done"] * 14)
    app.fill_report(Report(texts={"notes": texts["quiet"]}))
    expect(page.locator("#field-notes .sensitive-item")).to_have_count(0)
    app.review()
    app.submit()

    card = app.report_cards()
    expect(card.locator(".state-attention")).to_have_text(app.t("reports.state.needs_change"), timeout=15_000)
    expect(card.locator(".reasons")).to_contain_text(f"{app.t('field.notes')}: {app.t('sensitive.kind.name')}")
    expect(card).not_to_contain_text("Chuy")
    assert refused == [item_id] and count_encounters() == 0

    card.get_by_role("button", name=app.t("reports.change"), exact=True).click()
    expect(app.heading()).to_have_text(app.t("section.notes"))  # the section of the refused field
    expect(page.get_by_role("alert")).to_contain_text(app.t("form.rejected_sensitive"))
    expect(page.locator("#input-notes")).to_be_focused()
    item = page.locator("#field-notes .sensitive-item")
    expect(item).to_have_count(1)
    expect(item.locator("mark")).to_have_text("Chuy")
    item.get_by_role("button", name=app.t("sensitive.remove_words", words="Chuy"), exact=True).click()
    expect(page.locator("#input-notes")).to_have_value(texts["quiet_after"])

    app.review()
    app.submit()
    stored = wait_until(page, server_encounters, message="the changed report on the server")
    app.expect_received(stored[0]["sha256"])
    assert [(row["id"], row["body"]["notes"]) for row in server_encounters()] == [(item_id, texts["quiet_after"])]
    assert refused == [item_id]
    expect(app.report_cards()).to_have_count(1)


def test_an_older_phones_report_is_refused_by_the_real_server_and_goes_through_after_the_change(
        page, world, catalogs):
    """No faked answer: the report reaches the outbox without the phone's check (as an older app
    queued it), the server itself refuses it with field and offsets, and the change goes through."""
    import uuid

    app = _open(page, catalogs, "en")
    words = "A-123-456-789"
    item_id = str(uuid.uuid4())
    queue_report(page, encounter_body(world, "A", notes=f"Agents read out {words} at the desk."), item_id)
    trigger_sync(page)
    record = wait_for_outbox(page, item_id, lambda r: r["state"] == "rejected", message="the server's refusal")
    assert record["reason"] == "sensitive_text" and count_encounters() == 0
    assert [(s["field"], s["kind"]) for s in record["sensitive"]] == [("notes", "a_number")]

    page.goto("/#/reports")
    card = app.report_cards()
    expect(card.locator(".state-attention")).to_have_text(app.t("reports.state.needs_change"), timeout=15_000)
    expect(card).not_to_contain_text(words)
    card.get_by_role("button", name=app.t("reports.change"), exact=True).click()
    expect(page.locator("#input-notes")).to_be_focused()
    page.get_by_role("button", name=app.t("sensitive.remove_words", words=words), exact=True).click()
    expect(page.locator("#input-notes")).to_have_value("Agents read out at the desk.")

    app.review()
    app.submit()
    stored = wait_until(page, server_encounters, message="the changed report on the server")
    app.expect_received(stored[0]["sha256"])
    assert [(row["id"], row["body"]["notes"]) for row in server_encounters()] == [
        (item_id, "Agents read out at the desk.")]


def test_a_farsi_keyboards_a_number_is_marked_and_taken_out_whole_with_the_marks_inside_it(page, world, catalogs):
    """A Farsi keyboard types Persian digits, and a right-to-left phone puts direction marks in and around
    numbers. The A-number is the same to anyone who reads it: the phone marks it, one tap takes it out with the
    mark inside it, and what reaches the server holds neither."""
    app = FieldApp(page, catalogs["fa"], "fa")
    app.choose_language("فارسی", "fa")
    app.sign_in("field.a")
    item_id = app.start_encounter()
    app.answer_steps(["done"] * 14)
    app.fill_report(Report(texts={"notes": "مأموران شماره A-\u200f۱۲۳۴۵۶۷۸۹ را از روی برگه خواندند."}))

    notes = page.locator("#field-notes")
    expect(notes.locator(".sensitive-item")).to_have_count(1)
    expect(notes.locator(".sensitive-item")).to_contain_text(app.t("sensitive.a_number"))
    expect(notes.locator(".sensitive-item mark")).to_have_text("A-\u200f۱۲۳۴۵۶۷۸۹")
    notes.locator(".remove-span").click()
    expect(page.locator("mark.sensitive")).to_have_count(0)

    app.review()
    app.submit()
    stored = wait_until(page, server_encounters, message="the report on the server")
    assert stored[0]["id"] == item_id
    assert stored[0]["body"]["notes"] == "مأموران شماره را از روی برگه خواندند."


def test_a_name_the_door_cannot_tell_is_asked_about_and_kept_as_staff_or_removed(page, world, catalogs):
    """The second look: capitalised words no rule refused ("Maria Lopez") wait for the employee's call before submit:
    remove them (a resident) or keep them (an agent or City staff); the server accepts what was kept."""
    app = _open(page, catalogs, "en")
    app.start_encounter()
    app.answer_steps(["done"] * 14)
    app.fill_report(Report(texts={"notes": "Maria Lopez walked them out; they also spoke with Tomas Reyes outside."}))

    notes = page.locator("#field-notes")
    expect(notes.locator(".sensitive-item")).to_have_count(2)
    expect(notes.locator(".sensitive-item").first).to_contain_text(app.t("sensitive.ask"))
    page.get_by_role("button", name=f"{app.t('sensitive.keep.ask')}: Maria Lopez", exact=True).click()
    page.get_by_role("button", name=app.t("sensitive.remove_words", words="Tomas Reyes"), exact=True).click()
    expect(notes.locator(".sensitive-item")).to_have_count(0)

    app.review()
    app.submit()
    stored = wait_until(page, server_encounters, message="the report on the server")
    assert stored[0]["body"]["notes"] == "Maria Lopez walked them out; they also spoke with outside."


def test_after_the_last_span_is_removed_from_the_keyboard_focus_returns_to_the_field(page, world, catalogs):
    """A keyboard or screen-reader user who removes the last marked words stays in the field, not at the page's top."""
    app = _open(page, catalogs, "en")
    app.start_encounter()
    app.answer_steps(["done"] * 14)
    app.fill_report(Report(texts={"notes": "They asked for Maria Gonzalez at the gate."}))

    remove = page.get_by_role("button", name=app.t("sensitive.remove_words", words="Maria Gonzalez"), exact=True)
    remove.focus()
    page.keyboard.press("Enter")

    expect(page.locator("#field-notes .sensitive-item")).to_have_count(0)
    assert page.evaluate("document.activeElement.id") == "input-notes"


def test_a_paste_longer_than_the_room_left_says_how_much_was_left_out(page, context, world, catalogs):
    """The browser cuts a paste at the field's limit without a word; the field says how much did not fit."""
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    app = _open(page, catalogs, "en")
    app.start_encounter()
    app.answer_steps(["done"] * 14)
    app.fill_report(Report(texts={"notes": "Agents left at 3."}))
    notes = page.locator("#input-notes")
    limit = int(notes.get_attribute("maxlength"))
    page.evaluate("(text) => navigator.clipboard.writeText(text)", "x" * (limit + 500))
    notes.focus()
    page.keyboard.press("End")

    page.keyboard.press("ControlOrMeta+V")

    expect(notes).to_have_value("Agents left at 3." + "x" * (limit - len("Agents left at 3.")))
    cut = len("Agents left at 3.") + 500
    # the app writes numbers as the language does ("2,000")
    expect(page.locator("#notes-cut")).to_have_text(app.t("form.paste_cut", count=cut, max=f"{limit:,}"))
    notes.press("Backspace")
    expect(page.locator("#notes-cut")).to_have_count(0)
