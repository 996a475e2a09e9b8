"""A demanding administrator and trainer at their desk screens (walk of 7 December 2026): what they typed is
never carried into another record's form, a new record's form starts as new, unsaved checklist edits are asked
about before the editor is left, a discard leaves no stale error and keeps the keyboard in the page, and the
checklist list and its analytics fit a phone, in English, Spanish and Farsi."""
import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from werkzeug.security import check_password_hash

from server.extensions import db
from server.models import AuditEntry, User
from tests.e2e import trainer
from tests.e2e.desk import Desk
from tests.e2e.device import choose_language
from tests.factories import encounter_body, push, push_item, sign_in_via_api

A_LONG_PASSWORD = "meant for the new user only"


def _stored_user(username: str) -> User:
    """One user as stored now, read fresh."""
    db.session.remove()
    try:
        user = db.session.scalars(select(User).where(User.username == username)).one()
        db.session.expunge(user)
        return user
    finally:
        db.session.remove()


def _audited(action: str) -> list[dict]:
    """The details of every audit entry of this action, oldest first."""
    db.session.remove()
    try:
        return [e.details for e in db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)
                                                      .order_by(AuditEntry.id))]
    finally:
        db.session.remove()


def _row_edit(desk: Desk, username: str):
    """The Edit button of one user's row."""
    return desk.page.locator("#app tbody tr").filter(
        has=desk.page.locator("td").get_by_text(username, exact=True)).get_by_role("button")


@pytest.mark.parametrize("language, label", [("en", None), ("fa", "فارسی")])
def test_a_refused_new_user_leaves_nothing_typed_in_the_next_users_form(page, live_server, world, language, label):
    """A refused new user's password, role and department were kept in the DOM and saved onto the user edited next."""
    department_a = world.departments["A"].id
    if label:
        choose_language(page, label, language)
    desk = Desk(page, language)
    desk.sign_in("admin", landing_key="admin.users.title")
    app = page.locator("#app")
    app.get_by_label(desk.t("admin.field.username"), exact=True).fill("field.a")  # taken: refused
    app.get_by_label(desk.t("admin.field.display_name"), exact=True).fill("Someone New")
    app.get_by_label(desk.t("admin.field.role"), exact=True).select_option("liaison")
    app.get_by_label(desk.t("admin.field.department"), exact=True).select_option("B")
    app.get_by_label(desk.t("admin.field.password"), exact=True).fill(A_LONG_PASSWORD)
    desk.button("admin.action.create").click()
    expect(app.locator(".error-box")).to_be_visible()
    # What was typed stays for the admin to correct.
    expect(app.get_by_label(desk.t("admin.field.password"), exact=True)).to_have_value(A_LONG_PASSWORD)

    _row_edit(desk, "field.a2").click()
    form = app.locator("form.admin-form")
    expect(form.get_by_label(desk.t("admin.field.username"), exact=True)).to_have_value("field.a2")
    expect(form.get_by_label(desk.t("admin.field.password"), exact=True)).to_have_value("")
    expect(form.get_by_label(desk.t("admin.field.role"), exact=True)).to_have_value("field")
    expect(form.get_by_label(desk.t("admin.field.department"), exact=True)).to_have_value("A")
    form.get_by_label(desk.t("admin.field.display_name"), exact=True).fill("Field A Two")
    desk.button("admin.action.save").click()
    expect(app.locator(".notice")).to_contain_text("field.a2")  # "field.a2 was saved.", isolated in Farsi

    stored = _stored_user("field.a2")
    assert (stored.display_name, stored.role, stored.department_id) == ("Field A Two", "field", department_a)
    assert not check_password_hash(stored.password_hash, A_LONG_PASSWORD), "another user's password was saved on field.a2"
    assert _audited("user.update")[-1] == {"username": "field.a2", "fields": ["display_name"]}


def test_the_form_after_a_new_user_is_a_new_users_form_again(page, live_server, world):
    """After a user was created the form was reset to the page's defaults: Active unticked, the next user inactive."""
    desk = Desk(page)
    desk.sign_in("admin", landing_key="admin.users.title")
    app = page.locator("#app")
    active = app.get_by_label(desk.t("admin.field.active"), exact=True)
    expect(active).to_be_checked()
    for username in ("first.new", "second.new"):
        app.get_by_label(desk.t("admin.field.username"), exact=True).fill(username)
        app.get_by_label(desk.t("admin.field.display_name"), exact=True).fill(username.title())
        app.get_by_label(desk.t("admin.field.department"), exact=True).select_option("A")
        expect(active).to_be_checked()
        desk.button("admin.action.create").click()
        expect(app.locator(".notice")).to_have_text(desk.t("admin.created", name=username))
    assert _stored_user("second.new").active, "the second new user was created inactive"
    assert [d["username"] for d in _audited("user.create")] == ["first.new", "second.new"]


