"""Target 6: memory. Resident size of ``oneandone-tui --demo --servers 10000 servers`` against
``oneandone-tui --demo servers`` (the default account), each on a 120x40 pseudo-terminal.

Each process is sampled (``/proc/<pid>/statm``) every 0.5 s for a few seconds after its
servers table shows the whole list (the title's count, ``(10012)``, reached the terminal):
the figure is the largest sample, so the in-process emulator's data, the loaded list, the
table's rows and whatever the first refreshes leave behind are all counted. Runs alternate.
"""

from __future__ import annotations

import time

from .common import CLI, ROOT, Result, Summary, alternate, child_env
from .term import Term

BASE = 12


def resident(servers: int, window: float) -> tuple[float, float]:
    """(largest RSS sample in MiB, the process's peak ``VmHWM``) after the list loaded."""
    argv = [*CLI, "--demo", "--servers", str(servers), "servers"]
    with Term(argv, env=child_env(), cwd=str(ROOT)) as term:
        term.wait_for(f"({servers + BASE})", timeout=120)
        samples = []
        end = time.perf_counter() + window
        while time.perf_counter() < end:
            samples.append(term.rss_mb())
            time.sleep(0.5)
        with open(f"/proc/{term.pid}/status") as f:
            hwm = next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmHWM"))
        return max(samples), hwm


def run(quick: bool = False) -> list[Result]:
    reps, window = (2, 3.0) if quick else (4, 8.0)
    large, small = alternate([lambda: resident(10_000, window), lambda: resident(0, window)],
                             reps)
    a = Summary.of([r for r, _ in large])
    b = Summary.of([r for r, _ in small])
    result = Result("memory", "6. Memory: RSS above the default demo", "--servers 10000", a,
                    "default account", b, "MB", a.median - b.median, "<=", 80.0,
                    figure_label="difference (MB)",
                    extra={"peak_large_mb": Summary.of([h for _, h in large]).__dict__,
                           "peak_small_mb": Summary.of([h for _, h in small]).__dict__})
    return [result]
