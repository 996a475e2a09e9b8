"""The checklist editor after a QA review (2026-12-07): words typed during a save, two trainers at one draft,
the desk's language switched with unsaved edits."""
from playwright.sync_api import expect

from tests.e2e.trainer import Desk, stored_draft


def test_words_typed_while_the_draft_is_saving_stay_and_stay_unsaved(page, world):
    """Typing during a slow save was erased when the server's answer came back, and "Unsaved changes" cleared."""
    checklist_id = world.versions["A"].checklist_id
    desk = Desk(page)
    desk.sign_in("trainer.a")
    desk.open_editor(checklist_id)
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
