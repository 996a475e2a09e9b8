"""People's names masked in free text, for a reader that reads none (the Mayor's Office: BRIEF.md, "never names").

A liaison's resolution, a question, an answer, and the body's fields where the phone let the employee keep an
agent's or a staff member's name can all name people. What is masked (``encounter/views.py`` decides for whom):

- every stretch the sensitive-text patterns take for a name (``encounter.sensitive.name_spans``);
- the names of the City's own staff the server knows, as whole words: each user's display name, surname (its last
  word) and username, in any case ("tom rivera", "rivera called back"); and each other part of a display name of two
  or more letters (a given or middle name) when written with a capital ("Tom said", not "agents will return": given
  names that are also words, Will, Mark, Grace, June, would otherwise be masked wherever the word is). A surname
  that is also a word (Park, Hall, Long) is masked in any case: a word too many rather than a name.

Each masked stretch becomes the redaction mark (``encounter.redaction.MARK``): the desk shows it as it shows words a
liaison removed. Masking errs towards too much: a place's capitalised name may go too, never a known name stay.
"""
import re

from encounter.redaction import MARK
from encounter.sensitive import name_spans

_WORD_BEFORE, _WORD_AFTER = r"(?<!\w)", r"(?!\w)"


def _part(part: str) -> str:
    """A part of a display name as a pattern: its first letter as written (a capital), the rest any case."""
    head, rest = part[0], part[1:]
    return re.escape(head) + (f"(?i:{re.escape(rest)})" if rest else "")


def known_names(people) -> re.Pattern | None:
    """One pattern for the names of ``people`` (pairs of display name and username); None if there are none."""
    whole, parts = set(), set()
    for display_name, username in people:
        words = (display_name or "").split()
        named = [w for w in words if sum(c.isalpha() for c in w) >= 2]
        if words:
            whole.add(r"\s+".join(re.escape(w) for w in words))
        if len(named) > 1:
            whole.add(re.escape(named[-1]))  # the surname
        if username:
            whole.add(re.escape(username))
        parts.update(w for w in named[:-1] if w[0].isupper())
    alternatives = [f"(?i:{w})" for w in sorted(whole, key=len, reverse=True)]
    alternatives += [_part(p) for p in sorted(parts, key=len, reverse=True)]
    if not alternatives:
        return None
    return re.compile(_WORD_BEFORE + "(?:" + "|".join(alternatives) + ")" + _WORD_AFTER)


def mask(text, known: re.Pattern | None = None):
    """Return ``text`` with every name in it (``name_spans``, and ``known``'s) replaced by the mark; not a string,
    as given."""
    if not isinstance(text, str) or not text:
        return text
    spans = [(s.start, s.end) for s in name_spans(text)]
    if known is not None:
        spans += [m.span() for m in known.finditer(text)]
    if not spans:
        return text
    out, at = [], 0
    for start, end in _merged(spans):
        out += [text[at:start], MARK]
        at = end
    return "".join(out) + text[at:]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans as one, in order."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]
