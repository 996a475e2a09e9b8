"""Issue test 4: a draft in the middle of the checklist survives a reload and a service-worker update."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.build import publish_new_service_worker
from tests.e2e.device import idb_all, wait_for_app, wait_for_draft, wait_for_service_worker, wait_until
from tests.e2e.flow import ANSWERS, FieldApp, Report
from tests.e2e.network import go_offline
from tests.e2e.stored import server_encounters


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


FIRST_WORDS = "Two agents at the east door."


def _notes_typed(page, app: FieldApp, short: bool = False):
    """Start an encounter (its short screen filled when ``short``), type FIRST_WORDS in its notes, wait until
    they are stored; return the draft's id and the notes box."""
    item_id = app.start_encounter()
    if short:
        app.to_report()
        app.fill_short(Report())
    page.goto(f"/#/encounter/{item_id}/report/notes")
    box = page.get_by_role("textbox", name=app.t("field.notes"), exact=True)
    box.fill(FIRST_WORDS)
    wait_until(page, lambda: _draft(page, item_id)["fields"]["notes"] == FIRST_WORDS, message="the first words saved")
    return item_id, box


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
    item_id, box = _notes_typed(page, app)

    page.evaluate(_NEWER_SCHEMA)  # the app on this page lets the upgrade through
    box.press_sequentially(" They asked for the staff list.")
    words = FIRST_WORDS + " They asked for the staff list."
    wait_until(page, lambda: _draft(page, item_id)["fields"]["notes"] == words,
               message="the words typed after the upgrade saved")

    page.reload()  # this page's version still opens the newer database
    wait_for_app(page)
    expect(page.get_by_role("textbox", name=app.t("field.notes"), exact=True)).to_have_value(words)


# A phone whose storage is full refuses writes to the stores named in window.__full (QuotaExceededError).
_FILL_STORAGE = """() => {
  window.__full = new Set();
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    if (window.__full.has(this.name)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return put.apply(this, args);
  };
}"""


