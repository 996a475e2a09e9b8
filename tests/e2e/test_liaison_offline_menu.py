"""A liaison offline without the desk's chunk still has the menu's way to the report form.

The desk's chunk is not precached (pwa/build.mjs); offline, with it in no cache, the header leaves out every link
whose words are only in the desk's catalogs (pwa/src/components/header.js). "Report an encounter" opens the phone's
own form, which works offline, so its words are the phone's: a liaison reporting from the street keeps the link.
"""
from playwright.sync_api import expect

from tests.e2e.desk import Desk
from tests.e2e.device import wait_for_app, wait_for_service_worker
from tests.e2e.network import go_offline


def test_a_liaison_offline_without_the_desk_chunk_still_finds_report_an_encounter_in_the_menu(page, context, world):
    desk = Desk(page, "en")
    desk.sign_in("liaison.a")
    wait_for_service_worker(page)
    page.evaluate("window.location.hash = '#/reports'")
    expect(desk.heading()).to_have_text(desk.t("reports.title"))
    context.route("**/chunks/desk-*", lambda route: route.abort())  # in no cache: the network is gone
    go_offline(context)
    page.reload()
    wait_for_app(page)
    menu = page.locator("#header nav a")
    expect(menu).to_have_text([desk.t("nav.report"), desk.t("nav.reports"), desk.t("nav.settings")])
    menu.first.click()
    assert page.evaluate("window.location.hash") == "#/report-encounter"


def test_on_a_network_that_hangs_a_liaison_has_the_header_at_once_and_the_desk_links_when_the_chunk_arrives(
        page, context, world):
    """The header never waits for the desk's chunk: its links to the phone's screens, the language and the Menu
    button are drawn at once; the links to desk screens join them when the chunk is in."""
    desk = Desk(page, "en")
    desk.sign_in("liaison.a")
    wait_for_service_worker(page)
    page.evaluate("window.location.hash = '#/reports'")
    expect(desk.heading()).to_have_text(desk.t("reports.title"))
    held = []
    context.route("**/chunks/desk-*", lambda route: held.append(route))  # asked for, never answered (yet)
    page.reload()
    wait_for_app(page)
    menu = page.locator("#header nav a")
    expect(menu).to_have_text([desk.t("nav.report"), desk.t("nav.reports"), desk.t("nav.settings")])
    expect(page.locator("#header .lang-select")).to_be_visible()
    assert held, "the desk's chunk was not asked for"

    for route in held:
        route.continue_()
    context.unroute("**/chunks/desk-*")
    expect(menu).to_have_text([desk.t("nav.queue"), desk.t("nav.report"), desk.t("nav.reports"), desk.t("nav.settings")])
