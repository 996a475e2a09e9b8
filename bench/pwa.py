"""Field app (PWA) figures in headless Chromium: shell size, offline reload, outbox upload.

Fresh SQLite database (``db upgrade``, ``seed-demo``), the app under ``gunicorn -w 2`` on a
free 127.0.0.1 port serving a snapshot of the built field app, and the system Chromium
driven by Playwright. It prints three figures (issue 3, "Benchmark"):

1. the shell's transferred size on first load, compressed (Brotli, gzip without it), every file (page and service worker);
2. the time from an offline reload to an interactive home screen;
3. the time for an outbox of 200 queued reports to reach the server once back online;
then the shell in every language (bench/languages.py) and the alert latency of issue 11
(bench/alert_latency.py: tap → the liaison's queue, online p50/p95 over 20 alerts, and after
10 s offline from reconnect; skipped with a message while the server lacks /api/v1/alerts).

and first (issue 11, ``bench/report_taps.py``) the taps and scrolling from Home to a submitted minimal
report at 390×844 (``--only-taps`` prints only that; ``--only-shell`` only figures 1 and 4, the bytes).

It prints figures, it is not a test: it exits 1 only when a measurement could not be made
(e.g. the reports never all arrived).

    .venv/bin/python -m bench.pwa [--size-runs 3] [--reloads 7] [--outbox-runs 3] [--reports 200]
                                  [--alerts 20] [--alert-offline-runs 3] [--build] [--dist DIR]
"""
import argparse
import importlib.metadata
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

if __package__ in (None, ""):  # run as a file: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import alert_latency, common, languages, lighthouse, report_taps
from bench.reports import report_body

USER = "field.lapl"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
TARGET_SHELL_BYTES = 100_000  # KB here means 1000 bytes
TARGET_RELOAD_S = 1.0
TARGET_OUTBOX_S = 10.0
START_LABEL = "Start encounter"  # the home screen's main button (messages/en.js home.start)
HOME_TITLE = "Encounter Log"  # the home screen's h1 (messages/en.js home.title), the fallback
DIST = common.ROOT / "pwa" / "dist"

# Watches the DOM of every new document from its very start (an init script is injected by
# the browser, not subject to the page's CSP). Records performance.now(), i.e. ms since the
# navigation started, when #app first holds an h1 and when the target is interactive:
# the button named `label` rendered, visible and enabled (or, mode "h1", the h1 saying `label`).
_PROBE = """(() => {
  if (window.top !== window) return;
  const cfg = %s;
  const marks = {};
  window.__bench = marks;
  const ready = (app) => {
    if (cfg.mode === 'h1') {
      const h = app.querySelector('h1');
      return h && h.textContent.trim() === cfg.label;
    }
    for (const b of app.querySelectorAll('button')) {
      if (b.textContent.trim() === cfg.label && !b.disabled && b.getClientRects().length) return true;
    }
    return false;
  };
  const check = () => {
    const app = document.getElementById('app');
    if (!app) return;
    if (marks.h1 === undefined && app.querySelector('h1')) marks.h1 = performance.now();
    if (marks.ready === undefined && ready(app)) {
      marks.ready = performance.now();
      requestAnimationFrame(() => { marks.frame = performance.now(); });
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, {childList: true, subtree: true, characterData: true, attributes: true,
                              attributeFilter: ['disabled', 'hidden', 'class', 'style']});
})();"""

# Navigation milestones of the current document, ms since navigation start.
_NAV_TIMES = """() => {
  const nav = performance.getEntriesByType('navigation')[0] || {};
  const js = performance.getEntriesByType('resource').find((e) => /^\/app-\w+\.js$/.test(new URL(e.name).pathname));
  return {workerStart: nav.workerStart || null, responseEnd: nav.responseEnd || null,
          dcl: nav.domContentLoadedEventEnd || null, appJs: js ? js.responseEnd : null,
          controlled: navigator.serviceWorker.controller !== null, marks: window.__bench || {}};
}"""

# The app's IndexedDB, opened as it is (never created or upgraded by the bench).
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
# Submit report bodies through the app's own outbox.js (dist/seed.js), as the Submit button does; ids back.
_QUEUE = """async (bodies) => {
  const seed = await import('/seed.js');
  return (await seed.queueReports(bodies)).map((record) => record.id);
}"""
_PUT_KV = "async ({key, value}) => {" + _OPEN + """
  const db = await openAppDb();
  try {
    const tx = db.transaction('kv', 'readwrite');
    tx.objectStore('kv').put(value, key);
    await done(tx);
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
# States of the given outbox ids, counted ({state: n}); reads the state index only, not the bodies.
_OUTBOX_STATES = "async (ids) => {" + _OPEN + """
  const wanted = new Set(ids);
  const db = await openAppDb();
  try {
    const tx = db.transaction('outbox', 'readonly');
    const request = tx.objectStore('outbox').index('state').openKeyCursor();
    const counts = {};
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return;
      if (wanted.has(cursor.primaryKey)) counts[cursor.key] = (counts[cursor.key] || 0) + 1;
      cursor.continue();
    };
    await done(tx);
    return counts;
  } finally { db.close(); }
}"""


# --- set-up ------------------------------------------------------------------------------------

def _newest_source_mtime() -> float:
    """The newest modification time among the field app's sources (pwa/ but dist/)."""
    pwa = common.ROOT / "pwa"
    return max((p.stat().st_mtime for p in pwa.rglob("*") if p.is_file() and DIST not in p.parents), default=0.0)


