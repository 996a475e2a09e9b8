"""Form numbers (I-200, I-205, I-138, I-94) never break across lines after their hyphen.

A narrow phone with large text would otherwise show "Form I-" at a line's end and "200" on the
next, where an employee checking a warrant under stress reads a different thing. Every text the
City writes for a screen carries U+2060 WORD JOINER right after the hyphen: the hyphen stays the
ordinary one, so find-in-page for "I-200" still finds it and a screen reader reads it as before
(docs/decisions.md, "Desk ends"). This is the rule's one statement: the dev check of the message
catalogs reads it from ``pwa/src/rules/form_numbers.json`` (``pwa/check-catalogs.mjs``), and the
server applies it to what a trainer types into a checklist (``server/schemas/checklists.py``).

``PATTERN`` is written for both Python's ``re`` (with ``re.ASCII``) and JavaScript's ``RegExp``,
so the two read the same letters, digits and word boundaries.
"""
import re

JOINER = "\u2060"
# A capital letter and a hyphen not yet followed by the joiner, before 2-3 digits and an optional letter
# (I-200, I-94, I-589A). The regex escape \u2060 (not the invisible character) keeps the JSON readable.
# Not where more digits follow a separator: that is a number written in groups (an A-number "A-123-456-789",
# a document's "X-123-45678"), never a form, and joined it would pass the sensitive-text rules once copied
# from a screen and pasted back (docs/decisions.md, "A form number's joiner in text sent back").
PATTERN = r"\b[A-Z]-(?!\u2060)(?=\d{2,3}[A-Z]?\b(?![-./ ]?\d))"
_FORM_NUMBER = re.compile(PATTERN, re.ASCII)


def breakable(text: str) -> bool:
    """Whether ``text`` holds a form number a line could break inside."""
    return _FORM_NUMBER.search(text) is not None


def join(text: str) -> str:
    """Return ``text`` with a word joiner after every form number's hyphen that lacks one (idempotent)."""
    return _FORM_NUMBER.sub(lambda match: match.group(0) + JOINER, text)


def without_joiners(text: str) -> str:
    """Return ``text`` as typed: what a length limit counts (the joiner is invisible and added by us)."""
    return text.replace(JOINER, "")


def document() -> dict:
    """Return the rule as data for ``pwa/src/rules/form_numbers.json``."""
    return {"pattern": PATTERN, "joiner": JOINER}
