"""Precision and recall of the sensitive-text pattern set on the labelled corpus, per class.

    .venv/bin/python -m bench.sensitive [--misses] [--holdout] [--holdout-file NAME]

The corpus is tests/encounter/corpus/*.txt (format in its README.md). A found span counts
when it overlaps an expected span of the same kind; each expected span is found at most once.
Also prints how many clean sentences raise any span, and the matcher's CPU time (process time,
so that other load on the machine counts less) per sentence and per realistic push report, beside
the cost of every pattern on every field (find_spans without the cues that let it skip rules).
``--holdout`` scores corpus/holdout/ instead: sentences written after the patterns were tuned
and never tuned against (the main corpus's figures are in-sample); ``--holdout-file en.txt`` scores
that one holdout file alone.
"""
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from encounter import sensitive

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "encounter" / "corpus"
_MARK = re.compile(r"\{(\w+):([^{}]+)\}")


@dataclass(frozen=True)
class Sentence:
    """One labelled sentence: its field, plain text, expected spans (code points), and source line."""

    field: str
    text: str
    spans: tuple
    source: str


def parse(line: str, source: str) -> Sentence:
    """Turn ``field | text with {kind:words}`` into a Sentence with offsets into the plain text."""
    field, marked = (part.strip() for part in line.split("|", 1))
    text, spans, last = "", [], 0
    for m in _MARK.finditer(marked):
        text += marked[last:m.start()]
        kind, words = m.group(1), m.group(2)
        if kind not in sensitive.KINDS:
            raise ValueError(f"{source}: unknown kind {kind!r}")
        spans.append(sensitive.Span(len(text), len(text) + len(words), kind))
        text += words
        last = m.end()
    return Sentence(field, text + marked[last:], tuple(spans), source)


def load(folder: Path = CORPUS, pattern: str = "*.txt") -> list[Sentence]:
    """Every labelled sentence of the corpus (or of its files matching ``pattern``), in file order."""
    out = []
    for path in sorted(folder.glob(pattern)):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.startswith("#"):
                out.append(parse(line, f"{path.name}:{number}"))
    return out


def score(sentences: list[Sentence]) -> dict:
    """Count per kind: expected, found (true positives), extra (false positives); and the misses."""
    counts = {kind: {"expected": 0, "found": 0, "extra": 0} for kind in sensitive.KINDS}
    misses = []
    for s in sentences:
        predicted = sensitive.find_spans(s.text, s.field)
        used = set()
        for e in s.spans:
            counts[e.kind]["expected"] += 1
            hit = next((i for i, p in enumerate(predicted) if i not in used and p.kind == e.kind
                        and p.start < e.end and e.start < p.end), None)
            if hit is None:
                misses.append((s, "missed", e))
            else:
                used.add(hit)
                counts[e.kind]["found"] += 1
        for i, p in enumerate(predicted):
            if i not in used:
                counts[p.kind]["extra"] += 1
                misses.append((s, "extra", p))
    return {"counts": counts, "misses": misses}


def rates(counts: dict) -> dict:
    """Recall and precision per kind and overall (None where there is nothing to divide)."""
    out = {}
    for kind, c in {**counts, "all": {k: sum(c[k] for c in counts.values()) for k in ("expected", "found", "extra")}}.items():
        claimed = c["found"] + c["extra"]
        out[kind] = {"recall": c["found"] / c["expected"] if c["expected"] else None,
                     "precision": c["found"] / claimed if claimed else None, **c}
    return out


def table(sentences: list[Sentence]) -> str:
    """The precision/recall table as Markdown, with the corpus size and the clean sentences flagged."""
    result = rates(score(sentences)["counts"])
    fmt = lambda x: "–" if x is None else f"{x:.3f}"  # noqa: E731
    lines = ["| class | expected | found | false positives | recall | precision |", "|---|---:|---:|---:|---:|---:|"]
    for kind, r in result.items():
        lines.append(f"| {kind} | {r['expected']} | {r['found']} | {r['extra']} | {fmt(r['recall'])} | "
                     f"{fmt(r['precision'])} |")
    clean = [s for s in sentences if not s.spans]
    flagged = sum(1 for s in clean if sensitive.find_spans(s.text, s.field))
    lines.append(f"\n{len(sentences)} sentences ({len(sentences) - len(clean)} with identifiers, {len(clean)} clean); "
                 f"{flagged} clean sentences raise a span.")
    lines.append(second_look(sentences))
    return "\n".join(lines)


def second_look(sentences: list[Sentence]) -> str:
    """What the phone's second look adds (encounter.sensitive.ask_spans): the names the door missed that it asks
    about instead, and the clean sentences it asks about (a tap each: the employee keeps a staff member's name)."""
    missed = asked = 0
    for s in sentences:
        found, asks = sensitive.find_spans(s.text, s.field), sensitive.ask_spans(s.text, s.field)
        for e in s.spans:
            if e.kind == "name" and not any(p.kind == "name" and p.start < e.end and e.start < p.end for p in found):
                missed += 1
                asked += any(a.start < e.end and e.start < a.end for a in asks)
    clean = [s for s in sentences if not s.spans]
    bothered = sum(1 for s in clean if sensitive.ask_spans(s.text, s.field))
    return (f"second look (asked, not refused): {asked} of the {missed} names missed are asked about; "
            f"{bothered} of {len(clean)} clean sentences ask the employee once or more.")


