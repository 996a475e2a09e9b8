"""The field app driven through its screens as a user would, with the labels of the UI's language.

Every label comes from the app's own message catalogs (the ``catalogs`` fixture), so a
test in Spanish finds its buttons only if the screens really show the Spanish text.
"""
import re
from dataclasses import dataclass, field

from playwright.sync_api import expect

from encounter import form
from tests.e2e.catalogs import read_catalogs
from tests.e2e.device import choose_language, wait_for_app, wait_for_service_worker
from tests.e2e.network import go_offline
from tests.factories import PASSWORD

STEP_COUNT = 14
# The whole checklist: Done on every step but one Skip and one Not applicable.
ANSWERS = ["done"] * STEP_COUNT
ANSWERS[2] = "skipped"
ANSWERS[6] = "not_applicable"
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_BUTTONS = {"done": "step.done", "skipped": "step.skip", "not_applicable": "step.not_applicable"}


@dataclass
class Report:
    """What the user enters on the report form, and the body fields that must reach the server."""

    site: str = "site-a1"
    area_type: str = "non_public"
    agencies: tuple = ("ice_ero", "cbp")
    counts: dict = field(default_factory=lambda: {"agent_count": 3, "vehicle_count": 2, "detained_count": 0})
    yes_no: dict = field(default_factory=lambda: {"masks": True, "visible_identification": False,
                                                  "consent_asked": True, "consent_refused": True})
    document_type: str = "administrative_warrant"
    requested: tuple = ()
    outcome: str = "left_without_action"
    texts: dict = field(default_factory=lambda: {"stated_purpose": "Said they were looking for records.",
                                                 "notes": "They left through the side door."})

    def expected_body(self) -> dict:
        """The body fields these entries must produce on the server."""
        return {"site": self.site, "area_type": self.area_type, "agencies": list(self.agencies),
                "requested": list(self.requested),
                "document_type": self.document_type, "outcome": self.outcome, **self.counts, **self.yes_no,
                **self.texts, "government_plates": None, "force_used": None}


# Only what a report needs (the short first screen), nothing optional.
MINIMAL = Report(site="site-a2", area_type="public", document_type="none", requested=("records",),
                 agencies=(), counts={}, yes_no={}, outcome=None, texts={})


