"""Priority at ingest: a pushed report is stored with the priority the core's rules give it (encounter/priority.py)."""
import pytest

from tests.api.reports_support import QUEUE, QUIET, report
from tests.factories import encounter_body


def test_a_pushed_report_is_stored_with_its_priority_and_shown_with_its_reason(client, world, login):
    field, liaison = login("field.a"), login("liaison.a")
    p1 = report(client, world, field)  # non-public entry on an administrative warrant
    p2 = report(client, world, field, **{**QUIET, "document_type": "judicial_warrant"})
    items = {i["id"]: i for i in client.get(QUEUE, headers=liaison.headers).get_json()["items"]}
    assert (items[p1]["priority"], items[p1]["priority_rule"], items[p1]["priority_reason"]) == \
        (1, "non_public_without_judicial_warrant", "Non-public area entered without a judicial warrant")
    assert (items[p2]["priority"], items[p2]["priority_rule"]) == (2, "judicial_warrant_presented")
    spanish = client.get(QUEUE, headers={**liaison.headers, "Accept-Language": "es-MX,es;q=0.9"}).get_json()
    assert {i["id"]: i["priority_reason"] for i in spanish["items"]}[p2] == "Presentaron una orden judicial"
    assert encounter_body(world)["non_public_entered"] is True


@pytest.mark.parametrize("language, reason", [("ko", "법원 영장 제시됨"), ("zh-Hant", "出示了司法令狀"),
                                              ("zh-Hans", "出示了司法令状"), ("vi", "Đã xuất trình lệnh tư pháp")])
def test_the_desk_reads_a_priority_reason_in_each_of_its_languages(client, world, login, language, reason):
    field, liaison = login("field.a"), login("liaison.a")
    rid = report(client, world, field, **{**QUIET, "document_type": "judicial_warrant"})
    answer = client.get(QUEUE, headers={**liaison.headers, "Accept-Language": language}).get_json()
    assert {i["id"]: i["priority_reason"] for i in answer["items"]}[rid] == reason


def test_pushed_reports_of_the_formerly_under_ranked_cases_get_their_priority_and_reason(client, world, login):
    field, liaison = login("field.a"), login("liaison.a")
    cases = [
        ({"area_type": "non_public", "outcome": "still_present", "non_public_entered": None},
         1, "non_public_without_judicial_warrant"),
        ({"city_assistance": True, "city_assistance_kinds": ["escort"], "city_assistance_by": ["security_staff"]},
         1, "city_assistance"),
        ({"entered_over_objection": True}, 2, "entered_over_objection"),
        ({"requested": ["information"]}, 2, "person_or_information_demanded"),
        ({"weapons_shown": True}, 2, "weapons_shown"),
        ({"consent_refused": True, "requested": ["access"]}, 2, "access_refused_without_document"),
        ({"emergency_claimed": True}, 2, "emergency_claimed"),
    ]
    ids = [report(client, world, field, **{**QUIET, **overrides}) for overrides, _, _ in cases]
    items = {i["id"]: i for i in client.get(QUEUE, headers=liaison.headers).get_json()["items"]}
    assert [(items[i]["priority"], items[i]["priority_rule"]) for i in ids] == [(p, r) for _, p, r in cases]
    assert items[ids[-1]]["priority_reason"] == "Agents claimed an emergency"
