"""The card for residents: the employee picks the resident's language and shows the phone, offline too.

The department's help line for residents comes with its sites (set by an administrator); the card's texts in the
City's wider set of languages are a chunk the phone keeps once signed in with a signal, out of its first load.
"""
import re

from playwright.sync_api import expect

from server.changes import record_change
from server.extensions import db
from tests.e2e.axe import AxeScans
from tests.e2e.desk import Desk, second_profile
from tests.e2e.flow import FieldApp

HELP_LINE = "+18005550199"


def _give_help_line(world, code: str = "A") -> None:
    """Department ``code`` sets its residents' help line; its sites are sent again, as the admin screen does."""
    dept = world.departments[code]
    dept.resident_help_phone = HELP_LINE
    for site in world.sites.values():
        if site.department_id == dept.id:
            record_change("site", site.code, site.to_dict(), department_id=dept.id)
    db.session.commit()


def _kept_offline(page) -> None:
    """Wait until the page has kept the card's chunk in the phone's offline catalogs, readable whole.

    Polled from here: ``wait_for_function`` takes an async function's promise as its truthy answer and returns at
    once, so this never waited, and a reload (going offline) could drop a copy still being written.
    """
    for _ in range(150):
        if page.evaluate("""async () => {
          const cache = await caches.open('el-catalogs');
          const key = (await cache.keys()).find((r) => r.url.includes('/chunks/lang-card-all-'));
          const copy = key && await cache.match(key);
          return Boolean(copy) && (await copy.text()).includes('resident-card');
        }"""):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the card for residents was never kept for offline use")


def _open_card(app: FieldApp) -> None:
    """From Home's More list, as an employee would."""
    app.page.locator("#app").get_by_role("link", name=app.t("card.title"), exact=True).click()
    expect(app.heading()).to_have_text(app.t("card.title"))


def _step_three(app: FieldApp):
    """The step count of the third step, whatever the checklist's length."""
    return re.compile("^" + re.escape(app.t("step.count", n=3, total="TOTAL")).replace("TOTAL", r"\d+") + "$")


def _card(page):
    return page.locator("#app .resident-card")


def test_the_card_shows_the_help_line_in_the_residents_language_with_no_signal(page, context, world, catalogs):
    _give_help_line(world)
    scan = AxeScans(context)
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    _kept_offline(page)
    app.reopen_offline(context)
    _open_card(app)

    card = _card(page)
    expect(card).to_have_attribute("lang", "en")  # the employee's language first
    number = card.get_by_role("link", name="(800) 555-0199")
    expect(number).to_have_attribute("href", f"tel:{HELP_LINE}")
    scan("card in English", page)

    page.locator("#app").get_by_role("button", name="Español", exact=True).click()
    expect(card).to_have_attribute("lang", "es")
    expect(card.get_by_role("heading")).to_have_text("Información para usted")
    expect(card).to_contain_text("La Ciudad no pregunta por la situación migratoria.")
    expect(page.locator("#app").get_by_role("button", name="Español")).to_have_attribute("aria-pressed", "true")
    expect(card).to_be_focused()  # a screen reader goes on to read the card just chosen

    page.locator("#app").get_by_role("button", name="العربية", exact=True).click()
    expect(card).to_have_attribute("dir", "rtl")
    expect(card.get_by_role("link", name="(800) 555-0199")).to_be_visible()  # the number still reads left to right
    scan("card in Arabic", page)
    scan.assert_clean(2)

    # The resident's language is a hint of origin: the phone keeps it nowhere.
    kept = page.evaluate("""async () => {
      const dump = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
      const db = await new Promise((ok) => { const r = indexedDB.open('encounter-log'); r.onsuccess = () => ok(r.result); });
      const kv = await new Promise((ok) => { const r = db.transaction('kv').objectStore('kv').getAll(); r.onsuccess = () => ok(r.result); });
      return dump + JSON.stringify(kv);
    }""")
    assert "العربية" not in kept and '"ar"' not in kept


