"""The phone's span helpers (pure JS, run in Node): one-tap removal leaves tidy text, names are
offered for keeping only where the field allows them, and offsets survive characters beyond the BMP."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from encounter import sensitive

ROOT = Path(__file__).resolve().parents[2]


def phone(*cases):
    """Results of the phone's helpers for each case (see phone_spans.mjs)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to run the phone's helpers (install Node.js)")
    done = subprocess.run([node, str(Path(__file__).with_name("phone_spans.mjs"))], cwd=ROOT, text=True,
                          capture_output=True, input=json.dumps(list(cases)))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def span_of(text, words, kind="name"):
    start = text.index(words)
    return {"start": start, "end": start + len(words), "kind": kind}


@pytest.mark.parametrize("text, words, after", [
    ("the patron named Luis Ortega left.", "Luis Ortega", "the patron named left."),
    ("at the taco stand, Chuy, and left.", "Chuy", "at the taco stand, and left."),
    ("They asked for Luis Ortega.", "Luis Ortega", "They asked for."),
    ("A-123-456-789 was on it", "A-123-456-789", "was on it"),
])
def test_removing_a_span_takes_out_its_words_and_tidies_the_spaces_and_commas_around_them(text, words, after):
    [result] = phone({"op": "remove", "text": text, "span": span_of(text, words)})
    assert result == after


def test_a_name_is_offered_for_keeping_in_the_agents_field_only_and_refused_kinds_never():
    text = "Agent Ramirez asked for the patron named Luis Ortega, A-123-456-789."
    agents, notes = phone({"op": "review", "text": text, "field": "agent_names_and_badges"},
                          {"op": "review", "text": text, "field": "notes"})
    assert [(s["kind"], s.get("allowed", False)) for s in agents] == [("name", True), ("a_number", False)]
    assert [(s["kind"], s.get("allowed", False)) for s in notes] == [("name", False), ("a_number", False)]
    assert [(s["start"], s["end"]) for s in notes] == [(s.start, s.end) for s in sensitive.find_spans(text, "notes")]


def test_code_point_offsets_become_utf16_offsets_past_emoji():
    text = "😀😀 A123456789"
    [units] = phone({"op": "units", "text": text, "offset": 3})
    assert units == 5
    [result] = phone({"op": "remove", "text": text, "span": span_of("xx A123456789", "A123456789")})
    assert result == "😀😀"
