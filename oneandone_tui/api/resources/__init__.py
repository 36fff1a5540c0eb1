"""One module per category; :data:`RESOURCES` maps the client's attribute names to them."""

from __future__ import annotations

from ._base import Endpoint, ListableResource, ManagedResource, Resource, endpoint
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

__all__ = [
    "RESOURCES",
    "BlockStorages",
    "Datacenters",
    "DvdIsos",
    "Endpoint",
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

#: Client attribute -> category class (the API's own collection names).
RESOURCES: dict[str, type[Resource]] = {
    "servers": Servers,
    "images": Images,
    "shared_storages": SharedStorages,
    "firewall_policies": FirewallPolicies,
    "load_balancers": LoadBalancers,
    "public_ips": PublicIps,
    "private_networks": PrivateNetworks,
    "monitoring_center": MonitoringCenter,
    "monitoring_policies": MonitoringPolicies,
    "logs": Logs,
    "users": Users,
    "roles": Roles,
    "usages": Usages,
    "server_appliances": ServerAppliances,
    "recovery_appliances": RecoveryAppliances,
    "dvd_isos": DvdIsos,
    "datacenters": Datacenters,
    "pricing": Pricing,
    "ping": Ping,
    "vpns": Vpns,
    "block_storages": BlockStorages,
    "ssh_keys": SshKeys,
}
