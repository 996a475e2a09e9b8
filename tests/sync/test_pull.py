"""Pull against the in-memory store: order, paging without gaps, visibility and bad cursors."""
import pytest

from sync import BadCursor, Cursor, pull
from sync.memory import MemoryStore
from tests.sync.fakes import OTHER_DEPARTMENT, PRINCIPAL, SEAL, same_department

CHANGE_COUNT = 7


def fill(store: MemoryStore, count: int = CHANGE_COUNT) -> list:
    """Record ``count`` site changes and return them in the order recorded."""
    return [store.record_change("site", f"site-{n}", {"n": n}) for n in range(count)]


def pull_all(store: MemoryStore, principal, limit: int, cursor: str | None = None) -> list:
    """Pull page after page while has_more, returning every page."""
    pages = []
    while True:
        page = pull(store, principal, cursor, limit, SEAL)
        pages.append(page)
        cursor = SEAL.seal(page.cursor)
        if not page.has_more:
            return pages
        assert len(pages) <= 100, "pull never reported the end"


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.mark.parametrize("cursor", [None, ""], ids=["no-cursor", "empty-cursor"])
def test_pulling_from_no_cursor_returns_every_change_in_the_order_recorded(store, cursor):
    recorded = fill(store)

    page = pull(store, PRINCIPAL, cursor, 100, SEAL)

    assert page.changes == recorded
    assert page.has_more is False
    assert page.cursor == recorded[-1].cursor


def test_pulling_an_empty_log_returns_an_empty_page_at_the_start(store):
    page = pull(store, PRINCIPAL, None, 10, SEAL)

    assert (page.changes, page.cursor, page.has_more) == ([], Cursor.start(), False)


@pytest.mark.parametrize("limit", [1, 2, 3, CHANGE_COUNT - 1, CHANGE_COUNT, CHANGE_COUNT + 1, 200])
def test_paging_covers_every_change_once_with_has_more_true_until_the_last_page(store, limit):
    recorded = fill(store)

    pages = pull_all(store, PRINCIPAL, limit)

    assert [c for page in pages for c in page.changes] == recorded
    assert [page.has_more for page in pages] == [True] * (len(pages) - 1) + [False]
    assert all(len(page.changes) == limit for page in pages[:-1])
    assert 0 < len(pages[-1].changes) <= limit
    assert len(pages) == -(-CHANGE_COUNT // limit)


def test_each_page_cursor_is_the_position_of_its_last_change(store):
    fill(store)

    pages = pull_all(store, PRINCIPAL, 3)

    assert [page.cursor for page in pages] == [page.changes[-1].cursor for page in pages]


def test_a_cursor_at_the_end_returns_an_empty_page_with_has_more_false_and_the_same_cursor(store):
    fill(store)
    end = SEAL.seal(pull(store, PRINCIPAL, None, 100, SEAL).cursor)

    page = pull(store, PRINCIPAL, end, 100, SEAL)

    assert page.changes == []
    assert page.has_more is False
    assert SEAL.seal(page.cursor) == end


def test_resuming_from_the_end_returns_only_changes_recorded_since(store):
    fill(store)
    end = SEAL.seal(pull(store, PRINCIPAL, None, 100, SEAL).cursor)
    later = store.record_change("checklist_version", "3", {"id": 3})

    page = pull(store, PRINCIPAL, end, 100, SEAL)

    assert page.changes == [later]


def test_a_cursor_from_the_middle_resumes_just_after_it(store):
    recorded = fill(store)

    page = pull(store, PRINCIPAL, SEAL.seal(recorded[2].cursor), 100, SEAL)

    assert page.changes == recorded[3:]


def record_mixed(store: MemoryStore) -> tuple[list, list]:
    """Record changes for the principal's department, another department and users; return (seen, hidden)."""
    audiences = [None, {"department_id": 20}, {"department_id": 10}, {"user_id": PRINCIPAL.user_id},
                 {"department_id": 20}, {"user_id": 99}, {"department_id": 10}, {"department_id": 20},
                 {"user_id": 99}]
    seen, hidden = [], []
    for n, audience in enumerate(audiences):
        change = store.record_change("site", f"site-{n}", {"n": n}, audience=audience)
        (seen if same_department(PRINCIPAL, audience or {}) else hidden).append(change)
    return seen, hidden


@pytest.mark.parametrize("limit", [1, 2, 3, 100])
def test_changes_whose_audience_visible_refuses_are_never_returned(limit):
    store = MemoryStore(visible=same_department)
    seen, hidden = record_mixed(store)

    pages = pull_all(store, PRINCIPAL, limit)

    pulled = [c for page in pages for c in page.changes]
    assert pulled == seen
    assert not {c.entity_id for c in pulled} & {c.entity_id for c in hidden}


def test_a_principal_of_another_department_pulls_only_what_is_addressed_to_everyone_or_to_it():
    store = MemoryStore(visible=same_department)
    record_mixed(store)

    pulled = [c for page in pull_all(store, OTHER_DEPARTMENT, 2) for c in page.changes]

    assert [c.entity_id for c in pulled] == ["site-0", "site-1", "site-4", "site-7"]


def test_hidden_changes_after_the_last_visible_one_do_not_make_has_more_true():
    store = MemoryStore(visible=same_department)
    mine = store.record_change("site", "mine", {}, audience={"department_id": PRINCIPAL.department_id})
    store.record_change("site", "theirs-1", {}, audience={"department_id": 20})
    store.record_change("site", "theirs-2", {}, audience={"department_id": 20})

    page = pull(store, PRINCIPAL, None, 1, SEAL)

    assert (page.changes, page.has_more) == ([mine], False)


@pytest.mark.parametrize("text", [
    "x",
    "c1",
    "c1.1",
    "c1.1.",
    "c1..1",
    "c2.1.1",
    "C1.1.1",
    "c1.1.1.1",
    "c1.-1.2",
    "c1.1.-2",
    "c1.+1.2",
    "c1.a.b",
    "c1.0x1.2",
    "c1.1.2 ",
    " c1.1.2",
    "c1.1_0.2",
    "c1.1.5e3",
    "c1." + "9" * 20 + ".1",
    "c1.1." + "1" * 20,
    "c1." + "1" * 40 + "." + "1" * 40,
    "c1.\u00b2.1",          # superscript two: str.isdigit() says yes, int() says no
    "c1.\u0661.\u0662",     # Arabic-Indic digits: never issued by this server
    "c1.\uff11.\uff12",     # full-width digits: never issued by this server
])
def test_a_malformed_cursor_raises_bad_cursor(store, text):
    fill(store)

    with pytest.raises(BadCursor, match="start again without a cursor"):
        pull(store, PRINCIPAL, text, 10, SEAL)
