"""A time typed on the nights the clocks change, on a phone in Los Angeles: the second 01:30 of the night the
clocks go back can be chosen and reaches the server as 09:30Z; 02:30 on the night they go forward, which never
happened, is said at the field, kept as typed, and the report cannot be sent with it (pwa/src/local-time.js)."""
import re
import uuid
from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from server.extensions import db
from server.models.encounters import Encounter
from tests.e2e.axe import AxeScans
from tests.e2e.device import idb_all, idb_put, wait_for_draft, wait_until, zoned_context
from tests.e2e.flow import MINIMAL, FieldApp
from tests.e2e.stored import server_encounters

ZONE = "America/Los_Angeles"


@pytest.fixture
def context(browser, live_server):
    """A phone whose own time zone is Los Angeles, whatever the machine's."""
    with zoned_context(browser, live_server, ZONE) as ctx:
        yield ctx


def _report_started_on(page, catalogs, when: datetime) -> tuple[FieldApp, str]:
    """The phone's clock at ``when`` (UTC), signed in, a short report drafted and its start field focused."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.clock.set_fixed_time(when)
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    item_id = app.draft_short(MINIMAL)
    page.locator(".start-line").get_by_role("link", name=app.t("form.give_start"), exact=True).click()
    expect(app.heading()).to_have_text(app.t("section.where"))
    return app, item_id


def test_the_second_0130_of_the_night_the_clocks_go_back_is_chosen_and_reaches_the_server_as_0930z(
        page, context, live_server, world, catalogs):
    scan = AxeScans(context)
    # Written the same afternoon, 10:00 PST, about an encounter in the night.
    app, item_id = _report_started_on(page, catalogs, datetime(2026, 11, 1, 18, 0, tzinfo=timezone.utc))
    started = page.get_by_label(app.t("field.started_at"), exact=True)
    started.fill("2026-11-01T01:30")
    page.keyboard.press("Tab")

    # The field keeps 01:30 and asks which one: none is chosen, and the report waits until one is.
    expect(started).to_have_value("2026-11-01T01:30")
    expect(page.locator("#started_at-error")).to_contain_text(app.t("time.twice"))
    which = page.get_by_role("group", name=re.compile(r"^Which 1:30\sAM\?$"))
    first = which.get_by_role("radio", name=re.compile(r"1:30\sAM PDT \(first\)"))
    second = which.get_by_role("radio", name=re.compile(r"1:30\sAM PST \(second, after the clocks went back\)"))
    expect(first).not_to_be_checked()
    expect(second).not_to_be_checked()
    expect(which).to_have_accessible_description(re.compile(re.escape(app.t("time.twice"))))  # why, on the radios too
    wait_for_draft(page, lambda d: d.get("typed_times") == {"started_at": "2026-11-01T01:30"})
    scan("the two 01:30s offered", page)

    second.check()
    expect(page.locator("#started_at-error")).to_have_count(0)
    expect(second).to_be_checked()
    scan("the second 01:30 chosen", page)
    scan.assert_clean(2)
    wait_for_draft(page, lambda d: d["started_at"] == "2026-11-01T09:30:00.000Z" and d["start_given"] is True
                   and "typed_times" not in d)

    # Opened again, the field still says which 01:30 it is; the first screen and the review name the zone.
    page.reload()
    expect(page.get_by_role("radio", name=re.compile(r"PST \(second"))).to_be_checked()
    app.open_section("short")
    expect(page.locator(".start-line")).to_contain_text("PST")
    app.review()
    expect(page.locator("#app")).to_contain_text(re.compile(r"1:30\sAM PST"))
    app.submit()

    stored = wait_until(page, server_encounters, message="the report on the server")
    assert stored[0]["id"] == item_id
    assert stored[0]["body"]["started_at"] == "2026-11-01T09:30:00.000Z"
    assert stored[0]["body"]["start_given"] is True
    db.session.remove()
    row = db.session.scalars(select(Encounter).where(Encounter.id == uuid.UUID(item_id))).one()
    assert row.started_at.replace(tzinfo=row.started_at.tzinfo or timezone.utc) == datetime(
        2026, 11, 1, 9, 30, tzinfo=timezone.utc)


def test_0230_on_the_night_the_clocks_go_forward_is_said_at_the_field_kept_as_typed_and_cannot_be_sent(
        page, live_server, world, catalogs):
    # Written at noon PDT on the day the clocks went forward.
    app, _ = _report_started_on(page, catalogs, datetime(2026, 3, 8, 19, 0, tzinfo=timezone.utc))
    tapped = idb_all(page, "drafts")[0]["started_at"]
    started = page.get_by_label(app.t("field.started_at"), exact=True)
    started.fill("2026-03-08T02:30")
    page.keyboard.press("Tab")
    # The same for "When the agents left": every time field of the phone reads typed times one way.
    ended = page.get_by_label(app.t("field.ended_at"), exact=True)
    ended.fill("2026-03-08T02:45")
    page.keyboard.press("Tab")

    # Said under each label, never moved to 03:30: the field shows what was typed, the start is still the tap.
    expect(page.locator("#started_at-error")).to_have_text(re.compile(re.escape(app.t("time.missing")) + "$"))
    expect(page.locator("#ended_at-error")).to_have_text(re.compile(re.escape(app.t("time.missing")) + "$"))
    expect(started).to_have_value("2026-03-08T02:30")
    expect(ended).to_have_value("2026-03-08T02:45")
    expect(page.get_by_role("radio")).to_have_count(0)
    wait_for_draft(page, lambda d: d.get("typed_times") == {"started_at": "2026-03-08T02:30",
                                                            "ended_at": "2026-03-08T02:45"}
                   and d["started_at"] == tapped and not d.get("ended_at"))

    # The review lists it and Submit sends nothing.
    app.review()
    errors = page.locator("#review-errors")
    expect(errors).to_contain_text(app.t("time.missing"))
    page.get_by_role("button", name=app.t("review.submit"), exact=True).click()
    expect(app.heading()).to_have_text(app.t("review.title"))
    expect(errors).to_be_focused()
    assert idb_all(page, "outbox") == []

    # Nothing typed is lost: opened again, the draft still holds both times as typed, and says why.
    page.reload()
    expect(app.heading()).to_have_text(app.t("review.title"))
    errors.get_by_role("link").first.click()
    expect(app.heading()).to_have_text(app.t("section.where"))
    expect(started).to_have_value("2026-03-08T02:30")
    expect(ended).to_have_value("2026-03-08T02:45")
    expect(page.locator("#started_at-error")).to_contain_text(app.t("time.missing"))

    # Corrected to a time that happened, the start is that time and the end waits alone.
    started.fill("2026-03-08T03:30")
    page.keyboard.press("Tab")
    expect(page.locator("#started_at-error")).to_have_count(0)
    expect(page.locator("#ended_at-error")).to_contain_text(app.t("time.missing"))
    wait_for_draft(page, lambda d: d["started_at"] == "2026-03-08T10:30:00.000Z"
                   and d.get("typed_times") == {"ended_at": "2026-03-08T02:45"})
    assert server_encounters() == []


def test_a_time_typed_in_another_tab_after_the_review_was_drawn_stops_submit_there_too(page, live_server, world,
                                                                                     catalogs):
    """Submit sends the stored draft: if it holds a time typed meanwhile, nothing is queued and the review says why."""
    app, _ = _report_started_on(page, catalogs, datetime(2026, 11, 1, 18, 0, tzinfo=timezone.utc))
    app.review()
    errors = page.locator("#review-errors")
    expect(errors).to_have_count(0)
    # Another tab typed 01:30 in the start field after this review was drawn (written here without its news).
    idb_put(page, "drafts", {**idb_all(page, "drafts")[0], "typed_times": {"started_at": "2026-11-01T01:30"}})
    page.get_by_role("button", name=app.t("review.submit"), exact=True).first.click()
    expect(errors).to_contain_text(app.t("time.twice"))
    expect(errors).to_be_focused()
    assert idb_all(page, "outbox") == []
    assert idb_all(page, "drafts")[0]["typed_times"] == {"started_at": "2026-11-01T01:30"}


def test_a_0130_kept_as_typed_is_read_again_when_the_phone_moves_to_a_zone_where_it_happened_once(
        browser, live_server, world, catalogs):
    # The zone set through the DevTools protocol, which can change it while the app runs (a phone that travels).
    ctx = browser.new_context(service_workers="allow", base_url=live_server.url, locale="en-US")
    ctx.set_default_timeout(10_000)
    page = ctx.new_page()
    zone = ctx.new_cdp_session(page)
    zone.send("Emulation.setTimezoneOverride", {"timezoneId": ZONE})
    try:
        # Typed in Los Angeles on the night the clocks go back, none chosen yet; then the phone is in Phoenix.
        app, _ = _report_started_on(page, catalogs, datetime(2026, 11, 1, 18, 0, tzinfo=timezone.utc))
        started = page.get_by_label(app.t("field.started_at"), exact=True)
        started.fill("2026-11-01T01:30")
        page.keyboard.press("Tab")
        expect(page.locator("#started_at-error")).to_contain_text(app.t("time.twice"))
        # Stored before the reload: the form says "twice" at once and saves the typed time a moment later.
        wait_for_draft(page, lambda d: d.get("typed_times") == {"started_at": "2026-11-01T01:30"})
        zone.send("Emulation.setTimezoneOverride", {"timezoneId": "America/Phoenix"})
        page.reload()

        # Phoenix keeps no daylight saving: 01:30 happened once there, so it is that time, and nothing says "twice".
        expect(started).to_have_value("2026-11-01T01:30")
        expect(page.locator("#started_at-error")).to_have_count(0)
        expect(page.get_by_role("radio")).to_have_count(0)
        wait_for_draft(page, lambda d: d["started_at"] == "2026-11-01T08:30:00.000Z" and d["start_given"] is True
                       and "typed_times" not in d)
        app.review()
        expect(page.locator("#review-errors")).to_have_count(0)
    finally:
        ctx.close()
