"""Firewall, load balancer, public IP and private network request objects."""

from __future__ import annotations

import pytest

from oneandone_tui.api import (
    FirewallPolicy,
    FirewallPolicyRule,
    FirewallPolicyRules,
    FirewallPolicyUpdate,
    LoadBalancer,
    LoadBalancerRule,
    LoadBalancerRules,
    LoadBalancerUpdate,
    PrivateNetwork,
    PrivateNetworkUpdate,
    PublicIp,
    RequestObject,
)


def problems(obj: RequestObject) -> dict[str, str]:
    return {e.field: e.rule for e in obj.errors()}


@pytest.mark.parametrize(("rule", "field", "text"), [
    (FirewallPolicyRule(), "protocol", "is required"),
    (FirewallPolicyRule("SCTP"), "protocol", "must be one of TCP, UDP, TCP/UDP, ICMP"),
    (FirewallPolicyRule("TCP", 0, 10), "port_from", "between 1 and 65535"),
    (FirewallPolicyRule("TCP", 10, 65536), "port_to", "between 1 and 65535"),
    (FirewallPolicyRule("TCP", 90, 80), "port_to", "must not be lower than port_from"),
    (FirewallPolicyRule("TCP", port="80-70"), "port", "lower port to the higher"),
    (FirewallPolicyRule("TCP", port="http"), "port", "a port or a range"),
    (FirewallPolicyRule("TCP", port="1-70000"), "port", "between 1 and 65535"),
    (FirewallPolicyRule("TCP", port=0), "port", "between 1 and 65535"),
    (FirewallPolicyRule("TCP", source="300.1.1.1"), "source", "IP address"),
    (FirewallPolicyRule("TCP", action="drop"), "action", "one of allow, deny"),
    (FirewallPolicyRule("TCP", action="deny"), "action", "only allowed with protocol ANY"),
])
def test_firewall_rule_rules(rule: FirewallPolicyRule, field: str, text: str) -> None:
    found = problems(rule)
    assert field in found and text in found[field], found


def test_valid_firewall_rules() -> None:
    for rule in (FirewallPolicyRule("TCP", 80, 80, "0.0.0.0"),
                 FirewallPolicyRule("TCP", port="8080-8081", source="10.0.0.0/8"),
                 FirewallPolicyRule("UDP", port=53, action="ALLOW", description="dns"),
                 FirewallPolicyRule("ANY", action="deny"), FirewallPolicyRule("ICMP")):
        assert rule.errors() == [], rule
    assert FirewallPolicyRule("TCP", 22, 22).to_body() == {"protocol": "TCP", "port_from": 22,
                                                           "port_to": 22}


def test_firewall_policy() -> None:
    assert problems(FirewallPolicy()) == {"name": "is required",
                                          "rules": "must contain at least 1 item"}
    bad = FirewallPolicy("fw", rules=[FirewallPolicyRule("TCP", 1, 1), FirewallPolicyRule()])
    assert list(problems(bad)) == ["rules[1].protocol"]
    assert problems(bad)["rules[1].protocol"].startswith("is required (one of TCP, UDP")
    ok = FirewallPolicy("fw", "d", [FirewallPolicyRule("TCP", 1, 2)])
    assert ok.to_body() == {"name": "fw", "description": "d",
                            "rules": [{"protocol": "TCP", "port_from": 1, "port_to": 2}]}
    assert FirewallPolicyUpdate(name="n").to_body() == {"name": "n"}
    assert problems(FirewallPolicyRules([])) == {"rules": "must contain at least 1 item"}


