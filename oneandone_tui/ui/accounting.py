"""Sums over a ``GET /usages`` answer (per resource type and overall) and a cost estimate from
``GET /pricing``. No Textual here.

A service line says a resource used ``avg_amount`` ``unit`` s (2 vCores, 40 GB...) for ``usage``
minutes; its *unit-hours* (``avg_amount * usage / 60``) are what an hourly price applies to.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..catalogue import flatten_usages

TITLES = {"SERVERS": "Servers", "SHARED_STORAGES": "Shared storages", "IMAGES": "Images",
          "PUBLIC_IPS": "Unused public IPs", "LOAD_BALANCERS": "Load balancers"}
ALL = "ALL"


def title(group: str) -> str:
    return "All types" if group == ALL else TITLES.get(group, group.replace("_", " ").title())


def _float(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def unit_hours(line: dict[str, Any]) -> float:
    return _float(line.get("avg_amount")) * _float(line.get("usage")) / 60.0


@dataclass
class GroupTotal:
    group: str
    resources: int = 0
    lines: int = 0
    minutes: int = 0
    #: Unit-hours per (service type, unit): ``("CPU", "vCore") -> 1440.0``.
    by_service: dict[tuple[str, str], float] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return title(self.group)

    def units_text(self) -> str:
        return " · ".join(f"{kind} {v:,.0f} {unit}·h"
                          for (kind, unit), v in sorted(self.by_service.items())) or "–"


def lines(data: Any) -> list[dict[str, Any]]:
    """Every service line (the catalogue's flattening: one row per resource and service)."""
    return flatten_usages(data)


def totals(data: Any) -> list[GroupTotal]:
    """One total per resource type present in the answer (in the API's order), then ``ALL``."""
    out: dict[str, GroupTotal] = {}
    resources: dict[str, set[str]] = defaultdict(set)
    overall = GroupTotal(ALL)
    for group in (data or {}):
        out[group] = GroupTotal(group)
    for line in lines(data):
        for total in (out.setdefault(line["group"], GroupTotal(line["group"])), overall):
            total.lines += 1
            total.minutes += int(_float(line.get("usage")))
            key = (str(line.get("type") or "?"), str(line.get("unit") or "?"))
            total.by_service[key] = total.by_service.get(key, 0.0) + unit_hours(line)
        resources[line["group"]].add(str(line.get("resource_id") or line.get("name")))
    for group, total in out.items():
        total.resources = len(resources[group])
    overall.resources = sum(t.resources for t in out.values())
    return [*out.values(), overall]


#: Which price of ``/pricing`` a service line is billed at: (plan path, item name).
PRICES = {
    ("SERVERS", "CPU"): ("servers.flexible_server", "vCore"),
    ("SERVERS", "RAM"): ("servers.flexible_server", "RAM"),
    ("SERVERS", "HDD"): ("servers.flexible_server", "SSD"),
    ("SERVERS", "IP"): ("public_ips", "IPv4"),
    ("LOAD_BALANCERS", "IP"): ("public_ips", "IPv4"),
    ("PUBLIC_IPS", "UNUSED_IP"): ("public_ips", "IPv4"),
    ("SHARED_STORAGES", "size"): ("shared_storage", "Shared Storage"),
    ("IMAGES", "size"): ("image", "Image"),
}


def _entry(pricing: Any, path: str, name: str) -> dict[str, Any] | None:
    node: Any = (pricing or {}).get("pricing_plans") or {}
    for key in path.split("."):
        node = node.get(key) if isinstance(node, dict) else None
    entries = node if isinstance(node, list) else [node] if isinstance(node, dict) else []
    return next((e for e in entries if isinstance(e, dict) and e.get("name") == name), None)


def price_of(pricing: Any, path: str, name: str) -> float | None:
    entry = _entry(pricing, path, name)
    return _float(entry.get("price_net")) if entry is not None else None


@dataclass
class Estimate:
    currency: str
    net: float
    #: Service types that have usage but no price in ``/pricing`` (left out of ``net``).
    unpriced: list[str]
    #: Net cost per resource type (``SERVERS``...).
    by_group: dict[str, float] = field(default_factory=dict)
    #: The list prices used, as (label, net price, unit).
    prices: list[tuple[str, float, str]] = field(default_factory=list)


def estimate(usages: Any, pricing: Any) -> Estimate:
    """Net cost of the usages at the list prices (an estimate: no discounts, no licences)."""
    net = 0.0
    unpriced: set[str] = set()
    by_group: dict[str, float] = {}
    used: dict[tuple[str, str], float] = {}
    for line in lines(usages):
        where = PRICES.get((line["group"], str(line.get("type"))))
        price = price_of(pricing, *where) if where else None
        if where is None or price is None:
            unpriced.add(str(line.get("type")))
            continue
        used[where] = price
        cost = price * unit_hours(line)
        net += cost
        by_group[line["group"]] = by_group.get(line["group"], 0.0) + cost
    prices = [(name, price, str((_entry(pricing, path, name) or {}).get("unit") or ""))
              for (path, name), price in used.items()]
    return Estimate(str((pricing or {}).get("currency") or ""), net, sorted(unpriced),
                    by_group, prices)

