"""The quarterly report's default quarter is the City's last complete one, on the Los Angeles calendar, on a desk
whose own zone is already in the next quarter."""
from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect

from tests.e2e.desk import Desk
from tests.e2e.device import zoned_context

ZONE = "Asia/Tokyo"


@pytest.fixture
def context(browser, live_server):
    """A desk whose own time zone is Tokyo, whatever the machine's."""
    with zoned_context(browser, live_server, ZONE) as ctx:
        yield ctx


def test_at_8_pm_on_30_september_in_los_angeles_a_desk_in_tokyo_defaults_to_q2(page, live_server, world):
    """Tokyo is at noon on 1 October: the desk's own date made Q3, not over for the City, the default."""
    page.clock.set_fixed_time(datetime(2026, 10, 1, 3, 0, tzinfo=timezone.utc))
    desk = Desk(page)
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    desk.open("#/desk/quarterly")
    expect(desk.heading()).to_have_text(desk.t("liaison.quarterly.heading", year="2026", quarter="2"))
    picker = page.get_by_label(desk.t("liaison.quarterly.quarter"), exact=True)
    expect(picker).to_have_value("2026-2")
    # The City's current quarter, Q3, is the newest offered; Q4 has not begun in Los Angeles.
    expect(picker.locator("option").first).to_have_attribute("value", "2026-3")
