"""Shared storages (servers, access credentials) and block storages."""

from __future__ import annotations

from oneandone_tui.api import (
    AttachServer,
    BlockStorage,
    BlockStorageUpdate,
    Client,
    SharedStorage,
    SharedStorageUpdate,
)
from oneandone_tui.emulator.core import Emulator

from .helpers import call, is_id, named


async def test_shared_storage_lifecycle(emu: Emulator, client: Client) -> None:
    storages = await call(emu, client.shared_storages.list)
    assert {s["name"] for s in storages} == {"shared-assets", "backups-gb"}
    created = await call(emu, client.shared_storages.create, SharedStorage(
        name="it-share", size=100, description="integration"))
    assert is_id(created["id"]) and created["size"] == 100
    emu.settle()
    got = await call(emu, client.shared_storages.get, created["id"])
    assert got["state"] == "ACTIVE" and got["name"] == "it-share"
    grown = await call(emu, client.shared_storages.modify, created["id"],
                       SharedStorageUpdate(size=150, name="it-share-2"))
    assert (grown["size"], grown["name"]) == (150, "it-share-2")
    emu.settle()
    gone = await call(emu, client.shared_storages.delete, created["id"])
    assert gone["state"] == "REMOVING"


async def test_shared_storage_servers(emu: Emulator, client: Client) -> None:
    assets = named(await client.shared_storages.list(), "shared-assets")
    attached = await call(emu, client.shared_storages.servers, assets["id"])
    assert sorted(s["rights"] for s in attached) == ["R", "RW"]
    one = await call(emu, client.shared_storages.server, assets["id"], attached[0]["id"])
    assert one["id"] == attached[0]["id"] and one["rights"] in ("R", "RW")
    gw = named(await client.servers.list(), "api-gateway")
    answer = await call(emu, client.shared_storages.attach_servers, assets["id"],
                        [AttachServer(server_id=gw["id"], rights="R")])
    assert gw["id"] in {s["id"] for s in answer["servers"]}
    emu.settle()
    answer = await call(emu, client.shared_storages.detach_server, assets["id"], gw["id"])
    assert gw["id"] not in {s["id"] for s in answer["servers"]}


async def test_shared_storage_access(emu: Emulator, client: Client) -> None:
    access = await call(emu, client.shared_storages.access)
    assert isinstance(access, list) and len(access) == 1  # Go/Java/.NET decode a list
    first = access[0]
    assert first["user_domain"] and "kerberos_content_file" in first
    changed = await call(emu, client.shared_storages.change_access_password, "NewPassw0rd")
    assert isinstance(changed, list) and len(changed) == 1
    again = changed[0]
    assert again["user_domain"] == first["user_domain"]
    assert "password" not in again


async def test_block_storage_lifecycle(emu: Emulator, client: Client) -> None:
    volumes = await call(emu, client.block_storages.list, sort="name")
    assert [v["name"] for v in volumes] == ["pg-wal", "scratch-us"]
    worker = named(await client.servers.list(), "worker-us-01")
    created = await call(emu, client.block_storages.create, BlockStorage(
        name="it-vol", size=40, datacenter_id=worker["datacenter"]["id"]))
    assert is_id(created["id"]) and created["size"] == 40 and created["server"] is None
    emu.settle()
    got = await call(emu, client.block_storages.get, created["id"])
    assert got["name"] == "it-vol"
    changed = await call(emu, client.block_storages.modify, created["id"],
                         BlockStorageUpdate(name="it-vol-2", description="renamed"))
    assert (changed["name"], changed["description"]) == ("it-vol-2", "renamed")
    emu.settle()
    attached = await call(emu, client.block_storages.attach_server, created["id"],
                          worker["id"])
    assert attached["server"]["id"] == worker["id"]
    emu.settle()
    server = await call(emu, client.block_storages.server, created["id"])
    assert server["id"] == worker["id"]
    detached = await call(emu, client.block_storages.detach_server, created["id"])
    assert detached["server"] is None
    emu.settle()
    gone = await call(emu, client.block_storages.delete, created["id"])
    assert gone["state"] == "REMOVING"


async def test_block_storage_server_of_seeded_volume(emu: Emulator, client: Client) -> None:
    vol = named(await client.block_storages.list(), "pg-wal")
    db = named(await client.servers.list(), "db-primary")
    server = await client.block_storages.server(vol["id"])
    assert (server["id"], server["name"]) == (db["id"], "db-primary")
