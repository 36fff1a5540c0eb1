"""VPNs (with their configuration zip) and SSH keys."""

from __future__ import annotations

import io
import zipfile

from oneandone_tui.api import Client, SshKey, SshKeyUpdate, Vpn, VpnUpdate
from oneandone_tui.emulator.core import Emulator

from .helpers import call, is_id, named


async def test_vpn_lifecycle(emu: Emulator, client: Client) -> None:
    vpns = await call(emu, client.vpns.list)
    assert [v["name"] for v in vpns] == ["office-vpn"]
    created = await call(emu, client.vpns.create, Vpn(name="it-vpn", description="test"))
    assert is_id(created["id"]) and created["name"] == "it-vpn"
    emu.settle()
    got = await call(emu, client.vpns.get, created["id"])
    assert got["state"] == "ACTIVE"
    changed = await call(emu, client.vpns.modify, created["id"], VpnUpdate(name="it-vpn-2"))
    assert changed["name"] == "it-vpn-2"
    gone = await call(emu, client.vpns.delete, created["id"])
    assert gone["id"] == created["id"]


async def test_vpn_configuration(emu: Emulator, client: Client) -> None:
    vpn = named(await client.vpns.list(), "office-vpn")
    data = await call(emu, client.vpns.configuration_file, vpn["id"])
    assert set(data) == {"config_zip_file"}
    raw = await client.vpns.download_config(vpn["id"])
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        assert zf.namelist()


async def test_ssh_key_lifecycle(emu: Emulator, client: Client) -> None:
    keys = await call(emu, client.ssh_keys.list, sort="name")
    assert [k["name"] for k in keys] == ["ci-deploy", "jane@laptop"]
    public = ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7it integration@test")
    created = await call(emu, client.ssh_keys.create, SshKey(name="it-key", public_key=public))
    assert is_id(created["id"]) and created["name"] == "it-key" and created["md5"]
    got = await call(emu, client.ssh_keys.get, created["id"])
    assert got["servers"] == []
    changed = await call(emu, client.ssh_keys.modify, created["id"],
                         SshKeyUpdate(description="laptop"))
    assert changed["description"] == "laptop"
    gone = await call(emu, client.ssh_keys.delete, created["id"])
    assert gone["id"] == created["id"]
