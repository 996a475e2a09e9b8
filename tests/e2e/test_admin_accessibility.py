"""The administrator's screens pass axe-core (no serious or critical violation), with a field error, a device list
and the users' pages shown."""
from playwright.sync_api import expect

from tests.e2e.axe import AxeScans
from tests.e2e.desk import Desk
from tests.factories import add_crew, sign_in_via_api


def test_admin_screens_have_no_serious_or_critical_axe_violation(page, context, world, client):
    scan = AxeScans(context)
    sign_in_via_api(client, "field.a")  # a device to list
    desk = Desk(page)
    desk.sign_in("admin", landing_key="admin.users.title")
    app = page.locator("#app")
    app.get_by_role("button", name=desk.t("admin.action.edit_named", name="field.a"), exact=True).click()
    expect(app.locator("section tbody tr")).to_have_count(1)
    scan("users with devices", page)
    add_crew(world.departments["B"], 120)  # more than a page: the pages' buttons, the first one disabled
    app.get_by_label(desk.t("admin.users.filter_department"), exact=True).select_option("B")
    desk.button("admin.action.search").click()
    expect(desk.button("admin.page.next")).to_be_enabled()
    scan("users, a page of many", page)
    desk.open("#/desk/admin/sites")
    expect(desk.heading()).to_have_text(desk.t("admin.sites.title"))
    app.get_by_label(desk.t("admin.field.phone"), exact=True).fill("nope")
    desk.button("admin.action.create").click()
    expect(app.locator(".field .error").first).to_be_visible()
    scan("sites with field errors", page)
    desk.open("#/desk/admin/departments")
    expect(desk.heading()).to_have_text(desk.t("admin.departments.title"))
    expect(app.locator("tbody tr")).to_have_count(2)
    scan("departments", page)
    desk.open("#/desk/admin/server")
    expect(desk.heading()).to_have_text(desk.t("admin.server.title"))
    expect(app.locator("dl.summary")).to_have_count(4)
    scan("this server", page)
    scan.assert_clean(screens=5)
