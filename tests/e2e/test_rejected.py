"""Issue test 5: a report the server rejects shows its reasons, can be fixed and resent, and arrives once."""
import re

from playwright.sync_api import expect
from sqlalchemy import update

from server.extensions import db
from server.models import Site
from tests.e2e.device import wait_until
from tests.e2e.flow import PERSIAN_DIGITS, FieldApp, Report
from tests.e2e.stored import count_encounters, server_encounters

REASON = "is not an active site of your department"  # server/kinds.py: the English every phone was sent
FILED = Report(site="site-a1")  # what _submitted_while_offline fills in


def _refusal_words(code: str) -> dict:
    """The phone's words for what the server refused (pwa/src/messages/refusal/), in language ``code``."""
    from tests.e2e.catalogs import read_catalogs

    return read_catalogs("pwa/src/messages/refusal")[code]


def _section_of(name: str) -> str:
    """The report form's screen that asks for field ``name`` (encounter/form.py)."""
    from encounter import form

    return next(section for section, names in form.SECTIONS if name in names)


def _close_site(code: str) -> None:
    """The department closes a site on the server (after the phone downloaded its site list)."""
    db.session.execute(update(Site).where(Site.code == code).values(active=False))
    db.session.commit()
    db.session.remove()


def _short_screen_stored(page, item_id: str, report: Report) -> dict:
    """The draft once what ``fill_short(report)`` chose is stored: the form draws each choice at once and saves it a
    moment later, and a copy read before the last save and written back would drop that choice."""
    from tests.e2e.device import wait_for_draft

    short = {"site": report.site, "area_type": report.area_type, "requested": list(report.requested),
             "document_type": report.document_type}
    return wait_for_draft(page, lambda d: all(d["fields"].get(name, []) == value for name, value in short.items()),
                          item_id, message="the short screen's choices stored")


def _submitted_while_offline(page, context, catalogs, language: tuple[str, str], meanwhile) -> tuple[FieldApp, str]:
    """In ``language`` (code, label in the menu), field.a files a short report at site-a1; offline, ``meanwhile(app,
    item id)`` changes the server or the draft, then the report is submitted and the phone goes online."""
    from tests.e2e.network import go_offline, go_online

    code, label = language
    app = FieldApp(page, catalogs[code], code)
    app.choose_language(label, code)
    app.sign_in("field.a")
    item_id = app.start_encounter()
    app.to_report()
    app.fill_short(FILED)
    go_offline(context)
    meanwhile(app, item_id)
    app.review()
    app.submit()
    go_online(context)
    return app, item_id


