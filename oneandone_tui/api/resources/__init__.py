"""One module per category; :data:`RESOURCES` maps the client's attribute names to them.

The modules (and the request objects they use) are imported when a category is first used:
the TUI's first frame needs only the servers. The categories are declared once, in
``facades.py``; the block below is generated from it (``python -m
oneandone_tui.tools.gen_exports``)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ._base import Endpoint, ListableResource, ManagedResource, Resource, endpoint
from .facades import Facades

# <generated: exports> by `python -m oneandone_tui.tools.gen_exports`; do not edit
if TYPE_CHECKING:  # for type checkers; at run time __getattr__ imports on first use
    from .block_storages import BlockStorages
    from .catalogues import (
        Datacenters,
        DvdIsos,
        Ping,
        Pricing,
        RecoveryAppliances,
        ServerAppliances,
    )
    from .firewall_policies import FirewallPolicies
    from .images import Images
    from .load_balancers import LoadBalancers
    from .logs import Logs
    from .monitoring_center import MonitoringCenter
    from .monitoring_policies import MonitoringPolicies
    from .private_networks import PrivateNetworks
    from .public_ips import PublicIps
    from .roles import Roles
    from .servers import Servers
    from .shared_storages import SharedStorages
    from .ssh_keys import SshKeys
    from .usages import Usages
    from .users import Users
    from .vpns import Vpns

#: Category class -> the module defining it.
_MODULES: dict[str, str] = {
    "BlockStorages": "block_storages",
    "Datacenters": "catalogues",
    "DvdIsos": "catalogues",
    "FirewallPolicies": "firewall_policies",
    "Images": "images",
    "LoadBalancers": "load_balancers",
    "Logs": "logs",
    "MonitoringCenter": "monitoring_center",
    "MonitoringPolicies": "monitoring_policies",
    "Ping": "catalogues",
    "Pricing": "catalogues",
    "PrivateNetworks": "private_networks",
    "PublicIps": "public_ips",
    "RecoveryAppliances": "catalogues",
    "Roles": "roles",
    "ServerAppliances": "catalogues",
    "Servers": "servers",
    "SharedStorages": "shared_storages",
    "SshKeys": "ssh_keys",
    "Usages": "usages",
    "Users": "users",
    "Vpns": "vpns",
}

__all__ = [
    "RESOURCES",
    "BlockStorages",
    "Datacenters",
    "DvdIsos",
    "Endpoint",
    "Facades",
    "FirewallPolicies",
    "Images",
    "ListableResource",
    "LoadBalancers",
    "Logs",
    "ManagedResource",
    "MonitoringCenter",
    "MonitoringPolicies",
    "Ping",
    "Pricing",
    "PrivateNetworks",
    "PublicIps",
    "RecoveryAppliances",
    "Resource",
    "Roles",
    "ServerAppliances",
    "Servers",
    "SharedStorages",
    "SshKeys",
    "Usages",
    "Users",
    "Vpns",
    "endpoint",
]
# </generated: exports>


def _class(name: str) -> type[Resource]:
    module = importlib.import_module(f"{__name__}.{_MODULES[name]}")
    cls: type[Resource] = getattr(module, name)
    return cls


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        value = _class(name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Resources(Mapping[str, "type[Resource]"]):
    """Client attribute -> category class, importing each class on first access."""

    def __init__(self, names: dict[str, str]) -> None:
        self._names = names

    def __getitem__(self, attr: str) -> type[Resource]:
        return _class(self._names[attr])

    def __contains__(self, attr: object) -> bool:
        return attr in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


#: Client attribute -> category class (the API's own collection names), read from the one
#: declaration of the client's facades (``facades.py``).
RESOURCES: Mapping[str, type[Resource]] = _Resources(dict(Facades.__annotations__))
