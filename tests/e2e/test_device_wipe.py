"""Revoke with wipe empties the phone after it sent what it held; a phone out of contact too long wipes itself."""
import uuid
from datetime import datetime, timedelta, timezone

from playwright.sync_api import Error as PlaywrightError
from sqlalchemy import select

from server.extensions import db
from server.models import Device
from tests.e2e.device import idb_kv, idb_put, queue_report, trigger_sync, wait_for_app, wait_until
from tests.e2e.flow import sign_in
from tests.e2e.network import go_offline, go_online
from tests.e2e.stored import count_encounters
from tests.factories import PASSWORD, encounter_body, sign_in_via_api

STORES = ["kv", "drafts", "outbox", "versions", "sites", "updates", "photos"]
_COUNTS = """async (stores) => {
  // Never create the database: an empty one would stop the app's own upgrade.
  const db = await new Promise((resolve) => {
    const request = indexedDB.open('encounter-log');
    request.onupgradeneeded = () => request.transaction.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
  });
  if (db === null) return null;
  try {
    const counts = {};
    for (const store of stores) {
      if (!db.objectStoreNames.contains(store)) { counts[store] = 0; continue; }
      counts[store] = await new Promise((resolve) => {
        const request = db.transaction(store).objectStore(store).count();
        request.onsuccess = () => resolve(request.result);
      });
    }
    return counts;
  } finally { db.close(); }
}"""


def stored_counts(page) -> dict | None:
    """How many records each of the app's stores holds (None: no database at all)."""
    try:
        return page.evaluate(_COUNTS, STORES)
    except Exception:  # the page is reloading
        return {"reloading": 1}


def _signed_out_offline(page) -> None:
    """Sign out with no network, as the Settings screen does: the token is forgotten, the outbox stays."""
    page.evaluate("""async () => new Promise((resolve) => {
        const request = indexedDB.open('encounter-log');
        request.onsuccess = () => { const tx = request.result.transaction('kv', 'readwrite');
          tx.objectStore('kv').delete('session'); tx.oncomplete = () => resolve(); };
      })""")


def reload_to_start_again(page) -> None:
    """Reload so the app starts again and checks its contact clock.

    The app may get there first: its start-up check, still running from the last load, can read the
    clock the test just set back, wipe and reload the page itself, which aborts this reload. Either
    way the phone must end up empty, which is what the caller waits for.
    """
    try:
        page.reload()
    except PlaywrightError as error:  # the two ways Chromium reports a reload overtaken by the page's own
        if "ERR_ABORTED" not in str(error) and "Not attached to an active page" not in str(error):
            raise


def emptied(page) -> bool:
    """Nothing of the app's data is left (language may be kept by the fresh start: kv holds nothing else)."""
    counts = stored_counts(page)
    return counts is None or all(n == 0 for name, n in counts.items() if name != "kv") and counts.get("kv", 0) <= 1


def test_revoke_with_wipe_sends_what_is_unsent_then_empties_the_phone(page, world, client):
    page.goto("/")
    sign_in(page, "field.a")
    counts = stored_counts(page)
    assert counts["versions"] >= 1 and counts["sites"] >= 1
    device_id = idb_kv(page, "device_id")
    admin = sign_in_via_api(client, "admin")
    answer = client.post(f"/api/v1/admin/devices/{device_id}/revoke", json={"wipe": True}, headers=admin.headers)
    assert answer.status_code == 200
    # A report still only on the phone when the order arrives.
    queue_report(page, encounter_body(world, "A"), str(uuid.uuid4()))

    trigger_sync(page)

    wait_until(page, lambda: emptied(page) and "#/signin" in page.url, timeout=30, message="the phone wiped")
    wait_for_app(page)
    assert page.get_by_label("Password").count() == 1
    assert count_encounters() == 1  # what was unsent reached the server first
    db.session.expire_all()
    assert db.session.scalar(select(Device.wiped_at).where(Device.id == uuid.UUID(device_id))) is not None



