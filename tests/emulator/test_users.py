"""Users: create/modify/delete, API access (active flag, key, allowed IPs), caller permissions."""

from __future__ import annotations

import pytest

from tests.emulator.fixture_shapes import assert_fixture
from tests.helpers import Api, error

NULLABLE = frozenset({"description", "email", "role"})


def new_user(api: Api, **overrides):
    body = {"name": "bob", "password": "Secret123", "email": "b@x.y", "description": "d"}
    body.update(overrides)
    return api.post("/users", body)


def ready_user(api: Api, emu, **overrides):
    user = api.ok(new_user(api, **overrides), 201)
    emu.settle()
    return api.ok(api.get(f"/users/{user['id']}"))


def logged(emu, action: str, rid: str) -> bool:
    """A log entry of ``action`` on resource ``rid`` was written (by the current user)."""
    return any(e["action"] == action and e["resource"]["id"] == rid and e["type"] == "USER"
               and e["user"]["name"] == "admin" for e in emu.store.logs)


def owner(api: Api):
    return api.find("users", "admin")


# -- collection and one user ------------------------------------------------------------------
def test_list_users_matches_fixture(api):
    users = api.ok(api.get("/users"), 200)
    assert {"admin", "ops.jane", "billing.bot", "audit.readonly"} <= {u["name"] for u in users}
    assert_fixture(users, "list-users.json", NULLABLE)
    assert api.ok(api.get("/users", q="jane"))[0]["name"] == "ops.jane"


def test_create_user_creating_then_active(api, emu):
    resp = new_user(api)
    user = api.ok(resp, 201)
    assert resp.status == 201
    assert_fixture(user, "create-user.json", NULLABLE)
    assert user["state"] == "CREATING"
    assert user["name"] == "bob" and user["email"] == "b@x.y" and user["description"] == "d"
    assert user["role"] is None
    assert user["api"]["active"] is True and len(user["api"]["key"]) == 32
    assert user["api"]["allowed_ips"] == []
    assert "password" not in user
    emu.advance(5)
    assert api.ok(api.get(f"/users/{user['id']}"))["state"] == "CREATING"
    emu.advance(6)
    got = api.ok(api.get(f"/users/{user['id']}"), 200)
    assert got["state"] == "ACTIVE"
    assert_fixture(got, "get-user.json", NULLABLE)
    assert logged(emu, "CREATE", user["id"])


def test_new_user_key_authenticates(api, emu):
    user = ready_user(api, emu)
    assert api.call("GET", "/ping_auth", token=user["api"]["key"]).status == 200


@pytest.mark.parametrize("body,fragments", [
    ({"name": None}, ("'name'", "required")),
    ({"name": "  "}, ("'name'", "empty")),
    ({"name": 5}, ("'name'", "string")),
    ({"password": None}, ("'password'", "required")),
    ({"password": "Short1"}, ("'password'", "8 to 64")),
    ({"password": "alllowercase1"}, ("'password'", "upper-case")),
    ({"password": "NoDigitsHere"}, ("'password'", "digit")),
    ({"email": "not-an-address"}, ("'email'", "e-mail")),
    ({"email": "a@b"}, ("'email'", "e-mail")),
    ({"description": 3}, ("'description'", "string")),
])
def test_create_user_validation(api, body, fragments):
    error(new_user(api, **body), 400, *fragments)


def test_create_user_name_taken_is_409(api):
    error(new_user(api, name="admin"), 409, "'name'", "admin")


def test_create_user_nulls_mean_not_given(api):
    user = api.ok(new_user(api, email=None, description=None), 201)
    assert user["email"] is None and user["description"] is None


def test_get_unknown_user_404(api):
    for path in ("/users/NOPE", "/users/NOPE/api", "/users/NOPE/api/key", "/users/NOPE/api/ips"):
        error(api.get(path), 404, "NOPE")
    error(api.put("/users/NOPE", {"description": "x"}), 404)
    error(api.delete("/users/NOPE"), 404)


