"""Two trainers at one checklist: a save or publish made on an older copy than the stored one is 409, never an
overwrite (QA review 2026-12-07, t5_two_trainers and t6_publish_over)."""
import pytest

from tests.api.test_checklist_publishing import API, checklist_id, draft, step
from tests.api.test_push import assert_error_shape


@pytest.fixture
def two(world, login):
    """Trainer A and the citywide trainer, each at their own desk."""
    return login("trainer.a"), login("trainer")


def opened(client, who, world) -> dict:
    """What an editor loads: the draft (or the running version) with its revision and base."""
    got = client.get(f"{API}/checklists/{checklist_id(world)}/draft", headers=who.headers).get_json()
    return {"revision": got["revision"], "base_version_id": got["base_version_id"]}


def save(client, who, world, body, loaded):
    return client.put(f"{API}/checklists/{checklist_id(world)}/draft", headers=who.headers, json={**body, **loaded})


def publish(client, who, world, loaded):
    return client.post(f"{API}/checklists/{checklist_id(world)}/publish", headers=who.headers, json=loaded)


def test_a_save_over_a_draft_saved_by_someone_else_since_is_409_draft_changed_and_keeps_theirs(client, world, two):
    first, second = two
    loaded_first, loaded_second = opened(client, first, world), opened(client, second, world)
    assert loaded_first == {"revision": None, "base_version_id": world.versions["A"].id}
    saved = save(client, first, world, draft(step("first-work")), loaded_first)
    assert saved.status_code == 200 and saved.get_json()["revision"]
    error = assert_error_shape(save(client, second, world, draft(step("second-work")), loaded_second), 409)
    assert error["reason"] == "draft_changed"
    got = client.get(f"{API}/checklists/{checklist_id(world)}/draft", headers=first.headers).get_json()
    assert [s["id"] for s in got["steps"]] == ["first-work"]

    # Saving again with the revision the last save answered is accepted, and the revision moves on.
    again = save(client, first, world, draft(step("first-more")), {"revision": saved.get_json()["revision"],
                                                                    "base_version_id": world.versions["A"].id})
    assert again.status_code == 200 and again.get_json()["revision"] != saved.get_json()["revision"]
    # Reloaded, the second trainer saves on top of the latest.
    assert save(client, second, world, draft(step("second-work")), opened(client, second, world)).status_code == 200


def test_a_publish_since_the_editor_opened_refuses_its_save_and_its_publish_so_the_fix_stays(client, world, two):
    first, second = two
    loaded_second = opened(client, second, world)
    loaded_first = opened(client, first, world)
    revision = save(client, first, world, draft(step("the-fix")), loaded_first).get_json()["revision"]
    published = publish(client, first, world, {"revision": revision, "base_version_id": loaded_first["base_version_id"]})
    assert published.status_code == 201
    error = assert_error_shape(save(client, second, world, draft(step("older-copy")), loaded_second), 409)
    assert error["reason"] == "published_since"
    assert assert_error_shape(publish(client, second, world, loaded_second), 409)["reason"] == "published_since"
    listed = client.get(f"{API}/checklists", headers=first.headers).get_json()
    running = next(v for c in listed if c["id"] == checklist_id(world) for v in c["versions"] if v["running"])
    assert running["id"] == published.get_json()["id"]
    kept = client.get(f"{API}/checklist-versions/{running['id']}", headers=first.headers).get_json()
    assert [s["id"] for s in kept["steps"]] == ["the-fix"]


def test_publishing_a_draft_changed_since_it_was_loaded_is_409_draft_changed(client, world, two):
    first, second = two
    revision = save(client, first, world, draft(step("one")), opened(client, first, world)).get_json()["revision"]
    loaded_second = opened(client, second, world)
    save(client, first, world, draft(step("two")), {"revision": revision, "base_version_id": world.versions["A"].id})
    assert assert_error_shape(publish(client, second, world, loaded_second), 409)["reason"] == "draft_changed"
    # A discarded draft is a change too.
    client.delete(f"{API}/checklists/{checklist_id(world)}/draft", headers=first.headers)
    assert assert_error_shape(publish(client, second, world, loaded_second), 409)["reason"] == "draft_changed"


def test_a_client_sending_no_revision_is_accepted_as_before(client, world, two):
    first, _ = two
    assert client.put(f"{API}/checklists/{checklist_id(world)}/draft", headers=first.headers,
                      json=draft(step("one"))).status_code == 200
    assert client.put(f"{API}/checklists/{checklist_id(world)}/draft", headers=first.headers,
                      json=draft(step("two"))).status_code == 200
    assert client.post(f"{API}/checklists/{checklist_id(world)}/publish", headers=first.headers).status_code == 201


@pytest.mark.parametrize("loaded", [{"revision": 5}, {"base_version_id": "x"}, {"revision": "r" * 65},
                                    {"base_version_id": True}])
def test_a_revision_of_the_wrong_shape_is_422(client, world, two, loaded):
    first, _ = two
    assert_error_shape(save(client, first, world, draft(step("one")), loaded), 422)
    assert_error_shape(publish(client, first, world, loaded), 422)
