"""A new version already waiting when the page opens is offered too (src/sw-bridge.js registers the worker itself).

The update was found while another page was open, or that page was closed before its Reload was tapped: the next
page the phone opens finds the worker waiting, and must say "Update available" with its Reload, not stay on the
old version until one more update arrives.
"""
from playwright.sync_api import expect

from tests.e2e.build import publish_new_service_worker
from tests.e2e.device import wait_for_app, wait_for_service_worker
from tests.e2e.flow import FieldApp


def test_a_version_waiting_when_the_page_opens_is_offered_and_its_reload_brings_it_in(page, live_server, world,
                                                                                     catalogs):
    field = FieldApp(page, catalogs["en"])
    field.sign_in("field.a")
    wait_for_service_worker(page)
    publish_new_service_worker(live_server.serve_copy())
    page.evaluate("async () => { const registration = await navigator.serviceWorker.getRegistration();"
                  " await registration.update(); }")
    page.wait_for_function("async () => (await navigator.serviceWorker.getRegistration()).waiting !== null")

    page.reload()  # the worker found before is waiting already; no update is found by this page
    wait_for_app(page)
    banner = page.locator(".banner-update")
    expect(banner).to_contain_text(field.t("banner.update"))
    with page.expect_navigation():
        banner.get_by_role("button", name=field.t("action.reload"), exact=True).click()
    wait_for_app(page)
    page.wait_for_function("async () => { const r = await navigator.serviceWorker.getRegistration();"
                           " return r.waiting === null && r.active !== null && navigator.serviceWorker.controller !== null; }")
    expect(banner).to_have_count(0)


def _two_tabs_offered_an_update(page, context, live_server, catalogs):
    """A signed-in tab and a second tab of the same app, both controlled, then a new version found by the first."""
    field = FieldApp(page, catalogs["en"])
    field.sign_in("field.a")
    wait_for_service_worker(page)
    other = context.new_page()
    other.goto("/#/")
    wait_for_app(other)
    wait_for_service_worker(other)
    publish_new_service_worker(live_server.serve_copy())
    page.evaluate("async () => { const registration = await navigator.serviceWorker.getRegistration();"
                  " await registration.update(); }")
    return field, other


def _reloads_from_its_banner(tab, field):
    """The tab says an update is there, and its Reload (once the banner takes taps) reloads it."""
    banner = tab.locator(".banner-update")
    expect(banner).to_contain_text(field.t("banner.update"))
    tab.wait_for_timeout(450)  # a floating banner lets taps through for its first 400 ms (components/tap-guard.js)
    with tab.expect_navigation():
        banner.get_by_role("button", name=field.t("action.reload"), exact=True).click()
    wait_for_app(tab)


def test_a_second_tabs_reload_still_brings_the_update_in_after_the_first_tab_applied_it(
        page, context, live_server, world, catalogs):
    field, other = _two_tabs_offered_an_update(page, context, live_server, catalogs)
    first, second = page.locator(".banner-update"), other.locator(".banner-update")
    expect(first).to_contain_text(field.t("banner.update"))
    expect(second).to_contain_text(field.t("banner.update"))

    with page.expect_navigation():  # the first tab brings the new version in
        first.get_by_role("button", name=field.t("action.reload"), exact=True).click()
    wait_for_app(page)
    # The second tab runs the old version still: its Reload must reload it, though no worker waits any more.
    _reloads_from_its_banner(other, field)
    expect(other.locator(".banner-update")).to_have_count(0)


def test_a_tab_that_dismissed_the_update_is_told_again_once_another_tab_brought_it_in(
        page, context, live_server, world, catalogs):
    field, other = _two_tabs_offered_an_update(page, context, live_server, catalogs)
    second = other.locator(".banner-update")
    expect(second).to_contain_text(field.t("banner.update"))
    other.wait_for_timeout(450)  # a floating banner lets taps through for its first 400 ms (components/tap-guard.js)
    second.get_by_role("button", name=field.t("action.dismiss"), exact=True).click()
    expect(second).to_have_count(0)

    with page.expect_navigation():
        page.locator(".banner-update").get_by_role("button", name=field.t("action.reload"), exact=True).click()
    wait_for_app(page)
    # Its code is now older than the worker serving it: it says so again, and its Reload brings the new one in.
    _reloads_from_its_banner(other, field)
