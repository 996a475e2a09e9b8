"""Single sign-on end to end against a real OpenID Provider on loopback (tests/oidc), on SQLite and PostgreSQL."""
import json
import secrets
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from server.extensions import db
from server.models import AuditEntry, Device, Encounter, SsoSignIn, User
from tests.oidc import harness
from tests.oidc.harness import account
from tests.factories import encounter_body, push, push_item, sign_in_via_api

CALLBACK = "http://localhost/api/v1/auth/oidc/callback"


@pytest.fixture
def sso(app, world, oidc_provider):
    """The app configured for the provider, with no accounts yet."""
    harness.configure(app, oidc_provider)
    oidc_provider.set_accounts({})
    return oidc_provider


class Attempt:
    """One sign-in through the provider, as the phone makes it."""

    def __init__(self, client, provider, username, device_id=None, device_name="Pixel"):
        self.client, self.provider, self.username = client, provider, username
        self.device_id = device_id or str(uuid.uuid4())
        self.binding = secrets.token_urlsafe(32)
        started = client.post("/api/v1/auth/oidc/start", json={
            "device_id": self.device_id, "device_name": device_name, "binding": self.binding})
        assert started.status_code == 200, started.get_json()
        self.authorize_url = started.get_json()["authorize_url"]
        self.callback_url = None

    def through_provider(self) -> dict:
        """Sign in at the provider, let it send the browser back; return what the app's address carries."""
        self.callback_url = self.provider.sign_in(self.authorize_url, self.username, stop_at=CALLBACK)
        return self.callback(self.callback_url)

    def callback(self, url) -> dict:
        """Follow the provider's redirect into the app's callback; parse the fragment the app is sent to."""
        parts = urlsplit(url)
        back = self.client.get(f"{parts.path}?{parts.query}")
        assert back.status_code == 302
        location = urlsplit(back.headers["Location"])
        assert location.path == "/" and location.fragment.startswith("/sso?")
        return {k: v[0] for k, v in parse_qs(location.fragment.split("?", 1)[1]).items()}

    def finish(self, handoff, *, binding=None, device_id=None):
        """Redeem the hand-off code."""
        return self.client.post("/api/v1/auth/oidc/finish", json={
            "handoff": handoff, "binding": binding or self.binding, "device_id": device_id or self.device_id})


def sign_in(client, provider, username, **kwargs):
    """The whole flow; return (the app's fragment parameters, the finish answer or None)."""
    attempt = Attempt(client, provider, username, **kwargs)
    back = attempt.through_provider()
    return back, (attempt.finish(back["handoff"]) if "handoff" in back else None)


def sso_user(provider, username) -> User | None:
    """The user made for this provider account, if any."""
    return db.session.scalar(select(User).where(User.external_issuer == provider.issuer,
                                                User.external_subject == f"sub-{username}"))


def test_a_device_name_the_door_would_stop_is_neither_held_during_the_sign_in_nor_kept(client, sso):
    sso.set_accounts({"ana.ruiz": account("ana.ruiz", ["Staff", "EL-A-Field"])})
    attempt = Attempt(client, sso, "ana.ruiz", device_name="Ana's phone, client undocumented A123456789")
    assert db.session.scalars(select(SsoSignIn.device_name)).all() == [""]

    finished = attempt.finish(attempt.through_provider()["handoff"])

    assert finished.status_code == 200, finished.get_json()
    assert db.session.get(Device, uuid.UUID(attempt.device_id)).name == ""
    assert "A123456789" not in str([e.details for e in db.session.scalars(select(AuditEntry))])


def test_a_city_account_in_a_mapped_group_signs_in_and_its_device_token_works(client, sso):
    sso.set_accounts({"ana.ruiz": account("ana.ruiz", ["Staff", "EL-A-Field"])})
    back, finished = sign_in(client, sso, "ana.ruiz")
    assert finished.status_code == 200, finished.get_json()
    body = finished.get_json()
    assert body["user"]["role"] == "field" and body["user"]["department"]["code"] == "A"
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200 and me.get_json()["username"] == "ana.ruiz"
    user = sso_user(sso, "ana.ruiz")
    assert user.display_name == "Ana Ruiz" and user.password_hash == "!"
    created = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.create",
                                                         AuditEntry.entity_id == str(user.id)))
    assert created.details["source"] == "sso"


