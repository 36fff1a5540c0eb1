"""What every benchmark shares: samples and their summary, results against a target, the
environment child processes run in, and alternating two contenders."""

from __future__ import annotations

import os
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
#: The installed CLI next to this interpreter (``pip install -e .``), else ``python -m``.
_SCRIPT = Path(PYTHON).with_name("oneandone-tui")
CLI: list[str] = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-m", "oneandone_tui"]
PYCACHE = Path(os.environ.get("BENCH_PYCACHE", "/tmp/oneandone-tui-bench-pycache"))


def child_env(**extra: str) -> dict[str, str]:
    """The environment of measured child processes: the user's, with bytecode caching on.

    An installed package runs from compiled bytecode; with ``PYTHONDONTWRITEBYTECODE`` set (as
    in some sandboxes) every module would be compiled from source on every start, which is not
    what a user sees. Bytecode goes to a private cache directory (``PYTHONPYCACHEPREFIX``),
    not into the source tree, and a warm-up run fills it before anything is timed.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",
                                                              "NO_COLOR", "TEXTUAL")}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env.update(extra)
    return env


@dataclass
class Summary:
    median: float
    min: float
    max: float
    n: int

    @classmethod
    def of(cls, samples: Sequence[float]) -> Summary:
        return cls(statistics.median(samples), min(samples), max(samples), len(samples))

    def text(self, unit: str) -> str:
        f = _fmt(unit)
        return f"{f(self.median)} [{f(self.min)}–{f(self.max)}]"


def _fmt(unit: str) -> Callable[[float], str]:
    if unit == "ms":
        return lambda v: f"{v:.1f}" if v < 100 else f"{v:.0f}"
    digits = {"MB": 1, "%": 2, "req/min": 1, "requests": 0}.get(unit)
    if digits is not None:
        return lambda v: f"{v:.{digits}f}"
    return lambda v: f"{v:.3g}"


@dataclass
class Result:
    """One target: contender ``a`` against reference ``b``; ``figure`` (usually a ratio of
    medians) is compared with ``limit`` by ``op``."""

    key: str
    title: str
    a_label: str
    a: Summary
    b_label: str
    b: Summary | None
    unit: str
    figure: float
    op: str
    limit: float
    figure_label: str = "ratio"
    notes: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    #: Further conditions of the target (e.g. "sees each change no later"), all must hold.
    conditions: dict[str, bool] = field(default_factory=dict)
    #: False for a figure shown for context, not one of the issue's targets.
    target: bool = True

    @property
    def met(self) -> bool:
        ok = self.figure <= self.limit if self.op == "<=" else self.figure >= self.limit
        return ok and all(self.conditions.values())

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["met"] = self.met
        return out


def ratio_result(key: str, title: str, a_label: str, a: Sequence[float], b_label: str,
                 b: Sequence[float], unit: str, limit: float, op: str = "<=",
                 **kw: Any) -> Result:
    sa, sb = Summary.of(a), Summary.of(b)
    return Result(key, title, a_label, sa, b_label, sb, unit, sa.median / sb.median, op, limit,
                  **kw)


def alternate(contenders: Sequence[Callable[[], Any]], reps: int) -> list[list[Any]]:
    """Run each contender ``reps`` times, interleaved (a b a b ...): slow drift of a noisy
    machine then touches both alike. Returns one list of results per contender."""
    out: list[list[Any]] = [[] for _ in contenders]
    for _ in range(reps):
        for i, run in enumerate(contenders):
            out[i].append(run())
    return out
