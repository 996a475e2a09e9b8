"""A liaison removes words and a photo from a report on the desk, and puts it on legal hold."""
import uuid

from playwright.sync_api import expect

from tests.e2e.desk import Desk, push_report
from tests.e2e.device import wait_until
from tests.e2e.network import HeldRequests

WORDS = "blue truck"
NOTES = f"Agents asked for the tall man in the {WORDS} by the dock."


def stored(report_id: str):
    """The report as the server holds it now."""
    from server.extensions import db
    from server.models import Encounter

    db.session.remove()
    try:
        row = db.session.get(Encounter, uuid.UUID(report_id))
        return {"body": row.body, "search_text": row.search_text, "legal_hold": row.legal_hold}
    finally:
        db.session.remove()


def select_words(page, field: str, words: str) -> None:
    """Select ``words`` inside the redaction panel's copy of ``field``, as a mouse drag would."""
    page.evaluate("""([field, words]) => {
        const area = document.querySelector(`textarea.redact-text[data-field="${field}"]`);
        const start = area.value.indexOf(words);
        area.setSelectionRange(start, start + words.length);
    }""", [field, words])


def redact_with_keys(page, desk, label: str, text: str, words: str) -> None:
    """In the focused text box holding ``text``: select ``words`` with Shift+arrows, Tab to its button, Enter,
    Tab to the confirmation's Redact, Enter."""
    page.keyboard.press("ControlOrMeta+Home")
    for _ in range(text.index(words)):
        page.keyboard.press("ArrowRight")
    for _ in range(len(words)):
        page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Tab")
    expect(desk.button_named(desk.t("retention.redact_selection", field=label))).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#app .redact-confirm")).to_contain_text(
        desk.t("retention.redact_confirm", count=len(words), field=label, words=words))
    page.keyboard.press("Tab")
    expect(desk.button("retention.redact")).to_be_focused()
    page.keyboard.press("Enter")


def test_a_liaison_redacts_selected_words_removes_a_photo_and_places_a_legal_hold(
        page, live_server, world, client, blob_storage):
    from tests.api.retention_support import photo_ref, png, sha, upload
    from tests.factories import sign_in_via_api

    photo = png(77)
    assert upload(client, sign_in_via_api(client, "field.a"), photo).status_code == 201
    report_id = push_report(client, world, "field.a", "A", notes=NOTES, photos=[photo_ref(photo)])
    desk = Desk(page)
    desk.sign_in("liaison.a")
    desk.open_report(report_id)
    expect(page.get_by_role("img", name=desk.t("photos.alt", n=1))).to_be_visible()
    label = desk.t("field.notes")

    # Nothing selected: the screen says what to do, nothing is sent.
    desk.button_named(desk.t("retention.redact_selection", field=label)).click()
    expect(page.locator("#error-redact")).to_have_text(desk.t("retention.select_first", field=label))

    select_words(page, "notes", WORDS)
    desk.button_named(desk.t("retention.redact_selection", field=label)).click()
    confirm = page.locator("#app .redact-confirm")
    expect(confirm).to_contain_text(desk.t("retention.redact_confirm", count=len(WORDS), field=label, words=WORDS))
    assert WORDS in stored(report_id)["body"]["notes"]  # nothing happens before the confirmation
    desk.button("retention.redact").click()

    expect(page.locator("#app .liaison-sr")).to_have_text(desk.t("liaison.done.redact"))
    expect(page.locator('.redact-text[data-field="notes"]')).to_have_value(
        "Agents asked for the tall man in the [redacted] by the dock.")
    expect(page.locator("#app")).not_to_contain_text(WORDS)
    assert WORDS not in stored(report_id)["body"]["notes"] and WORDS not in stored(report_id)["search_text"]
    # The old selection's offsets are forgotten: asking again needs a new selection.
    desk.button_named(desk.t("retention.redact_selection", field=label)).click()
    expect(page.locator("#error-redact")).to_have_text(desk.t("retention.select_first", field=label))

    desk.button_named(desk.t("retention.photo_remove", n=1)).click()
    expect(page.locator("#app .redact-confirm")).to_contain_text(desk.t("retention.photo_confirm", n=1))
    desk.button_named(desk.t("retention.photo_remove_yes", n=1)).click()
    expect(page.locator("#app .liaison-sr")).to_have_text(desk.t("liaison.done.photo_remove"))
    expect(page.get_by_role("img", name=desk.t("photos.alt", n=1))).to_have_count(0)
    expect(page.locator("#app")).to_contain_text(desk.t("photos.none"))
    assert stored(report_id)["body"]["photos"] == [] and not blob_storage.exists(sha(photo))

    desk.button("retention.hold_place").click()
    expect(page.locator("#retention-state")).to_contain_text(desk.t("retention.on_hold", time="")[:20])
    expect(desk.button("retention.hold_lift")).to_be_visible()
    assert stored(report_id)["legal_hold"] is True
    expect(page.locator("#app")).to_contain_text(desk.t("liaison.history.legal_hold"))


