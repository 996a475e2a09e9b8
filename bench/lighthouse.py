"""Lighthouse (npm ``lighthouse``, node_modules/.bin) on the sign-in screen and the signed-in home
screen, against the system Chromium, printing Performance, Accessibility and Best Practices with
the audits that cost points, and the app's installability. Called by bench/pwa.py.

Lighthouse 12 dropped its PWA category (its installability audits read Chromium's own check),
so installability is read the same way here: Chromium's ``Page.getInstallabilityErrors`` and
``Page.getManifestIcons`` over the DevTools protocol, plus a maskable icon in the manifest.

One Chromium with a profile folder and a debugging port: Lighthouse measures sign-in first,
Playwright then signs in through the screen in the same profile, and Lighthouse measures the
home screen without resetting storage (``--disable-storage-reset``), so it is really signed in.

With ``runs`` > 1 each page is measured that many times and the median score is printed, with the
figures that do not depend on how busy the CPU is (requests, bytes, scripts, main-thread task
count, from Lighthouse's ``diagnostics``/``resource-summary`` audits): on a shared, loaded machine
the scores move with the load, those figures do not.

    .venv/bin/python -m bench.pwa --only-lighthouse --lighthouse-runs 5 [--build | --dist DIR]
"""
import json
import os
import socket
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

from bench import common

LIGHTHOUSE = common.ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index")
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 100}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_devtools(port: int, timeout_s: float = 20) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/json/version", timeout=1).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("Chromium's DevTools port did not answer")


def audit(url: str, port: int, out: Path, keep_storage: bool) -> dict:
    """One Lighthouse run (mobile, simulated throttling, Lighthouse's defaults); its JSON report."""
    command = [str(LIGHTHOUSE), url, f"--port={port}", "--output=json", f"--output-path={out}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}"]
    if keep_storage:
        command.append("--disable-storage-reset")
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed: {done.stderr[-2000:]}")
    return json.loads(out.read_text())


def figures(report: dict) -> dict:
    """One run's scores, metrics (ms) and the CPU-independent figures."""
    audits = report["audits"]
    found = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    found.update({m: audits[m]["numericValue"] for m in METRICS if audits.get(m, {}).get("numericValue") is not None})
    diagnostics = (audits.get("diagnostics", {}).get("details", {}).get("items") or [{}])[0]
    for key in ("numRequests", "numScripts", "numTasks", "numTasksOver50ms", "totalByteWeight", "totalTaskTime"):
        if key in diagnostics:
            found[key] = diagnostics[key]
    for item in audits.get("resource-summary", {}).get("details", {}).get("items", []):
        if item.get("resourceType") == "script":
            found["scriptBytes"] = item["transferSize"]
    found["blocking"] = len(audits.get("render-blocking-resources", {}).get("details", {}).get("items", []))
    # Scripts the page had requested before its largest paint, the screen itself (observed, not simulated;
    # the first paint is index.html's "Loading…"): count, bytes sent and JavaScript to parse.
    network = audits.get("network-requests", {}).get("details", {})
    start_ms = network.get("debugData", {}).get("networkStartTimeTs", 0) / 1000
    observed = (audits.get("metrics", {}).get("details", {}).get("items") or [{}])[0]
    lcp_ms = observed.get("observedLargestContentfulPaintTs", 0) / 1000
    if start_ms and lcp_ms:
        early = [r for r in network.get("items", []) if r.get("resourceType") == "Script"
                 and start_ms + r.get("networkRequestTime", 0) < lcp_ms]
        found["scriptsBeforePaint"] = len(early)
        found["scriptBytesBeforePaint"] = sum(r.get("transferSize", 0) for r in early)
        found["resourceBytesBeforePaint"] = sum(r.get("resourceSize", 0) for r in early)
    return found


