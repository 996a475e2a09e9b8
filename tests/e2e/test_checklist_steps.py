"""Issue 11, the checklist's steps: they capture what they ask for in place, call the right people, and
take one answer per tap."""
import base64
import re

from playwright.sync_api import expect
from sqlalchemy import select

from server.checklists import publish_version
from server.extensions import db
from server.models import Checklist
from tests.e2e.axe import AxeScans
from tests.e2e.checklists import NUMBERS
from tests.e2e.device import choose_language, idb_all, wait_until
from tests.e2e.flow import FieldApp
from tests.e2e.network import go_online
from tests.e2e.trainer import Desk as TrainerDesk
from tests.e2e.trainer import stored_draft
from tests.e2e.stored import server_encounters

# An 8×6 blue PNG, as a phone's camera would hand over a picture.
PHOTO = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAGCAIAAABxZ0isAAAAEUlEQVR4nGOQszmBFTEMpAQAz7c2YafdCdMAAAAASUVORK5CYII=")
AGENTS = "Officer named Ruiz, badge 4471; supervisor at the field office"
PURPOSE = "Said they were looking for records."


def _step_count(page):
    return page.locator("#app h1 .step-count")


def _done(app: FieldApp):
    return app.page.get_by_role("button", name=app.t("step.done"), exact=True)


def _answer_done(app: FieldApp, number: int, total: int = 14) -> None:
    expect(_step_count(app.page)).to_have_text(app.t("step.count", n=number, total=total))
    _done(app).click()
    expect(_step_count(app.page)).to_have_text(app.t("step.count", n=number + 1, total=total))


def _calls(page) -> list[tuple[str, str]]:
    """The call buttons on the screen: (where each goes, what it says)."""
    links = page.locator("#app .call-buttons a")
    return [(links.nth(i).get_attribute("href"), links.nth(i).locator(".call-who").inner_text())
            for i in range(links.count())]


def test_two_taps_120_ms_apart_on_done_answer_one_step(page, world, catalogs):
    # Steps of one shape, so the next step's Done appears exactly where the finger still is.
    same = [{"id": f"look-{n}", "time_critical": False, "text": {"en": f"Look {n}", "es": f"Mire {n}"}, "guide": None}
            for n in range(1, 5)]
    checklist = db.session.scalar(select(Checklist).where(Checklist.department_id == world.departments["A"].id))
    publish_version(checklist, {"title": {"en": "Checklist", "es": "Lista"}, "steps": same})
    db.session.commit()
    page.set_viewport_size({"width": 390, "height": 844})
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    app.start_button().click()
    expect(_step_count(page)).to_have_text(app.t("step.count", n=1, total=4))
    draft_id = re.search(r"#/encounter/([0-9a-f-]{36})/", page.url).group(1)
    expect(_done(app)).to_be_enabled()
    box = _done(app).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    page.wait_for_timeout(120)  # the second tap of a double tap, not a wait for the app
    page.mouse.click(x, y)

    second = app.t("step.count", n=2, total=4)
    expect(_step_count(page)).to_have_text(second)
    expect(_done(app)).to_be_enabled()  # the guard is over: any tap it let through has been handled
    expect(_step_count(page)).to_have_text(second)
    draft = next(d for d in idb_all(page, "drafts") if d["id"] == draft_id)
    assert list(draft["steps"]) == ["look-1"], draft["steps"]


