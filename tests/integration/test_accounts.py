"""Users (API access, allowed IPs, permissions) and roles (permissions, users, clone)."""

from __future__ import annotations

from oneandone_tui.api import AuthError, Client, RolePermissions, RoleUpdate, User, UserUpdate
from oneandone_tui.emulator.core import Emulator

from .helpers import call, is_id, named


async def test_user_lifecycle(emu: Emulator, client: Client) -> None:
    users = await call(emu, client.users.list, sort="name")
    assert [u["name"] for u in users][:2] == ["admin", "audit.readonly"]
    created = await call(emu, client.users.create, User(
        name="it.user", password="Passw0rd!", email="it@example.com", description="test"))
    assert is_id(created["id"]) and created["email"] == "it@example.com"
    assert "password" not in created
    emu.settle()
    got = await call(emu, client.users.get, created["id"])
    assert got["state"] == "ACTIVE" and got["name"] == "it.user"
    changed = await call(emu, client.users.modify, created["id"],
                         UserUpdate(description="changed", state="DISABLE"))
    assert changed["description"] == "changed"
    emu.settle()
    gone = await call(emu, client.users.delete, created["id"])
    assert gone["state"] == "REMOVING"


async def test_api_access(emu: Emulator, client: Client) -> None:
    jane = named(await client.users.list(), "ops.jane")
    api = await call(emu, client.users.api, jane["id"])
    assert api["active"] is True and api["allowed_ips"] == ["203.0.113.10", "203.0.113.11"]
    key = await call(emu, client.users.api_key, jane["id"])
    assert key["key"] == api["key"]
    renewed = await call(emu, client.users.change_api_key, jane["id"])
    emu.settle()
    assert (await client.users.api_key(jane["id"]))["key"] != key["key"]
    assert renewed["id"] == jane["id"]
    off = await call(emu, client.users.modify_api, jane["id"], False)
    assert off["api"]["active"] is False
    ips = await call(emu, client.users.allowed_ips, jane["id"])
    assert ips == ["203.0.113.10", "203.0.113.11"]
    added = await call(emu, client.users.add_allowed_ips, jane["id"], ["198.51.100.7"])
    assert "198.51.100.7" in added["api"]["allowed_ips"]
    removed = await call(emu, client.users.remove_allowed_ip, jane["id"], "203.0.113.10")
    assert removed["api"]["allowed_ips"] == ["203.0.113.11", "198.51.100.7"]


async def test_current_user_permissions(emu: Emulator, client: Client) -> None:
    perms = await call(emu, client.users.current_user_permissions)
    assert perms["servers"]["show"] is True and perms["servers"]["delete"] is True


async def test_changing_own_key_locks_the_old_token_out(emu: Emulator, client: Client) -> None:
    admin = named(await client.users.list(), "admin")
    await client.users.change_api_key(admin["id"])
    try:
        await client.servers.list()
    except AuthError as exc:
        assert exc.status == 401
    else:  # pragma: no cover - the old key must stop working
        raise AssertionError("the old API key still works")


async def test_role_lifecycle(emu: Emulator, client: Client) -> None:
    roles = await call(emu, client.roles.list, sort="name")
    assert [r["name"] for r in roles] == ["Administrator", "Operators", "Read only"]
    created = await call(emu, client.roles.create, "it-role")
    assert is_id(created["id"]) and created["name"] == "it-role"
    got = await call(emu, client.roles.get, created["id"])
    assert got["id"] == created["id"]
    changed = await call(emu, client.roles.modify, created["id"],
                         RoleUpdate(name="it-role-2", description="renamed"))
    assert (changed["name"], changed["description"]) == ("it-role-2", "renamed")
    clone = await call(emu, client.roles.clone, created["id"], "it-role-copy")
    assert clone["id"] != created["id"] and clone["name"] == "it-role-copy"
    gone = await call(emu, client.roles.delete, created["id"])
    assert gone["id"] == created["id"]


async def test_role_permissions_and_users(emu: Emulator, client: Client) -> None:
    ops = named(await client.roles.list(), "Operators")
    perms = await call(emu, client.roles.permissions, ops["id"])
    assert perms["servers"]["start"] is True and perms["servers"]["delete"] is False
    changed = await call(emu, client.roles.modify_permissions, ops["id"],
                         RolePermissions(servers={"delete": True}))
    assert changed["permissions"]["servers"]["delete"] is True
    assert changed["permissions"]["servers"]["start"] is True
    users = await call(emu, client.roles.users, ops["id"])
    assert [u["name"] for u in users] == ["ops.jane"]
    one = await call(emu, client.roles.user, ops["id"], users[0]["id"])
    assert one == {"id": users[0]["id"], "name": "ops.jane"}
    bot = named(await client.users.list(), "billing.bot")
    added = await call(emu, client.roles.add_users, ops["id"], [bot["id"]])
    assert bot["id"] in {u["id"] for u in added["users"]}
    removed = await call(emu, client.roles.remove_user, ops["id"], bot["id"])
    assert bot["id"] not in {u["id"] for u in removed["users"]}
