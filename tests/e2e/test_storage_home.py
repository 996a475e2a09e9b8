"""Home says one thing about keeping the app's data: when the browser refuses to promise it, the install note
does not claim the data is kept while a second card says it may be cleared (src/components/storage.js)."""
from playwright.sync_api import expect

from tests.e2e.flow import FieldApp

# The browser's answer to "keep this site's data?", fixed before the app loads.
_PERSIST = """(granted) => {
  StorageManager.prototype.persist = async () => granted;
  StorageManager.prototype.persisted = async () => granted;
}"""


def _home_with_persistence(page, catalogs, granted: bool) -> FieldApp:
    page.add_init_script(script=f"({_PERSIST})({'true' if granted else 'false'})")
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")  # the install note is due after a first sign-in
    expect(page.locator(".install-note")).to_be_visible()
    return app


def test_a_refused_browser_is_told_once_inside_the_install_note_and_once_on_this_phone_after_got_it(
        page, world, catalogs):
    app = _home_with_persistence(page, catalogs, granted=False)
    main = page.locator("#app")
    note = page.locator(".install-note")
    expect(note).to_contain_text(app.t("storage.not_persistent"))
    expect(note).not_to_contain_text(app.t("install.why"))
    expect(main.get_by_text(app.t("storage.not_persistent"), exact=True)).to_have_count(1)
    expect(main.get_by_role("button", name=app.t("storage.ask"), exact=True)).to_have_count(1)

    page.get_by_role("button", name=app.t("install.done"), exact=True).click()
    expect(note).to_have_count(0)
    on_phone = page.locator("section[aria-labelledby=phone-h]")
    expect(on_phone).to_contain_text(app.t("storage.not_persistent"))
    expect(main.get_by_text(app.t("storage.not_persistent"), exact=True)).to_have_count(1)


def test_a_browser_that_keeps_the_data_hears_that_it_is_kept_in_both_places(page, world, catalogs):
    app = _home_with_persistence(page, catalogs, granted=True)
    expect(page.locator(".install-note")).to_contain_text(app.t("install.why"))
    expect(page.locator("section[aria-labelledby=phone-h]")).to_contain_text(app.t("storage.persistent"))
    expect(page.locator("#app")).not_to_contain_text(app.t("storage.not_persistent"))
