"""Writing the texts kept beside a report's body (a note, a question, an answer, a move's reason or resolution)
and redacting them, for the tests of redaction and of the flags on those texts."""
from tests.api.retention_support import REPORT, detail
from tests.api.triage_support import triage
from tests.factories import push, push_item

WORDS = "Ana Reyes"
TEXT = f"The agents asked where {WORDS} works."
REDACTED = "The agents asked where [redacted] works."
SPAN = (TEXT.index(WORDS), TEXT.index(WORDS) + len(WORDS))


def redact(client, device, report_id, target, text_id, *spans, field=None):
    payload = {"target": target, "id": str(text_id), "spans": [{"start": s, "end": e} for s, e in spans]}
    if field:
        payload["field"] = field
    return client.post(f"{REPORT.format(report_id)}/redactions", headers=device.headers, json=payload)


def ask(client, people, rid, text=TEXT) -> str:
    response = triage(client, people["liaison.a"], rid, "questions", {"text": text})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["followup"]["id"]


def answer(client, people, followup_id, text=TEXT) -> dict:
    item = push_item({"followup_id": followup_id, "text": text, "answered_at": "2026-11-21T09:30:00Z"},
                     kind="answer")
    [result] = push(client, people["field.a"], [item]).get_json()["results"]
    assert result["status"] == "accepted", result
    return {**item, "receipt": result["receipt"]}


# Each text beside the body: how to write it (its id), and where the report's detail shows it.
def _note(client, people, rid):
    response = triage(client, people["liaison.a"], rid, "notes", {"text": TEXT})
    assert response.status_code in (200, 201), response.get_json()
    return detail(client, people["liaison.a"], rid)["notes"][-1]["id"]


def _question(client, people, rid):
    return ask(client, people, rid)


def _answer(client, people, rid):
    return answer(client, people, ask(client, people, rid, "Where did they go?"))["id"]


def _move(key, to):
    def write(client, people, rid):
        response = triage(client, people["liaison.a"], rid, "status", {"to": to, key: TEXT})
        assert response.status_code == 200, response.get_json()
        return detail(client, people["liaison.a"], rid)["triage"][-1]["id"]
    return write


def _reopen(client, people, rid):
    """Close the report, then reopen it with the text as the reason (only a reopen takes one); the reopen's id."""
    closed = triage(client, people["liaison.a"], rid, "status", {"to": "closed", "resolution": "Agents left."})
    assert closed.status_code == 200, closed.get_json()
    return _move("reason", "in_review")(client, people, rid)


WRITERS = {"note": (_note, None), "question": (_question, None), "answer": (_answer, None),
           "triage-reason": (_reopen, "reason"),
           "triage-resolution": (_move("resolution", "closed"), "resolution")}
