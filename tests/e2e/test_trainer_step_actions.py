"""The trainer's editor sets every part of a step: whom its buttons call and what it records on the phone.

Department A runs the universal checklist (tests/e2e/checklists.py): step 2 calls the site lead and the liaison,
step 4 writes a note into "why they were there", step 7 ("I do not consent to entry") neither calls nor records.
"""
import re

from playwright.sync_api import expect

from server.extensions import db
from server.models import ChecklistDraft, ChecklistVersion
from tests.e2e.axe import AxeScans
from tests.e2e.checklists import NUMBERS
from tests.e2e.desk import second_profile
from tests.e2e.flow import FieldApp
from tests.e2e.trainer import Desk, stored_draft, stored_versions


def _editor(page, checklist_id: int) -> Desk:
    """The trainer of department A at the checklist's editor."""
    desk = Desk(page)
    desk.sign_in("trainer.a")
    desk.open_editor(checklist_id)
    return desk


def _saved(desk: Desk) -> None:
    """Wait for "Draft saved …"."""
    expect(desk.page.locator("#app .status-message")).to_contain_text(
        desk.t("trainer.editor.saved", time="").split(" ")[0])


def test_a_trainer_adds_the_site_lead_call_and_the_document_photo_to_a_step_and_phones_show_them(
        browser, live_server, page, world, universal, catalogs):
    checklist_id = world.versions["A"].checklist_id
    desk = _editor(page, checklist_id)

    def call(n, who):
        return desk.step_group(n).get_by_role("checkbox", name=desk.t(f"call.{who}", number="911"), exact=True)

    def capture(n, what):
        return desk.step_group(n).get_by_role("radio", name=desk.t(f"trainer.editor.capture.{what}"), exact=True)

    # What steps already do is shown: step 2's calls, step 4's note and the field it writes.
    expect(call(2, "site_lead")).to_be_checked()
    expect(call(2, "liaison")).to_be_checked()
    expect(call(2, "emergency")).not_to_be_checked()
    expect(capture(4, "note")).to_be_checked()
    expect(desk.step_group(4).get_by_role("combobox", name=desk.t("trainer.editor.note_field"))).to_have_value(
        "stated_purpose")
    # Every call target and capture of the vocabulary is offered on a step, 911 first.
    expect(desk.step_group(7).locator(".step-actions input[type=checkbox]")).to_have_count(6)
    expect(desk.step_group(7).locator(".step-actions label").first).to_have_text(desk.t("call.emergency", number="911"))
    expect(call(7, "site_lead")).not_to_be_checked()
    expect(capture(7, "none")).to_be_checked()

    call(7, "site_lead").check()
    capture(7, "document_photo").check()
    desk.step_text(7, "English").focus()  # the preview follows the step being edited
    preview = desk.preview()
    expect(preview.locator(".call-buttons a[data-who=site_lead]")).to_contain_text(desk.t("call.site_lead"))
    expect(preview.get_by_role("button", name=desk.t("step.take_photo"), exact=True)).to_be_visible()
    desk.save()
    _saved(desk)
    step = stored_draft(checklist_id)["steps"][6]
    assert (step.get("call"), step.get("capture"), step.get("field")) == (["site_lead"], "document_photo", None)

    # A reload shows what was saved.
    page.reload()
    expect(desk.step_group(7)).to_be_visible()
    expect(call(7, "site_lead")).to_be_checked()
    expect(call(7, "site")).not_to_be_checked()
    expect(capture(7, "document_photo")).to_be_checked()

    desk.publish()
    expect(page.locator("#app .status-message")).to_contain_text(desk.t("trainer.publish.done", number=3))
    published = stored_versions(checklist_id)[-1]["steps"][6]
    assert (published["call"], published["capture"]) == (["site_lead"], "document_photo")

    # A field phone pulls version 3: step 7 has the site lead's button once a site is chosen, and Take photo.
    with second_profile(browser, live_server) as phone_page:
        app = FieldApp(phone_page, catalogs["en"])
        app.sign_in("field.a")
        draft_id = app.start_encounter()
        phone_page.goto(f"/#/encounter/{draft_id}/step/6")
        expect(phone_page.locator("#app h1 .step-count")).to_have_text(app.t("step.count", n=7, total=14))
        expect(phone_page.get_by_role("button", name=app.t("step.take_photo"), exact=True)).to_be_visible()
        phone_page.get_by_role("combobox", name=app.t("field.site")).select_option("site-a1")
        lead = phone_page.locator("#app .step-calls .call-buttons a")
        expect(lead).to_have_count(1)
        expect(lead).to_have_attribute("href", f"tel:{NUMBERS['site_lead']}")
        expect(lead).to_contain_text(app.t("call.site_lead"))


