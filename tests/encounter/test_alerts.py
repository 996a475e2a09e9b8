"""The alert's rules (encounter/alerts.py): what it may carry, its state."""
from encounter import alerts
from encounter.vocabulary import NEVER_COLLECTED


def test_the_alert_carries_site_time_and_agency_and_none_of_its_keys_is_ever_refused_as_never_collected():
    assert set(alerts.REQUIRED) <= set(alerts.KEYS)
    assert not set(alerts.KEYS) & NEVER_COLLECTED.keys()


def test_every_key_beyond_the_alerts_is_named_in_an_error():
    errors = alerts.extra_key_errors({"site": "x", "notes": "…", "location": {}})
    assert set(errors) == {"notes", "location"}
    assert "encounter_id, site, occurred_at, agency" in errors["notes"][0]


def test_an_alert_is_open_until_closed():
    assert alerts.state(None) == "open" and alerts.state("2026-11-20T15:00:00Z") == "closed"
