"""What must never be collected, found in free text: one pattern set for phone and server.

BRIEF.md, "Never collect": residents' immigration or citizenship status, names, contact
details, birth dates, nationality; A-numbers and other identifiers. The phone highlights
each span before submit (through ``rules()`` exported into ``pwa/src/encounter.json``);
the server refuses an item whose text still matches, naming field and offsets, never words.

Interface (stable; the pattern set behind it is being rebuilt):
- ``find_spans(text, field)`` -> list of ``Span(start, end, kind)``, offsets in code points
  of ``text`` as given, sorted, non-overlapping;
- ``rules()`` -> a JSON-serialisable dict the phone's matcher applies the same way.
"""
import re
from dataclasses import dataclass

_ACCENTS = str.maketrans("áéíóúüñÁÉÍÓÚÜÑ", "aeiouunAEIOUUN")  # one character for one: offsets stay


@dataclass(frozen=True, order=True)
class Span:
    """One stretch of free text that looks like never-collected data."""

    start: int
    end: int
    kind: str


# Provisional set (the server's former warnings), to be replaced by the measured one.
_PATTERNS = {
    "a_number": r"\ba[\s#:-]{0,3}\d{3}[\s-]?\d{3}[\s-]?\d{2,3}\b",
    "status": r"\b(undocumented|illegal aliens?|immigration status|green ?cards?|indocumentad[oa]s?|sin papeles"
              r"|estatus migratorio)\b",
    "birth_date": r"\b(date of birth|d\.?o\.?b\.?|fecha de nacimiento)\b",
}
_COMPILED = {kind: re.compile(src, re.IGNORECASE) for kind, src in _PATTERNS.items()}


def find_spans(text: str | None, field: str | None = None) -> list[Span]:
    """Return the spans of ``text`` (in ``field``) that look like never-collected data."""
    if not text:
        return []
    folded = text.translate(_ACCENTS)
    spans = sorted(Span(m.start(), m.end(), kind) for kind, rx in _COMPILED.items() for m in rx.finditer(folded))
    out: list[Span] = []
    for span in spans:
        if out and span.start < out[-1].end:
            continue
        out.append(span)
    return out


def rules() -> dict:
    """Return the pattern set as data for the phone's matcher (JavaScript ``RegExp`` sources)."""
    return {"fold": {"from": "áéíóúüñÁÉÍÓÚÜÑ", "to": "aeiouunAEIOUUN"},
            "patterns": [{"kind": k, "source": s, "flags": "i"} for k, s in _PATTERNS.items()]}