class FieldApp:
    """One phone running the field app, used through its screens."""

    def __init__(self, page, messages: dict | None = None, code: str = "en"):
        self.page = page
        self.messages = messages or read_catalogs()["en"]
        self.code = code

    def t(self, key: str, **params) -> str:
        """The UI text of a catalog key, placeholders filled, numbers in the language's digits (Intl); in Farsi
        each text filled in is isolated (U+2068…U+2069), as pwa/src/i18n.js does in a right-to-left language."""
        def fill(match):
            value = params.get(match.group(1), match.group(0))
            if self.code != "fa" or match.group(1) not in params:
                return str(value)
            return str(value).translate(PERSIAN_DIGITS) if isinstance(value, int) else f"\u2068{value}\u2069"
        return re.sub(r"\{(\w+)\}", fill, self.messages[key])

    def heading(self):
        """The current screen's heading."""
        return self.page.locator("#app h1")

    def choose_language(self, label: str, code: str) -> None:
        """Open the app and pick a language in the header's picker (signed out is fine)."""
        choose_language(self.page, label, code)

    def sign_in(self, username: str, password: str = PASSWORD) -> None:
        """Sign in on the sign-in screen and wait for home with the department's checklist on the phone."""
        self.page.goto("/#/signin")
        wait_for_app(self.page)
        expect(self.heading()).to_have_text(self.t("signin.title"))
        self.page.get_by_label(self.t("signin.username"), exact=True).fill(username)
        self.page.get_by_label(self.t("signin.password"), exact=True).fill(password)
        self.page.locator("#app").get_by_role("button", name=self.t("signin.submit"), exact=True).click()
        expect(self.heading()).to_have_text(self.t("home.title"))
        expect(self.start_button()).to_be_visible()

    def reopen_offline(self, context) -> None:
        """Once the service worker holds the app, cut the network and reload: the phone as it opens with no signal."""
        wait_for_service_worker(self.page)
        go_offline(context)
        self.page.reload()
        wait_for_app(self.page)

    def sign_out(self) -> None:
        """Sign out from Settings, confirmed, and wait for the sign-in screen."""
        self.page.locator("#header").get_by_role("link", name=self.t("nav.settings"), exact=True).click()
        self.page.locator("#app").get_by_role("button", name=self.t("settings.signout"), exact=True).click()
        self.page.locator("#app").get_by_role("button", name=self.t("settings.signout_yes"), exact=True).click()
        expect(self.heading()).to_have_text(self.t("signin.title"))

    def start_button(self):
        """Home's one-tap start."""
        return self.page.get_by_role("button", name=self.t("home.start"), exact=True)

    def tap_start(self) -> None:
        """Tap Start on home and say yes when it asks (an encounter is already in progress); a step then shows."""
        self.start_button().click()
        confirm = self.page.get_by_role("button", name=self.t("home.start.confirm_yes"), exact=True)
        step = self.page.locator("#app h1 .step-count")
        expect(step.or_(confirm)).to_be_visible()
        if confirm.is_visible():
            confirm.click()
        expect(step).to_be_visible()

    def start_encounter(self) -> str:
        """Tap Start on home (confirming when an encounter is already in progress); return the new draft's id."""
        self.tap_start()
        self.expect_step(1)
        return re.search(r"#/encounter/([0-9a-f-]{36})/", self.page.url).group(1)

    def expect_step(self, number: int) -> None:
        """Wait until the checklist shows step ``number`` (1-based)."""
        expect(self.page.locator("#app h1 .step-count")).to_have_text(
            self.t("step.count", n=number, total=STEP_COUNT))

    def answer_steps(self, answers: list, first: int = 1) -> None:
        """Answer consecutive steps from step ``first`` on, waiting for each next screen."""
        for offset, result in enumerate(answers):
            number = first + offset
            self.expect_step(number)
            self.page.get_by_role("button", name=self.t(_BUTTONS[result]), exact=True).click()
            if number < STEP_COUNT:
                self.expect_step(number + 1)
        if first + len(answers) - 1 == STEP_COUNT:
            expect(self.heading()).to_have_text(self.t("form.title"))

    def fill_short(self, report: Report) -> None:
        """Fill the report's short first screen: site, area, what agents asked for, document shown."""
        page = self.page
        expect(self.heading()).to_have_text(self.t("form.title"))
        page.get_by_role("combobox", name=self.t("field.site")).select_option(report.site)
        self.choose("field.area_type", f"area.{report.area_type}")
        for request in report.requested:
            page.get_by_role("group", name=self.t("field.requested")).get_by_role(
                "checkbox", name=self.t(f"request.{request}"), exact=True).check()
        self.choose("field.document_type", f"doc.{report.document_type}")

    def section_title(self, section: str) -> str:
        """The heading of a screen of the report form ('short' is the first one)."""
        return self.t("form.title") if section == "short" else self.t(f"section.{section}")

    def open_section(self, section: str) -> None:
        """Open a screen of the report form through its jump list and wait for it."""
        name = self.t("section.short") if section == "short" else self.t(f"section.{section}")
        jump = self.page.locator(".jump-list a").filter(
            has=self.page.locator(".jump-name", has_text=re.compile("^" + re.escape(name) + "$")))
        jump.click()
        expect(self.heading()).to_have_text(self.section_title(section))

    def fill_report(self, report: Report) -> None:
        """Fill the short screen, then each optional section ``report`` has answers for (the core's layout)."""
        page = self.page
        self.fill_short(report)
        wanted = {**{"agencies": report.agencies, "outcome": report.outcome}, **report.counts, **report.yes_no,
                  **report.texts}
        for section, names in form.SECTIONS:
            names = [name for name in names if name in wanted and wanted[name] not in ((), None, "")]
            if not names:
                continue
            self.open_section(section)
            for name in names:
                value = wanted[name]
                if name == "agencies":
                    for agency in value:
                        page.get_by_role("group", name=self.t("field.agencies")).get_by_role(
                            "checkbox", name=self.t(f"agency.{agency}"), exact=True).check()
                elif name == "outcome":
                    page.get_by_role("combobox", name=self.t("field.outcome"), exact=True).select_option(value)
                elif name in report.counts:
                    page.get_by_role("textbox", name=self.t(f"field.{name}"), exact=True).fill(str(value))
                elif name in report.yes_no:
                    self.choose(f"field.{name}", "answer.yes" if value else "answer.no")
                else:
                    page.get_by_role("textbox", name=self.t(f"field.{name}"), exact=True).fill(value)

    def choose(self, legend_key: str, option_key: str) -> None:
        """Check one radio button of the group whose legend is ``legend_key``."""
        group = self.page.get_by_role("group", name=self.t(legend_key))
        group.get_by_role("radio", name=self.t(option_key), exact=True).check()

    def submit_button(self):
        """The report form's sticky Submit (it leads to the review)."""
        return self.page.locator(".form-bar").get_by_role("button", name=self.t("form.submit"), exact=True)

    def review(self) -> None:
        """Go from the report form to the review (Submit on the form's sticky bar)."""
        self.submit_button().click()
        expect(self.heading()).to_have_text(self.t("review.title"))

    def to_report(self) -> None:
        """From a checklist step, straight to the report's short first screen."""
        self.page.get_by_role("link", name=self.t("step.to_report"), exact=True).click()
        expect(self.heading()).to_have_text(self.t("form.title"))

    def draft_short(self, report: Report) -> str:
        """Start, go straight to the report and fill only its short screen; return the report id."""
        item_id = self.start_encounter()
        self.to_report()
        self.fill_short(report)
        return item_id

    def file_minimal(self, report: Report) -> str:
        """Start, go straight to the report, fill only the short screen, Submit, Submit; return the report id."""
        item_id = self.draft_short(report)
        self.review()
        self.submit()
        return item_id

    def submit(self) -> None:
        """Submit on the review screen and wait for My reports."""
        self.page.get_by_role("button", name=self.t("review.submit"), exact=True).click()
        expect(self.heading()).to_have_text(self.t("reports.title"))

    def log_encounter(self, report: Report, answers: list = ANSWERS) -> str:
        """Start, run the whole checklist, fill the report, review and submit; return the report id."""
        item_id = self.start_encounter()
        self.answer_steps(answers)
        self.fill_report(report)
        self.review()
        self.submit()
        return item_id

    def report_cards(self):
        """The report cards on My reports."""
        return self.page.locator("#app li.card")

    def expect_received(self, sha256: str, timeout: float = 15_000) -> None:
        """My reports shows the one report as received, with the first characters of the server's hash."""
        state = self.report_cards().locator(".state-received")
        prefix, _, _ = self.t("reports.state.received").partition("{time}")
        expect(state).to_have_text(re.compile("^" + re.escape(prefix) + r".+ · " + sha256[:8] + "$"),
                                   timeout=timeout)



def sign_in(page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the sign-in screen (English UI) and wait for home with the checklist downloaded."""
    FieldApp(page).sign_in(username, password)
