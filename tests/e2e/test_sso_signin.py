"""Sign-in with the City account in Chromium, through the real OpenID Provider (tests/oidc) on loopback."""
import uuid

import pytest
from playwright.sync_api import expect

from server.extensions import db
from server.models import Encounter

from tests.e2e.axe import AxeScans
from tests.e2e.desk import Desk, second_profile
from tests.e2e.device import choose_language, idb_kv, wait_for_app, wait_for_service_worker, wait_until
from tests.e2e.flow import FieldApp, Report
from tests.e2e.network import go_offline
from tests.e2e.stored import server_encounters
from tests.oidc import harness
from tests.oidc.harness import PASSWORD, account


@pytest.fixture
def city(live_server, world, tmp_path):
    """The provider, its client returning to this live server, with a field employee, a liaison and a new hire."""
    provider = harness.start(tmp_path, [f"{live_server.url}/api/v1/auth/oidc/callback"], accounts={
        "rosa.field": account("rosa.field", ["EL-A-Field"]),
        "lee.liaison": account("lee.liaison", ["EL-A-Liaison"]),
        "new.hire": account("new.hire", ["All-Staff"]),
        "nadia.field": account("nadia.field", ["EL-A-Field"]),
    })
    harness.configure(live_server.app, provider)
    yield provider
    provider.stop()


