"""Issue 11, warrant check: the phone shares a document photo during an encounter with an alert, counsel
answers on the desk, and the phone has the answer after its next sync.

The checklist's document step (another branch) is what calls ``shareDocumentNow`` and shows
``counselAnswerView``; until it does, this test makes those two calls through the test-only
entry ``dist/seed.js`` (``shareDocumentPhoto``, ``showCounselAnswer``), which uses the app's own
modules (src/counsel.js) on the phone's real IndexedDB and server.
"""
from playwright.sync_api import expect

from tests.e2e.axe import AxeScans
from tests.e2e.desk import Desk, second_profile
from tests.e2e.device import idb_all, trigger_sync, wait_for_service_worker, wait_until
from tests.e2e.flow import FieldApp

NOTE = "Signed by an immigration officer, not by a judge."


def test_counsel_answers_a_shared_document_and_the_phone_shows_the_answer_after_sync(
        page, context, browser, live_server, world, counsel_users, catalogs):
    phone = FieldApp(page, catalogs["en"])
    phone.sign_in("field.a")
    wait_for_service_worker(page)
    shared = page.evaluate("async (site) => (await import('/seed.js')).shareDocumentPhoto(site)", "site-a1")
    assert shared["queued"] is True and shared["waiting"] == 0, shared
    assert [s["state"] for s in idb_all(page, "shares")] == ["sent"]
    assert page.evaluate("async (id) => (await import('/seed.js')).showCounselAnswer(id)", shared["draftId"]) is None
    expect(page.locator("#counsel-answer-test")).to_have_text(phone.t("counsel.share.sent"))

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
        scan("counsel: the document answered", desk_page)
        scan.assert_clean(2)

    # The phone learns the answer on its next pull, and shows it as the document step does.
    trigger_sync(page)
    wait_until(page, lambda: any(u["kind"] == "counsel_answer" for u in idb_all(page, "updates")),
               message="counsel's answer pulled")
    answer = page.evaluate("async (id) => (await import('/seed.js')).showCounselAnswer(id)", shared["draftId"])
    assert answer["verdict"] == "administrative"
    box = page.locator("#counsel-answer-test")
    expect(box.get_by_role("heading")).to_have_text(phone.t("counsel.answer.title"))
    expect(box).to_contain_text(phone.t("counsel.verdict.administrative"))
    expect(box).to_contain_text(phone.t("counsel.answer.note", note=NOTE))
