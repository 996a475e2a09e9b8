"""What must never be collected, found in free text: one pattern set for phone and server.

BRIEF.md, "Never collect": residents' immigration or citizenship status, names, contact
details, birth dates, nationality; A-numbers and other identifiers. The phone highlights
each span before submit (through ``rules()`` exported into ``pwa/src/rules/sensitive.json``);
the server refuses an item whose text still matches, naming field and offsets, never words.

Interface:
- ``find_spans(text, field)`` -> list of ``Span(start, end, kind)``, offsets in code points
  of ``text`` as given, sorted, non-overlapping; ``field=None`` applies no exemption;
- ``rules()`` -> a JSON-serialisable dict the phone's matcher (pwa/src/sensitive.js) applies
  the same way; a test runs it in Node over the labelled corpus and compares every span.

How one set of regular expressions behaves the same in Python ``re`` and JavaScript
``RegExp`` (flags ``gud``, no other): the text is first folded one code point for
one (accents, the few non-ASCII letters that case-fold onto ASCII, odd spaces, other scripts'
digits and full-width forms; a character outside the BMP becomes U+FFFD, so JavaScript's UTF-16
indices equal Python's code points), leaving out the invisible characters a reader reads through
(direction marks, joiners, the soft hyphen), whose places are kept to give spans in the text as given;
the patterns are ASCII only and use explicit classes (never ``\\b``, ``\\w``, ``\\d``, ``\\s``,
lookbehind or inline flags); case-insensitive rules are lower-cased and run on the folded text
with ASCII capitals lowered (``"text": "lower"``). A pattern needing context before its span consumes it and
names the span as group 1. ``allow`` patterns (agents' names, City facilities, languages)
are shields: they take part in the overlap rule, so a span they cover is not reported, and
are then dropped. Overlaps: earliest start wins, then the longest, then the first pattern.
"""
import re
import unicodedata
from dataclasses import dataclass

import ahocorasick

from encounter import sensitive_patterns as P
from encounter.sensitive_cues import cues, shape

# One code point for one, so offsets stay: accents, ASCII case-fold look-alikes, odd spaces, the separators and
# dashes other keyboards and documents put in numbers (a Farsi keyboard's decimal separator U+066B is a dot), and the
# Cyrillic capital А a Russian keyboard types for the A-number's letter. An Arabic keyboard's ي, ى and ك are the
# Persian ی and ک a Farsi reader sees.
_FOLD_FROM = ("áéíóúüñàèìòùâêîôûçäëïöÁÉÍÓÚÜÑÀÈÌÒÙÂÊÎÔÛÇÄËÏÖſKİıĐđØøŁłА\u00a0\u2007\u2009\u202f’‘"
              "\u066b\u066c\u060c\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u058a\ufe63\u064a\u0649\u0643")
_FOLD_TO = "aeiouunaeiouaeioucaeioAEIOUUNAEIOUAEIOUCAEIOsKIiDdOoLlA    ''.,,---------\u06cc\u06cc\u06a9"
# Runs of Latin letters with accents (Portuguese, Vietnamese, Tagalog, ...), each read as the ASCII letter its
# canonical decomposition starts with ("ễ" as "e"), one for one: a name's span must not stop at its first
# such letter ("Jo" of "João"). JavaScript's String.prototype.normalize gives the phone the same letters.
_DECOMPOSED = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))
# Runs of code points read as ASCII, also one for one: (first, last, what first reads as). A Farsi
# keyboard types Persian digits, an Arabic one Arabic-Indic digits, a Chinese, Japanese or Korean input
# method full-width letters, digits and spaces: "A-۱۲۳۴۵۶۷۸۹" is the A-number A-123456789 to anyone who
# reads it. A zero-width space is a space.
_FOLD_RANGES = ((0x0660, 0x0669, 0x30), (0x06F0, 0x06F9, 0x30), (0xFF01, 0xFF5E, 0x21), (0x3000, 0x3000, 0x20),
                (0x200B, 0x200B, 0x20))
