"""Issue 11, warrant check: during an encounter that has an alert, the photo taken on the checklist's
document step goes to counsel at once, counsel answers on the desk, and the phone shows the answer on
that step after its next sync.
"""
import base64
import re

from playwright.sync_api import expect

from tests.e2e.axe import AxeScans
from tests.e2e.desk import Desk, second_profile
from tests.e2e.device import idb_all, trigger_sync, wait_for_service_worker, wait_until
from tests.e2e.flow import FieldApp

NOTE = "An I-200, signed by an immigration officer, not by a judge."
# As counsel's note is shown (not stored): its form number with a word joiner, so no line breaks inside it.
SHOWN_NOTE = NOTE.replace("I-200", "I-\u2060200")
# An 8×6 PNG, as a phone's camera would hand over a picture of the document.
PHOTO = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAGCAIAAABxZ0isAAAAEUlEQVR4nGOQszmBFTEMpAQAz7c2YafdCdMAAAAASUVORK5CYII=")
DOCUMENT_STEP = 5


def _stored_notes() -> list:
    """Counsel's notes as the server holds them."""
    from server.extensions import db
    from server.models import CounselDocument

    db.session.remove()
    try:
        return [row.note for row in db.session.query(CounselDocument).all()]
    finally:
        db.session.remove()  # "Photograph the document" in content/checklists/universal.json


def test_counsel_answers_a_shared_document_and_the_phone_shows_the_answer_after_sync(
        page, context, browser, live_server, world, universal, counsel_users, catalogs):
    phone = FieldApp(page, catalogs["en"])
    phone.sign_in("field.a")
    wait_for_service_worker(page)
    # Agents arrive: one tap; the phone asks which site (no location, no site used before).
    page.get_by_role("button", name=phone.t("home.alert"), exact=True).click()
    page.get_by_label(phone.t("home.alert.which_site"), exact=True).select_option("site-a1")
    page.get_by_role("button", name=phone.t("home.alert.send"), exact=True).click()
    page.wait_for_url(re.compile(r"#/encounter/[0-9a-f-]{36}/step/"))  # the checklist opens at once
    draft_id = re.search(r"#/encounter/([0-9a-f-]{36})/", page.url).group(1)
    page.goto(f"/#/encounter/{draft_id}/step/{DOCUMENT_STEP - 1}")
    expect(page.locator("#app h1 .step-count")).to_contain_text(str(DOCUMENT_STEP))
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=phone.t("step.take_photo"), exact=True).click()
    chooser.value.set_files({"name": "document.png", "mimeType": "image/png", "buffer": PHOTO})
    step_status = page.locator("#app .step-photo .counsel-share")
    expect(step_status).to_have_text(phone.t("counsel.share.sent"), timeout=15_000)
    assert [s["state"] for s in idb_all(page, "shares")] == ["sent"]

    with second_profile(browser, live_server) as desk_page:
        scan = AxeScans(desk_page.context)
        desk = Desk(desk_page)
        desk.sign_in("counsel.a", landing_key="counsel.desk.title")
        document = desk_page.locator("#app .counsel-document")
        expect(document).to_have_count(1)
        expect(document.get_by_role("heading", level=3)).to_contain_text("Site A1")
        expect(document.locator("img.desk-photo")).to_be_visible()  # counsel may read this photo
        expect(desk_page.get_by_role("heading", name=desk.t("counsel.desk.awaiting", count=1))).to_be_visible()
        scan("counsel: a document awaiting an answer", desk_page)

        document.get_by_label(desk.t("counsel.desk.note"), exact=True).fill(NOTE)
        verdict = desk.t("counsel.verdict.administrative")
        document.get_by_role("button", name=verdict, exact=True).click()
        expect(desk_page.locator("#app .status-message")).to_contain_text(
            desk.t("counsel.desk.sent", site="Site A1", verdict=verdict))
        expect(desk_page.get_by_role("heading", name=desk.t("counsel.desk.answered_title"))).to_be_visible()
        expect(desk_page.locator("#app")).to_contain_text(desk.t("counsel.desk.none"))
        expect(desk_page.locator("#app .counsel-given")).to_contain_text(desk.t("counsel.desk.your_note", note=SHOWN_NOTE))
        scan("counsel: the document answered", desk_page)
        scan.assert_clean(2)

    # The phone learns the answer on its next pull, and the document step shows it.
    trigger_sync(page)
    wait_until(page, lambda: any(u["kind"] == "counsel_answer" for u in idb_all(page, "updates")),
               message="counsel's answer pulled")
    box = page.locator("#app .step-photo .counsel-answer")
    expect(box.get_by_role("heading")).to_have_text(phone.t("counsel.answer.title"))
    expect(box).to_contain_text(phone.t("counsel.verdict.administrative"))
    expect(box).to_contain_text(phone.t("counsel.answer.note", note=SHOWN_NOTE))
    assert _stored_notes() == [NOTE]  # stored as counsel wrote it: the joiner is only where it is shown
    expect(step_status).to_have_count(0)


def test_counsels_note_with_never_collected_words_is_marked_held_and_sent_once_cleaned(
        page, live_server, world, counsel_users, client):
    """Counsel's note passes the same door as a liaison's: the server would refuse it, so the desk holds it."""
    import hashlib
    import uuid

    from sqlalchemy import select

    from server.extensions import db
    from server.models import CounselDocument
    from tests.factories import sign_in_via_api

    field = sign_in_via_api(client, "field.a")
    sha = hashlib.sha256(PHOTO).hexdigest()
    encounter_id = str(uuid.uuid4())
    assert client.put(f"/api/v1/blobs/{sha}", data=PHOTO, headers={
        **field.headers, "Content-Type": "application/octet-stream"}).status_code == 201
    assert client.put(f"/api/v1/encounters/{encounter_id}/documents/{sha}", headers=field.headers,
                      json={"site": "site-a1", "taken_at": "2026-12-04T18:05:00-08:00"}).status_code == 201

    def stored():
        db.session.remove()
        try:
            doc = db.session.scalar(select(CounselDocument))
            return doc.verdict, doc.note
        finally:
            db.session.remove()

    desk = Desk(page)
    desk.sign_in("counsel.a", landing_key="counsel.desk.title")
    document = page.locator("#app .counsel-document")
    note = document.get_by_label(desk.t("counsel.desk.note"), exact=True)
    note.fill("Warrant names a man born 03/04/1988, undocumented. Administrative form.")
    expect(document.locator(".sensitive-preview mark")).to_have_count(2)
    verdict = desk.t("counsel.verdict.administrative")
    document.get_by_role("button", name=verdict, exact=True).click()
    expect(page.locator("#app .status-message")).to_contain_text(desk.t("liaison.door.not_sent"))
    assert stored() == (None, None)

    document.get_by_role("button", name=desk.t("liaison.door.remove_all"), exact=True).click()
    expect(document.locator(".sensitive-preview mark")).to_have_count(0)
    document.get_by_role("button", name=verdict, exact=True).click()
    expect(page.locator("#app .status-message")).to_contain_text(desk.t("counsel.desk.sent", site="Site A1", verdict=verdict))
    verdict_code, kept = stored()
    assert verdict_code == "administrative" and "1988" not in kept and "undocumented" not in kept