def _snapshot(source: Path, target: Path) -> None:
    """Copy a built app; retry briefly if a build is rewriting it right now."""
    for attempt in range(5):
        try:
            shutil.copytree(source, target)
            if (target / "sw.js").exists() and (target / "index.html").exists():
                return
        except (FileNotFoundError, shutil.Error):
            pass
        shutil.rmtree(target, ignore_errors=True)
        time.sleep(1 + attempt)
    raise RuntimeError(f"could not copy the built app from {source}: is a build running? (npm run build)")


def _build_working_tree(work: Path) -> Path:
    """Build the field app's current sources into ``work`` (pwa/dist is left alone); return the dist."""
    if shutil.which("node") is None:
        raise RuntimeError("--build needs node")
    shutil.copytree(common.ROOT / "pwa", work / "pwa", ignore=shutil.ignore_patterns("dist"))
    (work / "node_modules").symlink_to(common.ROOT / "node_modules")
    done = subprocess.run(["node", str(work / "pwa" / "build.mjs")], cwd=work, capture_output=True, text=True,
                          timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"building the working tree failed:\n{done.stdout}{done.stderr}")
    print(f"   built the working tree: {done.stdout.strip()}")
    return work / "pwa" / "dist"


def _prepare_dist(args, instance: Path) -> Path:
    """The built app the server will serve: a snapshot, so a rebuild meanwhile changes nothing."""
    target = instance / "dist"
    if args.build:
        _snapshot(_build_working_tree(instance / "build"), target)
        return target
    source = Path(args.dist) if args.dist else DIST
    if not (source / "index.html").exists():
        raise RuntimeError(f"{source} holds no built app: run 'npm run build', or pass --build")
    built = min(p.stat().st_mtime for p in (source / "index.html", source / "sw.js", *source.glob("app-*.js")))
    if not args.dist and built < _newest_source_mtime():
        print("   WARNING: pwa/dist is older than pwa/ sources; measuring the old build (pass --build for the"
              " current sources)")
    _snapshot(source, target)
    return target


# --- the browser -------------------------------------------------------------------------------

def _abort_service_worker_requests(route, request):
    """Offline for the service worker too: set_offline does not reach its fetches (playwright#2311)."""
    if request.service_worker is not None:
        route.abort("internetdisconnected")
    else:
        route.fallback()


def go_offline(context) -> None:
    """Cut the network for the pages and the service worker of this context."""
    context.set_offline(True)
    context.route("**", _abort_service_worker_requests)


def go_online(context) -> None:
    """Give the network back to the pages and the service worker."""
    context.unroute("**", _abort_service_worker_requests)
    context.set_offline(False)


def new_context(browser, base: str, locale: str = "en-US"):
    """A fresh profile-like context: empty caches, no service worker, no IndexedDB."""
    return browser.new_context(base_url=base, service_workers="allow", locale=locale)


def wait_controlled(page, timeout_ms: float = 20_000) -> None:
    """Wait until a service worker controls the page (install, hence the precache, is then done)."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=timeout_ms)


def idb_kv(page, key: str):
    """A value of the app's kv store (None when absent)."""
    return page.evaluate(_GET_KV, key)


def sign_in(page, password: str) -> str:
    """Sign in as USER through the sign-in screen; fall back to the API + IndexedDB if the screen is not there.

    Returns how it signed in ("ui" or "api").
    """
    page.goto("/#/signin")
    page.wait_for_function("() => document.querySelector('#app h1') !== null", timeout=15_000)
    username = page.get_by_label("Username")
    try:
        username.wait_for(state="visible", timeout=5_000)
        username.fill(USER)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_function("() => ['', '#/'].includes(window.location.hash)", timeout=15_000)
        return "ui"
    except Exception as exc:  # noqa: BLE001 - the UI is being finished: any failure means "use the API"
        print(f"   (sign-in screen not usable: {type(exc).__name__}; signing in through the API)")
    device = idb_kv(page, "device_id") or str(uuid.uuid4())
    answer = page.evaluate("""async ({username, password, device}) => {
        const response = await fetch('/api/v1/auth/login', {method: 'POST',
          headers: {'Content-Type': 'application/json', Accept: 'application/json'},
          body: JSON.stringify({username, password, device_id: device, device_name: 'bench pwa'})});
        return {status: response.status, data: await response.json()};
      }""", {"username": USER, "password": password, "device": device})
    if answer["status"] != 200:
        raise RuntimeError(f"API sign-in answered {answer['status']}: {answer['data']}")
    data = answer["data"]
    page.evaluate(_PUT_KV, {"key": "device_id", "value": device})
    page.evaluate(_PUT_KV, {"key": "session", "value": {"token": data["token"], "user": data["user"],
                                                         "expires_at": data["expires_at"]}})
    page.goto("/#/")
    page.reload()
    return "api"


