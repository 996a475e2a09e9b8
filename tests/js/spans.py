"""The server's sensitive-text decisions for the JS agreement test: JSON [{text, field}] in, spans out.

Run by tests/js/sensitive.test.js as ``python tests/js/spans.py`` (stdin → stdout), so the phone's
findSpans and encounter.sensitive.find_spans are compared on the same generated texts.
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from encounter.sensitive import find_spans  # noqa: E402


def main() -> None:
    """Print, for each input, its spans as [[start, end, kind], ...] (offsets in code points)."""
    cases = json.load(sys.stdin)
    json.dump([[[s.start, s.end, s.kind] for s in find_spans(c["text"], c.get("field"))] for c in cases], sys.stdout)


if __name__ == "__main__":
    main()
