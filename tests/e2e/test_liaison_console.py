"""Issue 4, desk side: the liaison's queue shows a new report by itself; the Mayor's Office reads citywide; scoping holds."""
import time

from playwright.sync_api import expect

from tests.e2e.desk import Desk, push_report, second_profile
from tests.e2e.flow import FieldApp, Report
from tests.factories import add_user


def test_a_report_submitted_on_the_phone_appears_in_the_liaisons_open_queue_without_reload_within_15_s(
        page, browser, live_server, world, catalogs):
    phone = FieldApp(page, catalogs["en"])
    phone.sign_in("field.a")
    with second_profile(browser, live_server) as desk_page:
        desk = Desk(desk_page)
        desk.sign_in("liaison.a")
        expect(desk_page.locator("#filter-status")).to_have_value("open")
        expect(desk_page.locator("#app")).to_contain_text(desk.t("liaison.queue.empty"))
        desk_page.evaluate("() => { window.__sameDocument = true; }")

        item_id = phone.log_encounter(Report())  # non-public entry, administrative warrant: P1
        submitted = time.monotonic()

        row = desk.queue_link(item_id)
        expect(row).to_be_visible(timeout=15_000)
        assert time.monotonic() - submitted <= 15.5
        assert desk_page.evaluate("() => window.__sameDocument === true"), "the queue reloaded the page"
        expect(row).to_have_text("Site A1")
        cells = desk.queue_row(item_id)
        expect(cells).to_contain_text(desk.t("liaison.priority.short", n=1))
        expect(cells).to_contain_text(desk.t("liaison.status.new"))
        expect(cells).to_contain_text(desk.t("liaison.queue.fresh"))
        expect(desk_page.locator("#app [role=status]").first).to_contain_text(desk.t("liaison.queue.new.one"))

        # The employee left "When the agents left" empty: the liaison reads that it was not given, not the submit time.
        desk.open_report(item_id)
        ended = desk_page.locator("#app dl.summary > div").filter(
            has=desk_page.locator("dt", has_text=desk.t("field.ended_at")))
        expect(ended.locator("dd")).to_have_text(desk.t("review.empty"))


def test_the_queue_filters_live_in_the_url_and_survive_a_reload(page, browser, live_server, world, client):
    urgent = push_report(client, world, "field.a", "A")
    public = push_report(client, world, "field.a", "A", site="site-a2", area_type="public", non_public_entered=False,
                         entered_over_objection=False, masks=False, document_type="none", detained_count=0)
    desk = Desk(page)
    desk.sign_in("liaison.a")
    expect(desk.queue_link(urgent)).to_be_visible()
    expect(desk.queue_link(public)).to_be_visible()

    desk.open_filters()
    page.locator("#filter-site").select_option("site-a2")
    desk.button("liaison.filter.apply").click()
    expect(desk.queue_link(urgent)).to_have_count(0)
    expect(desk.queue_link(public)).to_be_visible()
    assert "site=site-a2" in page.url

    page.reload()
    expect(desk.queue_link(public)).to_be_visible()
    expect(desk.queue_link(urgent)).to_have_count(0)
    expect(page.locator("#filter-site")).to_have_value("site-a2")


def test_the_mayors_office_reads_both_departments_without_triage_controls_and_liaison_b_never_sees_department_a(
        page, browser, live_server, world, client):
    report_a = push_report(client, world, "field.a", "A")
    report_b = push_report(client, world, "field.b", "B")

    mayor = Desk(page)
    mayor.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    expect(mayor.queue_link(report_a)).to_be_visible()
    expect(mayor.queue_link(report_b)).to_be_visible()
    mayor.open_filters()
    expect(page.locator("#filter-department")).to_be_visible()
    mayor.open_report(report_a)
    expect(page.get_by_role("heading", name=mayor.t("liaison.timeline"))).to_be_visible()
    expect(page.get_by_role("heading", name=mayor.t("liaison.triage.title"), exact=True)).to_have_count(0)
    expect(mayor.button("liaison.move.acknowledged")).to_have_count(0)
    expect(page.locator("#app form")).to_have_count(0)
    expect(page.locator("#app")).to_contain_text(mayor.t("liaison.report.read_only"))
    # Photos are the department's liaisons' alone: the Mayor's Office is told so, and no bytes are fetched.
    expect(page.locator("#app")).to_contain_text(mayor.t("liaison.photo.not_for_role", count=0))
    expect(page.locator("#app .desk-photo")).to_have_count(0)

    with second_profile(browser, live_server) as other:
        desk_b = Desk(other)
        desk_b.sign_in("liaison.b")
        expect(desk_b.queue_link(report_b)).to_be_visible()
        expect(desk_b.queue_link(report_a)).to_have_count(0)
        desk_b.open_report(report_a)
        expect(desk_b.heading()).to_have_text(desk_b.t("liaison.report.not_found"))
        expect(other.locator("#app")).not_to_contain_text("Site A1")
        expect(desk_b.button("liaison.move.acknowledged")).to_have_count(0)