def wait_home_ready(page, timeout_ms: float = 20_000) -> tuple[str, str]:
    """Wait until the home screen is usable; return the probe's (mode, label).

    Mode "button": the "Start encounter" button is there and enabled (the checklist was pulled).
    Mode "h1": the home screen has no such button yet; its h1 is the target instead.
    """
    page.wait_for_function("() => document.querySelector('#app h1') !== null", timeout=timeout_ms)
    button = page.get_by_role("button", name=START_LABEL, exact=True)
    try:
        button.wait_for(state="visible", timeout=timeout_ms)
        page.wait_for_function(
            "(label) => [...document.querySelectorAll('#app button')].some((b) => b.textContent.trim() === label"
            " && !b.disabled)", arg=START_LABEL, timeout=timeout_ms)
        return "button", START_LABEL
    except Exception:  # noqa: BLE001
        page.get_by_role("heading", name=HOME_TITLE, level=1).wait_for(state="visible", timeout=5_000)
        print(f'   NOTE: no enabled "{START_LABEL}" button on the home screen; timing its h1 instead')
        return "h1", HOME_TITLE


def wait_sync_idle(page, timeout_s: float = 20.0) -> None:
    """Wait until the sync engine has finished a successful run (kv last_sync_at set)."""
    deadline = time.monotonic() + timeout_s
    while idb_kv(page, "last_sync_at") is None:
        if time.monotonic() > deadline:
            raise RuntimeError("the app never completed a sync after sign-in")
        page.wait_for_timeout(100)
    page.wait_for_timeout(300)  # let the run's tail (events, re-render) settle


# --- 1. the shell's size on first load ---------------------------------------------------------

def _file_for(path: str, dist: Path) -> Path | None:
    """The built file a URL path is served from (``/`` is index.html)."""
    name = "index.html" if path in ("", "/") else path.lstrip("/")
    file = dist / name
    return file if file.is_file() else None


def _served_since(access_log: Path, offset: int) -> list[tuple[str, int, int]]:
    """(path, status, body bytes) of every non-API request the server logged after ``offset``."""
    with open(access_log, "rb") as log:
        log.seek(offset)
        lines = log.read().decode().splitlines()
    served = []
    for line in lines:
        path, status, size = line.split()
        if not path.startswith("/api/"):
            served.append((path, int(status), 0 if size == "-" else int(size)))
    return served


def first_load(browser, base: str, dist: Path, access_log: Path, locale: str = "en-US") -> dict:
    """Load / in a fresh context, let the service worker install; return every non-API response's sizes."""
    log_offset = access_log.stat().st_size if access_log.exists() else 0
    context = new_context(browser, base, locale)
    finished, failed = [], []
    context.on("requestfinished", lambda request: finished.append(request))
    context.on("requestfailed", lambda request: failed.append(request))
    try:
        page = context.new_page()
        t0 = time.perf_counter()
        page.goto("/")
        page.wait_for_function("() => document.querySelector('#app h1') !== null", timeout=15_000)
        wait_controlled(page)
        controlled_s = time.perf_counter() - t0
        # Settle: no new request for 1 s (bounded to 15 s).
        deadline, seen = time.monotonic() + 15, -1
        while len(finished) != seen and time.monotonic() < deadline:
            seen = len(finished)
            page.wait_for_timeout(1000)
        rows = []
        for request in finished:
            parts = urlsplit(request.url)
            if parts.path.startswith("/api/"):
                continue
            response = request.response()
            headers = response.headers if response else {}
            sizes = request.sizes()
            file = _file_for(parts.path, dist)
            length = headers.get("content-length")
            rows.append({
                "path": parts.path + (f"?{parts.query[:24]}…" if parts.query else ""),
                "by": "service worker" if request.service_worker is not None else "page",
                "status": response.status if response else None,
                "encoding": headers.get("content-encoding", "identity"),
                "body": sizes["responseBodySize"],
                "headers": sizes["responseHeadersSize"],
                "content_length": int(length) if length and length.isdigit() else None,
                "raw": file.stat().st_size if file else None,
            })
        page.wait_for_timeout(500)  # gunicorn writes its access log after the response
        return {"rows": rows, "failed": [f"{r.url} {r.failure}" for r in failed], "controlled_s": controlled_s,
                "served": _served_since(access_log, log_offset)}
    finally:
        context.close()


