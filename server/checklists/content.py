"""What a checklist's content may hold: languages, step ids, limits. Plain Python, no web, no database.

Field-level checks (types, lengths, required languages) live in the marshmallow schema
(``server/schemas/checklists.py``), which takes its limits from here; the rules about
the checklist as a whole are ``content_problems``, which the schema and publishing share.
"""
import re

from encounter import form_numbers
from encounter.field_message import coded
from encounter.vocabulary import (AGENTS_FIELD, CALL_TARGETS, EMERGENCY_NUMBER, FREE_TEXT_FIELDS, LANGUAGES, NOTE_FIELDS,
                                  REQUIRED_LANGUAGES, STEP_CAPTURES, STEPS_MAX)

# The field app's other languages (BRIEF.md, Languages): optional per text.
OPTIONAL_LANGUAGES = tuple(lang for lang in LANGUAGES if lang not in REQUIRED_LANGUAGES)
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "ko": "Korean", "zh": "Chinese", "hy": "Armenian",
                  "tl": "Tagalog", "fa": "Farsi", "ru": "Russian", "vi": "Vietnamese"}

TITLE_MAX = 120
STEP_TEXT_MAX = 300
GUIDE_MAX = 2000
# step_results.step_id is String(vocabulary.STEP_ID_MAX); a phone shows one step per screen, so STEPS_MAX (60) is plenty.
MAX_STEPS = STEPS_MAX
STEP_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def content_problems(content: dict) -> dict:
    """Return the whole-checklist problems of ``{title, steps}`` as ``{field: [message]}`` (empty when fine).

    Step ids must be unique: results are stored and compared across versions by id, so an id
    names one step for good (rewording keeps the id; a new step gets a new id).
    """
    steps = content.get("steps") or []
    if not steps:
        return {"steps": [coded("count", "a checklist needs at least one step", min=1)]}
    problems: dict = {}
    first_use: dict[str, int] = {}
    for index, step in enumerate(steps):
        step_id = step.get("id")
        if step_id in first_use:
            problems.setdefault("steps", {})[index] = {"id": [coded(
                "duplicate", f"step {index + 1}: the id '{step_id}' is already used by step {first_use[step_id] + 1}; "
                "every step needs its own id", value=step_id, step=first_use[step_id] + 1)]}
        else:
            first_use[step_id] = index
        for attribute, messages in step_action_problems(step).items():
            problems.setdefault("steps", {}).setdefault(index, {}).setdefault(attribute, []).extend(messages)
    return problems


def joined(content: dict) -> dict:
    """``{title, steps}`` with a word joiner after each form number's hyphen in every text a phone shows
    (``encounter/form_numbers.py``): a trainer types "I-200", phones must never break it after the hyphen."""
    def texts(translations):
        return None if translations is None else {lang: form_numbers.join(text) for lang, text in translations.items()}

    return {"title": texts(content["title"]),
            "steps": [{**step, "text": texts(step["text"]), "guide": texts(step.get("guide"))}
                      for step in content["steps"]]}


def _one_of(values) -> str:
    return ", ".join(values)


def step_action_problems(step: dict) -> dict:
    """Return what is wrong with a step's ``capture``, ``field`` and ``call`` as ``{attribute: [message]}``.

    The words come from the encounter core (``encounter.vocabulary``): what a step may capture, which
    report field a note may write, and whom a phone can call (the keys of a pulled site's contacts, and the
    emergency number, which is the core's and needs no site).
    """
    problems: dict = {}
    capture, field, call = step.get("capture"), step.get("field"), step.get("call")
    if capture is not None and capture not in STEP_CAPTURES:
        problems["capture"] = [coded("one_of", f"'{capture}' is not something a step can capture; use "
                                            f"{_one_of(STEP_CAPTURES)}", choices=list(STEP_CAPTURES))]
    if capture == "note" and field is None:
        problems["field"] = [coded("required", f"a note step names the report field it writes: one of "
                                          f"{_one_of(NOTE_FIELDS)}")]
    elif field is not None and capture != "note":
        problems["field"] = [coded("not_allowed", "only a note step (capture: note) names a field")]
    elif field == AGENTS_FIELD:
        problems["field"] = [coded("not_allowed", "agents' names and badges are written on the agents step "
                                             "(capture: agents) only")]
    elif field is not None and field not in FREE_TEXT_FIELDS:
        problems["field"] = [coded("one_of", f"'{field}' is not a free-text field of the report; use "
                                        f"{_one_of(NOTE_FIELDS)}", choices=list(NOTE_FIELDS))]
    if call is not None:
        unknown = [who for who in call if who not in CALL_TARGETS]
        twice = sorted({who for who in call if call.count(who) > 1})
        if not call:
            problems["call"] = [coded("required", f"list whom to call: one or more of {_one_of(CALL_TARGETS)}")]
        elif unknown:
            problems["call"] = [coded("one_of", f"'{unknown[0]}' is not a contact a phone holds; use "
                                       f"{_one_of(CALL_TARGETS)}", choices=list(CALL_TARGETS),
                                       number=EMERGENCY_NUMBER)]  # the desk says the choices as the phone's buttons
        elif twice:
            problems["call"] = [coded("duplicate", f"'{twice[0]}' is listed twice", value=twice[0])]
    return problems