@pytest.mark.parametrize("groups, role, department", [
    (["EL-A-Liaison"], "liaison", "A"),
    (["EL-B-Field", "Everyone"], "field", "B"),
    (["EL-Admins"], "admin", None),
])
def test_the_provider_groups_decide_role_and_department(client, sso, groups, role, department):
    sso.set_accounts({"sam.lee": account("sam.lee", groups)})
    _, finished = sign_in(client, sso, "sam.lee")
    user = finished.get_json()["user"]
    assert user["role"] == role
    assert (user["department"] or {}).get("code") == department


def test_a_second_sign_in_is_the_same_user_with_the_role_the_groups_now_give(client, sso):
    sso.set_accounts({"kim.ng": account("kim.ng", ["EL-A-Field"])})
    _, first = sign_in(client, sso, "kim.ng")
    sso.set_accounts({"kim.ng": account("kim.ng", ["EL-A-Liaison"])})
    _, second = sign_in(client, sso, "kim.ng")
    assert second.get_json()["user"]["id"] == first.get_json()["user"]["id"]
    assert second.get_json()["user"]["role"] == "liaison"
    update = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.update"))
    assert update.details == {"source": "sso", "role": "liaison", "fields": ["role"]}


@pytest.mark.parametrize("groups, why", [(["EL-B-Liaison"], "assignee_moved"), (["Parks-Volunteers"], "assignee_unmapped")],
                         ids=["now another department", "no longer mapped"])
def test_a_liaison_whose_groups_no_longer_give_the_department_lets_go_of_its_reports(client, sso, world, groups, why):
    sso.set_accounts({"lee.o": account("lee.o", ["EL-A-Liaison"])})
    _, first = sign_in(client, sso, "lee.o")
    leaving = first.get_json()["user"]["id"]
    field, liaison = (sign_in_via_api(client, name) for name in ("field.a", "liaison.a"))
    item = push_item(encounter_body(world, "A"))
    assert push(client, field, [item]).status_code == 200
    assert client.post(f"/api/v1/reports/{item['id']}/assign", headers=liaison.headers,
                       json={"user_id": leaving}).status_code == 200
    sso.set_accounts({"lee.o": account("lee.o", groups)})
    back, _ = sign_in(client, sso, "lee.o")
    assert back.get("error") == (None if why == "assignee_moved" else "unmapped")
    # Committed with the sign-in or its refusal: another connection reads the report unassigned.
    with db.engine.connect() as other:
        assert other.scalar(select(Encounter.assigned_to_id).where(Encounter.id == uuid.UUID(item["id"]))) is None
    unassigned = client.get("/api/v1/reports", headers=liaison.headers, query_string={"assigned": "none"})
    assert [i["id"] for i in unassigned.get_json()["items"]] == [item["id"]]
    released = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "triage.assign",
                                                           AuditEntry.entity_id == item["id"],
                                                           AuditEntry.actor_id == leaving)).all()
    assert [e.details for e in released] == [{"from": leaving, "to": None, "released": why}]


def test_a_liaison_refused_as_unmapped_is_neither_offered_nor_assignable_until_a_sign_in_maps_them_again(
        client, sso, world):
    sso.set_accounts({"lee.o": account("lee.o", ["EL-A-Liaison"])})
    lee = sign_in(client, sso, "lee.o")[1].get_json()["user"]["id"]
    field, liaison = (sign_in_via_api(client, name) for name in ("field.a", "liaison.a"))
    item = push_item(encounter_body(world, "A"))
    assert push(client, field, [item]).status_code == 200

    def offered() -> list:
        detail = client.get(f"/api/v1/reports/{item['id']}", headers=liaison.headers)
        return [person["id"] for person in detail.get_json()["assignable"]]

    def assign():
        return client.post(f"/api/v1/reports/{item['id']}/assign", headers=liaison.headers, json={"user_id": lee})

    assert lee in offered()
    sso.set_accounts({"lee.o": account("lee.o", ["Parks-Volunteers"])})
    assert sign_in(client, sso, "lee.o")[0] == {"error": "unmapped"}

    refused = assign()
    assert refused.status_code == 409 and refused.get_json()["reason"] == "assignee_unmapped"
    assert lee not in offered() and world.users["liaison.a"].id in offered()
    assert db.session.scalar(select(Encounter.assigned_to_id).where(Encounter.id == uuid.UUID(item["id"]))) is None
    sso.set_accounts({"lee.o": account("lee.o", ["EL-A-Liaison"])})
    assert sign_in(client, sso, "lee.o")[1].status_code == 200
    assert lee in offered() and assign().status_code == 200


