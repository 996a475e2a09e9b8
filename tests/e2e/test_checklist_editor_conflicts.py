"""The checklist editor after a QA review (2026-12-07): words typed during a save, two trainers at one draft,
the desk's language switched with unsaved edits."""
from playwright.sync_api import expect

from tests.e2e.trainer import Desk, stored_draft


def editing(page, world) -> tuple[Desk, int]:
    """Trainer A at the editor of department A's checklist; the desk and the checklist's id."""
    checklist_id = world.versions["A"].checklist_id
    desk = Desk(page)
    desk.sign_in("trainer.a")
    desk.open_editor(checklist_id)
    return desk, checklist_id


def test_words_typed_while_the_draft_is_saving_stay_and_stay_unsaved(page, world):
    """Typing during a slow save was erased when the server's answer came back, and "Unsaved changes" cleared."""
    desk, checklist_id = editing(page, world)
    held = []
    page.route(f"**/api/v1/checklists/{checklist_id}/draft",
               lambda route: held.append(route) if route.request.method == "PUT" else route.continue_())
    desk.step_text(1, "English").fill("Step 1, first edit")
    desk.save()
    page.wait_for_function("() => document.querySelector('#app button[type=submit]').disabled")
    desk.step_text(2, "English").fill("Step 2, typed during the save")
    assert len(held) == 1
    held[0].continue_()
    expect(page.locator("#app .status-message")).not_to_be_empty()
    expect(desk.step_text(2, "English")).to_have_value("Step 2, typed during the save")
    expect(desk.step_text(1, "English")).to_have_value("Step 1, first edit")
    expect(page.locator("#app .dirty-state")).to_have_text(desk.t("trainer.editor.unsaved"))
    assert stored_draft(checklist_id)["steps"][0]["text"]["en"] == "Step 1, first edit"
    page.unroute(f"**/api/v1/checklists/{checklist_id}/draft")
    desk.save()
    expect(page.locator("#app .dirty-state")).to_have_text("")
    assert stored_draft(checklist_id)["steps"][1]["text"]["en"] == "Step 2, typed during the save"


def test_a_save_over_another_trainers_save_keeps_the_words_says_so_and_offers_the_latest(browser, live_server, page,
                                                                                        world):
    """Two trainers at one checklist: the second save silently replaced the first one's work."""
    checklist_id = world.versions["A"].checklist_id
    other_context = browser.new_context(service_workers="allow", base_url=live_server.url, locale="en-US")
    try:
        first = Desk(other_context.new_page())
        first.sign_in("trainer")
        second = Desk(page)
        second.sign_in("trainer.a")
        first.open_editor(checklist_id)
        second.open_editor(checklist_id)

        first.step_text(1, "English").fill("Step 1, the first trainer's work")
        first.save()
        expect(first.page.locator("#app .dirty-state")).to_have_text("")

        second.step_text(2, "English").fill("Step 2, the second trainer's work")
        second.save()
        problems = page.locator("#editor-problems")
        expect(problems).to_contain_text(second.t("desk.refusal.draft_changed"))
        expect(second.step_text(2, "English")).to_have_value("Step 2, the second trainer's work")
        expect(page.locator("#app .dirty-state")).to_have_text(second.t("trainer.editor.unsaved"))
        assert stored_draft(checklist_id)["steps"][0]["text"]["en"] == "Step 1, the first trainer's work"

        # Publishing is refused the same way: the first trainer's draft is not published from the older copy.
        page.get_by_role("button", name=second.t("trainer.editor.publish"), exact=True).click()
        dialog = page.get_by_role("dialog", name=second.t("trainer.publish.title"))
        dialog.get_by_role("button", name=second.t("trainer.publish.confirm"), exact=True).click()
        expect(problems).to_contain_text(second.t("desk.refusal.draft_changed"))

        # Loading the latest warns first; then the first trainer's work shows and can be built on.
        problems.get_by_role("button", name=second.t("trainer.reload.button"), exact=True).click()
        warning = page.get_by_role("dialog", name=second.t("trainer.reload.title"))
        expect(warning).to_contain_text(second.t("trainer.reload.text"))
        warning.get_by_role("button", name=second.t("trainer.reload.confirm"), exact=True).click()
        expect(page.locator("#app .status-message")).to_have_text(second.t("trainer.reload.done"))
        expect(second.step_text(1, "English")).to_have_value("Step 1, the first trainer's work")
        second.step_text(2, "English").fill("Step 2, the second trainer's work")
        second.save()
        expect(page.locator("#app .dirty-state")).to_have_text("")
        steps = stored_draft(checklist_id)["steps"]
        assert [steps[0]["text"]["en"], steps[1]["text"]["en"]] == [
            "Step 1, the first trainer's work", "Step 2, the second trainer's work"]
    finally:
        other_context.close()


