"""An administrator adds a site and a user at the desk; the new field employee signs in on a phone and logs an
encounter at the new site."""
import datetime

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from server.extensions import db
from server.models import Department, Site, User
from tests.e2e.desk import Desk, push_report, second_profile
from tests.e2e.device import wait_until
from tests.e2e.flow import FieldApp, Report
from tests.e2e.stored import server_encounters
from tests.factories import add_crew, add_user, encounter_body, push, push_item, sign_in_via_api

NEW_PASSWORD = "a brand new long password"


def _new_site_form(desk: Desk, code: str):
    """Sign in as the administrator (landing on Users), open Sites and type a new site's code; return the screen."""
    app = desk.admin_sites()
    app.get_by_label(desk.t("admin.field.code"), exact=True).fill(code)
    return app


def test_an_admin_adds_a_site_and_a_user_who_then_logs_an_encounter_there(page, browser, live_server, world, catalogs):
    desk = Desk(page)
    app = _new_site_form(desk, "site-a-new")
    app.get_by_label(desk.t("admin.field.name"), exact=True).fill("New Community Center")
    app.get_by_label(desk.t("admin.field.department"), exact=True).select_option("A")
    app.get_by_label(desk.t("admin.field.facility_type"), exact=True).select_option("recreation_center")
    app.get_by_label(desk.t("admin.field.latitude"), exact=True).fill("34.0407")
    app.get_by_label(desk.t("admin.field.longitude"), exact=True).fill("-118.2468")
    app.get_by_label(desk.t("admin.field.site_lead_phone"), exact=True).fill("not a phone")
    desk.button("admin.action.create").click()
    expect(app.locator(".field .error")).to_contain_text("telephone number")  # at the field, the desk's words
    app.get_by_label(desk.t("admin.field.site_lead_phone"), exact=True).fill("213 555 0177")
    desk.button("admin.action.create").click()
    expect(app.locator(".notice")).to_have_text(desk.t("admin.created", name="site-a-new"))
    # The number as people read it; its link dials, and its title copies, the stored value.
    number = app.locator("tbody tr").filter(has_text="site-a-new").get_by_role("link", name="(213) 555-0177")
    expect(number).to_have_attribute("href", "tel:+12135550177")
    expect(number).to_have_attribute("title", "+12135550177")

    desk.open("#/desk/admin/users")
    expect(desk.heading()).to_have_text(desk.t("admin.users.title"))
    app.get_by_label(desk.t("admin.field.username"), exact=True).fill("new.person")
    app.get_by_label(desk.t("admin.field.display_name"), exact=True).fill("New Person")
    app.get_by_label(desk.t("admin.field.role"), exact=True).select_option("field")
    app.get_by_label(desk.t("admin.field.department"), exact=True).select_option("A")
    app.get_by_label(desk.t("admin.field.password"), exact=True).fill(NEW_PASSWORD)
    desk.button("admin.action.create").click()
    expect(app.locator(".notice")).to_have_text(desk.t("admin.created", name="new.person"))

    with second_profile(browser, live_server) as phone:
        field = FieldApp(phone, catalogs["en"])
        field.sign_in("new.person", NEW_PASSWORD)
        item_id = field.log_encounter(Report(site="site-a-new"))
        stored = wait_until(phone, server_encounters, message="the report on the server")
    assert [(s["id"], s["body"]["site"]) for s in stored] == [(item_id, "site-a-new")]

    # The admin sees the new user's phone, with its app version and last contact.
    desk.open("#/desk/admin/users")
    app.get_by_role("button", name=desk.t("admin.action.edit_named", name="new.person")).click()
    devices = app.locator("section").filter(has_text=desk.t("admin.devices.title", name="new.person"))
    expect(devices.locator("tbody tr")).to_have_count(1)
    expect(devices.locator("tbody tr td").nth(2)).not_to_have_text("—")


def test_a_screen_left_while_its_rows_load_does_not_draw_over_the_next(page, live_server, world):
    """The landing Users screen, still loading when the admin went to Sites, replaced Sites and its half-filled form."""
    held = []
    page.route("**/api/v1/admin/users*", lambda route: held.append(route))  # the users' rows are held on their way
    desk = Desk(page)
    app = _new_site_form(desk, "site-a-late")
    assert held, "the Users screen asked for no rows"
    with page.expect_response("**/api/v1/admin/users*"):
        for route in held:
            route.continue_()
    page.wait_for_timeout(300)  # their screen has had its moment to draw

    expect(desk.heading()).to_have_text(desk.t("admin.sites.title"))
    expect(app.get_by_label(desk.t("admin.field.code"), exact=True)).to_have_value("site-a-late")


