"""Request objects for firewall policies, load balancers, public IPs and private networks.

Where the SDKs list different allowed values (rule protocols, health-check tests, IP types), the
union is accepted: the client refuses what no source allows and leaves the rest to the API.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Any

from ._base import Checker, RequestObject, compact

__all__ = [
    "FirewallPolicy",
    "FirewallPolicyRule",
    "FirewallPolicyRules",
    "FirewallPolicyUpdate",
    "LoadBalancer",
    "LoadBalancerRule",
    "LoadBalancerRules",
    "LoadBalancerUpdate",
    "PrivateNetwork",
    "PrivateNetworkUpdate",
    "PublicIp",
]

FIREWALL_PROTOCOLS = ("TCP", "UDP", "TCP/UDP", "ICMP", "AH", "ESP", "GRE", "IPSEC", "ANY")
PORT_PROTOCOLS = frozenset({"TCP", "UDP", "TCP/UDP"})
#: The private IPv4 blocks (RFC 1918) a private network's address must lie in.
PRIVATE_BLOCKS = tuple(ipaddress.IPv4Network(b) for b in
                       ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
#: Load balancer rule protocols: TCP and UDP (the Python SDK's docs, the Java and .NET enums;
#: the emulator's rule too).
LB_PROTOCOLS = ("TCP", "UDP")
LB_METHODS = ("ROUND_ROBIN", "LEAST_CONNECTIONS")
HEALTH_CHECKS = ("TCP", "HTTP", "NONE")
IP_TYPES = ("IPV4", "IPV6")
PORT: dict[str, Any] = {"lo": 1, "hi": 65535}


def _port_spec(c: Checker, field: str, value: Any) -> None:
    """A firewall rule's ``port``: one port (int or text) or a range ``'8080-8081'``."""
    if value is None:
        return
    if isinstance(value, int) and not isinstance(value, bool):
        c.integer(field, value, **PORT)
        return
    parts = value.split("-") if isinstance(value, str) else []
    if not 1 <= len(parts) <= 2 or not all(p.strip().isdigit() for p in parts):
        c.fail(field, "must be a port or a range such as 8080-8081")
        return
    numbers = [int(p) for p in parts]
    if not all(1 <= n <= 65535 for n in numbers):
        c.fail(field, "ports must be between 1 and 65535")
    elif numbers[0] > numbers[-1]:
        c.fail(field, "a range must go from the lower port to the higher one")


@dataclass
class FirewallPolicyRule(RequestObject):
    """A rule: ``protocol``, ports (``port_from``/``port_to`` or ``port``), ``source`` IP
    (``0.0.0.0`` = any), ``action`` allow/deny (deny only with protocol ANY)."""

    protocol: str | None = None
    port_from: int | None = None
    port_to: int | None = None
    source: str | None = None
    action: str | None = None
    description: str | None = None
    port: str | int | None = None

    def check(self, c: Checker) -> None:
        ok_protocol = c.choice("protocol", self.protocol, FIREWALL_PROTOCOLS, required=True,
                               case_insensitive=True)
        ok_from = c.integer("port_from", self.port_from, **PORT)
        ok_to = c.integer("port_to", self.port_to, **PORT)
        if ok_from and ok_to and self.port_from is not None and self.port_to is not None \
                and self.port_from > self.port_to:
            c.fail("port_to", "must not be lower than port_from")
        if (self.port_from is None) != (self.port_to is None):
            c.fail("port_to" if self.port_to is None else "port_from",
                   "is required when the other end of the range is given")
        _port_spec(c, "port", self.port)
        # Only TCP, UDP and TCP/UDP rules have ports, and they need one (the emulator's rule).
        if ok_protocol and isinstance(self.protocol, str):
            ported = self.protocol.upper() in PORT_PROTOCOLS
            has_port = self.port is not None or self.port_from is not None
            if ported and not has_port:
                c.fail("port", f"is required for protocol {self.protocol.upper()} (a port, or "
                               f"port_from and port_to)")
            elif not ported and has_port:
                c.fail("port" if self.port is not None else "port_from",
                       "is not allowed: only TCP, UDP and TCP/UDP rules have ports")
        c.ip("source", self.source, network_ok=True)
        if c.choice("action", self.action, ("allow", "deny"), case_insensitive=True) and \
                isinstance(self.action, str) and self.action.lower() == "deny" and \
                self.protocol not in (None, "ANY"):
            c.fail("action", "deny is only allowed with protocol ANY")
        c.text("description", self.description)

    def to_body(self) -> dict[str, Any]:
        return compact({"protocol": self.protocol, "port_from": self.port_from,
                        "port_to": self.port_to, "port": self.port, "source": self.source,
                        "action": self.action, "description": self.description})