# -- modify -----------------------------------------------------------------------------------
def test_modify_user_configuring_then_back(api, emu):
    user = ready_user(api, emu)
    resp = api.put(f"/users/{user['id']}", {"description": "new", "email": "e@x.y",
                                             "password": "Secret1234", "state": None})
    got = api.ok(resp, 200)
    assert_fixture(got, "modify-user.json", NULLABLE)
    assert got["state"] == "CONFIGURING"
    assert got["description"] == "new" and got["email"] == "e@x.y"
    emu.settle()
    after = api.ok(api.get(f"/users/{user['id']}"))
    assert after["state"] == "ACTIVE" and after["description"] == "new"
    assert emu.store.users[user["id"]]["password"] == "Secret1234"


def test_disable_user_refuses_its_token_then_enable(api, emu):
    user = ready_user(api, emu)
    token = user["api"]["key"]
    got = api.ok(api.put(f"/users/{user['id']}", {"state": "DISABLE"}))
    assert got["state"] == "CONFIGURING"
    emu.settle()
    assert api.ok(api.get(f"/users/{user['id']}"))["state"] == "DISABLED"
    error(api.call("GET", "/servers", token=token), 401, "disabled")
    api.ok(api.put(f"/users/{user['id']}", {"state": "ACTIVE"}))
    emu.settle()
    assert api.ok(api.get(f"/users/{user['id']}"))["state"] == "ACTIVE"
    assert api.call("GET", "/servers", token=token).status == 200


def test_go_spelling_disabled_is_accepted(api, emu):
    user = ready_user(api, emu)
    api.ok(api.put(f"/users/{user['id']}", {"state": "DISABLED"}))
    emu.settle()
    assert api.ok(api.get(f"/users/{user['id']}"))["state"] == "DISABLED"


def test_modify_keeps_disabled_state_when_state_not_given(api, emu):
    user = ready_user(api, emu)
    api.ok(api.put(f"/users/{user['id']}", {"state": "DISABLE"}))
    api.ok(api.put(f"/users/{user['id']}", {"description": "while configuring"}))
    emu.settle()
    assert api.ok(api.get(f"/users/{user['id']}"))["state"] == "DISABLED"


@pytest.mark.parametrize("body,fragments", [
    ({}, ("at least one",)),
    ({"description": None, "email": None, "password": None, "state": None}, ("at least one",)),
    ({"state": "PAUSED"}, ("'state'", "ACTIVE")),
    ({"password": "short"}, ("'password'",)),
    ({"password": "nouppercase1"}, ("'password'", "upper-case")),
    ({"email": "nope"}, ("'email'",)),
    ({"name": ""}, ("'name'",)),
])
def test_modify_user_validation(api, emu, body, fragments):
    user = ready_user(api, emu)
    error(api.put(f"/users/{user['id']}", body), 400, *fragments)


def test_modify_user_rename_must_stay_unique(api, emu):
    user = ready_user(api, emu)
    error(api.put(f"/users/{user['id']}", {"name": "ops.jane"}), 409, "ops.jane")
    assert api.ok(api.put(f"/users/{user['id']}", {"name": "bobby"}))["name"] == "bobby"


def test_cannot_disable_yourself(api):
    me = owner(api)
    error(api.put(f"/users/{me['id']}", {"state": "DISABLE"}), 409, "disable")
    assert api.ok(api.get(f"/users/{me['id']}"))["state"] == "ACTIVE"


def test_modify_yourself_keeps_working(api, emu):
    me = owner(api)
    got = api.ok(api.put(f"/users/{me['id']}", {"description": "me", "email": "me@x.y"}))
    assert got["description"] == "me"
    emu.settle()
    assert api.get("/servers").status == 200


# -- delete -----------------------------------------------------------------------------------
def test_delete_user_removing_then_gone(api, emu):
    user = ready_user(api, emu)
    resp = api.delete(f"/users/{user['id']}")
    got = api.ok(resp, 202)
    assert resp.status == 202 and got["state"] == "REMOVING"
    error(api.put(f"/users/{user['id']}", {"description": "x"}), 409, "removed")
    error(api.delete(f"/users/{user['id']}"), 409)
    emu.settle()
    error(api.get(f"/users/{user['id']}"), 404)
    error(api.call("GET", "/servers", token=user["api"]["key"]), 401)