def through_city_sign_in(page, t, username: str) -> None:
    """From the app's sign-in screen, through the City's sign-in page, back to the app."""
    page.goto("/#/signin")
    wait_for_app(page)
    page.locator("#app").get_by_role("button", name=t("signin.city"), exact=True).click()
    # The provider's own page (another origin), not the app's password form.
    expect(page.get_by_role("heading", name="City of Los Angeles sign-in")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_field_employee_signs_in_with_the_city_account_on_a_phone_lands_on_home_and_logs_an_encounter(
        page, context, catalogs, city):
    t = catalogs["en"].get
    scan = AxeScans(context)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/#/signin")
    wait_for_app(page)
    expect(page.locator("#app").get_by_role("button", name=t("signin.city"), exact=True)).to_be_visible()
    scan("sign-in with the City account", page)
    through_city_sign_in(page, t, "rosa.field")
    expect(page.locator("#app h1")).to_have_text(t("home.title"), timeout=15_000)
    session = idb_kv(page, "session")
    assert session["user"]["role"] == "field" and session["user"]["department"]["code"] == "A"
    assert "handoff" not in page.url
    scan.assert_clean(1)
    # The token the City sign-in gave works like a password's: the report reaches the server as theirs.
    item_id = FieldApp(page, catalogs["en"]).log_encounter(Report(site="site-a1"))
    stored = wait_until(page, server_encounters, message="the report on the server")
    assert [(s["id"], s["body"]["site"]) for s in stored] == [(item_id, "site-a1")]
    assert db.session.get(Encounter, uuid.UUID(item_id)).reporter_id == session["user"]["id"]


def test_the_desk_signs_a_liaison_in_with_the_city_account(browser, live_server, city):
    with second_profile(browser, live_server) as desk_page:
        desk = Desk(desk_page)
        through_city_sign_in(desk_page, desk.t, "lee.liaison")
        expect(desk.heading()).to_have_text(desk.t("liaison.queue.title"), timeout=15_000)


def test_an_account_without_access_is_told_to_ask_the_administrator(page, context, catalogs, city):
    t = catalogs["en"].get
    scan = AxeScans(context)
    through_city_sign_in(page, t, "new.hire")
    expect(page.locator("#app h1")).to_have_text(t("sso.refused.title"))
    expect(page.locator("#app [role=alert]")).to_have_text(t("sso.error.unmapped"))
    assert idb_kv(page, "session") is None
    scan("ask your administrator", page)
    page.locator("#app").get_by_role("link", name=t("sso.back")).click()
    expect(page.locator("#app h1")).to_have_text(t("signin.title"))
    scan.assert_clean(1)


def test_a_russian_phone_reads_the_city_sign_ins_refusal_in_russian(page, catalogs, city):
    """The hand-off screen speaks the phone's language."""
    t = catalogs["ru"].get
    choose_language(page, "Русский", "ru")
    through_city_sign_in(page, t, "new.hire")
    expect(page.locator("#app h1")).to_have_text(t("sso.refused.title"))
    expect(page.locator("#app [role=alert]")).to_have_text(t("sso.error.unmapped"))
    expect(page.locator("#app").get_by_role("link", name=t("sso.back"))).to_be_visible()


def test_an_admin_adds_a_site_and_a_new_employee_signs_in_with_the_city_account_and_logs_an_encounter_there(
        page, browser, live_server, catalogs, city):
    """Issue 13's go-live path: the site is added at the desk; the employee is known only to the City's
    provider (no account made here), signs in through it on a phone, and reports at the new site."""
    desk = Desk(page)
    app = desk.admin_sites()  # signed in as the break-glass password administrator
    app.get_by_label(desk.t("admin.field.code"), exact=True).fill("site-a-sso")
    app.get_by_label(desk.t("admin.field.name"), exact=True).fill("Harbor Gateway Library")
    app.get_by_label(desk.t("admin.field.department"), exact=True).select_option("A")
    app.get_by_label(desk.t("admin.field.facility_type"), exact=True).select_option("library")
    desk.button("admin.action.create").click()
    expect(app.locator(".notice")).to_have_text(desk.t("admin.created", name="site-a-sso"))

    with second_profile(browser, live_server) as phone:
        t = catalogs["en"].get
        phone.set_viewport_size({"width": 390, "height": 844})
        through_city_sign_in(phone, t, "nadia.field")
        expect(phone.locator("#app h1")).to_have_text(t("home.title"), timeout=15_000)
        item_id = FieldApp(phone, catalogs["en"]).log_encounter(Report(site="site-a-sso"))
        stored = wait_until(phone, server_encounters, message="the report on the server")
    assert [(s["id"], s["body"]["site"]) for s in stored] == [(item_id, "site-a-sso")]


def test_an_old_page_after_an_update_still_draws_the_hand_off_screen_and_finishes_signing_in(page, context, catalogs, city):
    """The hand-off screen's words are in the first-load catalogs: a page whose files the server no longer has (an
    update replaced them) draws the screen from what the service worker holds and finishes the sign-in. They were a
    chunk fetched with the screen, and such a page said "This screen could not be loaded"."""
    t = catalogs["en"].get
    page.goto("/#/signin")
    wait_for_app(page)
    wait_for_service_worker(page)
    context.route("**/chunks/**", lambda route: route.fulfill(status=404, body="gone"))  # the update's doing
    through_city_sign_in(page, t, "rosa.field")
    expect(page.locator("#app h1")).to_have_text(t("home.title"), timeout=15_000)
    assert idb_kv(page, "session")["user"]["role"] == "field"


def test_offline_back_from_the_city_page_the_hand_off_screen_says_signing_in_needs_a_connection(page, context, catalogs):
    t = catalogs["en"].get
    page.goto("/#/signin")
    wait_for_app(page)
    wait_for_service_worker(page)
    go_offline(context)
    page.evaluate(f"window.location.hash = '#/sso?handoff={'h' * 43}'")
    expect(page.locator("#app h1")).to_have_text(t("sso.failed.title"))
    expect(page.locator("#app [role=alert]")).to_have_text(t("signin.error.offline"))
    expect(page.locator("#app").get_by_role("button", name=t("sso.try_again"), exact=True)).to_be_visible()
    assert idb_kv(page, "session") is None


def test_an_employee_who_switches_language_on_the_hand_off_screen_reads_the_same_refusal_in_that_language(
        page, catalogs, city):
    """The header's language picker is on every screen: switched on the hand-off screen, it says the same thing in the
    new language (the reason is no longer in the address once shown)."""
    en = catalogs["en"].get
    es = catalogs["es"].get
    through_city_sign_in(page, en, "new.hire")
    expect(page.locator("#app [role=alert]")).to_have_text(en("sso.error.unmapped"))
    page.locator("#header").get_by_role("combobox", name="Language").select_option(label="Español")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("#app h1")).to_have_text(es("sso.refused.title"))
    expect(page.locator("#app [role=alert]")).to_have_text(es("sso.error.unmapped"))
    expect(page.locator("#app").get_by_role("link", name=es("sso.back"))).to_be_visible()
    assert idb_kv(page, "session") is None