def test_a_note_without_its_report_field_is_refused_beside_the_step_and_saved_once_chosen(page, context, world,
                                                                                         universal):
    scan = AxeScans(context)
    checklist_id = world.versions["A"].checklist_id
    desk = _editor(page, checklist_id)
    step = desk.step_group(14)
    step.get_by_role("radio", name=desk.t("trainer.editor.capture.note"), exact=True).check()
    field = step.get_by_role("combobox", name=desk.t("trainer.editor.note_field"))
    expect(field).to_have_value("")

    desk.save()
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile(re.escape(desk.t("desk.field_error.required"))))
    expect(page.locator("#editor-problems")).to_contain_text(desk.t("trainer.editor.note_field"))
    assert stored_draft(checklist_id) is None, "the refused draft was not saved"
    scan("editor with a refused step", page)  # the step's groups, radios, the field and its error are named
    scan.assert_clean(1)

    field.select_option("staff_witnesses")
    desk.save()
    _saved(desk)
    expect(field).to_have_attribute("aria-invalid", "false")
    saved = stored_draft(checklist_id)["steps"][13]
    assert (saved["capture"], saved["field"]) == ("note", "staff_witnesses")


def _draft_saved_before_the_vocabulary_changed(checklist_id: int, call: list) -> None:
    """A draft of the running version whose step 7 calls ``call``, stored as an older server let it be."""
    db.session.remove()
    try:
        running = db.session.get(ChecklistVersion, stored_versions(checklist_id)[-1]["id"])
        steps = [dict(step) for step in running.steps]
        steps[6]["call"] = call
        db.session.add(ChecklistDraft(checklist_id=checklist_id, title=running.title, steps=steps,
                                      base_version_id=running.id))
        db.session.commit()
    finally:
        db.session.remove()


def test_a_call_the_vocabulary_no_longer_has_is_shown_refused_beside_its_step_and_unticked(page, world, universal):
    checklist_id = world.versions["A"].checklist_id
    _draft_saved_before_the_vocabulary_changed(checklist_id, ["site_lead", "fire_dept"])
    desk = _editor(page, checklist_id)
    calls = desk.step_group(7).get_by_role("group", name=desk.t("trainer.editor.calls"))
    old = calls.get_by_role("checkbox", name=desk.t("trainer.editor.not_offered", value="fire_dept"))
    expect(old).to_be_checked()
    expect(calls.get_by_role("checkbox", name=desk.t("call.site_lead"), exact=True)).to_be_checked()

    desk.publish()
    expect(calls).to_have_accessible_description(re.compile(re.escape(desk.t("trainer.editor.calls_hint"))))
    expect(calls.locator(".error")).to_be_visible()
    expect(page.locator("#editor-problems")).to_contain_text(
        f'{desk.t("trainer.editor.step", n=7)}, {desk.t("trainer.editor.calls")}')
    assert len(stored_versions(checklist_id)) == 2, "nothing was published"

    old.click()  # unticked, it is gone: the vocabulary does not offer it again
    expect(old).to_have_count(0)
    expect(calls).to_be_focused()  # the keyboard is left in the group, not thrown back to the top of the page
    desk.publish()
    expect(page.locator("#app .status-message")).to_contain_text(desk.t("trainer.publish.done", number=3))
    assert stored_versions(checklist_id)[-1]["steps"][6]["call"] == ["site_lead"]


def _offers(frame) -> dict:
    """What a step offers in place: its call links (whom, the words), note boxes (their labels), photo buttons."""
    links = frame.locator(".step-calls a.call")
    return {
        "calls": [(links.nth(i).get_attribute("data-who"), links.nth(i).locator(".call-who").inner_text())
                  for i in range(links.count())],
        "notes": frame.locator("textarea").evaluate_all("boxes => boxes.map((b) => b.labels[0].textContent.trim())"),
        "photo": frame.locator(".step-photo button").all_inner_texts(),
    }


def test_the_preview_shows_a_step_s_call_buttons_note_box_and_photo_button_as_a_phone_does(
        browser, live_server, page, world, universal, catalogs):
    # Step 2 calls the site lead and the liaison, 4 writes a note, 5 takes the document's photo, 11 calls 911.
    steps = (2, 4, 5, 11)
    phone = {}
    with second_profile(browser, live_server) as phone_page:
        app = FieldApp(phone_page, catalogs["en"])
        app.sign_in("field.a")
        draft_id = app.start_encounter()
        phone_page.goto(f"/#/encounter/{draft_id}/step/1")
        phone_page.get_by_role("combobox", name=app.t("field.site")).select_option("site-a1")  # every number known
        expect(phone_page.locator("#app .step-calls .call-buttons a")).to_have_count(2)
        for n in steps:
            phone_page.goto(f"/#/encounter/{draft_id}/step/{n - 1}")
            expect(phone_page.locator("#app h1 .step-count")).to_have_text(app.t("step.count", n=n, total=14))
            phone[n] = _offers(phone_page.locator("#app"))

    desk = _editor(page, world.versions["A"].checklist_id)
    preview = desk.preview()
    for n in steps:
        page.locator("#preview-step").select_option(str(n - 1))
        expect(preview.locator(".step-count")).to_have_text(desk.t("step.count", n=n, total=14))
        assert _offers(preview) == phone[n], f"step {n}"
    assert phone[2]["calls"] == [("site_lead", desk.t("call.site_lead")), ("liaison", desk.t("call.liaison"))]
    assert phone[4]["notes"] == [desk.t("field.stated_purpose")]
    assert phone[5]["photo"] == [desk.t("step.take_photo")]
    assert phone[11]["calls"] == [("emergency", desk.t("call.emergency", number="911"))]
    page.locator("#preview-step").select_option("4")  # the preview opens no camera
    expect(preview.get_by_role("button", name=desk.t("step.take_photo"), exact=True)).to_be_disabled()