def test_cannot_delete_yourself(api):
    me = owner(api)
    error(api.delete(f"/users/{me['id']}"), 409, "delete")
    assert api.ok(api.get(f"/users/{me['id']}"))["state"] == "ACTIVE"


def test_deleted_user_leaves_its_role(api, emu):
    jane = api.find("users", "ops.jane")
    role_id = jane["role"]["id"]
    api.ok(api.delete(f"/users/{jane['id']}"))
    emu.settle()
    assert jane["id"] not in [u["id"] for u in api.ok(api.get(f"/roles/{role_id}/users"))]


# -- API access -------------------------------------------------------------------------------
def test_get_api_and_key_match_fixtures(api):
    jane = api.find("users", "ops.jane")
    got = api.ok(api.get(f"/users/{jane['id']}/api"), 200)
    assert_fixture(got, "get-user-api.json")
    assert got == {"active": True, "key": jane["api"]["key"],
                   "allowed_ips": ["203.0.113.10", "203.0.113.11"]}
    key = api.ok(api.get(f"/users/{jane['id']}/api/key"), 200)
    assert_fixture(key, "get-user-api-key.json")
    assert key == {"key": jane["api"]["key"]}


def test_modify_api_off_refuses_token_and_on_again(api, emu):
    user = ready_user(api, emu)
    token = user["api"]["key"]
    resp = api.put(f"/users/{user['id']}/api", {"active": False})
    got = api.ok(resp, 200)
    assert_fixture(got, "modify-user-api.json", NULLABLE)
    assert got["api"]["active"] is False and got["api"]["key"] == token
    error(api.call("GET", "/servers", token=token), 401, "API access")
    api.ok(api.put(f"/users/{user['id']}/api", {"active": True}))
    assert api.call("GET", "/servers", token=token).status == 200


def test_seeded_inactive_api_user_is_refused(api):
    bot = api.find("users", "billing.bot")
    assert bot["api"]["active"] is False
    error(api.call("GET", "/ping_auth", token=bot["api"]["key"]), 401)


@pytest.mark.parametrize("body,fragments", [
    ({}, ("'active'", "required")),
    ({"active": None}, ("'active'", "required")),
    ({"active": "yes"}, ("'active'", "true or false")),
])
def test_modify_api_validation(api, body, fragments):
    jane = api.find("users", "ops.jane")
    error(api.put(f"/users/{jane['id']}/api", body), 400, *fragments)


def test_cannot_switch_off_own_api(api):
    me = owner(api)
    error(api.put(f"/users/{me['id']}/api", {"active": False}), 409)
    assert api.ok(api.put(f"/users/{me['id']}/api", {"active": True}))["api"]["active"] is True


def test_change_api_key_old_token_401_new_works(api, emu):
    user = ready_user(api, emu)
    old = user["api"]["key"]
    resp = api.put(f"/users/{user['id']}/api/key")
    got = api.ok(resp, 200)
    assert_fixture(got, "change-api-key.json", NULLABLE)
    new = got["api"]["key"]
    assert new != old and len(new) == 32 and got["state"] == "CONFIGURING"
    assert api.ok(api.get(f"/users/{user['id']}/api/key")) == {"key": new}
    error(api.call("GET", "/servers", token=old), 401, "Invalid")
    assert api.call("GET", "/servers", token=new).status == 200
    emu.settle()
    assert api.ok(api.get(f"/users/{user['id']}"))["state"] == "ACTIVE"


def test_change_own_key_request_succeeds_then_old_key_fails(api, emu):
    me = owner(api)
    resp = api.put(f"/users/{me['id']}/api/key")
    new = api.ok(resp, 200)["api"]["key"]
    error(api.get("/servers"), 401)
    assert api.call("GET", "/servers", token=new).status == 200


