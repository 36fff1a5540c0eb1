"""What the screens need to know about actions before the forms are imported.

The forms (and the client's request objects they build) cost tens of milliseconds to import;
the first frame does not wait for them. Screens ask this module, which answers from the
catalogue (each category names its form modules, ``Category.forms``) until :func:`registry` has
been called: the explorer calls it on a timer once its first
rows are on screen (``ExplorerScreen._load_forms``), and the action keys, the palette and the
read-only refusal call it on first use, whichever comes first."""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

from ...catalogue import CATEGORIES

#: Categories that register at least one action: those the catalogue gives form modules
#: (``Category.forms``; a test checks the registry agrees once the forms are loaded).
CATEGORIES_WITH_ACTIONS = frozenset(cat.key for cat in CATEGORIES if cat.forms)


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
