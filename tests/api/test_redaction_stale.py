"""A redaction chosen in a text that has changed since is refused, not applied to other words.

Offsets count characters of the text the liaison read. Once another redaction (a colleague's tab, a retried
request) has changed that text, the same offsets point at other characters: before this guard the server
removed them, ate part of the earlier "[redacted]" mark and said 200, while the words the liaison chose stayed.
"""
import hashlib
import json

from tests.api.reports_support import error_body, report, uncoded
from tests.api.retention_support import REPORT, audit_of, detail
from tests.api.test_redaction_beside import TEXT, WORDS, _note, people  # noqa: F401 (fixture)

MAN = "tall man"
NOTES = f"Agents asked for the {MAN} at the door, then for the {MAN}'s car."


def digest(text: str) -> str:
    """What the desk sends: the SHA-256 of the UTF-8 text it counted the offsets in."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def post(client, device, rid, payload):
    return client.post(f"{REPORT.format(rid)}/redactions", headers=device.headers, json=payload)


def test_a_second_liaison_redacting_a_note_from_a_stale_copy_gets_409_and_the_note_keeps_the_first_redaction(
        client, world, people):
    rid = report(client, world, people["field.a"])
    note = _note(client, people, rid)
    start = TEXT.index(WORDS)
    seen = {"target": "note", "id": note, "text_sha256": digest(TEXT),
            "spans": [{"start": start, "end": start + len(WORDS)}]}
    assert post(client, people["liaison.a"], rid, seen).status_code == 200
    first = next(n["text"] for n in detail(client, people["liaison.a"], rid)["notes"] if n["id"] == note)

    body = error_body(post(client, people["liaison.a"], rid, seen), 409, "text_changed")

    assert WORDS not in json.dumps(body)
    assert next(n["text"] for n in detail(client, people["liaison.a"], rid)["notes"] if n["id"] == note) == first
    assert len(audit_of(rid, "report.redact")) == 1


def test_a_body_redaction_from_a_stale_copy_gets_409_and_one_counted_in_the_current_text_goes_through(
        client, world, people):
    rid = report(client, world, people["field.a"], notes=NOTES)
    liaison = people["liaison.a"]
    first = NOTES.index(MAN)
    assert post(client, liaison, rid, {"field": "notes", "text_sha256": digest(NOTES),
                                       "spans": [{"start": first, "end": first + len(MAN)}]}).status_code == 200
    now = detail(client, liaison, rid)["body"]["notes"]
    second = NOTES.rindex(MAN)  # counted in the old text: two characters off now

    error_body(post(client, liaison, rid, {"field": "notes", "text_sha256": digest(NOTES),
                                           "spans": [{"start": second, "end": second + len(MAN)}]}), 409,
               "text_changed")
    assert detail(client, liaison, rid)["body"]["notes"] == now

    again = now.index(MAN)
    response = post(client, liaison, rid, {"field": "notes", "text_sha256": digest(now),
                                           "spans": [{"start": again, "end": again + len(MAN)}]})
    assert response.status_code == 200, response.get_json()
    assert detail(client, liaison, rid)["body"]["notes"] == (
        "Agents asked for the [redacted] at the door, then for the [redacted]'s car.")


def test_a_malformed_text_digest_is_422_naming_it(client, world, people):
    rid = report(client, world, people["field.a"], notes=NOTES)
    body = error_body(post(client, people["liaison.a"], rid, {"field": "notes", "text_sha256": "abc",
                                                             "spans": [{"start": 0, "end": 3}]}), 422)
    assert "text_sha256" in json.dumps(body["errors"])
    assert uncoded(body) == []
    assert detail(client, people["liaison.a"], rid)["body"]["notes"] == NOTES
