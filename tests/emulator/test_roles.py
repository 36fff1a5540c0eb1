"""Roles: create/modify/delete, permissions, users (both directions with user.role), clone."""

from __future__ import annotations

import pytest

from oneandone_tui.emulator.catalogue_data import PERMISSION_FLAGS
from tests.helpers import Api, error

ROLE_KEYS = {"id", "name", "description", "state", "creation_date", "default", "permissions",
             "users"}


def new_role(api: Api, name: str = "devs", **extra):
    return api.post("/roles", {"name": name, **extra})


def role_named(api: Api, name: str):
    return api.find("roles", name)


def logged(emu, action: str, rid: str) -> bool:
    return any(e["action"] == action and e["resource"]["id"] == rid and e["type"] == "ROLE"
               for e in emu.store.logs)


def new_user(api: Api, emu, name: str = "carol"):
    user = api.ok(api.post("/users", {"name": name, "password": "Secret123"}), 201)
    emu.settle()
    return user


# -- collection and one role --------------------------------------------------------------------
def test_list_roles(api):
    roles = api.ok(api.get("/roles"), 200)
    names = {r["name"] for r in roles}
    assert {"Administrator", "Read only", "Operators"} <= names
    for role in roles:
        assert set(role) == ROLE_KEYS
        assert set(role["permissions"]) == set(PERMISSION_FLAGS)
    projected = api.ok(api.get("/roles", fields="id,name", sort="name", per_page=2))
    assert len(projected) == 2 and set(projected[0]) == {"id", "name"}
    assert projected[0]["name"] <= projected[1]["name"]


def test_create_role_active_with_no_permissions(api, emu):
    resp = new_role(api, description="Developers")
    role = api.ok(resp, 201)
    assert resp.status == 201 and set(role) == ROLE_KEYS
    assert role["state"] == "ACTIVE" and role["default"] == 0 and role["users"] == []
    assert role["name"] == "devs" and role["description"] == "Developers"
    assert set(role["permissions"]) == set(PERMISSION_FLAGS)
    for group, flags in role["permissions"].items():
        assert set(flags) == set(PERMISSION_FLAGS[group]) and not any(flags.values())
    assert api.ok(api.get(f"/roles/{role['id']}"), 200) == role
    assert logged(emu, "CREATE", role["id"])


@pytest.mark.parametrize("body,status,fragments", [
    ({}, 400, ("'name'", "required")),
    ({"name": None}, 400, ("'name'", "required")),
    ({"name": ""}, 400, ("'name'", "empty")),
    ({"name": ["x"]}, 400, ("'name'", "string")),
    ({"name": "Administrator"}, 409, ("'name'", "Administrator")),
])
def test_create_role_validation(api, body, status, fragments):
    error(api.post("/roles", body), status, *fragments)


def test_unknown_role_404(api):
    error(api.get("/roles/NOPE"), 404, "NOPE")
    error(api.put("/roles/NOPE", {"name": "x"}), 404)
    error(api.delete("/roles/NOPE"), 404)
    error(api.get("/roles/NOPE/permissions"), 404)
    error(api.put("/roles/NOPE/permissions", {"servers": {"show": True}}), 404)
    error(api.get("/roles/NOPE/users"), 404)
    error(api.post("/roles/NOPE/users", {"users": ["x"]}), 404)
    error(api.post("/roles/NOPE/clone", {"name": "x"}), 404)


# -- modify -------------------------------------------------------------------------------------
def test_modify_role(api, emu):
    role = api.ok(new_role(api))
    resp = api.put(f"/roles/{role['id']}", {"name": "developers", "description": "d",
                                             "state": "ACTIVE"})
    got = api.ok(resp, 200)
    assert got["name"] == "developers" and got["description"] == "d"
    assert got["state"] == "ACTIVE"
    assert api.ok(api.get(f"/roles/{role['id']}"))["name"] == "developers"
    assert logged(emu, "UPDATE", role["id"])


def test_disable_role_as_ansible_and_dotnet_allow(api):
    """The Ansible module's ``role_state`` takes ACTIVE or DISABLE and .NET types a role's state
    as ``UserState``: DISABLE is accepted (stored as DISABLED, like a user's), ACTIVE undoes it."""
    role = api.ok(new_role(api))
    assert api.ok(api.put(f"/roles/{role['id']}", {"state": "DISABLE"}))["state"] == "DISABLED"
    assert api.ok(api.put(f"/roles/{role['id']}", {"state": "ACTIVE"}))["state"] == "ACTIVE"