def test_the_mayors_office_gets_no_redaction_controls(page, live_server, world, client):
    report_id = push_report(client, world, "field.a", "A", notes=NOTES)
    desk = Desk(page)
    desk.sign_in("mayor", "liaison.queue.title_citywide")
    desk.open_report(report_id)

    expect(page.get_by_role("heading", name=desk.t("retention.title"))).to_have_count(0)
    expect(desk.button("retention.hold_place")).to_have_count(0)


def test_an_erased_report_with_words_written_since_says_when_they_go_too(page, live_server, world, client, login):
    """Erasure is not the end of the clock: a note written after it falls due like any report's words."""
    from datetime import timedelta

    from server.extensions import db
    from server.models import Encounter
    from server.models.types import utcnow

    report_id = push_report(client, world, "field.a", "A", notes=NOTES)
    db.session.get(Encounter, uuid.UUID(report_id)).erased_at = utcnow() - timedelta(days=1)
    db.session.commit()
    db.session.remove()
    note = client.post(f"/api/v1/reports/{report_id}/notes", headers=login("liaison.a").headers,
                       json={"text": "Counsel asked for the gate log"})
    assert note.status_code == 201, note.get_json()
    desk = Desk(page)
    desk.sign_in("liaison.a")
    desk.open_report(report_id)

    state = page.locator("#retention-state")
    expect(state).to_contain_text(desk.t("retention.erased", time="|").split("|")[0])
    expect(state).to_contain_text(desk.t("retention.due", time="|").split("|")[0])


def test_a_liaison_chooses_the_words_to_redact_with_the_keyboard_alone(page, live_server, world, client):
    """WCAG 2.1.1: Tab to the field's text, Shift+arrows select, Tab to its button, Enter, Tab to confirm, Enter."""
    report_id = push_report(client, world, "field.a", "A", notes=NOTES)
    desk = Desk(page)
    desk.sign_in("liaison.a")
    desk.open_report(report_id)
    label = desk.t("field.notes")
    text = page.get_by_role("textbox", name=label, exact=True)
    expect(text).to_have_attribute("aria-readonly", "true")
    expect(text).to_have_accessible_description(desk.t("retention.keys"))

    desk.button("retention.hold_place").focus()
    for _ in range(6):  # Tab on until the notes' text has the focus
        page.keyboard.press("Tab")
        if text.evaluate("(area) => area === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the notes' text")
    page.keyboard.type("x")  # the words cannot be changed here
    page.keyboard.press("Backspace")
    expect(text).to_have_value(NOTES)
    redact_with_keys(page, desk, label, NOTES, WORDS)

    expect(text).to_have_value("Agents asked for the tall man in the [redacted] by the dock.")
    assert WORDS not in stored(report_id)["body"]["notes"]