def test_switching_the_desks_language_keeps_unsaved_edits(page, world):
    """The language picker drew the editor again from the server's copy: the words typed were gone, unasked."""
    desk, checklist_id = editing(page, world)
    desk.step_text(1, "English").fill("Step 1, typed and not saved")
    number = desk.add_step("A step added and not saved.", "Un paso añadido sin guardar.")
    page.locator("#header select").select_option(label="Español")
    spanish = Desk(page, "es")
    expect(page.locator("#app .dirty-state")).to_have_text(spanish.t("trainer.editor.unsaved"))
    expect(spanish.step_text(1, spanish.t("trainer.lang.en"))).to_have_value(
        "Step 1, typed and not saved")
    expect(spanish.step_text(number, spanish.t("trainer.lang.en"))).to_have_value("A step added and not saved.")
    assert stored_draft(checklist_id) is None
    spanish.save()
    expect(page.locator("#app .dirty-state")).to_have_text("")
    assert stored_draft(checklist_id)["steps"][0]["text"]["en"] == "Step 1, typed and not saved"


def test_publish_pressed_again_with_nothing_changed_leaves_no_draft_behind(page, world):
    """Publish right after publishing saved the unchanged content as a draft, refused it, and the list then said
    a draft was being edited."""
    desk, checklist_id = editing(page, world)
    desk.step_text(1, "English").fill("Step 1, published")
    desk.publish()
    expect(page.locator("#app .status-message")).to_have_text(desk.t("trainer.publish.done", number=2))
    page.get_by_role("button", name=desk.t("trainer.editor.publish"), exact=True).click()
    expect(page.locator("#editor-problems")).to_contain_text(desk.t("desk.refusal.nothing_changed"))
    expect(page.locator("#editor-problems")).to_be_focused()
    assert stored_draft(checklist_id) is None
    page.goto("/#/desk/checklists")
    expect(page.locator("#app")).not_to_contain_text(desk.t("trainer.checklists.has_draft"))


def test_the_browsers_back_button_asks_before_unsaved_edits_are_left(page, world):
    """Back left the editor without a word and the edits were gone."""
    desk, checklist_id = editing(page, world)
    desk.step_text(1, "English").fill("Step 1, typed and not saved")
    asked, answers = [], [False, True]
    page.on("dialog", lambda dialog: (asked.append(dialog.message),
                                      dialog.accept() if answers.pop(0) else dialog.dismiss()))
    page.go_back()
    expect(desk.step_text(1, "English")).to_have_value("Step 1, typed and not saved")
    assert asked == [desk.t("trainer.editor.leave_unsaved")]
    assert page.url.endswith(f"#/desk/checklists/{checklist_id}")
    expect(page.locator("#app .dirty-state")).to_have_text(desk.t("trainer.editor.unsaved"))
    # The editor is drawn again at its address (its heading takes focus once it is): only then is it guarding again.
    expect(desk.heading()).to_be_focused()

    # Said yes, Back leaves (asked once more), and the words are not brought back on the next visit.
    page.go_back()
    expect(desk.heading()).to_have_text(desk.t("trainer.checklists.title"))
    assert len(asked) == 2
    desk.open_editor(checklist_id)
    expect(desk.step_text(1, "English")).not_to_have_value("Step 1, typed and not saved")
    assert len(asked) == 2
