"""The trainer's desk screens driven as a trainer would, with the labels of the UI's own catalogs.

Labels come from the field catalogs merged with the desk's (tests/e2e/desk.py), so a test
finds a control only if the screen really shows that text.
"""
from playwright.sync_api import expect
from sqlalchemy import select

from server.extensions import db
from server.models import ChecklistDraft, ChecklistVersion
from tests.e2e import desk
from tests.e2e.device import wait_for_service_worker


class Desk(desk.Desk):
    """A trainer (or another desk user) at the checklist and analytics screens."""

    def heading(self):
        """The current screen's heading."""
        return self.page.locator("#app h1").first

    def sign_in(self, username: str, landing_key: str = "trainer.checklists.title") -> None:
        """Sign in through the sign-in screen, wait for the role's landing screen and for the service worker."""
        super().sign_in(username, landing_key)
        page = self.page
        # Once the worker controls the page nothing arrives later to push the screen down (the desk shows no
        # "Ready to work offline"), so a click is not aimed at a button that moves while it lands.
        wait_for_service_worker(page)
        expect(page.locator("#banners .banner-ready")).to_have_count(0)

    # --- checklists and the editor -------------------------------------------------------------

    def open_editor(self, checklist_id: int) -> None:
        """Open the editor of one checklist from the list (by its link), and wait for its steps."""
        page = self.page
        page.goto("/#/desk/checklists")
        expect(self.heading()).to_have_text(self.t("trainer.checklists.title"))
        page.locator(f'a[href="#/desk/checklists/{checklist_id}"]').click()
        expect(self.heading()).to_contain_text(self.t("trainer.editor.title"))
        expect(self.step_group(1)).to_be_visible()

    def step_group(self, n: int):
        """The fieldset of step ``n`` (1-based) in the editor."""
        return self.page.locator("#app").get_by_role("group", name=self.t("trainer.editor.step", n=n), exact=True)

    def step_text(self, n: int, language: str):
        """The text box of step ``n`` in a language ("English", "Spanish")."""
        return self.step_group(n).get_by_role("textbox", name=self.t("trainer.editor.text_in", language=language))

    def add_step(self, english: str, spanish: str | None, time_critical: bool = False) -> int:
        """Add a step at the end with its texts; return its number."""
        page = self.page
        count = self.page.locator("#app .step-editor").count()
        page.get_by_role("button", name=self.t("trainer.editor.add"), exact=True).click()
        number = count + 1
        self.step_text(number, "English").fill(english)
        if spanish is not None:
            self.step_text(number, "Spanish").fill(spanish)
        if time_critical:
            self.step_group(number).get_by_role("checkbox", name=self.t("trainer.editor.time_critical")).check()
        return number

    def preview(self):
        """The phone frame of the preview pane."""
        return self.page.locator("#app .preview-pane .phone-frame")

    def save(self) -> None:
        """Press Save draft."""
        self.page.get_by_role("button", name=self.t("trainer.editor.save"), exact=True).click()

    def publish(self) -> None:
        """Press Publish… and confirm in the dialog (checking what it promises)."""
        page = self.page
        page.get_by_role("button", name=self.t("trainer.editor.publish"), exact=True).click()
        dialog = page.get_by_role("dialog", name=self.t("trainer.publish.title"))
        expect(dialog).to_contain_text(self.t("trainer.publish.phones"))
        expect(dialog).to_contain_text(self.t("trainer.publish.in_progress"))
        dialog.get_by_role("button", name=self.t("trainer.publish.confirm"), exact=True).click()
        expect(dialog).to_have_count(0)


# --- what the server holds -------------------------------------------------------------------

def stored_versions(checklist_id: int) -> list[dict]:
    """The checklist's published versions, oldest first, read fresh."""
    db.session.remove()
    try:
        rows = db.session.scalars(select(ChecklistVersion).where(ChecklistVersion.checklist_id == checklist_id)
                                  .order_by(ChecklistVersion.number)).all()
        return [{"id": v.id, "number": v.number, "steps": v.steps, "retired": v.retired_at is not None} for v in rows]
    finally:
        db.session.remove()


def stored_draft(checklist_id: int) -> dict | None:
    """The checklist's saved draft, or None."""
    db.session.remove()
    try:
        draft = db.session.get(ChecklistDraft, checklist_id)
        return None if draft is None else {"title": draft.title, "steps": draft.steps}
    finally:
        db.session.remove()
