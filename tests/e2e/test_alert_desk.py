"""Issue 11 on the desk: an open alert heads the liaison's queue as P1, brought by the server's push
(fetch-streamed /api/v1/events, resumed with Last-Event-ID), with a visible and an audible cue; a
closed alert leaves; without the stream the queue keeps polling and shows no error. axe on the queue
with an alert row and on Home during an encounter.

Here the desk's /alerts and /events are answered by stand-in routes speaking the server's format
(docs/desk-api.md), so the test decides exactly what each stream carries and when it ends;
tests/e2e/test_alert_live.py runs the same path against the real server.
"""
import json
import re

from playwright.sync_api import expect

from tests.e2e.axe import AxeScans
from tests.e2e.desk import IDLE_STREAM, Desk, no_stream
from tests.e2e.device import wait_until
from tests.e2e.flow import FieldApp
from tests.e2e.network import go_offline

# Counts the desk's beeps (Web Audio oscillators), so the test hears the audible cue.
COUNT_BEEPS = """
(() => {
  window.__beeps = 0;
  const original = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () { window.__beeps += 1; return original.call(this); };
})();
"""


def _alert(world) -> dict:
    """An open alert of department A as GET /api/v1/alerts and the stream's `alert` event carry it."""
    return {"id": "5b0c2a51-8d1e-4a55-9d0f-1f2e3a4b5c6d", "encounter_id": "0f5e8f0a-3c2b-4d7e-9a1b-2c3d4e5f6a7b",
            "site": {"code": "site-a1", "name": "Site A1"}, "department": {"code": "A", "name": "Department A"},
            "occurred_at": "2026-11-21T18:00:00+00:00", "received_at": "2026-11-21T18:00:01+00:00",
            "agency": "ice_ero", "state": "open", "report_id": None, "priority": 1}


class StreamStandIn:
    """GET /alerts answers the open alerts; GET /events answers the next body the test sent, else an idle stream.

    Playwright answers a request whole, so each stream here is short: it ends at once, asking the
    client (``retry``) to come back in 300 ms, as a server ending its stream after a while does.
    """

    IDLE = IDLE_STREAM

    def __init__(self, context):
        self.bodies, self.requests, self.open_alerts = [], [], []
        context.route(re.compile(r".*/api/v1/alerts(\?.*)?$"), self._alerts)
        context.route(re.compile(r".*/api/v1/events$"), self._events)

    def _alerts(self, route, request):
        route.fulfill(status=200, content_type="application/json", body=json.dumps({"alerts": self.open_alerts}))

    def _events(self, route, request):
        self.requests.append(request.headers)
        body = self.bodies.pop(0) if self.bodies else self.IDLE
        route.fulfill(status=200, content_type="text/event-stream", body=body)

    def send(self, text: str) -> int:
        """The next stream carries ``text``; returns how many connections came before it."""
        self.bodies.append(text + self.IDLE)
        return len(self.requests)


