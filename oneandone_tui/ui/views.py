"""Small renderers for detail sections whose raw key/value form reads badly (a role's
permissions, a user's allowed IPs), and masking of secrets (API keys, first passwords) in
whatever the UI shows as raw JSON. A catalogue ``Section(view="permissions")`` names one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..catalogue import Category
from .rows import MASK
from .safe import clean

#: Verbs most areas share: one column each; the rest are listed per area. Names are snake_case
#: as the API and every SDK but the Python one spell them (``set_name``); the run-together
#: spellings of the Python SDK and the Go SDK's early tags (``setname``) read the same.
COMMON = ("show", "create", "delete", "set_name", "set_description")
AREAS = {
    "backups": "Backups", "firewall_policies": "Firewall policies", "images": "Images",
    "interactive_invoices": "Invoices", "public_ips": "Public IPs",
    "load_balancers": "Load balancers", "logs": "Logs", "monitoring_center": "Monitoring center",
    "monitoring_policies": "Monitoring policies", "private_networks": "Private networks",
    "roles": "Roles", "servers": "Servers", "shared_storages": "Shared storages",
    "usages": "Usages", "users": "Users", "vpn": "VPNs",
    # other spellings of the same groups (Python SDK keys, Java/.NET ``private_network``)
    "firewalls": "Firewall policies", "interactiveinvoice": "Invoices", "ips": "Public IPs",
    "loadbalancers": "Load balancers", "monitoringcenter": "Monitoring center",
    "monitoringpolicies": "Monitoring policies", "privatenetwork": "Private networks",
    "private_network": "Private networks", "sharedstorages": "Shared storages",
}
WORDS = {
    "set_name": "name", "set_description": "description", "access_kvm_console": "KVM console",
    "assign_ip": "assign IP", "manage_dvd": "DVD", "manage_snapshot": "snapshots",
    "manage_attached_server_ips": "server IPs", "manage_attached_servers": "servers",
    "manage_rules": "rules", "set_reverse_dns": "reverse DNS", "manage_ports": "ports",
    "manage_processes": "processes", "modify_resources": "thresholds", "set_email": "e-mail",
    "set_network_info": "network", "manage_users": "users", "change_role": "role",
    "manage_api": "API access", "set_password": "password", "download_file": "config file",
    "disable_automatic_creation": "disable auto-create",
    # the run-together spellings
    "manageattachedserverip": "server IPs", "manageattachedserver": "servers",
    "managerule": "rules", "manageport": "ports", "manageprocess": "processes",
    "manageuser": "users",
}


def _plain(name: str) -> str:
    """A permission name without underscores: ``set_name`` and ``setname`` are one verb."""
    return name.replace("_", "")


def _word(name: str) -> str:
    return WORDS.get(name) or next((w for k, w in WORDS.items() if _plain(k) == _plain(name)),
                                   name.replace("_", " "))


YES, NO, NONE = ("✓", "green"), ("✗", "red"), ("·", "dim")


def _mark(value: Any) -> tuple[str, str]:
    if value is None:
        return NONE
    return YES if value else NO


def permissions_grid(data: Any, revealed: bool = False) -> RenderableType:
    """Areas as rows, the common verbs as columns (✓ granted, ✗ refused, · not applicable),
    the area's other permissions in the last column: the granted ones after ✓, the refused
    ones after ✗ (one mark per group, so wrapping never separates a mark from its words)."""
    if not isinstance(data, dict) or not data:
        return Text("No permissions.", style="italic")
    granted = sum(bool(v) for area in data.values() if isinstance(area, dict)
                  for v in area.values())
    total = sum(len(area) for area in data.values() if isinstance(area, dict))
    table = Table(box=None, padding=(0, 1), header_style="bold", expand=False)
    table.add_column("Area", no_wrap=True)
    for verb in COMMON:
        table.add_column(WORDS.get(verb, verb), justify="center", no_wrap=True)
    table.add_column("Other permissions", overflow="fold")
    for key in sorted(data, key=lambda k: str(AREAS.get(k, k)).lower()):
        area = data[key]
        if not isinstance(area, dict):
            continue
        # Area and permission names come from the API: Text (never Rich markup), cleaned.
        area_name = AREAS.get(key, str(key).replace("_", " ").capitalize())
        cells: list[RenderableType] = [Text(clean(area_name))]
        by_plain = {_plain(k): k for k in area}
        common = {by_plain[_plain(v)] for v in COMMON if _plain(v) in by_plain}
        for verb in COMMON:
            name = by_plain.get(_plain(verb))
            cells.append(Text(*_mark(area.get(name) if name else None)))
        names = sorted(k for k in area if k not in common)
        other = Text()
        for wanted, (mark, style) in ((True, YES), (False, NO)):
            group = [clean(_word(n)) for n in names if bool(area[n]) is wanted]
            if group:
                if other:
                    other.append("  ")
                other.append(f"{mark} ", style=style)
                other.append(", ".join(group), style="" if wanted else "dim")
        cells.append(other)
        table.add_row(*cells)
    head = Text(f"{granted} of {total} permissions granted  ", style="bold")
    head.append("✓ granted  ✗ refused  · not applicable", style="dim")
    return Group(head, Text(""), table)


def allowed_ips(data: Any, revealed: bool = False) -> RenderableType:
    ips = [str(ip) for ip in data or []]
    if not ips:
        return Text("No restriction: the API key works from any IP address.", style="italic")
    text = Text(f"The API key is accepted only from these {len(ips)} addresses:\n",
                style="bold")
    for ip in ips:
        text.append(f"  {clean(ip)}\n")
    return text


VIEWS: dict[str, Callable[[Any, bool], RenderableType]] = {
    "permissions": permissions_grid,
    "allowed_ips": allowed_ips,
}


def render_view(name: str, data: Any, revealed: bool = False) -> RenderableType:
    return VIEWS[name](data, revealed)


def secret_keys(cat: Category) -> frozenset[str]:
    keys: frozenset[str] = frozenset()
    for section in cat.sections:
        keys |= section.secret_keys
    return keys


def masked(data: Any, keys: Iterable[str]) -> Any:
    """A copy of ``data`` with the values of ``keys`` (at any depth) masked."""
    keys = frozenset(keys)
    if not keys:
        return data
    if isinstance(data, dict):
        return {k: (MASK if k in keys and v else masked(v, keys)) for k, v in data.items()}
    if isinstance(data, list):
        return [masked(v, keys) for v in data]
    return data


def find_secret(data: Any, keys: Iterable[str]) -> str | None:
    """The first non-empty value of one of ``keys`` in ``data`` (depth first)."""
    keys = frozenset(keys)
    if isinstance(data, dict):
        for k, v in data.items():
            if k in keys and isinstance(v, str) and v:
                return v
        for v in data.values():
            found = find_secret(v, keys)
            if found:
                return found
    elif isinstance(data, list):
        for v in data:
            found = find_secret(v, keys)
            if found:
                return found
    return None
