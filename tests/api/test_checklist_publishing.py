"""Checklist drafts, publishing and retiring: validation, immutability, phones, scope and roles."""
import pytest
from sqlalchemy import select

from encounter.vocabulary import CALL_TARGETS
from server.checklists import publish_version
from server.extensions import db
from server.models import AuditEntry, ChecklistDraft, ChecklistVersion, Encounter
from server.models.checklists import PublishedVersionImmutable
from tests.api.pull_support import pull_all
from tests.api.test_push import assert_error_shape, results_of
from tests.factories import encounter_body, push, push_item

API = "/api/v1"


def step(step_id: str, critical: bool = False, **text) -> dict:
    """A valid step; ``text`` overrides or adds languages."""
    return {"id": step_id, "time_critical": critical, "text": {"en": f"Do {step_id}", "es": f"Haga {step_id}", **text}}


def draft(*steps, title=None) -> dict:
    """A valid draft body."""
    return {"title": title or {"en": "Checklist", "es": "Lista"}, "steps": list(steps) or [step("stay-calm", True)]}


@pytest.fixture
def trainer_a(world, login):
    """The trainer of department A, signed in at a desk."""
    return login("trainer.a")


def checklist_id(world, dept: str = "A") -> int:
    return world.versions[dept].checklist_id


def put_draft(client, who, world, body, dept="A"):
    return client.put(f"{API}/checklists/{checklist_id(world, dept)}/draft", headers=who.headers, json=body)


def publish(client, who, world, dept="A"):
    return client.post(f"{API}/checklists/{checklist_id(world, dept)}/publish", headers=who.headers)


def publish_new(client, who, world, body=None, dept="A") -> dict:
    """Save a draft and publish it; return the new version."""
    assert put_draft(client, who, world, body or draft(), dept).status_code == 200
    response = publish(client, who, world, dept)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


# --- validation -------------------------------------------------------------------------

# Each row: the body, where the message is, words it holds, and its code and params (None: not checked).
PROBLEMS = [
    (draft(step("a", es=None) | {"text": {"en": "x"}}), ["steps", "0", "text", "es"],
     "Spanish text is required", "required", {}),
    ({"title": {"es": "Lista"}, "steps": [step("a")]}, ["title", "en"], "English text is required", "required", {}),
    (draft(step("a"), step("a")), ["steps", "1", "id"],
     "already used by step 1", "duplicate", {"value": "a", "step": 1}),
    (draft(step("Call Lead")), ["steps", "0", "id"], "lower-case letters", "slug", {}),
    (draft(step("a", en="   ")), ["steps", "0", "text", "en"], "blank", "blank", {}),
    (draft(step("a", en="x" * 301)), ["steps", "0", "text", "en"], "at most 300", "length", {"max": 300}),
    (draft(step("a", xx="?")), ["steps", "0", "text", "xx"], "not a language of the app", "unknown", {}),
    (draft(step("a", es="nul\x00")), ["steps", "0", "text", "es"], "NUL", "nul", {}),
    (draft(step("a") | {"time_critical": "yes"}), ["steps", "0", "time_critical"], "true or false", "type", {}),
    (draft(step("a") | {"guide": {"en": "Only English"}}), ["steps", "0", "guide", "es"],
     "Spanish text is required", "required", {}),
    (draft(step("a") | {"colour": "red"}), ["steps", "0", "colour"], "Unknown", "unknown", {}),
    ({"title": {"en": "C", "es": "L"}, "steps": []}, ["steps"], "1 to 60 steps", "count", {"min": 1, "max": 60}),
    ({"title": {"en": "C", "es": "L"}, "steps": [step(f"s{n}") for n in range(61)]}, ["steps"],
     "1 to 60 steps", "count", {"min": 1, "max": 60}),
    ({"title": {"en": "C", "es": "L"}}, ["steps"], "needs its steps", "required", {}),
    (draft(step("a") | {"capture": "voice"}), ["steps", "0", "capture"],
     "not something a step can capture", "one_of", None),
    # The emergency number comes with the choices: the desk says them as the phone's buttons ("Call 911").
    (draft(step("a") | {"call": ["911"]}), ["steps", "0", "call"], "not a contact a phone holds", "one_of",
     {"choices": list(CALL_TARGETS), "number": "911"}),
    (draft(step("a") | {"call": ["emergency", "police"]}), ["steps", "0", "call"], "'police' is not a contact",
     "one_of", None),
    (draft(step("a") | {"call": ["emergency", "emergency"]}), ["steps", "0", "call"], "listed twice", "duplicate",
     {"value": "emergency"}),
]


