"""Reading the monitoring center's answers: current values out of its status texts, series out
of a server's usage, and the level (OK / WARNING / CRITICAL) of a value against a monitoring
policy's thresholds. No Textual here.

The list (``GET /monitoring_center``) carries only status *texts* such as
``"RAM usage: OK 2302MB (56%) used"``; the series (``GET /monitoring_center/{id}``) carries the
numbers and the thresholds of the server's policy (``cpu.warning``, ``cpu.critical``). A level
is judged on the same measure the API judges: percent for cpu/ram/disk, total Kbps (received +
sent) for transfer, round-trip time in ms for the internal ping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

LEVELS = ("OK", "WARNING", "CRITICAL")
#: ResourceTable style class of each level.
LEVEL_STYLE = {"OK": "state-good", "WARNING": "state-busy", "CRITICAL": "state-bad"}


@dataclass(frozen=True)
class Metric:
    key: str
    title: str
    unit: str
    #: Values are percentages (the chart's scale is fixed at 0..100).
    percent: bool = False


METRICS = (
    Metric("cpu", "CPU", "%", True),
    Metric("ram", "RAM", "%", True),
    Metric("disk", "Disk", "%", True),
    Metric("transfer", "Transfer", "Kbps"),
    Metric("internal_ping", "Ping", "ms"),
)
BY_KEY = {m.key: m for m in METRICS}

_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")
_KBPS = re.compile(r"(\d+(?:\.\d+)?)\s*Kbps", re.IGNORECASE)
_RTA = re.compile(r"rta\s+(\d+(?:\.\d+)?)\s*ms", re.IGNORECASE)


def status_text(item: dict[str, Any], metric: str) -> str:
    status = (item.get("status") or {}).get(metric)
    if isinstance(status, dict):
        return str(status.get("state") or "")
    return str(status or "")


def status_value(metric: str, text: str) -> float | None:
    """The current value a status text reports (None when it reports none, e.g. paused)."""
    if metric == "transfer":
        found = _KBPS.findall(text)
        return sum(float(v) for v in found) if found else None
    if metric == "internal_ping":
        m = _RTA.search(text)
        return float(m.group(1)) if m else None
    m = _PERCENT.search(text)
    return float(m.group(1)) if m else None


def status_level(text: str) -> str | None:
    """The level a status text names (the API's own judgement)."""
    upper = text.upper()
    for level in ("CRITICAL", "WARNING", "OK"):
        if re.search(rf"\b{level}\b", upper):
            return level
    return None


def level(value: float | None, warning: float | None, critical: float | None) -> str | None:
    if value is None:
        return None
    if critical is not None and value >= critical:
        return "CRITICAL"
    if warning is not None and value >= warning:
        return "WARNING"
    return "OK"


def thresholds(usage: dict[str, Any], metric: str) -> tuple[float | None, float | None]:
    block = usage.get(metric) or {}
    return _num(block.get("warning")), _num(block.get("critical"))


def _num(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def points(usage: dict[str, Any], metric: str) -> list[dict[str, Any]]:
    return list((usage.get(metric) or {}).get("data") or [])


def measure(metric: str, point: dict[str, Any]) -> float:
    """The measure thresholds apply to, for one data point."""
    if metric == "transfer":
        return ((_num(point.get("downstream")) or 0.0) + (_num(point.get("upstream")) or 0.0)) \
            / 1000.0
    if metric == "internal_ping":
        return _num(point.get("rta")) or 0.0
    return _num(point.get("used_percent")) or 0.0


def series(usage: dict[str, Any], metric: str) -> list[float]:
    return [measure(metric, p) for p in points(usage, metric)]


def dates(usage: dict[str, Any], metric: str = "cpu") -> list[str]:
    return [str(p.get("date") or "") for p in points(usage, metric)]


def alert_counts(item: dict[str, Any]) -> tuple[int, int]:
    """(critical, warning) over resources, ports and processes."""
    alerts = item.get("alerts") or item.get("alerts_count") or {}
    crit = warn = 0
    for group in alerts.values():
        if isinstance(group, dict):
            crit += int(group.get("critical") or 0)
            warn += int(group.get("warning") or 0)
    return crit, warn


def fmt(metric: str, value: float | None) -> str:
    if value is None:
        return "–"
    if metric == "internal_ping":
        return f"{value:.2f} ms"
    if metric == "transfer":
        return f"{value:,.0f} Kbps"
    return f"{value:.0f}%"
