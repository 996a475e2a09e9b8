"""Banners that arrive on their own (offline, "Ready to work offline", an update, a refused sign-in) never
move what is on screen: a button sliding from under a thumb mid-tap is a wrong tap (src/shell.js).

Each test measures a control before and after the banner comes and goes, and reads the browser's own
layout-shift entries (what Lighthouse sums as CLS) for the same moments; the banner is announced once,
from the page's live region, and has its own Dismiss.
"""
import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import AxeScans
from tests.e2e.build import publish_new_service_worker
from tests.e2e.device import sign_in_through_api, trigger_sync, wait_for_app, wait_for_service_worker
from tests.e2e.flow import FieldApp
from tests.e2e.layout import assert_fits
from tests.e2e.network import go_offline, go_online
from tests.e2e.stored import end_sign_in

# Every layout shift the page makes, from its first frame (an init script: the page's CSP allows no injection later).
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__shifts.push({ at: entry.startTime, value: entry.value, input: entry.hadRecentInput,
      moved: (entry.sources || []).map((s) => s.node ? `${s.node.nodeName}.${s.node.className || ''}` : '?') });
  }
}).observe({ type: 'layout-shift', buffered: true });
// Every text a screen reader would be told: nodes added inside a live region (aria-live, role status or alert).
window.__said = [];
new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) {
      const at = node.nodeType === 1 ? node : node.parentElement;
      const live = at?.closest('[aria-live], [role=status], [role=alert]');
      const text = node.textContent.trim();
      if (live && text) {
        const urgent = live.getAttribute('aria-live') === 'assertive' || live.getAttribute('role') === 'alert';
        window.__said.push({ text, urgent });
      }
    }
  }
}).observe(document, { childList: true, subtree: true });
"""
GUARD_S = 0.45  # a floating banner lets taps through for its first 400 ms (components/tap-guard.js)


@pytest.fixture
def field(context, page, catalogs) -> FieldApp:
    """The field app in English, its page recording every layout shift from its first frame."""
    context.add_init_script(RECORD_SHIFTS)
    return FieldApp(page, catalogs["en"])


def _now(page) -> float:
    return page.evaluate("() => performance.now()")


def _shifts_since(page, since: float) -> list:
    """Layout shifts after ``since`` (page time), even those right after a tap (which CLS would forgive)."""
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    return [s for s in page.evaluate("() => window.__shifts") if s["at"] > since]


def _box(locator) -> dict:
    box = locator.bounding_box()
    assert box is not None, "the control is not on the page"
    return box


def _said(page, text: str) -> list[bool]:
    """How urgently (True: assertive) each time ``text`` was told to a screen reader so far."""
    return [said["urgent"] for said in page.evaluate("() => window.__said") if text in said["text"]]


def _announced(page, kind: str, urgent: bool, text: str):
    """The banner of ``kind``, checked to show ``text`` and to have been announced with it, as urgently as asked."""
    banner = page.locator(f".banner-{kind}")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(text)
    page.wait_for_function("(text) => window.__said.some((said) => said.text.includes(text))", arg=text)
    assert set(_said(page, text)) == {urgent}, _said(page, text)
    return banner


def _dismiss(page, field: FieldApp, banner) -> None:
    page.wait_for_timeout(GUARD_S * 1000)
    banner.get_by_role("button", name=field.t("action.dismiss"), exact=True).click()
    expect(banner).to_have_count(0)


def _floats_clear_of(banner, control) -> None:
    """The floating banner, as far as it shows (the tray scrolls what it cannot hold), covers no part of ``control``."""
    whole, tray, box = _box(banner), _box(banner.page.locator("#banner-tray")), _box(control)
    bottom = min(whole["y"] + whole["height"], tray["y"] + tray["height"])
    top = {"y": whole["y"], "height": bottom - whole["y"]}
    assert top["y"] >= box["y"] + box["height"] or top["y"] + top["height"] <= box["y"], (top, box)


def test_going_offline_floats_a_banner_that_moves_nothing_is_said_once_and_takes_its_place_on_the_next_screen(
        context, page, world, field):
    scans = AxeScans(context)
    field.sign_in("field.a")
    page.wait_for_timeout(300)  # "Ready to work offline" may come with Home; dismissed below if it does
    if page.locator(".banner-ready").count():
        _dismiss(page, field, page.locator(".banner-ready"))
    start = field.start_button()
    before, since = _box(start), _now(page)

    go_offline(context)
    banner = _announced(page, "offline", False, field.t("banner.offline"))

    assert _shifts_since(page, since) == []
    assert _box(start) == before
    assert page.locator("#banner-tray .banner-offline").count() == 1, "a banner arriving mid-screen floats"
    _floats_clear_of(banner, start)
    scans("home with the offline banner", page)
    # For 400 ms it lets a tap through to what the finger was aiming at, then it takes taps.
    expect(banner).to_have_css("pointer-events", "auto")

    # The next screen shows it above itself, drawn with it; leaving, it leaves its room until the screen changes.
    page.evaluate("() => { window.location.hash = '#/reports'; }")
    expect(field.heading()).to_have_text(field.t("reports.title"))
    expect(page.locator("#banners .banner-offline")).to_be_visible()
    assert len(_said(page, field.t("banner.offline"))) == 1, "moving above the screen, it was announced again"
    heading, since = _box(field.heading()), _now(page)
    go_online(context)
    expect(page.locator(".banner-offline")).to_have_count(0)
    assert _box(field.heading()) == heading
    assert _shifts_since(page, since) == []
    scans("my reports after the offline banner", page)

    go_offline(context)  # again: floats, is announced again, then Dismiss
    banner = _announced(page, "offline", False, field.t("banner.offline"))
    assert len(_said(page, field.t("banner.offline"))) == 2
    heading = _box(field.heading())
    _dismiss(page, field, banner)
    assert _box(field.heading()) == heading
    scans.assert_clean(screens=2)


def test_ready_to_work_offline_comes_with_the_next_screen_and_its_dismiss_moves_nothing(page, world, field):
    page.goto("/#/signin")
    wait_for_app(page)
    wait_for_service_worker(page)
    field.sign_in("field.a")
    banner = _announced(page, "ready", False, field.t("banner.ready"))
    assert page.locator("#banners .banner-ready").count() == 1, "it came with Home, above it"
    start = field.start_button()
    before, since = _box(start), _now(page)
    page.wait_for_timeout(300)

    assert _shifts_since(page, since) == []
    banner.get_by_role("button", name=field.t("action.dismiss"), exact=True).click()
    expect(banner).to_have_count(0)
    assert _box(start) == before


def test_offline_the_ready_to_work_offline_notice_gives_way_to_the_offline_banner(context, page, world, field):
    page.goto("/#/signin")
    wait_for_app(page)
    wait_for_service_worker(page)
    field.sign_in("field.a")
    _announced(page, "ready", False, field.t("banner.ready"))
    go_offline(context)
    _announced(page, "offline", False, field.t("banner.offline"))
    # One banner: the offline one says what matters now (reports are kept on the phone), and that work goes on.
    expect(page.locator(".banner-ready")).to_have_count(0)
    page.evaluate("() => { window.location.hash = '#/reports'; }")
    expect(field.heading()).to_have_text(field.t("reports.title"))
    expect(page.locator(".banner")).to_have_count(1)
    go_online(context)  # it was said once: it does not come back
    expect(page.locator(".banner-offline")).to_have_count(0)
    page.wait_for_timeout(300)
    expect(page.locator(".banner")).to_have_count(0)


def test_an_update_floats_a_banner_that_moves_nothing_and_can_be_dismissed(page, live_server, world, field):
    field.sign_in("field.a")
    wait_for_service_worker(page)
    start = field.start_button()
    before, since = _box(start), _now(page)

    publish_new_service_worker(live_server.serve_copy())
    page.evaluate("async () => { const registration = await navigator.serviceWorker.getRegistration();"
                  " await registration.update(); }")
    banner = _announced(page, "update", False, field.t("banner.update"))

    assert _box(start) == before
    assert _shifts_since(page, since) == []
    _floats_clear_of(banner, start)
    expect(banner.get_by_role("button", name=field.t("action.reload"), exact=True)).to_be_visible()
    _dismiss(page, field, banner)
    assert _box(start) == before


def test_a_refused_sign_in_floats_an_alert_that_moves_nothing_and_can_be_dismissed(page, world, field):
    page.goto("/")
    wait_for_app(page)
    device = sign_in_through_api(page, "field.a")["device_id"]
    page.goto("/#/settings")
    expect(field.heading()).to_have_text(field.t("settings.title"))
    heading = field.heading()
    before, since = _box(heading), _now(page)

    end_sign_in("token_expired", uuid.UUID(device))
    trigger_sync(page)
    banner = _announced(page, "auth", True, field.t("banner.signin_again"))

    assert _box(heading) == before
    assert _shifts_since(page, since) == []
    expect(banner.get_by_role("link", name=field.t("action.signin"), exact=True)).to_be_visible()
    _dismiss(page, field, banner)
    assert _box(heading) == before


def _small_phone_with_large_text(context, page) -> None:
    """320 px wide at 200 % text (the browser's own text size: rem and the media queries' em follow it)."""
    page.set_viewport_size({"width": 320, "height": 568})
    context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})


@pytest.mark.parametrize("small", [False, True], ids=["default", "320px-200pct"])
def test_on_the_report_a_floating_banner_stays_clear_of_the_submit_bar_and_moves_nothing(context, page, world,
                                                                                      field, small):
    """A floating banner at the bottom once covered the sticky Submit bar at 320 px with 200 % text."""
    if small:
        _small_phone_with_large_text(context, page)
    field.sign_in("field.a")
    field.start_encounter()
    field.to_report()
    submit = field.submit_button()
    before, since = _box(submit), _now(page)

    go_offline(context)
    banner = _announced(page, "offline", False, field.t("banner.offline"))

    assert _box(submit) == before
    assert _shifts_since(page, since) == []
    _floats_clear_of(banner, submit)


def test_at_320_px_and_200_percent_text_a_floating_banner_fits_and_its_dismiss_works_from_the_keyboard(context, page, world, field):
    _small_phone_with_large_text(context, page)
    field.sign_in("field.a")
    alert = page.get_by_role("button", name=field.t("home.alert"), exact=True)
    before = _box(alert)

    go_offline(context)
    banner = _announced(page, "offline", False, field.t("banner.offline"))

    assert _box(alert) == before
    _floats_clear_of(banner, alert)
    assert_fits(page, "home at 200 % with the offline banner")
    dismiss = banner.get_by_role("button", name=field.t("action.dismiss"), exact=True)
    page.keyboard.press("Shift")  # a keyboard user: focus is then drawn (:focus-visible)
    dismiss.focus()
    assert dismiss.evaluate("(el) => el.matches(':focus-visible') && getComputedStyle(el).outlineStyle !== 'none'"
                            " && parseFloat(getComputedStyle(el).outlineWidth) >= 2")
    page.keyboard.press("Enter")
    expect(banner).to_have_count(0)
    expect(field.heading()).to_be_focused()  # not lost to the top of the page with the button
    assert _box(alert) == before


def test_at_320_px_a_banners_buttons_are_a_thumb_tall_floating_and_above_the_screen(context, page, world, catalogs):
    """Folded for a narrow phone, a banner's Dismiss (and Reload, Sign in) were 28 px tall: under 44 px, the size
    every other control of the app keeps."""
    page.set_viewport_size({"width": 320, "height": 568})
    field = FieldApp(page, catalogs["es"], "es")
    field.choose_language("Español", "es")
    field.sign_in("field.a")
    go_offline(context)
    for where in ("#banner-tray", "#banners"):
        if where == "#banners":  # the next screen puts it above itself
            page.evaluate("() => { window.location.hash = '#/reports'; }")
            expect(field.heading()).to_have_text(field.t("reports.title"))
        dismiss = page.locator(f"{where} .banner-offline").get_by_role(
            "button", name=field.t("action.dismiss"), exact=True)
        expect(dismiss).to_be_visible()
        box = _box(dismiss)
        assert box["height"] >= 44 and box["width"] >= 44, (where, box)


def _phone_360(page, catalogs, code: str) -> FieldApp:
    """A 360 × 640 phone in language ``code``, signed in on Home with "Ready to work offline" out of the way."""
    page.set_viewport_size({"width": 360, "height": 640})
    field = FieldApp(page, catalogs[code], code)
    if code != "en":
        field.choose_language({"es": "Español"}[code], code)
    field.sign_in("field.a")
    page.wait_for_timeout(300)  # "Ready to work offline" may come with Home
    if page.locator(".banner-ready").count():
        _dismiss(page, field, page.locator(".banner-ready"))
    return field


@pytest.mark.parametrize("code", ["en", "es"])
def test_at_360_px_a_banner_arriving_mid_screen_ends_above_the_screens_heading(context, page, world, catalogs, code):
    """The offline banner, wrapped to three lines and its Dismiss below, reached over the title right under the header."""
    field = _phone_360(page, catalogs, code)
    page.evaluate("() => { window.location.hash = '#/reports'; }")
    heading = field.heading()
    expect(heading).to_have_text(field.t("reports.title"))

    go_offline(context)
    banner = page.locator("#banner-tray .banner-offline")
    expect(banner).to_contain_text(field.t("banner.offline"))
    _floats_clear_of(banner, heading)
    expect(banner.get_by_role("button", name=field.t("action.dismiss"), exact=True)).to_be_in_viewport()


def test_at_360_px_a_banner_arriving_mid_screen_ends_above_the_control_in_use(context, page, world, catalogs):
    field = _phone_360(page, catalogs, "en")
    field.start_encounter()
    field.to_report()
    site = page.get_by_role("combobox", name=field.t("field.site"))
    site.focus()
    # The employee has scrolled the screen's title away: the field in use sits just under the header's place.
    page.evaluate("(el) => window.scrollBy(0, el.getBoundingClientRect().top - 110)", site.element_handle())
    assert 100 < _box(site)["y"] < 120

    go_offline(context)
    banner = page.locator("#banner-tray .banner-offline")
    expect(banner).to_be_visible()
    _floats_clear_of(banner, site)
    expect(banner.get_by_role("button", name=field.t("action.dismiss"), exact=True)).to_be_in_viewport()
