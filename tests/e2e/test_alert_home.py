"""Issue 11 on the phone: "Agents here now" in one tap (offline it waits, and goes first on reconnect),
Home offers the encounter in progress first and asks before starting another, the liaison's question
shows as a badge, an answer waiting offline is shown as waiting, and Spanish.

Every push reaches the real server; a route only records the push bodies in order (and fails them
like the network while the phone is offline), so the test can see that the alert went first.
"""
import datetime
import re
import uuid

from playwright.sync_api import expect

from tests.e2e.device import (choose_language, idb_all, idb_put, queue_report, trigger_sync, wait_for_app,
                              wait_for_draft, wait_for_service_worker, wait_until)
from tests.e2e.flow import ANSWERS, FieldApp
from tests.e2e.layout import assert_fits
from tests.e2e.network import go_offline, go_online, refuse_pushes_as_too_large
from tests.factories import encounter_body, sign_in_via_api

# Where the test puts the department's sites and the phone (Los Angeles): site-a2 is the nearer one.
PLACES = {"site-a1": (34.0505, -118.2551), "site-a2": (33.7361, -118.2922)}
HERE = {"latitude": 33.7400, "longitude": -118.2900}


class AlertStandIn:
    """Records every push body in order and lets it reach the real server.

    While ``offline`` it fails like the network (the context is offline too; this only keeps a request
    the browser should not send from reaching the server).
    """

    def __init__(self, context):
        self.pushes = []
        self.offline = False
        context.route("**/api/v1/sync/push", self._handle)

    def _handle(self, route, request):
        if self.offline:
            route.abort("internetdisconnected")
            return
        self.pushes.append(request.post_data_json)
        route.fallback()

    def kinds(self) -> list[list[str]]:
        """The kinds of each push, in the order they were sent."""
        return [[item["kind"] for item in push["items"]] for push in self.pushes]


def _place_sites(page) -> None:
    """Give the pulled sites coordinates (the server's sites carry latitude/longitude when set)."""
    wait_until(page, lambda: len(idb_all(page, "sites")) >= 2, message="the sites pulled")
    page.evaluate("""async (places) => {
        const request = indexedDB.open('encounter-log');
        const db = await new Promise((resolve) => { request.onsuccess = () => resolve(request.result); });
        const tx = db.transaction('sites', 'readwrite');
        const store = tx.objectStore('sites');
        for (const [code, [latitude, longitude]] of Object.entries(places)) {
          const site = await new Promise((resolve) => { const r = store.get(code); r.onsuccess = () => resolve(r.result); });
          store.put({ ...site, latitude, longitude });
        }
        await new Promise((resolve) => { tx.oncomplete = resolve; });
        db.close();
      }""", PLACES)


def _alert_button(app):
    return app.page.get_by_role("button", name=app.t("home.alert"), exact=True)


def test_an_alert_tapped_offline_waits_on_home_and_on_reconnect_is_pushed_before_an_older_report(
        page, context, world, catalogs):
    context.grant_permissions(["geolocation"])
    context.set_geolocation(HERE)
    stand_in = AlertStandIn(context)
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    wait_for_service_worker(page)
    _place_sites(page)

    page.evaluate("async () => { await import('/seed.js'); }")  # loaded while online (not precached)
    stand_in.offline = True
    go_offline(context)
    # A report from earlier waits in the outbox, then agents arrive: one tap.
    report_id = str(uuid.uuid4())
    queue_report(page, encounter_body(world, "A"), report_id)
    page.goto("/#/")
    wait_for_app(page)
    _alert_button(app).click()
    app.expect_step(1)  # the checklist opens at once
    draft_id = re.search(r"#/encounter/([0-9a-f-]{36})/", page.url).group(1)

    [alert] = [r for r in idb_all(page, "outbox") if r["kind"] == "alert"]
    assert alert["state"] == "queued"
    assert set(alert["body"]) == {"encounter_id", "site", "occurred_at"}
    assert alert["body"]["encounter_id"] == draft_id and alert["body"]["site"] == "site-a2"  # the nearest
    [draft] = idb_all(page, "drafts")
    assert draft["id"] == draft_id and draft["alert"]["id"] == alert["id"] and draft["fields"]["site"] == "site-a2"

    page.goto("/#/")
    wait_for_app(page)
    expect(page.locator("#app .alert-state")).to_have_text(app.t("home.alert.waiting"))
    expect(page.locator("#app")).to_contain_text(app.t("home.alerts_waiting.one"))
    expect(page.locator("#app")).not_to_contain_text(app.t("home.all_sent"))
    # While it waits, the agency can still be added (the report's agencies get it too).
    page.get_by_label(app.t("home.alert.agency_label"), exact=True).select_option("ice_ero")
    page.get_by_role("button", name=app.t("home.alert.agency_add"), exact=True).click()
    expect(page.locator("#app")).to_contain_text(app.t("home.alert.agency_added", agency=app.t("agency.ice_ero")))
    # Both are written in one transaction (src/outbox.js amendAlertAgency): a phone killed meanwhile keeps neither.
    wait_for_draft(page, lambda d: d["fields"].get("agencies") == ["ice_ero"], draft_id,
                   message="the report's agencies with the alert's")
    assert stand_in.pushes == []

    stand_in.offline = False
    go_online(context)
    trigger_sync(page)
    wait_until(page, lambda: {r["id"]: r["state"] for r in idb_all(page, "outbox")} == {
        alert["id"]: "received", report_id: "received"}, message="the alert and the report received")
    assert stand_in.kinds()[:2] == [["alert"], ["encounter"]], stand_in.kinds()
    assert stand_in.pushes[0]["items"][0]["body"] == {**alert["body"], "agency": "ice_ero"}
    expect(page.locator("#app .alert-state")).to_contain_text(app.t("home.alert.sent").partition("{time}")[0])
    expect(page.locator("#app")).to_contain_text(app.t("home.all_sent"))


