"""Alert latency (issue 11): from the employee's tap on "Agents here now" to the liaison's open queue
showing the alert. Called by bench/pwa.py.

Two browser contexts on the same server: the phone (the bench's field user) and the desk (that
department's liaison, queue open, the server's push live). Both clocks are the machine's
(``Date.now()`` in each page): the phone records the moment of the tap, the desk a MutationObserver's
moment when a new alert row appears. Between alerts the phone's draft is cleared, so each tap is a
new encounter and a new alert (one alert per encounter). The first alert is a warm-up, not counted
(it may ask which site; later ones use the last used site).

- online: ``--alerts`` taps (default 20), p50/p95 of tap → desk;
- offline: the phone taps while offline, stays offline 10 s, then reconnects; measured from reconnect.

It needs the server side of issue 11 (push kind ``alert``, ``/api/v1/alerts``, ``/api/v1/events``):
when ``/api/v1/alerts`` answers 404 the measurement is skipped with a message.
"""
import time

from bench import common

LIAISON = "liaison.lapl"
ALERT_LABEL = "Agents here now"  # messages/en.js home.alert
TARGET_P95_S = 2.0
OFFLINE_S = 10.0

# Desk: the Date.now() of every alert row's first appearance, by the row's text.
_DESK_PROBE = """(() => {
  if (window.top !== window) return;
  window.__alertRows = [];
  const seen = new Set();
  const check = () => {
    for (const row of document.querySelectorAll('#app tr.row-alert')) {
      const key = row.textContent;
      if (!seen.has(row)) { seen.add(row); window.__alertRows.push({ at: Date.now(), key }); }
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();"""

_CLEAR_DRAFTS = """async () => {
  const request = indexedDB.open('encounter-log');
  const db = await new Promise((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = reject; });
  const tx = db.transaction('drafts', 'readwrite');
  tx.objectStore('drafts').clear();
  await new Promise((resolve) => { tx.oncomplete = resolve; });
  db.close();
}"""

# Tap the alert button; return the page's clock at the tap.
_TAP = """(label) => {
  const button = [...document.querySelectorAll('#app button')].find((b) => b.textContent.trim() === label && !b.disabled);
  if (!button) return null;
  const at = Date.now();
  button.click();
  return at;
}"""


def server_has_alerts(port: int, password: str) -> bool:
    """Whether the server answers /api/v1/alerts (issue 11's server side merged)."""
    token = common.sign_in(port, LIAISON, password)["token"]
    status, _ = common.request(port, "GET", "/api/v1/alerts?state=open", token=token)
    return status != 404


def _desk(browser, new_context, base: str, password: str):
    """The liaison's queue open in its own context, with the row probe; returns (context, page)."""
    context = new_context(browser, base)
    context.add_init_script(_DESK_PROBE)
    page = context.new_page()
    page.goto("/")
    page.wait_for_function("() => document.querySelector('#app h1') !== null", timeout=20_000)
    answer = page.evaluate("""async ({username, password}) => {
        const response = await fetch('/api/v1/auth/login', {method: 'POST',
          headers: {'Content-Type': 'application/json', Accept: 'application/json'},
          body: JSON.stringify({username, password, device_id: crypto.randomUUID(), device_name: 'bench desk'})});
        return {status: response.status, data: await response.json()};
      }""", {"username": LIAISON, "password": password})
    if answer["status"] != 200:
        raise RuntimeError(f"desk sign-in answered {answer['status']}")
    data = answer["data"]
    page.evaluate("""async (session) => {
        const request = indexedDB.open('encounter-log');
        const db = await new Promise((resolve) => { request.onsuccess = () => resolve(request.result); });
        const tx = db.transaction('kv', 'readwrite');
        tx.objectStore('kv').put(session, 'session');
        await new Promise((resolve) => { tx.oncomplete = resolve; });
        db.close();
      }""", {"token": data["token"], "user": data["user"], "expires_at": data["expires_at"]})
    page.goto("/#/desk/queue")
    page.wait_for_function("() => document.querySelector('#app .live-state') !== null", timeout=20_000)
    return context, page