def test_a_full_phone_says_at_once_that_typing_and_submit_were_not_saved_and_both_work_once_space_is_free(
        page, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    item_id, box = _notes_typed(page, app, short=True)
    page.evaluate(_FILL_STORAGE)

    page.evaluate("() => window.__full.add('drafts')")
    box.press_sequentially(" They asked")
    banner = page.locator(".banner-unsaved")
    expect(banner).to_have_text(re.compile("^" + re.escape(app.t("banner.unsaved"))))
    assert _draft(page, item_id)["fields"]["notes"] == FIRST_WORDS

    page.evaluate("() => window.__full.clear()")  # space freed: the next keystroke saves everything typed
    box.press_sequentially(" for the staff list.")
    expect(banner).to_have_count(0)
    words = FIRST_WORDS + " They asked for the staff list."
    wait_until(page, lambda: _draft(page, item_id)["fields"]["notes"] == words, message="every word saved")

    app.review()
    page.evaluate("() => window.__full.add('outbox')")
    submit = page.get_by_role("button", name=app.t("review.submit"), exact=True)
    submit.click()
    expect(page.locator("#submit-failed")).to_have_text(app.t("review.submit_failed"))
    expect(app.heading()).to_have_text(app.t("review.title"))
    expect(submit).to_be_enabled()
    assert _draft(page, item_id)["fields"]["notes"] == words, "the report is still a draft on the phone"

    page.evaluate("() => window.__full.clear()")
    submit.click()
    expect(app.heading()).to_have_text(app.t("reports.title"))
    assert item_id in {r["id"] for r in idb_all(page, "outbox")}


def test_two_tabs_on_one_draft_keep_each_others_words_and_the_second_learns_when_the_first_submits(
        page, context, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    item_id, box = _notes_typed(page, app, short=True)
    other = context.new_page()  # the same app in a second tab (or a window left open), on the same screen
    second = FieldApp(other, catalogs["en"])
    other.goto(f"/#/encounter/{item_id}/report/notes")
    wait_for_app(other)
    other_box = other.get_by_role("textbox", name=app.t("field.notes"), exact=True)
    expect(other_box).to_have_value(FIRST_WORDS)

    page.bring_to_front()
    box.press_sequentially(" They asked for the staff list.")
    words = FIRST_WORDS + " They asked for the staff list."
    wait_until(page, lambda: _draft(page, item_id)["fields"]["notes"] == words, message="the first tab's words saved")
    expect(other_box).to_have_value(words)  # the second tab shows them, and builds on them

    other.bring_to_front()
    other_box.press_sequentially(" No one was detained.")
    words += " No one was detained."
    wait_until(page, lambda: _draft(page, item_id)["fields"]["notes"] == words, message="both tabs' words kept")
    expect(box).to_have_value(words)

    page.bring_to_front()
    app.review()
    app.submit()
    expect(second.heading()).to_have_text(app.t("encounter.gone.title"))  # not a form taking words for nothing
    stored = wait_until(page, server_encounters, message="the report on the server")
    assert [(row["id"], row["body"]["notes"]) for row in stored] == [(item_id, words)]
    other.close()


def test_an_alert_raised_in_one_tab_is_not_dropped_by_typing_in_another(page, context, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    item_id, _ = _notes_typed(page, app, short=True)
    other = context.new_page()
    other.goto(f"/#/encounter/{item_id}/report/notes")
    wait_for_app(other)
    other_box = other.get_by_role("textbox", name=app.t("field.notes"), exact=True)
    expect(other_box).to_have_value(FIRST_WORDS)

    # No signal (as often when the agents arrive): the alert waits in the outbox, and each tab says so once it
    # has drawn the draft with the alert's mark.
    go_offline(context)
    page.bring_to_front()
    page.goto("/#/alert")  # "Agents here now": the encounter in progress gets its alert
    wait_until(page, lambda: _draft(page, item_id).get("alert"), message="the draft marked with its alert")

    other.bring_to_front()
    expect(other.locator(".alert-waiting")).to_be_visible()
    other_box.press_sequentially(" More.")
    wait_until(page, lambda: _draft(page, item_id)["fields"]["notes"] == FIRST_WORDS + " More.", message="typing saved")
    assert _draft(page, item_id).get("alert"), "typing in the other tab dropped the alert's mark"
    other.close()


# The page hidden as a phone hides it (another app in front), then frozen by the browser: its scripts stop there.
_HIDDEN = """() => {
  Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
  Object.defineProperty(document, 'hidden', { value: true, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}"""

# A slow phone, from another tab: a transaction over the drafts kept busy until window.__release, so the app's
# saves wait behind it (each save's write is several round trips; this makes the moment they are in flight last).
_HOLD_DRAFTS = """() => new Promise((started, failed) => {
  const request = indexedDB.open('encounter-log');
  request.onerror = () => failed(request.error);
  request.onsuccess = () => {
    const tx = request.result.transaction('drafts', 'readwrite');
    const store = tx.objectStore('drafts');
    const spin = () => { if (!window.__release) store.count().onsuccess = spin; };
    store.count().onsuccess = () => { started(); spin(); };
    window.__held = new Promise((done) => { tx.oncomplete = done; });
  };
})"""


def _close(page) -> None:
    """The employee swipes the app away."""
    page.close()


def _hide_freeze_kill(page) -> None:
    """Another app comes to the front: the page is hidden, frozen, and later killed to free memory."""
    cdp = page.context.new_cdp_session(page)
    page.evaluate(_HIDDEN)
    cdp.send("Page.setWebLifecycleState", {"state": "frozen"})
    page.close()


@pytest.mark.parametrize("leave", [_close, _hide_freeze_kill], ids=["closed", "hidden-frozen-killed"])
def test_words_typed_just_before_the_page_is_closed_are_all_there_when_the_app_is_opened_again(
        page, context, world, catalogs, leave):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    item_id, box = _notes_typed(page, app)
    slow = context.new_page()
    slow.goto("/#/")
    wait_for_app(slow)
    slow.evaluate(_HOLD_DRAFTS)
    # The phone ends the page while the last keystrokes' saves are still waiting to be written: a write in flight
    # then never lands, and one begun in pagehide neither.
    page.bring_to_front()
    box.press_sequentially(" They asked for the staff list.")
    words = FIRST_WORDS + " They asked for the staff list."
    leave(page)
    slow.evaluate("() => { window.__release = true; return window.__held; }")
    slow.close()

    page = context.new_page()
    page.goto(f"/#/encounter/{item_id}/report/notes")
    wait_for_app(page)
    expect(page.get_by_role("textbox", name=app.t("field.notes"), exact=True)).to_have_value(words)
    wait_for_draft(page, lambda draft: draft["fields"]["notes"] == words, item_id,
                   message="every word stored in the draft")
