"""The desk (liaison queue, report screen, Mayor's Office) driven through its screens, in a second browser profile.

Labels come from the app's catalogs, the field app's merged with the desk's own
(pwa/src/desk/messages), so a test finds a control only if the screen really shows its text.
"""
import functools
import json
import re
from contextlib import contextmanager

from playwright.sync_api import expect

from tests.e2e.device import wait_for_app
from tests.e2e.catalogs import read_catalogs
from tests.factories import PASSWORD, encounter_body, push, push_item, sign_in_via_api


@functools.cache
def desk_catalogs() -> dict:
    """The catalogs the desk shows ({"en": …, "es": …, "ko": …}): the field app's keys plus the desk chunk's,
    over English (a key a language lacks shows in English, as in the app)."""
    field, desk = read_catalogs(), read_catalogs("pwa/src/desk/messages")
    english = {**field["en"], **desk["en"]}
    return {code: {**english, **field.get(code, {}), **desk[code]} for code in desk}


@contextmanager
def second_profile(browser, live_server):
    """Another browser profile (its own IndexedDB and token) on the live server: the desk next to the phone."""
    ctx = browser.new_context(service_workers="allow", base_url=live_server.url, locale="en-US")
    ctx.set_default_timeout(10_000)
    page = ctx.new_page()
    log = []
    page.on("console", lambda m: log.append(f"console.{m.type}: {m.text}"))
    page.on("pageerror", lambda e: log.append(f"pageerror: {e}"))
    ctx.on("response", lambda r: "/api/" in r.url and log.append(f"{r.status} {r.request.method} {r.url}"))
    page.console_log = log
    try:
        yield page
    except BaseException:
        print("\n--- desk browser log ---\n" + "\n".join(log[-60:]))
        raise
    finally:
        ctx.close()


def push_report(client, world, username: str, dept: str, **overrides) -> str:
    """Store one report through the real push path, as ``username``'s phone would; return its id."""
    device = sign_in_via_api(client, username)
    item = push_item(encounter_body(world, dept, **overrides))
    answer = push(client, device, [item])
    assert answer.status_code == 200 and answer.get_json()["results"][0]["status"] == "accepted", answer.get_json()
    return item["id"]


def ask_question(client, login, report_id: str, text: str, liaison: str = "liaison.a") -> str:
    """A liaison's question on a report, asked through the API; return the question's id."""
    asked = client.post(f"/api/v1/reports/{report_id}/questions", headers=login(liaison).headers, json={"text": text})
    assert asked.status_code == 201, asked.get_json()
    return asked.get_json()["followup"]["id"]


class Desk:
    """One desk browser: sign in, the queue, a report (tests/e2e/trainer.py adds the trainer's screens)."""

    def __init__(self, page, language: str = "en"):
        self.page = page
        self.messages = desk_catalogs()[language]

    def t(self, key: str, **params) -> str:
        """The UI text of a catalog key, placeholders filled."""
        return re.sub(r"\{(\w+)\}", lambda m: str(params.get(m.group(1), m.group(0))), self.messages[key])

    def heading(self):
        """The current screen's heading."""
        return self.page.locator("#app h1")

    def sign_in(self, username: str, landing_key: str = "liaison.queue.title") -> None:
        """Sign in on the sign-in screen and wait for the role's first desk screen."""
        self.page.goto("/#/signin")
        wait_for_app(self.page)
        # Seen on CI: the click sent no sign-in request at all (the server's log has none) and the
        # screen stayed on "Sign in". The form now keeps what was typed through any re-render and the
        # router drops overtaken start-up renders (pwa/src/screens/signin.js, router.js), but the CI
        # failure was never reproduced, so the retry stays: type and submit again; a sign-in the
        # server refuses still fails here.
        for attempt in range(3):
            self.page.get_by_label(self.t("signin.username"), exact=True).fill(username)
            self.page.get_by_label(self.t("signin.password"), exact=True).fill(PASSWORD)
            self.page.locator("#app").get_by_role("button", name=self.t("signin.submit"), exact=True).click()
            try:
                expect(self.heading()).to_have_text(self.t(landing_key), timeout=15_000 if attempt == 2 else 8_000)
                return
            except AssertionError:
                if attempt == 2 or self.page.locator("#app [role=alert]").count():
                    raise

    def open(self, hash_: str) -> None:
        """Go to a desk route (a navigation within the app, as a link would)."""
        self.page.evaluate("(hash) => { window.location.hash = hash; }", hash_)

    def admin_sites(self):
        """Sign in as the administrator (landing on Users) and open Sites; return the screen."""
        self.sign_in("admin", landing_key="admin.users.title")
        self.open("#/desk/admin/sites")
        expect(self.heading()).to_have_text(self.t("admin.sites.title"))
        return self.page.locator("#app")

    def queue_link(self, report_id: str):
        """The queue row's link to one report."""
        return self.page.locator(f'#app table a[href="#/desk/report/{report_id}"]')

    def queue_row(self, report_id: str):
        """The queue's table row of one report."""
        return self.page.locator("#app tbody tr").filter(
            has=self.page.locator(f'a[href="#/desk/report/{report_id}"]'))

    def open_report(self, report_id: str) -> None:
        """Open a report from its URL and wait for its screen."""
        self.open(f"#/desk/report/{report_id}")
        expect(self.page.locator("#app h1")).not_to_have_text(self.t("liaison.loading"))
        expect(self.page.get_by_role("heading", name=self.t("liaison.timeline"))
               .or_(self.page.get_by_role("heading", name=self.t("liaison.report.not_found")))).to_be_visible()

    def open_filters(self) -> None:
        """Unfold the queue's filters (collapsed while none is set, so rows fill the screen)."""
        self.page.locator("#app summary").filter(has_text=self.t("liaison.filter.show")).click()

    def button(self, key: str):
        """A button of the screen by its catalog key."""
        return self.page.locator("#app").get_by_role("button", name=self.t(key), exact=True)

    def button_named(self, name: str):
        """A button of the screen by its exact text (a catalog text with its placeholders filled)."""
        return self.page.locator("#app").get_by_role("button", name=name, exact=True)


def liaison_on_new_report(page, client, world) -> tuple[Desk, str]:
    """Store one report of department A, sign liaison.a in at the desk and open it; return the desk and the id."""
    report_id = push_report(client, world, "field.a", "A")
    desk = Desk(page)
    desk.sign_in("liaison.a")
    desk.open_report(report_id)
    return desk, report_id


# A live stream that connects and stays quiet: each answer ends at once and asks the desk to come back in 300 ms,
# as a server ending its stream after a while does.
IDLE_STREAM = "retry: 300\n: nothing new\n\n"


def quiet_stream(context) -> None:
    """The desk's live stream (GET /api/v1/events) connects and carries nothing."""
    context.route(re.compile(r".*/api/v1/events$"),
                  lambda route: route.fulfill(status=200, content_type="text/event-stream", body=IDLE_STREAM))


def no_stream(context, paths: str = "events") -> None:
    """A server without the live stream (an older one, or a proxy that drops it): 404 for ``paths`` (a regex
    alternative of API paths, "events|alerts" for both), so the queue polls."""
    missing = {"code": 404, "message": "Not Found", "description": "No such resource."}
    context.route(re.compile(rf".*/api/v1/({paths})(\?.*)?$"),
                  lambda route: route.fulfill(status=404, content_type="application/json", body=json.dumps(missing)))