def test_unsaved_checklist_edits_are_asked_about_before_the_editor_is_left(page, live_server, world):
    """Going to Analytics from the menu dropped every unsaved edit of the checklist without a word."""
    checklist_id = world.versions["A"].checklist_id
    desk = trainer.Desk(page)
    desk.sign_in("trainer.a")
    desk.open_editor(checklist_id)
    desk.step_text(1, "English").fill("Stay calm; a changed first step.")
    asked = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.dismiss() if len(asked) == 1 else dialog.accept()

    page.on("dialog", answer)
    page.locator("#header").get_by_role("link", name=desk.t("nav.analytics"), exact=True).click()
    expect(desk.heading()).to_contain_text(desk.t("trainer.editor.title"))  # stayed: the trainer said no
    assert asked == [desk.t("trainer.editor.leave_unsaved")]
    expect(desk.step_text(1, "English")).to_have_value("Stay calm; a changed first step.")

    # A refused save's problem list moves the keyboard to the field, with no question: it is not leaving.
    desk.step_text(1, "Spanish").fill("")
    desk.save()
    problem = page.locator("#editor-problems").get_by_role("link").first
    problem.click()
    expect(desk.step_text(1, "Spanish")).to_be_focused()
    assert len(asked) == 1

    page.get_by_role("link", name=desk.t("trainer.editor.back"), exact=True).click()
    expect(desk.heading()).to_have_text(desk.t("trainer.checklists.title"))
    assert len(asked) == 2
    assert trainer.stored_draft(checklist_id) is None


@pytest.mark.parametrize("language, label", [("es", "Español"), ("fa", "فارسی")])
def test_a_discard_after_a_refused_save_says_only_the_discard_and_keeps_the_keyboard_there(
        page, live_server, world, language, label):
    """The refused save's "not saved, fix the problems" stayed over a discarded draft, and focus fell to the page."""
    checklist_id = world.versions["A"].checklist_id
    choose_language(page, label, language)
    desk = trainer.Desk(page, language)
    desk.sign_in("trainer.a")
    desk.open(f"#/desk/checklists/{checklist_id}")
    english = page.locator("#app .step-editor").nth(1).locator('textarea[id$="-text-en"]')  # step 2, whatever its digits
    english.fill("Call the site lead at once.")
    desk.save()
    expect(page.locator("#app .status-message .notice")).to_be_visible()
    english.fill("")
    desk.save()
    expect(page.locator("#editor-problems")).to_contain_text(desk.t("trainer.editor.invalid"))

    page.on("dialog", lambda dialog: dialog.dismiss())  # no browser question on the way: the discard asks in the page
    desk.button("trainer.discard.button").click()
    page.get_by_role("dialog").get_by_role("button", name=desk.t("trainer.discard.confirm"), exact=True).click()
    status = page.locator("#app .status-message")
    expect(status).to_have_text(desk.t("trainer.discard.done"))
    expect(status).to_be_focused()
    expect(page.locator("#editor-problems")).to_be_empty()
    expect(page.locator("#app [aria-invalid=true]")).to_have_count(0)
    assert trainer.stored_draft(checklist_id) is None
    assert [d["checklist"] for d in _audited("checklist.draft_discard")] == ["universal"]


def _fits_the_screen(page, locator) -> None:
    """The control lies within the window's width and the page has no sideways scroll."""
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (box, width)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def _publish_version_2(client, login, checklist_id: int) -> None:
    """Publish version 2 of a checklist through the API (step 1 reworded), as another trainer's desk would."""
    headers = login("trainer.a").headers
    draft = client.get(f"/api/v1/checklists/{checklist_id}/draft", headers=headers).get_json()
    steps = [{**draft["steps"][0], "text": {**draft["steps"][0]["text"], "en": "Stay calm, stay safe."}},
             *draft["steps"][1:]]
    saved = client.put(f"/api/v1/checklists/{checklist_id}/draft", headers=headers,
                       json={"title": draft["title"], "steps": steps})
    assert saved.status_code == 200, saved.get_json()
    published = client.post(f"/api/v1/checklists/{checklist_id}/publish", headers=headers, json={})
    assert published.status_code in (200, 201), published.get_json()


