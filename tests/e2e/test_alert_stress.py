"""The alert under stress (review helper-122): "Agents here now" joins only the encounter in progress, never a
draft left days ago nor one whose alert already reached the liaison; the checklist and the form say when the
server refused the alert; and a phone whose session needs a new sign-in says so instead of "as soon as online".
"""
import re

from playwright.sync_api import expect

from tests.e2e.device import idb_all, idb_put, wait_for_app, wait_until
from tests.e2e.flow import FieldApp

ENCOUNTER = re.compile(r"#/encounter/([0-9a-f-]{36})/")


def _alert_button(app):
    return app.page.get_by_role("button", name=app.t("home.alert"), exact=True)


def _age_drafts(page, days: int) -> None:
    """Make every draft on the phone look started and last touched `days` ago."""
    page.evaluate("""async (days) => {
        const request = indexedDB.open('encounter-log');
        const db = await new Promise((resolve) => { request.onsuccess = () => resolve(request.result); });
        const tx = db.transaction('drafts', 'readwrite');
        const store = tx.objectStore('drafts');
        const all = await new Promise((resolve) => { const r = store.getAll(); r.onsuccess = () => resolve(r.result); });
        const old = new Date(Date.now() - days * 86400e3).toISOString();
        for (const d of all) store.put({ ...d, started_at: old, updated_at: old });
        await new Promise((resolve) => { tx.oncomplete = resolve; });
        db.close();
      }""", days)


def _server_alerts() -> list:
    """The alerts the server holds: (encounter id, site code), oldest first."""
    from sqlalchemy import select

    from server.extensions import db
    from server.models import Site
    from server.models.alerts import Alert

    rows = db.session.execute(select(Alert.encounter_id, Site.code).join(Site, Site.id == Alert.site_id)
                              .order_by(Alert.received_at)).all()
    db.session.remove()
    return [(str(encounter), code) for encounter, code in rows]


def _tap_and_choose(page, app, site: str) -> str:
    """Tap "Agents here now", choose `site` when asked; return the encounter the checklist opened."""
    _alert_button(app).click()
    picker = page.get_by_label(app.t("home.alert.which_site"), exact=True)
    expect(picker).to_be_focused()
    picker.select_option(site)
    page.get_by_role("button", name=app.t("home.alert.send"), exact=True).click()
    app.expect_step(1)
    return ENCOUNTER.search(page.url).group(1)