@pytest.mark.parametrize("body, where, words, code, params", PROBLEMS)
def test_a_draft_with_a_problem_is_422_naming_the_field_in_plain_words(client, world, trainer_a, body, where, words,
                                                                     code, params):
    error = assert_error_shape(put_draft(client, trainer_a, world, body), 422)
    found = error["errors"]["json"]
    for key in where:
        found = found[key]
    assert any(words in message for message in found), found


@pytest.mark.parametrize("body, where, words, code, params", PROBLEMS)
def test_each_field_message_of_a_refused_draft_has_its_code_at_the_same_place(client, world, trainer_a, body, where,
                                                                              words, code, params):
    """The desk says the message in the trainer's language from ``error_codes``; ``errors`` stays English."""
    error = assert_error_shape(put_draft(client, trainer_a, world, body), 422)
    messages, codes = error["errors"]["json"], error["error_codes"]["json"]
    for key in where:
        messages, codes = messages[key], codes[key]
    assert len(codes) == len(messages)
    entry = codes[next(i for i, message in enumerate(messages) if words in message)]
    assert entry["code"] == code
    if params is not None:
        assert entry["params"] == params


@pytest.mark.parametrize("body", [[], "text", None, {"title": "x", "steps": "y"}, {"title": {}, "steps": [None]}])
def test_a_draft_of_the_wrong_shape_is_4xx_never_500(client, world, trainer_a, body):
    response = put_draft(client, trainer_a, world, body)
    assert 400 <= response.status_code < 500


def test_a_draft_may_carry_the_other_app_languages_and_a_guide(client, world, trainer_a):
    body = draft(step("a", ko="단계", vi="Bước") | {"guide": {"en": "Why", "es": "Por qué", "tl": "Bakit"}})
    response = put_draft(client, trainer_a, world, body)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["steps"][0]["guide"]["tl"] == "Bakit"


def test_without_a_draft_the_running_version_is_the_starting_point(client, world, trainer_a):
    got = client.get(f"{API}/checklists/{checklist_id(world)}/draft", headers=trainer_a.headers).get_json()
    assert got["exists"] is False and got["base_version_id"] == world.versions["A"].id
    assert [s["id"] for s in got["steps"]] == [s["id"] for s in world.versions["A"].steps]


def test_put_replaces_the_one_draft_and_keeps_its_base(client, world, trainer_a):
    put_draft(client, trainer_a, world, draft(step("one")))
    got = put_draft(client, trainer_a, world, draft(step("two"))).get_json()
    assert got["exists"] is True and [s["id"] for s in got["steps"]] == ["two"]
    assert got["base_version_id"] == world.versions["A"].id and got["stale"] is False


# --- publishing ---------------------------------------------------------------------------

def test_publishing_creates_the_next_number_audited_and_discards_the_draft(client, world, trainer_a):
    version = publish_new(client, trainer_a, world, draft(step("a"), step("b", True)))
    assert version["number"] == 2 and version["retired"] is False
    assert [s["id"] for s in version["steps"]] == ["a", "b"]
    audit = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "checklist.publish")).all()
    assert [(a.entity_id, a.actor_id) for a in audit] == [(str(version["id"]), world.users["trainer.a"].id)]
    listed = client.get(f"{API}/checklists", headers=trainer_a.headers).get_json()
    assert [(c["has_draft"], [v["number"] for v in c["versions"]]) for c in listed] == [(False, [2, 1])]
    assert publish_new(client, trainer_a, world, draft(step("c")))["number"] == 3


