"""The app shell comes from the service worker when there is no network."""
from tests.e2e.device import wait_for_app, wait_for_service_worker
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
