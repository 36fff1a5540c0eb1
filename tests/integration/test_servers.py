"""``client.servers`` against the emulator: the collection, catalogues, hardware, disks, image,
power, DVD, snapshots and clone. Each call is checked to hit exactly its declared endpoint."""

from __future__ import annotations

from typing import Any

import pytest

from oneandone_tui.api import (
    Client,
    Hdd,
    ReinstallImage,
    Server,
    ServerAction,
    ServerClone,
    ServerHardware,
    ServerUpdate,
)
from oneandone_tui.emulator.core import Emulator

from .helpers import call, is_id, named


async def server_named(client: Client, name: str) -> dict[str, Any]:
    return named(await client.servers.list(), name)


async def appliance(client: Client, name: str = "ubuntu2004-64std") -> dict[str, Any]:
    return named(await client.server_appliances.list(), name)


async def test_list_sort_q_fields_and_paging(emu: Emulator, client: Client) -> None:
    items = await call(emu, client.servers.list, sort="name", fields="id,name,status")
    names = [s["name"] for s in items]
    assert len(items) == 12 and names == sorted(names)
    assert set(items[0]) == {"id", "name", "status"}
    found = await call(emu, client.servers.list, q="db-")
    assert {s["name"] for s in found} == {"db-primary", "db-replica"}
    page2 = await call(emu, client.servers.list, page=2, per_page=5, sort="name")
    assert [s["name"] for s in page2] == names[5:10]
    desc = await client.servers.list(sort="-name", fields=["id", "name"])
    assert [s["name"] for s in desc] == names[::-1]


async def test_iterate_fetches_every_page(emu: Emulator, client: Client) -> None:
    before = emu.stats.snapshot()["requests"].get("GET /v1/servers", 0)
    items = await client.servers.list_all(per_page=5, sort="name")
    assert len(items) == 12 and len({s["id"] for s in items}) == 12
    # 5 + 5 + 2: the short third page ends the iteration.
    assert emu.stats.snapshot()["requests"]["GET /v1/servers"] - before == 3


async def test_fixed_sizes_and_baremetal_models(emu: Emulator, client: Client) -> None:
    sizes = await call(emu, client.servers.fixed_instance_sizes)
    assert {"S", "M", "L", "XL"} <= {s["name"] for s in sizes}
    xl = named(sizes, "XL")
    assert await call(emu, client.servers.fixed_instance_size, xl["id"]) == xl
    models = await call(emu, client.servers.baremetal_models, sort="name")
    assert models and all("hardware" in m for m in models)
    one = await call(emu, client.servers.baremetal_model, models[0]["id"])
    assert one["id"] == models[0]["id"] and one["name"] == models[0]["name"]


async def test_create_get_modify_delete(emu: Emulator, client: Client) -> None:
    app = await appliance(client)
    created = await call(emu, client.servers.create, Server(
        name="it-web", description="integration", appliance_id=app["id"], vcore=2,
        cores_per_processor=1, ram=4, hdds=[Hdd(60, True), Hdd(100)]))
    assert is_id(created["id"]) and created["name"] == "it-web"
    assert created["status"]["state"] == "DEPLOYING" and created["first_password"]
    assert [h["size"] for h in created["hardware"]["hdds"]] == [60, 100]
    emu.settle()
    got = await call(emu, client.servers.get, created["id"])
    assert got["status"] == {"state": "POWERED_ON", "percent": None}
    modified = await call(emu, client.servers.modify, created["id"],
                          ServerUpdate(name="it-web-2", description="renamed"))
    assert (modified["name"], modified["description"]) == ("it-web-2", "renamed")
    deleted = await call(emu, client.servers.delete, created["id"], keep_ips=False)
    assert deleted["id"] == created["id"] and deleted["status"]["state"] == "REMOVING"


async def test_create_with_fixed_size_powered_off(emu: Emulator, client: Client) -> None:
    xl = named(await client.servers.fixed_instance_sizes(), "XL")
    created = await client.servers.create(Server(
        name="it-fixed", appliance_id=(await appliance(client))["id"],
        fixed_instance_size_id=xl["id"], power_on=False))
    emu.settle()
    got = await client.servers.get(created["id"])
    assert got["status"]["state"] == "POWERED_OFF"
    assert got["hardware"]["vcore"] == xl["hardware"]["vcore"]


async def test_hardware_and_resize(emu: Emulator, client: Client) -> None:
    srv = await server_named(client, "api-gateway")
    hw = await call(emu, client.servers.hardware, srv["id"])
    assert (hw["vcore"], hw["cores_per_processor"], hw["ram"]) == (4, 2, 8)
    answer = await call(emu, client.servers.modify_hardware, srv["id"],
                        ServerHardware(vcore=6, ram=12))
    assert answer["status"]["state"] == "CONFIGURING"
    emu.settle()
    hw = await client.servers.hardware(srv["id"])
    assert (hw["vcore"], hw["ram"]) == (6, 12)