def test_a_local_user_with_the_same_name_is_not_taken_over(client, sso, world):
    sso.set_accounts({"field.a": account("field.a", ["EL-Admins"])})
    _, finished = sign_in(client, sso, "field.a")
    user = finished.get_json()["user"]
    assert user["id"] != world.users["field.a"].id and user["username"].startswith("field.a-")
    assert db.session.get(User, world.users["field.a"].id).role == "field"


def test_an_account_the_provider_disabled_is_refused(client, sso):
    sso.set_accounts({"leaver": account("leaver", ["EL-A-Field"], disabled=True)})
    back, finished = sign_in(client, sso, "leaver")
    assert back == {"error": "provider"} and finished is None
    assert sso_user(sso, "leaver") is None


def test_a_user_deactivated_here_is_refused_though_their_groups_still_map(client, sso):
    sso.set_accounts({"pat.o": account("pat.o", ["EL-A-Field"])})
    sign_in(client, sso, "pat.o")
    sso_user(sso, "pat.o").active = False
    db.session.commit()
    back, finished = sign_in(client, sso, "pat.o")
    assert back == {"error": "inactive"} and finished is None
    assert sso_user(sso, "pat.o").active is False


@pytest.mark.parametrize("groups", [[], ["Staff"], ["EL-A-Field", "EL-B-Field"], ["EL-Z-Field"]],
                         ids=["no groups", "unmapped group", "groups that disagree", "department not here"])
def test_an_unmapped_account_is_told_to_ask_the_administrator_and_gets_no_role(client, sso, groups):
    sso.set_accounts({"new.hire": account("new.hire", groups)})
    back, finished = sign_in(client, sso, "new.hire")
    assert back == {"error": "unmapped"} and finished is None
    assert sso_user(sso, "new.hire") is None
    refused = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "auth.sso_refused"))
    assert refused.details == {"reason": "unmapped"}


def test_a_user_whose_groups_no_longer_map_is_refused_and_loses_their_devices(client, sso):
    sso.set_accounts({"mo.v": account("mo.v", ["EL-A-Field"])})
    _, finished = sign_in(client, sso, "mo.v")
    token = finished.get_json()["token"]
    sso.set_accounts({"mo.v": account("mo.v", ["Parks-Volunteers"])})
    back, _ = sign_in(client, sso, "mo.v")
    assert back == {"error": "unmapped"}
    user = sso_user(sso, "mo.v")
    assert all(d.revoked_at is not None for d in db.session.scalars(select(Device).where(Device.user_id == user.id)))
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_sign_in_still_works_after_the_provider_rotates_its_signing_keys(client, sso):
    sso.set_accounts({"rot.a": account("rot.a", ["EL-A-Field"])})
    _, before = sign_in(client, sso, "rot.a")
    assert before.status_code == 200
    old = sso.jwks_kids()
    kids = sso.rotate_keys()
    assert kids[0] not in old
    _, after = sign_in(client, sso, "rot.a")
    assert after.status_code == 200, after.get_json()


@pytest.mark.parametrize("claims", [{"groups": ["EL-Admins"]}, {"sub": "sub-someone-else"}, {"aud": "another-app"}],
                         ids=["groups raised", "subject swapped", "audience changed"])
def test_an_id_token_altered_after_signing_is_refused(client, sso, claims):
    sso.set_accounts({"eve": account("eve", ["EL-A-Field"])})
    sso.tamper_next_id_token(claims)
    back, finished = sign_in(client, sso, "eve")
    assert back == {"error": "invalid"} and finished is None
    assert db.session.scalar(select(User).where(User.role == "admin", User.external_issuer.is_not(None))) is None


def test_a_hand_off_code_works_once_from_the_browser_that_started(client, sso):
    sso.set_accounts({"lu": account("lu", ["EL-A-Field"])})
    attempt = Attempt(client, sso, "lu")
    handoff = attempt.through_provider()["handoff"]
    assert attempt.finish(handoff, binding=secrets.token_urlsafe(32)).get_json()["reason"] == "sso_expired"
    assert attempt.finish(handoff, device_id=str(uuid.uuid4())).status_code == 401
    assert attempt.finish(handoff).status_code == 200
    again = attempt.finish(handoff)
    assert again.status_code == 401 and again.get_json()["reason"] == "sso_expired"


def test_the_providers_answer_is_taken_once_and_never_for_an_unknown_state(client, sso):
    sso.set_accounts({"lu": account("lu", ["EL-A-Field"])})
    attempt = Attempt(client, sso, "lu")
    assert "handoff" in attempt.through_provider()
    assert attempt.callback(attempt.callback_url) == {"error": "expired"}
    assert attempt.callback(CALLBACK + "?code=abc&state=never-issued") == {"error": "expired"}