@pytest.mark.parametrize("body,status,fragments", [
    ({}, 400, ("at least one",)),
    ({"name": None, "description": None, "state": None}, 400, ("at least one",)),
    ({"state": "PAUSED"}, 400, ("'state'", "ACTIVE", "DISABLE")),
    ({"name": ""}, 400, ("'name'",)),
    ({"name": "Operators"}, 409, ("'name'", "Operators")),
])
def test_modify_role_validation(api, body, status, fragments):
    role = api.ok(new_role(api))
    error(api.put(f"/roles/{role['id']}", body), status, *fragments)


def test_rename_to_own_name_is_fine(api):
    role = api.ok(new_role(api))
    assert api.ok(api.put(f"/roles/{role['id']}", {"name": "devs"}))["name"] == "devs"


# -- delete -------------------------------------------------------------------------------------
def test_delete_role_removing_then_gone(api, emu):
    role = api.ok(new_role(api))
    resp = api.delete(f"/roles/{role['id']}")
    got = api.ok(resp, 200)
    assert resp.status == 200 and got["state"] == "REMOVING"
    error(api.put(f"/roles/{role['id']}", {"name": "x"}), 409, "removed")
    error(api.delete(f"/roles/{role['id']}"), 409)
    emu.settle()
    error(api.get(f"/roles/{role['id']}"), 404)
    assert logged(emu, "DELETE", role["id"])


def test_delete_default_role_409(api):
    admin = role_named(api, "Administrator")
    error(api.delete(f"/roles/{admin['id']}"), 409, "default")


def test_delete_role_with_users_409_until_removed(api, emu):
    ro = role_named(api, "Read only")
    error(api.delete(f"/roles/{ro['id']}"), 409, "billing.bot")
    for user in ro["users"]:
        api.ok(api.delete(f"/roles/{ro['id']}/users/{user['id']}"), 202)
    assert api.ok(api.delete(f"/roles/{ro['id']}"))["state"] == "REMOVING"


# -- permissions --------------------------------------------------------------------------------
def test_get_permissions(api):
    ops = role_named(api, "Operators")
    perms = api.ok(api.get(f"/roles/{ops['id']}/permissions"), 200)
    assert set(perms) == set(PERMISSION_FLAGS)
    assert perms["servers"]["start"] is True and perms["servers"]["delete"] is False
    assert perms == ops["permissions"]


def test_modify_permissions_python_sdk_body(api, emu):
    """The Python SDK 1.8.0's exact body: its own group keys (``sharedstorages``...), all sent,
    unset ones null, and whatever flag names the caller passed (here the Go SDK's old tags)."""
    role = api.ok(new_role(api))
    body = {"servers": {"show": True, "create": False}, "images": None, "sharedstorages": None,
            "firewalls": None, "loadbalancers": None, "ips": None, "privatenetwork": None,
            "vpn": {"downloadfile": True}, "monitoringcenter": None, "monitoringpolicies": None,
            "backups": None, "logs": None, "users": None, "roles": None, "usages": None,
            "interactiveinvoice": None}
    resp = api.put(f"/roles/{role['id']}/permissions", body)
    got = api.ok(resp, 200)
    assert set(got) == ROLE_KEYS
    assert set(got["permissions"]) == set(PERMISSION_FLAGS)
    assert got["permissions"]["servers"]["show"] is True
    assert got["permissions"]["servers"]["create"] is False
    assert got["permissions"]["vpn"]["download_file"] is True
    assert "downloadfile" not in got["permissions"]["vpn"]
    assert got["permissions"]["images"]["show"] is False  # null group: unchanged
    perms = api.ok(api.get(f"/roles/{role['id']}/permissions"))
    assert perms["servers"]["show"] is True and perms["vpn"]["show"] is False
    assert logged(emu, "MODIFY_PERMISSIONS", role["id"])


def test_permission_names_are_snake_case_as_go_java_dotnet_spell_them(api):
    """Go ``roles.go`` JSON tags, Java ``PermissionsResponse``/``ServersRoles``, .NET
    ``RoleResponse.cs``: groups and flags in snake_case, on roles, permissions and the current
    user's permissions alike."""
    expected_servers = {"access_kvm_console", "assign_ip", "clone", "create", "delete",
                        "manage_dvd", "manage_snapshot", "reinstall", "resize", "restart",
                        "set_description", "set_name", "show", "shutdown", "start"}
    ops = role_named(api, "Operators")
    for perms in (ops["permissions"], api.ok(api.get(f"/roles/{ops['id']}/permissions")),
                  api.ok(api.get("/users/current_user_permissions"))):
        assert set(perms) == {
            "backups", "firewall_policies", "images", "interactive_invoices", "public_ips",
            "load_balancers", "logs", "monitoring_center", "monitoring_policies",
            "private_networks", "roles", "servers", "shared_storages", "usages", "users", "vpn"}
        assert set(perms["servers"]) == expected_servers
        assert "manage_attached_server_ips" in perms["firewall_policies"]
        assert "manage_attached_server_ips" in perms["load_balancers"]
        assert {"manage_ports", "manage_processes", "modify_resources", "set_email",
                "manage_attached_servers"} <= set(perms["monitoring_policies"])
        assert {"change_role", "manage_api", "set_password"} <= set(perms["users"])
        assert "manage_users" in perms["roles"] and "download_file" in perms["vpn"]
        assert "set_reverse_dns" in perms["public_ips"]
        assert "disable_automatic_creation" in perms["images"]
        assert "set_network_info" in perms["private_networks"]


