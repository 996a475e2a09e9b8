"""When the control that has focus leaves the page ("Got it", "Remove photo"), focus lands nearby, on the
screen's heading or the control that takes its place, not on the page itself: the next Tab or swipe of a
keyboard or screen-reader user would otherwise start again from the top (src/components/focus.js)."""
from playwright.sync_api import expect

from tests.api.retention_support import png
from tests.e2e.device import wait_for_service_worker
from tests.e2e.flow import FieldApp
from tests.e2e.network import go_offline


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



def _take_photo_with_the_keyboard(page, button, seed: int) -> None:
    """Enter on "Take photo" (as a keyboard or screen-reader user) and choose a picture."""
    with page.expect_file_chooser() as chooser:
        button.press("Enter")
    chooser.value.set_files({"name": f"page-{seed}.png", "mimeType": "image/png", "buffer": png(seed)})


def test_after_taking_a_photo_focus_rests_on_take_another_photo_on_the_step_and_on_the_report(
        page, world, universal, catalogs):
    # "Take photo" is disabled while the picture is prepared, and a disabled button dropped focus on the page.
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    app.start_encounter()
    app.answer_steps(["done"] * 4)
    app.expect_step(5)  # the document step: "Take photo" is its main button
    take = page.get_by_role("button", name=app.t("step.take_photo"), exact=True)
    expect(take).to_be_enabled()
    _take_photo_with_the_keyboard(page, take, 0)
    expect(page.locator("#field-photos .photo-count")).to_have_text(app.t("photos.count.one"))
    expect(page.get_by_role("button", name=app.t("step.take_another_photo"), exact=True)).to_be_focused()

    app.to_report()
    app.open_section("document")
    take = page.locator("#field-photos").get_by_role("button", name=app.t("step.take_another_photo"), exact=True)
    _take_photo_with_the_keyboard(page, take, 200)  # a colour far from the first: another photo
    expect(page.locator("#field-photos .photo-count")).to_have_text(app.t("photos.count.other", count=2))
    expect(take).to_be_focused()


def _asked_and_declined(page, app: FieldApp, ask_key: str, decline_key: str) -> None:
    """Enter on the button that asks (``ask_key``): focus on the way back (``decline_key``); Enter there: focus back
    on the button that asked."""
    ask = page.get_by_role("button", name=app.t(ask_key), exact=True)
    ask.press("Enter")
    decline = page.get_by_role("button", name=app.t(decline_key), exact=True)
    expect(decline).to_be_focused()
    decline.press("Enter")
    expect(ask).to_be_focused()


def test_asked_to_confirm_deleting_a_draft_or_signing_out_focus_rests_on_the_way_back_and_then_on_the_button_asked(
        page, world, catalogs):
    # The button pressed left the page with the question, and focus fell to the page: a screen reader started again
    # from the top, far from the question it had just announced.
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    app.start_encounter()
    page.goto("/#/")
    _asked_and_declined(page, app, "home.draft.delete", "home.draft.delete_no")
    page.goto("/#/settings")
    expect(app.heading()).to_have_text(app.t("settings.title"))
    _asked_and_declined(page, app, "settings.signout", "action.cancel")

def test_after_adding_the_agency_to_a_waiting_alert_focus_rests_on_the_line_that_says_it_was_added(
        page, context, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    wait_for_service_worker(page)
    go_offline(context)  # the alert waits, and its agency can still be added
    page.get_by_role("button", name=app.t("home.alert"), exact=True).click()
    page.get_by_label(app.t("home.alert.which_site"), exact=True).select_option("site-a1")
    page.get_by_role("button", name=app.t("home.alert.send"), exact=True).click()
    app.expect_step(1)
    page.goto("/#/")
    page.get_by_label(app.t("home.alert.agency_label"), exact=True).select_option("ice_ero")
    page.get_by_role("button", name=app.t("home.alert.agency_add"), exact=True).press("Enter")
    added = page.locator("#app").get_by_text(app.t("home.alert.agency_added", agency=app.t("agency.ice_ero")))
    expect(added).to_be_visible()
    expect(added).to_be_focused()
