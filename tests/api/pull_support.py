"""Helpers of the pull tests (``test_pull*.py``): pull a page or to the end, record changes, check errors."""
import itertools

import pytest

from server.changes import record_change
from server.extensions import db
from server.schemas.errors import ErrorSchema
from tests.factories import settle_pull_horizon as settle

PULL = "/api/v1/sync/pull"


def assert_error_shape(response, status: int) -> dict:
    """Assert the one JSON error shape with this status and return it."""
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/json"
    error = response.get_json()
    assert {"code", "message", "description"} <= set(error) <= set(ErrorSchema().fields)
    assert error["code"] == status and error["message"]
    return {k: v for k, v in error.items() if k != "request_id"}  # differs per request


def pull(client, device, **query) -> dict:
    """Pull one page and return it, asserting a 200 answer of the documented shape."""
    settle()
    response = client.get(PULL, headers=device.headers, query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    page = response.get_json()
    assert set(page) == {"protocol", "changes", "cursor", "has_more", "held_back", "phone_retention"}
    assert page["protocol"] == 1 and isinstance(page["has_more"], bool) and isinstance(page["held_back"], bool)
    return page


def pull_all(client, device, cursor=None, limit=None) -> tuple[list[dict], str, int]:
    """Follow has_more to the end; return every change, the final cursor and the number of pages."""
    changes, pages = [], 0
    while True:
        query = {k: v for k, v in {"cursor": cursor, "limit": limit}.items() if v is not None}
        page = pull(client, device, **query)
        pages += 1
        changes += page["changes"]
        cursor = page["cursor"]
        if not page["has_more"]:
            return changes, cursor, pages
        assert pages < 1000, "has_more never became false"


def keys(changes) -> list[tuple[str, str]]:
    return [(c["kind"], c["id"]) for c in changes]


_serial = itertools.count(1)


def add_site_changes(world, dept: str, count: int) -> list[tuple[str, str]]:
    """Record ``count`` site changes for a department, committed; return their keys."""
    made = []
    for _ in range(count):
        n = next(_serial)
        code = f"site-{dept.lower()}-extra{n}"
        record_change("site", code, {"code": code, "name": f"Extra {n}"}, department_id=world.departments[dept].id)
        made.append(("site", code))
    db.session.commit()
    return made


@pytest.fixture
def field_a(world, login):
    """Field user of department A, signed in on a phone."""
    return login("field.a")