@dataclass
class FirewallPolicy(RequestObject):
    """``POST /firewall_policies``: at least one rule."""

    name: str | None = None
    description: str | None = None
    rules: list[FirewallPolicyRule] | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, required=True, max_len=128)
        c.text("description", self.description)
        c.items("rules", self.rules, FirewallPolicyRule, min_items=1)

    def to_body(self) -> dict[str, Any]:
        return compact({"name": self.name, "description": self.description,
                        "rules": [r.to_body() for r in self.rules or ()]})


@dataclass
class FirewallPolicyUpdate(RequestObject):
    """``PUT /firewall_policies/{id}``: name and description only."""

    name: str | None = None
    description: str | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, max_len=128)
        c.text("description", self.description)

    def to_body(self) -> dict[str, Any]:
        return compact({"name": self.name, "description": self.description})


@dataclass
class FirewallPolicyRules(RequestObject):
    """``POST /firewall_policies/{id}/rules``."""

    rules: list[FirewallPolicyRule] | None = None

    def check(self, c: Checker) -> None:
        c.items("rules", self.rules, FirewallPolicyRule, min_items=1)

    def to_body(self) -> dict[str, Any]:
        return {"rules": [r.to_body() for r in self.rules or ()]}


@dataclass
class LoadBalancerRule(RequestObject):
    """A balancing rule: ``protocol``, ``port_balancer`` -> ``port_server``, ``source``."""

    protocol: str | None = None
    port_balancer: int | None = None
    port_server: int | None = None
    source: str | None = None

    def check(self, c: Checker) -> None:
        c.choice("protocol", self.protocol, LB_PROTOCOLS, required=True, case_insensitive=True)
        c.integer("port_balancer", self.port_balancer, required=True, **PORT)
        c.integer("port_server", self.port_server, required=True, **PORT)
        c.ip("source", self.source, network_ok=True)

    def to_body(self) -> dict[str, Any]:
        return compact({"protocol": self.protocol, "port_balancer": self.port_balancer,
                        "port_server": self.port_server, "source": self.source})


@dataclass
class _LoadBalancerSettings(RequestObject):
    """The fields create and modify share, with their rules."""

    name: str | None = None
    description: str | None = None
    health_check_test: str | None = None
    health_check_interval: int | None = None
    health_check_path: str | None = None
    #: The SDK's name; sent as ``health_check_path_parser``, the key every fixture and the Go
    #: and .NET SDKs use.
    health_check_parse: str | None = None
    persistence: bool | None = None
    persistence_time: int | None = None
    method: str | None = None

    def _check_settings(self, c: Checker, *, create: bool) -> None:
        c.text("name", self.name, required=create, max_len=128)
        c.text("description", self.description)
        c.choice("health_check_test", self.health_check_test, HEALTH_CHECKS,
                 case_insensitive=True)
        # 1..300: the docs say 5..300, but the Java and .NET live tests create load
        # balancers with 1 and the API accepted them.
        c.integer("health_check_interval", self.health_check_interval, lo=1, hi=300)
        c.text("health_check_path", self.health_check_path, max_len=1000)
        if c.text("health_check_parse", self.health_check_parse, max_len=64) and \
                self.health_check_parse is not None:
            try:
                re.compile(self.health_check_parse)
            except re.error:
                c.fail("health_check_parse", "must be a regular expression")
        if create and isinstance(self.health_check_test, str) and \
                self.health_check_test.upper() == "HTTP":
            c.text("health_check_path", self.health_check_path, required=True)
        c.boolean("persistence", self.persistence)
        c.integer("persistence_time", self.persistence_time, lo=30, hi=1200,
                  required=self.persistence is True)
        c.choice("method", self.method, LB_METHODS, required=create, case_insensitive=True)

    def _settings_body(self) -> dict[str, Any]:
        return {
            "name": self.name, "description": self.description,
            "health_check_test": self.health_check_test,
            "health_check_interval": self.health_check_interval,
            "health_check_path": self.health_check_path,
            "health_check_path_parser": self.health_check_parse,
            "persistence": self.persistence, "persistence_time": self.persistence_time,
            "method": self.method,
        }


