"""Cursors: their string forms (plain and sealed), their order and where an empty one starts."""
import re

import pytest

from sync import BadCursor, Change, Cursor, CursorSeal

INT64_MAX = 2**63 - 1


@pytest.mark.parametrize("cursor", [Cursor(0, 0), Cursor(0, 1), Cursor(729, 6), Cursor(6, 729),
                                    Cursor(INT64_MAX, INT64_MAX)])
def test_decoding_an_encoded_cursor_gives_the_same_cursor(cursor):
    assert Cursor.decode(cursor.encode()) == cursor


@pytest.mark.parametrize("text", ["c1.0.0", "c1.0.1", "c1.729.6", f"c1.{INT64_MAX}.{INT64_MAX}"])
def test_encoding_a_decoded_cursor_gives_the_same_text(text):
    assert Cursor.decode(text).encode() == text


def test_a_cursor_is_written_as_the_version_prefix_then_txid_then_seq():
    assert Cursor(729, 6).encode() == "c1.729.6"


@pytest.mark.parametrize("earlier, later", [
    pytest.param(Cursor(0, 0), Cursor(0, 1), id="start-before-first-seq"),
    pytest.param(Cursor(1, 1), Cursor(1, 2), id="same-txid-by-seq"),
    pytest.param(Cursor(1, 9), Cursor(2, 1), id="txid-first-even-if-seq-is-smaller"),
    pytest.param(Cursor(5, 100), Cursor(6, 7), id="older-transaction-larger-seq"),
    pytest.param(Cursor(9, 10), Cursor(10, 9), id="not-compared-as-text"),
])
def test_cursors_are_ordered_by_txid_first_then_seq(earlier, later):
    assert earlier < later
    assert not later < earlier
    assert earlier != later


def test_sorting_cursors_follows_txid_then_seq():
    cursors = [Cursor(2, 1), Cursor(0, 5), Cursor(1, 9), Cursor(1, 2), Cursor(0, 0)]

    assert sorted(cursors) == [Cursor(0, 0), Cursor(0, 5), Cursor(1, 2), Cursor(1, 9), Cursor(2, 1)]


@pytest.mark.parametrize("text", [None, ""], ids=["none", "empty"])
def test_no_cursor_and_an_empty_cursor_decode_to_the_start(text):
    assert Cursor.decode(text) == Cursor.start() == Cursor(0, 0)


def test_the_start_comes_before_any_change():
    assert Cursor.start() < Change(0, 1, "site", "s", "upsert").cursor


def test_a_change_s_cursor_is_its_txid_and_seq():
    assert Change(729, 6, "site", "s", "upsert").cursor == Cursor(729, 6)


@pytest.mark.parametrize("digits", [1, 18, 19])
def test_numbers_of_up_to_nineteen_digits_decode(digits):
    number = min(int("9" * digits), 2**63 - 1)

    assert Cursor.decode(f"c1.{number}.{number}") == Cursor(number, number)


def test_a_cursor_beyond_the_signed_64_bit_range_raises_bad_cursor():
    with pytest.raises(BadCursor):
        Cursor.decode(f"c1.{2**63}.1")


SEAL = CursorSeal("test")
NO_CEILING = Cursor(2**63 - 1, 2**63 - 1)


@pytest.mark.parametrize("cursor", [Cursor(0, 0), Cursor(0, 1), Cursor(729, 6), Cursor(INT64_MAX, INT64_MAX)])
def test_a_sealed_cursor_opens_to_its_position_and_shows_no_number(cursor):
    sealed = SEAL.seal(cursor)

    assert SEAL.open(sealed, lambda: NO_CEILING) == cursor
    assert re.fullmatch(r"c2\.[A-Za-z0-9_-]{43}", sealed)


def test_the_same_position_always_seals_to_the_same_text():
    assert SEAL.seal(Cursor(729, 6)) == SEAL.seal(Cursor(729, 6)) == CursorSeal("test").seal(Cursor(729, 6))


def _flip(text: str, at: int) -> str:
    """The text with one character changed to another of the alphabet."""
    return text[:at] + ("A" if text[at] != "A" else "B") + text[at + 1:]


@pytest.mark.parametrize("tamper", [
    pytest.param(lambda t: _flip(t, 3), id="first-character"),
    pytest.param(lambda t: _flip(t, 30), id="middle-character"),
    pytest.param(lambda t: t[:-1], id="truncated"),
    pytest.param(lambda t: t + "A", id="lengthened"),
    pytest.param(lambda t: t[:20] + "!" + t[21:], id="not-base64"),
    pytest.param(lambda t: t[:20] + "\u00e9" + t[21:], id="not-ascii"),
    pytest.param(lambda t: CursorSeal("another server").seal(Cursor(729, 6)), id="another-key"),
])
def test_a_tampered_or_foreign_sealed_cursor_raises_bad_cursor(tamper):
    with pytest.raises(BadCursor, match="start again without a cursor"):
        SEAL.open(tamper(SEAL.seal(Cursor(729, 6))), lambda: NO_CEILING)


@pytest.mark.parametrize("text, opened", [
    ("c1.5.40", Cursor(5, 40)),
    ("c1.9.50", Cursor(9, 50)),
    ("c1.9.51", Cursor(9, 50)),
    ("c1.10.0", Cursor(9, 50)),
    (f"c1.{INT64_MAX}.{INT64_MAX}", Cursor(9, 50)),
])
def test_a_plain_cursor_past_the_last_plain_position_issued_reads_as_that_position(text, opened):
    """A forged plain cursor must not locate the changes it brings back among other departments' ones."""
    assert SEAL.open(text, lambda: Cursor(9, 50)) == opened


def test_the_ceiling_is_not_asked_for_without_a_plain_position():
    def ceiling():
        raise AssertionError("asked")

    assert SEAL.open("", ceiling) == SEAL.open(None, ceiling) == SEAL.open("c1.0.0", ceiling) == Cursor.start()
    assert SEAL.open(SEAL.seal(Cursor(3, 4)), ceiling) == Cursor(3, 4)
