"""The push → replay → conflict → pull round trip a developer would try first with curl."""
from tests.factories import encounter_body, push, push_item, settle_pull_horizon


def test_push_replay_and_conflicting_replay_answer_accepted_duplicate_conflict(client, world, login):
    device = login("field.a")
    item = push_item(encounter_body(world))
    first = push(client, device, [item]).get_json()["results"][0]
    again = push(client, device, [item]).get_json()["results"][0]
    changed = dict(item, body={**item["body"], "agent_count": 4})
    conflict = push(client, device, [changed]).get_json()["results"][0]
    assert [first["status"], again["status"], conflict["status"]] == ["accepted", "duplicate", "conflict"]
    assert again["receipt"] == first["receipt"] == conflict["receipt"]


def test_pull_from_the_start_returns_own_department_sites_and_checklist(client, world, login):
    device = login("field.a")
    settle_pull_horizon()
    page = client.get("/api/v1/sync/pull", headers=device.headers).get_json()
    kinds = sorted((c["kind"], c["id"]) for c in page["changes"])
    assert kinds == sorted([("site", "site-a1"), ("site", "site-a2"),
                            ("checklist_version", str(world.versions["A"].id))])
    assert page["has_more"] is False