def test_api_ips_list_add_remove(api, emu):
    user = ready_user(api, emu)
    uid = user["id"]
    assert api.ok(api.get(f"/users/{uid}/api/ips"), 200) == []
    resp = api.post(f"/users/{uid}/api/ips", {"ips": ["1.2.3.4", "5.6.7.8", "1.2.3.4"]})
    got = api.ok(resp, 201)
    assert resp.status == 201
    assert_fixture(got, "add-new-ip.json", NULLABLE)
    assert got["api"]["allowed_ips"] == ["1.2.3.4", "5.6.7.8"]
    # duplicates of stored IPs are ignored; IPv6 is accepted and normalised
    got = api.ok(api.post(f"/users/{uid}/api/ips", {"ips": ["5.6.7.8", "2001:DB8::0:1"]}))
    assert got["api"]["allowed_ips"] == ["1.2.3.4", "5.6.7.8", "2001:db8::1"]
    listed = api.ok(api.get(f"/users/{uid}/api/ips"))
    assert_fixture(listed, "list-user-ips.json")
    assert listed == ["1.2.3.4", "5.6.7.8", "2001:db8::1"]
    resp = api.delete(f"/users/{uid}/api/ips/5.6.7.8")
    got = api.ok(resp, 200)
    assert_fixture(got, "delete-ip.json", NULLABLE)
    assert got["api"]["allowed_ips"] == ["1.2.3.4", "2001:db8::1"]
    assert api.ok(api.delete(f"/users/{uid}/api/ips/2001:db8:0::1"))["api"]["allowed_ips"] \
        == ["1.2.3.4"]
    error(api.delete(f"/users/{uid}/api/ips/9.9.9.9"), 404, "9.9.9.9")
    error(api.delete(f"/users/{uid}/api/ips/not-an-ip"), 404)


def test_allowed_ips_are_stored_not_enforced(api, emu):
    user = ready_user(api, emu)
    api.ok(api.post(f"/users/{user['id']}/api/ips", {"ips": ["203.0.113.99"]}))
    assert api.call("GET", "/servers", token=user["api"]["key"]).status == 200


@pytest.mark.parametrize("body,fragments", [
    ({}, ("'ips'", "required")),
    ({"ips": []}, ("'ips'", "at least 1")),
    ({"ips": "1.2.3.4"}, ("'ips'", "list")),
    ({"ips": ["1.2.3.4", 7]}, ("'ips[1]'",)),
    ({"ips": ["1.2.3.4", "1.2.3.999"]}, ("'ips[1]'", "IP address")),
])
def test_add_api_ips_validation(api, body, fragments):
    jane = api.find("users", "ops.jane")
    error(api.post(f"/users/{jane['id']}/api/ips", body), 400, *fragments)
    assert api.ok(api.get(f"/users/{jane['id']}/api/ips")) == ["203.0.113.10", "203.0.113.11"]


# -- permissions of the caller ------------------------------------------------------------------
def test_current_user_permissions_follow_the_role(api, emu):
    perms = api.ok(api.get("/users/current_user_permissions"), 200)
    assert perms["servers"]["delete"] is True and len(perms) == 16
    jane = api.find("users", "ops.jane")
    jane_perms = api.ok(api.call("GET", "/users/current_user_permissions",
                                 token=jane["api"]["key"]))
    assert jane_perms["servers"]["start"] is True and jane_perms["servers"]["delete"] is False
    assert jane_perms == api.ok(api.get(f"/roles/{jane['role']['id']}/permissions"))


def test_current_user_permissions_without_role_all_false(api, emu):
    user = ready_user(api, emu)
    perms = api.ok(api.call("GET", "/users/current_user_permissions",
                            token=user["api"]["key"]))
    assert len(perms) == 16
    assert not any(v for flags in perms.values() for v in flags.values())


def test_every_mutation_is_logged(api, emu):
    user = ready_user(api, emu)
    uid = user["id"]
    api.ok(api.put(f"/users/{uid}", {"password": "Another123"}))
    api.ok(api.put(f"/users/{uid}/api", {"active": True}))
    api.ok(api.put(f"/users/{uid}/api/key"))
    api.ok(api.post(f"/users/{uid}/api/ips", {"ips": ["1.1.1.1"]}))
    api.ok(api.delete(f"/users/{uid}/api/ips/1.1.1.1"))
    api.ok(api.delete(f"/users/{uid}"))
    for action in ("CREATE", "UPDATE", "MODIFY_API", "CHANGE_API_KEY", "ADD_API_IPS",
                   "REMOVE_API_IP", "DELETE"):
        assert logged(emu, action, uid), action
    assert not any("Another123" in str(e["details"]) for e in emu.store.logs)