@pytest.mark.parametrize(("changes", "field", "text"), [
    ({"name": None}, "name", "is required"),
    ({"method": None}, "method", "is required"),
    ({"method": "RANDOM"}, "method", "ROUND_ROBIN, LEAST_CONNECTIONS"),
    ({"rules": []}, "rules", "at least 1"),
    ({"health_check_test": "PING"}, "health_check_test", "TCP, HTTP, NONE"),
    ({"health_check_interval": 0}, "health_check_interval", "between 1 and 300"),
    ({"health_check_interval": 301}, "health_check_interval", "between 1 and 300"),
    ({"health_check_path": "/" * 1001}, "health_check_path", "at most 1000"),
    ({"health_check_parse": "x" * 65}, "health_check_parse", "at most 64"),
    ({"health_check_parse": "([a-z"}, "health_check_parse", "regular expression"),
    ({"health_check_test": "HTTP"}, "health_check_path", "is required"),
    ({"persistence": True}, "persistence_time", "is required"),
    ({"persistence_time": 29}, "persistence_time", "between 30 and 1200"),
    ({"persistence_time": 1201}, "persistence_time", "between 30 and 1200"),
    ({"rules": [LoadBalancerRule("TCP", 80)]}, "rules[0].port_server", "is required"),
    ({"rules": [LoadBalancerRule("GRE", 80, 80)]}, "rules[0].protocol", "one of TCP, UDP"),
    ({"rules": [LoadBalancerRule("TCP", 0, 80)]}, "rules[0].port_balancer", "1 and 65535"),
    ({"rules": [LoadBalancerRule("TCP", 80, 80, "x")]}, "rules[0].source", "IP address"),
])
def test_load_balancer_rules(changes: dict[str, object], field: str, text: str) -> None:
    base: dict[str, object] = {"name": "lb", "method": "ROUND_ROBIN",
                               "rules": [LoadBalancerRule("TCP", 80, 8080)]}
    found = problems(LoadBalancer(**{**base, **changes}))  # type: ignore[arg-type]
    assert field in found and text in found[field], found


def test_load_balancer_bodies() -> None:
    lb = LoadBalancer(name="lb", method="ROUND_ROBIN", health_check_parse="ok",
                      persistence=True, persistence_time=60,
                      rules=[LoadBalancerRule("TCP", 80, 8080)])
    assert lb.to_body() == {"name": "lb", "method": "ROUND_ROBIN",
                            "health_check_path_parser": "ok", "persistence": True,
                            "persistence_time": 60,
                            "rules": [{"protocol": "TCP", "port_balancer": 80,
                                       "port_server": 8080}]}
    assert LoadBalancerUpdate().errors() == []  # modify: everything optional
    assert problems(LoadBalancerUpdate(persistence=True)) == {"persistence_time": "is required"}
    assert LoadBalancerUpdate(method="LEAST_CONNECTIONS").to_body() == {
        "method": "LEAST_CONNECTIONS"}
    assert problems(LoadBalancerRules()) == {"rules": "must contain at least 1 item"}


def test_public_ip() -> None:
    assert PublicIp().errors() == [] and PublicIp().to_body() == {}
    assert problems(PublicIp(type="IPV5")) == {"type": "must be one of IPV4, IPV6 (got 'IPV5')"}
    assert PublicIp("rev.example.com", "IPV6", "DC").to_body() == {
        "reverse_dns": "rev.example.com", "type": "IPV6", "datacenter_id": "DC"}


@pytest.mark.parametrize(("net", "field", "text"), [
    (PrivateNetwork(), "name", "is required"),
    (PrivateNetwork("x" * 129), "name", "at most 128"),
    (PrivateNetwork("n", network_address="10.0.0"), "network_address", "IP address"),
    (PrivateNetwork("n", network_address="fd00::"), "network_address", "IPv4"),
    (PrivateNetwork("n", network_address="10.0.0.0", subnet_mask="255.0.255.0"),
     "subnet_mask", "subnet mask"),
    (PrivateNetwork("n", network_address="10.0.0.5", subnet_mask="255.255.255.0"),
     "network_address", "not a network address for the mask 255.255.255.0"),
    (PrivateNetwork("n", subnet_mask="255.255.255.0"), "subnet_mask", "needs network_address"),
])
def test_private_network_rules(net: PrivateNetwork, field: str, text: str) -> None:
    found = problems(net)
    assert field in found and text in found[field], found


def test_private_network_bodies() -> None:
    net = PrivateNetwork("n", network_address="192.168.1.0", subnet_mask="255.255.255.0")
    assert net.errors() == [] and net.to_body() == {
        "name": "n", "network_address": "192.168.1.0", "subnet_mask": "255.255.255.0"}
    assert PrivateNetworkUpdate(subnet_mask="255.255.0.0").errors() == []
    assert PrivateNetworkUpdate(description="d").to_body() == {"description": "d"}
