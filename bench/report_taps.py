"""Taps and scrolling from Home to a submitted minimal report, on a 390×844 phone (issue 11, "Benchmark").

A minimal report is what the server needs and nothing more: site, area, document shown (the core's
``encounter/form.py`` REQUIRED). The walk is the shortest a user has: Start encounter, "Go to the report
form" on the first step, the short screen, Submit, and Submit at the top of the review.

How it counts: each tap, check or click is one tap; a site picker (a native select) is two, to open it and
to pick. Before each tap the element is scrolled just into view (``scrollIntoView({block: 'nearest'})``,
the least a thumb has to scroll; the page's scroll padding keeps it clear of the sticky bar), and the
distance scrolled is added up. A field already holding a value (a site chosen by default) costs no tap.
Goal: at most 6 taps and 2 screens (2 × 844 px) of scrolling. Two reports are filed in a row: the first
on the phone, and the next one (where a default site, when the app has one, saves the picker).
"""
import json
import shutil
import subprocess
import time

from bench import common

VIEWPORT = {"width": 390, "height": 844}
TARGET_TAPS = 6
TARGET_SCREENS = 2.0


def english() -> dict:
    """The phone's English catalog (labels to find the controls by), read by node."""
    script = "import('./pwa/src/messages/en.js').then((m) => process.stdout.write(JSON.stringify(m.default)))"
    done = subprocess.run([shutil.which("node") or "node", "--input-type=module", "-e", script], cwd=common.ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


class Walk:
    """Taps and scroll distance on one page, screen by screen."""

    def __init__(self, page):
        self.page, self.taps, self.scrolled, self.screens = page, 0, 0.0, []

    def screen(self, name: str) -> None:
        """A new screen is showing: note its height."""
        self.page.wait_for_function("() => document.querySelector('#app h1') !== null")
        self.screens.append((name, self.page.evaluate("document.documentElement.scrollHeight")))

    def tap(self, locator, taps: int = 1, action=None) -> None:
        """Scroll the least needed to see ``locator``, then tap it (``action`` instead of a click)."""
        before = self.page.evaluate("window.scrollY")
        locator.evaluate("(el) => el.scrollIntoView({block: 'nearest'})")
        self.scrolled += abs(self.page.evaluate("window.scrollY") - before)
        (action or locator.click)()
        self.taps += taps


def file_minimal(page, t: dict, db_path: str, table_count) -> dict:
    """Walk from Home to a submitted minimal report; return taps, scroll and the screens' heights."""
    walk = Walk(page)
    page.goto("/#/")
    start = page.get_by_role("button", name=t["home.start"], exact=True)
    start.wait_for(state="visible")
    walk.screen("home")
    before = table_count()
    walk.tap(start)
    walk.screen("checklist step 1")
    walk.tap(page.get_by_role("link", name=t["step.to_report"], exact=True))
    page.get_by_role("heading", name=t["form.title"], level=1).wait_for()
    walk.screen("report, short screen")
    site = page.get_by_role("combobox", name=t["field.site"])
    if not site.input_value():
        first = site.locator("option").nth(1).get_attribute("value")
        walk.tap(site, taps=2, action=lambda: site.select_option(first))
    for legend, option in (("field.area_type", "area.public"), ("field.document_type", "doc.none")):
        walk.tap(page.get_by_role("group", name=t[legend]).get_by_role("radio", name=t[option], exact=True))
    walk.tap(page.locator(".form-bar").get_by_role("button", name=t["form.submit"], exact=True))
    page.get_by_role("heading", name=t["review.title"], level=1).wait_for()
    walk.screen("review")
    walk.tap(page.get_by_role("button", name=t["review.submit"], exact=True))
    page.get_by_role("heading", name=t["reports.title"], level=1).wait_for()
    deadline = time.monotonic() + 30
    while table_count() <= before:
        if time.monotonic() > deadline:
            raise RuntimeError("the minimal report never reached the server")
        page.wait_for_timeout(100)
    return {"taps": walk.taps, "scrolled": walk.scrolled, "screens": walk.screens}


def measure(browser, base: str, sign_in, db_path: str, table_count) -> list[dict]:
    """File two minimal reports in a row at 390×844 and print taps and scrolling for each."""
    t = english()
    context = browser.new_context(base_url=base, viewport=VIEWPORT, device_scale_factor=3, is_mobile=True,
                                  has_touch=True, service_workers="allow")
    try:
        page = context.new_page()
        sign_in(page)
        runs = [file_minimal(page, t, db_path, table_count) for _ in range(2)]
    finally:
        context.close()
    # A new phone whose employee allows location, standing at Central Library: the nearest site is the default.
    context = browser.new_context(base_url=base, viewport=VIEWPORT, device_scale_factor=3, is_mobile=True,
                                  has_touch=True, service_workers="allow", permissions=["geolocation"],
                                  geolocation={"latitude": 34.0506, "longitude": -118.2552})
    try:
        page = context.new_page()
        sign_in(page)
        runs.append(file_minimal(page, t, db_path, table_count))
    finally:
        context.close()
    print(f"\n== Home → submitted minimal report at {VIEWPORT['width']}×{VIEWPORT['height']}"
          f" (goal ≤ {TARGET_TAPS} taps, ≤ {TARGET_SCREENS:g} screens of scrolling)")
    for name, run in zip(("first report on the phone", "next report", "first report, location allowed"), runs):
        heights = ", ".join(f"{screen} {height} px" for screen, height in run["screens"])
        print(f"   {name}: {run['taps']} taps, {run['scrolled']:.0f} px scrolled"
              f" = {run['scrolled'] / VIEWPORT['height']:.2f} screens (page heights: {heights})")
    return runs
