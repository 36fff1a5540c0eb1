"""Every required body field of ``shared/api/endpoints.json`` is enforced by the client before
sending: leaving it out of a valid request object (or passing an empty id to a method) gives a
ValidationError naming it. A new required field in the catalogue fails here until mapped."""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from oneandone_tui.api import (
    AttachServer,
    BlockStorage,
    Client,
    FirewallPolicy,
    FirewallPolicyRule,
    FirewallPolicyRules,
    Hdd,
    HddList,
    HddResize,
    Image,
    LoadBalancer,
    LoadBalancerRule,
    LoadBalancerRules,
    MonitoringPolicy,
    Port,
    Ports,
    PrivateNetwork,
    Process,
    Processes,
    ReinstallImage,
    RequestObject,
    Server,
    ServerAction,
    ServerClone,
    ServerUpdate,
    SharedStorage,
    SharedStorageAccess,
    SharedStorageServers,
    SshKey,
    Threshold,
    User,
    UserApiIps,
    ValidationError,
    Vpn,
)

from .fakes import FakeApi, make_client

#: The API catalogue, checked in with the tests (a copy of the reference, never a machine path).
CATALOGUE = Path(__file__).resolve().parents[1] / "data" / "api" / "endpoints.json"
_PARAM = re.compile(r"\{[^}]+\}")
THRESHOLDS = [Threshold(e, 50, True, 90, True)
              for e in ("cpu", "ram", "disk", "transfer", "internal_ping")]
S = "S" * 32

# endpoint -> (a valid request object, {body field: attribute path to clear})
OBJECTS: dict[str, tuple[Callable[[], RequestObject], dict[str, str]]] = {
    "POST /servers": (lambda: Server("n", vcore=1, cores_per_processor=1, ram=1,
                                     hdds=[Hdd(40, True)], appliance_id="A"),
                      {"name": "name", "appliance_id": "appliance_id", "hardware": "vcore"}),
    "PUT /servers/{}": (lambda: ServerUpdate("n"), {"name": "name"}),
    "POST /servers/{}/hardware/hdds": (lambda: HddList([Hdd(40)]), {"hdds": "hdds"}),
    "PUT /servers/{}/hardware/hdds/{}": (lambda: HddResize(40), {"size": "size"}),
    "PUT /servers/{}/image": (lambda: ReinstallImage("I"), {"id": "id"}),
    "PUT /servers/{}/status/action": (lambda: ServerAction("REBOOT"),
                                      {"action": "action", "method": "method"}),
    "POST /servers/{}/clone": (lambda: ServerClone("c"), {"name": "name"}),
    "POST /images": (lambda: Image("S", "n", frequency="ONCE", num_images=1),
                     {"server_id": "server_id", "name": "name", "frequency": "frequency",
                      "num_images": "num_images"}),
    "POST /shared_storages": (lambda: SharedStorage("n", size=50),
                              {"name": "name", "size": "size"}),
    "POST /shared_storages/{}/servers": (
        lambda: SharedStorageServers([AttachServer("S", "R")]), {"servers": "servers"}),
    "PUT /shared_storages/access": (lambda: SharedStorageAccess("Passw0rd"),
                                    {"password": "password"}),
    "POST /firewall_policies": (
        lambda: FirewallPolicy("n", rules=[FirewallPolicyRule("TCP", 80, 80)]),
        {"name": "name", "rules": "rules", "rules[].protocol": "rules[0].protocol"}),
    "POST /firewall_policies/{}/rules": (
        lambda: FirewallPolicyRules([FirewallPolicyRule("TCP", 80, 80)]),
        {"rules": "rules", "rules[].protocol": "rules[0].protocol"}),
    "POST /load_balancers": (
        lambda: LoadBalancer(name="n", method="ROUND_ROBIN",
                             rules=[LoadBalancerRule("TCP", 80, 80)]),
        {"name": "name", "method": "method", "rules": "rules",
         "rules[].protocol": "rules[0].protocol",
         "rules[].port_balancer": "rules[0].port_balancer",
         "rules[].port_server": "rules[0].port_server"}),
    "POST /load_balancers/{}/rules": (
        lambda: LoadBalancerRules([LoadBalancerRule("TCP", 80, 80)]),
        {"rules": "rules", "rules[].protocol": "rules[0].protocol",
         "rules[].port_balancer": "rules[0].port_balancer",
         "rules[].port_server": "rules[0].port_server"}),
    "POST /private_networks": (lambda: PrivateNetwork("n"), {"name": "name"}),
    "POST /monitoring_policies": (
        lambda: MonitoringPolicy("n", agent=True, thresholds=THRESHOLDS,
                                 ports=[Port("TCP", 22, "RESPONDING", True)],
                                 processes=[Process("p", "RUNNING", True)]),
        {"name": "name", "agent": "agent", "thresholds": "thresholds", "ports": "ports",
         "processes": "processes", "ports[].protocol": "ports[0].protocol",
         "ports[].port": "ports[0].port", "ports[].alert_if": "ports[0].alert_if",
         "ports[].email_notification": "ports[0].email_notification",
         "processes[].process": "processes[0].process",
         "processes[].alert_if": "processes[0].alert_if",
         "processes[].email_notification": "processes[0].email_notification"}),
    "POST /monitoring_policies/{}/ports": (
        lambda: Ports([Port("TCP", 22, "RESPONDING", True)]),
        {"ports": "ports", "ports[].protocol": "ports[0].protocol",
         "ports[].port": "ports[0].port", "ports[].alert_if": "ports[0].alert_if",
         "ports[].email_notification": "ports[0].email_notification"}),
    "POST /monitoring_policies/{}/processes": (
        lambda: Processes([Process("p", "RUNNING", True)]),
        {"processes": "processes", "processes[].process": "processes[0].process",
         "processes[].alert_if": "processes[0].alert_if",
         "processes[].email_notification": "processes[0].email_notification"}),
    "POST /users": (lambda: User("n", "Passw0rd"), {"name": "name", "password": "password"}),
    "POST /users/{}/api/ips": (lambda: UserApiIps(["1.2.3.4"]), {"ips": "ips"}),
    "POST /vpns": (lambda: Vpn("n"), {"name": "name"}),
    "POST /block_storages": (lambda: BlockStorage("n", size=20),
                             {"name": "name", "size": "size"}),
    "POST /ssh_keys": (lambda: SshKey("k"), {"name": "name"}),
}

