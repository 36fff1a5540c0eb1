"""What the UI needs of the client, as a type: :class:`UiClient`.

The app, the feed, the forms and the follower hold the client through this Protocol rather than
as ``Any`` or as the concrete :class:`~oneandone_tui.api.Client`: anything with these members
will do (the real client over httpx or over the in-process emulator, a test double), and a type
checker sees ``ctx.client.servers.create(...)`` with its real signature.

Only types are imported (``TYPE_CHECKING``): importing this module costs nothing at start-up and
pulls in neither the client nor any category.

The facades are those of ``api/resources/facades.py``, copied by ``python -m
oneandone_tui.tools.gen_exports``: a Protocol may not derive from that plain class, and the
client may not derive from a Protocol that declares them (a type checker would then call the
client, which builds its facades on first use, abstract).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..api.client import ClientStats, RequestEvent
    from ..secret import Secret

# <generated: facade-imports> by `python -m oneandone_tui.tools.gen_exports`; do not edit
if TYPE_CHECKING:
    from ..api.resources import (
        BlockStorages,
        Datacenters,
        DvdIsos,
        FirewallPolicies,
        Images,
        LoadBalancers,
        Logs,
        MonitoringCenter,
        MonitoringPolicies,
        Ping,
        Pricing,
        PrivateNetworks,
        PublicIps,
        RecoveryAppliances,
        Roles,
        ServerAppliances,
        Servers,
        SharedStorages,
        SshKeys,
        Usages,
        Users,
        Vpns,
    )
# </generated: facade-imports>

__all__ = ["UiClient"]


class UiClient(Protocol):
    """The client as the UI uses it: the category facades (``feed`` reaches them by name with
    ``getattr(client, cat.api)``, forms by attribute), whether it refuses writes, its counters
    for the status line, the observer the journal hangs on it, and closing it at exit."""

    read_only: bool
    stats: ClientStats
    observer: Callable[[RequestEvent], None] | None

    # <generated: facades> by `python -m oneandone_tui.tools.gen_exports`; do not edit
    servers: Servers
    images: Images
    shared_storages: SharedStorages
    firewall_policies: FirewallPolicies
    load_balancers: LoadBalancers
    public_ips: PublicIps
    private_networks: PrivateNetworks
    monitoring_center: MonitoringCenter
    monitoring_policies: MonitoringPolicies
    logs: Logs
    users: Users
    roles: Roles
    usages: Usages
    server_appliances: ServerAppliances
    recovery_appliances: RecoveryAppliances
    dvd_isos: DvdIsos
    datacenters: Datacenters
    pricing: Pricing
    ping: Ping
    vpns: Vpns
    block_storages: BlockStorages
    ssh_keys: SshKeys
    # </generated: facades>

    @property
    def token(self) -> Secret | None: ...

    def set_token(self, token: str | Secret | None) -> None: ...

    async def aclose(self) -> None: ...
