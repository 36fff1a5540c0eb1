"""Each layer names its categories once; what follows from that one place stays in step.

The declarations (CONTRIBUTING.md, "Adding a category"): the client's facades
(``api/resources/facades.py``) and each request-object module's ``__all__``; the store's
collections (``emulator/store.py``, ``servers = Collection("VM")``); the catalogue
(``catalogue.py``, with each category's tree group and form modules). The lists type checkers
need are generated from them (``python -m oneandone_tui.tools.gen_exports``): these tests fail
while a generated block is stale or the generator misses a new category, and when the
declarations of different layers disagree, saying which file to edit.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

import oneandone_tui.api as api
from oneandone_tui.api import models, resources
from oneandone_tui.api.resources import RESOURCES
from oneandone_tui.api.resources.facades import Facades
from oneandone_tui.catalogue import CATEGORIES, category
from oneandone_tui.emulator import routes, store
from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.tools import gen_exports
from oneandone_tui.ui.client_protocol import UiClient
from oneandone_tui.ui.forms import lazy, registry
from oneandone_tui.ui.tree_source import GROUP_ORDER, GROUPS

PACKAGE = Path(api.__file__).resolve().parents[1]


# -- the generated blocks ---------------------------------------------------------------------
def test_the_generated_blocks_are_current() -> None:
    stale = gen_exports.run(PACKAGE, write=False)
    assert stale == [], f"stale generated blocks {stale}: run `{gen_exports.COMMAND}`"


def _copy_of_the_package(tmp_path: Path) -> Path:
    """The files the generator reads and writes, in a scratch package."""
    package = tmp_path / "oneandone_tui"
    shutil.copytree(PACKAGE / "api", package / "api",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (package / "ui").mkdir()
    shutil.copy(PACKAGE / "ui" / "client_protocol.py", package / "ui" / "client_protocol.py")
    return package


def _declare_test_gadgets(package: Path) -> None:
    """What a person writes for a new category in the client: its module, its request
    objects' module, and its one line in the facades."""
    (package / "api" / "resources" / "test_gadgets.py").write_text(
        "from ._base import ManagedResource\n\n\nclass TestGadgets(ManagedResource):\n"
        "    path = 'test_gadgets'\n")
    (package / "api" / "models" / "test_gadgets.py").write_text(
        "from ._base import RequestObject\n\n__all__ = ['GADGET_TTL', 'TestGadget', 'gadget_of']\n"
        "GADGET_TTL = 60\n\n\nclass TestGadget(RequestObject):\n    pass\n\n\n"
        "def gadget_of(name):\n    return name\n")
    facades = package / "api" / "resources" / "facades.py"
    facades.write_text(facades.read_text().replace(
        "    ssh_keys: SshKeys\n", "    ssh_keys: SshKeys\n    test_gadgets: TestGadgets\n"))


def test_a_new_category_reaches_every_generated_block(tmp_path: Path) -> None:
    package = _copy_of_the_package(tmp_path)
    _declare_test_gadgets(package)

    assert gen_exports.run(package, write=False) == [
        "oneandone_tui/api/__init__.py [exports]",
        "oneandone_tui/api/models/__init__.py [exports]",
        "oneandone_tui/api/resources/__init__.py [exports]",
        "oneandone_tui/api/resources/facades.py [imports]",
        "oneandone_tui/ui/client_protocol.py [facade-imports]",
        "oneandone_tui/ui/client_protocol.py [facades]",
    ]
    gen_exports.run(package)
    assert gen_exports.run(package, write=False) == []

    def read(rel: str) -> str:
        text = (package / rel).read_text()
        ast.parse(text)  # still Python
        return text

    top, models_init = read("api/__init__.py"), read("api/models/__init__.py")
    res_init, facades = read("api/resources/__init__.py"), read("api/resources/facades.py")
    protocol = read("ui/client_protocol.py")
    assert "    from .test_gadgets import TestGadget\n" in models_init
    assert '    "TestGadget": "test_gadgets",\n' in models_init
    assert '    "TestGadget",\n' in models_init
    # Only the request objects (classes) are re-exported: not the constant nor the function.
    assert "GADGET_TTL" not in models_init + top and "gadget_of" not in models_init + top
    assert '"TestGadget"' in top.split("_MODULES")[1] and '    "TestGadget",\n' in top
    assert "TestGadget," in top.split("from .models import")[1].split(")")[0]
    assert "    from .test_gadgets import TestGadgets\n" in res_init
    assert '    "TestGadgets": "test_gadgets",\n' in res_init and '    "TestGadgets",\n' in res_init
    assert "    from .test_gadgets import TestGadgets\n" in facades
    assert "        TestGadgets,\n" in protocol and "    test_gadgets: TestGadgets\n" in protocol
    # Nothing outside the blocks moved.
    assert protocol.count("test_gadgets") == 1 and "def __getattr__" in res_init


def test_a_facade_no_module_defines_is_refused_by_name(tmp_path: Path) -> None:
    package = _copy_of_the_package(tmp_path)
    _declare_test_gadgets(package)
    (package / "api" / "resources" / "test_gadgets.py").unlink()
    with pytest.raises(gen_exports.GenerationError, match=r"test_gadgets: TestGadgets"):
        gen_exports.run(package, write=False)


