"""Priority of a report (P1/P2/P3), computed on the server at ingest from rules kept as data.

The rules live in ``priority_rules.json`` (ordered; the first that holds decides) so the
City Attorney can review them without reading code. They are loaded, checked against the
vocabulary (``encounter/vocabulary.py``: which fields exist, their kinds and choices) and
compiled into plain closures once, at import: a bad rules file stops the server at startup,
never a push. Evaluating them costs a few microseconds.

Condition language: ``{"all": [c, …]}``, ``{"any": [c, …]}``, ``{"not": c}``, or a test of one
body field ``{"field": name, <op>: value}``:
``is`` (equals; for yes/no fields ``true``/``false``, never "not known"), ``in`` / ``not_in``
(a choice field among values; ``not_in`` holds for a missing value), ``contains`` (a list
field holds the value), ``at_least`` (a count ≥ value), ``present`` (a text or list field is
non-empty, or with ``false`` empty).
"""
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from encounter import triage, vocabulary as v

RULES_PATH = Path(__file__).with_name("priority_rules.json")
# Languages every reason must be written in: the desk's, as its picker names them (pwa/src/languages.js,
# both Chinese scripts), so the server can answer a reason in the language the desk sends.
LANGUAGES = ("en", "es", "ko", "zh-Hant", "zh-Hans", "hy", "tl", "fa", "ru", "vi")
_OPS = ("is", "in", "not_in", "contains", "at_least", "present")


class RulesError(ValueError):
    """The priority rules file is malformed; raised at import so the server refuses to start."""


@dataclass(frozen=True)
class Rule:
    """One compiled rule."""

    id: str
    priority: int
    reason: dict
    test: Callable[[dict], bool]


def field_kinds() -> dict[str, tuple[str, tuple | None]]:
    """Return {body field: (kind, choices)} for the condition language, from the vocabulary."""
    kinds: dict[str, tuple[str, tuple | None]] = {}
    kinds.update({name: ("bool", None) for name in v.YES_NO_FIELDS})
    kinds.update({name: ("int", None) for name in v.COUNT_FIELDS})
    kinds.update({name: ("text", None) for name in v.FREE_TEXT_FIELDS})
    kinds.update({name: ("list" if name in v.LIST_FIELDS else "choice", tuple(choices))
                  for name, choices in v.CHOICES.items()})
    kinds.update({"photos": ("list", None), "steps": ("list", None)})
    return kinds


_FIELDS = field_kinds()


def _leaf(cond: dict, where: str) -> Callable[[dict], bool]:
    """Compile a test of one field, checking the value against the field's type."""
    name = cond.get("field")
    ops = [k for k in cond if k != "field"]
    if name not in _FIELDS:
        raise RulesError(f"{where}: unknown field {name!r}")
    if len(ops) != 1 or ops[0] not in _OPS:
        raise RulesError(f"{where}: a field test needs exactly one of {', '.join(_OPS)}")
    op, value = ops[0], cond[ops[0]]
    kind, choices = _FIELDS[name]

    def need(ok: bool, what: str):
        if not ok:
            raise RulesError(f"{where}: {op} on {name} ({kind}) {what}, got {value!r}")

    if op == "is":
        if kind == "bool":
            need(type(value) is bool, "needs true or false")
            return (lambda b: b.get(name) is True) if value else (lambda b: b.get(name) is False)
        need(kind == "choice" and value in choices, f"needs one of {choices}")
        return lambda b: b.get(name) == value
    if op in ("in", "not_in"):
        need(kind == "choice" and isinstance(value, list) and value and set(value) <= set(choices),
             f"needs a list of {choices}")
        allowed = frozenset(value)
        return (lambda b: b.get(name) in allowed) if op == "in" else (lambda b: b.get(name) not in allowed)
    if op == "contains":
        need(kind == "list" and value in (choices or ()), f"needs one of {choices}")
        return lambda b: value in (b.get(name) or ())
    if op == "at_least":
        need(kind == "int" and type(value) is int, "needs an integer")
        return lambda b: (b.get(name) or 0) >= value
    need(kind in ("text", "list") and type(value) is bool, "needs true or false on a text or list field")
    return (lambda b: bool(b.get(name))) if value else (lambda b: not b.get(name))


def compile_condition(cond, where: str = "condition") -> Callable[[dict], bool]:
    """Compile a condition into a function of the body; raise RulesError saying where it is wrong."""
    if not isinstance(cond, dict):
        raise RulesError(f"{where}: a condition is an object")
    if "field" in cond:
        return _leaf(cond, where)
    if len(cond) != 1:
        raise RulesError(f"{where}: use exactly one of all, any, not, or a field test")
    (key, value), = cond.items()
    if key == "not":
        inner = compile_condition(value, f"{where}.not")
        return lambda b: not inner(b)
    if key not in ("all", "any") or not isinstance(value, list) or not value:
        raise RulesError(f"{where}: {key!r} must be all/any with a non-empty list, or not")
    parts = tuple(compile_condition(c, f"{where}.{key}[{n}]") for n, c in enumerate(value))
    return _all(parts) if key == "all" else _any(parts)


