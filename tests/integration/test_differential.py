"""The client refuses exactly what the emulator refuses (issue 11, "Must show" d).

For each request object with documented rules, field values near the documented bounds and
of wrong types are put into an otherwise valid request. The client's verdict is the object's
``errors()``; the emulator's is its answer to the same body sent straight to it (the client's
validation bypassed): a 2xx accepts, a 400/422 refuses. The two must agree: a client
stricter than the API refuses what the API takes (DESIGN.md §9 rule 5), a looser one sends
what can only fail.

Left out while another change lands: the load balancer's ``health_check_interval``, role
permissions, monitoring-policy port updates and shared-storage access. Left open (the two
sides disagree and no source was found either way yet): a network (``10.0.0.0/24``) as the
``source`` of a firewall or load balancer rule (the emulator refuses it) and shared storages
over 2000 GB (the emulator refuses them).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

from oneandone_tui.api import (
    BlockStorage,
    FirewallPolicy,
    FirewallPolicyRule,
    Hdd,
    HddList,
    LoadBalancer,
    LoadBalancerRule,
    MonitoringPolicy,
    Port,
    PrivateNetwork,
    Process,
    PublicIp,
    RequestObject,
    Server,
    SharedStorage,
    SshKey,
    Threshold,
    User,
    Vpn,
)
from oneandone_tui.emulator.core import Emulator

SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])

NEAR_INTS = [-1, 0, 1, 2, 3, 7, 8, 15, 16, 17, 19, 20, 21, 39, 40, 49, 50, 51, 60, 63, 64, 65,
             95, 96, 99, 100, 101, 127, 128, 129, 499, 500, 501, 1999, 2000, 2001, 2020, 65535,
             65536, 2**31, 2**53 + 1]
NEAR_FLOATS = [0.5, 1.0, 1.3, 1.5, 2.0, 20.0, 40.0, 40.5, 127.5, 128.0, 128.5, 0.1]
WRONG = [None, True, False, "", " ", "1", "abc", [], {}, "x" * 300]
ints = st.sampled_from(NEAR_INTS) | st.integers(-3, 2100)
values_for: dict[type, st.SearchStrategy[Any]] = {
    int: ints | st.sampled_from(NEAR_FLOATS) | st.sampled_from(WRONG),
    float: st.sampled_from(NEAR_FLOATS) | ints | st.sampled_from(WRONG),
    bool: st.booleans() | st.sampled_from(WRONG),
    str: st.text(max_size=70) | st.sampled_from(["", " ", "a" * 128, "a" * 129, "a" * 256,
                                                 "a" * 257]) | st.sampled_from(WRONG),
}

#: Each case: (request class, method, path (``{server}`` is a server's id), a valid body as
#: plain values, the nested classes, the choice fields' options, the fields left out).
Case = tuple[type[RequestObject], str, str, dict[str, Any], dict[str, type[RequestObject]],
             dict[str, list[str]], set[str]]
PORTS = {"protocol": ["TCP", "UDP", "ANY", "tcp", "ICMP", ""],
         "source": ["0.0.0.0", "10.0.0.1", "10.0.0.0/24", "::1", "x"],
         "action": ["allow", "deny", "ALLOW", "drop"]}
CASES: dict[str, Case] = {
    "server": (Server, "POST", "/servers",
               {"name": "d", "appliance_id": "{appliance}", "vcore": 2,
                "cores_per_processor": 1, "ram": 2, "power_on": True,
                "password": "Secret123", "hdds": [{"size": 40, "is_main": True}]},
               {"hdds": Hdd}, {"server_type": ["cloud", "baremetal", "CLOUD", "x"]},
               # public_key: SSH key ids are references, like every *_id; is_main: the
               # client sends bool(is_main), so a non-boolean never reaches the API.
               {"public_key", "hdds[0].is_main"}),
    "hdds": (HddList, "POST", "/servers/{server}/hardware/hdds",
             {"hdds": [{"size": 60, "is_main": False}]}, {"hdds": Hdd}, {},
             {"hdds[0].is_main"}),
    "load_balancer": (LoadBalancer, "POST", "/load_balancers",
                      {"name": "d", "method": "ROUND_ROBIN", "health_check_test": "TCP",
                       "health_check_interval": 15, "persistence": True,
                       "persistence_time": 1200,
                       "rules": [{"protocol": "TCP", "port_balancer": 80, "port_server": 80,
                                  "source": "0.0.0.0"}]},
                      {"rules": LoadBalancerRule},
                      {"method": ["ROUND_ROBIN", "LEAST_CONNECTIONS", "round_robin", "X"],
                       "health_check_test": ["TCP", "HTTP", "NONE", "ICMP", "tcp"],
                       "rules[0].protocol": PORTS["protocol"]},
                      # health_check_interval: being changed elsewhere; source: as for the
                      # firewall below (a network as source, left open).
                      {"health_check_interval", "rules[0].source"}),
    "firewall_policy": (FirewallPolicy, "POST", "/firewall_policies",
                        {"name": "d", "rules": [{"protocol": "TCP", "port_from": 80,
                                                 "port_to": 80, "source": "0.0.0.0",
                                                 "action": "allow"}]},
                        {"rules": FirewallPolicyRule},
                        {"rules[0].protocol": PORTS["protocol"],
                         "rules[0].source": PORTS["source"],
                         "rules[0].action": PORTS["action"]},
                        # port: checked against port_from/port_to, not on its own. source: the
                        # emulator refuses a network (10.0.0.0/24), the client takes one; no
                        # source found either way yet (reported, left open).
                        {"rules[0].port", "rules[0].source"}),
    "monitoring_policy": (
        MonitoringPolicy, "POST", "/monitoring_policies",
        {"name": "d", "agent": True, "email": "ops@example.com",
         "thresholds": [{"entity": e, "warning_value": 70, "warning_alert": False,
                         "critical_value": 90, "critical_alert": False}
                        for e in ("cpu", "ram", "disk", "transfer", "internal_ping")],
         "ports": [{"protocol": "TCP", "port": 22, "alert_if": "NOT_RESPONDING",
                    "email_notification": True}],
         "processes": [{"process": "nginx", "alert_if": "NOT_RUNNING",
                        "email_notification": True}]},
        {"thresholds": Threshold, "ports": Port, "processes": Process},
        {"ports[0].protocol": ["TCP", "UDP", "ANY", "tcp"],
         "ports[0].alert_if": ["RESPONDING", "NOT_RESPONDING", "x"],
         "processes[0].alert_if": ["RUNNING", "NOT_RUNNING", "x"]}, set()),
    "private_network": (PrivateNetwork, "POST", "/private_networks",
                        {"name": "d", "network_address": "192.168.1.0",
                         "subnet_mask": "255.255.255.0"}, {},
                        {"network_address": ["10.0.0.0", "10.0.0.1", "192.168.1.0", "x",
                                             "8.8.8.0", "::"],
                         "subnet_mask": ["255.255.255.0", "255.255.0.0", "255.0.255.0",
                                         "255.255.255.255", "x"]}, set()),
    # size: the emulator caps it at 2000 GB, the client does not, and no source was found
    # for the cap (left open, see the module's docstring).
    "shared_storage": (SharedStorage, "POST", "/shared_storages", {"name": "d", "size": 50},
                       {}, {}, {"size"}),
    "block_storage": (BlockStorage, "POST", "/block_storages", {"name": "d", "size": 40}, {},
                      {}, set()),
    "user": (User, "POST", "/users",
             {"name": "d", "password": "Secret123", "email": "a@example.com"}, {},
             {"email": ["a@example.com", "a@b", "not-an-email", "a@example.com "]}, set()),
    "ssh_key": (SshKey, "POST", "/ssh_keys", {"name": "d"}, {},
                {"public_key": ["ssh-rsa AAAAB3NzaC1yc2E= a@b", "x"]}, set()),
    "vpn": (Vpn, "POST", "/vpns", {"name": "d"}, {}, {}, set()),
    "public_ip": (PublicIp, "POST", "/public_ips", {"type": "IPV4"}, {},
                  {"type": ["IPV4", "IPV6", "ipv4", "x"],
                   "reverse_dns": ["example.com", "a" * 300, "", "bad name"]}, set()),
}

#: Rules the client leaves to the API on purpose (its answer lands next to the field, see
#: tests/ui/forms/test_api_errors.py): a refusal for one of these is not a disagreement.
API_ONLY = ("must divide 'vcore'",)

_PATH = re.compile(r"^(\w+)(?:\[(\d+)\]\.(\w+))?$")


def build(cls: type[RequestObject], data: dict[str, Any],
          nested: dict[str, type[RequestObject]]) -> RequestObject:
    kw = {}
    for key, value in data.items():
        if key in nested and isinstance(value, list):
            value = [nested[key](**row) if isinstance(row, dict) else row for row in value]
        kw[key] = value
    return cls(**kw)


def _fields(cls: type[RequestObject], data: dict[str, Any],
            nested: dict[str, type[RequestObject]]) -> list[tuple[str, type]]:
    """Every mutable leaf: top-level fields and the first row's fields, with the type of the
    valid value (the kind of values to try)."""
    out: list[tuple[str, type]] = []
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        value = data.get(f.name)
        if f.name in nested:
            for g in dataclasses.fields(nested[f.name]):  # type: ignore[arg-type]
                row = (value or [{}])[0]
                out.append((f"{f.name}[0].{g.name}", type(row.get(g.name, ""))))
        elif isinstance(value, (bool, int, float, str)) or value is None:
            out.append((f.name, type(value) if value is not None else str))
    return out


def mutate(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    m = _PATH.match(path)
    assert m, path
    name, index, sub = m.groups()
    if index is None:
        data[name] = value
    else:
        rows = data.setdefault(name, [{}])
        rows[int(index)][sub] = value
    return data


def verdict(emu: Emulator, method: str, path: str, body: Any) -> bool | None:
    """True: the emulator accepts; False: it refuses as invalid; None: neither (state)."""
    resp = emu.handle(method, "/v1" + path, [], {"X-TOKEN": emu.token,
                                                 "Content-Type": "application/json"},
                      json.dumps(body).encode())
    if resp.status < 300:
        return True
    if resp.status in (400, 422):
        message = resp.body.decode("utf-8", "replace")
        return None if any(rule in message for rule in API_ONLY) else False
    return None


def _fill(emu: Emulator, text: str) -> str:
    if "{appliance}" in text:
        app = next(a for a in emu.store.server_appliances.values()
                   if a["name"] == "centos7-64std")
        text = text.replace("{appliance}", app["id"])
    if "{server}" in text:
        text = text.replace("{server}", next(
            s["id"] for s in emu.store.servers.values() if s["name"] == "web-01"))
    return text


def strategy(case: Case) -> st.SearchStrategy[tuple[str, Any]]:
    cls, _, _, data, nested, choices, skip = case
    # Ids are references the client cannot check (only the API knows which exist).
    options = [(path, kind) for path, kind in _fields(cls, data, nested)
               if path not in skip and not path.endswith("id") and "_id" not in path]

    def values(item: tuple[str, type]) -> st.SearchStrategy[tuple[str, Any]]:
        path, kind = item
        pick = values_for.get(kind, values_for[str])
        if path in choices:
            pick = st.sampled_from(choices[path]) | pick
        return st.tuples(st.just(path), pick)

    return st.sampled_from(options).flatmap(values)


def differential(name: str) -> Callable[..., Any]:
    case = CASES[name]
    cls, method, template, data, nested, _, _ = case
    emulator: list[Emulator] = []

    @SETTINGS
    @given(change=strategy(case))
    def test(change: tuple[str, Any]) -> None:
        if not emulator:
            emulator.append(Emulator(seed=1))
        emu = emulator[0]
        filled = json.loads(_fill(emu, json.dumps(data)))
        path, value = change
        changed = mutate(filled, path, value)
        obj = build(cls, changed, nested)
        refused = bool(obj.errors())
        try:
            body = obj.to_body()
            json.dumps(body)
        except Exception:
            assume(False)
        accepted = verdict(emu, method, _fill(emu, template), body)
        if accepted:
            emu.settle()  # what it started ends: the next example finds nothing busy
            if name == "hdds":  # a server holds at most 8 disks: start again from seed data
                emulator.clear()
        assume(accepted is not None)
        note(f"{path}={value!r} client errors={obj.errors()} body={body}")
        assert refused == (not accepted), (
            f"{name}: {path}={value!r}: the client {'refuses' if refused else 'accepts'} "
            f"({obj.errors()}), the emulator {'accepts' if accepted else 'refuses'}")

    test.__name__ = f"test_{name}_client_and_emulator_agree"
    return test


def test_every_case_has_a_valid_base() -> None:
    emu = Emulator(seed=1)
    for name, (cls, method, template, data, nested, _, _) in CASES.items():
        obj = build(cls, json.loads(_fill(emu, json.dumps(data))), nested)
        assert obj.errors() == [], (name, obj.errors())
        assert verdict(emu, method, _fill(emu, template), obj.to_body()) is True, name


for _name in CASES:
    globals()[f"test_{_name}_client_and_emulator_agree"] = differential(_name)
