"""A desk user reads every link of the header's menu in their own language, from the first time it is drawn.

The links only desk roles see are named in the desk's catalogs (pwa/src/desk/messages/), which come with the desk's
chunk, not in the phone's first-load catalogs: the header waits for them (pwa/src/components/header.js). Every text
the menu ever shows is recorded as it appears (a MutationObserver installed before the app starts), so a raw
``nav.`` key or an English word drawn for a moment and replaced fails here too.
"""
import pytest
from playwright.sync_api import expect

from tests.e2e.desk import Desk, desk_catalogs
from tests.e2e.device import choose_language, wait_for_app

# Every text the header's links show, from the page's first script on (a reload starts a new record).
RECORD = """
window.__menuTexts = [];
const note = () => {
  for (const link of document.querySelectorAll('#header nav a')) window.__menuTexts.push(link.textContent.trim());
};
new MutationObserver(note).observe(document, { childList: true, subtree: true, characterData: true });
"""

ROLES = {
    "liaison.a": ("liaison.queue.title", ["nav.queue", "nav.report", "nav.reports", "nav.settings"]),
    "admin": ("admin.users.title", ["nav.admin_users", "nav.admin_sites", "nav.admin_departments", "nav.admin_server",
                                    "nav.queue", "nav.aggregate", "nav.checklists", "nav.analytics", "nav.settings"]),
}


def _menu_words_only(page, desk: Desk, keys: list[str]) -> None:
    """The menu shows each of the role's links in the desk's language, and never showed a raw key or English."""
    menu = page.locator("#header nav a")
    expect(menu).to_have_text([desk.t(key) for key in keys])
    english = {desk_catalogs()["en"][key] for key in keys}
    seen = page.evaluate("window.__menuTexts")
    assert seen, "the menu was never drawn"
    assert not [text for text in seen if text.startswith("nav.")], seen
    assert not [text for text in seen if text in english], seen


@pytest.mark.parametrize("language,label", [("fa", "فارسی"), ("es", "Español")])
@pytest.mark.parametrize("username", list(ROLES))
def test_a_desk_user_reads_every_menu_link_in_their_language_after_sign_in_and_after_a_reload(
        page, live_server, world, language, label, username):
    landing_key, keys = ROLES[username]
    page.add_init_script(RECORD)
    choose_language(page, label, language)
    page.evaluate("window.__menuTexts = []")  # the English drawn before the language was chosen is not the desk's
    desk = Desk(page, language)
    desk.sign_in(username, landing_key=landing_key)
    _menu_words_only(page, desk, keys)

    page.reload()
    wait_for_app(page)
    expect(desk.heading()).to_have_text(desk.t(landing_key))
    _menu_words_only(page, desk, keys)

    # Reloaded on one of the phone's screens, which never loads the desk's screens: the menu still has its words.
    page.evaluate("window.location.hash = '#/settings'")
    expect(desk.heading()).to_have_text(desk.t("settings.title"))
    page.reload()
    wait_for_app(page)
    _menu_words_only(page, desk, keys)