@dataclass
class LoadBalancer(_LoadBalancerSettings):
    """``POST /load_balancers``: ``method`` and at least one rule are required."""

    datacenter_id: str | None = None
    rules: list[LoadBalancerRule] | None = None

    def check(self, c: Checker) -> None:
        self._check_settings(c, create=True)
        c.items("rules", self.rules, LoadBalancerRule, min_items=1)

    def to_body(self) -> dict[str, Any]:
        return compact({**self._settings_body(), "datacenter_id": self.datacenter_id,
                        "rules": [r.to_body() for r in self.rules or ()]})


@dataclass
class LoadBalancerUpdate(_LoadBalancerSettings):
    """``PUT /load_balancers/{id}``: any of the settings."""

    def check(self, c: Checker) -> None:
        self._check_settings(c, create=False)

    def to_body(self) -> dict[str, Any]:
        return compact(self._settings_body())


@dataclass
class LoadBalancerRules(RequestObject):
    """``POST /load_balancers/{id}/rules``."""

    rules: list[LoadBalancerRule] | None = None

    def check(self, c: Checker) -> None:
        c.items("rules", self.rules, LoadBalancerRule, min_items=1)

    def to_body(self) -> dict[str, Any]:
        return {"rules": [r.to_body() for r in self.rules or ()]}


@dataclass
class PublicIp(RequestObject):
    """``POST /public_ips``."""

    reverse_dns: str | None = None
    type: str | None = None
    datacenter_id: str | None = None

    def check(self, c: Checker) -> None:
        c.host_name("reverse_dns", self.reverse_dns)
        c.choice("type", self.type, IP_TYPES)

    def to_body(self) -> dict[str, Any]:
        return compact({"reverse_dns": self.reverse_dns, "type": self.type,
                        "datacenter_id": self.datacenter_id})


def _check_network(c: Checker, address: Any, mask: Any, *, need_address: bool) -> None:
    ok_addr = c.ip("network_address", address, version=4)
    if need_address and address is not None and mask is None:
        c.fail("subnet_mask", "is required with network_address (they are given together)")
    if ok_addr and address is not None and not any(
            ipaddress.IPv4Address(address) in block for block in PRIVATE_BLOCKS):
        ok_addr = c.fail("network_address", "must be a private address (10.0.0.0/8, "
                                            "172.16.0.0/12 or 192.168.0.0/16)")
    if mask is None:
        return
    try:
        if not isinstance(mask, str):
            raise ValueError
        net = ipaddress.IPv4Network(f"0.0.0.0/{mask}")
    except ValueError:
        c.fail("subnet_mask", "must be a subnet mask such as 255.255.255.0")
        return
    if str(net.netmask) != mask.strip() or not 8 <= net.prefixlen <= 30:
        c.fail("subnet_mask", "must be a subnet mask from 255.0.0.0 to 255.255.255.252")
        return
    if address is None:
        if need_address:
            c.fail("subnet_mask", "needs network_address")
        return
    if ok_addr:
        try:
            network = ipaddress.IPv4Network(f"{address}/{mask}", strict=True)
        except ValueError:
            c.fail("network_address", f"is not a network address for the mask {mask}")
            return
        if not any(network.subnet_of(block) for block in PRIVATE_BLOCKS):
            c.fail("subnet_mask", f"{network} reaches beyond the private ranges")


@dataclass
class PrivateNetwork(RequestObject):
    """``POST /private_networks``: ``name`` up to 128 characters, optional IPv4 network."""

    name: str | None = None
    description: str | None = None
    network_address: str | None = None
    subnet_mask: str | None = None
    datacenter_id: str | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, required=True, max_len=128)
        c.text("description", self.description)
        _check_network(c, self.network_address, self.subnet_mask, need_address=True)

    def to_body(self) -> dict[str, Any]:
        return compact({"name": self.name, "description": self.description,
                        "network_address": self.network_address,
                        "subnet_mask": self.subnet_mask, "datacenter_id": self.datacenter_id})


@dataclass
class PrivateNetworkUpdate(RequestObject):
    """``PUT /private_networks/{id}``."""

    name: str | None = None
    description: str | None = None
    network_address: str | None = None
    subnet_mask: str | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, max_len=128)
        c.text("description", self.description)
        _check_network(c, self.network_address, self.subnet_mask, need_address=False)

    def to_body(self) -> dict[str, Any]:
        return compact({"name": self.name, "description": self.description,
                        "network_address": self.network_address,
                        "subnet_mask": self.subnet_mask})