def test_steps_capture_names_the_answer_and_the_document_photo_and_call_the_sites_numbers_offline(
        page, context, world, universal, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    app.reopen_offline(context)
    draft_id = app.start_encounter()
    _answer_done(app, 1)

    # "Call your site lead and your department's contact": before a site is chosen, the department's
    # liaison (the site lead comes with the site); tel: links that need no network.
    assert _calls(page) == [(f"tel:{NUMBERS['liaison']}", app.t("call.liaison"))]
    _answer_done(app, 2)

    # Names and badges, in the agents' field, where an agent's name may be kept.
    agents = page.get_by_role("textbox", name=app.t("field.agent_names_and_badges"), exact=True)
    agents.fill(AGENTS)
    keep = page.get_by_role("button", name=re.compile("^" + re.escape(app.t("sensitive.keep.agent_names_and_badges"))))
    keep.click()
    expect(page.locator("#app .sensitive-item")).to_have_count(0)
    _answer_done(app, 3)

    # "Note their answer": a note box for the stated purpose, where a person's name is not kept, only removed.
    note = page.get_by_role("textbox", name=app.t("field.stated_purpose"), exact=True)
    note.fill("They asked for a man named Juan Perez")
    item = page.locator("#app .sensitive-item")
    expect(item.locator(".remove-span")).to_have_count(1)
    expect(item.locator(".keep-span")).to_have_count(0)
    note.fill(PURPOSE)
    expect(item).to_have_count(0)
    _answer_done(app, 4)

    # The document step: "Take photo" is the main button, and the photo joins the report's photos.
    take = page.get_by_role("button", name=app.t("step.take_photo"), exact=True)
    expect(take).to_have_class(re.compile(r"\bprimary\b"))
    expect(_done(app)).not_to_have_class(re.compile(r"\bprimary\b"))
    with page.expect_file_chooser() as chooser:
        take.click()
    chooser.value.set_files({"name": "document.png", "mimeType": "image/png", "buffer": PHOTO})
    expect(page.locator("#app .step-photo .photo-count")).to_have_text(app.t("photos.count.one", count=1))
    expect(page.get_by_role("button", name=app.t("step.take_another_photo"), exact=True)).to_be_visible()
    _answer_done(app, 5)

    # "Send the photo to counsel": the counsel line.
    assert _calls(page) == [(f"tel:{NUMBERS['counsel']}", app.t("call.counsel"))]

    # Once the site is chosen, the call step also rings its site lead.
    page.get_by_role("link", name=app.t("step.to_report")).click()
    expect(app.heading()).to_have_text(app.t("form.title"))
    page.get_by_role("combobox", name=app.t("field.site")).select_option("site-a1")
    app.open_section("agents")  # the step's note is in the report, in the agents' section
    expect(page.get_by_role("textbox", name=app.t("field.stated_purpose"), exact=True)).to_have_value(PURPOSE)
    page.goto(f"/#/encounter/{draft_id}/step/1")
    expect(_step_count(page)).to_have_text(app.t("step.count", n=2, total=14))
    assert _calls(page) == [(f"tel:{NUMBERS['site_lead']}", app.t("call.site_lead")),
                            (f"tel:{NUMBERS['liaison']}", app.t("call.liaison"))]

    page.goto(f"/#/encounter/{draft_id}/report")  # resumes on the section last open: the agents'
    app.open_section("short")
    app.choose("field.area_type", "area.non_public")
    app.choose("field.document_type", "doc.administrative_warrant")
    app.review()
    app.submit()
    go_online(context)

    stored = wait_until(page, server_encounters, timeout=20, message="the report on the server")
    body = stored[0]["body"]
    assert stored[0]["id"] == draft_id
    assert body["agent_names_and_badges"] == AGENTS and body["stated_purpose"] == PURPOSE
    assert len(body["photos"]) == 1 and body["photos"][0]["type"] == "image/jpeg"
    assert [s["step_id"] for s in body["steps"]][:5] == [
        "stay-calm", "call-site-lead", "ask-identification", "ask-purpose", "photograph-document"]


def test_the_acting_steps_in_spanish_pass_axe(context, page, world, universal, catalogs):
    scan = AxeScans(context)
    english = FieldApp(page, catalogs["en"])
    app = FieldApp(page, catalogs["es"])
    choose_language(page, "Español", "es")
    app.sign_in("field.a")
    app.start_encounter()
    _answer_done(app, 1)
    expect(page.get_by_role("heading", name=app.t("call.heading"), exact=True)).to_be_visible()
    assert _calls(page) == [(f"tel:{NUMBERS['liaison']}", app.t("call.liaison"))]
    scan("call step", page)
    _answer_done(app, 2)
    expect(page.get_by_role("textbox", name=app.t("field.agent_names_and_badges"), exact=True)).to_be_visible()
    scan("agents step", page)
    _answer_done(app, 3)
    expect(page.get_by_role("textbox", name=app.t("field.stated_purpose"), exact=True)).to_be_visible()
    scan("note step", page)
    _answer_done(app, 4)
    expect(page.get_by_role("button", name=app.t("step.take_photo"), exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=english.t("step.take_photo"), exact=True)).to_have_count(0)
    scan("document step", page)
    scan.assert_clean(4)


def test_the_trainers_editor_keeps_what_steps_capture_and_call_when_a_draft_is_saved(page, world, universal):
    checklist_id = world.versions["A"].checklist_id
    trainer = TrainerDesk(page)
    trainer.sign_in("trainer.a")
    trainer.open_editor(checklist_id)
    trainer.step_text(4, "English").fill("Ask why they are here. Write down their answer.")
    trainer.save()
    expect(page.locator("#app .status-message")).to_contain_text(
        trainer.t("trainer.editor.saved", time="").split(" ")[0])
    steps = {s["id"]: s for s in stored_draft(checklist_id)["steps"]}
    assert steps["ask-purpose"]["text"]["en"] == "Ask why they are here. Write down their answer."
    assert (steps["ask-purpose"]["capture"], steps["ask-purpose"]["field"]) == ("note", "stated_purpose")
    assert steps["photograph-document"]["capture"] == "document_photo"
    assert steps["call-site-lead"]["call"] == ["site_lead", "liaison"]


def test_the_call_site_lead_step_chooses_the_site_in_place_and_then_offers_its_lead_and_the_report_keeps_it(
        page, world, universal, catalogs):
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    draft_id = app.start_encounter()
    _answer_done(app, 1)

    # A first encounter: no site chosen yet, so only the liaison at first, and the site to choose right here.
    assert _calls(page) == [(f"tel:{NUMBERS['liaison']}", app.t("call.liaison"))]
    site = page.get_by_role("combobox", name=re.compile("^" + re.escape(app.t("field.site"))))
    expect(site).to_have_value("")
    expect(page.locator("#app .step-calls")).to_contain_text(app.t("call.choose_site_hint"))
    site.select_option("site-a1")
    lead = page.locator("#app .call-buttons a[data-who='site_lead']")
    expect(lead).to_have_attribute("href", f"tel:{NUMBERS['site_lead']}")
    assert _calls(page) == [(f"tel:{NUMBERS['site_lead']}", app.t("call.site_lead")),
                            (f"tel:{NUMBERS['liaison']}", app.t("call.liaison"))]
    wait_until(page, lambda: next(d for d in idb_all(page, "drafts") if d["id"] == draft_id)["fields"].get("site")
               == "site-a1", message="the site stored in the draft")

    # The report form shows the same choice.
    page.get_by_role("link", name=app.t("step.to_report")).click()
    expect(app.heading()).to_have_text(app.t("form.title"))
    expect(page.get_by_role("combobox", name=re.compile("^" + re.escape(app.t("field.site"))))).to_have_value("site-a1")
