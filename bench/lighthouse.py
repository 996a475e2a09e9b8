"""Lighthouse (npm ``lighthouse``, node_modules/.bin) on the sign-in screen and the signed-in home
screen, against the system Chromium, printing Performance, Accessibility and Best Practices with
the audits that cost points, and the app's installability. Called by bench/pwa.py.

Lighthouse 12 dropped its PWA category (its installability audits read Chromium's own check),
so installability is read the same way here: Chromium's ``Page.getInstallabilityErrors`` and
``Page.getManifestIcons`` over the DevTools protocol, plus a maskable icon in the manifest.

One Chromium with a profile folder and a debugging port: Lighthouse measures sign-in first,
Playwright then signs in through the screen in the same profile, and Lighthouse measures the
home screen without resetting storage (``--disable-storage-reset``), so it is really signed in.
"""
import json
import os
import socket
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


def summary(name: str, report: dict) -> dict:
    """Print one run's scores, metrics and the audits below full marks; return the scores."""
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    audits = report["audits"]
    print(f"   {name}: Performance {scores['performance']}, Accessibility {scores['accessibility']},"
          f" Best Practices {scores['best-practices']}  (goals {GOALS['performance']}/100/100)")
    print("      " + ", ".join(f"{m} {audits[m]['displayValue']}" for m in METRICS if audits.get(m, {}).get("displayValue")))
    if scores["performance"] < GOALS["performance"]:
        work = audits.get("mainthread-work-breakdown", {}).get("details", {}).get("items", [])[:4]
        print("      main thread: " + ", ".join(f"{w['groupLabel']} {w['duration']:.0f} ms" for w in work)
              + f" (load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: simulated times scale with it)")
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            found = audits[ref["id"]]
            if ref["weight"] and found["score"] is not None and found["score"] < 1:
                print(f"      {category}: {ref['id']} {found['score']:.2f} {found.get('displayValue', '')}")
    return scores


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


def run(base: str, chromium: str, user: str, password: str, folder: Path) -> dict:
    """Both Lighthouse runs and the installability check; prints them and returns the figures."""
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
        figures = {"sign-in": summary("sign-in (/#/signin)", audit(f"{base}/#/signin", port, folder / "lh-signin.json",
                                                                   keep_storage=False))}
        sign_in(port, base, user, password)
        figures["home"] = summary("signed-in home (/)", audit(f"{base}/", port, folder / "lh-home.json",
                                                              keep_storage=True))
        found = installability(port, base)
        installable = not [e for e in found["errors"] if e != "in-incognito"]
        print(f"   installable (Chromium's check): {'yes' if installable else 'NO: ' + ', '.join(found['errors'])};"
              f" manifest icon chosen: {'yes' if found['icon'] else 'no'}; maskable icons: {', '.join(found['maskable']) or 'none'}")
        figures["installable"] = installable and bool(found["maskable"])
        return figures
    finally:
        chrome.terminate()
        try:
            chrome.wait(timeout=10)
        except subprocess.TimeoutExpired:
            chrome.kill()