def test_the_card_opens_from_any_checklist_step_and_back_returns_to_that_step(page, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    draft_id = app.start_encounter()
    page.goto(f"/#/encounter/{draft_id}/step/2")
    expect(page.locator("#app h1 .step-count")).to_have_text(_step_three(app))
    page.locator("#app").get_by_role("link", name=app.t("card.title"), exact=True).click()
    expect(app.heading()).to_have_text(app.t("card.title"))
    expect(_card(page)).to_be_visible()
    page.locator("#app").get_by_role("button", name=app.t("action.back"), exact=True).click()
    expect(page).to_have_url(f"{page.url.split('#')[0]}#/encounter/{draft_id}/step/2")
    expect(page.locator("#app h1 .step-count")).to_have_text(_step_three(app))


def test_a_department_without_a_help_line_shows_the_card_without_a_number(page, world, catalogs):
    app = FieldApp(page, catalogs["es"], code="es")
    page.goto("/#/signin")
    app.choose_language("Español", "es")
    app.sign_in("field.a")
    _open_card(app)
    card = _card(page)
    expect(card).to_have_attribute("lang", "es")  # the employee's own language first
    expect(card).to_contain_text("Pídame una tarjeta con líneas de ayuda gratuitas.")
    expect(card.locator("a[href^='tel:']")).to_have_count(0)


def test_an_admin_sets_the_help_line_and_the_phone_card_shows_it(page, browser, live_server, world, catalogs):
    desk = Desk(page)
    desk.sign_in("admin", landing_key="admin.users.title")
    desk.open("#/desk/admin/departments")
    expect(desk.heading()).to_have_text(desk.t("admin.departments.title"))
    screen = page.locator("#app")
    screen.get_by_role("button", name=desk.t("admin.action.edit_named", name="A")).click()
    screen.get_by_label(desk.t("admin.field.resident_help_phone"), exact=True).fill("(800) 555-0199")
    screen.get_by_role("button", name=desk.t("admin.action.save"), exact=True).click()
    expect(screen.locator(".notice")).to_have_text(desk.t("admin.saved", name="A"))

    with second_profile(browser, live_server) as phone:
        app = FieldApp(phone, catalogs["en"])
        app.sign_in("field.a")
        _open_card(app)
        expect(_card(phone).locator("a[href^='tel:']")).to_have_attribute("href", f"tel:{HELP_LINE}")


def test_a_liaison_prints_the_cards_in_every_language_with_the_departments_help_line(page, world, catalogs):
    _give_help_line(world)
    desk = Desk(page)
    desk.sign_in("liaison.a")
    page.locator("#app").get_by_role("link", name=desk.t("cards.title"), exact=True).click()
    expect(desk.heading()).to_have_text(desk.t("cards.title"))
    cards = page.locator("#app .resident-card")
    expect(cards).to_have_count(14)
    expect(cards.locator(f"a[href='tel:{HELP_LINE}']")).to_have_count(14)
    expect(page.locator("#app .resident-card[lang=ar]")).to_have_attribute("dir", "rtl")
    expect(page.locator("#app .resident-card[lang=es]")).not_to_contain_text("foto de esta pantalla")  # paper, not a screen

    # On paper: the cards, not the app's header or the screen's controls.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(desk.button("cards.print")).to_be_hidden()
    expect(cards.first).to_be_visible()


def test_an_admin_picks_the_department_whose_cards_to_print(page, world, catalogs):
    _give_help_line(world, "A")
    desk = Desk(page)
    desk.sign_in("admin", landing_key="admin.users.title")
    desk.open("#/desk/admin/departments")
    page.locator("#app").get_by_role("link", name=desk.t("cards.title"), exact=True).click()
    expect(desk.heading()).to_have_text(desk.t("cards.title"))
    picker = page.locator("#app").get_by_label(desk.t("cards.department"), exact=True)
    picker.select_option("B")
    expect(page.locator("#app .warning-box")).to_have_text(desk.t("cards.no_number"))
    expect(page.locator("#app .resident-card a[href^='tel:']")).to_have_count(0)
    picker.select_option("A")
    expect(page.locator(f"#app .resident-card a[href='tel:{HELP_LINE}']")).to_have_count(14)


def test_a_trainer_sees_only_that_the_cards_are_not_for_their_role(page, world, catalogs):
    desk = Desk(page)
    desk.sign_in("trainer", landing_key="trainer.checklists.title")
    desk.open("#/desk/cards")
    expect(desk.heading()).to_have_text(desk.t("cards.title"))  # the landing's paragraphs are gone
    expect(page.locator("#app p")).to_have_text(desk.t("cards.forbidden"))
    expect(page.locator("#app .resident-card")).to_have_count(0)


def test_a_captive_portals_page_is_never_kept_as_the_card(page, context, world, catalogs):
    """A city Wi-Fi's sign-in page answers 200 for every address: kept as the card's chunk, the card never opened
    again (the service worker answers the chunk from the kept copy first), online or not, until the next build."""
    _give_help_line(world)
    portal = []

    def captive(route):
        portal.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<html><body>Sign in to City Wi-Fi</body></html>")

    context.route(re.compile(r"/chunks/lang-card-all-"), captive)
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")  # Home keeps the card while there is "a signal"
    for _ in range(150):  # Home asked for the card's chunk, and the portal answered
        if portal:
            break
        page.wait_for_timeout(100)
    assert portal
    page.wait_for_timeout(1_000)  # what Home does with the portal's answer, done
    context.unroute(re.compile(r"/chunks/lang-card-all-"))

    page.reload()  # Home again, past the portal: the card is kept now
    _kept_offline(page)
    app.reopen_offline(context)
    _open_card(app)
    expect(_card(page).get_by_role("link", name="(800) 555-0199")).to_be_visible()