def test_a_draft_left_days_ago_is_not_todays_encounter_nor_its_site(page, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    old = app.start_encounter()
    [draft] = idb_all(page, "drafts")
    idb_put(page, "drafts", {**draft, "fields": {**draft["fields"], "site": "site-a1"}})
    _age_drafts(page, 6)
    page.goto("/#/")
    wait_for_app(page)

    # Today, at the other site: the phone asks which site rather than naming last week's, and starts a new encounter.
    today = _tap_and_choose(page, app, "site-a2")
    assert today != old
    wait_until(page, lambda: _server_alerts() == [(today, "site-a2")], message="today's alert, for today's site")
    assert {d["id"] for d in idb_all(page, "drafts")} == {old, today}, "the old draft stays in the list"


def test_a_second_tap_after_the_alert_was_received_alerts_the_liaison_again(page, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    first = _tap_and_choose(page, app, "site-a1")
    wait_until(page, lambda: len(_server_alerts()) == 1, message="the first alert received")
    wait_until(page, lambda: [r["state"] for r in idb_all(page, "outbox") if r["kind"] == "alert"] == ["received"],
               message="the phone knows it was received")
    page.goto("/#/")
    wait_for_app(page)
    expect(page.locator("#app .in-progress .alert-state")).to_contain_text(app.t("home.alert.sent").partition("{time}")[0])

    # Agents again (they came back): a new encounter and a new alert, not the old "Alert received"; the site used a
    # moment ago is named without asking.
    _alert_button(app).click()
    app.expect_step(1)
    second = ENCOUNTER.search(page.url).group(1)
    assert second != first
    wait_until(page, lambda: _server_alerts() == [(first, "site-a1"), (second, "site-a1")],
               message="the liaison told again")
    page.goto("/#/")
    wait_for_app(page)
    expect(page.locator("#app .in-progress .alert-state")).to_contain_text(app.t("home.alert.sent").partition("{time}")[0])
    assert len(idb_all(page, "drafts")) == 2, "the first encounter's draft stays in the list"


def _set_site_active(code: str, active: bool) -> None:
    from sqlalchemy import update

    from server.extensions import db
    from server.models import Site

    db.session.execute(update(Site).where(Site.code == code).values(active=active))
    db.session.commit()
    db.session.remove()


def test_an_alert_the_server_refused_says_so_on_the_checklist_and_the_form_and_goes_on_try_again(
        page, context, world, universal, catalogs):
    from tests.e2e.checklists import NUMBERS
    from tests.e2e.device import trigger_sync, wait_for_service_worker
    from tests.e2e.network import go_offline, go_online

    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    wait_for_service_worker(page)
    go_offline(context)
    encounter = _tap_and_choose(page, app, "site-a2")
    expect(page.locator("#app .alert-waiting")).to_have_text(app.t("home.alert.waiting"))
    _set_site_active("site-a2", False)  # closed while the phone was offline

    go_online(context)
    trigger_sync(page)
    wait_until(page, lambda: [r["state"] for r in idb_all(page, "outbox")] == ["rejected"], message="the alert refused")
    refused = page.get_by_role("alert").filter(has_text=app.t("home.alert.refused"))
    expect(refused).to_be_visible()  # the checklist, not silence that reads as "sent"
    expect(page.locator("#app .alert-waiting")).to_have_count(0)
    expect(refused.get_by_role("link", name=re.compile(app.t("call.liaison")))).to_have_attribute(
        "href", f"tel:{NUMBERS['liaison']}")
    page.goto(f"/#/encounter/{encounter}/report")
    wait_for_app(page)
    expect(refused).to_be_visible()  # and the report form

    _set_site_active("site-a2", True)
    refused.get_by_role("button", name=app.t("action.try_again"), exact=True).click()
    wait_until(page, lambda: _server_alerts() == [(encounter, "site-a2")], message="the alert sent again, received")
    expect(refused).to_have_count(0)


def test_with_the_session_expired_online_the_alert_says_sign_in_not_as_soon_as_online(page, world, catalogs):
    import uuid

    from tests.e2e.device import idb_kv, trigger_sync
    from tests.e2e.stored import end_sign_in

    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    wait_until(page, lambda: idb_kv(page, "last_sync_at"), message="a first sync with the valid sign-in")
    end_sign_in("token_expired", uuid.UUID(idb_kv(page, "device_id")))
    encounter = _tap_and_choose(page, app, "site-a1")
    trigger_sync(page)
    wait_until(page, lambda: idb_kv(page, "auth_problem"), message="the push refused for the sign-in")

    said = page.locator("#app .alert-signin")
    expect(said).to_contain_text(app.t("home.alert.signin_to_send"))  # on the checklist
    expect(said).to_have_attribute("role", "alert")
    expect(said.get_by_role("link", name=app.t("action.signin"), exact=True)).to_have_attribute("href", "#/signin")
    expect(page.locator("#app")).not_to_contain_text(app.t("home.alert.waiting"))
    page.goto(f"/#/encounter/{encounter}/report")
    wait_for_app(page)
    expect(said).to_contain_text(app.t("home.alert.signin_to_send"))  # on the form
    page.goto("/#/")
    wait_for_app(page)
    expect(page.locator("#app .in-progress .alert-signin")).to_contain_text(app.t("home.alert.signin_to_send"))
    expect(page.locator("#app .signin-to-send")).to_contain_text(app.t("home.signin_to_send"))
    for waiting in ("home.alert.waiting", "home.alerts_waiting.one"):
        expect(page.locator("#app")).not_to_contain_text(app.t(waiting))
    assert _server_alerts() == []

    app.sign_in("field.a")  # and once signed in again, it goes
    wait_until(page, lambda: _server_alerts() == [(encounter, "site-a1")], message="the alert sent after sign-in")
    expect(page.locator("#app .alert-signin")).to_have_count(0)


def test_a_count_the_number_box_could_not_read_is_kept_as_typed_and_the_field_says_whole_number(page, world, catalogs):
    from tests.e2e.device import wait_for_draft

    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    encounter = app.start_encounter()
    app.to_report()
    app.open_section("agents")
    for name, typed in (("agent_count", "1e"), ("vehicle_count", "2,5")):
        box = page.locator(f"#input-{name}")
        box.press_sequentially(typed)
        expect(box).to_have_value(typed)
        wait_for_draft(page, lambda d, name=name, typed=typed: d["fields"].get(name) == typed, encounter,
                       message=f"{typed!r} kept in the draft as typed")
        expect(page.locator(f"#field-{name}")).to_contain_text(app.t("error.whole_number"))
        expect(box).to_have_attribute("aria-invalid", "true")
    box = page.get_by_role("textbox", name=app.t("field.agent_count"), exact=True)
    box.fill("12")
    wait_for_draft(page, lambda d: d["fields"].get("agent_count") == "12", encounter, message="corrected")
    expect(page.locator("#field-agent_count")).not_to_contain_text(app.t("error.whole_number"))
