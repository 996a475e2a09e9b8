"""GET /departments: names for the codes the desk shows, scoped like every other read."""
import pytest

from tests.factories import sign_in_via_api


@pytest.mark.parametrize("username, expected", [
    ("liaison.a", [{"code": "A", "name": "Department A"}]),
    ("field.b", [{"code": "B", "name": "Department B"}]),
    ("mayor", [{"code": "A", "name": "Department A"}, {"code": "B", "name": "Department B"}]),
    ("admin", [{"code": "A", "name": "Department A"}, {"code": "B", "name": "Department B"}]),
])
def test_each_role_reads_the_names_of_the_departments_it_may_see_and_no_other(client, world, username, expected):
    device = sign_in_via_api(client, username)
    answer = client.get("/api/v1/departments", headers=device.headers)
    assert answer.status_code == 200
    assert answer.get_json() == expected


def test_departments_need_a_signed_in_device(client, world):
    answer = client.get("/api/v1/departments")
    assert answer.status_code == 401
    assert set(answer.get_json()) >= {"code", "message", "description"}
