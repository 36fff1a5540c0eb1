"""``client.firewall_policies``: policies, rules, protected server IPs (legacy removal too)."""

from __future__ import annotations

from oneandone_tui.api import (
    Client,
    FirewallPolicy,
    FirewallPolicyRule,
    FirewallPolicyUpdate,
)
from oneandone_tui.emulator.core import Emulator

from .helpers import call, is_id, named


async def test_policy_lifecycle(emu: Emulator, client: Client) -> None:
    policies = await call(emu, client.firewall_policies.list, sort="name")
    assert [p["name"] for p in policies] == ["db-internal", "Linux", "web-public", "Windows"]
    created = await call(emu, client.firewall_policies.create, FirewallPolicy(
        name="it-fw", description="integration",
        rules=[FirewallPolicyRule("TCP", 8080, 8081, "0.0.0.0", description="alt http"),
               FirewallPolicyRule("UDP", port="53", action="allow")]))
    assert is_id(created["id"]) and created["state"] == "CONFIGURING"
    first = created["rules"][0]
    assert (first["protocol"], first.get("port_from"), first.get("port_to")) == ("TCP", 8080, 8081)
    emu.settle()
    got = await call(emu, client.firewall_policies.get, created["id"])
    assert got["state"] == "ACTIVE" and len(got["rules"]) == 2
    changed = await call(emu, client.firewall_policies.modify, created["id"],
                         FirewallPolicyUpdate(name="it-fw-2"))
    assert changed["name"] == "it-fw-2"
    emu.settle()
    gone = await call(emu, client.firewall_policies.delete, created["id"])
    assert gone["state"] == "REMOVING"


async def test_rules(emu: Emulator, client: Client) -> None:
    web = named(await client.firewall_policies.list(), "web-public")
    rules = await call(emu, client.firewall_policies.rules, web["id"])
    assert sorted(r["port_from"] for r in rules) == [22, 80, 443]
    ssh = next(r for r in rules if r["port_from"] == 22)
    one = await call(emu, client.firewall_policies.rule, web["id"], ssh["id"])
    assert one["source"] == "203.0.113.0" and one["protocol"] == "TCP"
    added = await call(emu, client.firewall_policies.add_rules, web["id"],
                       [FirewallPolicyRule("TCP", 8443, 8443)])
    assert 8443 in {r.get("port_from") for r in added["rules"]}
    emu.settle()
    removed = await call(emu, client.firewall_policies.remove_rule, web["id"], ssh["id"])
    assert ssh["id"] not in {r["id"] for r in removed["rules"]}


async def test_server_ips(emu: Emulator, client: Client) -> None:
    db = named(await client.firewall_policies.list(), "db-internal")
    ips = await call(emu, client.firewall_policies.ips, db["id"])
    assert {i["server_name"] for i in ips} == {"db-primary", "db-replica"}
    one = await call(emu, client.firewall_policies.ip, db["id"], ips[0]["id"])
    assert one["ip"] == ips[0]["ip"]
    mail = await client.servers.get(named(await client.servers.list(), "mail-gw")["id"])
    mail_ip = mail["ips"][0]["id"]
    answer = await call(emu, client.firewall_policies.attach_ips, db["id"], [mail_ip])
    assert mail_ip in {i["id"] for i in answer["server_ips"]}
    emu.settle()
    legacy = await call(emu, client.firewall_policies.remove_ip, db["id"], mail_ip)
    assert mail_ip not in {i["id"] for i in legacy["server_ips"]}
