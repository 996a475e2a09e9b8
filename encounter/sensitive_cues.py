"""A cheap proof that free text cannot match any never-collect rule, derived from the rules themselves.

Most report text is clean, and running every pattern of encounter/sensitive_patterns.py over it costs
more than the rest of a push. So, before the patterns run, the text is reduced to a coarse
"shape" (``shape``: ASCII letters lower-cased, every digit ``0``, ``@`` kept, other scripts ``~``, everything
else a space, one character per code point, a space in front) and searched once for the cues: for each rule,
up to three sets of short strings such that the shape of any match of that rule holds a string of every
set. A rule with a set unmet cannot match, so ``find_spans`` skips it (and returns ``[]`` when no reporting rule is left).

The cues are read off each pattern's parse tree (``re._parser``, the parser ``re.compile`` uses), never
written by hand: a literal, or a small character class, is the set of its shapes; a sequence
multiplies them out while the set stays small; an alternation unites its branches' sets; a repeat
of at least one keeps its body's; lookaheads, anchors and optional parts may be skipped (they only
narrow what matches, so leaving them out keeps the condition necessary). The phone needs none of
this: it is only a shortcut to the same answer, and tests/encounter/test_sensitive_cues.py checks on
the corpus that every rule's every match meets its sets and that every skipped rule had no match.
"""
from re import _constants as C, _parser

_LIMIT = 512  # the most strings a cue set may hold before a sequence stops multiplying out

# Each byte's shape: letters lower-cased, digits "0", "@" itself (the one cue an e-mail address is sure to
# hold), every code point outside ASCII "~" (sent as "?", so a question mark is "~" too: a cue of the other
# scripts' words is then only "this text has so many such letters in a row"), all else a space.
_SHAPE = bytes(c | 0x20 if chr(c).isascii() and chr(c).isalpha() else ord("0") if chr(c).isdigit()
               and c < 128 else c if chr(c) == "@" else ord("~") if chr(c) == "?" else ord(" ") for c in range(256))
# One code point that stands for every non-ASCII one (they all have the shape "~"); a class matches it when it
# can match some non-ASCII code point (_in_class).
_OTHER = "\u00e9"
_PROBES = [chr(c) for c in range(128)] + [_OTHER]
# A rule run on lower-cased text never meets an ASCII capital, so its classes are probed without them.
_LOWER_PROBES = [c for c in _PROBES if not "A" <= c <= "Z"]


def shape(text: str) -> str:
    """Return the coarse shape the cues are searched in: one character per code point of ``text``."""
    return (" " + text).encode("ascii", "replace").translate(_SHAPE).decode("ascii")


def _shape_of(char: str) -> str:
    return chr(_SHAPE[ord(char)]) if char.isascii() else "~"


def _in_class(items, char: str) -> bool:
    """Whether a parsed character class (``IN`` items) matches ``char``; unknown items count as matching.
    For _OTHER: whether it can match any code point outside ASCII (a negated class always can)."""
    negate, hit = False, False
    for op, arg in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            hit = hit or (arg >= 128 if char == _OTHER else ord(char) == arg)
        elif op is C.RANGE:
            hit = hit or (arg[1] >= 128 if char == _OTHER else arg[0] <= ord(char) <= arg[1])
        else:
            return True
    if char == _OTHER and negate:
        return True
    return hit != negate


def _product(left: set, right: set) -> set:
    return {a + b for a in left for b in right}


def _useful(candidates: list) -> list:
    """The cue sets worth searching for (none holding the empty string), most selective first."""
    useful = [c for c in candidates if c and "" not in c]
    return sorted(useful, key=lambda c: (-min(map(len, c)), len(c)))