def test_a_liaison_removes_a_name_from_the_reporters_answer_with_the_keyboard(page, live_server, world, client, login):
    """Texts beside the report get the fields' tool: Shift+arrows select in the answer, its button, confirm."""
    from server.extensions import db
    from server.models import FollowUpAnswer
    from tests.factories import push, push_item

    name = "Ana Reyes"
    said = f"They asked where {name} works."
    report_id = push_report(client, world, "field.a", "A")
    asked = client.post(f"/api/v1/reports/{report_id}/questions", headers=login("liaison.a").headers,
                        json={"text": "Where did they go?"})
    item = push_item({"followup_id": asked.get_json()["followup"]["id"], "text": said,
                      "answered_at": "2026-11-21T09:30:00Z"}, kind="answer")
    assert push(client, login("field.a"), [item]).get_json()["results"][0]["status"] == "accepted"
    desk = Desk(page)
    desk.sign_in("liaison.a")
    desk.open_report(report_id)
    expect(page.locator("#app")).to_contain_text(desk.t("retention.beside_title"))
    text = page.locator(f'textarea.redact-text[data-field="answer:{item["id"]}:text"]')
    label = page.locator(f'[id="redact-h-answer:{item["id"]}:text"]').inner_text()
    assert label.startswith(desk.t("retention.text.answer", time="|").split("|")[0])
    expect(page.get_by_role("textbox", name=label, exact=True)).to_have_value(said)

    text.focus()
    redact_with_keys(page, desk, label, said, name)

    expect(page.locator("#app .liaison-sr")).to_have_text(desk.t("liaison.done.redact"))
    expect(text).to_have_value("They asked where [redacted] works.")
    # Focus comes back to the text just changed (its new words), not to the panel's heading screens above.
    expect(text).to_be_focused()
    expect(page.locator("#app")).not_to_contain_text(name)  # the answer under its question too
    db.session.remove()
    try:
        stored_answer = db.session.get(FollowUpAnswer, uuid.UUID(item["id"]))
        assert name not in stored_answer.text and name not in stored_answer.body["text"]
    finally:
        db.session.remove()


def test_words_chosen_in_a_text_a_colleague_redacted_meanwhile_are_refused_and_chosen_again(
        page, live_server, world, client, login):
    """The desk sends the digest of the text it counted in: a stale copy removes nothing and is shown anew."""
    report_id = push_report(client, world, "field.a", "A", notes=NOTES)
    desk = Desk(page)
    desk.sign_in("liaison.a")
    desk.open_report(report_id)
    label = desk.t("field.notes")
    # The screen's own reads of the report (its 10 s re-read, its read after a refusal) wait until let go, so it
    # still shows the text as it was when the colleague's redaction lands.
    reads = HeldRequests(page.context, f"**/api/v1/reports/{report_id}")
    # A colleague's tab removes "tall man" (two characters longer than its mark) while this one still shows it.
    start = NOTES.index("tall man")
    colleague = client.post(f"/api/v1/reports/{report_id}/redactions", headers=login("liaison.a").headers,
                            json={"field": "notes", "spans": [{"start": start, "end": start + len("tall man")}]})
    assert colleague.status_code == 200, colleague.get_json()
    now = "Agents asked for the [redacted] in the blue truck by the dock."

    select_words(page, "notes", WORDS)
    desk.button_named(desk.t("retention.redact_selection", field=label)).click()
    desk.button("retention.redact").click()
    wait_until(page, reads.arrived, message="the report read again after the refusal")
    reads.release()

    expect(page.locator("#error-redact")).to_have_text(desk.t("retention.text_changed"))
    expect(page.locator('.redact-text[data-field="notes"]')).to_have_value(now)
    expect(page.locator('.redact-text[data-field="notes"]')).to_be_focused()  # where the words are to be chosen again
    assert stored(report_id)["body"]["notes"] == now  # without the digest: "…[redacted] in the bl[redacted]the dock."

    select_words(page, "notes", WORDS)
    desk.button_named(desk.t("retention.redact_selection", field=label)).click()
    desk.button("retention.redact").click()
    expect(page.locator("#app .liaison-sr")).to_have_text(desk.t("liaison.done.redact"))
    assert stored(report_id)["body"]["notes"] == "Agents asked for the [redacted] in the [redacted] by the dock."


