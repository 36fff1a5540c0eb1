"""The real CLI with timestamps: where its start-up goes (``benchmarks/startup_phases.py``).

Run as ``python startup_probe.py OUT.json [CLI arguments...]`` on a pseudo-terminal. It runs
``oneandone_tui.cli.main`` unchanged; import hooks wrap a few functions of the start path as
their modules load (nothing is imported earlier than the program imports it), mark when each
is entered and left, and stop the program at the first write to the terminal that holds the
first server's name (``web-01``), as ``startup.py`` sees it from outside. With
``PROBE_IMPORTS=1`` every module's execution is timed too (its own time, without the modules it
imports; ``-X importtime`` misses modules loaded through ``importlib.import_module``, as the
lazy facades and the emulator's routes are). The marks, the CPU time at that frame and the
import times go to OUT.json.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import functools  # noqa: E402 - after T0: the probe's own imports are timed as start-up
import importlib.abc  # noqa: E402
import importlib.util  # noqa: E402
import inspect  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

MARKER = "web-01"
marks: dict[str, float] = {}
imports: list[tuple[str, float]] = []

#: module -> functions marked on entry (``>``) and exit (``<``).
WRAP = {
    "oneandone_tui.launch": ["demo_client", "make_app", "run_app"],
    "oneandone_tui.ui.app": ["OneAndOneApp.on_mount", "OneAndOneApp._prefetch",
                             "OneAndOneApp._explore"],
    "oneandone_tui.emulator.core": ["Emulator.__init__"],
    "oneandone_tui.ui.screens.explorer": ["ExplorerScreen.on_mount"],
}


def now_ms() -> float:
    return round((time.perf_counter() - T0) * 1000, 2)


def mark(name: str) -> None:
    marks.setdefault(name, now_ms())


def _wrap(owner: Any, attr: str, label: str) -> None:
    fn = getattr(owner, attr)
    if inspect.iscoroutinefunction(fn):
        @functools.wraps(fn)
        async def wrapper(*a: Any, **k: Any) -> Any:
            mark(label + ">")
            try:
                return await fn(*a, **k)
            finally:
                mark(label + "<")
    else:
        @functools.wraps(fn)
        def wrapper(*a: Any, **k: Any) -> Any:
            mark(label + ">")
            try:
                return fn(*a, **k)
            finally:
                mark(label + "<")
    setattr(owner, attr, wrapper)


def _watch_terminal(module: Any) -> None:
    write = module.LinuxDriver.write

    def watched(self: Any, data: str) -> None:
        write(self, data)
        if MARKER in data and "first_frame" not in marks:
            mark("first_frame")
            marks["cpu_ms"] = round(time.process_time() * 1000, 2)
            self._app.exit()

    module.LinuxDriver.write = watched


class Hooks(importlib.abc.MetaPathFinder):
    """Wraps the functions of ``WRAP`` (and the terminal driver's ``write``) as their modules
    are executed; finds nothing itself."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name not in WRAP and name != "textual.drivers.linux_driver":
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module: Any) -> None:
            mark(f"import {name}>")
            run(module)
            mark(f"import {name}<")
            for dotted in WRAP.get(name, []):
                *path_, attr = dotted.split(".")
                owner = module
                for part in path_:
                    owner = getattr(owner, part)
                _wrap(owner, attr, dotted)
            if name == "textual.drivers.linux_driver":
                _watch_terminal(module)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _time_imports() -> None:
    """Every source module's execution, less that of the modules it imports."""
    from importlib import _bootstrap_external as bootstrap  # type: ignore[attr-defined]

    run = bootstrap._LoaderBasics.exec_module
    stack: list[float] = []

    def exec_module(self: Any, module: Any) -> None:
        started = time.perf_counter()
        stack.append(0.0)
        try:
            run(self, module)
        finally:
            children = stack.pop()
            took = time.perf_counter() - started
            if stack:
                stack[-1] += took
            imports.append((module.__name__, round((took - children) * 1000, 3)))

    bootstrap._LoaderBasics.exec_module = exec_module


def main() -> None:
    out = sys.argv[1]
    sys.argv = ["oneandone-tui", *sys.argv[2:]]
    sys.meta_path.insert(0, Hooks())
    if os.environ.get("PROBE_IMPORTS"):
        _time_imports()
    mark("probe")
    from oneandone_tui import cli

    try:
        cli.main(sys.argv[1:])
    finally:
        with open(out, "w", encoding="utf-8") as fh:
            json.dump({"marks": marks, "imports": imports}, fh)


if __name__ == "__main__":
    main()