def summary(name: str, reports: list[dict]) -> dict:
    """Print the runs' median scores and metrics, the CPU-independent figures and the audits below full
    marks (of the median run); return the medians."""
    runs = [figures(r) for r in reports]
    median = {k: statistics.median(r[k] for r in runs) for k in runs[0] if all(k in r for r in runs)}
    perf = sorted(r["performance"] for r in runs)
    spread = f" (runs: {', '.join(map(str, perf))})" if len(runs) > 1 else ""
    print(f"   {name}: Performance {median['performance']:.0f}{spread}, Accessibility {median['accessibility']:.0f},"
          f" Best Practices {median['best-practices']:.0f}  (goals {GOALS['performance']}/100/100)")
    print("      median " + ", ".join(f"{m} {median[m]:.0f} ms" if m != "cumulative-layout-shift"
                                      else f"{m} {median[m]:.3f}" for m in METRICS if m in median))
    print(f"      CPU-independent: {median.get('numRequests', 0):.0f} requests ({median.get('numScripts', 0):.0f} scripts),"
          f" {median.get('totalByteWeight', 0) / 1000:.1f} KB transferred ({median.get('scriptBytes', 0) / 1000:.1f} KB"
          f" of script), {median['blocking']:.0f} render-blocking resources, {median.get('numTasks', 0):.0f}"
          f" main-thread tasks ({median.get('numTasksOver50ms', 0):.0f} over 50 ms; total"
          f" {median.get('totalTaskTime', 0):.0f} ms at load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    if "scriptsBeforePaint" in median:
        print(f"      before the screen's largest paint: {median['scriptsBeforePaint']:.0f} scripts requested,"
              f" {median['scriptBytesBeforePaint'] / 1000:.1f} KB transferred ({median['resourceBytesBeforePaint'] / 1000:.1f}"
              " KB of JavaScript to parse)")
    report = reports[sorted(range(len(runs)), key=lambda i: runs[i]["performance"])[len(runs) // 2]]
    audits = report["audits"]
    if median["performance"] < GOALS["performance"]:
        work = audits.get("mainthread-work-breakdown", {}).get("details", {}).get("items", [])[:4]
        print("      main thread: " + ", ".join(f"{w['groupLabel']} {w['duration']:.0f} ms" for w in work)
              + " (simulated times scale with the machine's load)")
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            found = audits[ref["id"]]
            if ref["weight"] and found["score"] is not None and found["score"] < 1:
                print(f"      {category}: {ref['id']} {found['score']:.2f} {found.get('displayValue', '')}")
    return median


def installability(port: int, base: str) -> dict:
    """Chromium's own installability verdict for the app, and whether the manifest has a maskable icon."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.connect_over_cdp(f"http://127.0.0.1:{port}")
        page = browser.contexts[0].new_page()
        page.goto(base + "/")
        page.wait_for_function("() => document.querySelector('#app h1') !== null", timeout=15_000)
        cdp = page.context.new_cdp_session(page)
        errors = [e["errorId"] for e in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]]
        icon = bool(cdp.send("Page.getManifestIcons").get("primaryIcon"))
        manifest = page.evaluate("fetch('/manifest.webmanifest').then((r) => r.json())")
        page.close()
    maskable = [i["sizes"] for i in manifest["icons"] if "maskable" in i.get("purpose", "")]
    return {"errors": errors, "icon": icon, "maskable": maskable}


def sign_in(port: int, base: str, user: str, password: str) -> None:
    """Sign in through the sign-in screen in the profile Lighthouse uses next."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.connect_over_cdp(f"http://127.0.0.1:{port}")
        page = browser.contexts[0].new_page()
        page.goto(base + "/#/signin")
        page.get_by_label("Username").fill(user)
        page.get_by_label("Password").fill(password)
        page.locator("#app").get_by_role("button", name="Sign in").click()
        page.get_by_role("button", name="Start encounter").wait_for(timeout=20_000)
        page.close()


def run(base: str, chromium: str, user: str, password: str, folder: Path, runs: int = 1) -> dict:
    """Lighthouse on both screens (``runs`` times each) and the installability check; prints them and
    returns the median figures."""
    print("\n5. Lighthouse (npm lighthouse, mobile preset, simulated throttling) against the system Chromium")
    if not LIGHTHOUSE.exists():
        print("   SKIPPED: node_modules/.bin/lighthouse is missing (npm ci)")
        return {}
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()
    port = _free_port()
    profile = folder / "lighthouse-profile"
    chrome = subprocess.Popen([chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                               "--disable-background-networking", "--disable-component-update", "--disable-sync",
                               f"--remote-debugging-port={port}", f"--user-data-dir={profile}", "about:blank"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_devtools(port)
        print(f"   Lighthouse {version}, {chromium}")
        print(f"   {runs} run(s) per screen; load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        results = {"sign-in": summary("sign-in (/#/signin), first visit", [
            audit(f"{base}/#/signin", port, folder / f"lh-signin-{i}.json", keep_storage=False) for i in range(runs)])}
        sign_in(port, base, user, password)
        results["home"] = summary("signed-in home (/)", [
            audit(f"{base}/", port, folder / f"lh-home-{i}.json", keep_storage=True) for i in range(runs)])
        found = installability(port, base)
        installable = not [e for e in found["errors"] if e != "in-incognito"]
        print(f"   installable (Chromium's check): {'yes' if installable else 'NO: ' + ', '.join(found['errors'])};"
              f" manifest icon chosen: {'yes' if found['icon'] else 'no'}; maskable icons: {', '.join(found['maskable']) or 'none'}")
        results["installable"] = installable and bool(found["maskable"])
        return results
    finally:
        chrome.terminate()
        try:
            chrome.wait(timeout=10)
        except subprocess.TimeoutExpired:
            chrome.kill()
