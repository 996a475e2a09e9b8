"""Department protocols as content files: ``content/checklists/<variant>.json``, one checklist each.

The City Attorney reviews protocol text, so it lives in files, never in Python. Every file is
checked at start-up by the same schema that checks a trainer's draft (``DraftInSchema``: field
rules, languages, limits, and ``content_problems`` for the whole checklist), so there is one
validator; a broken file stops the app with the file, the step and the reason named.
"""
import json
import re
from pathlib import Path

VARIANT = re.compile(r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$")
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "content" / "checklists"


class ContentError(RuntimeError):
    """A content file that may not be used; the message names the file, where in it and why."""

    def __init__(self, path: Path, where: str, reason: str):
        super().__init__(f"{path}: {where}: {reason}")
        self.path, self.where, self.reason = path, where, reason


def _first_problem(errors, steps) -> tuple[str, str]:
    """Return (where, reason) for the first marshmallow error, naming a step by number and id."""
    if not isinstance(errors, dict):
        return "checklist", str(errors[0] if isinstance(errors, list) else errors)
    key, value = next(iter(sorted(errors.items(), key=lambda kv: (kv[0] != "title", str(kv[0])))))
    if key == "steps" and isinstance(value, dict):
        index, detail = next(iter(sorted(value.items(), key=lambda kv: int(kv[0]))))
        step = steps[int(index)] if isinstance(steps, list) and int(index) < len(steps) else {}
        step_id = step.get("id") if isinstance(step, dict) else None
        where = f"step {int(index) + 1}" + (f" ({step_id!r})" if step_id else "")
        return where, _flatten(detail)
    return str(key), _flatten(value)


def _flatten(detail) -> str:
    """A nested marshmallow message as one line: 'text.es: Spanish text is required'."""
    if isinstance(detail, list):
        return "; ".join(_flatten(d) for d in detail)
    if isinstance(detail, dict):
        return "; ".join(f"{k}: {_flatten(v)}" if not isinstance(v, dict) else f"{k}.{_flatten(v)}"
                         for k, v in detail.items())
    return str(detail)


def load_file(path: Path) -> dict:
    """Read and validate one checklist file; return its canonical ``{title, steps}`` or raise ContentError."""
    from marshmallow import ValidationError

    from server.schemas.checklists import DraftInSchema

    if not VARIANT.match(path.stem):
        raise ContentError(path, "file name", "a variant is lower-case letters, digits, '_' or '-' (e.g. front_counter)")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ContentError(path, "file", f"not valid JSON ({exc})") from None
    if not isinstance(raw, dict):
        raise ContentError(path, "file", "a checklist file holds one object: {title, steps}")
    try:
        return DraftInSchema().load(raw)
    except ValidationError as exc:
        where, reason = _first_problem(exc.messages, raw.get("steps"))
        raise ContentError(path, where, reason) from None


def load_directory(directory: Path | str) -> dict[str, dict]:
    """Load every ``*.json`` checklist in ``directory``, by variant (the file's stem); at least one."""
    directory = Path(directory)
    files = sorted(directory.glob("*.json"))
    if not files:
        raise ContentError(directory, "directory", "no checklist files (<variant>.json) found")
    return {path.stem: load_file(path) for path in files}


def variants(app=None) -> dict[str, dict]:
    """The checklist content loaded at start-up, by variant."""
    from flask import current_app

    return (app or current_app).extensions["checklist_content"]


def init_app(app) -> None:
    """Load and validate every checklist file; a broken one stops start-up (ContentError)."""
    app.extensions["checklist_content"] = load_directory(app.config.get("CHECKLIST_CONTENT_DIR") or DEFAULT_DIR)
