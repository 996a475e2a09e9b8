"""Redaction: what a liaison may remove from a stored report, and how a span is removed.

BRIEF.md: "a liaison can remove words or photos a report should not hold; the audit says
that it happened, by whom and where, never what was removed." This module decides which
texts may be redacted (``TEXTS``: the body's free-text fields, and the texts kept beside the
body: notes, follow-up questions, answers, the reasons and resolutions of triage moves) and
turns a request (target, field, spans) into the new text and the number of characters
removed. The server writes the result (the text, what is derived from it, the audit) in one
transaction; the receipt hash stays that of what was received (``docs/decisions.md``).
"""
import hashlib
from dataclasses import dataclass

from encounter.field_message import coded
from encounter.vocabulary import FREE_TEXT_FIELDS

REDACTABLE_FIELDS: tuple[str, ...] = tuple(FREE_TEXT_FIELDS)
BODY = "body"
# Every text a report holds, by target: which fields of it hold words a liaison may remove. Besides the
# body: a liaison's internal note, a follow-up question (it also travels to the reporter's phone), the
# reporter's answer (its text, also in the answer's pushed body), and a triage move's reason or resolution.
TEXTS: dict[str, tuple[str, ...]] = {
    BODY: REDACTABLE_FIELDS,
    "note": ("text",),
    "question": ("question",),
    "answer": ("text",),
    "triage": ("reason", "resolution"),
}
# What replaces each removed span, so a reader sees that something was taken out (and where).
MARK = "[redacted]"


class RedactionRefused(Exception):
    """A redaction request the rules refuse: ``errors`` is ``{field: [messages]}``, never the text."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("the redaction was refused")
        self.errors = errors


class TextChanged(Exception):
    """The text is no longer the one the spans were counted in (``seen``): its offsets mean other words now."""


def digest(text: str) -> str:
    """The SHA-256 (hex) of a text's UTF-8: how a request names the text its offsets were counted in.

    Offsets alone cannot tell a text read before a colleague's redaction from the text now (the mark
    need not be as long as the words it replaced, and when it is, the length is the same too); a digest
    can, and it carries none of the words.
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Redacted:
    """The outcome of one redaction: the field's new text and how many characters went."""

    field: str
    text: str
    removed: int
    spans: int


def merge_spans(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Check spans against a text of ``length`` code points; return them sorted with overlaps joined."""
    if not spans:
        raise RedactionRefused({"spans": [coded("count", "give at least one span to remove", min=1)]})
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if not (0 <= start < end <= length):
            raise RedactionRefused({"spans": [coded(
                "range", f"each span needs 0 <= start < end <= {length} (the field's length)", min=0, max=length)]})
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def field_of(target: str, field: str | None) -> str:
    """The field of ``target`` a request means: the one named, or the target's only one when none is named."""
    if target not in TEXTS:
        raise RedactionRefused({"target": [coded("one_of", f"must be one of: {', '.join(TEXTS)}", choices=list(TEXTS))]})
    allowed = TEXTS[target]
    if field is None and len(allowed) == 1:
        return allowed[0]
    if field not in allowed:
        what = "the free-text fields" if target == BODY else f"the texts of a {target}"
        raise RedactionRefused({"field": [coded("one_of", f"must be one of {what}: {', '.join(allowed)}",
                                                  choices=list(allowed))]})
    return field


def redact(texts: dict, field: str | None, spans: list[tuple[int, int]], target: str = BODY,
           seen: str | None = None) -> Redacted:
    """Remove ``spans`` (code-point offsets, end exclusive) from ``texts[field]``; ``texts`` is not changed.

    ``texts`` is the report's body (target ``body``) or the fields of the one text beside it named by
    ``target`` (``{"text": …}`` of a note, ``{"reason": …, "resolution": …}`` of a triage move…).
    ``seen``, when given, is the ``digest`` of the text the spans were counted in: a text changed since
    (another redaction) raises ``TextChanged`` rather than removing whatever the offsets now point at.
    """
    field = field_of(target, field)
    text = texts.get(field)
    if not isinstance(text, str) or not text:
        raise RedactionRefused({"field": [coded("not_allowed", "this report holds no text in that field")]})
    if seen is not None and seen != digest(text):
        raise TextChanged(f"the {target}'s {field} changed since its offsets were counted")
    merged = merge_spans(spans, len(text))
    parts, cursor = [], 0
    for start, end in merged:
        parts += [text[cursor:start], MARK]
        cursor = end
    parts.append(text[cursor:])
    return Redacted(field, "".join(parts), sum(end - start for start, end in merged), len(merged))


def without_photo(body: dict, sha256: str) -> dict:
    """Return a copy of the body without the photo ``sha256``; refuse a photo the body does not reference."""
    photos = body.get("photos") or []
    kept = [photo for photo in photos if photo.get("sha256") != sha256]
    if len(kept) == len(photos):
        raise RedactionRefused({"sha256": [coded("not_found", "is not a photo of this report", value=sha256)]})
    return {**body, "photos": kept}
