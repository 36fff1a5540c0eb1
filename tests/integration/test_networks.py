"""Public IPs and private networks."""

from __future__ import annotations

from oneandone_tui.api import Client, PrivateNetwork, PrivateNetworkUpdate, PublicIp
from oneandone_tui.emulator.core import Emulator

from .helpers import call, is_id, named


async def test_public_ips(emu: Emulator, client: Client) -> None:
    ips = await call(emu, client.public_ips.list)
    spare = next(i for i in ips if i["assigned_to"] is None)
    got = await call(emu, client.public_ips.get, spare["id"])
    assert got["ip"] == spare["ip"] and got["type"] == "IPV4"
    created = await call(emu, client.public_ips.create, PublicIp(
        reverse_dns="it.example.com", type="IPV4"))
    assert is_id(created["id"]) and created["reverse_dns"] == "it.example.com"
    assert created["assigned_to"] is None
    changed = await call(emu, client.public_ips.modify, created["id"], "other.example.com")
    assert changed["reverse_dns"] == "other.example.com"
    cleared = await client.public_ips.modify(created["id"], None)
    assert cleared["reverse_dns"] in (None, "")
    gone = await call(emu, client.public_ips.delete, created["id"])
    assert gone["id"] == created["id"]
    emu.settle()
    assert created["id"] not in {i["id"] for i in await client.public_ips.list()}


async def test_private_network_lifecycle(emu: Emulator, client: Client) -> None:
    nets = await call(emu, client.private_networks.list, sort="name")
    assert [n["name"] for n in nets] == ["backend-de", "jobs-us"]
    created = await call(emu, client.private_networks.create, PrivateNetwork(
        name="it-net", network_address="192.168.50.0", subnet_mask="255.255.255.0",
        datacenter_id=nets[1]["datacenter"]["id"]))
    assert is_id(created["id"]) and created["state"] == "CONFIGURING"
    emu.settle()
    got = await call(emu, client.private_networks.get, created["id"])
    assert (got["network_address"], got["subnet_mask"]) == ("192.168.50.0", "255.255.255.0")
    changed = await call(emu, client.private_networks.modify, created["id"],
                         PrivateNetworkUpdate(name="it-net-2", description="renamed"))
    assert (changed["name"], changed["description"]) == ("it-net-2", "renamed")
    emu.settle()
    gone = await call(emu, client.private_networks.delete, created["id"])
    assert gone["state"] == "REMOVING"


async def test_private_network_servers(emu: Emulator, client: Client) -> None:
    net = named(await client.private_networks.list(), "jobs-us")
    servers = await call(emu, client.private_networks.servers, net["id"])
    assert {s["name"] for s in servers} == {"worker-us-01", "worker-us-02"}
    off = named(servers, "worker-us-02")
    one = await call(emu, client.private_networks.server, net["id"], off["id"])
    assert one == {"id": off["id"], "name": "worker-us-02"}
    left = await call(emu, client.private_networks.remove_server, net["id"], off["id"])
    assert off["id"] not in {s["id"] for s in left["servers"]}
    emu.settle()
    joined = await call(emu, client.private_networks.attach_servers, net["id"], [off["id"]])
    members = joined if isinstance(joined, list) else joined["servers"]
    assert off["id"] in {s["id"] for s in members}
