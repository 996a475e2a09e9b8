"""The phone's copy of the core's rules (pwa/src/encounter.json) is generated, never edited."""
from encounter import export


def test_committed_rules_file_matches_the_core():
    assert export.TARGET.read_text(encoding="utf-8") == export.render(), \
        "pwa/src/encounter.json is stale: run python -m encounter.export"


def test_check_mode_reports_a_stale_file(tmp_path, monkeypatch):
    stale = tmp_path / "encounter.json"
    stale.write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(export, "TARGET", stale)
    assert export.main(["--check"]) == 1
    export.main([])
    assert export.main(["--check"]) == 0