def test_modify_permissions_dotnet_live_test_body(api):
    """.NET ``RolesTests.UpdateRolesPermissions``: a ``Permissions`` POCO with ``Servers`` set
    (non-nullable bools, so every server flag is sent) and every other group null, under the
    .NET names (``private_network``, ``interactive_invoices``...)."""
    role = api.ok(new_role(api))
    servers = {f: False for f in PERMISSION_FLAGS["servers"]}
    servers.update(show=True, set_name=False, shutdown=True)
    body = {"servers": servers, "images": None, "shared_storages": None,
            "firewall_policies": None, "load_balancers": None, "public_ips": None,
            "private_network": None, "vpn": None, "monitoring_center": None,
            "monitoring_policies": None, "backups": None, "logs": None, "users": None,
            "roles": None, "usages": None, "interactive_invoices": None}
    got = api.ok(api.put(f"/roles/{role['id']}/permissions", body), 200)
    assert got["id"] == role["id"]
    assert got["permissions"]["servers"]["show"] is True
    assert got["permissions"]["servers"]["set_name"] is False
    assert got["permissions"]["servers"]["shutdown"] is True


@pytest.mark.parametrize("servers", [
    {"create": True, "delete": False},
    {"show": None, "create": True, "delete": False, "set_name": None, "access_kvm_console": None},
])
def test_modify_permissions_java_live_test_body(api, servers):
    """Java ``RolePermissionsTest.updateRole``: ``ServersRoles`` with create/delete set (Boolean
    fields: the others absent or null)."""
    role = api.ok(new_role(api))
    got = api.ok(api.put(f"/roles/{role['id']}/permissions", {"servers": servers}), 200)
    assert got["permissions"]["servers"]["create"] is True
    assert got["permissions"]["servers"]["delete"] is False


def test_modify_permissions_issue_example_and_aliases_merge(api):
    """``{"servers": {"set_name": true}}`` (snake_case) and the same group under two spellings
    in one body both land on the canonical group."""
    role = api.ok(new_role(api))
    got = api.ok(api.put(f"/roles/{role['id']}/permissions", {"servers": {"set_name": True}}))
    assert got["permissions"]["servers"]["set_name"] is True
    body = {"private_networks": {"set_name": True}, "privatenetwork": {"setnetworkinfo": True},
            "firewalls": {"manageattachedserverip": True},
            "firewall_policies": {"manage_rules": True}}
    perms = api.ok(api.put(f"/roles/{role['id']}/permissions", body))["permissions"]
    assert perms["private_networks"]["set_name"] is True
    assert perms["private_networks"]["set_network_info"] is True
    assert perms["firewall_policies"]["manage_attached_server_ips"] is True
    assert perms["firewall_policies"]["manage_rules"] is True
    assert "privatenetwork" not in perms and "firewalls" not in perms


def test_modify_permissions_full_go_body(api):
    role = api.ok(new_role(api))
    everything = {g: {f: True for f in flags} for g, flags in PERMISSION_FLAGS.items()}
    got = api.ok(api.put(f"/roles/{role['id']}/permissions", everything))
    assert got["permissions"] == everything


@pytest.mark.parametrize("body,fragments", [
    ({"firewall_rules": {"show": True}}, ("'firewall_rules'", "permission group")),
    ({"servers": {"explode": True}}, ("'servers.explode'", "not a permission")),
    ({"servers": {"show": "yes"}}, ("'servers.show'", "true or false")),
    ({"servers": True}, ("'servers'", "object")),
    ({"servers": None, "images": None}, ("at least one",)),
    ({}, ("at least one",)),
])
def test_modify_permissions_validation(api, body, fragments):
    role = api.ok(new_role(api))
    error(api.put(f"/roles/{role['id']}/permissions", body), 400, *fragments)
    assert not any(v for flags in api.ok(api.get(f"/roles/{role['id']}/permissions")).values()
                   for v in flags.values())


def test_default_role_permissions_cannot_change(api):
    admin = role_named(api, "Administrator")
    error(api.put(f"/roles/{admin['id']}/permissions", {"servers": {"delete": False}}), 409,
          "default")
    assert api.ok(api.get(f"/roles/{admin['id']}/permissions"))["servers"]["delete"] is True