def test_a_wipe_ordered_after_a_plain_revoke_empties_the_phone_though_its_unsent_report_cannot_leave(
        page, world, client):
    # The documented way for a leaver: deactivate (or revoke), then revoke with wipe. The server takes
    # nothing from this phone any more, so waiting to send first would keep its data for a month.
    page.goto("/")
    sign_in(page, "field.a")
    device_id = idb_kv(page, "device_id")
    admin = sign_in_via_api(client, "admin")
    for wipe in (False, True):
        answer = client.post(f"/api/v1/admin/devices/{device_id}/revoke", json={"wipe": wipe}, headers=admin.headers)
        assert answer.status_code == 200
    queue_report(page, encounter_body(world, "A"), str(uuid.uuid4()))

    trigger_sync(page)

    wait_until(page, lambda: emptied(page) and "#/signin" in page.url, timeout=30,
               message="the phone wiped though the server refused its push")
    assert count_encounters() == 0


def test_a_phone_out_of_contact_longer_than_allowed_wipes_itself_offline(page, context, world):
    page.goto("/")
    sign_in(page, "field.a")
    long_ago = (datetime.now(timezone.utc) - timedelta(days=31)).isoformat().replace("+00:00", "Z")
    idb_put(page, "kv", long_ago, "last_contact_at")
    go_offline(context)

    reload_to_start_again(page)

    wait_until(page, lambda: emptied(page) and "#/signin" in page.url, timeout=30, message="the phone wiped itself")


def test_a_phone_signed_out_with_a_report_it_could_not_send_wipes_itself_once_out_of_contact_too_long(
        page, context, world):
    """Signed out, nothing syncs any more: the report left unsent must not stay on a lost phone for good."""
    page.goto("/")
    sign_in(page, "field.a")
    page.evaluate("() => import('/seed.js')")  # loaded while online: queue_report uses it offline
    go_offline(context)
    queue_report(page, encounter_body(world, "A"), str(uuid.uuid4()))
    _signed_out_offline(page)
    page.reload()
    wait_for_app(page)
    assert stored_counts(page)["outbox"] == 1, "signed out, the phone kept the report for its owner"
    long_ago = (datetime.now(timezone.utc) - timedelta(days=31)).isoformat().replace("+00:00", "Z")
    idb_put(page, "kv", long_ago, "last_contact_at")

    reload_to_start_again(page)

    wait_until(page, lambda: emptied(page) and "#/signin" in page.url, timeout=30,
               message="the signed-out phone wiped itself")


def test_a_phone_signed_out_when_its_wipe_was_ordered_erases_at_the_next_sign_in(page, context, world, client):
    # Signed out, the phone syncs no more, so only a sign-in can tell it; before, it answered "revoked"
    # and the report left unsent stayed on the phone for good.
    page.goto("/")
    sign_in(page, "field.a")
    device_id = idb_kv(page, "device_id")
    page.evaluate("() => import('/seed.js')")  # loaded while online: queue_report uses it offline
    go_offline(context)
    queue_report(page, encounter_body(world, "A"), str(uuid.uuid4()))
    _signed_out_offline(page)
    go_online(context)
    admin = sign_in_via_api(client, "admin")
    answer = client.post(f"/api/v1/admin/devices/{device_id}/revoke", json={"wipe": True}, headers=admin.headers)
    assert answer.status_code == 200
    assert not emptied(page)

    page.goto("/#/signin")
    wait_for_app(page)
    page.get_by_label("Username", exact=True).fill("field.a")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.locator("#app").get_by_role("button", name="Sign in", exact=True).click()

    wait_until(page, lambda: emptied(page) and "#/signin" in page.url, timeout=30,
               message="the phone erased at the sign-in that heard of its wipe")
    assert count_encounters() == 0
    wait_for_app(page)
    sign_in(page, "field.a")  # erased, it is a new device: the same person signs in again
    assert idb_kv(page, "device_id") != device_id
