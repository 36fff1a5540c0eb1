"""Every endpoint of ``tests/data/api/endpoints.json`` has exactly one client method, and every
client method declares an endpoint that is in the catalogue."""

from __future__ import annotations

import json
import re
from pathlib import Path

from oneandone_tui.api.resources import RESOURCES

from .helpers import norm

#: The API catalogue, checked in with the tests (a copy of the reference, never a machine path).
CATALOGUE = Path(__file__).resolve().parents[1] / "data" / "api" / "endpoints.json"


def _catalogue() -> set[str]:
    return {norm(e["method"], e["path"]) for e in json.loads(CATALOGUE.read_text())}


def _client_methods() -> dict[str, list[str]]:
    served: dict[str, list[str]] = {}
    for attr, cls in RESOURCES.items():
        for name, ep in cls.endpoints().items():
            served.setdefault(norm(ep.method, ep.template), []).append(f"client.{attr}.{name}")
    return served


def test_catalogue_has_178_endpoints_including_legacy_and_images_os() -> None:
    endpoints = _catalogue()
    assert len(endpoints) == 178
    assert "GET /images/os" in endpoints
    assert "DELETE /servers/{}/ips/{}/firewall_policy" in endpoints
    assert "DELETE /firewall_policies/{}/server_ips/{}" in endpoints


def test_every_endpoint_has_a_client_method() -> None:
    missing = sorted(_catalogue() - set(_client_methods()))
    assert not missing, "endpoints without a client method:\n" + "\n".join(missing)


def test_every_client_method_serves_a_known_endpoint() -> None:
    extra = sorted(set(_client_methods()) - _catalogue())
    assert not extra, "client methods for endpoints not in the catalogue:\n" + "\n".join(extra)


def test_no_endpoint_is_served_twice() -> None:
    twice = {ep: names for ep, names in _client_methods().items() if len(names) > 1}
    assert not twice, twice


def test_sdk_helper_getters_have_counterparts() -> None:
    helpers = {
        "servers": ["get", "hardware", "hdds", "image", "ips", "status", "dvd",
                    "private_networks", "snapshots"],
        "images": ["get"],
        "shared_storages": ["get", "servers"],
        "firewall_policies": ["get", "ips", "rules"],
        "load_balancers": ["get", "ips", "rules"],
        "private_networks": ["get", "servers"],
        "monitoring_policies": ["get", "ports", "processes", "servers"],
        "block_storages": ["get", "server"],
        "vpns": ["get"],
        "ssh_keys": ["get"],
    }
    for attr, names in helpers.items():
        declared = RESOURCES[attr].endpoints()
        for name in names:
            assert name in declared and declared[name].method == "GET", f"{attr}.{name}"


def test_every_endpoint_is_exercised_through_the_client() -> None:
    """Every method that declares an endpoint is called by an integration test via
    ``helpers.call`` (which checks the emulator received exactly that request)."""
    called = set()
    for source in Path(__file__).parent.glob("test_*.py"):
        called |= set(re.findall(r"call\(\s*emu,\s*client\.(\w+)\.(\w+)", source.read_text()))
    missing = sorted(f"client.{attr}.{name}" for attr, cls in RESOURCES.items()
                     for name in cls.endpoints() if (attr, name) not in called)
    assert not missing, "never called through helpers.call:\n" + "\n".join(missing)
