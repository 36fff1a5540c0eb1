"""Where start-up goes: the phases of ``oneandone-tui --demo servers`` up to the first frame
showing the servers, and (``--imports``) the time spent executing each group of modules.

Not a benchmark with a target (``startup.py`` is): a breakdown to read. Each run is the real
CLI on a 120x40 pseudo-terminal (``apps/startup_probe.py`` marks the start path from inside);
the table gives the median and the minimum of each phase over the runs (the minimum is the
least disturbed by other work on a shared machine), and the CPU time the process had used at
that frame.

    .venv/bin/python -m benchmarks.startup_phases            # 8 runs
    .venv/bin/python -m benchmarks.startup_phases -n 12 --imports
    ONEANDONE_TOKEN=tok .venv/bin/python -m benchmarks.startup_phases \\
        --args "servers --api-url http://127.0.0.1:8765/v1"  # against `oneandone-tui emulator`
"""

from __future__ import annotations

import argparse
import json
import shlex
import statistics
import tempfile
from collections import defaultdict
from pathlib import Path

from .common import PYTHON, ROOT, child_env
from .term import Term

PROBE = ROOT / "benchmarks" / "apps" / "startup_probe.py"

#: (phase, from mark, to mark); None: the process's start, seen from outside.
PHASES = [
    ("interpreter start (site, the probe)", None, "probe"),
    ("imports before the client (the CLI, Textual, the status bar)", "probe", "demo_client>"),
    ("the client and the emulator: imports, seed", "demo_client>", "demo_client<"),
    ("  of which Emulator() (its routes' imports, the seed)", "Emulator.__init__>",
     "Emulator.__init__<"),
    ("the app: ui/app.py and textual.app imported, App()", "make_app>", "make_app<"),
    ("run until the app's on_mount (driver, app CSS)", "run_app>", "OneAndOneApp.on_mount>"),
    ("the first page (the request, the emulator's answer)", "OneAndOneApp._prefetch>",
     "OneAndOneApp._prefetch<"),
    ("until the explorer is pushed (Textual's start-up batch ends)",
     "OneAndOneApp._prefetch<", "OneAndOneApp._explore>"),
    ("the explorer imported and pushed", "OneAndOneApp._explore>", "OneAndOneApp._explore<"),
    ("its widgets composed, styled, mounted", "OneAndOneApp._explore<",
     "ExplorerScreen.on_mount>"),
    ("its on_mount (rows, tree, status line)", "ExplorerScreen.on_mount>",
     "ExplorerScreen.on_mount<"),
    ("layout, render, written to the terminal", "ExplorerScreen.on_mount<", "first_frame"),
]


def run_once(args: list[str], imports: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "probe.json"
        env = child_env(**({"PROBE_IMPORTS": "1"} if imports else {}))
        with Term([PYTHON, str(PROBE), str(out), *args], env=env, cwd=str(ROOT)) as term:
            seen = (term.wait_for("web-01", timeout=60) - term.started) * 1000
            term.proc.wait(timeout=30)
        report = json.loads(out.read_text())
    report["outside_ms"] = seen
    return report


def group(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "oneandone_tui":
        return ".".join(parts[:2]) if len(parts) > 1 else parts[0]
    return parts[0]


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.startup_phases")
    p.add_argument("-n", type=int, default=8, help="runs (default 8)")
    p.add_argument("--imports", action="store_true", help="also time every module")
    p.add_argument("--args", default="--demo servers", help="the CLI's arguments")
    opts = p.parse_args(argv)
    args = shlex.split(opts.args)
    run_once(args, False)  # warm-up: bytecode cache, page cache
    runs = [run_once(args, opts.imports) for _ in range(opts.n)]
    print(f"oneandone-tui {opts.args}: {opts.n} runs, ms (median / min)")
    for name, start, end in PHASES:
        values = []
        for r in runs:
            m = r["marks"]
            if end not in m or (start is not None and start not in m):
                continue
            values.append(r["outside_ms"] - m["first_frame"] + m[end] if start is None
                          else m[end] - m[start])
        if values:
            print(f"  {name:62s} {statistics.median(values):6.1f} {min(values):6.1f}")
    for label, key in (("first frame showing servers, from process start", None),
                       ("CPU time used by then", "cpu_ms")):
        values = [r["outside_ms"] if key is None else r["marks"][key] for r in runs]
        print(f"{label:64s} {statistics.median(values):6.1f} {min(values):6.1f}")
    if opts.imports:
        groups: dict[str, list[float]] = defaultdict(list)
        for r in runs:
            per: dict[str, float] = defaultdict(float)
            for module, own in r["imports"]:
                per[group(module)] += own
            for g, ms in per.items():
                groups[g].append(ms)
        print("module execution by package, ms (min over the runs; own time, each module "
              "without those it imports)")
        for g, values in sorted(groups.items(), key=lambda kv: -min(kv[1]))[:25]:
            print(f"  {g:40s} {min(values):6.1f}")


if __name__ == "__main__":
    main()
