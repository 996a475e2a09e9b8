"""The desk in the user's language, never in codes or the server's English (review-desk #7, #11, #12, #15).

Each test picks a language before signing in, as a liaison, trainer or administrator would, and reads
the screen through that language's catalogs (tests/e2e/desk.py), so a code or an English sentence
left on the screen fails the test.
"""
from playwright.sync_api import expect

from tests.e2e.desk import Desk, push_report
from tests.e2e.device import choose_language
from tests.factories import sign_in_via_api


def test_a_spanish_liaison_reads_tachar_audit_actions_in_words_and_a_refused_move_in_spanish(
        page, live_server, world, client):
    report_id = push_report(client, world, "field.a", "A", notes="Agents asked for the manager.")
    choose_language(page, "Español", "es")
    desk = Desk(page, "es")
    desk.sign_in("liaison.a")
    desk.open_report(report_id)
    app = page.locator("#app")

    # #7: redact is "tachar" (to strike out), never "redactar" (to write).
    expect(desk.button_named(desk.t("retention.redact_selection", field=desk.t("field.notes")))).to_be_visible()
    assert desk.t("retention.redact").startswith("Tachar")
    expect(app).not_to_contain_text("Redactar")

    # #11: the audit trail says what happened in words.
    audit = app.locator("section").filter(has=page.get_by_role("heading", name=desk.t("liaison.audit")))
    expect(audit.locator("tbody")).to_contain_text(desk.t("liaison.audit.action.encounter.receive"))
    expect(audit).not_to_contain_text("encounter.receive")

    # #15: the report is closed meanwhile (a colleague's tab); the refused move is explained in Spanish.
    colleague = sign_in_via_api(client, "liaison.a")
    closed = client.post(f"/api/v1/reports/{report_id}/status", headers=colleague.headers,
                         json={"to": "closed", "resolution": "Handled by the site lead."})
    assert closed.status_code == 200, closed.get_json()
    desk.button("liaison.move.acknowledged").click()
    # The screen reads the report again and says what it is now (review #13).
    expect(app).to_contain_text(desk.t("liaison.error.changed", status=desk.t("liaison.status.closed")))
    expect(app).not_to_contain_text("cannot move")
    expect(app).not_to_contain_text("in_review")


def test_a_korean_liaison_reads_the_priority_reason_in_korean(page, live_server, world, client):
    report_id = push_report(client, world, "field.a", "A")  # a non-public entry on an administrative warrant
    choose_language(page, "한국어", "ko")
    desk = Desk(page, "ko")
    desk.sign_in("liaison.a")
    row = desk.queue_row(report_id)
    expect(row).to_contain_text("법원 영장 없이 비공개 구역에 들어감")
    expect(row).not_to_contain_text("Non-public area")


def test_a_russian_administrator_reads_facility_types_and_counts_in_words(page, live_server, world):
    choose_language(page, "Русский", "ru")
    desk = Desk(page, "ru")
    app = desk.admin_sites()
    expect(app.locator("tbody")).to_contain_text(desk.t("liaison.facility.office_counter"))
    expect(app.locator("tbody")).not_to_contain_text("office_counter")
    facility = app.get_by_label(desk.t("admin.field.facility_type"), exact=True)
    expect(facility.locator("option[value=library]")).to_have_text(desk.t("liaison.facility.library"))

    desk.open("#/desk/admin/departments")
    expect(desk.heading()).to_have_text(desk.t("admin.departments.title"))
    expect(app.locator("tbody tr").first).to_contain_text(desk.t("admin.departments.counts_value", sites=2, users=4))


def test_a_spanish_trainer_reads_each_checklist_by_its_department_and_kind_not_its_key(page, live_server, world):
    choose_language(page, "Español", "es")
    desk = Desk(page, "es")
    desk.sign_in("trainer.a", landing_key="trainer.checklists.title")
    card = page.locator("#app .checklist-card")
    expect(card.get_by_role("heading")).to_have_text(f"Department A · {desk.t('trainer.variant.universal')}")
    expect(card).not_to_contain_text("universal")