def test_publishing_what_phones_already_run_is_409_nothing_changed(client, world, trainer_a):
    publish_new(client, trainer_a, world, draft(step("a")))
    # Same content, other key order and no guide key: still the same checklist.
    same = {"steps": [{"text": {"es": "Haga a", "en": "Do a"}, "time_critical": False, "id": "a"}],
            "title": {"es": "Lista", "en": "Checklist"}}
    put_draft(client, trainer_a, world, same)
    error = assert_error_shape(publish(client, trainer_a, world), 409)
    assert error["reason"] == "nothing_changed" and "nothing changed" in error["message"]
    assert db.session.scalar(select(ChecklistVersion.number).order_by(ChecklistVersion.number.desc()).limit(1)) == 2


def test_publishing_without_a_draft_is_409(client, world, trainer_a):
    assert assert_error_shape(publish(client, trainer_a, world), 409)["reason"] == "no_draft"


def test_a_draft_started_before_a_later_publish_reads_as_stale(client, world, trainer_a):
    put_draft(client, trainer_a, world, draft(step("mine")))
    # Only the seed publishes without a draft (the API's publish consumes the one draft).
    publish_version(world.versions["A"].checklist, draft(step("seeded")))
    db.session.commit()
    got = client.get(f"{API}/checklists/{checklist_id(world)}/draft", headers=trainer_a.headers).get_json()
    assert got["exists"] is True and got["stale"] is True and got["base_version_id"] == world.versions["A"].id


def test_a_published_version_cannot_be_edited_through_the_models(client, world, trainer_a):
    version = db.session.get(ChecklistVersion, publish_new(client, trainer_a, world)["id"])
    version.steps = [step("sneaky")]
    with pytest.raises(PublishedVersionImmutable):
        db.session.commit()
    db.session.rollback()


def test_a_published_version_is_unchanged_by_later_drafts_and_publishes(client, world, trainer_a):
    first = publish_new(client, trainer_a, world, draft(step("a")))
    put_draft(client, trainer_a, world, draft(step("a", en="Reworded")))
    publish(client, trainer_a, world)
    again = client.get(f"{API}/checklist-versions/{first['id']}", headers=trainer_a.headers).get_json()
    assert again["steps"] == first["steps"] and again["title"] == first["title"]
    for method in ("put", "patch", "delete"):
        response = getattr(client, method)(f"{API}/checklist-versions/{first['id']}", headers=trainer_a.headers,
                                           json=draft())
        assert response.status_code == 405


# --- retiring -------------------------------------------------------------------------------

def test_retiring_sets_retired_at_audited_and_twice_changes_nothing(client, world, trainer_a):
    publish_new(client, trainer_a, world)
    old = world.versions["A"].id
    response = client.post(f"{API}/checklist-versions/{old}/retire", headers=trainer_a.headers)
    assert response.status_code == 200 and response.get_json()["retired"] is True
    assert client.post(f"{API}/checklist-versions/{old}/retire", headers=trainer_a.headers).status_code == 200
    assert db.session.scalars(select(AuditEntry.entity_id).where(AuditEntry.action == "checklist.retire")).all() == [str(old)]


def test_a_version_another_trainer_retired_while_this_retire_waited_is_answered_retired_not_refused(
        client, world, trainer_a):
    """Two trainers retire the same version at once: the second, which loaded it before the first committed and
    then waited on the checklist's lock, finds it retired (done, nothing recorded twice), not 'the only version'."""
    import threading
    from types import SimpleNamespace

    from server.checklists import retire_version
    publish_new(client, trainer_a, world)
    old = world.versions["A"].id
    waiting = db.session.get(ChecklistVersion, old)  # the second trainer's request has loaded it ...
    assert waiting.retired_at is None
    # ... when the first trainer's retire commits (in a thread: its request has its own session and connection).
    first = []
    thread = threading.Thread(target=lambda: first.append(
        client.post(f"{API}/checklist-versions/{old}/retire", headers=trainer_a.headers).status_code))
    thread.start()
    thread.join(20)
    assert first == [200]
    assert waiting.retired_at is None, "this session still holds the version as loaded before"
    done = retire_version(waiting, SimpleNamespace(user_id=None, device_id=None))
    assert done.retired_at is not None
    db.session.commit()
    assert db.session.scalars(select(AuditEntry.entity_id).where(AuditEntry.action == "checklist.retire")).all() == [str(old)]


