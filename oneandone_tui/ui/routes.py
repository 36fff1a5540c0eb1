"""Screens that stand in for a category's generic table (the monitoring center, logs, usages)
and the dashboard, by key. ``app.show_category(key)`` consults this table first, so the nav,
``:`` and the command palette all reach the richer screen; every other category keeps the
explorer's table. Screens are imported only when first shown."""

from __future__ import annotations

import importlib
from typing import Any

from .commands import EXTRA_COMMANDS

ROUTES: dict[str, tuple[str, str]] = {
    "dashboard": ("dashboard", "DashboardScreen"),
    "monitoring_center": ("monitoring_center", "MonitoringCenterScreen"),
    "logs": ("logs", "LogsScreen"),
    "usages": ("usages", "UsagesScreen"),
}

#: Extra ``:`` targets that are not categories: (key, title, aliases).
JUMP_TARGETS: list[tuple[str, str, tuple[str, ...]]] = [
    ("dashboard", "Dashboard", ("home", "overview", "dash", "account")),
]


def screen_class(key: str) -> Any:
    target = ROUTES.get(key)
    if target is None:
        return None
    module = importlib.import_module(f"{__package__}.screens.{target[0]}")
    return getattr(module, target[1])


EXTRA_COMMANDS.append(
    ("Go to Dashboard", "Account overview: resources by state, alerts, failures, cost",
     lambda app: app.show_dashboard()))
