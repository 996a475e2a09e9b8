"""Issue 14: the whole flow in each of the app's languages, at 320 px, and Farsi right to left.

Sign in → encounter → submit with the UI in each language (labels from that language's
catalog, so a test finds a control only if the screen really shows its text), every screen
checked for text overflowing its button at 320 px, and the report's ``language`` on the server.
"""
import pytest
from playwright.sync_api import expect

from tests.e2e.device import choose_language, wait_until
from tests.e2e.flow import FieldApp, Report
from tests.e2e.layout import assert_fits
from tests.e2e.stored import server_encounters

# App language → the code the server stores (one Chinese code for both scripts, docs/decisions.md).
LANGUAGES = {"en": "en", "es": "es", "ko": "ko", "zh-Hant": "zh", "zh-Hans": "zh", "hy": "hy", "tl": "tl",
             "fa": "fa", "ru": "ru", "vi": "vi"}


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_an_encounter_can_be_signed_in_logged_and_submitted_in_each_language_at_320_px(page, world, catalogs, code):
    page.set_viewport_size({"width": 320, "height": 640})
    messages = catalogs[code]
    app = FieldApp(page, messages, code)
    choose_language(page, {"en": "English", "es": "Español", "ko": "한국어", "zh-Hant": "中文（繁體）",
                           "zh-Hans": "中文（简体）", "hy": "Հայերեն", "tl": "Tagalog", "fa": "فارسی",
                           "ru": "Русский", "vi": "Tiếng Việt"}[code], code)
    expect(app.heading()).to_have_text(messages["signin.title"])
    assert_fits(page, "sign-in")

    app.sign_in("field.a")
    assert_fits(page, "home")
    item_id = app.start_encounter()
    assert_fits(page, "checklist step")
    app.answer_steps(["done"] * 14)
    app.fill_report(Report())
    assert_fits(page, "report form")
    app.review()
    assert_fits(page, "review")
    app.submit()
    assert_fits(page, "my reports")

    stored = wait_until(page, server_encounters, message="the report on the server")
    assert [(row["id"], row["body"]["language"]) for row in stored] == [(item_id, LANGUAGES[code])]


def test_farsi_turns_the_page_right_to_left_and_mirrors_the_layout(page, world, catalogs):
    page.set_viewport_size({"width": 390, "height": 844})
    app = FieldApp(page, catalogs["fa"], "fa")
    choose_language(page, "فارسی", "fa")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    app.sign_in("field.a")
    header = page.evaluate("""() => {
      const brand = document.querySelector('.brand').getBoundingClientRect();
      const picker = document.querySelector('#header select').getBoundingClientRect();
      const list = getComputedStyle(document.querySelector('.link-list'));
      return { brandRight: brand.right, pickerLeft: picker.left, width: innerWidth,
               padRight: parseFloat(list.paddingRight), padLeft: parseFloat(list.paddingLeft),
               direction: getComputedStyle(document.querySelector('#app')).direction };
    }""")
    assert header["direction"] == "rtl"
    # The app's name starts at the right edge and the language picker sits to its left.
    assert header["brandRight"] > header["width"] - 40 and header["pickerLeft"] < header["brandRight"]
    # Lists indent from the right (padding-inline-start).
    assert header["padRight"] > 0 and header["padLeft"] == 0

    page.locator("#header select").select_option(label="English")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
