"""Issue 14: the message catalogs of every language, checked by pwa/check-catalogs.mjs.

Every catalog has every English key (or the key is recorded as awaiting translation in
pwa/src/messages/pending-translation.json), keeps every placeholder, leaves no English but
proper nouns, and says each legal term as the glossary does. ``node pwa/check-catalogs.mjs
--missing`` lists what is missing after new English keys are merged.
"""
import json
import shutil
import subprocess

import pytest

from tests.e2e.build import ROOT

HOW = "run `node pwa/check-catalogs.mjs` to see them (translate, or record with --write-pending)"


@pytest.fixture(scope="module")
def found() -> dict:
    """The checker's problems and the keys awaiting translation."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to check the message catalogs (install Node.js)")
    script = ("import('./pwa/check-catalogs.mjs').then(async (c) => process.stdout.write(JSON.stringify("
              "{problems: await c.problems(), pending: await c.pending()})))")
    done = subprocess.run([node, "--input-type=module", "-e", script], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def kind(found: dict, *kinds: str) -> list[str]:
    """The problems of these kinds, as readable lines."""
    return [f"{p['source']} {p['code']} {p['key']}: {p['kind']} {p['detail']}" for p in found["problems"] if p["kind"] in kinds]


def is_pending(pending: dict, problem: dict) -> bool:
    """Whether a missing key or catalog is recorded as awaiting translation."""
    entry = pending.get(problem["source"], {}).get(problem["code"])
    return entry == "*" or (problem["kind"] == "missing" and isinstance(entry, list) and problem["key"] in entry)


def test_every_catalog_has_every_english_key_or_records_it_as_awaiting_translation(found):
    missing = [p for p in found["problems"] if p["kind"] in ("missing", "missing_catalog")]
    unexplained = [f"{p['source']} {p['code']} {p['key']}" for p in missing if not is_pending(found["pending"], p)]
    assert not unexplained, f"keys missing from catalogs, {HOW}:\n" + "\n".join(unexplained)


def test_no_catalog_has_keys_english_does_not_have(found):
    assert not kind(found, "extra")


def test_every_translation_keeps_the_placeholders_of_its_english_text(found):
    assert not kind(found, "placeholders")


def test_no_english_is_left_in_a_translation_except_proper_nouns(found):
    assert not kind(found, "english")


def test_every_legal_term_is_translated_as_the_glossary_says(found):
    assert not kind(found, "glossary")


def test_a_language_says_one_thing_with_one_word_on_the_phone_and_the_desk(found):
    """The Spanish desk said "informe" and the phone "reporte" for the same report."""
    assert not kind(found, "vocabulary")


def test_no_text_can_break_a_line_inside_a_form_number(found):
    """"Form I-" at a line's end and "200" on the next (a narrow phone, large text): every catalog of the phone and
    the desk and every checklist content file writes a form number with a word joiner after its hyphen."""
    assert not kind(found, "form_number")


def test_no_text_can_break_a_line_at_the_hyphen_of_a_name(found):
    """"(A-" at a line's end and "number)" on the next, on a narrow Farsi or Chinese phone: every catalog writes the
    name with a word joiner after its hyphen (pwa/check-catalogs.mjs UNBROKEN)."""
    assert not kind(found, "hyphen")