@pytest.mark.parametrize("language, label", [("en", None), ("es", "Español"), ("fa", "فارسی")])
def test_a_trainer_on_a_phone_retires_a_version_with_the_keyboard_its_button_on_the_screen(
        page, live_server, world, client, login, language, label):
    """At 390 px the versions table was wider than the card and the Retire button lay off the screen. The only
    version phones can use offers no Retire (the server would refuse it) but says why, on the screen; a retire
    puts the keyboard on what it did."""
    checklist_id = world.versions["A"].checklist_id
    page.set_viewport_size({"width": 390, "height": 844})
    if label:
        choose_language(page, label, language)
    desk = trainer.Desk(page, language)
    desk.sign_in("trainer.a")
    card = page.locator("#app .checklist-card").first
    rows = card.locator("tbody tr")
    only = rows.last.get_by_text(desk.t("trainer.retire.only_version"), exact=True)
    expect(only).to_be_visible()
    _fits_the_screen(page, only)
    expect(rows.get_by_role("button")).to_have_count(0)
    said = card.locator("td").first.evaluate("(cell) => getComputedStyle(cell, '::before').content")
    assert desk.t("trainer.versions.published") in said, said  # each line says what it is ("Published: …")

    _publish_version_2(client, login, checklist_id)
    page.reload()
    expect(rows).to_have_count(2)
    retire_1 = rows.last.get_by_role("button")  # version 1: the list is newest first
    expect(retire_1).to_have_count(1)
    _fits_the_screen(page, retire_1)
    retire_1.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("button", name=desk.t("trainer.action.cancel"), exact=True)).to_be_focused()
    page.keyboard.press("Shift+Tab")  # from Cancel back to the confirming button
    page.keyboard.press("Enter")
    expect(dialog).to_have_count(0)
    status = page.locator("#app .status-message")
    expect(status.locator(".notice")).to_be_visible()
    expect(status).to_be_focused()
    expect(page.locator("#app .error-box")).to_have_count(0)
    # Version 2 is now the only one phones can use: no Retire for it either, and why.
    expect(rows.first).to_contain_text(desk.t("trainer.retire.only_version"))
    expect(rows.get_by_role("button")).to_have_count(0)
    assert [d["number"] for d in _audited("checklist.retire")] == [1]
    assert [v["retired"] for v in trainer.stored_versions(checklist_id)] == [True, False]


def _five_reports(client, world) -> None:
    """Five reports of department A through /sync/push (the smallest group whose figures show), two of them
    with the first step skipped, on three days of November at two sites."""
    steps = world.versions["A"].steps
    phone = sign_in_via_api(client, "field.a")
    items = []
    for n, (site, day) in enumerate([("site-a1", 10), ("site-a1", 11), ("site-a2", 12), ("site-a1", 17), ("site-a2", 18)]):
        start = f"2026-11-{day}T18:00:00Z"
        answered = [{"step_id": s["id"], "result": "skipped" if i == 0 and n < 2 else "done",
                     "at": f"2026-11-{day}T18:{i + 1:02d}:00Z"} for i, s in enumerate(steps)]
        items.append(push_item(encounter_body(world, "A", site=site, started_at=start, ended_at=f"2026-11-{day}T18:40:00Z",
                                              steps=answered)))
    answer = push(client, phone, items)
    assert [r["status"] for r in answer.get_json()["results"]] == ["accepted"] * 5, answer.get_json()


@pytest.mark.parametrize("language, label", [("en", None), ("es", "Español"), ("fa", "فارسی")])
def test_checklist_analytics_on_a_phone_scroll_each_wide_table_in_its_own_box_never_the_page(
        page, live_server, world, client, language, label):
    """The time-critical skips by site and by week were the only tables outside a scroll box: the page went sideways."""
    _five_reports(client, world)
    page.set_viewport_size({"width": 390, "height": 844})
    if label:
        choose_language(page, label, language)
    desk = trainer.Desk(page, language)
    desk.sign_in("trainer.a")
    desk.open("#/desk/analytics")
    for by in ("site", "week"):
        table = page.locator(f"#skips-{by}-table")
        expect(table.locator("tbody tr").first).to_be_visible()
        box = page.locator(".table-scroll").filter(has=table)
        expect(box).to_have_attribute("tabindex", "0")  # the keyboard can scroll it
        expect(box).to_have_accessible_name(desk.t(f"analytics.skips.caption_{by}"))
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    shown = page.locator("#app").inner_text()
    assert not [name for name in ("Field.A", "Liaison.A", "field.a") if name in shown]  # figures, never people