def test_an_alert_pushed_to_the_desk_heads_the_queue_as_p1_with_a_cue_and_leaves_when_closed(
        page, context, world, catalogs):
    context.add_init_script(COUNT_BEEPS)
    axe = AxeScans(context)
    stand_in = StreamStandIn(context)
    alert = _alert(world)
    desk = Desk(page)
    desk.sign_in("liaison.a")
    wait_until(page, lambda: stand_in.requests, message="the desk's live connection")
    assert stand_in.requests[0]["authorization"].startswith("Bearer ")
    assert "last-event-id" not in stand_in.requests[0]
    expect(page.locator("#app .live-state")).to_have_text(desk.t("liaison.live.on"))

    stand_in.open_alerts.append(alert)
    before = stand_in.send(f"id: 41\nevent: alert\ndata: {json.dumps(alert)}\n\n")
    first = page.locator("#app tbody tr").first
    expect(first).to_have_class(re.compile(r"\brow-alert\b"))
    expect(first).to_contain_text(desk.t("liaison.alert.title"))
    expect(first).to_contain_text("Site A1")
    expect(first).to_contain_text(desk.t("agency.ice_ero"))
    expect(first).to_contain_text(desk.t("liaison.priority.short", n=1))
    expect(page.locator("#app .live-cue")).to_contain_text(desk.t("liaison.live.cue.alert", site="Site A1", time="")
                                                           .split("(")[0].strip())
    assert page.evaluate("() => window.__beeps") > 0, "no beep for the alert"
    # The server ended that stream: the desk came back at once, resuming after the last event it read.
    wait_until(page, lambda: len(stand_in.requests) >= before + 2, message="the reconnect")
    assert "last-event-id" not in stand_in.requests[before] and stand_in.requests[before + 1]["last-event-id"] == "41"
    axe("queue with an alert", page)

    # Muted, the next alert is seen but not heard.
    page.get_by_label(desk.t("liaison.live.sound"), exact=True).uncheck()
    beeps = page.evaluate("() => window.__beeps")
    second = {**alert, "id": "6c1d3b62-9e2f-4b66-8e10-2f3e4a5b6c7d", "encounter_id": "1a6f9a1b-4d3c-4e8f-8b2c-3d4e5f6a7b8c",
              "site": {"code": "site-a2", "name": "Site A2"}, "agency": None}
    stand_in.open_alerts.append(second)
    stand_in.send(f"id: 42\nevent: alert\ndata: {json.dumps(second)}\n\n")
    expect(page.locator("#app tbody tr.row-alert")).to_have_count(2)
    expect(page.locator("#app tbody tr.row-alert").filter(has_text="Site A2")).to_contain_text(
        desk.t("liaison.alert.agency_unknown"))
    assert page.evaluate("() => window.__beeps") == beeps

    # The employee's report arrived: the alert is closed and leaves the top of the queue.
    stand_in.open_alerts.remove(alert)
    stand_in.send(f"id: 43\nevent: alert_closed\ndata: {json.dumps({'id': alert['id'], 'encounter_id': alert['encounter_id'], 'report_id': alert['encounter_id']})}\n\n")
    expect(page.locator("#app tbody tr.row-alert")).to_have_count(1)
    expect(page.locator("#app tbody tr.row-alert")).to_contain_text("Site A2")
    axe.assert_clean(1)


def test_an_alert_the_queue_listed_before_its_stream_event_still_gets_its_cue(page, context, world):
    # The order that once lost the cue: a refresh of the queue lists the alert, then its event arrives.
    context.add_init_script(COUNT_BEEPS)
    stand_in = StreamStandIn(context)
    alert = _alert(world)
    stand_in.open_alerts.append(alert)
    desk = Desk(page)
    desk.sign_in("liaison.a")
    expect(page.locator("#app tbody tr.row-alert")).to_have_count(1)
    expect(page.locator("#app .live-cue")).to_have_count(0)

    stand_in.send(f"id: 41\nevent: alert\ndata: {json.dumps(alert)}\n\n")
    expect(page.locator("#app .live-cue")).to_contain_text("Site A1")
    expect(page.locator("#app tbody tr.row-alert")).to_have_count(1)
    assert page.evaluate("() => window.__beeps") > 0, "no beep for the alert"

    # The same event again (a replay after a reconnect) cues nothing new once dismissed.
    page.locator("#app .live-cue button").click()
    stand_in.send(f"id: 41\nevent: alert\ndata: {json.dumps(alert)}\n\n")
    wait_until(page, lambda: not stand_in.bodies, message="the replayed event read")
    page.wait_for_timeout(300)
    expect(page.locator("#app .live-cue")).to_have_count(0)


def test_without_the_stream_the_queue_polls_and_shows_no_error(page, context, world):
    # A server without the live stream and alerts (an older one, or a proxy that drops them): 404 for both.
    no_stream(context, "events|alerts")
    desk = Desk(page)
    desk.sign_in("liaison.a")
    expect(page.locator("#app .live-state")).to_have_text(desk.t("liaison.live.off"))
    expect(page.locator("#app .error-box")).to_have_count(0)
    expect(page.locator("#app tbody tr.row-alert")).to_have_count(0)


def test_home_during_an_encounter_with_an_alert_waiting_passes_axe(page, context, world, catalogs):
    axe = AxeScans(context)
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    axe("home", page)
    go_offline(context)
    page.get_by_role("button", name=app.t("home.alert"), exact=True).click()
    # field.a has two sites, no last used one and no location: Home asks which site.
    page.get_by_label(app.t("home.alert.which_site"), exact=True).select_option("site-a1")
    axe("home asking for the alert's site", page)
    page.get_by_role("button", name=app.t("home.alert.send"), exact=True).click()
    app.expect_step(1)
    page.goto("/#/")
    expect(page.locator("#app .alert-state")).to_have_text(app.t("home.alert.waiting"))
    expect(page.locator("#app .in-progress button.continue")).to_contain_text("Site A1")
    axe("home during an encounter with an alert waiting", page)
    axe.assert_clean(3)
