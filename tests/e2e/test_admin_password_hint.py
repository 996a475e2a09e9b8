"""The administrator's user form says what a password must be before the server has to refuse one: for a new
user, that it is only for local sign-in and how long it must be; for a user changed, that empty keeps it."""
from playwright.sync_api import expect

from encounter.vocabulary import PASSWORD_LENGTH
from tests.e2e.desk import Desk
from tests.factories import sign_in_via_api


def _hint(page, desk: Desk):
    return page.locator("#app .field").filter(has=page.get_by_label(desk.t("admin.field.password"), exact=True)) \
        .locator(".hint")


def test_the_password_hint_fits_a_new_user_and_states_the_length_the_server_enforces(page, live_server, world,
                                                                                      client):
    shortest = PASSWORD_LENGTH[0]
    admin = sign_in_via_api(client, "admin")
    too_short = client.post("/api/v1/admin/users", headers=admin.headers, json={
        "username": "t.short", "display_name": "T Short", "role": "field", "department": "A",
        "password": "x" * (shortest - 1)})
    assert too_short.status_code == 422 and "password" in too_short.get_json()["errors"]["json"], too_short.get_json()

    desk = Desk(page)
    desk.sign_in("admin", landing_key="admin.users.title")
    expect(_hint(page, desk)).to_have_text(desk.t("admin.hint.password_new", min=shortest))

    page.locator("#app").get_by_role("button", name=desk.t("admin.action.edit_named", name="field.a"), exact=True).click()
    expect(_hint(page, desk)).to_have_text(
        f'{desk.t("admin.hint.password")} {desk.t("admin.hint.password_min", min=shortest)}')