def measure_shell(browser, base: str, dist: Path, runs: int, access_log: Path) -> dict:
    """Several fresh first loads; print the last one's files and the median totals."""
    totals = []
    for _ in range(runs):
        load = first_load(browser, base, dist, access_log)
        rows = load["rows"]
        # Bytes on the wire: Chromium's encoded body size; when it reports 0 (e.g. a worker's request it
        # could not attribute) fall back to the compressed response's Content-Length.
        for row in rows:
            row["wire"] = row["body"] if row["body"] > 0 else (row["content_length"] or 0)
        unique = {}  # by the file served: "/" and "/index.html" are the same file
        for row in rows:
            path = row["path"].split("?")[0]
            unique.setdefault("/index.html" if path == "/" else path, row)
        totals.append({
            "wire": sum(r["wire"] for r in rows), "headers": sum(r["headers"] for r in rows),
            "raw": sum(r["raw"] or 0 for r in rows), "count": len(rows),
            "unique_wire": sum(r["wire"] for r in unique.values()),
            "unique_raw": sum(r["raw"] or 0 for r in unique.values()), "unique_count": len(unique),
            "not_compressed": sorted({r["path"] for r in rows if r["encoding"] not in ("br", "gzip")}),
            "mismatch": [r["path"] for r in rows if r["content_length"] is not None and r["body"] > 0
                         and r["body"] != r["content_length"]],
            "controlled_s": load["controlled_s"], "failed": load["failed"], "rows": rows,
            "served": sum(size for _path, _status, size in load["served"]), "served_count": len(load["served"]),
            "served_rows": load["served"],
        })
    last = totals[-1]
    print(f"\n1. Shell transferred on first load: fresh context, Chromium's own Accept-Encoding; {runs} runs")
    print("   method: every response of the context (page and service worker: PW_EXPERIMENTAL_SERVICE_WORKER_"
          "NETWORK_EVENTS) after / until the worker controls the page and 1 s passes with no new request;")
    print("   body = request.sizes()['responseBodySize'] (encoded bytes received), checked against the compressed"
          " Content-Length; raw = the uncompressed built file. /api/ is left out (none is made signed out).")
    print(f"   {'file':<38} {'fetched by':<15} {'status':>6} {'encoding':<9} {'body B':>8} {'hdrs B':>7}"
          f" {'raw B':>8}")
    for row in last["rows"]:
        print(f"   {row['path']:<38} {row['by']:<15} {row['status']!s:>6} {row['encoding']:<9} {row['wire']:>8}"
              f" {row['headers']:>7} {row['raw'] if row['raw'] is not None else '?':>8}")
    med = {key: statistics.median(t[key] for t in totals)
           for key in ("wire", "headers", "raw", "unique_wire", "unique_raw", "controlled_s", "served")}
    spread = {t["wire"] for t in totals}
    print(f"   every response ({last['count']}): bodies {med['wire'] / 1000:.1f} KB compressed"
          f" (+ {med['headers'] / 1000:.1f} KB headers = {(med['wire'] + med['headers']) / 1000:.1f} KB),"
          f" raw {med['raw'] / 1000:.1f} KB  [median; runs ranged {min(spread)}-{max(spread)} B of bodies]")
    print(f"   each file once ({last['unique_count']}): {med['unique_wire'] / 1000:.1f} KB compressed,"
          f" raw {med['unique_raw'] / 1000:.1f} KB")
    print(f"   KB = 1000 bytes. Service worker in control {med['controlled_s']:.2f} s after goto (median).")
    if last["not_compressed"]:
        print(f"   not compressed: {', '.join(last['not_compressed'])}")
    if last["mismatch"]:
        print(f"   NOTE: encoded size differs from Content-Length for {', '.join(last['mismatch'])}")
    if last["failed"]:
        print(f"   failed requests: {'; '.join(last['failed'][:5])}")
    print(f"   the server's access log: {last['served_count']} responses, {med['served'] / 1000:.1f} KB of bodies"
          f" (median): " + ", ".join(f"{p} {st} {b}" for p, st, b in last["served_rows"]))
    print("   (hashed scripts and the stylesheet, app-*.js, chunks/* and styles-*.css, are sent immutable and precached without a revision: a real"
          " worker takes them from the HTTP cache; under Playwright's worker network events it fetches them again)")
    verdict = "meets" if med["served"] <= TARGET_SHELL_BYTES else "is ABOVE"
    print(f"   target <= 100 KB compressed: {med['served'] / 1000:.1f} KB sent by the server {verdict} it")
    return {**med, "runs": runs, "count": last["count"], "unique_count": last["unique_count"]}


# --- 2. offline reload to an interactive home screen ------------------------------------------

def _timed_reload(page, target) -> dict:
    """Reload, wait until the target is interactive; return the page's own milestones and the wall time."""
    t0 = time.perf_counter()
    page.reload(wait_until="commit")
    target.wait_for(state="visible", timeout=15_000)
    page.wait_for_function("() => window.__bench && window.__bench.ready !== undefined", timeout=15_000)
    wall = time.perf_counter() - t0
    page.wait_for_function("() => window.__bench.frame !== undefined", timeout=5_000)
    timing = page.evaluate(_NAV_TIMES)
    if not timing["controlled"]:
        raise RuntimeError("an offline reload was not served by the service worker")
    page.wait_for_timeout(300)  # let the app's start-up sync attempt (offline: fails at once) finish
    return {"wall": wall * 1000, **timing, **timing["marks"]}


def _median(samples: list[dict], key: str) -> float:
    """The median of one milestone over samples (nan when none has it)."""
    values = [s[key] for s in samples if s.get(key) is not None]
    return statistics.median(values) if values else float("nan")