def main(argv: list[str] | None = None) -> int:
    """Print the table (and with ``--misses`` every miss and false positive) and the time per sentence."""
    argv = sys.argv[1:] if argv is None else argv
    if "--holdout-file" in argv:
        name = argv[argv.index("--holdout-file") + 1]
        sentences = load(CORPUS / "holdout", name)
        if not sentences:
            raise SystemExit(f"no sentences in {CORPUS / 'holdout' / name}")
    else:
        sentences = load(CORPUS / "holdout" if "--holdout" in argv else CORPUS)
    print(table(sentences))
    if "--misses" in argv:
        for s, what, span in score(sentences)["misses"]:
            print(f"{what:6} {span.kind:15} {s.text[span.start:span.end]!r:40} {s.source}: {s.text}")
    started = time.process_time()
    rounds = 20
    for _ in range(rounds):
        for s in sentences:
            sensitive.find_spans(s.text, s.field)
    per = (time.process_time() - started) / (rounds * len(sentences))
    print(f"find_spans: {per * 1e6:.0f} µs per sentence (mean of {rounds} passes over the corpus)")
    fast, slow = per_report(sensitive.find_spans), per_report(every_pattern)
    print(f"find_spans over a push report's free-text fields (300 seeded bench.reports reports, every tenth with a "
          f"labelled identifier sentence in its notes): {fast * 1e6:.0f} µs per report, {fast / 1e-3:.0%} of the "
          f"~1 ms a push spends per report; every pattern on every field (no cues): {slow * 1e6:.0f} µs")
    worst, which = worst_case()
    print(f"slowest hostile text of 2,000 characters (cue words, then long runs of spaces, tabs or punctuation): "
          f"{worst * 1e3:.1f} ms ({which})")
    return 0


def every_pattern(text: str | None, field: str | None = None) -> list:
    """find_spans as it was before the cues (every pattern on every non-empty field): the reference cost."""
    if not text:
        return []
    folded, _at = sensitive.fold(text)  # the corpus has no invisible characters: offsets are the text's
    found = sensitive._matches(folded, range(len(sensitive._RULES)), {"cased": folded})
    allowed, out, end = sensitive.FIELD_ALLOWS.get(field or "", ()), [], -1
    for start, negative_length, _order, kind in sorted(found):
        if start >= end:
            end = start - negative_length
            if kind != sensitive.ALLOW and kind not in allowed:
                out.append(sensitive.Span(start, end, kind))
    return out


def reports(count: int = 300) -> list[dict]:
    """Seeded realistic reports (bench/push.py's); every tenth carries a labelled identifier sentence in its notes."""
    from bench.reports import report_body
    rng = random.Random(1)
    version = {"id": "v", "steps": [{"id": f"s{i}"} for i in range(14)]}
    bodies = [report_body(rng, version, [{"code": "x", "area_types": ["public"]}]) for _ in range(count)]
    dirty = [s.text for s in load() if s.spans]
    for body in bodies[::10]:
        body["notes"] = (body.get("notes") or "") + " " + rng.choice(dirty)
    return bodies


def worst_case() -> tuple[float, str]:
    """The slowest of a few thousand hostile texts of 2,000 characters (each rule's cue words, then long runs of spaces,
    tabs or punctuation, then one character): a rule that tries every split of a run shows here, not in the averages."""
    from encounter.sensitive_cues import cues
    words = {cue.strip().replace("~", "") for kind, source, text in sensitive._RULES
             for cue_set in cues(source, text == "lower")[:1] for cue in sorted(cue_set)[:6]}
    fills = [" " * 1999, " \t" * 999, ", " * 999, "a " * 999, "A " * 999, "1 " * 999, ". " * 999, " , " * 666,
             "Ab, " * 499]
    worst, which = 0.0, ""
    for word in sorted(words):
        for fill in fills:
            for end in ("x", "A", "1", ","):
                text = (word + " " + fill)[:1999] + end
                started = time.perf_counter()
                sensitive.find_spans(text, "notes")
                took = time.perf_counter() - started
                if took > worst:
                    worst, which = took, f"{word!r} + {fill[:4]!r}… + {end!r}"
    return worst, which


def per_report(find=sensitive.find_spans, count: int = 300) -> float:
    """Seconds ``find`` takes over every free-text field of one realistic report (the same reports each call)."""
    from server.kinds import FREE_TEXT_FIELDS  # the server's list (imported here: the corpus tests need no server)
    bodies = reports(count)
    started = time.process_time()
    for _ in range(3):
        for body in bodies:
            for name in FREE_TEXT_FIELDS:
                find(body.get(name), name)
    return (time.process_time() - started) / (3 * count)


if __name__ == "__main__":
    raise SystemExit(main())