def test_the_mayors_office_is_not_told_a_report_has_no_notes_or_audit_when_it_may_not_read_them(
        page, browser, live_server, world, client):
    from tests.factories import sign_in_via_api

    report = push_report(client, world, "field.a", "A")
    liaison = sign_in_via_api(client, "liaison.a")
    assert client.post(f"/api/v1/reports/{report}/notes", headers=liaison.headers,
                       json={"text": "Called the site lead back."}).status_code == 201

    mayor = Desk(page)
    mayor.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    mayor.open_report(report)
    expect(page.get_by_role("heading", name=mayor.t("liaison.timeline"))).to_be_visible()
    # Notes and the audit are the department's (encounter/views.py, server/access.py): no section, never "none yet".
    expect(page.get_by_role("heading", name=mayor.t("liaison.notes"), exact=True)).to_have_count(0)
    expect(page.get_by_role("heading", name=mayor.t("liaison.audit"), exact=True)).to_have_count(0)
    expect(page.locator("#app")).not_to_contain_text(mayor.t("liaison.notes.none"))
    expect(page.locator("#app")).not_to_contain_text(mayor.t("liaison.audit.none"))

    with second_profile(browser, live_server) as other:
        desk = Desk(other)
        desk.sign_in("liaison.a")
        desk.open_report(report)
        expect(other.get_by_role("heading", name=desk.t("liaison.notes"), exact=True)).to_be_visible()
        expect(other.locator("#app")).to_contain_text("Called the site lead back.")
        expect(other.get_by_role("heading", name=desk.t("liaison.audit"), exact=True)).to_be_visible()

def test_the_report_screen_shows_uploaded_photos_says_which_have_not_arrived_and_shows_one_once_it_does(
        page, live_server, world, client):
    from tests.api.test_blobs import photo_ref, png, upload
    from tests.factories import sign_in_via_api

    here, missing = png((17, 99, 201)), png((201, 17, 99))
    report_id = push_report(client, world, "field.a", "A", photos=[photo_ref(here), photo_ref(missing)])
    phone = sign_in_via_api(client, "field.a")
    assert upload(client, phone, here).status_code in (200, 201)
    desk = Desk(page)
    desk.sign_in("liaison.a")
    desk.open_report(report_id)
    photo = page.get_by_role("img", name=desk.t("photos.alt", n=1))
    expect(photo).to_be_visible()
    # The bytes came through the token-carrying fetch and decode as the 1×1 image that was uploaded.
    page.wait_for_function("(img) => img.complete && img.naturalWidth === 1", arg=photo.element_handle())
    expect(page.locator("#app .desk-photo-missing")).to_contain_text(desk.t("liaison.photo.missing"))

    # The phone uploads the second photo later: the open report shows it without a reload (its 10 s read).
    page.evaluate("() => { window.__sameDocument = true; }")
    assert upload(client, phone, missing).status_code in (200, 201)
    expect(page.get_by_role("img", name=desk.t("photos.alt", n=2))).to_be_visible(timeout=25_000)
    expect(page.locator("#app .desk-photo-missing")).to_have_count(0)
    assert page.evaluate("() => window.__sameDocument === true"), "the report screen reloaded the page"


def test_a_liaison_sets_a_reports_priority_by_hand_and_the_report_says_a_liaison_set_it(page, live_server, world, client):
    report_id = push_report(client, world, "field.a", "A")  # P1 by the rules
    desk = Desk(page)
    desk.sign_in("liaison.a")
    desk.open_report(report_id)

    page.get_by_label(desk.t("liaison.triage.priority"), exact=True).select_option("3")
    desk.button("liaison.triage.priority_save").click()

    expect(page.locator("#app")).to_contain_text(desk.t("liaison.done.priority"))
    expect(page.locator("#app .priority-reason").first).to_have_text("Set by a liaison")
    expect(page.locator("#app")).to_contain_text(desk.t("liaison.history.priority", **{"from": "1", "to": "3"}))
    expect(page.get_by_label(desk.t("liaison.triage.priority"), exact=True)).to_have_value("3")


def test_a_report_let_go_when_its_assignee_moved_says_why_in_the_history_and_the_audit(
        page, live_server, world, client, login):
    report_id = push_report(client, world, "field.a", "A")
    moving = add_user("liaison.a2", "liaison", world.departments["A"])
    assigned = client.post(f"/api/v1/reports/{report_id}/assign", headers=login("liaison.a").headers,
                           json={"user_id": moving.id})
    assert assigned.status_code == 200, assigned.get_json()
    moved = client.put(f"/api/v1/admin/users/{moving.id}", headers=login("admin").headers, json={
        "username": "liaison.a2", "display_name": moving.display_name, "role": "liaison", "active": True,
        "department": "B"})
    assert moved.status_code == 200, moved.get_json()
    desk = Desk(page)
    desk.sign_in("liaison.a")
    desk.open_report(report_id)
    why = desk.t("liaison.history.released", reason=desk.t("liaison.released.assignee_moved"))
    assert why == "Unassigned: assignee moved to another department"
    history = page.locator("#app section[aria-labelledby=history-h] li")
    expect(history).to_have_count(2)  # the assignment, then its release
    expect(history.last).to_contain_text(why)
    expect(history.last).to_contain_text("Admin")  # who made the change that let it go
    audit = page.locator("#app section[aria-labelledby=audit-h] tbody tr").filter(has_text=why)
    expect(audit).to_have_count(1)