Call = Callable[[Client], Awaitable[Any]]
# endpoint -> {body field: (a call leaving it out, the argument the error names)}
CALLS: dict[str, dict[str, tuple[Call, str]]] = {
    "PUT /servers/{}/ips/{}/firewall_policy": {
        "id": (lambda c: c.servers.set_ip_firewall_policy(S, S, ""), "firewall_policy_id")},
    "POST /servers/{}/ips/{}/load_balancers": {
        "load_balancer_id": (lambda c: c.servers.add_ip_load_balancer(S, S, ""),
                             "load_balancer_id")},
    "PUT /servers/{}/dvd": {"id": (lambda c: c.servers.load_dvd(S, ""), "dvd_id")},
    "POST /servers/{}/private_networks": {
        "id": (lambda c: c.servers.assign_private_network(S, ""), "private_network_id")},
    "POST /firewall_policies/{}/server_ips": {
        "server_ips": (lambda c: c.firewall_policies.attach_ips(S, []), "server_ips")},
    "POST /load_balancers/{}/server_ips": {
        "server_ips": (lambda c: c.load_balancers.attach_ips(S, [""]), "server_ips[0]")},
    "POST /private_networks/{}/servers": {
        "servers": (lambda c: c.private_networks.attach_servers(S, []), "servers")},
    "PUT /monitoring_policies/{}/ports/{}": {
        "ports": (lambda c: c.monitoring_policies.modify_port(S, S, Port()), "protocol")},
    "PUT /monitoring_policies/{}/processes/{}": {
        "processes": (lambda c: c.monitoring_policies.modify_process(S, S, Process()),
                      "process")},
    "POST /monitoring_policies/{}/servers": {
        "servers": (lambda c: c.monitoring_policies.attach_servers(S, []), "servers")},
    "PUT /users/{}/api": {"active": (lambda c: c.users.modify_api(S, None), "active")},  # type: ignore[arg-type]
    "POST /roles": {"name": (lambda c: c.roles.create(""), "name")},
    "POST /roles/{}/users": {"users": (lambda c: c.roles.add_users(S, []), "users")},
    "POST /roles/{}/clone": {"name": (lambda c: c.roles.clone(S, " "), "name")},
    "POST /block_storages/{}/server": {
        "server": (lambda c: c.block_storages.attach_server(S, ""), "server_id")},
}


def _required() -> list[tuple[str, str]]:
    out = []
    for e in json.loads(CATALOGUE.read_text()):
        key = f"{e['method']} {_PARAM.sub('{}', e['path'])}"
        out += [(key, name) for name, spec in e["body"].items()
                if spec.get("required") and "." not in name.replace("[].", "~")]
    return out


def _clear(obj: Any, path: str) -> None:
    *parents, last = re.findall(r"\w+|\[\d+\]", path)
    for part in parents:
        obj = obj[int(part[1:-1])] if part.startswith("[") else getattr(obj, part)
    setattr(obj, last, None)


def test_every_required_field_is_mapped() -> None:
    unmapped = [(ep, f) for ep, f in _required()
                if f not in OBJECTS.get(ep, (None, {}))[1] and f not in CALLS.get(ep, {})]
    assert not unmapped, unmapped


@pytest.mark.parametrize(("endpoint", "name"),
                         [r for r in _required() if r[0] in OBJECTS and
                          r[1] in OBJECTS[r[0]][1]] if CATALOGUE.exists() else [])
def test_request_objects_enforce_required_fields(endpoint: str, name: str) -> None:
    build, fields = OBJECTS[endpoint]
    assert build().errors() == []
    obj = build()
    attr = fields[name]
    _clear(obj, attr)
    named = {e.field for e in obj.errors()}
    # A list the API requires may be sent empty (monitoring policy ports/processes).
    assert attr in named or (obj.to_body().get(name) == [] and "[" not in attr), (endpoint,
                                                                                   named)


@pytest.mark.parametrize(("endpoint", "name"),
                         [(ep, f) for ep, fields in CALLS.items() for f in fields])
async def test_methods_enforce_required_arguments(endpoint: str, name: str) -> None:
    action, field = CALLS[endpoint][name]
    api = FakeApi()
    async with make_client(api) as client:
        with pytest.raises(ValidationError) as info:
            await action(client)
    assert info.value.field == field and api.requests == []


def test_id_lists_name_the_empty_entry():
    from oneandone_tui.api.errors import ValidationError
    from oneandone_tui.api.resources._base import id_list

    try:
        id_list("server_ips", ["A", None], attr="server_ip_id")
    except ValidationError as exc:
        assert exc.field == "server_ips[1]"
    else:
        raise AssertionError("an empty id must be refused")
