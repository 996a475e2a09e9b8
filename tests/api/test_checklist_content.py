"""Department protocols are content files, checked at start-up by the trainers' draft schema; a broken one stops the app."""
import json
import shutil

import pytest

from server import create_app
from server.checklists.files import DEFAULT_DIR, ContentError, load_directory, load_file

VARIANTS = {"universal", "library", "parks", "field_crew", "front_counter", "airport_port"}


def test_every_checklist_file_loads_and_validates():
    content = load_directory(DEFAULT_DIR)
    assert VARIANTS <= set(content)
    for variant, checklist in content.items():
        assert checklist["title"]["en"] and checklist["title"]["es"], variant
        assert len(checklist["steps"]) >= 14, variant
        assert all(step["text"]["es"] for step in checklist["steps"]), variant


def test_the_legal_guidance_survives_in_the_universal_file():
    steps = {s["id"]: s for s in load_file(DEFAULT_DIR / "universal.json")["steps"]}
    guide = {lang: text.replace("\u2060", "") for lang, text in steps["check-document"]["guide"].items()}  # the joiner in I-200
    for form in ("I-200", "I-205", "I-138"):
        assert form in guide["en"] and form in guide["es"]
    assert "I do not consent to entry." in steps["refuse-consent"]["guide"]["en"]


def _broken(tmp_path, mutate, name="parks.json"):
    folder = tmp_path / "checklists"
    shutil.copytree(DEFAULT_DIR, folder)
    data = json.loads((folder / name).read_text())
    mutate(data)
    (folder / name).write_text(json.dumps(data))
    return folder


@pytest.mark.parametrize("mutate,where,reason", [
    (lambda d: d["steps"][2]["text"].pop("es"), "step 3 ('", "Spanish text is required"),
    (lambda d: d["steps"][4].update(id="Bad Id"), "step 5 ('Bad Id')", "use lower-case letters"),
    (lambda d: d["steps"][6].update(id=d["steps"][0]["id"]), "step 7 ('", "already used by step 1"),
    (lambda d: d["steps"][1].update(time_critical="yes"), "step 2 ('", "must be true or false"),
    (lambda d: d["steps"][0]["text"].update(de="Ruhe"), "step 1 ('", "not a language of the app"),
    (lambda d: d["title"].pop("en"), "title", "English text is required"),
    (lambda d: d.update(steps=[]), "steps", "1 to 60 steps"),
    # Issue 11: what a step captures and whom it calls, in the core's words.
    (lambda d: d["steps"][5].update(capture="signature"), "step 6 ('", "capture: 'signature' is not something a step can capture"),
    (lambda d: d["steps"][1].update(capture="note"), "step 2 ('", "field: a note step names the report field it writes"),
    (lambda d: d["steps"][1].update(capture="note", field="agent_names_and_badges"), "step 2 ('",
     "field: agents' names and badges are written on the agents step"),
    (lambda d: d["steps"][1].update(capture="note", field="immigration_status"), "step 2 ('",
     "field: 'immigration_status' is not a free-text field of the report"),
    (lambda d: d["steps"][3].update(field="notes"), "step 4 ('", "field: only a note step (capture: note) names a field"),
    (lambda d: d["steps"][2].update(call=["site_lead", "mayor"]), "step 3 ('", "call: 'mayor' is not a contact a phone holds"),
    (lambda d: d["steps"][2].update(call=[]), "step 3 ('", "call: list whom to call"),
    (lambda d: d["steps"][2].update(call=["counsel", "counsel"]), "step 3 ('", "call: 'counsel' is listed twice"),
    (lambda d: d["steps"][2].update(call="counsel"), "step 3 ('", "call: must be a list of contacts"),
    (lambda d: d["steps"][2].update(call=["emergency", "fire"]), "step 3 ('", "call: 'fire' is not a contact"),
])
def test_a_broken_checklist_file_stops_start_up_naming_the_file_step_and_reason(tmp_path, mutate, where, reason):
    folder = _broken(tmp_path, mutate)
    with pytest.raises(ContentError) as caught:
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}",
                    "SECRET_KEY": "x", "CHECKLIST_CONTENT_DIR": str(folder)})
    message = str(caught.value)
    assert "parks.json" in message and where in message and reason in message, message


def test_a_file_that_is_not_json_is_named(tmp_path):
    folder = tmp_path / "checklists"
    folder.mkdir()
    (folder / "universal.json").write_text("{not json")
    with pytest.raises(ContentError, match=r"universal\.json: file: not valid JSON"):
        load_directory(folder)


def test_any_number_of_variants_load_and_a_new_one_is_offered_to_departments(tmp_path, client, world, login, app):
    folder = tmp_path / "checklists"
    shutil.copytree(DEFAULT_DIR, folder)
    shutil.copy(folder / "universal.json", folder / "water_power.json")
    from server.checklists import files

    app.extensions["checklist_content"] = files.load_directory(folder)
    try:
        variants = client.get("/api/v1/admin/checklist-variants", headers=login("admin").headers).get_json()
        assert "water_power" in {v["variant"] for v in variants}
        answer = client.post("/api/v1/admin/departments", headers=login("admin").headers, json={
            "code": "LADWP", "names": {"en": "Water and Power"}, "checklist_variant": "water_power"})
        assert answer.status_code == 201
    finally:
        app.extensions["checklist_content"] = files.load_directory(DEFAULT_DIR)


def test_steps_that_act_in_place_keep_their_capture_and_call_attributes():
    steps = {s["id"]: s for s in load_file(DEFAULT_DIR / "universal.json")["steps"]}
    assert steps["ask-purpose"]["capture"] == "note" and steps["ask-purpose"]["field"] == "stated_purpose"
    assert steps["ask-identification"]["capture"] == "agents"
    assert steps["photograph-document"]["capture"] == "document_photo"
    assert steps["call-site-lead"]["call"] == ["site_lead", "liaison"]
    assert "capture" not in steps["stay-calm"] and "call" not in steps["stay-calm"]


@pytest.mark.parametrize("path", sorted(DEFAULT_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_every_checklist_file_gives_its_call_911_step_the_emergency_button(path):
    """QA: "call 911" was only words; each variant's step names the emergency number, so the phone shows its button."""
    steps = load_file(path)["steps"]
    told = [s for s in steps if "911" in s["text"]["en"]]
    assert told and all(s.get("call") == ["emergency"] for s in told), [(s["id"], s.get("call")) for s in told]
