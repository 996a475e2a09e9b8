"""A trainer is never offered a retire the server would refuse: the only version phones can use shows why instead
of a Retire button; with a second version both can be retired, and a list gone stale still ends in the server's
refusal, after which the list says what is true now."""
from playwright.sync_api import expect

from server.checklists import publish_version
from server.extensions import db
from server.models import Checklist
from tests.e2e.trainer import Desk, stored_versions


def _publish_second_version(world) -> int:
    """Publish version 2 of department A's checklist (step 1 reworded), as another trainer's desk would."""
    checklist = db.session.get(Checklist, world.versions["A"].checklist_id)
    steps = [dict(s) for s in world.versions["A"].steps]
    steps[0] = {**steps[0], "text": {"en": "Stay calm.", "es": "Mantenga la calma."}}
    version_id = publish_version(checklist, {"title": world.versions["A"].title, "steps": steps}).id
    db.session.commit()
    return version_id


def test_the_only_version_phones_use_says_why_it_cannot_be_retired_and_a_second_version_makes_both_retirable(
        page, world, client, login):
    checklist_id = world.versions["A"].checklist_id
    desk = Desk(page)
    desk.sign_in("trainer.a")
    rows = page.locator("#app .checklist-card").first.locator("tbody tr")
    hint = desk.t("trainer.retire.only_version")

    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(hint)
    expect(rows.get_by_role("button")).to_have_count(0)

    second = _publish_second_version(world)
    page.reload()
    expect(rows).to_have_count(2)
    for row, number in zip((rows.nth(0), rows.nth(1)), (2, 1)):  # newest first
        expect(row.get_by_role("button", name=desk.t("trainer.retire.button", number=number), exact=True)) \
            .to_be_visible()
    expect(page.locator("#app").get_by_text(hint)).to_have_count(0)

    # Another trainer retires version 2 while this list still offers version 1: the server refuses, says why,
    # and the list read again offers no retire any more.
    assert client.post(f"/api/v1/checklist-versions/{second}/retire", headers=login("trainer.a").headers).status_code == 200
    rows.nth(1).get_by_role("button").click()
    page.get_by_role("dialog").get_by_role(
        "button", name=desk.t("trainer.retire.confirm", number=1), exact=True).click()
    refusal = page.locator("#app .error-box")
    expect(refusal).to_have_text(desk.t("desk.refusal.only_active_version"))
    expect(refusal).to_be_focused()
    expect(rows.nth(1)).to_contain_text(hint)
    expect(rows.get_by_role("button")).to_have_count(0)
    assert [v["retired"] for v in stored_versions(checklist_id)] == [False, True]
