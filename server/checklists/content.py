"""What a checklist's content may hold: languages, step ids, limits. Plain Python, no web, no database.

Field-level checks (types, lengths, required languages) live in the marshmallow schema
(``server/schemas/checklists.py``), which takes its limits from here; the rules about
the checklist as a whole are ``content_problems``, which the schema and publishing share.
"""
import re

REQUIRED_LANGUAGES = ("en", "es")
# The field app's other languages (BRIEF.md, Languages): optional per text.
OPTIONAL_LANGUAGES = ("ko", "zh", "hy", "tl", "fa", "ru", "vi")
LANGUAGES = REQUIRED_LANGUAGES + OPTIONAL_LANGUAGES
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "ko": "Korean", "zh": "Chinese", "hy": "Armenian",
                  "tl": "Tagalog", "fa": "Farsi", "ru": "Russian", "vi": "Vietnamese"}

TITLE_MAX = 120
STEP_TEXT_MAX = 300
GUIDE_MAX = 2000
# step_results.step_id is String(40); a phone shows one step per screen, so 60 is plenty.
STEP_ID_MAX = 40
MAX_STEPS = 60
STEP_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def content_problems(content: dict) -> dict:
    """Return the whole-checklist problems of ``{title, steps}`` as ``{field: [message]}`` (empty when fine).

    Step ids must be unique: results are stored and compared across versions by id, so an id
    names one step for good (rewording keeps the id; a new step gets a new id).
    """
    steps = content.get("steps") or []
    if not steps:
        return {"steps": ["a checklist needs at least one step"]}
    problems: dict = {}
    first_use: dict[str, int] = {}
    for index, step in enumerate(steps):
        step_id = step.get("id")
        if step_id in first_use:
            problems.setdefault("steps", {})[index] = {"id": [
                f"step {index + 1}: the id '{step_id}' is already used by step {first_use[step_id] + 1}; "
                "every step needs its own id"]}
        else:
            first_use[step_id] = index
    return problems