def test_a_farsi_desk_lays_out_an_english_text_to_redact_left_to_right(page, live_server, world, client):
    """In a right-to-left desk, words typed in English keep their order in the box a liaison selects in."""
    from tests.e2e.device import choose_language

    report_id = push_report(client, world, "field.a", "A", notes=NOTES)
    choose_language(page, "فارسی", "fa")
    desk = Desk(page, "fa")
    desk.sign_in("liaison.a")
    desk.open_report(report_id)
    text = page.locator('.redact-text[data-field="notes"]')
    expect(text).to_have_value(NOTES)
    assert page.evaluate("getComputedStyle(document.querySelector('#app')).direction") == "rtl"
    assert text.evaluate("(area) => getComputedStyle(area).direction") == "ltr"


def notes_stored(client, login, report_id: str, texts, change) -> list[str]:
    """Write notes through the API as liaison.a, then ``change(note, index)`` each stored row (in writing order)
    straight in the database, as a row written before a rule existed would be; return their ids."""
    from server.extensions import db
    from server.models import ReportNote

    for text in texts:
        written = client.post(f"/api/v1/reports/{report_id}/notes", headers=login("liaison.a").headers,
                              json={"text": text})
        assert written.status_code in (200, 201), written.get_json()
    db.session.remove()
    try:
        notes = db.session.scalars(db.select(ReportNote).where(ReportNote.encounter_id == uuid.UUID(report_id))
                                   .order_by(ReportNote.at)).all()
        for index, note in enumerate(notes):
            change(note, index)
        ids = [str(note.id) for note in notes]
        db.session.commit()
        return ids
    finally:
        db.session.remove()


def test_a_liaison_sees_the_flag_on_an_old_note_holding_an_a_number_and_redacts_the_marked_words(
        page, live_server, world, client, login):
    """A note stored before the door checked desk texts: flagged beside the note and in the panel, one button."""
    from server.extensions import db
    from server.models import ReportNote

    number = "A123456789"
    old = f"Her A-number is {number}, the agents said."
    report_id = push_report(client, world, "field.a", "A")
    [note_id] = notes_stored(client, login, report_id, ["Called the site lead."],
                             lambda note, _: setattr(note, "text", old))  # as a row written before the door holds it
    desk = Desk(page)
    desk.sign_in("liaison.a")
    desk.open_report(report_id)

    notes = page.locator("section[aria-labelledby=notes-h]")
    expect(notes.locator(".marker-flag")).to_have_text("⚠ " + desk.t("sensitive.a_number"))
    expect(page.locator("#app .report-head")).to_contain_text(desk.t("liaison.flag.possible_sensitive_text"))
    key = f"note:{note_id}:text"
    block = page.locator(".redact-field").filter(has=page.locator(f'textarea[data-field="{key}"]'))
    expect(block.locator(".marker-flag")).to_have_text("⚠ " + desk.t("sensitive.a_number"))

    desk.button_named(desk.t("retention.redact_marked", words=number)).click()
    label = page.locator(f'[id="redact-h-{key}"]').inner_text()
    expect(page.locator("#app .redact-confirm")).to_contain_text(
        desk.t("retention.redact_confirm", count=len(number), field=label, words=number))
    desk.button("retention.redact").click()

    expect(page.locator("#app .liaison-sr")).to_have_text(desk.t("liaison.done.redact"))
    expect(page.locator(f'textarea[data-field="{key}"]')).to_have_value("Her A-number is [redacted], the agents said.")
    expect(notes.locator(".marker-flag")).to_have_count(0)  # the words are gone, and so is the flag
    expect(page.locator("#app")).not_to_contain_text(number)
    db.session.remove()
    try:
        assert number not in db.session.get(ReportNote, uuid.UUID(note_id)).text
    finally:
        db.session.remove()


def test_two_notes_written_in_the_same_second_have_labels_a_liaison_can_tell_apart(
        page, live_server, world, client, login):
    """The redaction panel numbers texts whose kind and time read alike, in the Notes section's order."""
    from datetime import datetime, timezone

    report_id = push_report(client, world, "field.a", "A")
    ids = notes_stored(client, login, report_id, ["Called the site lead.", "Called counsel."],  # 600 ms apart
                       lambda note, i: setattr(note, "at", datetime(2026, 12, 5, 18, 4, 9, 100_000 + 600_000 * i,
                                                                    tzinfo=timezone.utc)))
    desk = Desk(page)
    desk.sign_in("liaison.a")
    desk.open_report(report_id)

    labels = [page.locator(f'[id="redact-h-note:{i}:text"]').inner_text() for i in ids]
    assert labels[0] != labels[1], labels
    assert labels[0].endswith(desk.t("retention.text.same_time", label="|", n=1, count=2).split("|")[1])
    assert labels[1].endswith(desk.t("retention.text.same_time", label="|", n=2, count=2).split("|")[1])
    assert not any("Called" in label for label in labels)  # the kind, time and order: never the note's words
    expect(page.get_by_role("textbox", name=labels[1], exact=True)).to_have_value("Called counsel.")