# -- users --------------------------------------------------------------------------------------
def test_role_users_list_and_get(api):
    ro = role_named(api, "Read only")
    users = api.ok(api.get(f"/roles/{ro['id']}/users"), 200)
    assert {u["name"] for u in users} == {"billing.bot", "audit.readonly"}
    assert all(set(u) == {"id", "name"} for u in users)
    assert users == ro["users"]
    one = api.ok(api.get(f"/roles/{ro['id']}/users/{users[0]['id']}"), 200)
    assert one == users[0]
    jane = api.find("users", "ops.jane")
    error(api.get(f"/roles/{ro['id']}/users/{jane['id']}"), 404)
    error(api.get(f"/roles/{ro['id']}/users/NOPE"), 404, "NOPE")


def test_add_users_moves_them_from_their_previous_role(api, emu):
    role = api.ok(new_role(api))
    carol = new_user(api, emu)
    jane = api.find("users", "ops.jane")
    ops = role_named(api, "Operators")
    resp = api.post(f"/roles/{role['id']}/users", {"users": [carol["id"], jane["id"],
                                                             carol["id"]]})
    got = api.ok(resp, 201)
    assert resp.status == 201
    assert sorted(u["name"] for u in got["users"]) == ["carol", "ops.jane"]
    # the other direction: the users show their new role, the old role lost jane
    for uid in (carol["id"], jane["id"]):
        assert api.ok(api.get(f"/users/{uid}"))["role"] == {"id": role["id"], "name": "devs"}
    assert jane["id"] not in [u["id"] for u in api.ok(api.get(f"/roles/{ops['id']}/users"))]
    assert logged(emu, "ADD_USERS", role["id"])


def test_add_users_validation(api, emu):
    role = api.ok(new_role(api))
    carol = new_user(api, emu)
    error(api.post(f"/roles/{role['id']}/users", {}), 400, "'users'", "required")
    error(api.post(f"/roles/{role['id']}/users", {"users": []}), 400, "'users'", "at least 1")
    error(api.post(f"/roles/{role['id']}/users", {"users": [carol["id"], "NOPE"]}), 400,
          "'users[1]'", "NOPE")
    error(api.post(f"/roles/{role['id']}/users", {"users": [5]}), 400, "'users[0]'")
    # nothing was applied by the failed requests
    assert api.ok(api.get(f"/users/{carol['id']}"))["role"] is None


def test_remove_user_from_role(api, emu):
    role = api.ok(new_role(api))
    carol = new_user(api, emu)
    api.ok(api.post(f"/roles/{role['id']}/users", {"users": [carol["id"]]}))
    resp = api.delete(f"/roles/{role['id']}/users/{carol['id']}")
    got = api.ok(resp, 202)
    assert resp.status == 202 and got["users"] == []
    assert api.ok(api.get(f"/users/{carol['id']}"))["role"] is None
    error(api.delete(f"/roles/{role['id']}/users/{carol['id']}"), 404)
    assert logged(emu, "REMOVE_USER", role["id"])


# -- clone --------------------------------------------------------------------------------------
def test_clone_copies_permissions_not_users(api, emu):
    ops = role_named(api, "Operators")
    resp = api.post(f"/roles/{ops['id']}/clone", {"name": "Operators 2"})
    clone = api.ok(resp, 201)
    assert resp.status == 201 and clone["id"] != ops["id"]
    assert clone["name"] == "Operators 2" and clone["default"] == 0
    assert clone["permissions"] == ops["permissions"] and clone["users"] == []
    assert clone["description"] == ops["description"] and clone["state"] == "ACTIVE"
    # independent copies: changing the clone leaves the original alone
    api.ok(api.put(f"/roles/{clone['id']}/permissions", {"servers": {"delete": True}}))
    assert api.ok(api.get(f"/roles/{ops['id']}/permissions"))["servers"]["delete"] is False
    assert logged(emu, "CLONE", ops["id"]) and logged(emu, "CREATE", clone["id"])


def test_clone_of_default_role_is_not_default(api):
    admin = role_named(api, "Administrator")
    clone = api.ok(api.post(f"/roles/{admin['id']}/clone", {"name": "Admins 2"}))
    assert clone["default"] == 0
    assert api.ok(api.put(f"/roles/{clone['id']}/permissions",
                          {"servers": {"delete": False}}))["permissions"]["servers"]["delete"] \
        is False


def test_clone_validation(api):
    ops = role_named(api, "Operators")
    error(api.post(f"/roles/{ops['id']}/clone", {}), 400, "'name'", "required")
    error(api.post(f"/roles/{ops['id']}/clone", {"name": "Read only"}), 409, "Read only")