def test_a_mayors_office_user_given_a_department_is_refused_at_the_field_and_not_listed_with_it(page, live_server,
                                                                                                world):
    desk = Desk(page)
    desk.sign_in("admin", landing_key="admin.users.title")
    app = page.locator("#app")
    app.get_by_label(desk.t("admin.field.username"), exact=True).fill("t.new")
    app.get_by_label(desk.t("admin.field.display_name"), exact=True).fill("Test New")
    app.get_by_label(desk.t("admin.field.role"), exact=True).select_option("mayor_office")
    app.get_by_label(desk.t("admin.field.department"), exact=True).select_option("A")
    desk.button("admin.action.create").click()
    expect(app.locator(".field .error")).to_contain_text("citywide")  # at the department field
    expect(app.locator("tbody tr").filter(has_text="t.new")).to_have_count(0)
    app.get_by_label(desk.t("admin.field.department"), exact=True).select_option("")
    desk.button("admin.action.create").click()
    expect(app.locator(".notice")).to_have_text(desk.t("admin.created", name="t.new"))


def _devices_of(desk: Desk, username: str):
    """Sign in as the administrator, choose ``username`` and return the section of their devices."""
    desk.sign_in("admin", landing_key="admin.users.title")
    desk.button_named(desk.t("admin.action.edit_named", name=username)).click()
    return desk.page.locator("#app section").filter(
        has=desk.page.get_by_role("heading", name=desk.t("admin.devices.title", name=username)))


def _refused_once(page, url: str, status: int, message: str, description: str) -> list[str]:
    """The server's first answer to ``url`` (a glob) is this error, later ones are its own; return the URLs refused."""
    refused = []

    def refuse_once(route):
        if refused:
            return route.continue_()
        refused.append(route.request.url)
        return route.fulfill(status=status, content_type="application/json", json={
            "code": status, "message": message, "description": description})

    page.route(url, refuse_once)
    return refused


def test_a_refused_revoke_is_said_in_the_page_with_the_device_named_and_gone_after_the_next_revoke(
        page, live_server, world, client):
    sign_in_via_api(client, "field.a", device_name="Library tablet 3")
    boxes = []
    page.on("dialog", lambda dialog: (boxes.append(dialog.message), dialog.dismiss()))
    refused = _refused_once(page, "**/api/v1/admin/devices/*/revoke", 409, "Conflict", "The device changed meanwhile.")
    desk = Desk(page)
    devices = _devices_of(desk, "field.a")
    row = devices.locator("tbody tr").filter(has_text="Library tablet 3")
    row.get_by_role("button", name=desk.t("admin.devices.revoke"), exact=True).click()
    page.locator("dialog[open]").get_by_role("button", name=desk.t("admin.devices.revoke"), exact=True).click()

    error = devices.get_by_role("alert")
    expect(error).to_contain_text(desk.t("admin.devices.failed", name="Library tablet 3", problem="").strip())
    expect(error).to_be_focused()  # the keyboard is where the news is, not back at the page's top
    assert refused and not boxes, boxes  # said in the page, never in a browser alert box
    expect(row).to_contain_text(desk.t("admin.devices.active"))

    row.get_by_role("button", name=desk.t("admin.devices.revoke"), exact=True).click()
    page.locator("dialog[open]").get_by_role("button", name=desk.t("admin.devices.revoke"), exact=True).click()
    expect(row).to_contain_text(desk.t("admin.devices.revoked", time="").strip())
    expect(devices.get_by_role("alert")).to_have_count(0)


def test_the_audit_trail_names_the_device_as_the_admin_knows_it_with_its_id_beside(page, live_server, world, client):
    phone = sign_in_via_api(client, "field.a", device_name="Library tablet 3")
    item = push_item(encounter_body(world, "A"))
    assert push(client, phone, [item]).status_code == 200
    desk = Desk(page)
    devices = _devices_of(desk, "field.a")
    # The admin's device list and the audit trail say the same name for the same phone.
    expect(devices.locator(f'tr[data-device="{phone.device_id}"] td').first).to_have_text("Library tablet 3")
    desk.open_report(item["id"])
    audit = page.locator("#app section").filter(has=page.get_by_role("heading", name=desk.t("liaison.audit")))
    cell = audit.locator("tbody tr").filter(has_text=desk.t("liaison.audit.action.encounter.receive")).locator("td").nth(3)
    expect(cell).to_have_text("Library tablet 3")
    expect(cell).to_have_attribute("title", phone.device_id)