# Invisible characters the patterns read through, as a reader's eye does, as runs (first, last): the soft
# hyphen, the direction marks a right-to-left keyboard puts around numbers, the joiners, embeddings and
# isolates, the word joiner the screens put in form numbers (encounter/form_numbers.py), the byte-order mark;
# and the combining accents of text typed or pasted decomposed ("e" + U+0301), which a span ending on their
# letter takes with it (``_MARKS``).
_COMBINING = (0x0300, 0x036F)
_IGNORED = ((0x00AD, 0x00AD), _COMBINING, (0x061C, 0x061C), (0x180E, 0x180E), (0x200C, 0x200F), (0x202A, 0x202E),
            (0x2060, 0x2064), (0x2066, 0x2069), (0xFEFF, 0xFEFF))
_ACCENTS = str.maketrans({**{chr(c): d for first, last in _DECOMPOSED for c in range(first, last + 1)
                             if (d := unicodedata.normalize("NFD", chr(c))[0]) != chr(c) and d.isascii() and d.isalpha()},
                          **dict(zip(_FOLD_FROM, _FOLD_TO)),
                          **{chr(c): chr(to + c - first) for first, last, to in _FOLD_RANGES
                             for c in range(first, last + 1)},
                          **{chr(c): None for first, last in _IGNORED for c in range(first, last + 1)}})
_IGNORED_RE = re.compile("[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in _IGNORED) + "]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_MARKS = re.compile(f"[{chr(_COMBINING[0])}-{chr(_COMBINING[1])}]*")
# A run of spaces or tabs longer than SPACE_RUN is read as that many and then separators (U+0001, which no pattern
# reads as a space or a letter), one for one: a rule with room for spaces on both sides of an optional word tries every
# split of a long run, and a note of "asked for" and 2,000 spaces took 0.7 s of the server's CPU (a request can carry
# hundreds of such fields). No report needs four spaces in a row to read as one.
SPACE_RUN = 3
_SEPARATOR = "\x01"
_LONG_RUN = re.compile(f"[ \\t]{{{SPACE_RUN + 1},}}")


def _cap_runs(folded: str) -> str:
    """``folded`` with each run of spaces and tabs cut to SPACE_RUN, the rest separators (the length kept)."""
    if "\t" not in folded and " " * (SPACE_RUN + 1) not in folded:
        return folded
    return _LONG_RUN.sub(lambda m: m.group()[:SPACE_RUN] + _SEPARATOR * (len(m.group()) - SPACE_RUN), folded)

KINDS = P.KINDS
ALLOW = "allow"
# Where the report asks for people's names, a name is the employee's call: the phone shows it
# and lets them keep it as an agent's (or City staff member's) name; the server accepts it. So is a
# telephone number or e-mail there: the protocol asks for the agents' supervisor's contact.
FIELD_ALLOWS = {"agent_names_and_badges": ["name", "contact"], "staff_witnesses": ["name", "contact"]}


@dataclass(frozen=True, order=True)
class Span:
    """One stretch of free text that looks like never-collected data."""

    start: int
    end: int
    kind: str


# Case-insensitive rules run, case-sensitively, lower-cased, on the text with ASCII capitals lowered
# (the fold already turned every letter that case-folds onto ASCII into ASCII): the same result as
# an "i" flag in both engines, and ten times faster in Python's re than IGNORECASE.
# A source holding letters of other scripts is written as read ("pháp"): folded here as text is, so it meets the
# folded text (the fold is one code point for one and leaves regex syntax, which is ASCII, alone).
_RULES = [(kind, src.lower() if "i" in flags else src.translate(_ACCENTS), "lower" if "i" in flags else "cased")
          for kind, src, flags in P.PATTERNS]
