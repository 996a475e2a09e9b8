"""Write ``pwa/src/rules/<section>.json``: the core's rules as data for the phone and the desk.

One file per section, so each module imports only what it reads: the service worker's bundle
(outbox → report rules, expiry) then carries the vocabulary, the form and the retention defaults,
not the 25 KB sensitive-text pattern set it never runs (issue 14, the shell's 100 KB).

Run ``python -m encounter.export`` after changing a rule; the files are committed, and a test
fails when one is stale, missing or left over, so the phone never runs on rules the server no
longer has. The folder holds nothing else: writing removes a ``.json`` no section produces.
"""
import json
import sys
from pathlib import Path

from encounter import (
    alerts, city, disclosure, door, form, form_numbers, priority, redaction, retention, sensitive, triage, views, vocabulary,
)

TARGET = Path(__file__).resolve().parent.parent / "pwa" / "src" / "rules"


def document() -> dict:
    """Return every rule the phone and the desk read, as one JSON-serialisable dict of sections."""
    return {"vocabulary": vocabulary.document(), "sensitive": sensitive.rules(), "door": door.document(),
            "form": form.document(), "form_numbers": form_numbers.document(),
            "priority": priority.document(), "triage": triage.document(), "views": views.document(),
            "redaction": {"fields": list(redaction.REDACTABLE_FIELDS), "mark": redaction.MARK,
                          "texts": {target: list(fields) for target, fields in redaction.TEXTS.items()}},
            "retention": {"phone": retention.PHONE_DEFAULTS.to_dict()}, "alert": alerts.document(),
            "city": {"zone": city.ZONE},
            "disclosure": {"minimum": disclosure.MINIMUM, "suppressed": disclosure.SUPPRESSED,
                           "first_quarter": dict(zip(("year", "quarter"), disclosure.FIRST_QUARTER))}}


def render() -> dict[str, str]:
    """Return each file's name and exact text (stable key order, a final newline), for writing and the check."""
    return {f"{section}.json": json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
            for section, value in sorted(document().items())}


def problems(target: Path | None = None) -> list[str]:
    """Return what differs between the folder and the core: stale, missing and leftover files."""
    target = TARGET if target is None else target
    expected = render()
    present = {path.name for path in target.iterdir()} if target.is_dir() else set()
    found = [f"{name} is missing" for name in sorted(expected.keys() - present)]
    found += [f"{name} is left over (no section writes it)" for name in sorted(present - expected.keys())]
    found += [f"{name} is stale" for name in sorted(expected.keys() & present)
              if (target / name).read_text(encoding="utf-8") != expected[name]]
    return found


def write(target: Path | None = None) -> None:
    """Write every section's file and remove any ``.json`` that no section writes any more."""
    target = TARGET if target is None else target
    expected = render()
    target.mkdir(parents=True, exist_ok=True)
    for path in target.glob("*.json"):
        if path.name not in expected:
            path.unlink()
    for name, text in expected.items():
        (target / name).write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Write the files, or with ``--check`` exit 1 when the committed ones differ from the core."""
    argv = sys.argv[1:] if argv is None else argv
    if "--check" in argv:
        found = problems()
        for problem in found:
            print(f"{TARGET}/{problem}: run python -m encounter.export", file=sys.stderr)
        return 1 if found else 0
    write()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