def _all(parts: tuple) -> Callable[[dict], bool]:
    """Whether every part holds, the first failing one deciding (a loop: no generator per test, at every push)."""
    def test(b):
        for part in parts:
            if not part(b):
                return False
        return True
    return test


def _any(parts: tuple) -> Callable[[dict], bool]:
    """Whether some part holds, the first holding one deciding."""
    def test(b):
        for part in parts:
            if part(b):
                return True
        return False
    return test


def _header(rule, where: str) -> tuple[str, int, dict]:
    if not isinstance(rule, dict):
        raise RulesError(f"{where}: a rule is an object")
    rid, priority, reason = rule.get("id"), rule.get("priority"), rule.get("reason")
    if not isinstance(rid, str) or not rid or len(rid) > 60:
        raise RulesError(f"{where}: id must be a string of at most 60 characters")
    if rid == triage.SET_BY_LIAISON:
        raise RulesError(f"{where}: the id {rid!r} is kept for a priority a liaison set by hand")
    if type(priority) is not int or not 1 <= priority <= 3:
        raise RulesError(f"{where} ({rid}): priority must be 1, 2 or 3")
    if not isinstance(reason, dict) or any(not isinstance(reason.get(lang), str) or not reason[lang]
                                           for lang in LANGUAGES):
        raise RulesError(f"{where} ({rid}): reason needs text in {', '.join(LANGUAGES)}")
    return rid, priority, reason


def load_rules(document: dict) -> tuple[tuple[Rule, ...], Rule]:
    """Check and compile a rules document; return (ordered rules, the fallback)."""
    if not isinstance(document, dict) or not isinstance(document.get("rules"), list):
        raise RulesError("the rules file needs a list 'rules'")
    rules, seen = [], set()
    for n, raw in enumerate(document["rules"]):
        rid, priority, reason = _header(raw, f"rules[{n}]")
        if rid in seen:
            raise RulesError(f"rules[{n}]: duplicate id {rid}")
        seen.add(rid)
        rules.append(Rule(rid, priority, reason, compile_condition(raw.get("when"), f"rules[{n}] ({rid}).when")))
    rid, priority, reason = _header(document.get("otherwise"), "otherwise")
    if rid in seen:
        raise RulesError(f"otherwise: duplicate id {rid}")
    return tuple(rules), Rule(rid, priority, reason, lambda b: True)


def _load_file(path: Path = RULES_PATH):
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RulesError(f"{path}: {exc}") from None
    return load_rules(document)


RULES, OTHERWISE = _load_file()
_REASONS = {r.id: r.reason for r in (*RULES, OTHERWISE)}


def prioritize(body: dict) -> tuple[int, str | None]:
    """Return (priority, id of the rule that decided it) for a validated encounter body."""
    for rule in RULES:
        if rule.test(body):
            return rule.priority, rule.id
    return OTHERWISE.priority, OTHERWISE.id


# The reason shown for a priority a liaison set by hand (encounter.triage.SET_BY_LIAISON), in the desk's languages.
SET_BY_LIAISON_REASON = {
    "en": "Set by a liaison", "es": "Fijada por un enlace", "ko": "연락 담당관이 지정함", "zh-Hant": "由聯絡員設定",
    "zh-Hans": "由联络员设定", "hy": "Սահմանվել է կապի պատասխանատուի կողմից", "tl": "Itinakda ng tagapag-ugnay",
    "fa": "تعیین‌شده توسط رابط", "ru": "Установлено координатором", "vi": "Do người liên lạc đặt",
}


def reason(rule_id: str | None, language: str = "en") -> str | None:
    """Return the reason text of a rule in a language (English if missing), or None for an unknown rule."""
    texts = SET_BY_LIAISON_REASON if rule_id == triage.SET_BY_LIAISON else _REASONS.get(rule_id)
    return (texts.get(language) or texts["en"]) if texts else None


def document() -> dict:
    """Return the priorities' reasons as data for ``pwa/src/rules/priority.json`` (the desk names each rule)."""
    return {"languages": list(LANGUAGES), "levels": sorted({r.priority for r in (*RULES, OTHERWISE)}),
            "rules": [{"id": r.id, "priority": r.priority, "reason": dict(r.reason)} for r in (*RULES, OTHERWISE)],
            "set_by_liaison": {"id": triage.SET_BY_LIAISON, "reason": dict(SET_BY_LIAISON_REASON)}}
