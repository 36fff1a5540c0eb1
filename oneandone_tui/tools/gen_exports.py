"""Write the lists type checkers need, from the one declaration of each kind.

The client resolves its names lazily (``__getattr__``: importing ``oneandone_tui.api`` costs
almost nothing, and the TUI's first frame needs only the servers), so a type checker, which
does not run that code, must be shown each name by a static import under ``TYPE_CHECKING``, a
literal ``_MODULES`` map and a literal ``__all__``. Those lists are *generated* here, never
kept by hand, from:

* ``api/resources/facades.py``'s :class:`Facades` annotations (``servers: Servers``): the one
  declaration of the client's categories. The module of each class is found by reading the
  category modules of ``api/resources/``.
* each request-object module's own ``__all__`` (``api/models/servers.py``...).

    python -m oneandone_tui.tools.gen_exports           # rewrite the stale blocks
    python -m oneandone_tui.tools.gen_exports --check   # exit 1, naming them, if any is stale

Each block sits between ``# <generated: NAME> ...`` and ``# </generated: NAME>`` lines in its
file; everything outside them is left alone. The generator reads the sources as text
(``ast``), never imports them: it works while the blocks are stale, which is when it is
needed. ``tests/test_category_lists.py`` fails while a block is stale.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

#: The package directory (``oneandone_tui/``).
PACKAGE = Path(__file__).resolve().parents[1]
COMMAND = "python -m oneandone_tui.tools.gen_exports"
WIDTH = 100

#: What ``api/__init__.py`` re-exports besides the request objects (no category among them):
#: ``"*"`` is the module's whole ``__all__``, ``"classes"`` its CamelCase names (the errors,
#: without the helper functions), a tuple names them.
API_EXPORTS: dict[str, str | tuple[str, ...]] = {
    "client": "*",
    "errors": "classes",
    "paging": ("ListQuery",),
    "retry": ("RetryPolicy",),
    "waiting": ("StateReader", "WaitPolicy"),
}
#: Names ``api/models/__init__.py`` defines itself (imported from ``_base``), and which of
#: them ``api/__init__.py`` re-exports.
MODELS_OWN = ("Checker", "RequestObject")
API_MODELS_OWN = ("RequestObject",)
#: Names ``api/resources/__init__.py`` defines or imports outside the generated block.
RESOURCES_OWN = ("RESOURCES", "Endpoint", "Facades", "ListableResource", "ManagedResource",
                 "Resource", "endpoint")

LAZY_COMMENT = "# for type checkers; at run time __getattr__ imports on first use"


class GenerationError(Exception):
    """A declaration the generator cannot follow (a facade class no module defines...)."""


# -- reading the declarations ---------------------------------------------------------------------
def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def _literal_all(path: Path) -> list[str]:
    for node in _parse(path).body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            value = ast.literal_eval(node.value)
            return [str(v) for v in value]
    raise GenerationError(f"{path}: no literal __all__ (list the module's public names)")


def facades(package: Path) -> list[tuple[str, str]]:
    """``(client attribute, category class)`` in the order of :class:`Facades`."""
    path = package / "api" / "resources" / "facades.py"
    for node in _parse(path).body:
        if isinstance(node, ast.ClassDef) and node.name == "Facades":
            return [(stmt.target.id, ast.unparse(stmt.annotation)) for stmt in node.body
                    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)]
    raise GenerationError(f"{path}: no class Facades")


def resource_modules(package: Path) -> dict[str, str]:
    """Category class -> the module of ``api/resources/`` defining it."""
    found: dict[str, str] = {}
    for path in sorted((package / "api" / "resources").glob("*.py")):
        if path.stem.startswith("_") or path.stem == "facades":
            continue
        for node in _parse(path).body:
            if isinstance(node, ast.ClassDef):
                found.setdefault(node.name, path.stem)
    return found


def facade_modules(package: Path) -> dict[str, str]:
    """Each facade class -> its module, in the order of :class:`Facades`."""
    where = resource_modules(package)
    out: dict[str, str] = {}
    for attr, cls in facades(package):
        if cls not in where:
            raise GenerationError(
                f"api/resources/facades.py declares {attr}: {cls}, but no module of "
                f"api/resources/ defines class {cls}")
        out[cls] = where[cls]
    return out


def _classes(names: Iterable[str]) -> list[str]:
    """The CamelCase names (classes) among ``names``: not the constants, not the functions."""
    return [n for n in names if n[:1].isupper() and not n.isupper()]


def model_modules(package: Path) -> dict[str, list[str]]:
    """Request-object module -> the request objects (the classes) of its ``__all__``."""
    return {path.stem: _classes(_literal_all(path))
            for path in sorted((package / "api" / "models").glob("*.py"))
            if not path.stem.startswith("_")}


# -- rendering ------------------------------------------------------------------------------------
def _type_rank(name: str) -> tuple[int, str, str]:
    """isort's order by type (constants, classes, the rest), case-insensitive within each."""
    if name.isupper() and len(name) > 1:
        rank = 0
    elif name[:1].isupper():
        rank = 1
    else:
        rank = 2
    return rank, name.lower(), name