def measure_offline_reload(browser, base: str, password: str, reloads: int) -> dict:
    """Sign in online, go offline, then time reloads until the home screen is interactive.

    Three kinds: the first offline reload; ``reloads`` more with the service worker running
    (the app reopened soon after); ``reloads`` with the worker stopped first through the
    DevTools protocol (ServiceWorker.stopAllWorkers), as when a phone reopens the app
    after the browser has shut the idle worker down: the worker must start to answer.
    """
    context = new_context(browser, base)
    try:
        page = context.new_page()
        how = sign_in(page, password)
        mode, label = wait_home_ready(page)
        wait_controlled(page)
        wait_sync_idle(page)
        context.add_init_script(script=_PROBE % json.dumps({"mode": mode, "label": label}))
        go_offline(context)
        target = (page.get_by_role("button", name=label, exact=True) if mode == "button"
                  else page.get_by_role("heading", name=label, level=1))
        first = _timed_reload(page, target)
        warm = [_timed_reload(page, target) for _ in range(reloads)]
        cold = []
        try:
            cdp = context.new_cdp_session(page)
            cdp.send("ServiceWorker.enable")
        except Exception as exc:  # noqa: BLE001 - the cold figure is optional
            print(f"   (cannot stop the service worker through CDP: {exc}; no cold-worker figure)")
            cdp = None
        for _ in range(reloads if cdp else 0):
            cdp.send("ServiceWorker.stopAllWorkers")
            page.wait_for_timeout(200)
            cold.append(_timed_reload(page, target))
    finally:
        context.close()
    figure = {"mode": mode, "signin": how, "n": len(warm), "first_ready_ms": first["ready"],
              "ready_ms": _median(warm, "ready"), "max_ready_ms": max(s["ready"] for s in warm),
              "cold_n": len(cold), "cold_ready_ms": _median(cold, "ready") if cold else None,
              "cold_max_ms": max((s["ready"] for s in cold), default=None)}
    what = f'"{label}" button visible and enabled' if mode == "button" else f'h1 "{label}"'
    print(f"\n2. Offline reload to an interactive home screen: signed in ({how}), service worker in control,"
          f" offline (set_offline + the worker's requests aborted)")
    print(f"   interactive = {what}, seen by a MutationObserver installed (init script) before the page's"
          " scripts run; ms from the navigation start (performance.now() of the new document)")
    print(f"   {'':<34} {'n':>2} {'index.html':>10} {'app.js':>7} {'DCL':>5} {'h1':>5} {'ready':>6}"
          f" {'frame':>6} {'max':>5} {'wall':>5}")
    for name, samples in (("first offline reload", [first]), ("reloads, worker running", warm),
                          ("reloads, worker stopped first", cold)):
        if not samples:
            continue
        print(f"   {name:<34} {len(samples):>2} {_median(samples, 'responseEnd'):>10.0f}"
              f" {_median(samples, 'appJs'):>7.0f} {_median(samples, 'dcl'):>5.0f} {_median(samples, 'h1'):>5.0f}"
              f" {_median(samples, 'ready'):>6.0f} {_median(samples, 'frame'):>6.0f}"
              f" {max(s['ready'] for s in samples):>5.0f} {_median(samples, 'wall'):>5.0f}")
    print("   (medians; index.html/app.js = responseEnd, served by the worker; DCL = DOMContentLoaded end;"
          " frame = the next animation frame after ready;\n    max = slowest ready; wall = Python's clock around"
          " reload() until Playwright saw it, round trips to the driver included)")
    worst = max(figure["ready_ms"], figure["cold_ready_ms"] or 0)
    verdict = "meets" if worst < TARGET_RELOAD_S * 1000 else "is ABOVE"
    print(f"   target < 1 s: {figure['ready_ms']:.0f} ms with the worker running"
          + (f", {figure['cold_ready_ms']:.0f} ms with it stopped" if cold else "") + f": {verdict} it")
    return figure


# --- 3. an outbox of 200 queued reports to the server ------------------------------------------

def _bodies(rng: random.Random, version: dict, sites: list[dict], count: int) -> list[dict]:
    """Valid reports for the user's department, each with every step of the checklist version."""
    out = []
    for _ in range(count):
        body = report_body(rng, version, sites)
        started = datetime.fromisoformat(body["started_at"].replace("Z", "+00:00"))
        body["steps"] = [{"step_id": s["id"], "result": rng.choice(("done", "done", "done", "skipped", "not_applicable")),
                          "at": (started + timedelta(minutes=n, seconds=rng.randrange(60))).strftime("%Y-%m-%dT%H:%M:%SZ")}
                         for n, s in enumerate(version["steps"])]
        out.append(body)
    return out


def _table_count(db_path: str, table: str) -> int:
    """Rows in one table of the bench's SQLite database."""
    with sqlite3.connect(db_path) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _signed_in(page, password: str) -> None:
    """Sign in as USER and wait for the first sync (checklist and sites on the phone)."""
    sign_in(page, password)
    wait_home_ready(page)
    wait_sync_idle(page)