def _info(item, probes: list) -> tuple:
    """(exact, cue sets) for one parsed item: every shape it can match if few, else None; and necessary sets."""
    op, arg = item
    if op is C.LITERAL:
        return {_shape_of(chr(arg))}, []
    if op is C.IN:
        shapes = {_shape_of(ch) for ch in probes if _in_class(arg, ch)}
        return (shapes if len(shapes) <= _LIMIT else None), []
    if op is C.AT:  # a text's start is preceded, in its shape, by the space put there
        return ({" "} if arg in (C.AT_BEGINNING, C.AT_BEGINNING_STRING) else {""}), []
    if op in (C.ASSERT, C.ASSERT_NOT):
        return {""}, []
    if op is C.SUBPATTERN:
        return _sequence(arg[-1], probes)[:2]
    if op is C.BRANCH:
        infos = [_sequence(branch, probes)[:2] for branch in arg[1]]
        exact = set().union(*(e for e, _ in infos)) if all(e is not None for e, _ in infos) else None
        best = [(_useful(sets + ([e] if e is not None else [])) or [None])[0] for e, sets in infos]
        union = [set().union(*best)] if all(c is not None for c in best) else []
        return (exact if exact is not None and len(exact) <= _LIMIT else None), union
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, body = arg
        exact, sets = _sequence(body, probes)[:2]
        if exact is not None and high <= 8 and len(exact) ** max(high, 1) <= _LIMIT:
            out, power = set(), {""}
            for times in range(high + 1):
                if times >= low:
                    out |= power
                power = _product(power, exact)
            return out, []
        if low >= 1:
            return None, sets + ([exact] if exact is not None else [])
        return None, []
    return None, []  # anything else: no exact shapes, no cues (never wrongly excludes)


def _sequence(items, probes: list, prefix: frozenset = frozenset({""})) -> tuple:
    """(exact, cue sets, tail) for a sequence after ``prefix``: shapes multiplied out while few, every
    necessary set seen, and the shapes its end can have (a group goes on from what came before it)."""
    current, candidates, whole = set(prefix), [], True
    for item in items:
        if item[0] is C.SUBPATTERN:
            exact, sets, tail = _sequence(item[1][-1], probes, current)
            candidates += sets
            current, whole = (tail, False) if exact is None else (exact, whole)
            continue
        if item[0] is C.BRANCH and current != {""}:  # each branch goes on from what came before it
            infos = [_sequence(branch, probes, current) for branch in item[1][1]]
            if any(e is None for e, _s, _t in infos):
                best = [(sets or [None])[0] for _e, sets, _t in infos]
                candidates += [set().union(*best)] if all(b is not None for b in best) else []
                tails = set().union(*(t for _e, _s, t in infos))
                current, whole = (tails if len(tails) <= _LIMIT else {""}), False
                continue
        if item[0] is C.MAX_REPEAT and item[1][0] >= 1 and (body := _sequence(item[1][2], probes)[0]) is not None:
            if item[1][1] > 8 or len(body) ** item[1][1] > _LIMIT:  # x{n,}: starts with n x's, ends with one
                head = current
                for _ in range(item[1][0]):
                    if len(head) * len(body) > _LIMIT:  # too many to go on: what came before is a cue of its own
                        candidates.append(head)
                        head = {""}
                    head = _product(head, body)
                candidates.append(head)
                current, whole = body, False
                continue
        exact, sets = _info(item, probes)
        candidates += sets
        if exact is None:
            candidates.append(current)
            current, whole = {""}, False
        elif len(current) * len(exact) > max(_LIMIT, len(current), len(exact)):
            candidates.append(current)
            current, whole = exact, False
        else:
            current = _product(current, exact)
    candidates.append(current)
    return (current if whole else None), _useful(candidates), current


def _implied(weaker: set, stronger: set) -> bool:
    """Whether containing a string of ``stronger`` already means containing one of ``weaker``."""
    return all(any(w in s for w in weaker) for s in stronger)


def _weak(cue_set: set) -> bool:
    """Whether almost any prose holds one of these: a string of one or two letters or spaces (" a", "e ": every
    word's end), or one character alone ("0": every digit)."""
    return any(len(cue) == 1 or len(cue) == 2 and all(c == " " or c.isalpha() for c in cue) for cue in cue_set)


def cues(source: str, lower: bool = False, most: int = 3) -> list:
    """Return up to ``most`` sets of strings such that the shape of any match of ``source`` (run on
    lower-cased text if ``lower``) contains one string of every set ([]: none derivable, the rule
    always runs). Weak sets, and sets another set already implies, are left out: fewer hits to sort."""
    exact, found, _tail = _sequence(_parser.parse(source), _LOWER_PROBES if lower else _PROBES)
    kept: list = []
    # Weak sets last, so a rule with a selective set keeps it and leaves the weak one out: a weak set's cues are
    # hit at nearly every word, and each hit is a step of the search (an e-mail's last letter before a space).
    for cue_set in sorted(_useful(found + ([exact] if exact is not None else [])), key=_weak):
        cue_set = {cue for cue in cue_set if not any(other in cue for other in cue_set if other != cue)}
        if not (kept and _weak(cue_set)) and not any(_implied(cue_set, k) for k in kept):
            kept.append(cue_set)
    return kept[:most]
