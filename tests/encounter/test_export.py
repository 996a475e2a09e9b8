"""The phone's copy of the core's rules (pwa/src/rules/<section>.json) is generated, never edited."""
import json

import pytest

from encounter import export


def test_committed_rules_files_match_the_core():
    assert export.problems() == [], "pwa/src/rules/ is out of date: run python -m encounter.export"


def test_each_section_is_its_own_file_holding_that_section():
    files = export.render()
    assert set(files) == {f"{section}.json" for section in export.document()}
    assert json.loads(files["retention.json"]) == export.document()["retention"]


@pytest.fixture
def target(tmp_path, monkeypatch):
    """A written copy of the rules in a temporary folder, standing in for pwa/src/rules."""
    folder = tmp_path / "rules"
    monkeypatch.setattr(export, "TARGET", folder)
    export.write()
    return folder


def test_check_mode_passes_on_a_freshly_written_folder(target):
    assert export.main(["--check"]) == 0


def test_check_mode_reports_a_stale_file(target):
    (target / "sensitive.json").write_text("{}\n", encoding="utf-8")
    assert export.problems() == ["sensitive.json is stale"]
    assert export.main(["--check"]) == 1


def test_check_mode_reports_a_missing_file(target):
    (target / "form.json").unlink()
    assert export.problems() == ["form.json is missing"]
    assert export.main(["--check"]) == 1


@pytest.mark.parametrize("leftover", ["encounter.json", "notes.txt"])
def test_check_mode_reports_a_leftover_file(target, leftover):
    (target / leftover).write_text("{}\n", encoding="utf-8")
    assert export.problems() == [f"{leftover} is left over (no section writes it)"]
    assert export.main(["--check"]) == 1


def test_writing_removes_a_section_file_no_section_writes_any_more(target):
    (target / "old-section.json").write_text("{}\n", encoding="utf-8")
    export.main([])
    assert export.problems() == []
