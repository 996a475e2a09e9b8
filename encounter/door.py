"""Minimisation at the door: an item whose free text still holds never-collected data is refused.

BRIEF.md, "Never collect": free text that looks like it holds such data is stopped at the
door. The phone removes each span before submit; an older phone or another client may
still send one, so the server checks every free-text field with the same pattern set
(``encounter.sensitive.find_spans``) and refuses the whole item, naming each field, kind and
character offsets (code points of the string as sent), never the words. Nothing of a
refused item is stored, logged, audited or indexed.
"""
from encounter import sensitive
from encounter.field_message import coded
from encounter.vocabulary import ANSWER_TEXT_FIELD, COUNSEL_NOTE_FIELD, FREE_TEXT_FIELDS

REASON = "sensitive_text"
MESSAGE = "the item was not stored: free text looks like it holds what must never be collected; " \
          "remove the marked spans and send it again"
# Which body fields of each kind are free text the City then holds.
# ``counsel_answer`` is not pushed: counsel's note is checked at its desk endpoint with the same door.
# The ``triage_*`` kinds are what a liaison types at the desk (docs/desk-api.md, Triage): an internal
# note, a question that reaches the reporter's phone, a status move's reason and resolution, which
# the Mayor's Office reads once a report is escalated. The desk checks them before sending.
FIELDS_BY_KIND = {"encounter": FREE_TEXT_FIELDS, "answer": (ANSWER_TEXT_FIELD,), "counsel_answer": (COUNSEL_NOTE_FIELD,),
                  "alert": (),  # an alert has no free text
                  "triage_note": ("text",), "triage_question": ("text",), "triage_status": ("resolution", "reason")}


def spans(body: dict, fields) -> list[dict]:
    """Return ``[{field, start, end, kind}]`` for every never-collected span in the body's free text."""
    out = []
    for field in fields:
        text = body.get(field)
        found = sensitive.find_spans(text, field) if isinstance(text, str) else None
        if found:  # most often none: no generator built for nothing
            out.extend({"field": field, "start": s.start, "end": s.end, "kind": s.kind} for s in found)
    return out


def field_errors(found: list[dict]) -> dict[str, list[str]]:
    """Return ``{field: [message]}`` naming the kinds and offsets of each field's spans, never the words.

    Code ``sensitive`` with the field's kinds, in order, once each: a client says it in its own words.
    """
    by_field: dict[str, list[str]] = {}
    for span in found:
        by_field.setdefault(span["field"], []).append(f"{span['kind']} at {span['start']}-{span['end']}")
    kinds = {field: list(dict.fromkeys(s["kind"] for s in found if s["field"] == field)) for field in by_field}
    return {field: [coded("sensitive", "looks like never-collected data (" + ", ".join(parts) + "); remove it",
                          kinds=kinds[field])]
            for field, parts in by_field.items()}


def refusal_errors(found: list[dict]) -> dict:
    """Return a desk endpoint's 422 ``errors``: each field's messages, and ``spans`` (offsets and kinds only)."""
    return {**field_errors(found), "spans": found}


def document() -> dict:
    """Return the door's rule as data for ``pwa/src/rules/door.json``: the reason and the checked fields."""
    return {"reason": REASON, "fields": {kind: list(fields) for kind, fields in FIELDS_BY_KIND.items()}}
