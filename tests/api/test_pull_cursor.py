"""The pull cursor tells nothing of other departments, and old phones' plain cursors still work.

Why: the cursor's numbers are citywide (the change log's sequence, PostgreSQL's transaction
id), so a liaison comparing two of its cursors counted other departments' questions, status
moves and site edits (review-desk finding 3). Sealed cursors hide them; a plain cursor is read
no further than the last position ever issued in plain form.
"""
import re

import pytest
from sqlalchemy import delete, insert, select

from server.extensions import db
from server.models import ChangeLogEntry, LegacyCursorCeiling
from sync import Cursor, CursorSeal
from tests.api.pull_support import add_site_changes, assert_error_shape, field_a, keys, pull_all  # noqa: F401

SEALED = re.compile(r"c2\.[A-Za-z0-9_-]{43}")


def _plain_positions_end_here() -> str:
    """Record the newest change as the last plain position, as migration 0022 does; return it in plain form."""
    txid, seq = db.session.execute(select(ChangeLogEntry.txid, ChangeLogEntry.seq)
                                   .order_by(ChangeLogEntry.txid.desc(), ChangeLogEntry.seq.desc()).limit(1)).one()
    db.session.execute(delete(LegacyCursorCeiling))
    db.session.execute(insert(LegacyCursorCeiling).values(id=1, txid=txid, seq=seq))
    db.session.commit()
    return f"c1.{txid}.{seq}"


def _plain(key: tuple[str, str]) -> str:
    """The plain cursor an older server gave for the change with this key."""
    kind, entity_id = key
    txid, seq = db.session.execute(select(ChangeLogEntry.txid, ChangeLogEntry.seq).where(
        ChangeLogEntry.kind == kind, ChangeLogEntry.entity_id == entity_id)).one()
    return f"c1.{txid}.{seq}"


def test_every_cursor_a_department_user_receives_is_sealed_whatever_other_departments_do(client, world, login):
    liaison = login("liaison.a")
    _, first, _ = pull_all(client, liaison)
    add_site_changes(world, "B", 3)
    add_site_changes(world, "A", 1)
    _, second, _ = pull_all(client, liaison, cursor=first)
    add_site_changes(world, "B", 1)
    add_site_changes(world, "A", 1)
    _, third, _ = pull_all(client, liaison, cursor=second)

    assert all(SEALED.fullmatch(c) for c in (first, second, third)), (first, second, third)
    assert len({first, second, third}) == 3


def test_a_sealed_cursor_resumes_just_after_the_last_change_handed_out(client, world, field_a):
    _, end, _ = pull_all(client, field_a)
    add_site_changes(world, "B", 2)
    later = add_site_changes(world, "A", 2)

    changes, _, _ = pull_all(client, field_a, cursor=end)

    assert keys(changes) == later


def test_a_plain_cursor_from_an_older_phone_still_resumes_just_after_its_position(client, world, field_a):
    earlier = add_site_changes(world, "A", 3)
    plain = _plain(earlier[0])
    _plain_positions_end_here()
    later = add_site_changes(world, "A", 2)

    changes, cursor, _ = pull_all(client, field_a, cursor=plain)

    assert keys(changes) == earlier[1:] + later
    assert SEALED.fullmatch(cursor)


@pytest.mark.parametrize("past", [(0, 1), (1, 0), (2**62, 2**62)], ids=["next-seq", "next-txid", "far"])
def test_a_forged_plain_cursor_past_the_last_plain_position_answers_as_that_position(client, world, field_a, past):
    """Else a forged plain cursor, moved one step at a time, would locate the changes it brings back."""
    add_site_changes(world, "A", 2)
    ceiling = _plain_positions_end_here()
    later = add_site_changes(world, "A", 2)
    _, txid, seq = ceiling.split(".")
    forged = f"c1.{int(txid) + past[0]}.{int(seq) + past[1]}"

    assert keys(pull_all(client, field_a, cursor=forged)[0]) == keys(pull_all(client, field_a, cursor=ceiling)[0]) \
        == later


def _flip(text: str, at: int) -> str:
    """The text with one character changed."""
    return text[:at] + ("A" if text[at] != "A" else "B") + text[at + 1:]


@pytest.mark.parametrize("tamper", [
    pytest.param(lambda c: "garbage", id="garbage"),
    pytest.param(lambda c: _flip(c, 10), id="one-character-changed"),
    pytest.param(lambda c: c[:-2], id="truncated"),
    pytest.param(lambda c: "c2." + "A" * 43, id="made-up"),
    pytest.param(lambda c: CursorSeal("another server's key").seal(Cursor(0, 1)), id="foreign-key"),
])
def test_a_garbage_or_tampered_cursor_is_a_400_saying_to_start_again(client, world, field_a, tamper):
    _, cursor, _ = pull_all(client, field_a)

    error = assert_error_shape(client.get("/api/v1/sync/pull", headers=field_a.headers,
                                          query_string={"cursor": tamper(cursor)}), 400)

    assert error["reason"] == "BadCursor" and "start again without a cursor" in error["message"]
