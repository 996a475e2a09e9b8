"""Issue test 4: a draft in the middle of the checklist survives a reload and a service-worker update."""
from playwright.sync_api import expect

from tests.e2e.build import publish_new_service_worker
from tests.e2e.device import idb_all, wait_for_app, wait_for_service_worker
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