def test_two_trainers_retiring_the_two_versions_in_use_at_once_leave_phones_one(app, client, world, trainer_a, backend):
    """PostgreSQL only (SQLite has one writer): the second retire waits on the checklist's lock while the first is
    open, then reads the versions as committed and is refused; phones are never left with no version to start."""
    import threading
    import time
    from types import SimpleNamespace

    from server.checklists import retire_version
    if backend != "postgresql":
        pytest.skip("SQLite serialises writers: the two retires cannot be open at once")
    first, second = world.versions["A"].id, publish_new(client, trainer_a, world)["id"]
    db.session.remove()  # hold no transaction while the two trainers act
    retired, go, answers = threading.Event(), threading.Event(), []

    def first_trainer():
        with app.app_context():
            try:
                retire_version(db.session.get(ChecklistVersion, first), SimpleNamespace(user_id=None, device_id=None))
                retired.set()
                go.wait(20)
                db.session.commit()
            finally:
                db.session.remove()
                retired.set()

    def second_trainer():
        answers.append(client.post(f"{API}/checklist-versions/{second}/retire", headers=trainer_a.headers))

    a = threading.Thread(target=first_trainer, daemon=True)
    a.start()
    assert retired.wait(20)
    b = threading.Thread(target=second_trainer, daemon=True)
    b.start()
    time.sleep(1)
    waited = b.is_alive()
    go.set()
    a.join(20)
    b.join(20)
    assert waited, "the second retire did not wait for the first"
    error = assert_error_shape(answers[0], 409)
    assert error["reason"] == "only_active_version"
    in_use = db.session.scalars(select(ChecklistVersion.id).where(
        ChecklistVersion.id.in_([first, second]), ChecklistVersion.retired_at.is_(None))).all()
    assert in_use == [second]


def test_retiring_the_only_active_version_is_refused(client, world, trainer_a):
    error = assert_error_shape(client.post(f"{API}/checklist-versions/{world.versions['A'].id}/retire",
                                           headers=trainer_a.headers), 409)
    assert error["reason"] == "only_active_version"
    assert db.session.get(ChecklistVersion, world.versions["A"].id).retired_at is None


def listed_versions(client, who) -> dict:
    """Department A's versions as the desk's list says them: number -> (retired, running, retirable)."""
    [checklist] = client.get(f"{API}/checklists", headers=who.headers).get_json()
    return {v["number"]: (v["retired"], v["running"], v["retirable"]) for v in checklist["versions"]}


def test_the_list_says_which_version_phones_run_and_which_can_be_retired_and_the_retire_agrees(
        client, world, trainer_a):
    def retire(version_id):
        return client.post(f"{API}/checklist-versions/{version_id}/retire", headers=trainer_a.headers)

    first = world.versions["A"].id
    assert listed_versions(client, trainer_a) == {1: (False, True, False)}, "the only version phones can use"
    assert retire(first).status_code == 409

    second = publish_new(client, trainer_a, world, draft(step("a")))["id"]
    assert listed_versions(client, trainer_a) == {2: (False, True, True), 1: (False, False, True)}
    assert retire(second).status_code == 200  # the running one too: phones fall back to version 1
    assert listed_versions(client, trainer_a) == {2: (True, False, False), 1: (False, True, False)}
    error = assert_error_shape(retire(first), 409)
    assert error["reason"] == "only_active_version"
    assert listed_versions(client, trainer_a) == {2: (True, False, False), 1: (False, True, False)}


def test_republishing_a_retired_versions_content_brings_it_back_under_a_new_number(client, world, trainer_a):
    second = publish_new(client, trainer_a, world, draft(step("a")))
    client.post(f"{API}/checklist-versions/{second['id']}/retire", headers=trainer_a.headers)
    assert publish_new(client, trainer_a, world, draft(step("a")))["number"] == 3


