"""Issue 14, reading comfort: dark mode (the phone's, or chosen in Settings), text size, a
320 px phone at 200 % text, and WCAG AA colour contrast in both themes (axe's color-contrast
rule passes on every node: no violation and nothing left "incomplete")."""
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from encounter import form
from tests.e2e.axe import AxeScans
from tests.e2e.build import ROOT
from tests.e2e.device import idb_kv, wait_for_app, wait_until
from tests.e2e.flow import FieldApp
from tests.e2e.layout import assert_fits, assert_thumb_sized

CONTRAST = """async () => {
  const r = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } });
  const nodes = (list) => list.flatMap((v) => v.nodes.map((n) => n.target.join(' ') + ' :: ' + (n.any[0]?.message || '')));
  return { violations: nodes(r.violations), incomplete: nodes(r.incomplete), passes: r.passes.length };
}"""


def theme(page) -> str:
    """The theme the page shows (data-theme on <html>)."""
    return page.locator("html").get_attribute("data-theme")


def settings(page, app: FieldApp) -> None:
    """Open Settings from the header (its menu first, where a narrow screen folds the links)."""
    toggle = page.locator("#header .menu-toggle")
    if toggle.is_visible():
        toggle.click()
    page.locator("#header").get_by_role("link", name=app.t("nav.settings"), exact=True).click()
    expect(app.heading()).to_have_text(app.t("settings.title"))


def keep_screenshot(page, tmp_path: Path, name: str) -> Path:
    """A screenshot for people to look at; STORE_SCREENSHOTS=1 also refreshes pwa/screenshots (the manifest's)."""
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path))
    if os.environ.get("STORE_SCREENSHOTS"):
        page.screenshot(path=str(ROOT / "pwa" / "screenshots" / f"{name}.png"))
    return path


def test_the_app_follows_a_dark_phone_and_a_choice_in_settings_overrides_it_for_good(page, world, catalogs, tmp_path):
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": 390, "height": 844})
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    assert theme(page) == "dark"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(18, 20, 23)"
    assert keep_screenshot(page, tmp_path, "home-dark").stat().st_size > 0
    app.start_encounter()
    keep_screenshot(page, tmp_path, "step-dark")

    settings(page, app)
    page.get_by_role("group", name=app.t("settings.theme")).get_by_role(
        "radio", name=app.t("settings.theme.light"), exact=True).check()
    expect(page.locator("html")).to_have_attribute("data-theme", "light")
    wait_until(page, lambda: idb_kv(page, "theme") == "light", message="the theme stored on the phone")
    page.reload()
    wait_for_app(page)
    assert theme(page) == "light"  # remembered on the phone, although the phone is still dark

    page.get_by_role("group", name=app.t("settings.theme")).get_by_role(
        "radio", name=app.t("settings.theme.system"), exact=True).check()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    page.emulate_media(color_scheme="light")
    expect(page.locator("html")).to_have_attribute("data-theme", "light")  # follows the phone live