def _server_count(db_path: str, ids: list[str], table: str = "encounters", column: str = "id") -> int:
    """How many rows of ``table`` belong to these reports (SQLite stores UUIDs as 32 hex digits)."""
    hexes = [uuid.UUID(i).hex for i in ids]
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    try:
        return conn.execute(f"SELECT count(*) FROM {table} WHERE {column} IN ({','.join('?' * len(hexes))})",
                            hexes).fetchone()[0]
    finally:
        conn.close()


def outbox_run(browser, base: str, password: str, db_path: str, bodies: list[dict], limit_s: float) -> dict:
    """One run: fresh phone, N reports queued offline, then online; time until server and phone agree."""
    context = new_context(browser, base)
    pushes = []
    context.on("requestfinished", lambda r: pushes.append(r) if "/api/v1/sync/push" in r.url else None)
    try:
        page = context.new_page()
        sign_in(page, password)
        wait_home_ready(page)
        wait_controlled(page)
        wait_sync_idle(page)
        page.evaluate("() => import('/seed.js')")  # loaded while online; the page keeps the module offline
        go_offline(context)
        page.wait_for_timeout(300)
        ids = page.evaluate(_QUEUE, bodies)
        states = page.evaluate(_OUTBOX_STATES, ids)
        if states != {"queued": len(ids)}:
            raise RuntimeError(f"the outbox does not hold {len(ids)} queued reports: {states}")
        if _server_count(db_path, ids):
            raise RuntimeError("the server already holds some of the reports")
        pushes.clear()
        t0_epoch, t0 = time.time(), time.perf_counter()
        go_online(context)
        t_server = t_phone = None
        polls, server_n, phone = 0, 0, {}
        while time.perf_counter() - t0 < limit_s and (t_server is None or t_phone is None):
            polls += 1
            if t_server is None:
                server_n = _server_count(db_path, ids)
                if server_n == len(ids):
                    t_server = time.perf_counter() - t0
            if t_phone is None:
                phone = page.evaluate(_OUTBOX_STATES, ids)
                if phone.get("received") == len(ids):
                    t_phone = time.perf_counter() - t0
            if t_server is None or t_phone is None:
                page.wait_for_timeout(50)
        page.wait_for_timeout(200)  # collect the last requestfinished events
        batches = []
        for request in pushes:
            timing = request.timing
            start = timing["startTime"] / 1000 - t0_epoch
            response = request.response()
            batches.append({"start": start, "end": start + timing["responseEnd"] / 1000,
                            "status": response.status if response else None,
                            "by": "worker" if request.service_worker is not None else "page",
                            "items": len(json.loads(request.post_data or "{}").get("items", []))})
        batches.sort(key=lambda b: b["start"])
        final_server = _server_count(db_path, ids)
        final_steps = _server_count(db_path, ids, "step_results", "encounter_id")
    finally:
        context.close()
    return {"server_s": t_server, "phone_s": t_phone, "server_n": final_server, "phone": phone, "polls": polls,
            "batches": batches, "n": len(bodies),
            "steps": final_steps, "steps_expected": sum(len(b["steps"]) for b in bodies)}


def measure_outbox(browser, base: str, password: str, db_path: str, reference: tuple, args) -> dict:
    """Several runs of the outbox upload; print each and the median."""
    version, sites = reference
    rng = random.Random(3)
    results = []
    print(f"\n3. Outbox of {args.reports} queued reports to the server: {args.outbox_runs} runs, each a fresh"
          f" phone signed in as {USER}; reports submitted offline through the app's own"
          f" submit.js submitDraft (dist/seed.js),\n   each with all {len(version['steps'])} steps of checklist version"
          f" {version['id']}; clock from going online (the 'online' event starts the sync) until the server's"
          " SQLite holds every id (polled)\n   and the phone's outbox shows every one 'received' (polled every"
          " ~50 ms, so figures are within ~0.1 s)")
    for run in range(args.outbox_runs):
        result = outbox_run(browser, base, password, db_path, _bodies(rng, version, sites, args.reports),
                            args.outbox_limit)
        results.append(result)
        batches = result["batches"]
        done = [b for b in batches if b["status"] == 200]
        steps_ok = "" if result["steps"] == result["steps_expected"] else (
            f" (step_results {result['steps']}, expected {result['steps_expected']}!)")
        line = (f"   run {run + 1}: server holds {result['server_n']}/{result['n']}{steps_ok}"
                f" at {_fmt_s(result['server_s'])}, phone shows all received at {_fmt_s(result['phone_s'])};"
                f" {len(batches)} pushes ({', '.join(str(b['items']) for b in batches)} items;"
                f" by {', '.join(sorted({b['by'] for b in batches})) or '-'})")
        print(line)
        if batches:
            in_flight = sum(b["end"] - b["start"] for b in done)
            each = ", ".join(f"{(b['end'] - b['start']) * 1000:.0f}" for b in done)
            print(f"          first push starts {batches[0]['start'] * 1000:.0f} ms after going online; push"
                  f" requests in flight {in_flight:.2f} s in all (each {each} ms);"
                  f" between pushes (phone-side work) {_gaps(batches)}")
        if result["phone_s"] is None or result["server_s"] is None:
            print(f"          NOT COMPLETE after {args.outbox_limit:.0f} s: phone states {result['phone']}")
    complete = [r for r in results if r["server_s"] is not None and r["phone_s"] is not None]
    if not complete:
        return {"ok": False, "runs": len(results), "n": args.reports}
    both = statistics.median(max(r["server_s"], r["phone_s"]) for r in complete)
    figure = {"ok": len(complete) == len(results), "runs": len(results), "n": args.reports, "both_s": both,
              "server_s": statistics.median(r["server_s"] for r in complete),
              "phone_s": statistics.median(r["phone_s"] for r in complete)}
    figure["rate"] = args.reports / both
    print(f"   median of {len(complete)}: server holds all {statistics.median([r['server_s'] for r in complete]):.2f} s,"
          f" phone shows all received {figure['phone_s']:.2f} s -> {both:.2f} s, {figure['rate']:.0f} reports/s")
    verdict = "meets" if both < TARGET_OUTBOX_S else "is ABOVE"
    print(f"   target < 10 s: {both:.2f} s {verdict} it")
    return figure


