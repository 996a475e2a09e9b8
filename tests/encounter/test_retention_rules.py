"""The retention rule: when a report is due, what erasure keeps, how long phones keep things."""
from datetime import datetime, timedelta, timezone

from encounter.retention import PHONE_DEFAULTS, ReportAge, Schedule, cutoffs, due_at, erase, is_due

NOW = datetime(2026, 12, 4, 12, tzinfo=timezone.utc)
PLAN = Schedule()


def age(days_received=0, closed_days=None, hold=False, erased=False, words_since=False) -> ReportAge:
    return ReportAge(status="closed" if closed_days is not None else "in_review",
                     received_at=NOW - timedelta(days=days_received),
                     closed_at=None if closed_days is None else NOW - timedelta(days=closed_days),
                     legal_hold=hold, erased=erased, words_since_erasure=words_since)


def test_a_closed_report_is_due_ninety_days_after_closing_not_a_moment_before():
    assert is_due(age(200, closed_days=90), NOW, PLAN)
    assert not is_due(age(200, closed_days=89.9), NOW, PLAN)


def test_a_report_never_closed_is_due_a_year_after_receipt():
    assert is_due(age(365), NOW, PLAN) and not is_due(age(364), NOW, PLAN)


def test_a_reopened_report_is_due_a_year_after_its_reopen_not_after_receipt():
    reopened = ReportAge(status="in_review", received_at=NOW - timedelta(days=370), closed_at=None,
                         legal_hold=False, erased=False, reopened_at=NOW - timedelta(days=1))
    assert not is_due(reopened, NOW, PLAN)
    assert due_at(reopened, PLAN) == NOW + timedelta(days=364)


def test_a_legal_hold_or_an_earlier_erasure_means_never_due():
    assert due_at(age(999, closed_days=500, hold=True), PLAN) is None
    assert not is_due(age(999, closed_days=500, erased=True), NOW, PLAN)


def test_words_written_after_an_erasure_follow_the_schedule_again_unless_on_hold():
    assert is_due(age(999, closed_days=90, erased=True, words_since=True), NOW, PLAN)
    assert not is_due(age(999, closed_days=89, erased=True, words_since=True), NOW, PLAN)
    assert is_due(age(365, erased=True, words_since=True), NOW, PLAN)
    assert due_at(age(999, closed_days=500, hold=True, erased=True, words_since=True), PLAN) is None


def test_the_cutoffs_agree_with_the_rule():
    closed_before, received_before = cutoffs(NOW, PLAN)
    report = age(200, closed_days=90)
    assert due_at(report, PLAN) == NOW and report.closed_at == closed_before
    assert received_before == NOW - timedelta(days=365)


def test_erasure_keeps_the_structured_fields_the_aggregate_needs():
    body = {"site": "s", "agencies": ["ice_ero"], "detained_count": 1, "notes": "words", "stated_purpose": "",
            "photos": [{"sha256": "a"}], "location": {"lat": 34.0522, "lon": -118.2437, "accuracy_m": 8}}
    kept, removed = erase(body)
    assert kept == {"site": "s", "agencies": ["ice_ero"], "detained_count": 1}
    assert removed == ["notes", "photos", "location"]


def test_phones_keep_summaries_a_month_and_drafts_two_weeks_by_default():
    assert PHONE_DEFAULTS.to_dict() == {"summary_days": 30, "answer_days": 30, "draft_days": 14}