# --- phones ------------------------------------------------------------------------------------

def test_a_phone_receives_the_new_version_and_the_retirement_on_pull(client, world, trainer_a, login):
    phone = login("field.a")
    _, cursor, _ = pull_all(client, phone)
    version = publish_new(client, trainer_a, world, draft(step("a", True)))
    changes, cursor, _ = pull_all(client, phone, cursor)
    assert [(c["kind"], c["data"]["id"], c["data"]["retired"]) for c in changes] == [
        ("checklist_version", version["id"], False)]
    assert changes[0]["data"]["steps"][0]["time_critical"] is True
    client.post(f"{API}/checklist-versions/{world.versions['A'].id}/retire", headers=trainer_a.headers)
    changes, _, _ = pull_all(client, phone, cursor)
    assert [(c["kind"], c["data"]["id"], c["data"]["retired"]) for c in changes] == [
        ("checklist_version", world.versions["A"].id, True)]


def test_a_published_step_keeps_what_it_captures_and_whom_it_calls_down_to_the_phone(client, world, trainer_a, login):
    phone = login("field.a")
    _, cursor, _ = pull_all(client, phone)
    acting = [step("ask-purpose") | {"capture": "note", "field": "stated_purpose"},
              step("photo") | {"capture": "document_photo"}, step("call") | {"call": ["site_lead", "counsel"]}]
    assert put_draft(client, trainer_a, world, draft(*acting)).status_code == 200
    saved = client.get(f"{API}/checklists/{checklist_id(world)}/draft", headers=trainer_a.headers).get_json()
    assert [s.get("capture") for s in saved["steps"]] == ["note", "document_photo", None]
    publish(client, trainer_a, world)
    changes, _, _ = pull_all(client, phone, cursor)
    steps = changes[0]["data"]["steps"]
    assert (steps[0]["capture"], steps[0]["field"]) == ("note", "stated_purpose")
    assert steps[1]["capture"] == "document_photo" and steps[2]["call"] == ["site_lead", "counsel"]


def test_a_step_calling_the_emergency_number_is_published_and_reaches_the_phone(client, world, trainer_a, login):
    phone = login("field.a")
    _, cursor, _ = pull_all(client, phone)
    calls = [step("masked") | {"call": ["emergency"]}, step("lead") | {"call": ["emergency", "site_lead"]}]
    assert put_draft(client, trainer_a, world, draft(*calls)).status_code == 200
    assert publish(client, trainer_a, world).status_code == 201
    changes, _, _ = pull_all(client, phone, cursor)
    assert [s["call"] for s in changes[0]["data"]["steps"]] == [["emergency"], ["emergency", "site_lead"]]


def test_a_phone_of_another_department_does_not_receive_it(client, world, trainer_a, login):
    phone = login("field.b")
    _, cursor, _ = pull_all(client, phone)
    publish_new(client, trainer_a, world)
    assert pull_all(client, phone, cursor)[0] == []


def test_an_encounter_on_the_old_version_is_still_accepted_after_a_publish_and_a_retirement(client, world, trainer_a,
                                                                                                login):
    phone = login("field.a")
    publish_new(client, trainer_a, world)
    client.post(f"{API}/checklist-versions/{world.versions['A'].id}/retire", headers=trainer_a.headers)
    item = push_item(encounter_body(world))
    assert [r["status"] for r in results_of(push(client, phone, [item]))] == ["accepted"]
    stored = db.session.scalar(select(Encounter))
    assert stored.checklist_version_id == world.versions["A"].id


# --- scope and roles ----------------------------------------------------------------------------

def test_another_departments_checklist_is_404_exactly_like_a_missing_one(client, world, trainer_a):
    other, missing = checklist_id(world, "B"), 999_999
    version_b = world.versions["B"].id
    for path, method in [("/checklists/{}/draft", "get"), ("/checklists/{}/draft", "put"),
                         ("/checklists/{}/publish", "post"), ("/checklist-versions/{}", "get"),
                         ("/checklist-versions/{}/retire", "post")]:
        target = version_b if "versions" in path else other
        answers = [getattr(client, method)(API + path.format(i), headers=trainer_a.headers, json=draft())
                   for i in (target, missing, 2**63)]
        bodies = [assert_error_shape(a, 404) for a in answers]
        assert bodies[0] == bodies[1] == bodies[2], path
    assert [c["id"] for c in client.get(f"{API}/checklists", headers=trainer_a.headers).get_json()] == [
        checklist_id(world)]


