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
    assert [{k: d[k] for k in ("code", "name")} for d in answer.get_json()] == expected


def test_each_department_comes_with_its_name_in_every_language_it_has(client, world):
    from server.extensions import db

    world.departments["A"].names = {"en": "Department A", "es": "Departamento A", "ko": "A 부서"}
    db.session.commit()
    answer = client.get("/api/v1/departments", headers=sign_in_via_api(client, "mayor").headers).get_json()
    names = {d["code"]: d["names"] for d in answer}
    assert names["A"] == {"en": "Department A", "es": "Departamento A", "ko": "A 부서"}
    assert names["B"] == {"en": "Department B"}  # no other language given: English alone


def test_departments_need_a_signed_in_device(client, world):
    answer = client.get("/api/v1/departments")
    assert answer.status_code == 401
    assert set(answer.get_json()) >= {"code", "message", "description"}
