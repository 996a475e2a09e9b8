"""Write ``pwa/src/encounter.json``: the core's rules as data for the phone and the desk.

Run ``python -m encounter.export`` after changing a rule; the file is committed, and a test
fails when it is stale, so the phone never runs on rules the server no longer has.
"""
import json
import sys
from pathlib import Path

from encounter import alerts, disclosure, door, form, priority, redaction, retention, sensitive, triage, views, vocabulary

TARGET = Path(__file__).resolve().parent.parent / "pwa" / "src" / "encounter.json"


def document() -> dict:
    """Return every rule the phone and the desk read, as one JSON-serialisable dict."""
    return {"vocabulary": vocabulary.document(), "sensitive": sensitive.rules(), "door": door.document(),
            "form": form.document(),
            "priority": priority.document(), "triage": triage.document(), "views": views.document(),
            "redaction": {"fields": list(redaction.REDACTABLE_FIELDS), "mark": redaction.MARK},
            "retention": {"phone": retention.PHONE_DEFAULTS.to_dict()}, "alert": alerts.document(),
            "disclosure": {"minimum": disclosure.MINIMUM, "suppressed": disclosure.SUPPRESSED}}


def render() -> str:
    """Return the file's exact text (stable key order, a final newline), for writing and the staleness test."""
    return json.dumps(document(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the file, or with ``--check`` exit 1 when the committed file differs."""
    argv = sys.argv[1:] if argv is None else argv
    text = render()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is stale: run python -m encounter.export", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
