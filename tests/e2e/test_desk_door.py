"""A liaison's note with never-collected words is marked at once, held, cleaned in one action and then sent; a name
the door cannot tell, in a note or a question, waits for the liaison's call (remove or keep) before it goes."""
import pytest
from playwright.sync_api import expect

from tests.e2e.axe import AxeScans
from tests.e2e.desk import Desk, liaison_on_new_report, push_report

FLAGGED = "Mother is undocumented, born 03/04/1988, Salvadoran."
ASKED = "Was it Tomas Reyes who let them in, and did Maria Gonzalez leave with them?"


def stored_texts(what: str = "notes") -> list[str]:
    """The internal notes (or the questions to reporters) the server holds now."""
    from sqlalchemy import select

    from server.extensions import db
    from server.models import FollowUp, ReportNote

    db.session.remove()
    try:
        return list(db.session.scalars(select({"notes": ReportNote.text, "questions": FollowUp.question}[what])))
    finally:
        db.session.remove()


def test_a_flagged_note_is_highlighted_held_cleaned_in_one_action_and_sent(page, context, live_server, world, client):
    scan = AxeScans(context)
    report_id = push_report(client, world, "field.a", "A")
    desk = Desk(page)
    desk.sign_in("liaison.a")
    desk.open_report(report_id)
    field = page.locator("#triage-note")
    field.fill(FLAGGED)

    # Marked while typing, with the phone's patterns: each flagged phrase, and why.
    marks = page.locator("#triage-note-check .sensitive-preview mark")
    expect(marks).to_have_count(3)
    expect(marks.nth(0)).to_contain_text("undocumented")
    expect(marks.nth(2)).to_contain_text("Salvadoran")
    expect(page.locator("#triage-note-warning")).to_contain_text(desk.t("sensitive.found.other", count=3))

    # Sending is held: nothing reaches the server, and what was typed stays.
    desk.button("liaison.notes.save").click()
    expect(page.locator("#error-note")).to_have_text(desk.t("liaison.door.not_sent"))
    expect(field).to_have_value(FLAGGED)
    assert stored_texts() == []
    scan("liaison report, a note's flagged words marked", page)

    # One action takes every marked word out; the rest of the note is kept and goes.
    desk.button("liaison.door.remove_all").click()
    expect(field).to_have_value("Mother is.")
    expect(marks).to_have_count(0)
    desk.button("liaison.notes.save").click()
    expect(page.locator("#app [role=status]").filter(has_text=desk.t("liaison.done.note"))).to_be_visible()
    expect(field).to_have_value("")
    assert stored_texts() == ["Mother is."]
    scan.assert_clean(screens=1)


@pytest.mark.parametrize("control, send, stored", [("question", "liaison.followups.send", "questions"),
                                                   ("note", "liaison.notes.save", "notes")])
def test_a_name_the_door_cannot_tell_waits_for_the_liaisons_call_and_goes_with_the_name_kept(
        page, context, live_server, world, client, control, send, stored):
    scan = AxeScans(context)
    desk, _ = liaison_on_new_report(page, client, world)
    field = page.locator(f"#triage-{control}")
    items = page.locator(f"#triage-{control}-check .sensitive-item")
    field.fill("Was Maria Gonzalez taken?")  # the QA pass's question: it went to the phone without a mark
    expect(items).to_have_count(1)
    expect(items.first.locator("mark")).to_have_text("Maria Gonzalez")  # Remove must leave the question: not "Was"
    # Names that may be kept are to check, not "must not be recorded": a coworker's name may stay.
    expect(page.locator(f"#triage-{control}-warning")).to_have_text("⚠ " + desk.t("sensitive.to_check"))
    field.fill(ASKED)
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text(desk.t("sensitive.ask"))

    # Held until the liaison decides: nothing reaches the server, and what was typed stays.
    desk.button(send).click()
    expect(page.locator(f"#error-{control}")).to_have_text(desk.t("liaison.door.not_sent_ask"))
    expect(field).to_have_value(ASKED)
    assert stored_texts(stored) == []
    scan(f"liaison report, a {control}'s name asked about", page)

    # An agent's or staff member's name is kept, a resident's removed; the kept name is not asked about again.
    desk.button_named(f"{desk.t('sensitive.keep.ask')}{desk.t('app.label_joiner')}Tomas Reyes").click()
    desk.button_named(desk.t("sensitive.remove_words", words="Maria Gonzalez")).click()
    expect(items).to_have_count(0)
    expect(field).to_be_focused()  # the last mark gone, the liaison is back in the box, not at the page's top
    sent = "Was it Tomas Reyes who let them in, and did leave with them?"
    expect(field).to_have_value(sent)
    desk.button(send).click()
    expect(field).to_have_value("")
    expect(page.locator(f"#error-{control}")).to_have_text("")
    assert stored_texts(stored) == [sent]
    scan.assert_clean(screens=1)