def test_a_rejected_report_shows_the_servers_reasons_and_once_fixed_and_resent_is_stored_once(page, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    item_id = app.start_encounter()
    app.answer_steps(["done"] * 14)
    app.fill_report(Report(site="site-a1"))
    app.review()
    _close_site("site-a1")

    app.submit()

    card = app.report_cards()
    expect(card.locator(".state-attention")).to_have_text(app.t("reports.state.attention"), timeout=15_000)
    inactive = _refusal_words("en")["refusal.inactive"]
    expect(card.locator(".reasons")).to_contain_text(inactive)
    assert count_encounters() == 0
    # Refused, it is not on its way: nothing may say it will be sent, nor that everything has arrived.
    expect(page.locator("#app")).not_to_contain_text(app.t("home.unsent.one"))
    expect(page.locator("#app")).not_to_contain_text(app.t("home.all_sent"))
    page.goto("/#/")
    expect(page.locator("#app .error-box")).to_contain_text(app.t("home.attention.one"))
    expect(page.locator("#app")).not_to_contain_text(app.t("home.unsent.one"))
    expect(page.locator("#app")).not_to_contain_text(app.t("home.all_sent"))
    page.go_back()

    card.get_by_role("button", name=app.t("reports.fix"), exact=True).click()
    expect(app.heading()).to_have_text(app.t("form.title"))
    expect(page.get_by_role("alert").filter(has_text=app.t("form.rejected"))).to_be_visible()
    expect(page.locator("#field-site")).to_contain_text(inactive)
    page.get_by_role("combobox", name=app.t("field.site")).select_option("site-a2")
    app.review()
    app.submit()

    stored = wait_until(page, server_encounters, message="the resent report on the server")
    app.expect_received(stored[0]["sha256"])
    stored = server_encounters()
    assert [(row["id"], row["body"]["site"]) for row in stored] == [(item_id, "site-a2")]
    expect(app.report_cards()).to_have_count(1)


def test_a_report_refused_for_a_choice_the_rules_dropped_can_be_fixed_and_resent(page, context, world, catalogs):
    from tests.e2e.device import idb_put
    from tests.e2e.network import go_offline, go_online

    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    item_id = app.start_encounter()
    app.to_report()
    app.fill_short(Report())
    go_offline(context)
    # Started before an app update that dropped an agency code: the draft still holds it.
    draft = _short_screen_stored(page, item_id, Report())
    draft["fields"]["agencies"] = ["cbp", "ice_retired_code"]
    draft["fields"]["outcome"] = "retired_outcome"
    idb_put(page, "drafts", draft)
    page.reload()
    app.review()
    app.submit()
    go_online(context)

    card = app.report_cards()
    expect(card.locator(".state-attention")).to_have_text(app.t("reports.state.attention"), timeout=15_000)
    card.get_by_role("button", name=app.t("reports.fix"), exact=True).click()
    expect(page.get_by_role("alert").filter(has_text=app.t("form.rejected"))).to_be_visible()
    page.goto(f"/#/encounter/{item_id}/report/{_section_of('agencies')}")
    group = page.get_by_role("group", name=app.t("field.agencies"))
    dropped = group.get_by_role("checkbox", name="ice_retired_code", exact=True)
    expect(dropped).to_be_checked()
    dropped.click()  # unticked, it goes: it is no longer a choice
    expect(dropped).to_have_count(0)
    expect(group.get_by_role("checkbox", name=app.t("agency.cbp"), exact=True)).to_be_checked()
    page.goto(f"/#/encounter/{item_id}/report/{_section_of('outcome')}")
    outcome = page.get_by_role("combobox", name=app.t("field.outcome"), exact=True)
    expect(outcome).to_have_value("retired_outcome")
    outcome.select_option("")
    app.review()
    app.submit()

    stored = wait_until(page, server_encounters, message="the fixed report on the server")
    assert [(row["id"], row["body"]["agencies"], row["body"]["outcome"]) for row in stored] == [(item_id, ["cbp"], None)]


def test_a_spanish_speaking_employee_reads_why_the_server_refused_the_report_in_spanish(page, context, world, catalogs):
    """The site is deactivated while the phone is offline: the refusal reaches the phone as a code, and My reports,
    the report form and the review say it in Spanish (src/messages/refusal/es.js), never the server's English."""
    words = _refusal_words("es")
    app, item_id = _submitted_while_offline(page, context, catalogs, ("es", "Español"),
                                            lambda app, item_id: _close_site("site-a1"))

    card = app.report_cards()
    expect(card.locator(".state-attention")).to_have_text(app.t("reports.state.attention"), timeout=15_000)
    reasons = card.locator(".reasons")
    expect(reasons).to_contain_text(words["refusal.inactive"])
    expect(reasons).not_to_contain_text(REASON)
    assert count_encounters() == 0

    card.get_by_role("button", name=app.t("reports.fix"), exact=True).click()
    expect(app.heading()).to_have_text(app.t("form.title"))
    expect(page.locator("#field-site")).to_contain_text(words["refusal.inactive"])
    expect(page.locator("#app")).not_to_contain_text(REASON)
    page.get_by_role("combobox", name=app.t("field.site")).select_option("site-a2")
    app.review()
    app.submit()

    stored = wait_until(page, server_encounters, message="the resent report on the server")
    assert [(row["id"], row["body"]["site"]) for row in stored] == [(item_id, "site-a2")]


def _take_id_in_another_department(app, world, item_id: str) -> None:
    """Another department's employee's report arrives first under this id (only a forged id does that)."""
    from tests.factories import encounter_body, push, push_item, sign_in_via_api

    client = app.test_client()
    answer = push(client, sign_in_via_api(client, "field.b"), [push_item(encounter_body(world, "B"), item_id)])
    assert answer.get_json()["results"][0]["status"] == "accepted"
    db.session.remove()


TAKEN = "this id cannot be used; give the item a new id and push it again"  # sync/protocol.py: errors.id


def test_a_spanish_speaking_employee_reads_an_envelope_refusal_in_spanish(page, context, app, world, catalogs):
    """The server refuses the report's id (errors.id, not a field of the report): My reports, the report form and the
    review say in Spanish what the employee can do (call the liaison), never the server's English about ids."""
    words = _refusal_words("es")
    app_, _ = _submitted_while_offline(page, context, catalogs, ("es", "Español"),
                                       lambda _, item_id: _take_id_in_another_department(app, world, item_id))

    card = app_.report_cards()
    expect(card.locator(".state-attention")).to_have_text(app_.t("reports.state.attention"), timeout=15_000)
    expect(card.locator(".reasons")).to_have_text(words["refusal.envelope_taken"])
    expect(page.locator("#app")).not_to_contain_text(TAKEN)

    card.get_by_role("button", name=app_.t("reports.fix"), exact=True).click()
    expect(app_.heading()).to_have_text(app_.t("form.title"))
    refusal = page.get_by_role("alert").filter(has_text=app_.t("form.rejected"))
    expect(refusal).to_contain_text(words["refusal.envelope_taken"])
    app_.review()
    expect(page.locator("#review-errors")).to_contain_text(words["refusal.envelope_taken"])
    expect(page.locator("#app")).not_to_contain_text(TAKEN)


def test_a_farsi_refusal_with_a_number_writes_it_in_farsi_digits_as_the_rest_of_the_farsi_screens(
        page, context, world, catalogs):
    """A report refused for more agencies than there are (a draft from an older app): the limit is said in Farsi with
    Farsi digits (as t writes every number on the Farsi screens), not the server's "Longer than maximum length 5."."""
    from encounter.vocabulary import CHOICES
    from tests.e2e.device import idb_put

    words = _refusal_words("fa")
    most = len(CHOICES["agencies"])

    def too_many_agencies(app, item_id):
        draft = _short_screen_stored(page, item_id, FILED)
        draft["fields"]["agencies"] = ["cbp"] * (most + 1)
        idb_put(page, "drafts", draft)
        page.reload()

    app, _ = _submitted_while_offline(page, context, catalogs, ("fa", "فارسی"), too_many_agencies)

    card = app.report_cards()
    expect(card.locator(".state-attention")).to_have_text(app.t("reports.state.attention"), timeout=15_000)
    said = words["refusal.count_max"].replace("{max}", str(most).translate(PERSIAN_DIGITS))  # as FieldApp.t writes it
    expect(card.locator(".reasons")).to_contain_text(said)
    assert not re.search(r"[0-9]", card.locator(".reasons").inner_text())
    card.get_by_role("button", name=app.t("reports.fix"), exact=True).click()
    expect(page.locator("#app")).to_contain_text(said)