def test_a_spanish_liaison_reads_a_redacted_passage_as_a_spanish_token_not_the_stored_english_mark(
        page, live_server, world, client):
    notes = "Agents asked for the manager by name."
    report_id = push_report(client, world, "field.a", "A", notes=notes)
    liaison = sign_in_via_api(client, "liaison.a")
    start = notes.index("the manager")
    redacted = client.post(f"/api/v1/reports/{report_id}/redactions", headers=liaison.headers,
                           json={"field": "notes", "spans": [{"start": start, "end": start + len("the manager")}]})
    assert redacted.status_code == 200, redacted.get_json()
    choose_language(page, "Español", "es")
    desk = Desk(page, "es")
    desk.sign_in("liaison.a")
    desk.open_report(report_id)

    fields = page.locator("#app dl.summary").filter(has_text="Agents asked for")  # the section with the notes
    mark = fields.locator(".redacted-mark")
    assert desk.t("desk.redacted") == "tachado"
    expect(mark).to_have_count(1)
    expect(mark).to_have_text("tachado")
    expect(fields).to_contain_text("Agents asked for")
    expect(fields).not_to_contain_text("[redacted]")  # the stored mark, encounter/redaction.py MARK


def test_a_spanish_administrator_reads_a_refused_fields_message_in_spanish_beside_the_field(page, live_server, world):
    choose_language(page, "Español", "es")
    desk = Desk(page, "es")
    app = desk.admin_sites()
    typed = {"code": "site-a-far", "name": "Far Site", "latitude": "91", "longitude": "-118.2468"}  # 91: out of range
    for field, value in typed.items():
        app.get_by_label(desk.t(f"admin.field.{field}"), exact=True).fill(value)
    app.get_by_label(desk.t("admin.field.department"), exact=True).select_option("A")
    desk.button("admin.action.create").click()

    said = desk.t("desk.field_error.range_between", min=-90, max=90)
    expect(app.locator("#admin-latitude-error")).to_have_text(said)
    expect(app.get_by_label(desk.t("admin.field.latitude"), exact=True)).to_have_accessible_description(said)
    expect(app).not_to_contain_text("must be between")  # the server's English


def test_a_spanish_liaison_reads_the_redacted_words_of_a_note_question_answer_and_reason_as_a_spanish_token(
        page, live_server, world, client):
    """The texts beside the body get the body's translated mark, in the timeline and the report's resolution."""
    from tests.factories import push, push_item

    said = "They asked for the manager by name."
    report_id = push_report(client, world, "field.a", "A")
    liaison = sign_in_via_api(client, "liaison.a")
    base = f"/api/v1/reports/{report_id}"

    def post(path, body, status=201):
        response = client.post(f"{base}/{path}", headers=liaison.headers, json=body)
        assert response.status_code == status, response.get_json()
        return response.get_json()

    note = post("notes", {"text": said})["note"]["id"]
    question = post("questions", {"text": said})["followup"]["id"]
    item = push_item({"followup_id": question, "text": said, "answered_at": "2026-11-21T09:30:00Z"}, kind="answer")
    assert push(client, sign_in_via_api(client, "field.a"), [item]).get_json()["results"][0]["status"] == "accepted"
    post("status", {"to": "closed", "resolution": said}, 200)
    move = client.get(base, headers=liaison.headers).get_json()["triage"][-1]["id"]
    start, end = said.index("the manager"), said.index("the manager") + len("the manager")
    for target, text_id, field in (("note", note, None), ("question", question, None), ("answer", item["id"], None),
                                   ("triage", move, "resolution")):
        post("redactions", {"target": target, "id": text_id, "spans": [{"start": start, "end": end}],
                            **({"field": field} if field else {})}, 200)
    choose_language(page, "Español", "es")
    desk = Desk(page, "es")
    desk.sign_in("liaison.a")
    desk.open_report(report_id)

    # Notes, the question, its answer, the closing move's resolution and the report's own resolution.
    expect(page.locator("#app .redacted-mark")).to_have_count(5)
    expect(page.locator("#app .redacted-mark").first).to_have_text("tachado")
    read = page.locator("#app").evaluate(
        "(app) => [...app.querySelectorAll('*')].filter((e) => !e.closest('textarea')).map((e) => [...e.childNodes]"
        ".filter((n) => n.nodeType === 3).map((n) => n.data).join('')).join(' ')")
    assert "[redacted]" not in read  # the stored mark shows only in the redaction tool's boxes, which count it
