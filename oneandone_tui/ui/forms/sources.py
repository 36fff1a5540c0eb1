"""Where pickers get their options: a category's items from the account state (fresh, or asked
for through the one poller, so the table, the detail and the picker show the same list), or
one resource's sub-resources (its disks, IPs, rules, ports...) through the client.

Labels are what a person recognises; values are what the API wants. A server IP is offered as
``web-01 — 82.165.1.2`` and its value is the IP's id (the API's ``server_ip_id``), so a server id
can never be sent where an IP id belongs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...catalogue import category, disks_gb
from .context import Ctx
from .fields import Source


async def listed(ctx: Ctx, key: str) -> list[Any]:
    """A category's items: the account state's when fresh (the app's one poller)."""
    poller = getattr(ctx.app, "poller", None)
    if poller is None:
        return list(await ctx.feed.items(category(key)))
    return list(await poller.items(key))


def items_of(key: str, label: Callable[[Any], str], *, value: Callable[[Any], Any] | None = None,
             where: Callable[[Any], bool] | None = None, source_key: str | None = None) -> Source:
    """Every item of a catalogue category (``datacenters``, ``server_appliances``...)."""

    async def fetch(ctx: Ctx) -> list[Any]:
        items = await listed(ctx, key)
        return [i for i in items if where is None or where(i)]

    return Source(source_key or key, fetch, label, value or (lambda x: x["id"]))


def sub(key: str, fetch: Callable[[Ctx], Any], label: Callable[[Any], str], *,
        value: Callable[[Any], Any] | None = None) -> Source:
    """Sub-resources of the selected item: ``fetch(ctx)`` awaits a client call."""

    async def get(ctx: Ctx) -> list[Any]:
        return list(await fetch(ctx) or [])

    return Source(key, get, label, value or (lambda x: x["id"]))


def _name(x: Any) -> str:
    return str(x.get("name") or x.get("id"))


def _dc(x: Any) -> str:
    dc = x.get("datacenter") or {}
    return f" ({dc['country_code']})" if isinstance(dc, dict) and dc.get("country_code") else ""


DATACENTERS = items_of("datacenters", lambda d: f"{d.get('country_code')} — {d.get('location')}")
APPLIANCES = items_of(
    "server_appliances",
    lambda a: f"{a.get('name')} · {a.get('os_family') or ''} {a.get('os_image_type') or ''}"
              f" · min {a.get('min_hdd_size') or 20} GB".replace("  ", " "))
RECOVERY = items_of("recovery_appliances", _name)
DVDS = items_of("dvd_isos", lambda d: f"{d.get('name')} ({d.get('type') or 'ISO'})")
def _sized(cpus: Callable[[Any], str]) -> Callable[[Any], str]:
    """``M · 2 vCPU · 4 GB RAM · 60 GB``: a hardware catalogue entry, its CPUs as ``cpus``
    says."""
    return lambda x: (f"{x.get('name')} · {cpus(x['hardware'])} · "
                      f"{x['hardware'].get('ram'):g} GB RAM · {disks_gb(x['hardware'])} GB")


FIXED_SIZES = items_of("fixed_instance_sizes", _sized(lambda hw: f"{hw.get('vcore')} vCPU"))
FIREWALLS = items_of("firewall_policies", _name)
LOAD_BALANCERS = items_of("load_balancers", lambda x: f"{_name(x)}{_dc(x)}")
PRIVATE_NETWORKS = items_of("private_networks", lambda x: f"{_name(x)}{_dc(x)}")
MONITORING_POLICIES = items_of("monitoring_policies", _name)
SSH_KEYS = items_of("ssh_keys", _name)
SERVERS = items_of("servers", lambda x: f"{_name(x)}{_dc(x)}")
BAREMETAL_MODELS = items_of(
    "baremetal_models",
    _sized(lambda hw: f"{hw.get('cores')}×{hw.get('cores_per_processor')} cores"))
#: Public IPs a new server can take: active and assigned to nothing.
FREE_IPS = items_of("public_ips", lambda x: f"{x.get('ip')} · {x.get('type') or 'IPV4'}{_dc(x)}",
                    where=lambda x: not x.get("assigned_to") and x.get("state") == "ACTIVE",
                    source_key="free_ips")
USERS = items_of("users", _name)
IMAGES = items_of("images", _name, where=lambda i: i.get("state") in ("ACTIVE", "ENABLED"))
INSTALLABLE = items_of(
    "server_appliances", lambda a: f"{a.get('name')} · {a.get('os_family') or ''}",
    source_key="installable")


async def _server_ips(ctx: Ctx) -> list[Any]:
    servers = await listed(ctx, "servers")
    return [{**ip, "server_name": s.get("name"), "server_id": s.get("id")}
            for s in servers for ip in s.get("ips") or []]


#: Every server IP of the account: "server — ip", value the IP's id (``server_ip_id``).
SERVER_IPS = Source("server_ips", _server_ips, lambda x: f"{x['server_name']} — {x['ip']}")


def attached_ips(api: str) -> Source:
    """The server IPs a firewall policy or load balancer already has."""
    return sub(f"{api}-ips", lambda ctx: getattr(ctx.client, api).ips(ctx.item_id),
               lambda x: f"{x.get('server_name') or '?'} — {x.get('ip')}")


def attached_servers(api: str) -> Source:
    return sub(f"{api}-servers", lambda ctx: getattr(ctx.client, api).servers(ctx.item_id),
               lambda x: f"{_name(x)}" + (f" ({x['rights']})" if x.get("rights") else ""))


# -- what the API accepts given the choices so far ------------------------------------------
def datacenter_of(x: Any) -> str | None:
    """A resource's datacenter id (``datacenter_id``, or ``datacenter.id``)."""
    if not isinstance(x, dict):
        return None
    dc = x.get("datacenter")
    return x.get("datacenter_id") or (dc.get("id") if isinstance(dc, dict) else None)


def same_datacenter(field: str | None = "datacenter_id") -> Any:
    """Only resources of the datacenter chosen in ``field`` (None: the selected resource's
    own): the API refuses a load balancer, private network or public IP of another datacenter
    for a server (and a server of another datacenter for a private network)."""

    def allow(item: Any, values: dict[str, Any], ctx: Ctx) -> str | None:
        wanted = values.get(field) if field else datacenter_of(ctx.item)
        have = datacenter_of(item)
        if not wanted or not have or wanted == have:
            return None
        return "in another datacenter"

    return allow


def appliance_in_datacenter(item: Any, values: dict[str, Any], ctx: Ctx) -> str | None:
    """An appliance's location must match the server's datacenter (ENDPOINTS.md,
    create_server ``appliance_id``)."""
    wanted = values.get("datacenter_id")
    where = item.get("available_datacenters") if isinstance(item, dict) else None
    if not wanted or not isinstance(where, list) or not where or wanted in where:
        return None
    return "not offered in this datacenter"
