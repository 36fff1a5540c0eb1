"""``client.images``: create from a server or a URL, modify, delete, and ``/images/os``."""

from __future__ import annotations

from oneandone_tui.api import Client, Image, ImageUpdate
from oneandone_tui.emulator.core import Emulator

from .helpers import call, is_id, named


async def test_list_and_get(emu: Emulator, client: Client) -> None:
    images = await call(emu, client.images.list, sort="name")
    assert [i["name"] for i in images] == ["db-base-2026-10", "web-golden"]
    golden = await call(emu, client.images.get, named(images, "web-golden")["id"])
    assert golden["frequency"] == "WEEKLY" and golden["num_images"] == 4
    assert golden["state"] in ("ACTIVE", "ENABLED")


async def test_importable_os(emu: Emulator, client: Client) -> None:
    systems = await call(emu, client.images.os, sort="os")
    assert systems and all(is_id(s["id"]) and s.get("os_family") for s in systems)
    assert {"id", "os"} == set((await client.images.os(fields="id,os"))[0])


async def test_create_from_server_modify_delete(emu: Emulator, client: Client) -> None:
    web = named(await client.servers.list(), "web-02")
    created = await call(emu, client.images.create, Image(
        server_id=web["id"], name="web-02-daily", frequency="DAILY", num_images=3,
        description="nightly"))
    assert is_id(created["id"]) and created["state"] == "DEPLOYING"
    assert created["frequency"] == "DAILY" and created["num_images"] == 3
    emu.settle()
    assert (await client.images.get(created["id"]))["state"] in ("ACTIVE", "ENABLED")
    changed = await call(emu, client.images.modify, created["id"],
                         ImageUpdate(name="web-02-once", frequency="ONCE"))
    assert (changed["name"], changed["frequency"]) == ("web-02-once", "ONCE")
    deleted = await call(emu, client.images.delete, created["id"])
    assert deleted["state"] == "REMOVING"
    emu.settle()
    assert created["id"] not in {i["id"] for i in await client.images.list()}


async def test_create_from_iso_url(emu: Emulator, client: Client) -> None:
    os_id = (await client.images.os())[0]["id"]
    created = await client.images.create(Image(
        name="imported", source="iso", url="https://example.com/os.iso", type="os",
        os_id=os_id, frequency="ONCE", num_images=1))
    assert created["source"] == "iso" and created["url"] == "https://example.com/os.iso"