def test_a_citywide_trainer_and_an_admin_edit_any_department(client, world, login):
    for username in ("trainer", "admin"):
        who = login(username)
        assert len(client.get(f"{API}/checklists", headers=who.headers).get_json()) == 2
        assert put_draft(client, who, world, draft(), "B").status_code == 200


@pytest.mark.parametrize("username", ["field.a", "liaison.a", "mayor"])
def test_roles_that_do_not_edit_checklists_get_403_forbidden_role(client, world, login, username):
    who = login(username)
    for method, path in [("get", "/checklists"), ("get", f"/checklists/{checklist_id(world)}/draft"),
                         ("put", f"/checklists/{checklist_id(world)}/draft"),
                         ("post", f"/checklists/{checklist_id(world)}/publish"),
                         ("get", f"/checklist-versions/{world.versions['A'].id}"),
                         ("post", f"/checklist-versions/{world.versions['A'].id}/retire")]:
        error = assert_error_shape(getattr(client, method)(API + path, headers=who.headers, json=draft()), 403)
        assert error["reason"] == "forbidden_role"


# --- form numbers -------------------------------------------------------------------------

JOINED = "Check the form: I-\u2060200 or I-\u2060205 is not signed by a judge."


def test_a_form_number_a_trainer_types_comes_back_and_publishes_with_a_word_joiner(client, world, trainer_a, login):
    """A trainer types "I-200"; a phone must never show "I-" at a line's end and "200" on the next
    (encounter/form_numbers.py). Title, step text and guide, every language."""
    phone = login("field.a")
    _, cursor, _ = pull_all(client, phone)
    typed = "Check the form: I-200 or I-205 is not signed by a judge."
    body = draft(step("check-form", en=typed, ko="양식 I-200 확인") | {"guide": {"en": typed, "es": "Formulario I-205"}},
                 title={"en": "Forms I-200", "es": "Formularios I-200"})
    saved = put_draft(client, trainer_a, world, body).get_json()
    assert saved["steps"][0]["text"]["en"] == JOINED
    assert saved["steps"][0]["text"]["ko"] == "양식 I-\u2060200 확인"
    assert saved["steps"][0]["guide"] == {"en": JOINED, "es": "Formulario I-\u2060205"}
    assert saved["title"] == {"en": "Forms I-\u2060200", "es": "Formularios I-\u2060200"}
    assert publish(client, trainer_a, world).status_code == 201
    changes, _, _ = pull_all(client, phone, cursor)
    assert changes[0]["data"]["steps"][0]["text"]["en"] == JOINED


def test_the_joiners_the_server_adds_do_not_count_against_the_length_limit(client, world, trainer_a):
    """300 characters typed with a form number are 301 stored; saving that text again is no refusal."""
    typed = ("I-200 " + "x" * 300)[:300]
    saved = put_draft(client, trainer_a, world, draft(step("a", en=typed))).get_json()
    text = saved["steps"][0]["text"]["en"]
    assert len(text) == 301
    assert put_draft(client, trainer_a, world, draft(step("a", en=text))).status_code == 200


def test_a_draft_stored_before_form_numbers_were_joined_publishes_them_joined(client, world, trainer_a):
    assert put_draft(client, trainer_a, world, draft(step("a", en="Form I-200"))).status_code == 200
    stored = db.session.get(ChecklistDraft, checklist_id(world))
    stored.steps = [{**stored.steps[0], "text": {"en": "Form I-200", "es": "Formulario I-200"}}]
    db.session.commit()
    version = publish(client, trainer_a, world).get_json()
    assert version["steps"][0]["text"] == {"en": "Form I-\u2060200", "es": "Formulario I-\u2060200"}