def _editing_department(page, code: str):
    """An administrator on Departments with department ``code``'s form open: the desk and its screen."""
    desk = Desk(page)
    desk.sign_in("admin", landing_key="admin.users.title")
    desk.open("#/desk/admin/departments")
    screen = page.locator("#app")
    screen.get_by_role("button", name=desk.t("admin.action.edit_named", name=code)).click()
    return desk, screen


def test_a_department_number_the_server_refuses_is_said_at_its_own_field(page, live_server, world):
    # The department's numbers travel as `contacts: {…}`; the server names the refused one inside it.
    desk, screen = _editing_department(page, "A")
    help_line = screen.get_by_label(desk.t("admin.field.resident_help_phone"), exact=True)
    help_line.fill("ask the front desk")
    desk.button("admin.action.save").click()
    expect(screen.locator(".error-box")).to_have_text(desk.t("desk.refusal.invalid"))
    expect(help_line).to_have_attribute("aria-invalid", "true")
    expect(screen.locator("#admin-resident_help-error")).to_have_text(desk.t("desk.field_error.phone"))
    # The others, given well, are not marked.
    expect(screen.get_by_label(desk.t("admin.field.liaison_phone"), exact=True)).not_to_have_attribute(
        "aria-invalid", "true")


def test_a_department_name_the_server_refuses_in_one_language_is_said_at_that_language_field(
        page, live_server, world):
    # Names travel as `names: {en, es, …}`; the server names the refused language inside it, the form says name_es.
    desk, screen = _editing_department(page, "A")
    spanish = screen.get_by_label(desk.t("admin.field.name_es"), exact=True)
    spanish.fill("Biblioteca " * 20)  # 220 characters: the server keeps a name to 200
    desk.button("admin.action.save").click()
    expect(screen.locator(".error-box")).to_have_text(desk.t("desk.refusal.invalid"))
    expect(spanish).to_have_attribute("aria-invalid", "true")
    expect(screen.locator("#admin-name_es-error")).not_to_be_empty()
    expect(screen.get_by_label(desk.t("admin.field.name_en"), exact=True)).not_to_have_attribute(
        "aria-invalid", "true")


def _stored_area_types(code: str) -> list[str]:
    db.session.expire_all()
    return db.session.scalar(select(Site.area_types).where(Site.code == code))


def test_a_site_changed_at_the_desk_keeps_its_kinds_of_area_and_the_admin_may_change_them(page, live_server, world):
    """QA a4: the site form had no area types and saving it gave every site all three."""
    desk = Desk(page)
    screen = desk.admin_sites()
    screen.get_by_role("button", name=desk.t("admin.action.edit_named", name="site-a1")).click()
    group = screen.get_by_role("group", name=desk.t("admin.field.area_types"))
    public, non_public, parking = (group.get_by_label(desk.t(f"area.{a}"), exact=True)
                                   for a in ("public", "non_public", "parking_staging"))
    expect(public).to_be_checked()
    expect(non_public).to_be_checked()
    expect(parking).not_to_be_checked()
    screen.get_by_label(desk.t("admin.field.phone"), exact=True).fill("213 555 0199")
    desk.button("admin.action.save").click()
    expect(screen.locator(".notice")).to_have_text(desk.t("admin.saved", name="site-a1"))
    assert _stored_area_types("site-a1") == ["public", "non_public"]

    screen.get_by_role("button", name=desk.t("admin.action.edit_named", name="site-a1")).click()
    for box in (public, non_public):
        box.uncheck()
    desk.button("admin.action.save").click()
    expect(screen.locator("#admin-area_types-error")).to_have_text(desk.t("desk.field_error.count_one"))
    expect(public).to_have_attribute("aria-invalid", "true")
    assert _stored_area_types("site-a1") == ["public", "non_public"]
    parking.check()
    desk.button("admin.action.save").click()
    expect(screen.locator(".notice")).to_have_text(desk.t("admin.saved", name="site-a1"))
    assert _stored_area_types("site-a1") == ["parking_staging"]


def test_a_department_code_reports_name_is_refused_in_the_desks_words_and_kept(page, live_server, world, client):
    """QA q1: renaming a department's code left its reports and published quarter naming a code nobody has."""
    push_report(client, world, "field.a", "A")
    desk, screen = _editing_department(page, "A")
    screen.get_by_label(desk.t("admin.field.code"), exact=True).fill("AA")
    desk.button("admin.action.save").click()
    expect(screen.locator(".error-box")).to_have_text(desk.t("desk.refusal.code_in_use"))
    db.session.expire_all()
    assert db.session.scalar(select(Department.code).where(Department.id == world.departments["A"].id)) == "A"


