"""The lists that name the categories agree with each other.

A category is still named in a few hand-kept lists (CONTRIBUTING.md, "Adding a category"):
the client's facades, the lazy imports of each package, the store's collections, the form
modules. Forgetting one would show up late (a facade that cannot be
built, a route that answers 404, a form that never registers); these tests fail at once and say
which list to edit.
"""

from __future__ import annotations

import ast
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


def _type_checking_imports(path: Path) -> set[str]:
    """The names a module imports under ``if TYPE_CHECKING:`` (what type checkers see of its
    lazily resolved names)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for stmt in node.body:
                if isinstance(stmt, ast.ImportFrom):
                    names |= {alias.asname or alias.name for alias in stmt.names}
    return names


def test_type_checkers_see_every_lazily_resolved_name() -> None:
    api_dir = PACKAGE / "api"
    assert set(api._WHERE) <= _type_checking_imports(api_dir / "__init__.py"), \
        "api/__init__.py: import every name of _MODULES under TYPE_CHECKING"
    assert set(models._MODULES) <= _type_checking_imports(api_dir / "models" / "__init__.py"), \
        "api/models/__init__.py: import every name of _MODULES under TYPE_CHECKING"
    assert set(resources._MODULES) <= _type_checking_imports(
        api_dir / "resources" / "__init__.py"), \
        "api/resources/__init__.py: import every name of _MODULES under TYPE_CHECKING"


def test_every_store_collection_is_typed_on_the_store() -> None:
    declared = set(re.findall(r"^        self\.(\w+): dict\[str, Record\]$",
                              (PACKAGE / "emulator" / "store.py").read_text(), re.M))
    assert set(store.COLLECTIONS) <= declared, \
        "emulator/store.py: annotate each collection of LOG_TYPES in Store.__init__"


def _modules_with(directory: Path, pattern: str) -> set[str]:
    found = re.compile(pattern, re.M)
    return {p.stem for p in directory.glob("*.py") if found.search(p.read_text())}


def test_every_handler_module_with_routes_is_loaded() -> None:
    with_routes = _modules_with(PACKAGE / "emulator" / "handlers", r"^@route\(")
    assert with_routes <= set(routes.handler_modules())


def test_every_form_module_that_registers_actions_is_loaded() -> None:
    registering = _modules_with(PACKAGE / "ui" / "forms", r"^register\(")
    assert registering == set(registry.MODULES), \
        "ui/forms/registry.py MODULES must list every form module that calls register()"
    assert set(RESOURCES) >= lazy.CATEGORIES_WITH_ACTIONS
