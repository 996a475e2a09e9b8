"""What a QA pass of the desk, as its real users on a busy morning, found (liaison, Mayor's Office, admin)."""
import re
from datetime import datetime

from playwright.sync_api import expect

from server.citytime import CITY_TZ
from tests.e2e.desk import Desk, liaison_on_new_report, push_report, second_profile
from tests.e2e.device import choose_language
from tests.e2e.layout import assert_fits
from tests.factories import encounter_body, sign_in_via_api


def _field(desk: Desk, name: str):
    """The value shown for one report field in the report screen's sections."""
    row = desk.page.locator("#app .report-fields dl.summary > div").filter(
        has=desk.page.locator("dt").get_by_text(desk.t(f"field.{name}"), exact=True))
    return row.locator("dd")


def test_the_start_time_reads_in_the_where_and_when_section_not_blank(page, live_server, world, client):
    report = push_report(client, world, "field.a", "A")
    liaison = Desk(page)
    liaison.sign_in("liaison.a")
    liaison.open_report(report)
    # The section says when the agents arrived as the heading does (a date and a time), never an empty line.
    expect(_field(liaison, "started_at")).to_have_text(re.compile(r"\d{4}.*\d{1,2}:\d{2}"))


def test_a_farsi_liaison_reads_the_queues_counts_in_the_same_digits_as_its_dates(page, live_server, world, client,
                                                                                   login):
    report = push_report(client, world, "field.a", "A")
    asked = client.post(f"/api/v1/reports/{report}/questions", headers=login("liaison.a").headers,
                        json={"text": "Which door did they use?"})
    assert asked.status_code == 201, asked.get_json()
    choose_language(page, "فارسی", "fa")
    desk = Desk(page, "fa")
    desk.sign_in("liaison.a")
    row = desk.queue_row(report)
    expect(row).to_contain_text("۲۰۲۶")  # the dates, through Intl
    cells = row.locator("td")
    # Photos (none) and open questions (one) as the Farsi screen writes every other number, not "0" and "1".
    expect(cells.nth(7)).to_have_text("۰")
    expect(cells.nth(8)).to_have_text("۱")
    counts = page.locator("#app .status-counts")
    expect(counts).to_contain_text(f"{desk.t('liaison.status.new')}: ۱")
    assert not re.search(r"[0-9]", counts.inner_text()), counts.inner_text()


def test_after_revoking_a_device_with_the_keyboard_the_focus_stays_in_its_row(page, live_server, world, client):
    sign_in_via_api(client, "field.a")  # the phone to revoke
    desk = Desk(page)
    desk.sign_in("admin", landing_key="admin.users.title")
    desk.button_named(desk.t("admin.action.edit_named", name="field.a")).press("Enter")
    devices = page.locator("#app section").filter(
        has=page.get_by_role("heading", name=desk.t("admin.devices.title", name="field.a")))
    row = devices.locator("tbody tr").filter(
        has=page.get_by_role("button", name=desk.t("admin.devices.revoke"), exact=True)).first
    device = row.get_attribute("data-device")
    row.get_by_role("button", name=desk.t("admin.devices.revoke"), exact=True).press("Enter")
    page.locator("dialog[open]").get_by_role("button", name=desk.t("admin.devices.revoke"), exact=True).press("Enter")
    device_row = devices.locator(f'tr[data-device="{device}"]')
    expect(device_row).to_contain_text(desk.t("admin.devices.revoked", time="").strip())
    # The button pressed is gone: the focus is on what is left to do for that device, not back at the page's top.
    expect(device_row.get_by_role("button", name=desk.t("admin.devices.wipe"), exact=True)).to_be_focused()


def test_on_a_768_px_tablet_every_column_of_a_queue_row_is_on_screen_without_sideways_scrolling(
        page, live_server, world, client, login):
    first = push_report(client, world, "field.a", "A")
    push_report(client, world, "field.a", "A")  # the same site within two hours: a likely duplicate
    assigned = client.post(f"/api/v1/reports/{first}/assign", headers=login("liaison.a").headers,
                           json={"user_id": world.users["liaison.a"].id})
    assert assigned.status_code == 200, assigned.get_json()
    page.set_viewport_size({"width": 768, "height": 1024})
    desk = Desk(page)
    desk.sign_in("liaison.a")
    row = desk.queue_row(first)
    expect(row).to_be_visible()
    wrap = page.locator("#app .table-wrap")
    assert wrap.evaluate("(el) => el.scrollWidth <= el.clientWidth + 1"), "the queue scrolls sideways at 768 px"
    assert_fits(page, "the queue at 768 px")
    # Who has it and the likely-duplicate marker were the columns behind the scroll: now inside the screen.
    for cell in (row.locator("td").nth(6), row.locator("td").nth(9)):
        expect(cell).not_to_be_empty()
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 768, box
    # Each value beside its column's heading (the header row is out of sight on a card).
    heading = row.locator("td").nth(6).evaluate("(td) => getComputedStyle(td, '::before').content")
    assert heading == f'"{desk.t("liaison.col.assigned")}"', heading


