"""The phone's side: its IndexedDB as the app writes it, waits on the page, a sign-in without the screens.

The page runs under a strict Content-Security-Policy, so every script handed to
``evaluate``/``wait_for_function`` is a function (``"() => …"``), never a bare expression
(and never eval inside). Route handlers of the sync Playwright API only run while the test
thread is inside a Playwright call: wait with ``wait_until``/``page.wait_for_timeout``,
never ``time.sleep``.
"""
import time
import uuid
from contextlib import contextmanager

from playwright.sync_api import expect

from tests.e2e.catalogs import read_catalogs
from tests.factories import PASSWORD

@contextmanager
def zoned_context(browser, live_server, zone: str):
    """A browser context on the live server whose own time zone is ``zone`` (an IANA name), whatever the machine's."""
    ctx = browser.new_context(service_workers="allow", base_url=live_server.url, locale="en-US", timezone_id=zone)
    ctx.set_default_timeout(10_000)
    try:
        yield ctx
    finally:
        ctx.close()


# Open the app's database as it is: never create it (an empty version 1 would stop the app's upgrade).
_OPEN = """
const openAppDb = () => new Promise((resolve, reject) => {
  const request = indexedDB.open('encounter-log');
  request.onupgradeneeded = () => request.transaction.abort();
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(new Error('the app has not created its database yet: ' + request.error));
});
const done = (tx) => new Promise((resolve, reject) => {
  tx.oncomplete = () => resolve();
  tx.onerror = () => reject(tx.error);
  tx.onabort = () => reject(tx.error || new Error('transaction aborted'));
});
"""

_GET_ALL = "async (store) => {" + _OPEN + """
  const db = await openAppDb();
  try {
    const tx = db.transaction(store, 'readonly');
    const request = tx.objectStore(store).getAll();
    await done(tx);
    return request.result;
  } finally { db.close(); }
}"""

_GET_KV = "async (key) => {" + _OPEN + """
  const db = await openAppDb();
  try {
    const tx = db.transaction('kv', 'readonly');
    const request = tx.objectStore('kv').get(key);
    await done(tx);
    return request.result === undefined ? null : request.result;
  } finally { db.close(); }
}"""

_PUT = "async ({store, value, key}) => {" + _OPEN + """
  const db = await openAppDb();
  try {
    const tx = db.transaction(store, 'readwrite');
    if (key === null) tx.objectStore(store).put(value); else tx.objectStore(store).put(value, key);
    await done(tx);
  } finally { db.close(); }
}"""


# --- the page --------------------------------------------------------------------------------

def wait_for_service_worker(page, timeout: float = 15_000) -> None:
    """Wait until a service worker controls the page (the shell is then precached)."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=timeout)


def wait_for_app(page, timeout: float = 10_000) -> None:
    """Wait until the router has rendered a screen (its heading) into #app."""
    page.wait_for_function("() => document.querySelector('#app h1') !== null", timeout=timeout)


def choose_language(page, label: str, code: str) -> None:
    """Open the app and pick a language in the header's selector, as a user does before signing in."""
    page.goto("/")
    wait_for_app(page)
    toggle = page.locator("#header .menu-toggle")
    if toggle.is_visible():  # a narrow screen with large text folds the picker behind Menu
        toggle.click()
    page.locator("#header").get_by_role("combobox", name="Language").select_option(label=label)
    expect(page.locator("html")).to_have_attribute("lang", code)
    # <html lang> changes first; the header is drawn again a moment later (it reads the session first): wait for
    # its words, so what a test sees or records next is the chosen language's, not the English still shown.
    expect(page.locator("#header .lang-select")).to_have_attribute("aria-label", read_catalogs()[code]["settings.language"])


def idb_all(page, store: str) -> list:
    """Every record of one of the app's IndexedDB stores."""
    return page.evaluate(_GET_ALL, store)


def idb_kv(page, key: str):
    """A value of the app's kv store (None when absent)."""
    return page.evaluate(_GET_KV, key)


def idb_put(page, store: str, value, key=None) -> None:
    """Write a record into one of the app's stores (``key`` for the out-of-line kv store)."""
    page.evaluate(_PUT, {"store": store, "value": value, "key": key})


def outbox(page) -> dict:
    """The outbox, by report id."""
    return {record["id"]: record for record in idb_all(page, "outbox")}


def wait_for_outbox(page, item_id: str, predicate, timeout: float = 15.0, message: str = "") -> dict:
    """Wait until the outbox record ``item_id`` satisfies ``predicate(record)``; return the record."""
    def check():
        record = outbox(page).get(item_id)
        return record if record is not None and predicate(record) else None

    return wait_until(page, check, timeout=timeout, message=message or f"outbox record {item_id}")


def wait_for_draft(page, predicate, item_id: str | None = None, timeout: float = 10.0, message: str = "") -> dict:
    """Wait until the stored draft ``item_id`` (None: the phone's only draft) satisfies ``predicate(draft)``; return it.

    The screens draw a change at once and save it a moment later (src/drafts.js saveDraft, not awaited), so a
    draft read right after the screen shows a change may still be the one from before it.
    """
    def check():
        drafts = idb_all(page, "drafts")
        if item_id is None:
            assert len(drafts) == 1, f"expected the phone's only draft, found {len(drafts)}"
            draft = drafts[0]
        else:
            draft = next((d for d in drafts if d["id"] == item_id), None)
        return draft if draft is not None and predicate(draft) else None

    return wait_until(page, check, timeout=timeout, message=message or f"the stored draft {item_id or ''}".strip())


def trigger_sync(page) -> None:
    """Fire one of the engine's own triggers (the browser's ``online`` event) without touching the UI."""
    page.evaluate("() => window.dispatchEvent(new Event('online'))")


def sign_in_through_api(page, username: str, password: str = PASSWORD) -> dict:
    """Do what api.js signIn does, from the page: a device id, POST /auth/login, the session into kv.

    For tests of the sync engine that must not depend on the sign-in screen.
    """
    wait_for_app(page)
    device = idb_kv(page, "device_id") or str(uuid.uuid4())
    answer = page.evaluate("""async ({username, password, device}) => {
        const response = await fetch('/api/v1/auth/login', {method: 'POST',
          headers: {'Content-Type': 'application/json', Accept: 'application/json'},
          body: JSON.stringify({username, password, device_id: device, device_name: 'e2e'})});
        return {status: response.status, data: await response.json()};
      }""", {"username": username, "password": password, "device": device})
    assert answer["status"] == 200, answer
    data = answer["data"]
    idb_put(page, "kv", device, "device_id")
    idb_put(page, "kv", {"token": data["token"], "user": data["user"], "expires_at": data["expires_at"]}, "session")
    return {"device_id": device, **data}


def wait_until(page, condition, timeout: float = 15.0, message: str = "condition"):
    """Poll ``condition()`` until truthy, letting Playwright dispatch (routes, events) meanwhile."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message}")
        page.wait_for_timeout(100)


def queue_reports(page, bodies: list[dict], ids: list[str] | None = None) -> list[dict]:
    """Submit report bodies as the signed-in user, through the app's own outbox.js (dist/seed.js), as Submit does."""
    return page.evaluate("""async ({bodies, ids}) => {
        const seed = await import('/seed.js');
        return seed.queueReports(bodies, ids);
      }""", {"bodies": bodies, "ids": ids or []})


def queue_report(page, body: dict, item_id: str) -> dict:
    """Submit one report body under ``item_id`` through the app's outbox.js."""
    return queue_reports(page, [body], [item_id])[0]