def test_the_text_size_setting_enlarges_every_screen_and_is_remembered(page, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    settings(page, app)
    root_size = "parseFloat(getComputedStyle(document.documentElement).fontSize)"
    assert page.evaluate(root_size) == 16
    page.get_by_role("group", name=app.t("settings.text_size")).get_by_role(
        "radio", name=app.t("settings.text_size.largest"), exact=True).check()
    page.wait_for_function(f"{root_size} === 20")
    wait_until(page, lambda: idb_kv(page, "text_size") == "largest", message="the text size stored on the phone")
    page.reload()
    wait_for_app(page)
    page.wait_for_function(f"{root_size} === 20")


def test_at_320_px_and_200_percent_text_nothing_scrolls_sideways_and_the_alert_is_on_the_first_screen(
        context, page, world, catalogs, tmp_path):
    page.set_viewport_size({"width": 320, "height": 568})
    # The browser's own text size at 200 % (16 px → 32 px): rem and the media queries' em follow it.
    context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == 32
    # The most urgent action comes first: "Agents here now" (issue 11); Start follows below it.
    alert = page.get_by_role("button", name=app.t("home.alert"), exact=True).bounding_box()
    keep_screenshot(page, tmp_path, "home-320-200")
    assert alert["y"] + alert["height"] <= 568, f"Agents here now ends at {alert['y'] + alert['height']} px"
    assert_fits(page, "home at 200 %")
    app.start_encounter()
    assert_fits(page, "checklist step at 200 %")
    settings(page, app)
    assert_fits(page, "settings at 200 %")


# The stylesheet's own properties (--ink, --rule …) that have no value on the page: a property defined by itself
# is "guaranteed invalid", and every border or colour that uses it quietly disappears.
_PROPERTIES_WITHOUT_VALUE = """() => {
  const names = new Set();
  for (const sheet of document.styleSheets) for (const rule of sheet.cssRules) {
    if (rule.style) for (const name of rule.style) if (name.startsWith('--')) names.add(name);
  }
  const root = getComputedStyle(document.documentElement);
  return [...names].filter((name) => !root.getPropertyValue(name).trim()).sort();
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_report_forms_sections_and_cards_are_ruled_off_in_both_themes(page, world, catalogs, scheme):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 390, "height": 844})
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    app.start_encounter()
    app.to_report()
    assert page.evaluate(_PROPERTIES_WITHOUT_VALUE) == []
    rules = page.evaluate("""() => ['.jump-list', '.form-bar'].map((s) => {
      const style = getComputedStyle(document.querySelector(s));
      return [s, style.borderTopStyle, style.borderTopWidth];
    })""")
    assert rules == [[".jump-list", "solid", "2px"], [".form-bar", "solid", "2px"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_meets_wcag_aa_contrast_in_both_themes_with_nothing_left_incomplete(
        context, page, world, catalogs, scheme):
    AxeScans.inject(context)
    page.emulate_media(color_scheme=scheme)
    app = FieldApp(page, catalogs["en"])
    results = {}
    page.goto("/#/signin")
    wait_for_app(page)
    results["sign-in"] = page.evaluate(CONTRAST)
    app.sign_in("field.a")
    results["home"] = page.evaluate(CONTRAST)
    app.start_encounter()
    results["step"] = page.evaluate(CONTRAST)
    page.get_by_role("button", name=app.t("step.to_report")).or_(
        page.get_by_role("link", name=app.t("step.to_report"))).click()
    expect(app.heading()).to_have_text(app.t("form.title"))
    # Scrolled to its end the sticky Submit bar rests in its own place, so no text is behind it (axe would
    # otherwise call that text's background unknown); everything above scrolls out from under it on the page.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    results["report form"] = page.evaluate(CONTRAST)
    settings(page, app)
    results["settings"] = page.evaluate(CONTRAST)
    page.goto("/#/guide")
    wait_for_app(page)
    results["guide"] = page.evaluate(CONTRAST)
    assert theme(page) == scheme
    bad = {name: r for name, r in results.items() if r["violations"] or r["incomplete"] or not r["passes"]}
    assert not bad, bad


@pytest.mark.parametrize(("code", "label", "width"), [("en", "English", 360), ("fa", "فارسی", 360),
                                                      ("es", "Español", 320), ("fa", "فارسی", 320)])
def test_every_control_on_the_field_screens_is_thumb_sized(page, world, catalogs, code, label, width):
    page.set_viewport_size({"width": width, "height": 640 if width == 360 else 568})
    app = FieldApp(page, catalogs[code], code)
    app.choose_language(label, code)
    app.sign_in("field.a")
    # "Warrant guide" and "Change language" were 43 px tall; in Persian, the header's "Home" 43 px wide.
    assert_thumb_sized(page, "home")
    app.start_encounter()
    assert_thumb_sized(page, "checklist step")
    app.to_report()
    assert_thumb_sized(page, "report form")
    # Each section's yes / no answers: "Sí" and "No" (Farsi "بله", "نه") were labels about 20 px wide beside a
    # 24 px radio, with an untappable gap between them.
    for section, _ in form.SECTIONS:
        app.open_section(section)
        assert_thumb_sized(page, f"report form, {section}")
    for where in ("reports", "settings", "guide"):
        page.goto(f"/#/{where}")
        wait_for_app(page)
        assert_thumb_sized(page, where)


@pytest.mark.parametrize("size", ["large", "largest"])
def test_at_360_px_the_apps_own_large_text_folds_the_header_behind_menu_and_start_is_on_the_first_screen(
        page, world, catalogs, size):
    page.set_viewport_size({"width": 360, "height": 740})
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    toggle = page.locator("#header .menu-toggle")
    expect(toggle).to_be_hidden()  # normal text: 22.5 em wide, the links fit beside the name
    settings(page, app)
    page.get_by_role("group", name=app.t("settings.text_size")).get_by_role(
        "radio", name=app.t(f"settings.text_size.{size}"), exact=True).check()
    expect(toggle).to_be_visible()  # at once, as the browser's own large text does
    page.goto("/#/")
    wait_for_app(page)
    expect(app.heading()).to_have_text(app.t("home.title"))
    expect(toggle).to_be_visible()
    expect(page.locator("#header nav")).to_be_hidden()
    start = app.start_button().bounding_box()
    assert start["y"] >= 0 and start["y"] + start["height"] <= 740, f"Start encounter spans {start} of 740 px"
    assert_fits(page, f"home at {size}")
