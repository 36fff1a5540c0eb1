"""The async client of the 1&1 Cloud Server API.

::

    from oneandone_tui.api import Client, Server, Hdd

    async with Client(token) as client:
        servers = await client.servers.list(sort="name", fields="id,name,status")
        created = await client.servers.create(Server(name="web", appliance_id=..., vcore=1,
                                                     cores_per_processor=1, ram=2,
                                                     hdds=[Hdd(40, is_main=True)]))
        await client.servers.wait_for(created["id"], on_progress=print)

Names resolve lazily: importing this package costs almost nothing, and httpx (~170 ms) is only
imported when a :class:`Client` is built, so the TUI's first frame does not wait for it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# <generated: exports> by `python -m oneandone_tui.tools.gen_exports`; do not edit
if TYPE_CHECKING:  # for type checkers; at run time __getattr__ imports on first use
    from .client import DEFAULT_BASE_URL, ApiResponse, Client, ClientStats, RequestEvent, Timeouts
    from .errors import (
        ApiError,
        ApiValidationError,
        AuthError,
        Conflict,
        InvalidResponse,
        NetworkError,
        NotFound,
        OutcomeUnknown,
        RateLimited,
        ReadOnlyError,
        ResponseError,
        ServerError,
        Timeout,
        UnexpectedResponse,
        ValidationError,
        WaitError,
        WaitFailed,
        WaitTimeout,
    )
    from .models import (
        AttachServer,
        BlockStorage,
        BlockStorageUpdate,
        FirewallPolicy,
        FirewallPolicyRule,
        FirewallPolicyRules,
        FirewallPolicyUpdate,
        Hdd,
        HddList,
        HddResize,
        Image,
        ImageUpdate,
        LoadBalancer,
        LoadBalancerRule,
        LoadBalancerRules,
        LoadBalancerUpdate,
        MonitoringPolicy,
        MonitoringPolicyUpdate,
        Period,
        Port,
        Ports,
        PrivateNetwork,
        PrivateNetworkUpdate,
        Process,
        Processes,
        PublicIp,
        ReinstallImage,
        RequestObject,
        Role,
        RolePermissions,
        RoleUpdate,
        Server,
        ServerAction,
        ServerClone,
        ServerHardware,
        ServerUpdate,
        SharedStorage,
        SharedStorageAccess,
        SharedStorageServers,
        SharedStorageUpdate,
        SshKey,
        SshKeyUpdate,
        Threshold,
        User,
        UserApiIps,
        UserUpdate,
        Vpn,
        VpnUpdate,
    )
    from .paging import ListQuery
    from .retry import RetryPolicy
    from .waiting import StateReader, WaitPolicy

#: Submodule -> the public names it defines.
_MODULES: dict[str, tuple[str, ...]] = {
    ".client": (
        "DEFAULT_BASE_URL", "ApiResponse", "Client", "ClientStats", "RequestEvent", "Timeouts",
    ),
    ".errors": (
        "ApiError", "ApiValidationError", "AuthError", "Conflict", "InvalidResponse",
        "NetworkError", "NotFound", "OutcomeUnknown", "RateLimited", "ReadOnlyError",
        "ResponseError", "ServerError", "Timeout", "UnexpectedResponse", "ValidationError",
        "WaitError", "WaitFailed", "WaitTimeout",
    ),
    ".models": (
        "AttachServer", "BlockStorage", "BlockStorageUpdate", "FirewallPolicy",
        "FirewallPolicyRule", "FirewallPolicyRules", "FirewallPolicyUpdate", "Hdd", "HddList",
        "HddResize", "Image", "ImageUpdate", "LoadBalancer", "LoadBalancerRule",
        "LoadBalancerRules", "LoadBalancerUpdate", "MonitoringPolicy", "MonitoringPolicyUpdate",
        "Period", "Port", "Ports", "PrivateNetwork", "PrivateNetworkUpdate", "Process", "Processes",
        "PublicIp", "ReinstallImage", "RequestObject", "Role", "RolePermissions", "RoleUpdate",
        "Server", "ServerAction", "ServerClone", "ServerHardware", "ServerUpdate", "SharedStorage",
        "SharedStorageAccess", "SharedStorageServers", "SharedStorageUpdate", "SshKey",
        "SshKeyUpdate", "Threshold", "User", "UserApiIps", "UserUpdate", "Vpn", "VpnUpdate",
    ),
    ".paging": ("ListQuery",),
    ".retry": ("RetryPolicy",),
    ".waiting": ("StateReader", "WaitPolicy"),
}

__all__ = [
    "DEFAULT_BASE_URL",
    "ApiError",
    "ApiResponse",
    "ApiValidationError",
    "AttachServer",
    "AuthError",
    "BlockStorage",
    "BlockStorageUpdate",
    "Client",
    "ClientStats",
    "Conflict",
    "FirewallPolicy",
    "FirewallPolicyRule",
    "FirewallPolicyRules",
    "FirewallPolicyUpdate",
    "Hdd",
    "HddList",
    "HddResize",
    "Image",
    "ImageUpdate",
    "InvalidResponse",
    "ListQuery",
    "LoadBalancer",
    "LoadBalancerRule",
    "LoadBalancerRules",
    "LoadBalancerUpdate",
    "MonitoringPolicy",
    "MonitoringPolicyUpdate",
    "NetworkError",
    "NotFound",
    "OutcomeUnknown",
    "Period",
    "Port",
    "Ports",
    "PrivateNetwork",
    "PrivateNetworkUpdate",
    "Process",
    "Processes",
    "PublicIp",
    "RateLimited",
    "ReadOnlyError",
    "ReinstallImage",
    "RequestEvent",
    "RequestObject",
    "ResponseError",
    "RetryPolicy",
    "Role",
    "RolePermissions",
    "RoleUpdate",
    "Server",
    "ServerAction",
    "ServerClone",
    "ServerError",
    "ServerHardware",
    "ServerUpdate",
    "SharedStorage",
    "SharedStorageAccess",
    "SharedStorageServers",
    "SharedStorageUpdate",
    "SshKey",
    "SshKeyUpdate",
    "StateReader",
    "Threshold",
    "Timeout",
    "Timeouts",
    "UnexpectedResponse",
    "User",
    "UserApiIps",
    "UserUpdate",
    "ValidationError",
    "Vpn",
    "VpnUpdate",
    "WaitError",
    "WaitFailed",
    "WaitPolicy",
    "WaitTimeout",
]
# </generated: exports>

_WHERE = {name: module for module, names in _MODULES.items() for name in names}


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(where, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
