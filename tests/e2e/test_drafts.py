"""Issue test 4: a draft in the middle of the checklist survives a reload and a service-worker update."""
from playwright.sync_api import expect

from tests.e2e.build import publish_new_service_worker
from tests.e2e.device import idb_all, wait_for_app, wait_for_service_worker, wait_until
from tests.e2e.flow import ANSWERS, FieldApp


def _draft(page, item_id: str) -> dict:
    """The draft as stored on the phone."""
    return {d["id"]: d for d in idb_all(page, "drafts")}[item_id]


def _answers(draft: dict) -> list:
    """The draft's answers in step order."""
    return [draft["steps"][f"step-{n}"]["result"] for n in range(1, len(draft["steps"]) + 1)]


def test_a_draft_resumes_at_the_same_step_with_its_answers_after_a_reload_and_after_an_app_update(
        page, live_server, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    wait_for_service_worker(page)
    item_id = app.start_encounter()
    app.answer_steps(ANSWERS[:5])
    app.expect_step(6)
    where = page.url
    before = _draft(page, item_id)
    assert _answers(before) == ANSWERS[:5]

    page.reload()
    wait_for_app(page)
    app.expect_step(6)
    assert page.url == where
    assert _draft(page, item_id)["steps"] == before["steps"]

    # A new version of the app: other service-worker bytes on the server, found by an update check.
    publish_new_service_worker(live_server.serve_copy())
    page.evaluate("async () => { const registration = await navigator.serviceWorker.getRegistration();"
                  " await registration.update(); }")
    banner = page.locator(".banner-update")
    expect(banner).to_contain_text(app.t("banner.update"))
    with page.expect_navigation():
        banner.get_by_role("button", name=app.t("action.reload"), exact=True).click()

    wait_for_app(page)
    app.expect_step(6)
    assert page.url == where
    assert _draft(page, item_id)["steps"] == before["steps"]
    assert page.evaluate("async () => { const r = await navigator.serviceWorker.getRegistration();"
                         " return r.waiting === null && r.active !== null && navigator.serviceWorker.controller"
                         " !== null; }"), "the new version is not the one in control"
    expect(banner).to_have_count(0)
    app.answer_steps(ANSWERS[5:6], first=6)
    assert _answers(_draft(page, item_id)) == ANSWERS[:6]


# A newer app version's schema, as another tab that already runs it opens the database (one store more).
_NEWER_SCHEMA = """async () => {
  const current = await new Promise((resolve) => {
    const r = indexedDB.open('encounter-log');
    r.onsuccess = () => { const v = r.result.version; r.result.close(); resolve(v); };
  });
  await new Promise((resolve, reject) => {
    const r = indexedDB.open('encounter-log', current + 1);
    r.onupgradeneeded = () => r.result.createObjectStore('from_a_newer_version');
    r.onsuccess = () => { r.result.close(); resolve(); };
    r.onerror = () => reject(r.error);
    r.onblocked = () => reject(new Error('blocked by the open app'));
  });
}"""


def test_typing_goes_on_being_saved_after_a_newer_app_version_upgrades_the_database_in_another_tab(
        page, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    item_id = app.start_encounter()
    page.goto(f"/#/encounter/{item_id}/report/notes")
    box = page.get_by_role("textbox", name=app.t("field.notes"), exact=True)
    box.fill("Two agents at the east door.")
    wait_until(page, lambda: _draft(page, item_id)["fields"]["notes"] == "Two agents at the east door.",
               message="the first words saved")

    page.evaluate(_NEWER_SCHEMA)  # the app on this page lets the upgrade through
    box.press_sequentially(" They asked for the staff list.")
    words = "Two agents at the east door. They asked for the staff list."
    wait_until(page, lambda: _draft(page, item_id)["fields"]["notes"] == words,
               message="the words typed after the upgrade saved")

    page.reload()  # this page's version still opens the newer database
    wait_for_app(page)
    expect(page.get_by_role("textbox", name=app.t("field.notes"), exact=True)).to_have_value(words)
