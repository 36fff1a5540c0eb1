"""``client.load_balancers``: balancers, rules and the server IPs behind them."""

from __future__ import annotations

from oneandone_tui.api import Client, LoadBalancer, LoadBalancerRule, LoadBalancerUpdate
from oneandone_tui.emulator.core import Emulator

from .helpers import call, is_id, named


async def test_lifecycle(emu: Emulator, client: Client) -> None:
    lbs = await call(emu, client.load_balancers.list, sort="name")
    assert [lb["name"] for lb in lbs] == ["lb-web-de", "lb-workers-us"]
    created = await call(emu, client.load_balancers.create, LoadBalancer(
        name="it-lb", method="ROUND_ROBIN", health_check_test="TCP", health_check_interval=10,
        persistence=True, persistence_time=60, datacenter_id=lbs[0]["datacenter"]["id"],
        rules=[LoadBalancerRule("TCP", 80, 8080, "0.0.0.0")]))
    assert is_id(created["id"]) and created["state"] == "CONFIGURING"
    assert created["method"] == "ROUND_ROBIN" and created["persistence_time"] == 60
    assert [(r["port_balancer"], r["port_server"]) for r in created["rules"]] == [(80, 8080)]
    emu.settle()
    got = await call(emu, client.load_balancers.get, created["id"])
    assert got["state"] == "ACTIVE" and got["health_check_interval"] == 10
    changed = await call(emu, client.load_balancers.modify, created["id"], LoadBalancerUpdate(
        method="LEAST_CONNECTIONS", health_check_test="NONE", description="changed"))
    assert (changed["method"], changed["health_check_test"], changed["description"]) == \
        ("LEAST_CONNECTIONS", "NONE", "changed")
    emu.settle()
    gone = await call(emu, client.load_balancers.delete, created["id"])
    assert gone["state"] == "REMOVING"


async def test_rules(emu: Emulator, client: Client) -> None:
    lb = named(await client.load_balancers.list(), "lb-web-de")
    rules = await call(emu, client.load_balancers.rules, lb["id"])
    assert sorted(r["port_balancer"] for r in rules) == [80, 443]
    one = await call(emu, client.load_balancers.rule, lb["id"], rules[0]["id"])
    assert one["id"] == rules[0]["id"] and one["protocol"] == "TCP"
    added = await call(emu, client.load_balancers.add_rules, lb["id"],
                       [LoadBalancerRule("TCP", 8443, 443)])
    assert (8443, 443) in {(r["port_balancer"], r["port_server"]) for r in added["rules"]}
    emu.settle()
    removed = await call(emu, client.load_balancers.remove_rule, lb["id"], rules[0]["id"])
    assert rules[0]["id"] not in {r["id"] for r in removed["rules"]}


async def test_server_ips(emu: Emulator, client: Client) -> None:
    lb = named(await client.load_balancers.list(), "lb-web-de")
    ips = await call(emu, client.load_balancers.ips, lb["id"])
    assert {i["server_name"] for i in ips} == {"web-01", "web-02"}
    one = await call(emu, client.load_balancers.ip, lb["id"], ips[0]["id"])
    assert one["ip"] == ips[0]["ip"] and one["server_name"] in ("web-01", "web-02")
    removed = await call(emu, client.load_balancers.remove_ip, lb["id"], ips[0]["id"])
    assert ips[0]["id"] not in {i["id"] for i in removed["server_ips"]}
    emu.settle()
    added = await call(emu, client.load_balancers.attach_ips, lb["id"], [ips[0]["id"]])
    assert ips[0]["id"] in {i["id"] for i in added["server_ips"]}