def test_the_desk_says_of_the_employee_what_the_phone_asks_as_you(page, live_server, world, client):
    report = push_report(client, world, "field.a", "A")
    choose_language(page, "Español", "es")
    liaison = Desk(page, "es")
    liaison.sign_in("liaison.a")
    liaison.open_report(report)
    labels = page.locator("#app .report-fields dt")
    # "When you notified the liaison" read by the liaison: said of the employee, in the desk's language.
    for name in ("liaison_notified_at", "document_copy_obtained"):
        expect(labels.get_by_text(liaison.t(f"liaison.field.{name}"), exact=True)).to_be_visible()
        expect(labels.get_by_text(liaison.t(f"field.{name}"), exact=True)).to_have_count(0)


def test_the_crosstabs_show_keeps_the_mayors_office_at_the_new_table_not_the_pages_top(page, live_server, world,
                                                                                        client):
    push_report(client, world, "field.a", "A")
    desk = Desk(page)
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    desk.open("#/desk/aggregate")
    section = page.locator("#crosstab")
    expect(section.locator("table[data-crosstab='department-outcome']")).to_be_visible()
    page.locator("#crosstab-rows").select_option("week")
    page.locator("#crosstab-columns").select_option("masks")
    section.get_by_role("button", name=desk.t("liaison.crosstab.show"), exact=True).press("Enter")
    expect(section.locator("table[data-crosstab='week-masks']")).to_be_visible()
    # The answer to Show has the focus (its region, named by the table's caption), where the page stays scrolled.
    expect(section.locator(".table-wrap")).to_be_focused()
    assert page.evaluate("window.scrollY") > 0
    assert "rows=week" in page.url and "columns=masks" in page.url  # a bookmark keeps the view
    page.reload()
    expect(page.locator("#crosstab table[data-crosstab='week-masks']")).to_be_visible()


def test_closing_without_a_resolution_puts_the_keyboard_in_the_resolution_box(page, live_server, world, client):
    report = push_report(client, world, "field.a", "A")
    desk = Desk(page)
    desk.sign_in("liaison.a")
    desk.open_report(report)
    desk.button("liaison.move.closed").press("Enter")
    expect(page.locator("#error-status")).to_have_text(desk.t("liaison.triage.resolution_needed"))
    # What is missing takes the focus: the next keys typed are the resolution, not another press of Close.
    resolution = page.get_by_label(desk.t("liaison.triage.resolution"))
    expect(resolution).to_be_focused()
    page.keyboard.type("Agents left; nothing taken.")
    desk.button("liaison.move.closed").press("Enter")
    expect(page.locator("#triage-status-now")).to_contain_text(desk.t("liaison.status.closed"))


def test_a_farsi_mayors_office_reads_the_cross_tab_and_charts_in_persian_digits(page, live_server, world, client):
    push_report(client, world, "field.a", "A")
    push_report(client, world, "field.b", "B")
    choose_language(page, "فارسی", "fa")
    desk = Desk(page, "fa")
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    desk.open("#/desk/aggregate")
    table = page.locator("#crosstab table")
    expect(table.locator("tfoot")).to_contain_text("۲")  # two reports in all, as the dates around them write it
    figures = page.locator("#app .num, #app .chart-value")
    expect(figures.first).to_be_visible()
    texts = figures.evaluate_all("els => els.map((e) => e.textContent)")  # SVG text has no innerText
    latin = [text for text in texts if re.search(r"[0-9]", text)]
    assert not latin, latin


def _latin_digits(page, selector: str) -> list[str]:
    """The texts of the screen's figures that carry a Latin digit (none, in Farsi)."""
    figures = page.locator(selector)
    expect(figures.first).to_be_visible()
    return [t for t in figures.evaluate_all("els => els.map((e) => e.textContent)") if re.search(r"[0-9]", t)]


def test_a_farsi_mayors_office_and_trainer_read_the_quarterly_report_and_analytics_in_persian_digits(
        page, browser, live_server, world, client):
    for _ in range(6):  # alike, so this quarter's tables show a cell of 6 (small ones are withheld as a word)
        push_report(client, world, "field.a", "A")
    choose_language(page, "فارسی", "fa")
    desk = Desk(page, "fa")
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    # The quarter the reports started in (City time), not today's: the reports keep their date as the calendar moves.
    started = datetime.fromisoformat(encounter_body(world, "A")["started_at"].replace("Z", "+00:00"))
    started = started.astimezone(CITY_TZ)
    desk.open(f"#/desk/quarterly?year={started.year}&quarter={(started.month - 1) // 3 + 1}")
    expect(page.locator("#app td.num").filter(has_text="۶").first).to_be_visible()
    assert not _latin_digits(page, "#app td.num"), "quarterly"
    with second_profile(browser, live_server) as other:
        choose_language(other, "فارسی", "fa")
        trainer = Desk(other, "fa")
        trainer.sign_in("trainer", landing_key="trainer.checklists.title")
        trainer.open("#/desk/analytics")
        assert not _latin_digits(other, "#app td.num"), "analytics"


