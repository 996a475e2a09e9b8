"""Reporting after the agents left: the employee gives when they arrived, the later times are checked against
that time and not the Start tap, and the desk shows the encounter at the time it really happened."""
import re
from datetime import datetime, timedelta

from playwright.sync_api import expect

from tests.e2e.desk import Desk, second_profile
from tests.e2e.device import idb_all, wait_until
from tests.e2e.flow import MINIMAL, FieldApp
from tests.e2e.stored import server_encounters

# [datetime-local value, its instant as ISO] this many minutes before now, in the phone's own wall-clock time.
_BEFORE_NOW = """(minutes) => {
  const d = new Date(Date.now() - minutes * 60000);
  d.setSeconds(0, 0);
  const pad = (x) => String(x).padStart(2, '0');
  return [`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`,
          d.toISOString()];
}"""


def _iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_an_encounter_reported_two_hours_later_carries_its_real_start_to_the_desk(
        page, browser, live_server, world, catalogs):
    page.set_viewport_size({"width": 390, "height": 844})
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    item_id = app.draft_short(MINIMAL)
    tapped = idb_all(page, "drafts")[0]["started_at"]

    # The first screen says when the report starts and offers the way to give an earlier time.
    start_line = page.locator(".start-line")
    expect(start_line).to_contain_text(app.t("field.started_at"))
    start_line.get_by_role("link", name=app.t("form.give_start"), exact=True).click()
    expect(app.heading()).to_have_text(app.t("section.where"))
    started = page.get_by_label(app.t("field.started_at"), exact=True)
    expect(started).to_be_focused()

    # The agents came two hours ago and left an hour ago: before the tap, after the start given, so not refused.
    arrived, arrived_iso = page.evaluate(_BEFORE_NOW, 120)
    left, left_iso = page.evaluate(_BEFORE_NOW, 60)
    started.fill(arrived)
    page.keyboard.press("Tab")
    ended = page.get_by_label(app.t("field.ended_at"), exact=True)
    ended.fill(left)
    page.keyboard.press("Tab")
    expect(page.locator("#ended_at-error")).to_have_count(0)
    expect(page.locator("#started_at-error")).to_have_count(0)
    expect(started).to_have_value(arrived)
    # Its hint now speaks of the time entered, and of the way back to the tap.
    expect(page.locator("#field-started_at")).to_contain_text(app.t("field.started_at.hint_given").split("{")[0].strip())

    # An end before the arrival given is still refused, now against that time.
    before, _ = page.evaluate(_BEFORE_NOW, 180)
    ended.fill(before)
    page.keyboard.press("Tab")
    expect(page.locator("#ended_at-error")).to_be_visible()
    ended.fill(left)
    page.keyboard.press("Tab")
    expect(page.locator("#ended_at-error")).to_have_count(0)

    # Back on the first screen the start shown is the arrival; the review and Submit send it.
    app.open_section("short")
    shown = re.sub("^" + re.escape(app.t("field.started_at") + app.t("app.label_joiner")), "",
                   start_line.inner_text().splitlines()[0]).strip()
    app.review()
    expect(page.locator("#app")).to_contain_text(shown)
    app.submit()

    stored = wait_until(page, server_encounters, message="the report on the server")
    body = stored[0]["body"]
    assert body["started_at"] == arrived_iso
    assert body["ended_at"] == left_iso
    assert body["start_given"] is True
    assert timedelta(minutes=119) < _iso(tapped) - _iso(arrived_iso) < timedelta(minutes=122)

    # The liaison sees the encounter at the time it happened, not at the tap.
    with second_profile(browser, live_server) as desk_page:
        desk = Desk(desk_page)
        desk.sign_in("liaison.a")
        expect(desk.queue_row(item_id)).to_contain_text(f'{desk.t("liaison.queue.started")} {shown}')
        desk.open_report(item_id)
        expect(desk.heading()).to_contain_text(shown)
        # ...and is told the start was given afterwards, so the checklist's taps are not read as the encounter's.
        expect(desk_page.locator(".report-head .summary")).to_contain_text(desk.t("liaison.report.start_given"))
