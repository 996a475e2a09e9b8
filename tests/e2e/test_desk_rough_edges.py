"""The desk's rough edges a liaison, the Mayor's Office and an administrator tripped on (review-desk.md)."""
import re
import uuid

from playwright.sync_api import expect
from sqlalchemy import func, select

from server.extensions import db
from server.models import FollowUp, Site, TriageEvent
from tests.e2e.desk import Desk, liaison_on_new_report, push_report, second_profile
from tests.e2e.device import wait_until
from tests.e2e.layout import assert_fits
from tests.e2e.network import HeldRequests
from tests.factories import sign_in_via_api


def test_the_admin_sites_table_fits_a_768_px_tablet_without_sideways_scrolling(page, live_server, world):
    # Codes, names and phone numbers as long as the demo's (a district yard, a parking structure).
    for code, name, facility in (("lapl-exposition-park", "Exposition Park - Dr. Mary McLeod Bethune Regional Library",
                                  "library"), ("rap-ritchie-valens-rec", "Ritchie Valens Recreation Center",
                                               "recreation_center"),
                                 ("lasan-hyperion", "Hyperion Water Reclamation Plant", "treatment_plant"),
                                 ("lawa-lax-economy-parking", "LAX Economy Parking", "parking_structure")):
        db.session.add(Site(department_id=world.departments["A"].id, code=code, name=name, facility_type=facility,
                            area_types=["public"], site_lead_phone="+12135550103"))
    db.session.commit()
    page.set_viewport_size({"width": 768, "height": 1024})
    desk = Desk(page)
    # The Sites screen and its rows, not the Users table it replaces: both are tables of Edit buttons, and a
    # test that went on before Sites had drawn measured the Users table, then waited on a button that Sites
    # did not have (the flake on CI of 20d77f0).
    screen = desk.admin_sites()
    expect(screen.locator("tbody tr").filter(has_text="lawa-lax-economy-parking")).to_be_visible()
    assert_fits(page, "admin Sites at 768 px")
    # Each row's button is on screen, its word whole (one line).
    for button in page.locator("#app tbody button").all():
        box = button.bounding_box()
        assert box["x"] + box["width"] <= 768 and box["height"] < 60, box


def _field(desk: Desk, name: str):
    """The value shown for one report field on the report screen."""
    row = desk.page.locator("#app .report-fields dl.summary > div").filter(
        has=desk.page.locator("dt").get_by_text(desk.t(f"field.{name}"), exact=True))
    return row.locator("dd")


def _move(client, device, report_id: str, **body) -> None:
    response = client.post(f"/api/v1/reports/{report_id}/status", headers=device.headers, json=body)
    assert response.status_code == 200, response.get_json()


def test_an_empty_field_reads_not_given_and_withheld_only_where_the_role_may_not_read_it(
        page, browser, live_server, world, client):
    report = push_report(client, world, "field.a", "A", staff_witnesses="The branch manager")  # markings_seen left empty
    liaison = Desk(page)
    liaison.sign_in("liaison.a")
    liaison.open_report(report)
    expect(_field(liaison, "markings_seen")).to_have_text(liaison.t("review.empty"))
    expect(_field(liaison, "staff_witnesses")).to_have_text("The branch manager")

    with second_profile(browser, live_server) as mayor_page:
        mayor = Desk(mayor_page)
        mayor.sign_in("mayor", landing_key="liaison.queue.title_citywide")
        mayor.open_report(report)
        # Before escalation the Mayor's Office reads no free text: withheld, given or not.
        expect(_field(mayor, "markings_seen")).to_have_text(mayor.t("liaison.field.withheld"))
        expect(_field(mayor, "stated_purpose")).to_have_text(mayor.t("liaison.field.withheld"))
        _move(client, sign_in_via_api(client, "liaison.a"), report, to="escalated")
        mayor_page.reload()
        expect(_field(mayor, "stated_purpose")).to_have_text("Said they were looking for someone.")
        expect(_field(mayor, "markings_seen")).to_have_text(mayor.t("review.empty"))
        expect(_field(mayor, "staff_witnesses")).to_have_text(mayor.t("liaison.field.withheld"))  # names never
        expect(_field(mayor, "location")).to_have_text(mayor.t("liaison.field.withheld"))  # nor the phone's position


