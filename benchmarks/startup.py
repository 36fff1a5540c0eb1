"""Target 1: start-up. From process start to the first frame showing the demo account's
servers (``oneandone-tui --demo servers``: the first server's name, ``web-01``, reaching the
terminal) against a minimal Textual app (one Label) from process start to its first frame
(its label's text reaching the terminal).

Both run as real processes on a 120x40 pseudo-terminal (see ``term.py``), with bytecode
cached as for an installed package (``common.child_env``); one warm-up run of each first,
then alternating runs.

Also for context, the CPU time each process has used when its first frame reaches the
terminal (``/proc/<pid>/stat``, in 10 ms ticks): on a machine shared with other work the wall
clock of both contenders stretches with the load, their CPU time much less.

For context, the same start-up at scale over HTTP: ``oneandone-tui servers --api-url ...``
against ``oneandone-tui emulator --servers 10000`` and ``--servers 100`` (both serving at
once), to the first frame showing servers and to the title showing the whole list's count.
"""

from __future__ import annotations

import subprocess
import tempfile

from .apps.label_app import TEXT
from .common import CLI, PYTHON, ROOT, Result, Summary, alternate, child_env, ratio_result
from .term import Term

LABEL_APP = [PYTHON, str(ROOT / "benchmarks" / "apps" / "label_app.py")]
DEMO = [*CLI, "--demo", "servers"]


def first_frame(argv: list[str], marker: str) -> float:
    """Milliseconds from process start to ``marker`` on the terminal."""
    return first_frame_cpu(argv, marker)[0]


def first_frame_cpu(argv: list[str], marker: str) -> tuple[float, float]:
    """(milliseconds from process start to ``marker`` on the terminal, the CPU milliseconds
    the process had used by then)."""
    with Term(argv, env=child_env(), cwd=str(ROOT)) as term:
        seen = term.wait_for(marker, timeout=60)
        return (seen - term.started) * 1000, term.cpu_seconds() * 1000


def _serve(servers: int) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([*CLI, "emulator", "--port", "0", "--servers", str(servers)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env=child_env(), cwd=str(ROOT))
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def over_http(url: str, total: int, home: str) -> tuple[float, float]:
    """(first frame showing servers, whole list shown) in ms, against the emulator at url."""
    env = child_env(ONEANDONE_TOKEN="demo-token", XDG_CONFIG_HOME=home, HOME=home)
    with Term([*CLI, "servers", "--api-url", url], env=env, cwd=str(ROOT)) as term:
        first = term.wait_for("web-01", timeout=60)
        full = term.wait_for(f"({total})", timeout=120)
        return (first - term.started) * 1000, (full - term.started) * 1000


def scale_over_http(reps: int) -> Result:
    small, small_url = _serve(100)
    large, large_url = _serve(10_000)
    try:
        with tempfile.TemporaryDirectory() as home:
            over_http(small_url, 112, home)  # warm-up
            big, little = alternate([lambda: over_http(large_url, 10_012, home),
                                     lambda: over_http(small_url, 112, home)], reps)
    finally:
        for proc in (small, large):
            proc.terminate()
            proc.wait(timeout=10)
    r = ratio_result("startup_http", "1, at scale over HTTP (context)", "emulator --servers 10000",
                     [f for f, _ in big], "--servers 100", [f for f, _ in little], "ms", 1.5,
                     target=False, notes=["start-up to the first frame showing servers; "
                                          "the whole list shown after (median): "
                                          f"{Summary.of([w for _, w in big]).median:.0f} ms "
                                          "at 10,000, "
                                          f"{Summary.of([w for _, w in little]).median:.0f} ms "
                                          "at 100"])
    r.extra = {"whole_list_ms": {"large": Summary.of([w for _, w in big]).__dict__,
                                 "small": Summary.of([w for _, w in little]).__dict__}}
    return r


def run(quick: bool = False) -> list[Result]:
    reps = 4 if quick else 12
    first_frame(LABEL_APP, TEXT)  # warm-up: bytecode cache, page cache
    first_frame(DEMO, "web-01")
    demo, label = alternate([lambda: first_frame_cpu(DEMO, "web-01"),
                             lambda: first_frame_cpu(LABEL_APP, TEXT)], reps)
    demo_cpu, label_cpu = Summary.of([c for _, c in demo]), Summary.of([c for _, c in label])
    r = ratio_result("startup", "1. Start-up to first frame", "demo, servers view",
                     [w for w, _ in demo], "one-Label Textual app", [w for w, _ in label], "ms",
                     1.5, notes=["CPU time until the first frame (median): "
                                 f"{demo_cpu.median:.0f} ms against {label_cpu.median:.0f} ms, "
                                 f"ratio {demo_cpu.median / label_cpu.median:.2f}"])
    r.extra = {"cpu_ms": {"demo": demo_cpu.__dict__, "label": label_cpu.__dict__}}
    return [r, scale_over_http(2 if quick else 5)]
