"""QA's call-step findings: "call 911" had no button, and "No number yet" sat beside "Choose your site".

The universal checklist (tests/e2e/checklists.py): step 2 calls the site lead and the liaison, step 9 the site
lead alone, step 11 says to call 911. Department A has numbers; its site-a1 too, site-a2 none.
"""
import re

from playwright.sync_api import expect

from tests.e2e.axe import AxeScans
from tests.e2e.checklists import NUMBERS
from tests.e2e.desk import second_profile
from tests.e2e.flow import FieldApp
from tests.e2e.trainer import Desk, stored_versions


def _calls(page):
    """The step's call section."""
    return page.locator("#app .step-calls")


def _emergency(page):
    """The step's emergency call link."""
    return _calls(page).locator(".call-emergency a")


def _open_step(app: FieldApp, draft_id: str, number: int) -> None:
    """Go to step ``number`` (1-based) of the encounter and wait for it."""
    app.page.goto(f"/#/encounter/{draft_id}/step/{number - 1}")
    expect(app.page.locator("#app h1 .step-count")).to_have_text(app.t("step.count", n=number, total=14))


def _first_control(page):
    """What the call section offers first after its heading: a link's data-who, or 'site picker'."""
    return _calls(page).locator("a, select").first.evaluate(
        "e => e.tagName === 'SELECT' ? 'site picker' : e.dataset.who")


def test_call_911_is_the_first_red_button_of_its_step_offline_with_no_site_chosen(page, context, world, universal,
                                                                                  catalogs):
    scan = AxeScans(context)
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    app.reopen_offline(context)
    draft_id = app.start_encounter()
    _open_step(app, draft_id, 11)

    call = _emergency(page)
    expect(call).to_have_attribute("href", "tel:911")
    expect(call).to_have_text(app.t("call.emergency", number="911"))
    expect(call).to_have_class(re.compile(r"\bdanger\b"))
    assert _first_control(page) == "emergency"
    # Nothing about sites or missing numbers on a step that only calls 911.
    expect(page.get_by_role("combobox", name=app.t("field.site"))).to_have_count(0)
    expect(page.get_by_text(app.t("call.none"))).to_have_count(0)
    scan("911 step", page)  # the red button's contrast and name
    scan.assert_clean(1)


def test_a_call_step_says_one_thing_before_a_site_is_chosen_for_a_site_without_numbers_and_with_them(
        page, world, universal, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    draft_id = app.start_encounter()
    site = page.get_by_role("combobox", name=app.t("field.site"))
    buttons = _calls(page).locator(".call-buttons a")
    none = page.get_by_text(app.t("call.none"))

    # No site chosen: choose it (the hint says why), with the department's liaison meanwhile; not "no number yet".
    _open_step(app, draft_id, 2)
    expect(site).to_be_visible()
    expect(_calls(page).get_by_text(app.t("call.choose_site_hint"))).to_be_visible()
    expect(buttons).to_have_count(1)
    expect(buttons).to_have_attribute("href", f"tel:{NUMBERS['liaison']}")
    expect(none).to_have_count(0)
    _open_step(app, draft_id, 9)  # "step aside and alert the site lead": the site lead only
    expect(site).to_be_visible()
    expect(buttons).to_have_count(0)
    expect(none).to_have_count(0)

    # A site with no site lead's number: now "no number yet" is the one thing to say.
    site.select_option("site-a2")
    expect(none).to_be_visible()
    expect(buttons).to_have_count(0)

    # A site with the number: its button, and nothing else said.
    site.select_option("site-a1")
    expect(buttons).to_have_count(1)
    expect(buttons).to_have_attribute("href", f"tel:{NUMBERS['site_lead']}")
    expect(none).to_have_count(0)


def test_a_trainer_adds_call_911_to_the_site_lead_step_and_phones_show_it_above_choose_your_site(
        browser, live_server, page, world, universal, catalogs):
    checklist_id = world.versions["A"].checklist_id
    desk = Desk(page)
    desk.sign_in("trainer.a")
    desk.open_editor(checklist_id)
    desk.step_group(2).get_by_role("checkbox", name=desk.t("call.emergency", number="911"), exact=True).check()
    desk.step_text(2, "English").focus()  # the preview follows the step being edited
    expect(desk.preview().locator(".call-emergency a")).to_have_text(desk.t("call.emergency", number="911"))
    desk.publish()
    expect(page.locator("#app .status-message")).to_contain_text(desk.t("trainer.publish.done", number=3))
    assert stored_versions(checklist_id)[-1]["steps"][1]["call"] == ["emergency", "site_lead", "liaison"]

    with second_profile(browser, live_server) as phone_page:
        app = FieldApp(phone_page, catalogs["en"])
        app.sign_in("field.a")
        draft_id = app.start_encounter()
        _open_step(app, draft_id, 2)
        expect(_emergency(phone_page)).to_have_attribute("href", "tel:911")
        assert _first_control(phone_page) == "emergency", "911 comes before the site picker"
        expect(phone_page.get_by_role("combobox", name=app.t("field.site"))).to_be_visible()
