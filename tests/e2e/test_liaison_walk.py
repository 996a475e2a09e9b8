"""A liaison's walk through one report at the desk, in English, Spanish and Farsi, on a phone, a tablet and a
desk screen: what the walk found (helper "liaisonwalk98", docs/decisions.md)."""
import json
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.desk import Desk, push_report
from tests.e2e.device import choose_language

# Words the door stops at the desk as it does on the phone (encounter/door.py).
FLAGGED = "He is undocumented, call the site lead"
LANGUAGES = {"es": "Español", "fa": "فارسی"}


def _desk(page, client, world, language: str, width: int) -> tuple[Desk, str]:
    """Store a report of department A and open it at the desk (``_open``)."""
    report_id = push_report(client, world, "field.a", "A")
    return _open(page, report_id, language, width), report_id


def _open(page, report_id: str, language: str, width: int) -> Desk:
    """Sign liaison.a in at the desk in ``language`` on a screen ``width`` px wide and open the report."""
    page.set_viewport_size({"width": width, "height": 900})
    if language in LANGUAGES:
        choose_language(page, LANGUAGES[language], language)
    desk = Desk(page, language)
    desk.sign_in("liaison.a")
    desk.open_report(report_id)
    return desk


@pytest.mark.parametrize("language,width,control,send_key", [
    ("en", 1280, "note", "liaison.notes.save"),
    ("es", 390, "question", "liaison.followups.send"),
    ("fa", 768, "note", "liaison.notes.save"),
])
def test_a_held_note_or_question_keeps_its_words_and_puts_the_keyboard_in_the_box_that_holds_them(
        page, live_server, world, client, language, width, control, send_key):
    desk, _ = _desk(page, client, world, language, width)
    box = page.locator(f"#triage-{control}")
    box.fill(FLAGGED)
    desk.button(send_key).focus()
    page.keyboard.press("Enter")

    expect(page.locator(f"#error-{control}")).to_have_text(desk.t("liaison.door.not_sent"))
    expect(box).to_have_value(FLAGGED)
    # The keyboard is beside the marked words and their Remove buttons, not left on the send button.
    expect(box).to_be_focused()


def test_a_note_the_server_refuses_at_its_door_keeps_its_words_and_puts_the_keyboard_in_its_box(
        page, live_server, world, client):
    desk, report_id = _desk(page, client, world, "en", 1280)
    text = "Called the site lead back about the dock."
    # The server's door reads more than the desk's copy at times (a rule newer than the loaded app): its refusal,
    # offsets only, is what the desk must show in the box.
    refusal = {"code": 422, "reason": "sensitive_text", "message": "Refused.",
               "errors": {"text": ["Looks like data that must never be recorded."],
                          "spans": [{"field": "text", "start": 32, "end": 41, "kind": "status"}]}}
    page.route(f"**/api/v1/reports/{report_id}/notes", lambda route: route.fulfill(
        status=422, content_type="application/json", body=json.dumps(refusal)))
    box = page.locator("#triage-note")
    box.fill(text)
    desk.button("liaison.notes.save").focus()
    page.keyboard.press("Enter")

    expect(page.locator("#error-note")).to_have_text(desk.t("liaison.door.not_sent"))
    expect(box).to_have_value(text)
    expect(box).to_be_focused()


def test_the_reporters_answer_appears_on_the_open_report_without_a_reload_and_a_half_typed_note_stays(
        page, live_server, world, client):
    from tests.factories import push, push_item, sign_in_via_api

    desk, report_id = _desk(page, client, world, "es", 768)
    page.evaluate("() => { window.__sameDocument = true; }")
    page.get_by_label(desk.t("liaison.followups.ask"), exact=True).fill("¿Por qué puerta entraron?")
    desk.button("liaison.followups.send").click()
    followups = page.locator("#app .followups")
    expect(followups).to_contain_text(desk.t("liaison.followups.waiting"))
    note = page.locator("#triage-note")
    note.fill("Llamé al encargado del sitio")
    note.focus()

    # The phone answers (its push, as tests/api do it); the liaison stays on the report.
    liaison = sign_in_via_api(client, "liaison.a")
    [followup] = client.get(f"/api/v1/reports/{report_id}", headers=liaison.headers).get_json()["followups"]
    item = push_item({"followup_id": followup["id"], "text": "Por la puerta del personal.",
                      "answered_at": "2026-11-21T09:30:00Z"}, kind="answer")
    [result] = push(client, sign_in_via_api(client, "field.a"), [item]).get_json()["results"]
    assert result["status"] == "accepted", result

    expect(followups).to_contain_text("Por la puerta del personal.", timeout=20_000)
    expect(followups).not_to_contain_text(desk.t("liaison.followups.waiting"))
    assert page.evaluate("() => window.__sameDocument === true"), "the report screen reloaded the page"
    # What the liaison was typing meanwhile is still there, and so is the keyboard.
    expect(note).to_have_value("Llamé al encargado del sitio")
    expect(note).to_be_focused()


@pytest.mark.parametrize("language,width", [("en", 1280), ("fa", 390)])
def test_the_audit_trail_says_which_text_words_were_redacted_from_by_whom_and_never_the_words(
        page, live_server, world, client, language, width):
    from tests.factories import sign_in_via_api

    words = "blue truck"
    report_id = push_report(client, world, "field.a", "A", notes=f"Agents asked for the man in the {words} by the dock.")
    note = client.post(f"/api/v1/reports/{report_id}/notes", headers=sign_in_via_api(client, "liaison.a").headers,
                       json={"text": "Agents came back for the man in the red cap."})
    assert note.status_code == 201, note.get_json()
    desk = _open(page, report_id, language, width)

    for key, chosen in (("notes", words), (None, "red cap")):
        block = page.locator(".redact-field").filter(
            has=page.locator(f'textarea[data-field="{key}"]' if key else 'textarea[data-field^="note:"]'))
        label = block.locator("h4").inner_text()
        block.locator("textarea").evaluate("""(area, words) => {
            const start = area.value.indexOf(words);
            area.focus();
            area.setSelectionRange(start, start + words.length);
        }""", chosen)
        # "Redact selection in …": its text's label comes inside marks that isolate it in a right-to-left line.
        redact = desk.messages["retention.redact_selection"].split("{field}")[0].rstrip(' "«“')
        block.get_by_role("button", name=re.compile("^" + re.escape(redact))).click()
        desk.button("retention.redact").click()
        expect(page.locator("#app .liaison-sr")).to_have_text(desk.t("liaison.done.redact"))
        # The audit row names the text by the label the redaction panel gave it, and who did it.
        row = page.locator("#app section[aria-labelledby=audit-h] tbody tr").filter(
            has_text=desk.t("liaison.audit.action.report.redact")).last
        expect(row).to_contain_text(f"{desk.t('liaison.audit.action.report.redact')} · {label}")
        expect(row).to_contain_text("Liaison.A")
        expect(page.locator("#app section[aria-labelledby=audit-h]")).not_to_contain_text(chosen)
