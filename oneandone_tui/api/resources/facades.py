"""The category facades a client carries (``client.servers``, ``client.ssh_keys``...), declared
once.

:class:`Facades` is the one list of client attribute -> category class: the client derives from
it (so a type checker sees ``client.servers`` as :class:`Servers`), and ``RESOURCES`` (from
which the client's lazy ``__getattr__`` builds the facades) is read from its annotations.
Adding a category is one line here: ``python -m oneandone_tui.tools.gen_exports`` then writes
the lists that follow from it (the ``TYPE_CHECKING`` imports below, ``__init__.py``'s lazy map
and ``__all__``, the facades of the UI's ``UiClient`` Protocol), finding each class's module by
reading ``api/resources/``; ``tests/test_category_lists.py`` fails while one is stale.

A plain class, not a Protocol: a type checker would take the client, which builds its facades
on first use, for an abstract class missing them.

Nothing is imported at run time: the annotations stay strings (``from __future__``), and the
category modules load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# <generated: imports> by `python -m oneandone_tui.tools.gen_exports`; do not edit
if TYPE_CHECKING:
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
# </generated: imports>

__all__ = ["Facades"]


class Facades:
    """Client attribute (the API's own collection name) -> category class, in the order the
    client lists them (``Client.resources()``). Annotations only: no attribute is set, so
    the client's ``__getattr__`` builds each facade when it is first asked for."""

    __slots__ = ()

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
