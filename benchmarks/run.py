"""``python -m benchmarks [--quick] [--only a,b] [--json PATH]``: run the benchmarks, print a
table of medians with min and max, write every figure as JSON.

Each benchmark compares two things in the same run (alternating, several repetitions) so its
figure, a ratio, holds on a noisy machine. Exit status 0 when every target is met, 1 if not.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

from .common import ROOT, Result

#: name -> module (each has ``run(quick) -> list[Result]``), in the order of the issue.
BENCHMARKS = {
    "startup": "benchmarks.startup",
    "table": "benchmarks.table",
    "waiting": "benchmarks.waiting",
    "loading": "benchmarks.loading",
    "memory": "benchmarks.memory",
    "idle": "benchmarks.idle",
    "dashboard": "benchmarks.dashboard",
    "tree": "benchmarks.tree",
}
#: Cheap enough for the smoke test (a few seconds each in quick mode).
CHEAP = ("waiting", "loading")
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "latest.json"


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f
                        if line.startswith("model name")), cpu)
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            mem = int(f.readline().split()[1]) // 1024
    except OSError:
        mem = 0
    import textual

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_mb": mem,
            "python": platform.python_version(), "os": platform.platform(terse=True),
            "textual": getattr(textual, "__version__", "?")}


def table(results: list[Result]) -> str:
    rows = [("Target", "Measured (median [min–max])", "Reference (median [min–max])",
             "Figure", "Limit", "Met")]
    for r in results:
        a = f"{r.a_label}: {r.a.text(r.unit)} {r.unit}"
        b = f"{r.b_label}: {r.b.text(r.unit)} {r.unit}" if r.b is not None else "–"
        met = ("yes" if r.met else "NO") if r.target else "(context)"
        rows.append((r.title, a, b, f"{r.figure_label} {_num(r.figure)}",
                     f"{r.op} {_num(r.limit)}", met))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    notes = [f"  {r.key}: {n}" for r in results for n in r.notes]
    return "\n".join(lines + (["", "Notes:", *notes] if notes else []))


def _num(v: float) -> str:
    if abs(v) < 0.1 and v:
        return f"{v:.3f} (1/{1 / v:.0f})" if v > 0 else f"{v:.3f}"
    return f"{v:.2f}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true",
                   help="short durations, fewer repetitions (a smoke run, not figures)")
    p.add_argument("--only", help=f"comma-separated subset of: {', '.join(BENCHMARKS)}")
    p.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write the figures")
    args = p.parse_args(argv)
    names = list(BENCHMARKS) if not args.only else [n.strip() for n in args.only.split(",")]
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        p.error(f"unknown benchmark(s): {', '.join(unknown)}")
    results: list[Result] = []
    timings: dict[str, float] = {}
    for name in names:
        print(f"running {name}{' (quick)' if args.quick else ''}…", file=sys.stderr, flush=True)
        started = time.perf_counter()
        results += importlib.import_module(BENCHMARKS[name]).run(quick=args.quick)
        timings[name] = round(time.perf_counter() - started, 1)
    print(table(results))
    report = {"command": "python -m benchmarks" + (" --quick" if args.quick else "")
              + (f" --only {args.only}" if args.only else ""),
              "date": time.strftime("%Y-%m-%d %H:%M:%S %z"), "machine": machine(),
              "seconds": timings, "results": [r.as_dict() for r in results]}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, default=str) + "\n")
    print(f"\nfigures written to {args.json}", file=sys.stderr)
    return 0 if all(r.met for r in results if r.target) else 1
