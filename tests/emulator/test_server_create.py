"""Creating a server checks the whole request before it changes anything: a request refused at
its last check (an SSH key that does not exist, an IP in another datacenter) leaves the account
exactly as it was: no server, no new IP, nothing attached to the policies and networks it
named, no log entry."""

from __future__ import annotations

import copy

import pytest

from tests.helpers import Api, error

from .test_servers import new_server


def _related(api: Api) -> dict[str, object]:
    lb = api.find("load_balancers", "lb-web-de")
    pn = api.find("private_networks", "backend-de")
    mp = api.find("monitoring_policies", "Production")
    fw = api.find("firewall_policies", "web-public")
    dc = next(d for d in api.ok(api.get("/datacenters")) if d["country_code"] == "DE")
    return {"datacenter_id": dc["id"], "load_balancer_id": lb["id"],
            "private_network_id": pn["id"], "monitoring_policy_id": mp["id"],
            "firewall_policy_id": fw["id"]}


def _state(emu) -> dict[str, object]:
    store = emu.store
    return copy.deepcopy({
        "servers": dict(store.servers), "ips": dict(store.ips),
        "load_balancers": dict(store.load_balancers),
        "private_networks": dict(store.private_networks),
        "monitoring_policies": dict(store.monitoring_policies),
        "ssh_keys": dict(store.ssh_keys), "logs": list(store.logs)})


@pytest.mark.parametrize("bad,fragment", [
    ({"public_key": ["NO-SUCH-KEY"]}, "public_key"),
    ({"hardware": {"vcore": 2, "cores_per_processor": 1, "ram": 4,
                   "hdds": [{"size": 40, "is_main": False}]}}, "is_main"),
])
def test_a_refused_create_changes_nothing(api: Api, emu, bad: dict, fragment: str) -> None:
    body = {**_related(api), **bad}
    before = _state(emu)
    error(new_server(api, **body), 400, fragment)
    assert _state(emu) == before


def test_the_same_request_made_valid_creates_and_attaches(api: Api, emu) -> None:
    key = api.find("ssh_keys", "ci-deploy")
    before = len(emu.store.servers)
    srv = api.ok(new_server(api, **_related(api), public_key=[key["id"]]), 202)
    assert len(emu.store.servers) == before + 1
    assert srv["status"]["state"] == "DEPLOYING" and srv["ips"]
    assert emu.store.logs[-1]["action"] == "CREATE"