def test_a_resolution_typed_before_another_move_stays_in_its_box_and_goes_with_the_close(page, live_server, world,
                                                                                         client):
    desk, report = liaison_on_new_report(page, client, world)
    resolution = page.get_by_label(desk.t("liaison.triage.resolution"))
    resolution.fill("Agents left by the loading dock.")
    desk.button("liaison.move.acknowledged").click()
    now = page.locator("#triage-status-now")
    expect(now).to_have_text(desk.t("liaison.triage.status_now", status=desk.t("liaison.status.acknowledged")))
    # The move that does not use the resolution leaves it where it was typed, and it goes with the close.
    expect(resolution).to_have_value("Agents left by the loading dock.")
    desk.button("liaison.move.closed").click()
    expect(now).to_have_text(desk.t("liaison.triage.status_now", status=desk.t("liaison.status.closed")))
    liaison = sign_in_via_api(client, "liaison.a")
    detail = client.get(f"/api/v1/reports/{report}", headers=liaison.headers).get_json()
    assert detail["resolution"] == "Agents left by the loading dock."


def test_escalating_asks_first_saying_what_the_mayors_office_will_read_and_cancel_sends_nothing(
        page, live_server, world, client):
    desk, _report = liaison_on_new_report(page, client, world)
    moves = []
    page.context.on("request",
                    lambda r: moves.append(r.url) if r.method == "POST" and r.url.endswith("/status") else None)
    escalate, dialog = desk.button("liaison.move.escalated"), page.get_by_role("dialog")
    cancel = dialog.get_by_role("button", name=desk.t("action.cancel"), exact=True)

    # Asked, the focus in the question; Escape and Cancel each put it back on Escalate, and nothing was sent.
    for leave in (lambda: page.keyboard.press("Escape"), cancel.click):
        escalate.click()
        expect(dialog).to_be_visible()
        expect(dialog).to_contain_text(desk.t("liaison.escalate.text"))
        expect(cancel).to_be_focused()
        leave()
        expect(dialog).to_have_count(0)
        expect(escalate).to_be_focused()
    page.wait_for_timeout(300)
    assert moves == [], moves
    now = page.locator("#triage-status-now")
    expect(now).to_have_text(desk.t("liaison.triage.status_now", status=desk.t("liaison.status.new")))

    escalate.click()
    dialog.get_by_role("button", name=desk.t("liaison.escalate.confirm"), exact=True).click()
    expect(now).to_have_text(desk.t("liaison.triage.status_now", status=desk.t("liaison.status.escalated")))
    assert len(moves) == 1, moves
    # Back from escalated reads as what it is; the status it goes to is still the table's.
    expect(desk.button("liaison.move.in_review")).to_have_count(0)
    desk.button("liaison.move.withdraw").click()
    expect(now).to_have_text(desk.t("liaison.triage.status_now", status=desk.t("liaison.status.in_review")))


def test_a_close_pressed_on_a_screen_that_still_showed_new_does_not_close_a_colleagues_escalation(
        page, live_server, world, client):
    # Before, the move carried only its target: escalated → closed is allowed, so a screen still showing "new" closed
    # the report a colleague had just escalated, and neither saw the other's move. The desk now says what it showed.
    desk, report_id = liaison_on_new_report(page, client, world)
    now = page.locator("#triage-status-now")
    expect(now).to_have_text(desk.t("liaison.triage.status_now", status=desk.t("liaison.status.new")))
    # The screen keeps what it showed: its own refresh is held back until this liaison presses Close.
    held = {"on": True}
    page.route(re.compile(rf".*/api/v1/reports/{report_id}$"),
               lambda route, request: route.abort() if held["on"] and request.method == "GET" else route.fallback())
    page.route(re.compile(rf".*/api/v1/reports/{report_id}/status$"),
               lambda route: (held.update(on=False), route.fallback()))
    colleague = sign_in_via_api(client, "liaison.a")
    moved = client.post(f"/api/v1/reports/{report_id}/status", headers=colleague.headers, json={"to": "escalated"})
    assert moved.status_code == 200, moved.get_json()

    page.locator("#triage-resolution").fill("Handled at the branch.")
    desk.button("liaison.move.closed").click()
    escalated = desk.t("liaison.status.escalated")
    expect(page.locator("#error-status")).to_have_text(desk.t("liaison.error.changed", status=escalated))
    expect(now).to_have_text(desk.t("liaison.triage.status_now", status=escalated))
    detail = client.get(f"/api/v1/reports/{report_id}", headers=colleague.headers).get_json()
    assert detail["status"] == "escalated" and detail["resolution"] is None
    expect(page.locator("#triage-resolution")).to_have_value("Handled at the branch.")  # kept to decide again