async def test_disks(emu: Emulator, client: Client) -> None:
    srv = await server_named(client, "api-gateway")
    hdds = await call(emu, client.servers.hdds, srv["id"])
    assert [h["size"] for h in hdds] == [60, 100] and hdds[0]["is_main"]
    added = await call(emu, client.servers.add_hdds, srv["id"], [Hdd(200)])
    assert [h["size"] for h in added["hardware"]["hdds"]] == [60, 100, 200]
    emu.settle()
    new = (await client.servers.hdds(srv["id"]))[-1]
    one = await call(emu, client.servers.hdd, srv["id"], new["id"])
    assert one == {"id": new["id"], "size": 200, "is_main": False}
    grown = await call(emu, client.servers.modify_hdd, srv["id"], new["id"], 300,
                       current_size=200)
    assert any(h["id"] == new["id"] and h["size"] == 300 for h in grown["hardware"]["hdds"])
    emu.settle()
    removed = await call(emu, client.servers.remove_hdd, srv["id"], new["id"])
    assert new["id"] not in {h["id"] for h in removed["hardware"]["hdds"]}


async def test_image_and_reinstall(emu: Emulator, client: Client) -> None:
    srv = await server_named(client, "cache-01")
    image = await call(emu, client.servers.image, srv["id"])
    assert image == {"id": srv["image"]["id"], "name": "debian10-64std"}
    target = await appliance(client, "ubuntu2004-64std")
    answer = await call(emu, client.servers.reinstall_image, srv["id"],
                        ReinstallImage(id=target["id"], password="Reinstall1!"))
    assert answer["status"]["state"] == "DEPLOYING"
    assert answer["image"] == {"id": target["id"], "name": "ubuntu2004-64std"}


async def test_status_and_power_actions(emu: Emulator, client: Client) -> None:
    srv = await server_named(client, "mail-gw")
    assert await call(emu, client.servers.status, srv["id"]) == {"state": "POWERED_ON",
                                                                   "percent": None}
    off = await call(emu, client.servers.set_status, srv["id"],
                     ServerAction("POWER_OFF", "HARDWARE"))
    assert off["status"]["state"] == "POWERING_OFF"
    emu.settle()
    assert (await client.servers.status(srv["id"]))["state"] == "POWERED_OFF"
    assert (await client.servers.start(srv["id"]))["status"]["state"] == "POWERING_ON"
    emu.settle()
    assert (await client.servers.reboot(srv["id"]))["status"]["state"] == "REBOOTING"
    emu.settle()
    rescue = (await client.recovery_appliances.list())[0]
    await client.servers.reboot(srv["id"], recovery_image_id=rescue["id"])
    emu.settle()
    assert (await client.servers.status(srv["id"]))["state"] == "ON_RECOVERY"


async def test_dvd(emu: Emulator, client: Client) -> None:
    erp = await server_named(client, "legacy-erp")
    dvd = await call(emu, client.servers.dvd, erp["id"])
    assert dvd["name"] == "Windows 2016 - 64 bits" and is_id(dvd["id"])
    ejected = await call(emu, client.servers.eject_dvd, erp["id"])
    assert ejected["dvd"] is None
    emu.settle()
    iso = named(await client.dvd_isos.list(), "GParted Live 1.1")
    loaded = await call(emu, client.servers.load_dvd, erp["id"], iso["id"])
    assert loaded["dvd"] == {"id": iso["id"], "name": iso["name"]}


async def test_snapshots(emu: Emulator, client: Client) -> None:
    db = await server_named(client, "db-primary")
    snaps = await call(emu, client.servers.snapshots, db["id"])
    assert len(snaps) == 1 and is_id(snaps[0]["id"]) and snaps[0]["creation_date"]
    restored = await call(emu, client.servers.restore_snapshot, db["id"], snaps[0]["id"])
    assert restored["status"]["state"] == "CONFIGURING"
    emu.settle()
    deleted = await call(emu, client.servers.delete_snapshot, db["id"], snaps[0]["id"])
    assert deleted["snapshot"] is None
    emu.settle()
    created = await call(emu, client.servers.create_snapshot, db["id"])
    assert is_id(created["snapshot"]["id"])
    emu.settle()
    assert [s["id"] for s in await client.servers.snapshots(db["id"])] == \
        [created["snapshot"]["id"]]


async def test_clone(emu: Emulator, client: Client) -> None:
    src = await server_named(client, "web-01")
    clone = await call(emu, client.servers.clone, src["id"], ServerClone(name="web-01-copy"))
    assert clone["id"] != src["id"] and clone["name"] == "web-01-copy"
    assert clone["status"]["state"] == "DEPLOYING"
    assert clone["hardware"]["vcore"] == src["hardware"]["vcore"]
    assert len(await client.servers.list()) == 13


@pytest.mark.parametrize("keep_ips", [True, False])
async def test_delete_keeps_or_frees_ips(emu: Emulator, client: Client, keep_ips: bool) -> None:
    srv = await server_named(client, "win-rdp")
    ip = srv["ips"][0]["ip"]
    await client.servers.delete(srv["id"], keep_ips=keep_ips, keep_hdds=False)
    emu.settle()
    listed = {i["ip"] for i in await client.public_ips.list()}
    assert (ip in listed) is keep_ips
