"""The times the employee types are never changed on the way: one before the encounter started (the Start tap,
which the form shows) is refused at its field, the end's and the liaison's alike (encounter/form.py
NOT_BEFORE_START), and a time the form accepts reaches the server exactly as typed."""
import re
import uuid
from datetime import datetime

from playwright.sync_api import expect
from sqlalchemy import select

from server.extensions import db
from server.models.encounters import Encounter
from tests.e2e.device import idb_all, wait_until
from tests.e2e.flow import MINIMAL, FieldApp
from tests.e2e.stored import server_encounters

# A datetime-local value this many minutes after the draft's start, in the phone's own wall-clock time.
_LOCAL = """([iso, minutes]) => {
  const d = new Date(Date.parse(iso) + minutes * 60000);
  const pad = (x) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}"""


def _stored_ended_at(item_id: str):
    """The ended_at column the server stored for the report ``item_id``."""
    db.session.remove()
    try:
        return db.session.scalars(select(Encounter.ended_at).where(Encounter.id == uuid.UUID(item_id))).one()
    finally:
        db.session.remove()


def test_a_time_before_the_start_is_refused_at_its_field_and_never_rewritten(page, world, catalogs):
    page.set_viewport_size({"width": 390, "height": 844})
    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    item_id = app.draft_short(MINIMAL)
    started = idb_all(page, "drafts")[0]["started_at"]
    at = lambda minutes: page.evaluate(_LOCAL, [started, minutes])  # noqa: E731

    # "When the agents left" eight hours before Start: refused at once, with the start the hint shows.
    app.open_section("where")
    hint = page.locator("#ended_at-hint").inner_text()
    shown_start = re.match(re.escape(app.t("field.ended_at.hint", start="§")).replace("§", "(.+)"), hint).group(1)
    refusal = app.t("error.before_start", start=shown_start)
    ended = page.get_by_label(app.t("field.ended_at"), exact=True)
    ended.fill(at(-8 * 60))
    page.keyboard.press("Tab")
    expect(page.locator("#ended_at-error")).to_have_text("⚠ " + refusal)
    expect(ended).to_have_attribute("aria-invalid", "true")
    expect(ended).to_have_value(at(-8 * 60))  # kept as typed, for the employee to fix
    wait_until(page, lambda: idb_all(page, "drafts")[0].get("ended_at") not in (None, started),
               message="the typed end saved as typed")

    # "When you notified the liaison" the day before: the same rule, the same words.
    app.open_section("outcome")
    told = page.get_by_label(app.t("field.liaison_notified_at"), exact=True)
    told.fill(at(-24 * 60))
    page.keyboard.press("Tab")
    expect(page.locator("#liaison_notified_at-error")).to_have_text("⚠ " + refusal)

    # The review lists both and Submit sends nothing.
    app.review()
    errors = page.locator("#review-errors")
    expect(errors).to_contain_text(app.t("field.ended_at"))
    expect(errors).to_contain_text(app.t("field.liaison_notified_at"))
    page.get_by_role("button", name=app.t("review.submit"), exact=True).click()
    expect(app.heading()).to_have_text(app.t("review.title"))
    assert [r for r in idb_all(page, "outbox") if r["kind"] == "encounter"] == []

    # Fixed: the start's own minute for the end, a time after it for the liaison; both go as typed.
    app.page.goto(f"/#/encounter/{item_id}/report/where")
    expect(app.heading()).to_have_text(app.t("section.where"))
    ended.fill(at(0))
    page.keyboard.press("Tab")
    expect(page.locator("#ended_at-error")).to_have_count(0)
    app.open_section("outcome")
    told.fill(at(20))
    page.keyboard.press("Tab")
    expect(page.locator("#liaison_notified_at-error")).to_have_count(0)
    app.review()
    app.submit()

    stored = wait_until(page, server_encounters, message="the report on the server")
    [draft_end, draft_told] = page.evaluate("""([a, b]) => [new Date(a).toISOString(), new Date(b).toISOString()]""",
                                            [at(0), at(20)])
    assert stored[0]["body"]["ended_at"] == draft_end
    assert stored[0]["body"]["liaison_notified_at"] == draft_told
    assert _stored_ended_at(item_id) == datetime.fromisoformat(draft_end.replace("Z", "+00:00"))