def _saving(page, desk, username: str, change, accept: bool = True) -> list[str]:
    """Choose ``username``, make ``change(screen)`` and save, answering any question; return what the desk asked."""
    asked = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()
    page.once("dialog", answer)
    screen = page.locator("#app")
    screen.get_by_role("button", name=desk.t("admin.action.edit_named", name=username), exact=True).click()
    change(screen)
    desk.button("admin.action.save").click()
    return asked


def _deactivating(page, desk, username: str, accept: bool) -> list[str]:
    """Untick Active on ``username`` and save, answering the confirmation; return what the desk asked."""
    asked = _saving(page, desk, username, lambda screen: screen.get_by_label(
        desk.t("admin.field.active"), exact=True).uncheck(), accept)
    wait_until(page, lambda: asked, message="the confirmation")
    return asked


def _active(username: str) -> bool:
    db.session.expire_all()
    return db.session.scalar(select(User.active).where(User.username == username))


def test_deactivating_a_user_says_what_happens_and_more_strongly_for_the_last_liaison(page, live_server, world):
    """QA a7: the department's only liaison was deactivated with no word that its reports now reach nobody."""
    desk = Desk(page)
    desk.sign_in("admin", landing_key="admin.users.title")
    asked = _deactivating(page, desk, "liaison.a", accept=False)
    assert asked == [desk.t("admin.users.deactivate_last_liaison", name="liaison.a", department="A")]
    page.wait_for_timeout(300)
    assert _active("liaison.a")  # declined: nothing sent
    desk.button("admin.action.cancel").click()
    asked = _deactivating(page, desk, "field.a", accept=True)
    assert asked == [desk.t("admin.users.deactivate_confirm", name="field.a")]
    expect(page.locator("#app .notice")).to_have_text(desk.t("admin.saved", name="field.a"))
    assert not _active("field.a")


def _role_and_department(username: str) -> tuple[str, str | None]:
    db.session.expire_all()
    user = db.session.scalar(select(User).where(User.username == username))
    return user.role, user.department.code if user.department else None


@pytest.mark.parametrize(("field", "value", "after"), [
    ("admin.field.department", "B", ("liaison", "B")), ("admin.field.role", "trainer", ("trainer", "A"))])
def test_moving_the_last_liaison_or_changing_their_role_says_the_department_is_left_with_none(
        page, live_server, world, field, value, after):
    """Deactivating the last liaison was questioned; moving them, or making them a trainer, left A with none unasked."""
    desk = Desk(page)
    desk.sign_in("admin", landing_key="admin.users.title")

    def change(screen):
        screen.get_by_label(desk.t(field), exact=True).select_option(value)
    asked = _saving(page, desk, "liaison.a", change, accept=False)
    wait_until(page, lambda: asked, message="the question")
    assert asked == [desk.t("admin.users.leave_last_liaison", name="liaison.a", department="A")]
    page.wait_for_timeout(300)
    assert _role_and_department("liaison.a") == ("liaison", "A")  # declined: nothing sent
    desk.button("admin.action.cancel").click()
    asked = _saving(page, desk, "liaison.a", change, accept=True)
    expect(page.locator("#app .notice")).to_have_text(desk.t("admin.saved", name="liaison.a"))
    assert len(asked) == 1 and _role_and_department("liaison.a") == after


def test_moving_a_liaison_whose_department_keeps_another_asks_nothing(page, live_server, world):
    add_user("liaison.a2", "liaison", world.departments["A"])
    desk = Desk(page)
    desk.sign_in("admin", landing_key="admin.users.title")
    asked = _saving(page, desk, "liaison.a", lambda screen: screen.get_by_label(
        desk.t("admin.field.department"), exact=True).select_option("B"))
    expect(page.locator("#app .notice")).to_have_text(desk.t("admin.saved", name="liaison.a"))
    assert asked == [] and _role_and_department("liaison.a") == ("liaison", "B")