def test_the_mayors_office_reads_a_liaison_not_an_id_and_each_reason_under_its_own_label(
        page, live_server, world, client):
    report = push_report(client, world, "field.a", "A")
    liaison = sign_in_via_api(client, "liaison.a")
    assigned = client.post(f"/api/v1/reports/{report}/assign", headers=liaison.headers,
                           json={"user_id": world.users["liaison.a"].id})
    assert assigned.status_code == 200, assigned.get_json()
    _move(client, liaison, report, to="escalated")
    # A reason on a move that is not a reopen, as the server stored one before it refused them (2026-12-07): the
    # history still labels it apart from a reopen's.
    escalation = db.session.scalars(select(TriageEvent).where(TriageEvent.to_value == "escalated")).one()
    escalation.details = {"reason": "Agents came back with a supervisor"}
    db.session.commit()
    _move(client, liaison, report, to="closed", resolution="Agents left")
    _move(client, liaison, report, to="in_review", reason="The reporter wrote again")

    mayor = Desk(page)
    mayor.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    mayor.open_report(report)
    app = page.locator("#app")
    history = page.locator("#app section").filter(has=page.get_by_role("heading", name=mayor.t("liaison.history")))
    expect(history).to_contain_text(f"{mayor.t('liaison.history.reason')}: Agents came back with a supervisor")
    expect(history).not_to_contain_text(f"{mayor.t('liaison.triage.reason')}: Agents came back")
    expect(history).to_contain_text(f"{mayor.t('liaison.triage.reason')}: The reporter wrote again")
    expect(app).to_contain_text(mayor.t("liaison.someone"))
    assert not re.search(r"#\d", app.inner_text()), "a liaison's user id is shown"


def test_a_move_refused_because_the_report_changed_meanwhile_says_so_in_the_desks_words_and_shows_it_now(
        page, live_server, world, client):
    desk, report = liaison_on_new_report(page, client, world)
    expect(desk.button("liaison.move.escalated")).to_be_visible()
    # The screen's own reads of the report (its 10 s re-read, its read after a refusal) wait until let go, so it
    # still offers Escalate when the colleague's move lands.
    reads = HeldRequests(page.context, f"**/api/v1/reports/{report}")
    # Meanwhile a colleague's tab closes the report.
    _move(client, sign_in_via_api(client, "liaison.a"), report, to="closed", resolution="Handled by phone")
    desk.button("liaison.move.escalated").click()
    page.get_by_role("dialog").get_by_role("button", name=desk.t("liaison.escalate.confirm"), exact=True).click()
    wait_until(page, reads.arrived, message="the report read again after the refusal")
    reads.release()

    error = page.locator("#error-status")
    expect(error).to_have_text(desk.t("liaison.error.changed", status=desk.t("liaison.status.closed")))
    expect(page.locator("#app")).to_contain_text(desk.t("liaison.triage.status_now", status=desk.t("liaison.status.closed")))
    expect(desk.button("liaison.move.reopen")).to_be_visible()
    expect(desk.button("liaison.move.escalated")).to_have_count(0)
    expect(page.locator("#app")).not_to_contain_text("in_review")


def test_a_colleagues_move_shows_on_the_open_report_without_a_reload_and_a_half_typed_note_stays(
        page, live_server, world, client):
    desk, report = liaison_on_new_report(page, client, world)
    page.evaluate("() => { window.__sameDocument = true; }")
    note = page.locator("#triage-note")
    note.fill("Called the site lead")
    note.focus()
    # A colleague escalates the report from their own desk; nothing waits for an answer on this one.
    _move(client, sign_in_via_api(client, "liaison.a"), report, to="escalated")

    now = page.locator("#triage-status-now")
    expect(now).to_have_text(desk.t("liaison.triage.status_now", status=desk.t("liaison.status.escalated")),
                             timeout=25_000)
    expect(desk.button("liaison.move.escalated")).to_have_count(0)
    assert page.evaluate("() => window.__sameDocument === true"), "the report screen reloaded the page"
    expect(note).to_have_value("Called the site lead")
    expect(note).to_be_focused()


