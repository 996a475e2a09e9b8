"""Issue 14, desk density at 1366×900: at least eight queue rows above the fold (filters
folded), a report opening on its content with the timeline folded, and department names
(never codes) wherever a person reads them."""
import os

from playwright.sync_api import expect

from tests.e2e.build import ROOT
from tests.e2e.desk import Desk, second_profile
from tests.e2e.device import wait_for_service_worker
from tests.factories import encounter_body, push, push_item, sign_in_via_api

WIDTH, HEIGHT = 1366, 900


def push_reports(client, world, count: int) -> list[str]:
    """``count`` reports of department A in one push from field.a's phone; their ids."""
    device = sign_in_via_api(client, "field.a")
    items = [push_item(encounter_body(world, "A", site="site-a1" if n % 2 else "site-a2")) for n in range(count)]
    answer = push(client, device, items)
    assert answer.status_code == 200, answer.get_json()
    assert {r["status"] for r in answer.get_json()["results"]} == {"accepted"}
    return [item["id"] for item in items]


def rows_above_the_fold(page) -> int:
    """Queue rows wholly visible in the first screen."""
    return page.evaluate("""(height) => [...document.querySelectorAll('#app tbody tr')]
      .filter((row) => row.getBoundingClientRect().bottom <= height).length""", HEIGHT)


def test_at_1366_by_900_the_queue_shows_eight_rows_and_a_report_opens_on_its_content(
        page, browser, live_server, world, client):
    ids = push_reports(client, world, 10)
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    desk = Desk(page)
    desk.sign_in("liaison.a")
    expect(page.locator("#app tbody tr")).to_have_count(10)
    if os.environ.get("STORE_SCREENSHOTS"):
        page.screenshot(path=str(ROOT / "pwa" / "screenshots" / "queue-wide.png"))
    assert rows_above_the_fold(page) >= 8
    # The service worker finishing its install later must not push rows down: the field app's
    # "Ready to work offline" is not said on the desk (the desk is not precached).
    wait_for_service_worker(page)
    page.wait_for_timeout(500)
    expect(page.locator(".banner-ready")).to_have_count(0)
    assert rows_above_the_fold(page) >= 8
    expect(page.locator("#filter-site")).to_be_hidden()  # filters folded until asked for

    desk.open_report(ids[0])
    first_answers = page.locator("#app .report-fields h2").first
    expect(first_answers).to_have_text(desk.t("section.short"))  # the phone's short screen first (encounter/form.py)
    assert first_answers.bounding_box()["y"] < HEIGHT  # the answers start on the first screen
    timeline = page.locator("#app details.timeline-box")
    expect(timeline).not_to_have_attribute("open", "")
    expect(page.locator("#app .timeline")).to_be_hidden()
    timeline.locator("summary").click()
    expect(page.locator("#app .timeline")).to_be_visible()


def test_department_names_not_codes_appear_in_the_citywide_queue_filter_and_aggregate(
        page, browser, live_server, world, client):
    push_reports(client, world, 1)
    name = world.departments["A"].name
    mayor = Desk(page)
    mayor.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    expect(page.locator("#app tbody")).to_contain_text(name)
    mayor.open_filters()
    options = page.locator("#filter-department option").all_inner_texts()
    assert name in options and "A" not in options and world.departments["B"].name in options
    mayor.open("#/desk/aggregate")
    expect(mayor.heading()).to_have_text(mayor.t("liaison.agg.title"))
    expect(page.locator("#app table").first).to_be_visible()
    cells = page.locator("#app td, #app th").all_inner_texts()
    assert name in cells and "A" not in cells