def _rows(desk) -> int:
    return desk.evaluate("() => window.__alertRows.length")


def _wait_row(desk, before: int, timeout_s: float = 30.0) -> float:
    """Wait for a new alert row on the desk; return its Date.now() in ms."""
    desk.wait_for_function("(n) => window.__alertRows.length > n", arg=before, timeout=timeout_s * 1000)
    return desk.evaluate("(n) => window.__alertRows[n].at", before)


def _tap(phone, base_wait) -> float:
    """Clear the drafts, go home, tap the alert (answering the site question if asked); return the tap's time."""
    phone.evaluate(_CLEAR_DRAFTS)
    phone.goto("/#/")
    base_wait(phone)
    phone.get_by_role("button", name=ALERT_LABEL, exact=True).wait_for(state="visible", timeout=20_000)
    at = phone.evaluate(_TAP, ALERT_LABEL)
    if at is None:
        raise RuntimeError("no enabled alert button on the phone's home screen")
    picker = phone.locator("#alert-site")
    try:
        phone.wait_for_function("() => /#\\/encounter\\//.test(location.hash) || document.querySelector('#alert-site')",
                                timeout=10_000)
    except Exception as exc:  # noqa: BLE001
        raise RuntimeError("the alert tap neither opened the checklist nor asked for the site") from exc
    if picker.count():
        picker.select_option(index=1)
        phone.locator("form.alert-site button[type=submit]").click()
        phone.wait_for_function("() => /#\\/encounter\\//.test(location.hash)", timeout=10_000)
    return at


def measure(browser, base: str, port: int, password: str, phone_context_factory, sign_in, wait_home_ready,
            go_offline, go_online, alerts: int = 20, offline_runs: int = 3) -> dict | None:
    """Print and return the alert latency figures, or None (with a message) when the server lacks alerts."""
    print(f"\nAlert latency (issue 11): tap on \"{ALERT_LABEL}\" on the phone → {LIAISON}'s open queue shows it"
          " (desk: the server's push)")
    if not server_has_alerts(port, password):
        print("   SKIPPED: GET /api/v1/alerts answers 404 — the server side of issue 11 (push kind alert, the"
              " event stream) is not in this build yet.")
        return None
    phone_context = phone_context_factory(browser, base)
    desk_context, desk = _desk(browser, phone_context_factory, base, password)
    try:
        phone = phone_context.new_page()
        sign_in(phone, password)
        wait_home_ready(phone)
        before = _rows(desk)
        _tap(phone, wait_home_ready)  # warm-up (may ask which site)
        _wait_row(desk, before)
        online = []
        for _ in range(alerts):
            before = _rows(desk)
            at = _tap(phone, wait_home_ready)
            online.append((_wait_row(desk, before) - at) / 1000)
        offline = []
        for _ in range(offline_runs):
            go_offline(phone_context)
            before = _rows(desk)
            _tap(phone, lambda page: page.wait_for_function("() => document.querySelector('#app h1') !== null"))
            phone.wait_for_timeout(OFFLINE_S * 1000)
            if _rows(desk) != before:
                raise RuntimeError("the desk showed an alert the phone queued offline")
            back = time.time() * 1000
            go_online(phone_context)
            offline.append((_wait_row(desk, before, timeout_s=60) - back) / 1000)
    finally:
        phone_context.close()
        desk_context.close()
    ordered, ordered_off = sorted(online), sorted(offline)
    result = {"n": len(online), "p50": common.percentile(ordered, 50), "p95": common.percentile(ordered, 95),
              "max": ordered[-1], "offline_n": len(offline), "offline_p50": common.percentile(ordered_off, 50),
              "offline_max": ordered_off[-1]}
    print(f"   online, {result['n']} alerts: p50 {result['p50']:.2f} s, p95 {result['p95']:.2f} s, max {result['max']:.2f} s"
          f" (goal p95 < {TARGET_P95_S:.0f} s)")
    print(f"   offline {OFFLINE_S:.0f} s then reconnect, {result['offline_n']} alerts: p50 {result['offline_p50']:.2f} s,"
          f" max {result['offline_max']:.2f} s from reconnect")
    return result
