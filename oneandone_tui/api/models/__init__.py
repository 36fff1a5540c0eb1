"""Request objects: what the client sends, with the rules the API documents.

Names follow the official Python SDK's classes (``Server``, ``Hdd``, ``LoadBalancer``,
``FirewallPolicyRule``, ``AttachServer``, ``Threshold``, ``Port``...); bodies the SDK builds from
plain arguments get a class named after what they change (``ServerHardware``,
``LoadBalancerUpdate``). Every class has ``errors()`` (all problems, for forms), ``validate()``
(the first problem, raised) and ``to_body()`` (the JSON, with only the fields that are set).

Each module's ``__all__`` is the one list of its request objects: the block below (and the
re-exports of ``oneandone_tui.api``) is generated from them by ``python -m
oneandone_tui.tools.gen_exports``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._base import Checker, RequestObject

# <generated: exports> by `python -m oneandone_tui.tools.gen_exports`; do not edit
if TYPE_CHECKING:  # for type checkers; at run time __getattr__ imports on first use
    from .accounts import (
        Role,
        RolePermissions,
        RoleUpdate,
        SshKey,
        SshKeyUpdate,
        User,
        UserApiIps,
        UserUpdate,
        Vpn,
        VpnUpdate,
    )
    from .monitoring import (
        MonitoringPolicy,
        MonitoringPolicyUpdate,
        Period,
        Port,
        Ports,
        Process,
        Processes,
        Threshold,
    )
    from .network import (
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
    )
    from .servers import (
        Hdd,
        HddList,
        HddResize,
        ReinstallImage,
        Server,
        ServerAction,
        ServerClone,
        ServerHardware,
        ServerUpdate,
    )
    from .storage import (
        AttachServer,
        BlockStorage,
        BlockStorageUpdate,
        Image,
        ImageUpdate,
        SharedStorage,
        SharedStorageAccess,
        SharedStorageServers,
        SharedStorageUpdate,
    )

#: Request object -> the module defining it. Imported on first use: the start-up of the TUI
#: lists servers long before it builds a request object.
_MODULES: dict[str, str] = {
    "AttachServer": "storage",
    "BlockStorage": "storage",
    "BlockStorageUpdate": "storage",
    "FirewallPolicy": "network",
    "FirewallPolicyRule": "network",
    "FirewallPolicyRules": "network",
    "FirewallPolicyUpdate": "network",
    "Hdd": "servers",
    "HddList": "servers",
    "HddResize": "servers",
    "Image": "storage",
    "ImageUpdate": "storage",
    "LoadBalancer": "network",
    "LoadBalancerRule": "network",
    "LoadBalancerRules": "network",
    "LoadBalancerUpdate": "network",
    "MonitoringPolicy": "monitoring",
    "MonitoringPolicyUpdate": "monitoring",
    "Period": "monitoring",
    "Port": "monitoring",
    "Ports": "monitoring",
    "PrivateNetwork": "network",
    "PrivateNetworkUpdate": "network",
    "Process": "monitoring",
    "Processes": "monitoring",
    "PublicIp": "network",
    "ReinstallImage": "servers",
    "Role": "accounts",
    "RolePermissions": "accounts",
    "RoleUpdate": "accounts",
    "Server": "servers",
    "ServerAction": "servers",
    "ServerClone": "servers",
    "ServerHardware": "servers",
    "ServerUpdate": "servers",
    "SharedStorage": "storage",
    "SharedStorageAccess": "storage",
    "SharedStorageServers": "storage",
    "SharedStorageUpdate": "storage",
    "SshKey": "accounts",
    "SshKeyUpdate": "accounts",
    "Threshold": "monitoring",
    "User": "accounts",
    "UserApiIps": "accounts",
    "UserUpdate": "accounts",
    "Vpn": "accounts",
    "VpnUpdate": "accounts",
}

__all__ = [
    "AttachServer",
    "BlockStorage",
    "BlockStorageUpdate",
    "Checker",
    "FirewallPolicy",
    "FirewallPolicyRule",
    "FirewallPolicyRules",
    "FirewallPolicyUpdate",
    "Hdd",
    "HddList",
    "HddResize",
    "Image",
    "ImageUpdate",
    "LoadBalancer",
    "LoadBalancerRule",
    "LoadBalancerRules",
    "LoadBalancerUpdate",
    "MonitoringPolicy",
    "MonitoringPolicyUpdate",
    "Period",
    "Port",
    "Ports",
    "PrivateNetwork",
    "PrivateNetworkUpdate",
    "Process",
    "Processes",
    "PublicIp",
    "ReinstallImage",
    "RequestObject",
    "Role",
    "RolePermissions",
    "RoleUpdate",
    "Server",
    "ServerAction",
    "ServerClone",
    "ServerHardware",
    "ServerUpdate",
    "SharedStorage",
    "SharedStorageAccess",
    "SharedStorageServers",
    "SharedStorageUpdate",
    "SshKey",
    "SshKeyUpdate",
    "Threshold",
    "User",
    "UserApiIps",
    "UserUpdate",
    "Vpn",
    "VpnUpdate",
]
# </generated: exports>


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