def test_the_resolution_at_the_top_of_a_closed_report_carries_the_flag_of_the_closing_moves_resolution(
        page, live_server, world, client, login):
    """A closed, reopened and closed again report whose last resolution was stored before the door: flagged at the
    top as in the history, and the first closing move's clean resolution (same kind of move) lends it nothing."""
    from sqlalchemy import select

    from server.extensions import db
    from server.models import Encounter, TriageEvent

    number = "A123456789"
    old = f"Her A-number is {number}, the agents said."
    report_id = push_report(client, world, "field.a", "A")
    liaison = login("liaison.a")
    for move in ({"to": "closed", "resolution": "Nothing more to do."}, {"to": "in_review", "reason": "New facts."},
                 {"to": "closed", "resolution": "Counsel has the copy."}):
        moved = client.post(f"/api/v1/reports/{report_id}/status", headers=liaison.headers, json=move)
        assert moved.status_code == 200, moved.get_json()
    db.session.remove()
    try:  # as a row written before the door holds it: the last closing move's words, and so the report's
        last = next(e for e in db.session.scalars(select(TriageEvent).order_by(TriageEvent.id.desc()))
                    if (e.details or {}).get("resolution"))
        last.details = {**last.details, "resolution": old}
        db.session.get(Encounter, uuid.UUID(report_id)).resolution = old
        db.session.commit()
    finally:
        db.session.remove()
    desk = Desk(page)
    desk.sign_in("liaison.a")
    desk.open_report(report_id)

    flag = "⚠ " + desk.t("sensitive.a_number")
    expect(page.locator("section[aria-labelledby=history-h] .marker-flag")).to_have_text([flag])
    top = page.locator("#app .report-head .summary > div").filter(has_text=desk.t("liaison.triage.resolution"))
    expect(top).to_contain_text(old)
    expect(top.locator(".marker-flag")).to_have_text(flag)


def test_a_redaction_waiting_for_its_confirmation_keeps_its_text_through_the_screens_re_read_and_a_stale_one_cuts_nothing(
        page, live_server, world, client, login):
    """The report screen reads the report again every 10 s; a confirmation on screen is the words chosen in the
    text as it was, so no re-read draws a newer text under it, and its offsets go with that text's digest."""
    report_id = push_report(client, world, "field.a", "A", notes=NOTES)
    desk = Desk(page)
    desk.sign_in("liaison.a")
    desk.open_report(report_id)
    label = desk.t("field.notes")
    select_words(page, "notes", WORDS)
    desk.button_named(desk.t("retention.redact_selection", field=label)).click()
    expect(desk.button("retention.redact")).to_be_visible()

    # A colleague removes "tall man" while the confirmation waits, and the screen's next re-read comes and goes.
    start = NOTES.index("tall man")
    colleague = client.post(f"/api/v1/reports/{report_id}/redactions", headers=login("liaison.a").headers,
                            json={"field": "notes", "spans": [{"start": start, "end": start + len("tall man")}]})
    assert colleague.status_code == 200, colleague.get_json()
    page.wait_for_timeout(11_000)
    expect(page.locator('.redact-text[data-field="notes"]')).to_have_value(NOTES)

    desk.button("retention.redact").click()
    expect(page.locator("#error-redact")).to_have_text(desk.t("retention.text_changed"))
    now = "Agents asked for the [redacted] in the blue truck by the dock."
    expect(page.locator('.redact-text[data-field="notes"]')).to_have_value(now)
    assert stored(report_id)["body"]["notes"] == now  # not "…[redacted] in the bl[redacted]the dock."