def test_a_file_without_its_markers_is_refused(tmp_path: Path) -> None:
    package = _copy_of_the_package(tmp_path)
    protocol = package / "ui" / "client_protocol.py"
    protocol.write_text(protocol.read_text().replace("# </generated: facades>", ""))
    with pytest.raises(gen_exports.GenerationError, match=r"client_protocol\.py"):
        gen_exports.run(package)
    assert "# <generated: facades>" in protocol.read_text()  # nothing half-written


# -- what follows at run time ------------------------------------------------------------------
def test_every_facade_resolves_to_its_declared_class() -> None:
    assert list(RESOURCES) == list(Facades.__annotations__)
    for attr, cls in RESOURCES.items():
        assert cls.__name__ == Facades.__annotations__[attr]
        assert getattr(resources, cls.__name__) is cls


def test_the_ui_protocol_declares_every_facade_with_its_class() -> None:
    ui = {k: v for k, v in UiClient.__annotations__.items() if k in Facades.__annotations__}
    assert ui == Facades.__annotations__, \
        f"ui/client_protocol.py UiClient: run `{gen_exports.COMMAND}`"


def test_every_request_object_is_exported_and_resolves() -> None:
    for name in models._MODULES:
        assert getattr(models, name).__name__ == name
        assert getattr(api, name) is getattr(models, name)


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
    assert set(api._WHERE) <= _type_checking_imports(api_dir / "__init__.py")
    assert set(models._MODULES) <= _type_checking_imports(api_dir / "models" / "__init__.py")
    assert set(resources._MODULES) <= _type_checking_imports(
        api_dir / "resources" / "__init__.py")
    assert set(api._WHERE) <= set(api.__all__) and set(models._MODULES) <= set(models.__all__)


# -- the emulator ----------------------------------------------------------------------------------
def test_every_collection_of_the_store_is_an_empty_dict_of_its_own() -> None:
    first, second = store.Store(ManualClock()), store.Store(ManualClock())
    for name, log_type in store.LOG_TYPES.items():
        assert getattr(first, name) == {} and getattr(first, name) is not getattr(second, name)
        assert vars(store.Store)[name].log_type == log_type
    first.servers["x"] = {"id": "x"}
    assert second.servers == {} and store.COLLECTIONS[0] == "servers"


def test_a_collection_logs_under_its_declared_type() -> None:
    s = store.Store(ManualClock())
    record = {"id": "A1", "name": "zone"}
    s.block_storages["A1"] = record
    assert s.log("CREATE", "block_storages", record, None)["type"] == "BLOCKSTORAGE"


def _modules_with(directory: Path, pattern: str) -> set[str]:
    import re

    found = re.compile(pattern, re.M)
    return {p.stem for p in directory.glob("*.py") if found.search(p.read_text())}


def test_every_handler_module_with_routes_is_loaded() -> None:
    with_routes = _modules_with(PACKAGE / "emulator" / "handlers", r"^@route\(")
    assert with_routes <= set(routes.handler_modules())


# -- the UI ----------------------------------------------------------------------------------------
def _registered_keys(path: Path) -> set[str]:
    """The category keys a form module passes to ``register(...)``."""
    return {node.args[0].value for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "register"
            and node.args and isinstance(node.args[0], ast.Constant)}


def test_every_form_module_is_named_by_the_category_it_registers_for() -> None:
    forms = PACKAGE / "ui" / "forms"
    registering = {p.stem: _registered_keys(p) for p in forms.glob("*.py")
                   if p.stem != "registry" and _registered_keys(p)}
    assert set(registering) == set(registry.MODULES), \
        "catalogue.py: name each form module that calls register() in its Category(forms=...)"
    for module, keys in registering.items():
        for key in keys:
            assert module in category(key).forms, \
                f"catalogue.py: Category {key!r} must list forms module {module!r}"
    assert {k for keys in registering.values() for k in keys} == lazy.CATEGORIES_WITH_ACTIONS


def test_every_category_is_in_a_group_of_the_tree() -> None:
    unknown = {c.key: c.group for c in CATEGORIES if c.group not in GROUP_ORDER}
    assert unknown == {}, f"catalogue.py: group= must be one of {GROUP_ORDER}"
    assert sum(len(keys) for _, keys in GROUPS) == len(CATEGORIES)


# -- across the layers -----------------------------------------------------------------------------
def test_the_catalogue_and_the_store_name_what_the_client_and_the_api_have() -> None:
    assert {c.api for c in CATEGORIES} <= set(Facades.__annotations__), \
        "catalogue.py: a Category's api= must be a facade of api/resources/facades.py"
    logged = {t for c in CATEGORIES for t in c.log_types}
    assert logged <= set(store.LOG_TYPES.values()), \
        "catalogue.py log_types must be log types of emulator/store.py's collections"
    assert set(store.LOG_TYPES.values()) <= logged, \
        "emulator/store.py: a collection whose log entries no catalogue category claims"
