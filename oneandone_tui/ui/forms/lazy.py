"""What the screens need to know about actions before the forms are imported.

The forms (and the client's request objects they build) cost tens of milliseconds to import;
the first frame does not wait for them. Screens ask this module, which answers from a static
list until :func:`registry` has been called: the explorer calls it on a timer once its first
rows are on screen (``ExplorerScreen._load_forms``), and the action keys, the palette and the
read-only refusal call it on first use, whichever comes first."""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

#: Categories that register at least one action (checked against the registry by a test).
CATEGORIES_WITH_ACTIONS = frozenset({
    "servers", "images", "shared_storages", "firewall_policies", "load_balancers",
    "public_ips", "private_networks", "monitoring_policies", "users", "roles", "vpns",
    "block_storages", "ssh_keys",
})


def registry() -> ModuleType:
    from . import registry as module

    module.load()
    return module


def loaded() -> bool:
    module = sys.modules.get(f"{__package__}.registry")
    return bool(module is not None and module._loaded)


def read_only(app: Any) -> bool:
    connection = getattr(app, "connection", None)
    return bool(getattr(connection, "read_only", False) or getattr(
        getattr(app, "client", None), "read_only", False))