def ordered(names: Iterable[str]) -> list[str]:
    return sorted(set(names), key=_type_rank)


def import_from(module: str, names: Iterable[str], indent: str = "    ") -> list[str]:
    names = ordered(names)
    line = f"{indent}from {module} import {', '.join(names)}"
    if len(line) <= WIDTH:
        return [line]
    return [f"{indent}from {module} import (", *(f"{indent}    {n}," for n in names),
            f"{indent})"]


def type_checking_imports(by_module: Mapping[str, Iterable[str]]) -> list[str]:
    lines = [f"if TYPE_CHECKING:  {LAZY_COMMENT}"]
    for module in sorted(by_module):
        lines += import_from(module, by_module[module])
    return lines


def packed(items: Sequence[str], indent: str) -> list[str]:
    """``items`` (already quoted), each followed by a comma, filled into lines of at most
    :data:`WIDTH`."""
    lines: list[str] = []
    line = ""
    for item in items:
        if line and len(f"{indent}{line} {item},") > WIDTH:
            lines.append(indent + line)
            line = ""
        line = f"{line} {item}," if line else f"{item},"
    if line:
        lines.append(indent + line)
    return lines


def all_list(names: Iterable[str]) -> list[str]:
    return ["__all__ = [", *(f'    "{n}",' for n in ordered(names)), "]"]