def test_a_colleagues_move_leaves_focus_on_the_move_the_liaison_chose_not_on_another_drawn_in_its_place(
        page, live_server, world, client):
    desk, report = liaison_on_new_report(page, client, world)
    # New offers Acknowledge, In review, Escalate, Close; the liaison tabs to Escalate.
    desk.button("liaison.move.escalated").focus()
    # A colleague acknowledges it: the next re-read offers In review, Escalate, Close. Drawn by position, the
    # third button (the focused one) would now say Close, and Enter would close the report.
    _move(client, sign_in_via_api(client, "liaison.a"), report, to="acknowledged")

    expect(page.locator("#triage-status-now")).to_have_text(
        desk.t("liaison.triage.status_now", status=desk.t("liaison.status.acknowledged")), timeout=25_000)
    expect(desk.button("liaison.move.acknowledged")).to_have_count(0)
    expect(desk.button("liaison.move.escalated")).to_be_focused()


def test_a_question_sent_again_after_its_answer_was_lost_reaches_the_reporter_once(page, live_server, world, client):
    desk, report = liaison_on_new_report(page, client, world)
    stored = []

    def lose_the_first_answer(route, request):
        if stored:
            route.fallback()
            return
        stored.append(route.fetch().status)  # the question reaches the server and is stored…
        route.abort("timedout")  # …and the desk never hears so

    page.route(f"**/api/v1/reports/{report}/questions", lose_the_first_answer)
    page.locator("#triage-question").fill("Which door did they use?")
    desk.button("liaison.followups.send").click()
    expect(page.locator("#error-question")).not_to_be_empty()
    assert stored == [201]
    desk.button("liaison.followups.send").click()  # the liaison tries again, the words still in the box

    expect(page.locator("#app [role=status]").filter(has_text=desk.t("liaison.done.question"))).to_be_visible()
    db.session.remove()
    asked = db.session.scalar(select(func.count()).select_from(FollowUp).where(FollowUp.encounter_id == uuid.UUID(report)))
    assert asked == 1, "the reporter's phone would get the same question twice"


def test_the_search_field_stops_at_the_servers_limit_so_a_pasted_page_finds_rather_than_fails(
        page, live_server, world, client):
    push_report(client, world, "field.a", "A")
    desk = Desk(page)
    desk.sign_in("liaison.a")
    desk.open_filters()
    search = page.locator("#filter-q")
    search.fill("agents at the door " * 200)
    assert len(search.input_value()) == 200
    with page.expect_response("**/api/v1/reports?*") as answer:
        desk.button("liaison.filter.apply").click()
    assert answer.value.status == 200
    expect(page.locator("#app .error-box")).to_have_count(0)


def test_a_desk_whose_sign_in_was_revoked_says_so_in_desk_words_and_keeps_the_typed_note(
        page, live_server, world, client):
    desk, _report = liaison_on_new_report(page, client, world)
    note = page.locator("#triage-note")
    note.fill("Called the branch manager")
    admin = sign_in_via_api(client, "admin")
    devices = client.get("/api/v1/admin/devices", headers=admin.headers,
                         query_string={"user_id": world.users["liaison.a"].id}).get_json()
    assert devices
    for device in devices:  # the desk's browser among them
        assert client.post(f"/api/v1/admin/devices/{device['id']}/revoke", headers=admin.headers).status_code == 200
    desk.button("liaison.notes.save").click()
    expect(page.locator("#error-note")).to_have_text(desk.t("desk.error.device_revoked"))
    expect(page.locator("#app")).not_to_contain_text(desk.t("banner.signin_again"))
    expect(note).to_have_value("Called the branch manager")


def test_leaving_a_report_with_a_half_written_note_asks_first(page, live_server, world, client):
    desk, report = liaison_on_new_report(page, client, world)
    back = page.locator("#app").get_by_role("link", name=desk.t("liaison.report.back"))
    back.click()  # nothing typed: no question
    expect(desk.heading()).to_have_text(desk.t("liaison.queue.title"))

    desk.open_report(report)
    page.locator("#triage-note").fill("Half a thought about the")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    back.click()
    expect(page.locator("#triage-note")).to_have_value("Half a thought about the")
    assert asked == [desk.t("liaison.leave_unsent")]
    assert f"#/desk/report/{report}" in page.url

    page.once("dialog", lambda dialog: dialog.accept())
    back.click()
    expect(desk.heading()).to_have_text(desk.t("liaison.queue.title"))