_COMPILED = [(kind, re.compile(src), text) for kind, src, text in _RULES]
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _automaton(orders: list[int]):
    """The cues of the rules at ``orders`` in one Aho-Corasick automaton (cue -> bits of the cue sets
    holding it), and each rule's bits: a rule can match only where every one of its sets has a cue."""
    masks: dict[str, int] = {}
    needs, bit, other = [], 0, set()
    for order in orders:
        need = 0
        for cue_set in cues(_RULES[order][1], _RULES[order][2] == "lower"):
            for cue in cue_set:
                masks[cue] = masks.get(cue, 0) | 1 << bit
            need, bit = need | 1 << bit, bit + 1
            if all("~" in cue for cue in cue_set):
                other.add(order)
        needs.append((order, need))
    automaton = ahocorasick.Automaton()
    for cue, mask in masks.items():
        automaton.add_word(cue, mask)
    automaton.make_automaton()
    # A rule without cue sets (none today) could match anywhere: it runs even where no cue is found.
    # A rule one of whose sets has only cues with "~" (the other scripts' words) needs a letter outside ASCII:
    # on text without one it is not even tested (most text; testing every rule's bits costs more than the search).
    return (automaton, _by_lowest_bit(needs), [order for order, need in needs if not need],
            _by_lowest_bit([(order, need) for order, need in needs if order not in other]))


def _by_lowest_bit(needs: list) -> dict[int, list]:
    """Each rule under the lowest bit of what it needs: the bits found then lead to the only rules worth checking
    (a text meets a few cues; testing every rule's bits cost more than the search itself)."""
    out: dict[int, list] = {}
    for order, need in needs:
        if need:
            out.setdefault(need & -need, []).append((order, need))
    return out


_REPORTING = _automaton([order for order, (kind, _s, _t) in enumerate(_RULES) if kind != ALLOW])
_SHIELDS = _automaton([order for order, (kind, _s, _t) in enumerate(_RULES) if kind == ALLOW])


def fold(text: str) -> tuple[str, list[int] | None]:
    """Return the text the patterns run on, ASCII-friendly, and where each of its code points is in ``text``
    (with one more entry, the end), or None when that is where it already was: nothing was left out."""
    if text.isascii():  # nothing to fold (every character folded or left out is outside ASCII)
        return _cap_runs(text), None
    folded = _cap_runs(_ASTRAL.sub("\ufffd", text.translate(_ACCENTS)))
    if len(folded) == len(text):
        return folded, None
    at = [i for i, c in enumerate(text) if not _IGNORED_RE.match(c)]
    return folded, at + [len(text)]


def _candidates(shaped: str, rules) -> list[int]:
    """The rules (of _REPORTING or _SHIELDS) whose every cue set has a cue in the shape: no other can match."""
    automaton, needs, cueless, ascii_needs = rules
    found = 0
    for _end, bits in automaton.iter(shaped):
        found |= bits
    if not found:  # no cue at all: only a rule that needs none can match
        return cueless
    by_bit = needs if "~" in shaped else ascii_needs
    out = list(cueless)
    left = found
    while left:
        low = left & -left
        left ^= low
        for order, need in by_bit.get(low, ()):
            if found & need == need:
                out.append(order)
    return out


def _matches(folded: str, orders: list[int], texts: dict):
    """Every match of the rules at ``orders`` as sortable (start, -length, order, kind)."""
    out = []
    for order in orders:
        kind, rx, which = _COMPILED[order]
        text = texts.get(which)
        if text is None:
            text = texts[which] = folded.translate(_LOWER)
        for m in rx.finditer(text):
            start, end = m.span(1) if rx.groups and m.start(1) >= 0 else m.span()
            if end > start:
                out.append((start, -(end - start), order, kind))
    return out


def find_spans(text: str | None, field: str | None = None) -> list[Span]:
    """Return the spans of ``text`` (in ``field``) that look like never-collected data."""
    if not text:
        return []
    folded, at = fold(text)
    shaped = shape(folded)
    orders = _candidates(shaped, _REPORTING)
    if not orders:  # the usual path: no rule that reports can match, so none runs
        return []
    texts = {"cased": folded}
    found = _matches(folded, orders, texts)
    if not found:  # no rule that reports matched
        return []
    allowed = set(FIELD_ALLOWS.get(field or "", ()))
    out: list[Span] = []
    end = -1
    for start, negative_length, _order, kind in sorted(found + _matches(folded, _candidates(shaped, _SHIELDS), texts)):
        if start < end:
            continue
        end = start - negative_length
        if kind != ALLOW and kind not in allowed:
            # A span's ends in the text as given: an invisible character inside it is inside it there too.
            # So are the combining accents on its last letter.
            out.append(Span(start, end, kind) if at is None
                       else Span(at[start], _MARKS.match(text, at[end - 1] + 1).end(), kind))
    return out