def _by_module(where: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, module in where.items():
        out.setdefault(module, []).append(name)
    return out


# -- the blocks -----------------------------------------------------------------------------------
def models_block(package: Path) -> list[str]:
    modules = model_modules(package)
    where = {name: module for module, names in modules.items() for name in names}
    return [
        *type_checking_imports({f".{m}": names for m, names in modules.items()}),
        "",
        "#: Request object -> the module defining it. Imported on first use: the start-up of "
        "the TUI",
        "#: lists servers long before it builds a request object.",
        "_MODULES: dict[str, str] = {",
        *(f'    "{name}": "{where[name]}",' for name in ordered(where)),
        "}",
        "",
        *all_list([*where, *MODELS_OWN]),
    ]


def api_exports(package: Path) -> dict[str, list[str]]:
    """``api/__init__.py``'s submodule -> the names it re-exports from it."""
    api = package / "api"
    out: dict[str, list[str]] = {}
    for module, spec in API_EXPORTS.items():
        if spec == "*":
            out[f".{module}"] = _literal_all(api / f"{module}.py")
        elif spec == "classes":
            out[f".{module}"] = _classes(_literal_all(api / f"{module}.py"))
        else:
            out[f".{module}"] = list(spec)
    models = [n for names in model_modules(package).values() for n in names]
    out[".models"] = [*models, *API_MODELS_OWN]
    return {m: ordered(names) for m, names in sorted(out.items())}


def api_block(package: Path) -> list[str]:
    exports = api_exports(package)
    lines = [*type_checking_imports(exports), "", "#: Submodule -> the public names it defines.",
             "_MODULES: dict[str, tuple[str, ...]] = {"]
    for module, names in exports.items():
        quoted = [f'"{n}"' for n in names]
        one_line = f'    "{module}": ({", ".join(quoted)}{"," if len(quoted) == 1 else ""}),'
        if len(one_line) <= WIDTH:
            lines.append(one_line)
        else:
            lines += [f'    "{module}": (', *packed(quoted, "        "), "    ),"]
    lines += ["}", "", *all_list(n for names in exports.values() for n in names)]
    return lines


def resources_block(package: Path) -> list[str]:
    where = facade_modules(package)
    return [
        *type_checking_imports({f".{m}": names for m, names in _by_module(where).items()}),
        "",
        "#: Category class -> the module defining it.",
        "_MODULES: dict[str, str] = {",
        *(f'    "{cls}": "{where[cls]}",' for cls in ordered(where)),
        "}",
        "",
        *all_list([*where, *RESOURCES_OWN]),
    ]


def facade_imports_block(package: Path) -> list[str]:
    where = facade_modules(package)
    return ["if TYPE_CHECKING:",
            *(line for m, names in sorted(_by_module(where).items())
              for line in import_from(f".{m}", names))]


def protocol_imports_block(package: Path) -> list[str]:
    return ["if TYPE_CHECKING:", *import_from("..api.resources", facade_modules(package))]


def protocol_facades_block(package: Path) -> list[str]:
    return [f"{attr}: {cls}" for attr, cls in facades(package)]


@dataclass(frozen=True)
class Block:
    path: str
    name: str
    render: Callable[[Path], list[str]]


BLOCKS = (
    Block("api/__init__.py", "exports", api_block),
    Block("api/models/__init__.py", "exports", models_block),
    Block("api/resources/__init__.py", "exports", resources_block),
    Block("api/resources/facades.py", "imports", facade_imports_block),
    Block("ui/client_protocol.py", "facade-imports", protocol_imports_block),
    Block("ui/client_protocol.py", "facades", protocol_facades_block),
)


# -- rewriting ------------------------------------------------------------------------------------
def begin_marker(name: str) -> str:
    return f"# <generated: {name}> by `{COMMAND}`; do not edit"


def end_marker(name: str) -> str:
    return f"# </generated: {name}>"


def replace_block(text: str, name: str, body: Sequence[str], where: str = "") -> str:
    """``text`` with the lines between ``name``'s markers replaced by ``body`` (indented as
    the opening marker is)."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.strip() == begin_marker(name)]
    ends = [i for i, line in enumerate(lines) if line.strip() == end_marker(name)]
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        raise GenerationError(f"{where}: expected one '{begin_marker(name)}' line and one "
                              f"'{end_marker(name)}' after it")
    start, end = starts[0], ends[0]
    indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
    new = [indent + line if line else "" for line in body]
    return "\n".join([*lines[: start + 1], *new, *lines[end:]])


def run(package: Path = PACKAGE, write: bool = True) -> list[str]:
    """Bring every block up to date (or only compare, ``write=False``). Returns the stale
    blocks as ``path [name]``."""
    texts: dict[str, str] = {}
    stale: list[str] = []
    for block in BLOCKS:
        path = package / block.path
        before = texts.get(block.path, path.read_text())
        after = replace_block(before, block.name, block.render(package), block.path)
        texts[block.path] = after
        if after != before:
            stale.append(f"oneandone_tui/{block.path} [{block.name}]")
    if write:
        for rel, text in texts.items():
            path = package / rel
            if path.read_text() != text:
                path.write_text(text)
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if a generated block is stale")
    args = parser.parse_args(argv)
    try:
        stale = run(write=not args.check)
    except GenerationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.check:
        for block in stale:
            print(f"stale: {block} (run `{COMMAND}`)")
        return 1 if stale else 0
    for block in stale:
        print(f"rewrote {block}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
