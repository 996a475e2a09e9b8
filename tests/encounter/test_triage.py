"""The one table of status moves and what each move needs."""
import pytest

from encounter.triage import MOVES, TRIAGE_STATES, judge_move, needs

ALLOWED = [(a, b) for a, targets in MOVES.items() for b in targets]
FORBIDDEN = [(a, b) for a in TRIAGE_STATES for b in TRIAGE_STATES if b not in MOVES[a]]


def carried(current: str, to: str) -> dict:
    return {"resolution": "Agents left." if to == "closed" else None,
            "reason": "New photos." if current == "closed" else None}


def test_the_table_covers_every_state_and_no_state_moves_to_itself():
    assert set(MOVES) == set(TRIAGE_STATES)
    assert all(set(targets) <= set(TRIAGE_STATES) and state not in targets for state, targets in MOVES.items())


@pytest.mark.parametrize(("current", "to"), ALLOWED)
def test_every_move_in_the_table_is_allowed_with_what_it_needs(current, to):
    verdict = judge_move(current, to, **carried(current, to))
    assert verdict.allowed and verdict.errors == {}


@pytest.mark.parametrize(("current", "to"), FORBIDDEN)
def test_every_move_outside_the_table_is_not_allowed(current, to):
    assert judge_move(current, to, **carried(current, to)).allowed is False


@pytest.mark.parametrize("current", ["new", "acknowledged", "in_review", "escalated"])
@pytest.mark.parametrize("resolution", [None, "", "   "])
def test_closing_without_a_resolution_names_the_resolution(current, resolution):
    verdict = judge_move(current, "closed", resolution=resolution)
    assert verdict.allowed and list(verdict.errors) == ["resolution"]


@pytest.mark.parametrize("reason", [None, "  "])
def test_reopening_without_a_reason_names_the_reason(reason):
    verdict = judge_move("closed", "in_review", reason=reason)
    assert verdict.allowed and list(verdict.errors) == ["reason"]


def test_a_resolution_on_a_move_that_does_not_close_is_refused():
    assert list(judge_move("new", "in_review", resolution="done").errors) == ["resolution"]


@pytest.mark.parametrize(("current", "to"), [(a, b) for a, b in ALLOWED if a != "closed"])
def test_a_reason_on_a_move_that_does_not_reopen_is_refused(current, to):
    verdict = judge_move(current, to, reason="x", **{k: v for k, v in carried(current, to).items() if k != "reason"})
    assert verdict.allowed and list(verdict.errors) == ["reason"]


def test_needs_lists_the_resolution_to_close_and_the_reason_to_reopen():
    assert needs("new", "closed") == ("resolution",)
    assert needs("closed", "in_review") == ("reason",)
    assert needs("new", "acknowledged") == ()