def _fmt_s(value) -> str:
    """Seconds, or 'never'."""
    return "never" if value is None else f"{value:.2f} s"


def _gaps(batches: list[dict]) -> str:
    """The idle time between one push's answer and the next push, in ms."""
    gaps = [(b["start"] - a["end"]) * 1000 for a, b in zip(batches, batches[1:])]
    return ", ".join(f"{g:.0f}" for g in gaps) + " ms" if gaps else "-"


# --- where the CPU went ------------------------------------------------------------------------

def _descendants(root: int) -> list[int]:
    """Every live process below ``root`` (here: Playwright's driver and Chromium's processes)."""
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except (FileNotFoundError, ProcessLookupError):
            continue
        ppid = int(text.rsplit(")", 1)[1].split()[1])  # field 4, after the command name in parentheses
        children.setdefault(ppid, []).append(int(text.split(" ", 1)[0]))
    out, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def cpu_meter(server: common.Gunicorn) -> common.CpuMeter:
    """CPU of gunicorn, of the browser (Playwright's driver, Chromium) and of this script, apart from the rest."""
    def gunicorn():
        return [server.proc.pid, *server.worker_pids()]

    def browser():
        ours = set(gunicorn())
        return [pid for pid in _descendants(os.getpid()) if pid not in ours]

    return common.CpuMeter({"gunicorn": gunicorn, "browser": browser, "bench script": lambda: [os.getpid()]})


def print_cpu(used: dict) -> None:
    """One line: cores used per group during a phase; a warning when other work took CPU."""
    print(f"   CPU during this phase (cores of {os.cpu_count()}): "
          + ", ".join(f"{name} {cores:.2f}" for name, cores in used.items()))
    if used["other processes"] > 0.25:
        print("   WARNING: other work on this machine took CPU during this phase; the times are pessimistic")


# --- report ------------------------------------------------------------------------------------

def _table(shell: dict, reload: dict, outbox: dict, versions: dict) -> str:
    """The figures as a Markdown table for the README."""
    rows = [f"Headless Chromium {versions['chromium']}, Playwright {versions['playwright']}, gunicorn {common.gunicorn_workers(2)}"
            f", SQLite, {os.cpu_count()} cores, all on one machine (loopback)\n",
            "| figure | result | target |", "|---|---:|---:|",
            f"| shell, first load, sent by the server (page + worker precache; Brotli bodies, access log, median of"
            f" {shell['runs']}) | {shell['served'] / 1000:.1f} KB | ≤ 100 KB |",
            f"| the same as Chromium reports it under Playwright's worker network events (no HTTP cache for the"
            f" worker; {shell['count']} responses) | {shell['wire'] / 1000:.1f} KB | |",
            f"| shell, each file once, compressed ({shell['unique_count']} files) | {shell['unique_wire'] / 1000:.1f} KB"
            f" (raw {shell['unique_raw'] / 1000:.1f} KB) | |",
            f"| offline reload → home interactive, worker running (median of {reload['n']}; first offline"
            f" reload {reload['first_ready_ms']:.0f} ms) | {reload['ready_ms']:.0f} ms | < 1 s |"]
    if reload["cold_ready_ms"] is not None:
        rows.append(f"| offline reload → home interactive, worker stopped first (median of {reload['cold_n']})"
                    f" | {reload['cold_ready_ms']:.0f} ms | < 1 s |")
    if outbox.get("both_s") is not None:
        rows.append(f"| outbox of {outbox['n']} queued reports → server holds all and phone shows all received"
                    f" (median of {outbox['runs']}) | {outbox['both_s']:.2f} s ({outbox['rate']:.0f} reports/s)"
                    f" | < 10 s |")
    else:
        rows.append(f"| outbox of {outbox['n']} queued reports → server | did not complete | < 10 s |")
    return "\n".join(rows)