@pytest.mark.parametrize("language, label", [("es", "Español"), ("fa", "فارسی")])
def test_on_a_phone_a_refused_site_puts_the_keyboard_on_the_field_to_correct(page, live_server, world, language, label):
    """The refusal was said a screen above the form while focus stayed on Create, below it."""
    page.set_viewport_size({"width": 390, "height": 844})
    choose_language(page, label, language)
    desk = Desk(page, language)
    app = desk.admin_sites()
    app.get_by_label(desk.t("admin.field.code"), exact=True).fill("site-a1")  # taken
    app.get_by_label(desk.t("admin.field.name"), exact=True).fill("Otra sede")
    lead = app.get_by_label(desk.t("admin.field.site_lead_phone"), exact=True)
    lead.fill("213 555 0177")
    desk.button("admin.action.create").click()
    code = app.get_by_label(desk.t("admin.field.code"), exact=True)
    expect(code).to_be_focused()
    expect(code).to_have_attribute("aria-invalid", "true")
    expect(app.locator("#admin-code-error")).to_have_text(desk.t("desk.field_error.taken"))
    expect(lead).to_have_value("213 555 0177")  # what was typed stays
    expect(code).to_be_in_viewport()


@pytest.mark.parametrize("language, label", [("es", "Español"), ("fa", "فارسی")])
def test_on_a_phone_the_admin_reads_users_and_revokes_a_device_without_the_page_going_sideways(
        page, live_server, world, client, language, label):
    """At 390 px a user's roles broke letter by letter ("مدیر سیست م") and the device's Revoke buttons lay off
    the screen."""
    sign_in_via_api(client, "field.a", device_name="Tableta 3")
    page.set_viewport_size({"width": 390, "height": 844})
    choose_language(page, label, language)
    desk = Desk(page, language)
    desk.sign_in("admin", landing_key="admin.users.title")
    row = page.locator("#app tbody tr").filter(has=page.locator("td").get_by_text("admin", exact=True))
    role = row.locator("td").nth(2)  # username, name, role
    expect(role).to_have_text(desk.t("admin.role.admin"))
    # The role's words are whole: its box is as wide as the words, not one letter.
    assert role.evaluate("(cell) => cell.getBoundingClientRect().width") > 200
    _fits_the_screen(page, row.get_by_role("button"))

    _row_edit(desk, "field.a").click()
    devices = page.locator("#app section").filter(has=page.locator("#admin-devices-title"))
    wipe = devices.get_by_role("button", name=desk.t("admin.devices.wipe"), exact=True)
    _fits_the_screen(page, wipe)
    revoke = devices.get_by_role("button", name=desk.t("admin.devices.revoke"), exact=True)
    _fits_the_screen(page, revoke)
    revoke.click()
    page.locator("dialog[open]").get_by_role("button", name=desk.t("admin.devices.revoke"), exact=True).click()
    state = devices.locator(f'tbody td[data-label="{desk.t("admin.devices.state")}"]')
    expect(state).to_contain_text(desk.t("admin.devices.revoked", time="").strip())
    assert len(_audited("device.revoke")) == 1


@pytest.mark.parametrize("language, label, typed, direction", [("en", None, "کتابخانه مرکزی", "rtl"),
                                                                ("fa", "فارسی", "Central Library", "ltr")])
def test_a_name_typed_in_another_script_reads_in_its_own_direction_and_an_empty_box_in_the_page_s(
        page, live_server, world, language, label, typed, direction):
    """A Farsi site name typed on an English desk started at the left edge, the page's direction."""
    if label:
        choose_language(page, label, language)
    desk = Desk(page, language)
    app = desk.admin_sites()
    name = app.get_by_label(desk.t("admin.field.name"), exact=True)
    page_direction = "rtl" if language == "fa" else "ltr"
    assert name.evaluate("box => getComputedStyle(box).direction") == page_direction
    name.press_sequentially(typed)
    expect(name).to_have_js_property("value", typed)
    assert name.evaluate("box => getComputedStyle(box).direction") == direction
    name.fill("")
    assert name.evaluate("box => getComputedStyle(box).direction") == page_direction