_ASK_RULES = [(kind, src.translate(_ACCENTS), "cased") for kind, src, _flags in P.ASK_PATTERNS]
_ASK_COMPILED = [(kind, re.compile(src), text) for kind, src, text in _ASK_RULES]


def ask_spans(text: str | None, field: str | None = None) -> list[Span]:
    """Return the stretches the phone asks the employee about before submit: capitalised words no rule refused or
    shielded, which may be a resident's name or an agent's or staff member's (kind "name"). Only the phone acts on
    them (Remove, or keep); the server accepts what the employee kept, as in the agents' field, and never calls this.
    Not in a field that takes names (agents', staff witnesses'): there every name is asked about already."""
    if not text or "name" in FIELD_ALLOWS.get(field or "", ()):
        return []
    folded, at = fold(text)
    shaped = shape(folded)
    texts = {"cased": folded}
    asked = _ask_matches(folded)
    taken = (_matches(folded, _candidates(shaped, _REPORTING), texts)
             + _matches(folded, _candidates(shaped, _SHIELDS), texts)
             + [m for m in asked if m[3] == ALLOW])
    out = []
    for start, negative_length, _order, kind in asked:
        end = start - negative_length
        if kind == ALLOW or any(s < end and start < s - n for s, n, _o, _k in taken):
            continue
        out.append(Span(start, end, kind) if at is None else Span(at[start], _MARKS.match(text, at[end - 1] + 1).end(), kind))
    return out


# A name after an agent's or staff member's title ("Officer Garcia", "Agent Smith", "clerk Lopez"): the door
# shields these (they are not residents' names), the asked shapes need two capitalised words; masking takes the name
# (group 1). Python only: it masks what the server serves, the phone never runs it.
_TITLED = re.compile(P.L + P._any(P._AGENT, P._STAFF, "[Ss]gt", "[Ss]ergeant", "[Dd]etective", "[Dd]et", "[Cc]apt",
                                   "[Cc]aptain", "[Tt]rooper", "[Ii]nspector", "[Dd]irector", "[Ll]ieutenant", "[Ll]t")
                     + "\\.?" + P.S + "(" + P._NAME + ")")


def name_spans(text: str | None) -> list[Span]:
    """Return every stretch of ``text`` that may be a person's name, to mask it from a reader without names
    (``encounter.views.masked_text``), never to refuse it: the door's ``name`` spans with no field's exemption,
    and the phone's asked shapes with no shield (an agent's or a staff member's name is still a name).
    Sorted; may overlap."""
    if not text:
        return []
    folded, at = fold(text)
    asked = [(start, start - negative_length) for start, negative_length, _o, kind in _ask_matches(folded)
             if kind != ALLOW]
    asked += [m.span(1) for m in _TITLED.finditer(folded)]
    out = [s for s in find_spans(text) if s.kind == "name"]
    out += [Span(start, end, "name") if at is None
            else Span(at[start], _MARKS.match(text, at[end - 1] + 1).end(), "name") for start, end in asked]
    return sorted(out)


def _ask_matches(folded: str):
    out = []
    for order, (kind, rx, _which) in enumerate(_ASK_COMPILED):
        for m in rx.finditer(folded):
            start, end = m.span(1)
            out.append((start, -(end - start), order, kind))
    return out


def rules() -> dict:
    """Return the pattern set as data for the phone's matcher (JavaScript ``RegExp`` sources)."""
    return {"fold": {"from": _FOLD_FROM, "to": _FOLD_TO, "ranges": [list(r) for r in _FOLD_RANGES],
                     "ignored": [list(r) for r in _IGNORED],
                     "decomposed": [list(r) for r in _DECOMPOSED], "marks": list(_COMBINING),
                     "space_run": SPACE_RUN, "separator": _SEPARATOR}, "kinds": list(KINDS),
            "field_allows": FIELD_ALLOWS,
            "patterns": [{"kind": k, "source": s, "text": t} for k, s, t in _RULES],
            "ask": [{"kind": k, "source": s} for k, s, _t in _ASK_RULES]}
