"""Helpers of the alert, live-event and Web Push tests: alert items and desk streams."""
import uuid

from tests.factories import push, push_item

ALERTS = "/api/v1/alerts"
EVENTS = "/api/v1/events"


def alert_body(site: str = "site-a1", encounter_id: str | None = None, **overrides) -> dict:
    """An alert body: "agents here now" at a site."""
    body = {"encounter_id": encounter_id or str(uuid.uuid4()), "site": site,
            "occurred_at": "2026-11-20T15:00:00-08:00", "agency": "ice_ero"}
    body.update(overrides)
    return body


def alert_item(body: dict | None = None, item_id: str | None = None) -> dict:
    """Wrap an alert body as a push item."""
    return push_item(body or alert_body(), item_id, kind="alert")


def push_one(client, device, item: dict) -> dict:
    """Push one item; return its result."""
    response = push(client, device, [item])
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()["results"][0]


def parse_events(raw: bytes) -> list[dict]:
    """Parse the whole Server-Sent Events in the text into [{id, event, data}] (comments and retry lines dropped)."""
    import json

    found = []
    for block in raw.decode().split("\n\n")[:-1]:  # the last piece is not terminated yet
        fields = {}
        for line in block.split("\n"):
            if line and not line.startswith(":"):
                name, _, value = line.partition(": ")
                fields[name] = value
        if "event" in fields:
            found.append({"id": int(fields["id"]), "event": fields["event"], "data": json.loads(fields["data"])})
    return found


class Stream:
    """A desk stream read through the test client, chunk by chunk (the generator runs as it is read)."""

    def __init__(self, client, device, last_event_id=None):
        headers = dict(device.headers)
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        self.response = client.get(EVENTS, headers=headers, buffered=False)
        self._chunks = iter(self.response.response)

    def next_events(self) -> list[dict]:
        """Read until the stream yields at least one event (or ends); return the events read."""
        raw = b""
        for chunk in self._chunks:
            raw += chunk
            events = parse_events(raw)
            if events and raw.endswith(b"\n\n"):
                return events
        return parse_events(raw)

    def rest(self) -> list[dict]:
        """Read to the end of the stream; return its events."""
        raw = b"".join(self._chunks)
        self.close()
        return parse_events(raw)

    def close(self):
        """End the stream as a server does when the client goes (its slot is given back)."""
        self.response.close()
