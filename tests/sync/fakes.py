"""Small fakes for the protocol's unit tests: a kind, a clock, a failing store and item builders."""
from datetime import datetime, timedelta, timezone
from uuid import UUID, uuid4

from sync.cursor import CursorSeal
from sync.envelope import Checked, Principal, PushRequest
from sync.errors import StoreUnavailable
from sync.memory import MemoryStore

# The seal a server keyed with "test" uses: cursors handed back travel sealed, as a phone holds them.
SEAL = CursorSeal("test")

DEVICE = UUID("3f0c9d7e-1b2a-4c5d-8e9f-0a1b2c3d4e5f")
PRINCIPAL = Principal(user_id=1, role="field", department_id=10, device_id=DEVICE)
OTHER_DEPARTMENT = Principal(user_id=2, role="field", department_id=20, device_id=uuid4())
BAD_FIELD_ERRORS = {"bad": ["this field is not allowed"]}


class FakeKind:
    """A kind that refuses bodies with a ``bad`` key and otherwise returns a record naming itself."""

    def __init__(self, name: str, schema_versions=frozenset({1, 2})):
        self.name = name
        self.schema_versions = frozenset(schema_versions)
        self.calls: list[tuple[Principal, int, dict]] = []

    def check(self, principal: Principal, schema_version: int, body: dict) -> Checked:
        """Refuse a ``bad`` key with field errors; otherwise answer a record the store keeps."""
        self.calls.append((principal, schema_version, body))
        if "bad" in body:
            return Checked(errors=BAD_FIELD_ERRORS)
        return Checked(record={"kind": self.name, "schema_version": schema_version, "user_id": principal.user_id})


def make_kinds() -> dict[str, FakeKind]:
    """Return two fresh kinds, so that one id pushed under both is a conflict."""
    return {"note": FakeKind("note"), "photo": FakeKind("photo", {1})}


class FakeClock:
    """A clock that answers a fixed time until told to move on."""

    def __init__(self, now: datetime = datetime(2026, 11, 21, 18, 18, 37, 801000, tzinfo=timezone.utc)):
        self.now = now
        self.readings = 0

    def __call__(self) -> datetime:
        """Return the current fake time."""
        self.readings += 1
        return self.now

    def advance(self, **delta) -> datetime:
        """Move the clock forward by a timedelta's keyword arguments and return the new time."""
        self.now += timedelta(**delta)
        return self.now


class FailingStore(MemoryStore):
    """A MemoryStore whose next ``failures`` calls to store_items fail transiently, storing nothing."""

    def __init__(self, failures: int = 1, **kwargs):
        super().__init__(**kwargs)
        self.failures = failures
        self.store_calls = 0

    def store_items(self, principal, items, received_at):
        """Fail while failures remain, as a database that is down would; then store normally."""
        self.store_calls += 1
        if self.failures > 0:
            self.failures -= 1
            raise StoreUnavailable("the database is unavailable")
        return super().store_items(principal, items, received_at)


def new_id() -> str:
    """Return a fresh item id as a client sends it."""
    return str(uuid4())


def item(id: str | None = None, kind: str = "note", schema_version=1, body=None, **extra) -> dict:
    """Build a raw push item; unspecified parts are valid."""
    raw = {"id": id or new_id(), "kind": kind, "schema_version": schema_version,
           "body": {"text": "an encounter", "count": 2} if body is None else body}
    raw.update(extra)
    return raw


def push_request(items: list, protocol=1) -> PushRequest:
    """Wrap raw items in a push request from the test device."""
    return PushRequest(protocol=protocol, device_id=DEVICE, items=items)


def same_department(principal: Principal, audience: dict) -> bool:
    """Admit a change addressed to everyone, or to the principal's department or user id."""
    if "department_id" in audience:
        return audience["department_id"] == principal.department_id
    if "user_id" in audience:
        return audience["user_id"] == principal.user_id
    return True