def test_an_admin_reaches_every_user_of_a_large_department_by_its_filters_and_pages(page, live_server, world):
    """The Users screen listed the first 200 users and no more: most of a department of thousands was out of reach."""
    add_crew(world.departments["B"], 249)  # with field.b, 250 field employees in B
    desk = Desk(page)
    desk.sign_in("admin", landing_key="admin.users.title")
    screen = page.locator("#app")
    rows = screen.locator("tbody tr")
    screen.get_by_label(desk.t("admin.users.filter_department"), exact=True).select_option("B")
    screen.get_by_label(desk.t("admin.users.filter_role"), exact=True).select_option("field")
    desk.button("admin.action.search").click()
    pages = screen.get_by_role("navigation", name=desk.t("admin.page.nav"))
    range_ = pages.get_by_role("status")
    expect(range_).to_have_text(desk.t("admin.page.range_more", first="1", last="100"))
    expect(rows).to_have_count(100)
    expect(rows.first).to_contain_text("crew.0000")
    expect(desk.button("admin.page.previous")).to_be_disabled()

    following = desk.button("admin.page.next")
    following.click()
    expect(range_).to_have_text(desk.t("admin.page.range_more", first="101", last="200"))
    expect(rows.first).to_contain_text("crew.0100")
    expect(following).to_be_focused()  # the keyboard stays where it pages
    following.click()
    expect(range_).to_have_text(desk.t("admin.page.range", first="201", last="250", total="250"))
    expect(rows).to_have_count(50)
    expect(rows.last).to_contain_text("field.b")
    expect(following).to_be_disabled()
    expect(range_).to_be_focused()  # the last page: the button is off, the keyboard is on what is shown

    # A user on the last page is edited there, and the page is still the one shown after the save.
    screen.get_by_role("button", name=desk.t("admin.action.edit_named", name="crew.0248"), exact=True).click()
    screen.get_by_label(desk.t("admin.field.display_name"), exact=True).fill("Crew Lead")
    desk.button("admin.action.save").click()
    expect(screen.locator(".notice")).to_have_text(desk.t("admin.saved", name="crew.0248"))
    expect(range_).to_have_text(desk.t("admin.page.range", first="201", last="250", total="250"))
    expect(rows.filter(has_text="crew.0248")).to_contain_text("Crew Lead")

    desk.button("admin.page.previous").click()
    expect(range_).to_have_text(desk.t("admin.page.range_more", first="101", last="200"))
    # New filters start at their first page.
    screen.get_by_label(desk.t("admin.users.filter_department"), exact=True).select_option("A")
    screen.get_by_label(desk.t("admin.users.filter_role"), exact=True).select_option("liaison")
    desk.button("admin.action.search").click()
    expect(range_).to_have_text(desk.t("admin.page.range", first="1", last="1", total="1"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("liaison.a")
    expect(pages.get_by_role("button")).to_have_count(0)  # one page: no buttons to pages that are not there


def test_a_page_the_server_fails_to_give_leaves_the_rows_shown_and_their_range_and_says_why(page, live_server, world):
    add_crew(world.departments["B"], 120)
    failed = _refused_once(page, "**/api/v1/admin/users?*offset=100*", 503, "Service Unavailable", "Try again.")
    desk = Desk(page)
    desk.sign_in("admin", landing_key="admin.users.title")
    screen = page.locator("#app")
    range_ = screen.get_by_role("navigation", name=desk.t("admin.page.nav")).get_by_role("status")
    expect(range_).to_have_text(desk.t("admin.page.range_more", first="1", last="100"))
    desk.button("admin.page.next").click()
    expect(screen.locator(".error-box")).to_be_visible()
    expect(range_).to_have_text(desk.t("admin.page.range_more", first="1", last="100"))  # what is still shown
    expect(screen.locator("tbody tr").first).to_contain_text("admin")
    desk.button("admin.page.next").click()  # the next page is still the second, not the third
    expect(range_).to_have_text(desk.t("admin.page.range", first="101", last="129", total="129"))
    expect(screen.locator(".error-box")).to_have_count(0)  # the list came: its failure is no longer news
    assert len(failed) == 1


def test_a_user_the_citys_sign_in_refuses_as_unmapped_is_shown_so_in_the_user_list(page, live_server, world):
    """Refused by single sign-on (their groups grant nothing here) yet still active: the list said plainly "Yes", so
    an administrator could not tell why a liaison could neither sign in nor be assigned reports."""
    world.users["liaison.a"].sso_unmapped_at = datetime.datetime.now(datetime.timezone.utc)
    db.session.commit()
    desk = Desk(page)
    desk.sign_in("admin", landing_key="admin.users.title")
    rows = page.locator("#app tbody tr")
    expect(rows.filter(has_text="liaison.a")).to_contain_text(desk.t("admin.users.sso_refused"))
    expect(rows.filter(has_text="field.a").first).not_to_contain_text(desk.t("admin.users.sso_refused"))
