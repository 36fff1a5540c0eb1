"""A server's IPs, their firewall policy and load balancers, and its private networks."""

from __future__ import annotations

from typing import Any

from oneandone_tui.api import Client
from oneandone_tui.emulator.core import Emulator

from .helpers import call, is_id, named


async def server_named(client: Client, name: str) -> dict[str, Any]:
    return await client.servers.get(named(await client.servers.list(), name)["id"])


async def test_ips(emu: Emulator, client: Client) -> None:
    srv = await server_named(client, "api-gateway")
    ips = await call(emu, client.servers.ips, srv["id"])
    assert [i["ip"] for i in ips] == [i["ip"] for i in srv["ips"]] and len(ips) == 2
    one = await call(emu, client.servers.ip, srv["id"], ips[0]["id"])
    assert one["ip"] == ips[0]["ip"] and one["type"] == "IPV4"
    assert one["firewall_policy"]["name"] == "Linux"
    added = await call(emu, client.servers.add_ip, srv["id"])
    new = [i for i in added["ips"] if i["id"] not in {x["id"] for x in ips}]
    assert len(new) == 1 and new[0]["type"] == "IPV4"
    removed = await call(emu, client.servers.remove_ip, srv["id"], new[0]["id"], keep_ip=True)
    assert new[0]["id"] not in {i["id"] for i in removed["ips"]}
    spare = named(await client.public_ips.list(), new[0]["ip"])
    assert spare["assigned_to"] is None


async def test_ip_firewall_policy(emu: Emulator, client: Client) -> None:
    srv = await server_named(client, "cache-01")
    ip_id = srv["ips"][0]["id"]
    current = await call(emu, client.servers.ip_firewall_policy, srv["id"], ip_id)
    assert current["name"] == "Linux" and is_id(current["id"])
    web = named(await client.firewall_policies.list(), "web-public")
    answer = await call(emu, client.servers.set_ip_firewall_policy, srv["id"], ip_id,
                        web["id"])
    assert answer["ips"][0]["firewall_policy"] == {"id": web["id"], "name": "web-public"}
    assert (await client.servers.ip_firewall_policy(srv["id"], ip_id))["id"] == web["id"]
    ips_of_policy = {i["id"] for i in await client.firewall_policies.ips(web["id"])}
    assert ip_id in ips_of_policy
    emu.settle()
    legacy = await call(emu, client.servers.remove_ip_firewall_policy, srv["id"], ip_id)
    assert legacy["ips"][0]["firewall_policy"] is None


async def test_ip_load_balancers(emu: Emulator, client: Client) -> None:
    srv = await server_named(client, "web-01")
    ip_id = srv["ips"][0]["id"]
    lbs = await call(emu, client.servers.ip_load_balancers, srv["id"], ip_id)
    assert [lb["name"] for lb in lbs] == ["lb-web-de"]
    removed = await call(emu, client.servers.remove_ip_load_balancer, srv["id"], ip_id,
                         lbs[0]["id"])
    assert removed["ips"][0]["load_balancers"] == []
    emu.settle()
    added = await call(emu, client.servers.add_ip_load_balancer, srv["id"], ip_id,
                       lbs[0]["id"])
    assert added["ips"][0]["load_balancers"] == [{"id": lbs[0]["id"], "name": "lb-web-de"}]
    behind = {i["id"] for i in await client.load_balancers.ips(lbs[0]["id"])}
    assert ip_id in behind


async def test_private_networks(emu: Emulator, client: Client) -> None:
    srv = await server_named(client, "mail-gw")
    assert await call(emu, client.servers.private_networks, srv["id"]) == []
    pn = named(await client.private_networks.list(), "jobs-us")
    other = await server_named(client, "worker-us-02")  # US, powered off
    nets = await call(emu, client.servers.private_networks, other["id"])
    assert nets == [{"id": pn["id"], "name": "jobs-us"}]
    info = await call(emu, client.servers.private_network, other["id"], pn["id"])
    assert info["id"] == pn["id"] and info["network_address"] == "10.20.0.0"
    left = await call(emu, client.servers.remove_private_network, other["id"], pn["id"])
    assert not left["private_networks"]
    emu.settle()
    joined = await call(emu, client.servers.assign_private_network, other["id"], pn["id"])
    assert joined["private_networks"] == [{"id": pn["id"], "name": "jobs-us"}]
