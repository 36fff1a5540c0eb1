"""The lists that name the categories agree with each other.

A category is still named in a few hand-kept lists (CONTRIBUTING.md, "Adding a category"):
the client's facades, the lazy imports of each package, the emulator's handler modules and
store collections, the form modules. Forgetting one would show up late (a facade that cannot be
built, a route that answers 404, a form that never registers); these tests fail at once and say
which list to edit.
"""

from __future__ import annotations

import re
from pathlib import Path

import oneandone_tui.api as api
from oneandone_tui.api import models, resources
from oneandone_tui.api.resources import RESOURCES
from oneandone_tui.api.resources.facades import Facades
from oneandone_tui.emulator import routes, store
from oneandone_tui.ui.client_protocol import UiClient
from oneandone_tui.ui.forms import lazy, registry

PACKAGE = Path(api.__file__).resolve().parents[1]


def test_every_facade_class_is_importable_by_name() -> None:
    declared = set(Facades.__annotations__.values())
    assert declared == set(resources._MODULES), \
        "api/resources/__init__.py _MODULES must name the module of every class in facades.py"
    assert declared <= set(resources.__all__), "api/resources/__init__.py __all__"
    for attr, cls in RESOURCES.items():
        assert cls.__name__ == Facades.__annotations__[attr]


def test_the_ui_protocol_declares_every_facade_with_its_class() -> None:
    classes = set(Facades.__annotations__.values())
    ui = {k: v for k, v in UiClient.__annotations__.items()
          if k in Facades.__annotations__ or v in classes}
    assert ui == Facades.__annotations__, \
        "ui/client_protocol.py UiClient must declare the same facades as facades.py"


def test_every_request_object_is_exported_once_everywhere() -> None:
    names = set(models._MODULES)
    assert set(models.__all__) == names | {"Checker", "RequestObject"}, \
        "api/models/__init__.py: _MODULES and __all__ differ"
    assert set(api._MODULES[".models"]) == names | {"RequestObject"}, \
        "api/__init__.py: _MODULES['.models'] must list every request object"
    for name in names:
        assert getattr(models, name).__name__ == name


def test_every_store_collection_has_a_log_type() -> None:
    assert set(store.COLLECTIONS) == set(store.LOG_TYPES), "emulator/store.py LOG_TYPES"


def _modules_with(directory: Path, pattern: str) -> set[str]:
    found = re.compile(pattern, re.M)
    return {p.stem for p in directory.glob("*.py") if found.search(p.read_text())}


def test_every_handler_module_with_routes_is_loaded() -> None:
    with_routes = _modules_with(PACKAGE / "emulator" / "handlers", r"^@route\(")
    assert with_routes == set(routes.HANDLER_MODULES), \
        "emulator/routes.py HANDLER_MODULES must list every handler module with @route"


def test_every_form_module_that_registers_actions_is_loaded() -> None:
    registering = _modules_with(PACKAGE / "ui" / "forms", r"^register\(")
    assert registering == set(registry.MODULES), \
        "ui/forms/registry.py MODULES must list every form module that calls register()"
    assert set(RESOURCES) >= lazy.CATEGORIES_WITH_ACTIONS
