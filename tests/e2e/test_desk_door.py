"""A liaison's note with never-collected words is marked at once, held, cleaned in one action and then sent."""
from playwright.sync_api import expect

from tests.e2e.axe import AxeScans
from tests.e2e.desk import Desk, push_report

FLAGGED = "Mother is undocumented, born 03/04/1988, Salvadoran."


def stored_notes() -> list[str]:
    """The internal notes the server holds now."""
    from sqlalchemy import select

    from server.extensions import db
    from server.models import ReportNote

    db.session.remove()
    try:
        return list(db.session.scalars(select(ReportNote.text)))
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
    assert stored_notes() == []
    scan("liaison report, a note's flagged words marked", page)

    # One action takes every marked word out; the rest of the note is kept and goes.
    desk.button("liaison.door.remove_all").click()
    expect(field).to_have_value("Mother is.")
    expect(marks).to_have_count(0)
    desk.button("liaison.notes.save").click()
    expect(page.locator("#app [role=status]").filter(has_text=desk.t("liaison.done.note"))).to_be_visible()
    expect(field).to_have_value("")
    assert stored_notes() == ["Mother is."]
    scan.assert_clean(screens=1)