def test_home_offers_the_encounter_in_progress_first_and_starting_another_asks(page, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    first = app.start_encounter()
    app.answer_steps(ANSWERS[:2])
    page.goto("/#/")
    wait_for_app(page)

    buttons = page.locator("#app button")
    expect(buttons.nth(0)).to_have_text(app.t("home.alert"))
    # "Continue: <site>, <n> min ago" before Start: no site known yet for field.a's first encounter.
    continue_text = app.t("home.continue", site=app.t("home.continue.no_site"), ago="")
    expect(buttons.nth(1)).to_have_text(re.compile("^" + re.escape(continue_text)))
    expect(buttons.nth(2)).to_have_text(app.t("home.start"))

    app.start_button().click()
    expect(page.locator("#app .confirm-start")).to_contain_text(
        app.t("home.start.confirm", site=app.t("home.continue.no_site")))
    assert len(idb_all(page, "drafts")) == 1, "asking creates nothing"
    page.get_by_role("button", name=app.t("home.start.confirm_no"), exact=True).click()
    app.expect_step(3)
    assert page.url.endswith(f"/encounter/{first}/step/2")

    page.goto("/#/")
    wait_for_app(page)
    second = app.start_encounter()  # asks, and the helper says yes
    assert second != first and {d["id"] for d in idb_all(page, "drafts")} == {first, second}


def test_a_liaisons_question_shows_a_badge_and_an_answer_written_offline_shows_as_waiting(
        page, context, client, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    field = sign_in_via_api(client, "field.a")
    report = client.post("/api/v1/sync/push", headers=field.headers, json={
        "protocol": 1, "device_id": field.device_id,
        "items": [{"id": str(uuid.uuid4()), "kind": "encounter", "schema_version": 1, "body": encounter_body(world, "A")}]})
    report_id = report.get_json()["results"][0]["id"]
    liaison = sign_in_via_api(client, "liaison.a")
    asked = client.post(f"/api/v1/reports/{report_id}/questions", headers=liaison.headers,
                        json={"text": "Which door did they use?"})
    assert asked.status_code in (200, 201), asked.get_json()

    app.sign_in("field.a")
    badge = page.locator("#app .question-badge")
    expect(badge).to_contain_text(app.t("home.questions.one"))
    # It opens My reports at that question (tests/e2e/test_question_badge.py).
    expect(badge.get_by_role("link")).to_have_attribute("href", f"#/reports/question/{asked.get_json()['followup']['id']}")

    go_offline(context)
    badge.get_by_role("link").click()
    expect(page.locator("#app")).to_contain_text("Which door did they use?")
    card = page.locator("#app")
    card.get_by_label(app.t("followup.answer_label"), exact=True).fill("The staff door.")
    card.get_by_role("button", name=app.t("followup.send"), exact=True).click()
    expect(card.locator(".answer-item .state-queued")).to_be_visible()

    page.goto("/#/")
    wait_for_app(page)
    expect(page.locator("#app")).to_contain_text(app.t("home.answers_waiting.one"))
    expect(page.locator("#app")).not_to_contain_text(app.t("home.all_sent"))
    expect(badge).to_have_count(0)  # answered (waiting to go): no longer a question to answer


def test_home_during_an_encounter_in_spanish(page, world, catalogs):
    app = FieldApp(page, catalogs["es"])
    choose_language(page, "Español", "es")
    app.sign_in("field.a")
    expect(_alert_button(app)).to_be_visible()
    expect(page.locator("#app")).to_contain_text(app.t("home.alert.hint"))
    app.start_encounter()
    page.goto("/#/")
    wait_for_app(page)
    expect(page.locator("#app .in-progress button.continue")).to_contain_text(
        app.t("home.continue", site=app.t("home.continue.no_site"), ago="").strip(", "))
    app.start_button().click()
    expect(page.get_by_role("button", name=app.t("home.start.confirm_yes"), exact=True)).to_be_visible()


def test_at_360_px_the_alerts_site_question_fits_the_screen_and_its_list_is_a_full_size_control(page, world, catalogs):
    page.set_viewport_size({"width": 360, "height": 640})
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    wait_until(page, lambda: len(idb_all(page, "sites")) >= 2, message="the sites pulled")
    page.evaluate("""async () => {  // a real branch's name: the list is as wide as its longest one
        const request = indexedDB.open('encounter-log');
        const db = await new Promise((resolve) => { request.onsuccess = () => resolve(request.result); });
        const tx = db.transaction('sites', 'readwrite');
        const store = tx.objectStore('sites');
        const site = await new Promise((resolve) => { const r = store.get('site-a1'); r.onsuccess = () => resolve(r.result); });
        store.put({ ...site, name: 'Benjamin Franklin Branch Library and Community Learning Center' });
        await new Promise((resolve) => { tx.oncomplete = resolve; });
        db.close();
      }""")
    page.reload()
    wait_for_app(page)
    _alert_button(app).click()
    # field.a has two sites, no last used one and no location: Home asks which site.
    site = page.get_by_label(app.t("home.alert.which_site"), exact=True)
    expect(site).to_be_focused()
    assert_fits(page, "home asking for the alert's site")
    send = page.get_by_role("button", name=app.t("home.alert.send"), exact=True)
    for control in (site, send):
        box = control.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["height"] >= 44, box


def _received_alert_of_the_first_tap(page, tapped: float) -> dict:
    """Wait for the phone's one alert to be received; assert its time is the first tap (ms since the epoch)."""
    wait_until(page, lambda: [r for r in idb_all(page, "outbox") if r["kind"] == "alert" and r["state"] == "received"],
               message="the alert received by the server")
    [alert] = [r for r in idb_all(page, "outbox") if r["kind"] == "alert"]
    occurred = datetime.datetime.fromisoformat(alert["summary"]["occurred_at"].replace("Z", "+00:00")).timestamp() * 1000
    assert tapped <= occurred <= tapped + 3000, "the alert's time is the first tap, not when the site was chosen"
    return alert["summary"]


def _alert_left_waiting_for_its_site(page, catalogs) -> tuple:
    """Tap "Agents here now" as field.a, then go on to the checklist without choosing the site.

    field.a has two sites, no last used one and no location, so Home asks which site. Returns the app and the
    tap's time (ms since the epoch).
    """
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    tapped = page.evaluate("() => Date.now()")
    _alert_button(app).click()
    expect(page.get_by_label(app.t("home.alert.which_site"), exact=True)).to_be_focused()
    page.locator("#app .in-progress button.continue").click()
    app.expect_step(1)
    return app, tapped


def test_an_alert_waiting_for_its_site_is_not_lost_when_the_employee_goes_on_to_the_checklist(page, world, catalogs):
    app, tapped = _alert_left_waiting_for_its_site(page, catalogs)
    notice = page.locator("#app .alert-not-sent")
    expect(notice).to_contain_text(app.t("home.alert.not_sent"))
    page.reload()  # the wish is on the draft, not in a screen's memory
    wait_for_app(page)
    expect(notice).to_contain_text(app.t("home.alert.not_sent"))
    assert not [r for r in idb_all(page, "outbox") if r["kind"] == "alert"], "no site, so nothing could be queued"
    page.goto("/#/")
    wait_for_app(page)
    expect(page.locator("#app .alert-site")).to_contain_text(app.t("home.alert.not_sent"))  # Home still asks
    page.go_back()
    app.expect_step(1)
    notice.get_by_role("link", name=app.t("alert.not_sent.link")).click()
    site = page.get_by_label(app.t("home.alert.which_site"), exact=True)
    expect(site).to_be_focused()
    site.select_option("site-a1")
    page.get_by_role("button", name=app.t("home.alert.send"), exact=True).click()
    app.expect_step(1)
    expect(notice).to_have_count(0)
    _received_alert_of_the_first_tap(page, tapped)


def test_choosing_the_site_on_the_report_form_sends_the_alert_that_waited_for_it(page, world, catalogs):
    app, tapped = _alert_left_waiting_for_its_site(page, catalogs)
    draft_id = re.search(r"#/encounter/([0-9a-f-]{36})/", page.url).group(1)
    page.goto(f"/#/encounter/{draft_id}/report")
    notice = page.locator("#app .alert-not-sent")
    expect(notice).to_contain_text(app.t("home.alert.not_sent"))
    page.get_by_role("combobox", name=app.t("field.site")).select_option("site-a2")
    expect(notice).to_have_count(0)
    assert _received_alert_of_the_first_tap(page, tapped)["site"] == "site-a2"
    page.goto("/#/")
    wait_for_app(page)
    expect(page.locator("#app .alert-site")).to_have_count(0)  # nothing waits any more


def test_home_sends_the_alert_that_waited_once_its_encounter_names_a_site(page, world, catalogs):
    """The site was put on the encounter where the alert was not sent at once (another tab, a save before a
    crash): Home, opened next, sends it, with the first tap's time, and stops asking which site."""
    app, tapped = _alert_left_waiting_for_its_site(page, catalogs)
    [draft] = idb_all(page, "drafts")
    assert draft["alert_wanted"] and not draft.get("alert")
    idb_put(page, "drafts", {**draft, "fields": {**draft["fields"], "site": "site-a1"}})
    page.goto("/#/")
    wait_for_app(page)
    assert _received_alert_of_the_first_tap(page, tapped)["site"] == "site-a1"
    expect(page.locator("#app .alert-site")).to_have_count(0)


def _alert_tapped_offline_in_spanish(page, context, catalogs) -> FieldApp:
    """A Spanish-speaking employee taps the alert offline, at the nearer site; return the app, at the checklist."""
    context.grant_permissions(["geolocation"])
    context.set_geolocation(HERE)
    app = FieldApp(page, catalogs["es"])
    choose_language(page, "Español", "es")
    app.sign_in("field.a")
    wait_for_service_worker(page)
    _place_sites(page)
    go_offline(context)
    page.goto("/#/")
    wait_for_app(page)
    _alert_button(app).click()
    app.expect_step(1)
    return app


def _home_after_the_alert_is_refused(page, context):
    """Back online, the alert is pushed and refused; return Home's line about it."""
    go_online(context)
    trigger_sync(page)
    wait_until(page, lambda: [r["state"] for r in idb_all(page, "outbox")] == ["rejected"], message="the alert refused")
    page.goto("/#/")
    wait_for_app(page)
    return page.locator("#app .alert-state")


def test_an_alert_the_server_refuses_says_why_on_home_in_spanish(page, context, world, catalogs):
    """The site is deactivated while the alert waits offline: Home says the server's reason in Spanish."""
    from sqlalchemy import update

    from server.extensions import db
    from server.models import Site
    from tests.e2e.catalogs import read_catalogs

    app = _alert_tapped_offline_in_spanish(page, context, catalogs)
    db.session.execute(update(Site).where(Site.code == "site-a2").values(active=False))  # the nearest
    db.session.commit()
    db.session.remove()

    refused = _home_after_the_alert_is_refused(page, context)
    expect(refused).to_contain_text(app.t("home.alert.refused"))
    expect(refused).to_contain_text(f"{app.t('field.site')}: {read_catalogs('pwa/src/messages/refusal')['es']['refusal.inactive']}")
    expect(refused).not_to_contain_text("is not an active site")
    # Said beside its encounter, not as a report to fix in My reports, where no alert is listed.
    expect(page.locator("#app")).not_to_contain_text(app.t("home.attention.one"))


def test_an_alert_too_large_for_the_server_says_there_is_nothing_to_shorten_in_spanish(page, context, world, catalogs):
    """A server (or a proxy before it) set to take less than an alert answers 413: Home says what is left to do
    for an alert, never the report's "shorten the notes"."""
    from tests.e2e.catalogs import read_catalogs

    refusal = read_catalogs("pwa/src/messages/refusal")["es"]
    app = _alert_tapped_offline_in_spanish(page, context, catalogs)
    refuse_pushes_as_too_large(context)

    refused = _home_after_the_alert_is_refused(page, context)
    expect(refused).to_contain_text(app.t("home.alert.refused"))
    expect(refused).to_contain_text(refusal["refusal.item.too_large_alert"])
    expect(refused).not_to_contain_text(refusal["refusal.item.too_large_report"])


def test_agents_here_now_opens_the_checklist_at_its_first_open_step_not_the_form_where_the_draft_was_left(
        page, context, world, catalogs):
    """The button says it opens the checklist: a draft left on the report form, "Required" flags and all (a
    Submit tapped by accident), opens at the first step not yet answered; offline, the checklist and the form
    both say the alert waits to be sent, until it has gone."""
    page.set_viewport_size({"width": 390, "height": 844})
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    wait_for_service_worker(page)
    draft_id = app.start_encounter()
    app.answer_steps(["done"])  # step 1, "stay calm and safe", is answered; step 2 is next
    app.to_report()
    page.get_by_role("combobox", name=app.t("field.site")).select_option("site-a1")
    app.submit_button().click()
    expect(page.locator("#area_type-error")).to_contain_text(app.t("error.required"))

    go_offline(context)
    page.goto("/#/")
    wait_for_app(page)
    expect(page.locator("#app")).to_contain_text(app.t("home.alert.hint"))
    _alert_button(app).click()

    app.expect_step(2)
    assert page.url.endswith(f"#/encounter/{draft_id}/step/1")
    expect(page.locator("#app .error")).to_have_count(0)
    waiting = page.locator("#app .alert-waiting")
    expect(waiting).to_have_text(app.t("home.alert.waiting"))
    page.get_by_role("link", name=app.t("step.to_report"), exact=True).click()
    expect(app.heading()).to_have_text(app.t("form.title"))
    expect(waiting).to_have_text(app.t("home.alert.waiting"))

    go_online(context)
    trigger_sync(page)
    wait_until(page, lambda: [r["state"] for r in idb_all(page, "outbox") if r["kind"] == "alert"] == ["received"],
               message="the alert received")
    expect(waiting).to_have_count(0)


def test_an_alert_the_phone_cannot_store_says_so_and_to_call_rather_than_opening_the_checklist(page, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    app.start_encounter()
    page.goto("/#/")
    wait_for_app(page)
    [draft] = idb_all(page, "drafts")
    idb_put(page, "drafts", {**draft, "fields": {**draft["fields"], "site": "site-a1"}})
    # The phone's storage is full: the outbox refuses the alert's write.
    page.evaluate("""() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (...args) {
        if (this.name === 'outbox') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    }""")

    _alert_button(app).click()

    error = page.locator("#app .alert-not-saved")
    expect(error).to_have_text(app.t("home.alert.not_saved"))
    expect(error).to_be_focused()
    expect(_alert_button(app)).to_be_enabled()  # tapped again once space is freed
    assert page.url.endswith("/#/"), "the checklist did not open as if the alert had gone"
    assert not [r for r in idb_all(page, "outbox") if r["kind"] == "alert"]


def test_deleting_a_draft_whose_alert_reached_the_liaison_says_they_will_get_no_report(page, world, catalogs):
    # Before, the question was the same as for any draft: the employee deleted it believing nothing had gone, and the
    # liaison was left waiting on an alert whose report never came.
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    _alert_button(app).click()
    page.get_by_label(app.t("home.alert.which_site"), exact=True).select_option("site-a1")
    page.get_by_role("button", name=app.t("home.alert.send"), exact=True).click()
    app.expect_step(1)
    alerted = re.search(r"#/encounter/([0-9a-f-]{36})/", page.url).group(1)
    trigger_sync(page)
    wait_until(page, lambda: [r["state"] for r in idb_all(page, "outbox") if r["kind"] == "alert"] == ["received"],
               message="the alert received")
    page.goto("/#/")
    wait_for_app(page)
    quiet = app.start_encounter()  # another draft, with no alert
    assert alerted != quiet

    page.goto("/#/")
    wait_for_app(page)
    card = lambda draft_id: page.locator("#app li.card").filter(has=page.locator(f"#draft-{draft_id}"))  # noqa: E731
    card(quiet).get_by_role("button", name=app.t("home.draft.delete"), exact=True).click()
    expect(card(quiet).locator(".warning-box")).to_have_text(app.t("home.draft.delete_confirm"))
    card(quiet).get_by_role("button", name=app.t("home.draft.delete_no"), exact=True).click()

    card(alerted).get_by_role("button", name=app.t("home.draft.delete"), exact=True).click()
    expect(card(alerted).locator(".warning-box")).to_contain_text(app.t("home.draft.delete_alerted"))
    card(alerted).get_by_role("button", name=app.t("home.draft.delete_yes"), exact=True).click()
    wait_until(page, lambda: [d["id"] for d in idb_all(page, "drafts")] == [quiet], message="the alerted draft deleted")
    assert [r["state"] for r in idb_all(page, "outbox") if r["kind"] == "alert"] == ["received"], "the alert stands"
