"""Issue 11, "a report that takes a minute": the short first screen, optional sections, inline checks, Submit on top."""
import pytest
from playwright.sync_api import expect

from encounter import form
from tests.e2e.axe import AxeScans
from tests.e2e.device import idb_all, wait_for_app, wait_until
from tests.e2e.flow import MINIMAL, FieldApp
from tests.e2e.layout import assert_fits
from tests.e2e.stored import count_encounters, server_encounters

def on_the_short_screen(page, catalogs) -> FieldApp:
    """Signed in as field.a, an encounter started and its report's short screen open."""
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    app.start_encounter()
    app.to_report()
    return app


@pytest.mark.both_backends
def test_a_minimal_report_filed_through_the_short_screen_reaches_the_server_exactly_once(page, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")

    item_id = app.file_minimal(MINIMAL)

    stored = wait_until(page, server_encounters, message="the minimal report on the server")
    app.expect_received(stored[0]["sha256"])
    assert [row["id"] for row in server_encounters()] == [item_id]
    body = stored[0]["body"]
    assert (body["site"], body["area_type"], body["document_type"], body["requested"]) == (
        "site-a2", "public", "none", ["records"])
    assert body["agencies"] == [] and body["notes"] == "" and body["agent_count"] is None
    assert count_encounters() == 1


def test_the_short_screen_holds_only_what_the_core_calls_short_and_marks_the_required_fields(page, world, catalogs):
    app = on_the_short_screen(page, catalogs)

    boxes = page.locator("#report-form > [id^=field-]")
    expect(boxes).to_have_count(len(form.SHORT))
    assert [box.get_attribute("id") for box in boxes.all()] == [f"field-{name}" for name in form.SHORT]
    for name in form.REQUIRED:
        expect(page.locator(f"#field-{name} .required")).to_have_text(app.t("form.required"))
    expect(page.locator("#field-requested .required")).to_have_count(0)


def test_a_required_field_left_empty_says_so_as_it_is_left_not_only_at_review(page, world, catalogs):
    app = on_the_short_screen(page, catalogs)
    site = page.get_by_role("combobox", name=app.t("field.site"))
    expect(page.locator("#site-error")).to_have_count(0)

    site.focus()
    page.keyboard.press("Tab")  # leave the site empty

    expect(page.locator("#site-error")).to_contain_text(app.t("error.required"))
    expect(site).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#area_type-error")).to_have_count(0)  # not visited yet: no error
    expect(app.heading()).to_have_text(app.t("form.title"))
    site.select_option("site-a1")
    expect(page.locator("#site-error")).to_have_count(0)

    # Submit with the area and the document missing stays on the short screen and says what is missing.
    app.submit_button().click()
    expect(app.heading()).to_have_text(app.t("form.title"))
    expect(page.locator("#area_type-error")).to_contain_text(app.t("error.required"))
    expect(page.locator("#document_type-error")).to_contain_text(app.t("error.required"))


def test_a_tap_that_leaves_an_empty_required_field_is_not_lost_as_the_error_appears_above_it(
        page, world, catalogs):
    app = on_the_short_screen(page, catalogs)
    page.get_by_role("combobox", name=app.t("field.site")).focus()

    app.choose("field.area_type", "area.public")  # Playwright fails this unless the click checked the radio

    expect(page.locator("#site-error")).to_contain_text(app.t("error.required"))  # it did shift the page
    expect(page.get_by_role("radio", name=app.t("area.public"), exact=True)).to_be_checked()


def test_the_jump_list_reaches_every_section_next_walks_them_in_order_and_submit_stays_on_screen(page, world, catalogs):
    app = on_the_short_screen(page, catalogs)

    for section, names in form.SECTIONS:
        app.open_section(section)
        expect(page.locator(f"#field-{names[0]}")).to_be_visible()
        expect(page.locator(".jump-list a[aria-current=page] .jump-name")).to_have_text(app.t(f"section.{section}"))
    app.open_section("short")

    first, second = form.SECTIONS[0][0], form.SECTIONS[1][0]
    app.open_section(first)
    page.get_by_role("button", name=app.t("form.next", section=app.t(f"section.{second}"))).click()
    expect(app.heading()).to_have_text(app.t(f"section.{second}"))
    bar = page.locator(".form-bar")
    expect(bar).to_be_in_viewport()
    expect(bar).to_have_css("position", "sticky")


def test_review_shows_submit_at_the_top_when_nothing_is_missing_and_at_the_bottom_otherwise(page, world, catalogs):
    app = on_the_short_screen(page, catalogs)
    app.open_section("notes")
    app.review()  # from a section, nothing filled: the review lists what is missing first
    submit = page.get_by_role("button", name=app.t("review.submit"), exact=True)
    expect(page.locator("#review-errors")).to_contain_text(app.t("field.site"))
    expect(page.locator(".review-top")).to_have_count(0)
    expect(submit).not_to_be_in_viewport()

    page.locator("#review-errors").get_by_role("link").filter(has_text=app.t("field.site")).click()
    expect(app.heading()).to_have_text(app.t("form.title"))
    expect(page.get_by_role("combobox", name=app.t("field.site"))).to_be_focused()
    app.fill_short(MINIMAL)
    app.review()
    expect(page.locator(".review-top").get_by_role("button", name=app.t("review.submit"), exact=True)).to_be_in_viewport()
    expect(submit).to_have_count(1)
    expect(page.locator("#review-errors")).to_have_count(0)


def test_a_reload_in_the_middle_of_a_section_resumes_on_that_section_with_what_was_typed(page, world, catalogs):
    app = on_the_short_screen(page, catalogs)
    app.open_section("agents")
    box = page.get_by_role("textbox", name=app.t("field.markings_seen"), exact=True)
    box.fill("Vests marked POLICE ICE")
    wait_until(page, lambda: [d for d in idb_all(page, "drafts")
                              if d["fields"]["markings_seen"] == "Vests marked POLICE ICE" and d["section"] == "agents"],
               message="the typed text in the stored draft")

    page.reload()
    wait_for_app(page)
    expect(app.heading()).to_have_text(app.t("section.agents"))
    expect(box).to_have_value("Vests marked POLICE ICE")

    page.goto("/#/")  # home's Continue comes back to the same section
    page.get_by_role("button", name=app.t("home.draft.continue"), exact=True).click()
    expect(app.heading()).to_have_text(app.t("section.agents"))


def test_a_minimal_report_can_be_filed_in_spanish(page, world, catalogs):
    app = FieldApp(page, catalogs["es"])
    app.choose_language("Español", "es")
    app.sign_in("field.a")

    item_id = app.file_minimal(MINIMAL)

    stored = wait_until(page, server_encounters, message="the report on the server")
    app.expect_received(stored[0]["sha256"])
    assert [(row["id"], row["body"]["language"]) for row in server_encounters()] == [(item_id, "es")]


def test_the_short_screen_its_sections_and_the_ready_review_have_no_serious_axe_violation(context, page, world,
                                                                                        catalogs):
    scan = AxeScans(context)
    app = on_the_short_screen(page, catalogs)
    page.get_by_role("combobox", name=app.t("field.site")).focus()
    page.keyboard.press("Tab")
    expect(page.locator("#site-error")).to_be_visible()
    scan("short screen with an inline error", page)
    app.fill_short(MINIMAL)
    scan("short screen filled", page)
    for section, _ in form.SECTIONS:
        app.open_section(section)
        scan(f"section {section}", page)
    app.review()
    scan("review ready (Submit on top)", page)
    scan.assert_clean(screens=3 + len(form.SECTIONS))


def test_in_farsi_dark_at_320_px_with_200_percent_text_the_form_fits_and_the_submit_bar_stays_small(
        context, page, world, catalogs):
    app = FieldApp(page, catalogs["fa"], "fa")
    page.emulate_media(color_scheme="dark")
    app.choose_language("فارسی", "fa")
    page.set_viewport_size({"width": 320, "height": 568})
    context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    app.sign_in("field.a")
    app.start_encounter()
    app.to_report()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"

    for section in ("short", *[name for name, _ in form.SECTIONS]):
        if section != "short":
            app.open_section(section)
        assert_fits(page, f"report screen {section} in Farsi at 200 %")
        bar = page.locator(".form-bar").bounding_box()
        assert bar["height"] <= 568 / 4, f"the Submit bar takes {bar['height']} px of 568"
        assert bar["y"] + bar["height"] <= 568 + 1, "the Submit bar is on screen"
    app.open_section("short")
    app.fill_short(MINIMAL)
    app.review()
    assert_fits(page, "review in Farsi at 200 %")
