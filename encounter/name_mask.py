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
from encounter.sensitive import fold, name_spans

# A word as names are written: letters and digits, joined by an apostrophe, a dot, a hyphen or an underscore
# ("O'Brien", "Lopez-Garcia", a username "liaison.lapl").
_WORD = re.compile(r"\w+(?:['’.\-]\w+)*")


def _key(word: str) -> str:
    """A word as names are compared: folded as the door folds text (``encounter.sensitive.fold``: "López", "Đức",
    "Łukasz" read as "Lopez", "Duc", "Lukasz", typed either way), in any case."""
    return word.lower() if word.isascii() else fold(word)[0].casefold()


def _bare(key: str) -> str:
    """A compared word without its possessive ("rivera's" is "rivera"): a name is still a name before 's."""
    return key[:-2] if key.endswith("'s") and len(key) > 2 else key


class KnownNames:
    """The names of the City's staff the server knows, found as whole words by looking each word of a text up.

    A word lookup, not one pattern of every name: a department of thousands of users made that pattern cost
    milliseconds for each text (a report's answer masks a dozen) and tens of milliseconds to compile.
    """

    def __init__(self, whole: set, parts: set):
        # Names matched in any case, as sequences of compared words (``_key``), by their first word (longest first).
        self._any_case: dict[str, list[tuple[str, ...]]] = {}
        for name in sorted(whole, key=len, reverse=True):
            self._any_case.setdefault(name[0], []).append(name)
        # Given and middle names: matched only when written with a capital ("Tom said", not "agents will return").
        self._parts = frozenset(parts)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the known names are in ``text``: (start, end) pairs."""
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        keys = [_key(w) for _, _, w in words]
        bare = [_bare(k) for k in keys]
        found = []
        for i, (start, end, word) in enumerate(words):
            for name in self._any_case.get(bare[i], ()):
                last = i + len(name) - 1
                if tuple(bare[i:last + 1]) == name and all(
                        text[words[k][1]:words[k + 1][0]].isspace() for k in range(i, last)):
                    # The name, not its possessive: "[redacted]'s call" still reads.
                    found.append((start, words[last][1] - (len(keys[last]) - len(bare[last]))))
                    break
            else:
                if word[0].isupper() and bare[i] in self._parts:
                    found.append((start, end - (len(keys[i]) - len(bare[i]))))
        return found


def known_names(people) -> KnownNames | None:
    """The names of ``people`` (pairs of display name and username); None if there are none."""
    whole, parts = set(), set()
    for display_name, username in people:
        words = _WORD.findall(display_name or "")
        named = [w for w in words if sum(map(str.isalpha, w)) >= 2]
        if words:
            whole.add(tuple(map(_key, words)))
        if len(named) > 1:
            whole.add((_key(named[-1]),))  # the surname
        if username:
            whole.add(tuple(map(_key, _WORD.findall(username))) or (_key(username),))
        parts.update(_key(w) for w in named[:-1] if w[0].isupper())
    return KnownNames(whole, parts) if whole or parts else None


def mask(text, known: re.Pattern | None = None):
    """Return ``text`` with every name in it (``name_spans``, and ``known``'s) replaced by the mark; not a string,
    as given."""
    if not isinstance(text, str) or not text:
        return text
    spans = [(s.start, s.end) for s in name_spans(text)]
    if known is not None:
        spans += known.spans(text)
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
