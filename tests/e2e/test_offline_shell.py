"""The app shell comes from the service worker when there is no network."""
from playwright.sync_api import expect

from tests.e2e.device import wait_for_app, wait_for_service_worker
from tests.e2e.flow import FieldApp
from tests.e2e.network import go_offline


def test_after_one_online_visit_the_shell_loads_offline_from_the_service_worker_with_the_offline_banner(page, context):
    page.goto("/")
    wait_for_app(page)
    wait_for_service_worker(page)
    go_offline(context)

    response = page.reload()

    assert response is not None and response.from_service_worker, "the reload did not come from the service worker"
    wait_for_app(page)
    assert page.locator("#app h1").is_visible(), "the app shell did not render"
    page.locator(".banner-offline").wait_for(state="visible")
    assert "offline" in page.locator(".banner-offline").inner_text().lower()


def test_ready_to_work_offline_waits_for_the_next_screen_and_never_moves_the_sign_in_button(page, world, catalogs):
    """The worker is ready a moment after the first load, while the employee is about to tap "Sign in"."""
    app = FieldApp(page, catalogs["en"])
    page.goto("/#/signin")
    wait_for_app(page)
    sign_in = page.locator("#app").get_by_role("button", name=app.t("signin.submit"), exact=True)
    before = sign_in.bounding_box()
    wait_for_service_worker(page)
    page.wait_for_timeout(500)  # the banner used to land here, within a few milliseconds of the worker

    expect(page.locator("#banners .banner-ready")).to_have_count(0)
    assert sign_in.bounding_box() == before

    app.sign_in("field.a")
    expect(page.locator("#banners .banner-ready")).to_contain_text(app.t("banner.ready"))


def test_after_a_screen_that_could_not_be_loaded_the_next_screen_still_draws(page, context, world, catalogs):
    """Offline, the desk's chunk (never on a phone) cannot load: that screen says so, and Home still works after it."""
    app = FieldApp(page, catalogs["en"])
    page.goto("/#/signin")
    wait_for_app(page)
    wait_for_service_worker(page)
    app.sign_in("field.a")
    expect(app.start_button()).to_be_visible()
    go_offline(context)

    page.evaluate("window.location.hash = '#/desk/queue'")
    expect(page.locator("#app h1")).to_have_text(app.t("desk.unavailable.title"))
    expect(page.locator("#app")).to_contain_text(app.t("desk.unavailable.offline"))
    # An installed app has no reload: the screen offers to try again.
    expect(page.locator("#app").get_by_role("button", name=app.t("action.try_again"), exact=True)).to_be_visible()

    page.evaluate("window.location.hash = '#/'")
    expect(app.start_button()).to_be_visible()
    expect(page.locator("#app")).not_to_contain_text(app.t("desk.unavailable.title"))


def test_the_worker_is_a_module_that_imports_the_pages_chunks_instead_of_a_bundled_copy(page):
    """The outbox and sync code the worker runs for Background Sync is the page's own chunks (pwa/build.mjs)."""
    page.goto("/")
    wait_for_app(page)
    wait_for_service_worker(page)
    script = page.evaluate("navigator.serviceWorker.controller.scriptURL")
    assert script.endswith("/sw.js")
    source = page.evaluate("fetch('/sw.js').then((r) => r.text())")
    assert source.startswith("import") and "./chunks/" in source
    assert len(source) < 25_000, "the worker bundles the outbox and sync code again"


def test_a_browser_without_module_workers_takes_the_classic_worker_and_still_works_offline(page, context):
    """Firefox before 147 refuses a module worker: the page registers sw-classic.js, the same worker bundled whole."""
    context.add_init_script("""
        const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
        navigator.serviceWorker.register = (url, options) => (options && options.type === 'module'
          ? Promise.reject(new TypeError('module workers are not supported')) : register(url, options));
    """)
    page.goto("/")
    wait_for_app(page)
    wait_for_service_worker(page)
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL").endswith("/sw-classic.js")
    go_offline(context)

    response = page.reload()

    assert response is not None and response.from_service_worker, "the reload did not come from the classic worker"
    wait_for_app(page)
    page.locator(".banner-offline").wait_for(state="visible")
