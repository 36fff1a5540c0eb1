"""What each resource category *is*, for the UI: how to list it, its columns, its state, the
sections of its detail pane (the SDK's helper getters), and the links to related resources.

No Textual import: the UI reads this table and renders it; adding a category or a column is an
edit here, not a new screen: the explorer, the tree's groups, the palette, the counts and which
categories have actions (``forms=``) all follow from :data:`CATEGORIES`. Values are computed
from the API's JSON as it comes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

Item = dict[str, Any]

#: States that need no attention (good), that are switched off, and that are errors. Anything
#: else (DEPLOYING, CONFIGURING, POWERING_ON, REMOVING...) is transitional.
GOOD_STATES = frozenset({"POWERED_ON", "ACTIVE", "ENABLED", "OK", "COMPLETED", "ON_RECOVERY",
                         "ON RECOVERY"})
OFF_STATES = frozenset({"POWERED_OFF", "DISABLED", "DISABLE", "INACTIVE"})
BAD_STATES = frozenset({"FAILED", "ERROR"})
STABLE_STATES = GOOD_STATES | OFF_STATES | BAD_STATES


def get(item: Any, path: str, default: Any = None) -> Any:
    """``get(server, "status.state")``."""
    for key in path.split("."):
        if not isinstance(item, dict):
            return default
        item = item.get(key)
        if item is None:
            return default
    return item


def state_of(item: Item) -> tuple[str | None, int | None]:
    """(state, percent) of any resource: servers carry ``status``, others ``state``."""
    status = item.get("status")
    if isinstance(status, dict) and "state" in status:
        return status.get("state"), status.get("percent")
    state = item.get("state")
    return (state if isinstance(state, str) else None), item.get("percent")


def is_transitional(item: Item) -> bool:
    state, percent = state_of(item)
    if state is None:
        return False
    return state not in STABLE_STATES or (percent is not None and "status" in item)


def state_text(item: Item) -> str:
    """The state as the API names it, with progress: ``DEPLOYING 40%``."""
    state, percent = state_of(item)
    if state is None:
        return ""
    return f"{state} {percent}%" if percent is not None and is_transitional(item) else state


def state_style(item: Item) -> str | None:
    state, _ = state_of(item)
    if state is None:
        return None
    if state in BAD_STATES or state in ("REMOVING", "DELETING"):
        return "state-bad"
    if is_transitional(item):
        return "state-busy"
    if state in OFF_STATES:
        return "state-off"
    return "state-good"


def ips_text(item: Item) -> str:
    ips = item.get("ips") or []
    return ", ".join(ip.get("ip", "") if isinstance(ip, dict) else str(ip) for ip in ips)


def disks_gb(hardware: Item) -> int:
    """The size of all the disks of a ``hardware`` object (a server's, a fixed size's...)."""
    return sum(h.get("size", 0) for h in hardware.get("hdds") or [])


def hardware_text(item: Item) -> str:
    hw = item.get("hardware") or {}
    disk = disks_gb(hw)
    ram = hw.get("ram")
    ram_text = f"{ram:g}" if isinstance(ram, (int, float)) else "?"
    return f"{hw.get('vcore', '?')}c/{ram_text}G/{disk}G"


def dc_text(item: Item) -> str:
    dc = item.get("datacenter") or {}
    return dc.get("country_code") or ""


def count_text(key: str) -> Callable[[Item], str]:
    return lambda item: str(len(item.get(key) or []))


def yes_no(path: str) -> Callable[[Item], str]:
    return lambda item: "yes" if get(item, path) else "no"


@dataclass(frozen=True)
class Col:
    key: str
    title: str
    width: int = 10
    flex: int = 0
    value: Callable[[Item], Any] | None = None
    align: str = "left"
    style: Callable[[Item], str | None] | None = None
    #: Gives way (shrinks, then hides) before lower numbers when the table is narrow.
    priority: int = 0
    #: ``middle`` cuts a long text in its middle (names that differ at the end stay apart).
    cut: str = "end"

    def raw(self, item: Item) -> Any:
        return self.value(item) if self.value else get(item, self.key)

    def text(self, item: Item) -> str:
        return cell_text(self.raw(item))


def cell_text(value: Any) -> str:
    """How a column shows a value (a table row computes each value once: see ui/rows.py)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def sort_key_of(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


NAME = Col("name", "Name", 18, 2, cut="middle")
#: 16: "POWERING_OFF 40%" whole.
STATE = Col("state", "State", 16, 0, state_text, style=state_style)
DC = Col("dc", "DC", 3, 0, dc_text, priority=2)
CREATED = Col("creation_date", "Created", 10, 0, lambda i: (i.get("creation_date") or "")[:10])
DESCRIPTION = Col("description", "Description", 12, 1)


@dataclass(frozen=True)
class Link:
    """A related resource shown in a detail section; ``enter`` on it jumps there."""

    label: str
    category: str
    id: str


@dataclass(frozen=True)
class Section:
    """One section (tab) of the detail pane. ``call`` names a client method of the category
    taking the resource id (``"hardware"`` -> ``client.servers.hardware(id)``); None shows the
    item itself. ``columns`` turns a list into a table; otherwise key/value pairs."""

    title: str
    call: str | None = None
    columns: Sequence[Col] = ()
    links: Callable[[Any], list[Link]] | None = None
    #: Keys whose values are masked until revealed (API keys).
    secret_keys: frozenset[str] = frozenset()
    #: A section that calls a method of another category with this item's id.
    api: str | None = None
    #: When given and false for the item, the section is not fetched and shows ``empty``.
    when: Callable[[Item], bool] | None = None
    empty: str = "None."
    #: A named renderer of the UI for this section's data (``"permissions"``: a grid).
    view: str | None = None


@dataclass(frozen=True)
class Category:
    key: str
    title: str
    api: str
    columns: Sequence[Col]
    #: Client method that lists the category, and its keyword arguments.
    list_call: str = "list"
    list_kwargs: dict[str, Any] = field(default_factory=dict)
    sections: Sequence[Section] = ()
    links: Callable[[Item], list[Link]] | None = None
    aliases: Sequence[str] = ()
    #: Whether items have a lifecycle state worth polling.
    stateful: bool = True
    #: Turns a non-list answer (pricing, usages) into rows with an ``id``.
    flatten: Callable[[Any], list[Item]] | None = None
    #: The category has a detail getter ``client.<api>.get(id)``.
    gettable: bool = True
    #: The ``q`` search and ``fields`` projection a poller may use for a cheap status round.
    status_fields: str | None = "id,state"
    log_types: Sequence[str] = ()
    #: The group of the navigation tree it is shown in (``ui/tree_source.py`` ``GROUP_ORDER``).
    group: str = ""
    #: The modules of ``ui/forms/`` that register its actions (``register(key, ...)``), by
    #: name: none, the category has no actions. Names only, so that knowing which categories
    #: have actions imports no form (the first frame does not wait for them).
    forms: Sequence[str] = ()

    def row_id(self, item: Item) -> str:
        return str(item.get("id"))


# -- links ----------------------------------------------------------------------------------------
def _ref(label: str, category: str, ref: Any) -> list[Link]:
    if isinstance(ref, dict) and ref.get("id"):
        return [Link(f"{label}: {ref.get('name') or ref['id']}", category, ref["id"])]
    return []


def server_links(item: Item) -> list[Link]:
    out: list[Link] = []
    for ip in item.get("ips") or []:
        out += _ref(f"{ip.get('ip')} firewall", "firewall_policies", ip.get("firewall_policy"))
        for lb in ip.get("load_balancers") or []:
            out += _ref(f"{ip.get('ip')} load balancer", "load_balancers", lb)
        out.append(Link(f"public IP {ip.get('ip')}", "public_ips", ip["id"]))
    out += _ref("monitoring policy", "monitoring_policies", item.get("monitoring_policy"))
    for pn in item.get("private_networks") or []:
        out += _ref("private network", "private_networks", pn)
    out += _ref("image", "server_appliances", item.get("image"))
    out += _ref("DVD", "dvd_isos", item.get("dvd"))
    return out


def server_ip_links(items: Any) -> list[Link]:
    out: list[Link] = []
    for ip in items or []:
        out += _ref(f"{ip.get('ip')} firewall", "firewall_policies", ip.get("firewall_policy"))
        for lb in ip.get("load_balancers") or []:
            out += _ref(f"{ip.get('ip')} load balancer", "load_balancers", lb)
    return out


def servers_of(label: str = "server") -> Callable[[Any], list[Link]]:
    def links(items: Any) -> list[Link]:
        out: list[Link] = []
        for s in items or []:
            out += _ref(label, "servers", s)
        return out
    return links


def attached_ip_links(items: Any) -> list[Link]:
    return [Link(f"{x.get('server_name') or '?'} ({x.get('ip')})", "public_ips", x["id"])
            for x in items or [] if isinstance(x, dict) and x.get("id")]


def public_ip_links(item: Item) -> list[Link]:
    owner = item.get("assigned_to") or {}
    kind = {"SERVER": "servers", "LOAD_BALANCER": "load_balancers"}.get(
        str(owner.get("type")))
    return _ref("assigned to", kind, owner) if kind else []


def user_links(item: Item) -> list[Link]:
    return _ref("role", "roles", item.get("role"))


def log_links(item: Item) -> list[Link]:
    """A log entry's resource (its category found by the entry's ``type``) and user."""
    resource = item.get("resource") or {}
    kind = next((c.key for c in CATEGORIES if item.get("type") in c.log_types), None)
    out = _ref("resource", kind, resource) if kind else []
    return out + _ref("user", "users", item.get("user"))


# -- flatteners for object-shaped answers ---------------------------------------------------------
def flatten_pricing(data: Any) -> list[Item]:
    rows: list[Item] = []
    plans = (data or {}).get("pricing_plans") or {}

    def add(group: str, entry: Any) -> None:
        if isinstance(entry, dict) and "name" in entry:
            rows.append({"id": f"{group}/{entry['name']}", "group": group, **entry,
                         "currency": data.get("currency")})

    for group, value in plans.items():
        if isinstance(value, list):
            for entry in value:
                add(group, entry)
        elif isinstance(value, dict) and "name" in value:
            add(group, value)
        elif isinstance(value, dict):
            for sub, entries in value.items():
                for entry in entries or []:
                    add(f"{group}/{sub}", entry)
    return rows


def flatten_usages(data: Any) -> list[Item]:
    rows: list[Item] = []
    for group, items in (data or {}).items():
        for item in items or []:
            for service in item.get("services") or []:
                rows.append({
                    "id": f"{group}/{item.get('id') or item.get('name')}/{service.get('type')}",
                    "group": group, "name": item.get("name"), "resource_id": item.get("id"),
                    "type": service.get("type"), "avg_amount": service.get("avg_amount"),
                    "unit": service.get("unit"), "usage": service.get("usage"),
                    "detail": service.get("detail"),
                })
    return rows


# -- the catalogue --------------------------------------------------------------------------------
RULE_COLUMNS = (Col("protocol", "Protocol", 8), Col("port", "Port", 11),
                Col("source", "Source", 15), Col("action", "Action", 6),
                Col("description", "Description", 12, 1))
LB_RULE_COLUMNS = (Col("protocol", "Protocol", 8), Col("port_balancer", "LB port", 7),
                   Col("port_server", "Server port", 11), Col("source", "Source", 15, 1))
ATTACHED_IP_COLUMNS = (Col("ip", "IP", 16), Col("server_name", "Server", 20, 1),
                       Col("id", "Server IP id", 32))
ID_NAME = (Col("name", "Name", 20, 1), Col("id", "Id", 32))

CATEGORIES: tuple[Category, ...] = (
    Category(
        "servers", "Servers", "servers",
        # At 80 columns the image gives way first, then the hardware: name, state and IPs
        # (what one connects to) stay whole.
        (NAME, STATE, DC, Col("ips", "IPs", 15, 1, ips_text, priority=1),
         Col("hardware", "vCPU/RAM/Disk", 13, 0, hardware_text, priority=2),
         Col("image", "Image", 14, 1, lambda i: get(i, "image.name"), priority=3)),
        sections=(
            Section("Overview", links=server_links,
                    secret_keys=frozenset({"first_password"})),
            Section("Hardware", "hardware"),
            Section("HDDs", "hdds", (Col("id", "Id", 32), Col("size", "Size GB", 7, 0),
                                     Col("is_main", "Main", 4))),
            Section("Image", "image"),
            Section("IPs", "ips", (Col("ip", "IP", 16), Col("type", "Type", 4),
                                   Col("reverse_dns", "Reverse DNS", 16, 1),
                                   Col("fw", "Firewall", 14, 0,
                                       lambda i: get(i, "firewall_policy.name")),
                                   Col("lbs", "Load balancers", 16, 1, lambda i: ", ".join(
                                       lb.get("name", "") for lb in i.get("load_balancers")
                                       or []))),
                    links=server_ip_links),
            Section("Status", "status"),
            Section("DVD", "dvd", when=lambda i: bool(i.get("dvd")), empty="No DVD loaded."),
            Section("Private networks", "private_networks", ID_NAME,
                    links=lambda items: [Link(f"private network: {p['name']}",
                                              "private_networks", p["id"])
                                         for p in items or []]),
            Section("Snapshots", "snapshots", (Col("id", "Id", 32),
                                               Col("creation_date", "Created", 25),
                                               Col("deletion_date", "Deleted on", 25))),
        ),
        links=server_links, aliases=("srv", "server", "vm", "machines"),
        status_fields="id,status", log_types=("VM",),
        group="Compute", forms=("servers", "server_parts")),
    Category(
        "images", "Images", "images",
        (NAME, STATE, DC, Col("os", "OS", 14, 1, lambda i: f"{i.get('os') or ''} "
                                                           f"{i.get('os_version') or ''}"),
         Col("frequency", "Frequency", 9), Col("num_images", "Keep", 4, align="right"),
         CREATED),
        sections=(Section("Overview", links=lambda i: _ref("server", "servers",
                                                           {"id": i.get("server_id"),
                                                            "name": i.get("server_id")})),),
        aliases=("img", "image", "backups"), log_types=("IMAGE",),
        group="Compute", forms=("images",)),
    Category(
        "shared_storages", "Shared Storages", "shared_storages",
        (NAME, STATE, DC, Col("size", "Size GB", 7, align="right"),
         Col("size_used", "Used GB", 7, align="right"),
         Col("servers", "Servers", 7, 0, count_text("servers"), align="right"),
         Col("nfs_path", "NFS path", 20, 1)),
        sections=(Section("Overview"),
                  Section("Servers", "servers", (Col("name", "Server", 20, 1),
                                                 Col("rights", "Rights", 6),
                                                 Col("id", "Id", 32)),
                          links=servers_of())),
        aliases=("ss", "storage", "nfs", "shares"), log_types=("SHAREDSTORAGE",),
        group="Storage", forms=("shared_storages",)),
    Category(
        "firewall_policies", "Firewall Policies", "firewall_policies",
        (NAME, STATE, Col("default", "Default", 7, 0, yes_no("default")),
         Col("rules", "Rules", 5, 0, count_text("rules"), align="right"),
         Col("server_ips", "IPs", 4, 0, count_text("server_ips"), align="right"),
         DESCRIPTION),
        sections=(Section("Overview"),
                  Section("Rules", "rules", RULE_COLUMNS),
                  Section("Server IPs", "ips", ATTACHED_IP_COLUMNS,
                          links=attached_ip_links)),
        aliases=("fw", "firewall", "firewalls"), log_types=("FIREWALL",),
        group="Network", forms=("firewall_policies",)),
    Category(
        "load_balancers", "Load Balancers", "load_balancers",
        (NAME, STATE, DC, Col("ip", "IP", 15), Col("method", "Method", 17),
         Col("rules", "Rules", 5, 0, count_text("rules"), align="right"),
         Col("server_ips", "IPs", 4, 0, count_text("server_ips"), align="right")),
        sections=(Section("Overview"),
                  Section("Rules", "rules", LB_RULE_COLUMNS),
                  Section("Server IPs", "ips", ATTACHED_IP_COLUMNS,
                          links=attached_ip_links)),
        aliases=("lb", "lbs", "balancer"), log_types=("LOADBALANCER",),
        group="Network", forms=("load_balancers",)),
    Category(
        "public_ips", "Public IPs", "public_ips",
        (Col("ip", "IP", 16, 1), STATE, DC, Col("type", "Type", 4),
         Col("assigned", "Assigned to", 16, 1, lambda i: get(i, "assigned_to.name")),
         Col("reverse_dns", "Reverse DNS", 16, 1)),
        sections=(Section("Overview", links=public_ip_links),),
        links=public_ip_links, aliases=("ip", "ips", "addresses"), log_types=("IP",),
        group="Network", forms=("public_ips",)),
    Category(
        "private_networks", "Private Networks", "private_networks",
        (NAME, STATE, DC, Col("network_address", "Network", 15),
         Col("subnet_mask", "Mask", 15),
         Col("servers", "Servers", 7, 0, count_text("servers"), align="right")),
        sections=(Section("Overview"),
                  Section("Servers", "servers", ID_NAME, links=servers_of())),
        aliases=("pn", "pns", "vlan", "network"), log_types=("PRIVATENETWORK",),
        group="Network", forms=("private_networks",)),
    Category(
        "monitoring_center", "Monitoring Center", "monitoring_center",
        (NAME, Col("state", "State", 12, 0, lambda i: get(i, "status.state"),
                   style=lambda i: state_style({"state": get(i, "status.state")})),
         Col("cpu", "CPU", 12, 1, lambda i: _mc(i, "cpu")),
         Col("ram", "RAM", 12, 1, lambda i: _mc(i, "ram")),
         Col("disk", "Disk", 12, 1, lambda i: _mc(i, "disk")),
         Col("alerts", "Alerts", 9, 0, lambda i: _alert_total(i))),
        sections=(Section("Overview"),),
        aliases=("mc", "monitoring", "usage", "metrics"), stateful=False,
        status_fields=None, group="Monitoring"),
    Category(
        "monitoring_policies", "Monitoring Policies", "monitoring_policies",
        (NAME, STATE, Col("default", "Default", 7, 0, yes_no("default")),
         Col("agent", "Agent", 5, 0, yes_no("agent")), Col("email", "E-mail", 16, 1),
         Col("servers", "Servers", 7, 0, count_text("servers"), align="right")),
        sections=(Section("Overview"),
                  Section("Thresholds", None),
                  Section("Ports", "ports", (Col("protocol", "Protocol", 8),
                                             Col("port", "Port", 6),
                                             Col("alert_if", "Alert if", 15),
                                             Col("email_notification", "E-mail", 6))),
                  Section("Processes", "processes", (Col("process", "Process", 20, 1),
                                                     Col("alert_if", "Alert if", 15),
                                                     Col("email_notification", "E-mail", 6))),
                  Section("Servers", "servers", ID_NAME, links=servers_of())),
        aliases=("mp", "mps", "policies", "alerting"), log_types=("MONITORINGPOLICY",),
        group="Monitoring", forms=("monitoring_policies", "monitoring_parts")),
    Category(
        "logs", "Logs", "logs",
        (Col("start_date", "Start", 20), Col("action", "Action", 16),
         Col("type", "Type", 14), Col("resource", "Resource", 18, 1,
                                      lambda i: get(i, "resource.name")),
         Col("user", "User", 12, 0, lambda i: get(i, "user.name")),
         Col("status", "Status", 10, 0, lambda i: get(i, "status.state"),
             style=lambda i: "state-good" if get(i, "status.state") in ("OK", "COMPLETED")
             else "state-busy")),
        list_kwargs={"period": "LAST_7D"}, sections=(Section("Overview", links=log_links),),
        aliases=("log", "events", "audit", "history"), stateful=False, status_fields=None,
        group="Monitoring"),
    Category(
        "users", "Users", "users",
        (NAME, STATE, Col("email", "E-mail", 20, 1),
         Col("role", "Role", 14, 0, lambda i: get(i, "role.name")),
         Col("api", "API", 5, 0, yes_no("api.active")),
         Col("allowed", "Allowed IPs", 11, 0,
             lambda i: str(len(get(i, "api.allowed_ips") or [])) or "any")),
        sections=(Section("Overview", links=user_links, secret_keys=frozenset({"key"})),
                  Section("API access", "api", secret_keys=frozenset({"key"})),
                  Section("Allowed IPs", "allowed_ips", view="allowed_ips")),
        links=user_links, aliases=("user", "accounts", "people"), log_types=("USER",),
        group="Account", forms=("users",)),
    Category(
        "roles", "Roles", "roles",
        (NAME, STATE, Col("default", "Default", 7, 0, yes_no("default")),
         Col("users", "Users", 5, 0, count_text("users"), align="right"), DESCRIPTION),
        sections=(Section("Overview"),
                  Section("Permissions", "permissions", view="permissions"),
                  Section("Users", "users", ID_NAME)),
        aliases=("role", "permissions", "rbac"), log_types=("ROLE",),
        group="Account", forms=("roles",)),
    Category(
        "usages", "Usages", "usages",
        (Col("group", "Group", 16), Col("name", "Resource", 18, 1), Col("type", "Service", 9),
         Col("avg_amount", "Average", 8, align="right"), Col("unit", "Unit", 6),
         Col("usage", "Minutes", 8, align="right")),
        list_kwargs={"period": "LAST_30D"}, flatten=flatten_usages, gettable=False,
        stateful=False, status_fields=None, aliases=("usage", "billing", "consumption"),
        group="Monitoring"),
    Category(
        "server_appliances", "Server Appliances", "server_appliances",
        (NAME, Col("os_family", "Family", 8), Col("os_version", "Version", 16, 1),
         Col("os_image_type", "Kind", 9), Col("min_hdd_size", "Min disk", 8, align="right"),
         Col("categories", "Category", 11, 0,
             lambda i: ", ".join(i.get("categories") or []))),
        aliases=("appliances", "os", "templates"), stateful=False, status_fields=None,
        group="Compute"),
    Category(
        "dvd_isos", "DVD ISOs", "dvd_isos",
        (NAME, Col("os_family", "Family", 8), Col("os_version", "Version", 16, 1),
         Col("type", "Type", 4)),
        aliases=("dvd", "iso", "isos"), stateful=False, status_fields=None, group="Compute"),
    Category(
        "vpns", "VPNs", "vpns",
        (NAME, STATE, DC, Col("type", "Type", 4), Col("ips", "IPs", 15, 1, ips_text),
         CREATED),
        aliases=("vpn",), log_types=("VPN",), group="Network", forms=("vpns",)),
    Category(
        "block_storages", "Block Storages", "block_storages",
        (NAME, STATE, DC, Col("size", "Size GB", 7, align="right"),
         Col("server", "Server", 16, 1, lambda i: get(i, "server.name")), CREATED),
        links=lambda i: _ref("server", "servers", i.get("server")),
        sections=(Section("Overview", links=lambda i: _ref("server", "servers",
                                                           i.get("server"))),),
        aliases=("bs", "block", "volumes", "disks"), log_types=("BLOCKSTORAGE",),
        group="Storage", forms=("block_storages",)),
    Category(
        "ssh_keys", "SSH Keys", "ssh_keys",
        (NAME, STATE, Col("md5", "Fingerprint (md5)", 32, 1),
         Col("servers", "Servers", 7, 0, count_text("servers"), align="right"), CREATED),
        sections=(Section("Overview", links=lambda i: servers_of()(i.get("servers"))),),
        aliases=("ssh", "keys", "key"), log_types=("SSHKEY",),
        group="Account", forms=("ssh_keys",)),
    Category(
        "recovery_appliances", "Recovery Appliances", "recovery_appliances",
        (NAME, Col("os_family", "Family", 8), Col("os", "OS", 12, 1)),
        aliases=("recovery", "rescue"), stateful=False, status_fields=None, group="Compute"),
    Category(
        "datacenters", "Datacenters", "datacenters",
        (Col("country_code", "Code", 4), Col("location", "Location", 30, 1),
         Col("id", "Id", 32)),
        aliases=("dc", "dcs", "regions", "locations"), stateful=False, status_fields=None,
        group="Account"),
    Category(
        "fixed_instance_sizes", "Fixed Instance Sizes", "servers",
        (NAME, Col("vcore", "vCPU", 4, 0, lambda i: get(i, "hardware.vcore"), align="right"),
         Col("ram", "RAM GB", 6, 0, lambda i: get(i, "hardware.ram"), align="right"),
         Col("disk", "Disk GB", 7, 0, lambda i: disks_gb(i.get("hardware") or {}),
             align="right"), Col("id", "Id", 32, 1)),
        list_call="fixed_instance_sizes", gettable=False,
        aliases=("sizes", "flavors", "flavours", "fixed"), stateful=False, status_fields=None,
        group="Compute"),
    Category(
        "baremetal_models", "Baremetal Models", "servers",
        (NAME, Col("cores", "Cores", 5, 0, lambda i: get(i, "hardware.cores"), align="right"),
         Col("ram", "RAM GB", 6, 0, lambda i: get(i, "hardware.ram"), align="right"),
         Col("id", "Id", 32, 1)),
        list_call="baremetal_models", gettable=False, aliases=("baremetal", "bm", "metal"),
        stateful=False, status_fields=None, group="Compute"),
    Category(
        "pricing", "Pricing", "pricing",
        (Col("group", "Group", 24), Col("name", "Item", 24, 1),
         Col("price_net", "Net", 9, align="right"), Col("price_gross", "Gross", 9,
                                                        align="right"),
         Col("unit", "Unit", 9)),
        list_call="get", flatten=flatten_pricing, gettable=False,
        aliases=("prices", "cost", "costs"), stateful=False, status_fields=None, group="Account"),
)

BY_KEY: dict[str, Category] = {c.key: c for c in CATEGORIES}


def _mc(item: Item, entity: str) -> str:
    """A monitoring-center status string shortened to its level: ``OK``, ``WARNING``..."""
    text = get(item, f"status.{entity}.state") or ""
    for level in ("CRITICAL", "WARNING", "OK"):
        if level in text.upper():
            return level
    return text[:12]


def _alert_total(item: Item) -> str:
    alerts = item.get("alerts") or item.get("alerts_count") or {}
    crit = sum((v or {}).get("critical", 0) for v in alerts.values() if isinstance(v, dict))
    warn = sum((v or {}).get("warning", 0) for v in alerts.values() if isinstance(v, dict))
    return f"{crit}C {warn}W" if crit or warn else "-"


def category(key: str) -> Category:
    return BY_KEY[key]