def test_the_flow_keeps_only_digests_of_its_state_and_hand_off(client, sso):
    sso.set_accounts({"lu": account("lu", ["EL-A-Field"])})
    attempt = Attempt(client, sso, "lu")
    state = parse_qs(urlsplit(attempt.authorize_url).query)["state"][0]
    handoff = attempt.through_provider()["handoff"]
    stored = db.session.scalar(select(SsoSignIn))
    assert state not in (stored.state_hash, stored.handoff_hash) and handoff != stored.handoff_hash
    assert attempt.binding != stored.binding_hash
    assert "code_challenge_method=S256" in attempt.authorize_url


def test_sign_in_options_offer_the_city_account_only_when_configured(client, app, sso):
    assert client.get("/api/v1/auth/options").get_json() == {"sso": True, "local_passwords": True}
    app.config["OIDC_ISSUER"] = None
    assert client.get("/api/v1/auth/options").get_json()["sso"] is False
    started = client.post("/api/v1/auth/oidc/start", json={"device_id": str(uuid.uuid4()), "binding": "b" * 40})
    assert started.status_code == 404 and started.get_json()["reason"] == "sso_off"


def test_local_passwords_off_leaves_only_the_break_glass_users(client, app, world):
    from tests.factories import PASSWORD

    app.config.update(LOCAL_PASSWORDS=False, LOCAL_PASSWORD_USERS=["admin"])
    refused = client.post("/api/v1/auth/login", json={"username": "field.a", "password": PASSWORD,
                                                       "device_id": str(uuid.uuid4())})
    assert refused.status_code == 403 and refused.get_json()["reason"] == "local_passwords_off"
    allowed = client.post("/api/v1/auth/login", json={"username": "admin", "password": PASSWORD,
                                                      "device_id": str(uuid.uuid4())})
    assert allowed.status_code == 200, allowed.get_json()
    assert client.get("/api/v1/auth/options").get_json()["local_passwords"] is False


def test_a_provider_that_cannot_be_reached_is_a_clear_503(client, app, world):
    app.config.update(OIDC_ISSUER="http://127.0.0.1:9", OIDC_CLIENT_ID="x", OIDC_ROLE_MAP=json.dumps(harness.ROLE_MAP))
    started = client.post("/api/v1/auth/oidc/start", json={"device_id": str(uuid.uuid4()), "binding": "b" * 40})
    assert started.status_code == 503 and started.get_json()["reason"] == "provider_unavailable"


@pytest.mark.parametrize("raw, message", [
    ('{"groups": {"G": {"role": "boss"}}}', "needs a role"),
    ('{"groups": {"G": {"role": "field"}}}', "a field user belongs to a department"),
    ('{"groups": {"G": {"role": "mayor_office", "department": "A"}}}', "mayor_office user is citywide"),
    ('{"groups": [1]}', "needs an object"),
    ("{not json", "not valid JSON"),
    ("/nonexistent/role-map.json", "cannot be read"),
])
def test_a_malformed_role_map_stops_start_up_with_the_reason(tmp_path, monkeypatch, raw, message):
    from server import create_app
    from server.sso.mapping import MappingError

    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    with pytest.raises(MappingError, match=message):
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x", "OIDC_ROLE_MAP": raw})


def test_the_role_map_can_be_a_file(tmp_path):
    from server.sso.mapping import Assignment, parse_role_map

    path = tmp_path / "roles.json"
    path.write_text(json.dumps({"claim": "roles", "groups": {"Counter": {"role": "field", "department": "LADBS"}}}))
    mapping = parse_role_map(str(path))
    assert mapping.assign({"roles": "Counter"}) == Assignment("field", "LADBS")
    assert mapping.assign({"groups": ["Counter"]}) is None


def test_behind_a_proxy_the_browser_returns_to_the_public_address_of_the_redirect_uri(client, app, sso):
    app.config["OIDC_REDIRECT_URI"] = "https://el.lacity.example/api/v1/auth/oidc/callback"
    started = client.post("/api/v1/auth/oidc/start", json={"device_id": str(uuid.uuid4()), "binding": "b" * 40})
    assert "redirect_uri=https%3A%2F%2Fel.lacity.example%2Fapi%2Fv1%2Fauth%2Foidc%2Fcallback" in \
        started.get_json()["authorize_url"]
    back = client.get("/api/v1/auth/oidc/callback?code=abc&state=never-issued")
    assert back.headers["Location"] == "https://el.lacity.example/#/sso?error=expired"