def _args(argv=None):
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-runs", type=int, default=3, help="fresh first loads for the shell size")
    parser.add_argument("--reloads", type=int, default=7, help="timed offline reloads after the first one")
    parser.add_argument("--outbox-runs", type=int, default=3, help="runs of the outbox upload")
    parser.add_argument("--reports", type=int, default=200, help="queued reports per outbox run")
    parser.add_argument("--outbox-limit", type=float, default=90, help="seconds an outbox run may take at most")
    parser.add_argument("--alerts", type=int, default=20, help="alerts tapped online for the alert latency")
    parser.add_argument("--alert-offline-runs", type=int, default=3,
                        help="alerts tapped offline, reconnected after 10 s, for the alert latency")
    parser.add_argument("--build", action="store_true",
                        help="build the working tree's pwa/ sources into a temp folder and serve that")
    parser.add_argument("--dist", help="serve this built app instead of pwa/dist")
    parser.add_argument("--password", default="bench", help="password given to the demo users")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    parser.add_argument("--no-lighthouse", dest="lighthouse", action="store_false",
                        help="skip the Lighthouse run (npm lighthouse, node_modules/.bin)")
    parser.add_argument("--only-taps", action="store_true",
                        help="only the taps and scrolling from Home to a submitted minimal report (issue 11)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per screen (median printed)")
    parser.add_argument("--only-lighthouse", action="store_true", help="skip figures 1-4: Lighthouse only")
    parser.add_argument("--only-shell", action="store_true",
                        help="only the bytes of a first load: figure 1 (shell) and figure 4 (each language)")
    args = parser.parse_args(argv)
    if min(args.size_runs, args.reloads, args.outbox_runs, args.reports, args.lighthouse_runs) < 1 or args.outbox_limit <= 0:
        parser.error("counts and --outbox-limit must be positive")
    return args


def main(argv=None) -> int:
    """Set up the server, run the three measurements in one Chromium, print the figures."""
    args = _args(argv)
    os.environ["PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS"] = "1"  # before Playwright's driver starts
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="el-bench-pwa-") as tmp:
        instance = Path(tmp)
        print("== field app bench: preparing the built app, SQLite, gunicorn", flush=True)
        dist = _prepare_dist(args, instance)
        db_path = str(instance / "bench.sqlite3")
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{db_path}", "INSTANCE_PATH": str(instance),
               "PWA_DIST": str(dist), "LOGIN_RATE_LIMIT": "1000 per minute", "PYTHONUNBUFFERED": "1"}
        common.prepare(env, args.password)
        log = instance / "gunicorn.log"
        access_log = instance / "access.log"
        try:
            # The access log says what the server really sent (path, status, body bytes): the
            # browser-side figures count a worker's fetch as a download even when Chromium's HTTP
            # cache answered it, because Playwright's worker network events bypass that cache.
            with common.Gunicorn(env, 2, log, ("--access-logfile", str(access_log),
                                               "--access-logformat", "%(U)s %(s)s %({content-length}o)s")) as server:
                base = f"http://127.0.0.1:{server.port}"
                device = common.sign_in(server.port, USER, args.password)
                reference = common.pull_reference(server.port, device["token"])
                if args.only_lighthouse:
                    lighthouse.run(base, args.chromium, USER, args.password, instance, args.lighthouse_runs)
                    return 0
                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS,
                                                         headless=True)
                    try:
                        versions = {"chromium": browser.version,
                                    "playwright": importlib.metadata.version("playwright")}
                        print(f"   gunicorn -w 2 on {base}; Chromium {versions['chromium']} ({args.chromium}),"
                              f" Playwright {versions['playwright']}; {os.cpu_count()} cores", flush=True)
                        if args.only_shell:
                            measure_shell(browser, base, dist, args.size_runs, access_log)
                            languages.measure(first_load, browser, base, dist, access_log)
                            return 0
                        taps = report_taps.measure(browser, base, lambda page: _signed_in(page, args.password),
                                                   db_path, lambda: _table_count(db_path, "encounters"))
                        if args.only_taps:
                            return 0
                        meter = cpu_meter(server)
                        meter.start()
                        shell = measure_shell(browser, base, dist, args.size_runs, access_log)
                        print_cpu(meter.stop())
                        meter.start()
                        reload = measure_offline_reload(browser, base, args.password, args.reloads)
                        print_cpu(meter.stop())
                        meter.start()
                        outbox = measure_outbox(browser, base, args.password, db_path, reference, args)
                        print_cpu(meter.stop())
                        languages.measure(first_load, browser, base, dist, access_log)
                        alert_latency.measure(browser, base, server.port, args.password, new_context, sign_in,
                                              wait_home_ready, go_offline, go_online, alerts=args.alerts,
                                              offline_runs=args.alert_offline_runs)
                    finally:
                        browser.close()
                if args.lighthouse:
                    lighthouse.run(base, args.chromium, USER, args.password, instance, args.lighthouse_runs)
        except BaseException:
            if log.exists():
                print("-- last lines of the gunicorn log:\n" + "\n".join(log.read_text().splitlines()[-30:]))
            raise
    print("\n" + _table(shell, reload, outbox, versions))
    return 0 if outbox.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
