"""When the control that has focus leaves the page ("Got it", "Remove photo"), focus lands nearby, on the
screen's heading or the control that takes its place, not on the page itself: the next Tab or swipe of a
keyboard or screen-reader user would otherwise start again from the top (src/components/focus.js)."""
from playwright.sync_api import expect

from tests.api.retention_support import png
from tests.e2e.flow import FieldApp


def test_after_got_it_on_the_install_note_focus_rests_on_the_screens_heading(page, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    got_it = page.get_by_role("button", name=app.t("install.done"), exact=True)
    got_it.press("Enter")
    expect(got_it).to_have_count(0)
    expect(app.heading()).to_be_focused()


def test_after_removing_a_photo_focus_rests_on_take_photo(page, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    app.start_encounter()
    app.to_report()
    app.open_section("document")
    page.get_by_label(app.t("photos.add"), exact=True).set_input_files(
        {"name": "page.png", "mimeType": "image/png", "buffer": png()})
    page.get_by_role("button", name=app.t("photos.remove_n", n=1), exact=True).press("Enter")
    expect(page.locator("#field-photos .photo-count")).to_have_text(app.t("photos.none"))
    expect(page.get_by_role("button", name=app.t("step.take_photo"), exact=True)).to_be_focused()
