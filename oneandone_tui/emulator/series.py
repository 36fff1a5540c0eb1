"""Synthetic monitoring series: realistic-looking and fully deterministic.

Every value is a pure function of ``(seed, machine id, metric, absolute time)``: hash-seeded
smooth noise (value noise with smoothstep interpolation) on a few time scales, plus a daily
cycle whose peak hour differs per machine. Nothing is stored, so the same request always gives
the same data, a later request shows the same values for the timestamps both cover, and a
different seed gives a different account.

Buckets are aligned to multiples of their size in Unix time, so a bucket's value does not depend
on when it was asked for; a bucket's value is the mean of a few samples inside it.

Units (what the monitoring center renders): cpu/ram/disk in percent; transfer in bits per
second (``unit`` ``bps``, as in ``get-usage.json``; integers, as Go's ``transferData`` decodes
them), with thresholds compared against the *total* in Kbps, like the status text
``"... 0 Kbps received: 0 Kbps transmitted:"``; internal ping as packet loss ``pl`` (integer
percent) and round-trip time ``rta`` (ms), thresholds compared against ``rta``.

While a machine is off, cpu/ram/transfer are 0 and ping reads ``pl`` 100 / ``rta`` 0 (as
``get-usage.json`` shows); disk usage is a property of the disk and keeps its value.

No Textual, no store: plain functions the emulator's handlers (and anyone else) can call.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

MASK64 = (1 << 64) - 1
DAY = 86400.0

#: Bucket size (seconds) of each fixed period: 12, 96, 168, 180 and 365 points.
BUCKETS: dict[str, int] = {
    "LAST_HOUR": 300,
    "LAST_24H": 900,
    "LAST_7D": 3600,
    "LAST_30D": 4 * 3600,
    "LAST_365D": 86400,
}
#: Candidate bucket sizes for a CUSTOM window (the smallest that keeps <= MAX_POINTS points).
STEPS = (300, 900, 1800, 3600, 2 * 3600, 4 * 3600, 12 * 3600, 86400)
MAX_POINTS = 400
#: Samples averaged per bucket.
SAMPLES = 4

PERCENT_METRICS = ("cpu", "ram", "disk")
METRICS = (*PERCENT_METRICS, "transfer", "internal_ping")


# -- hashing and noise -----------------------------------------------------------------------
def _mix(x: int) -> int:
    """splitmix64's finaliser: a fast, well-spread 64-bit integer hash."""
    x = (x + 0x9E3779B97F4A7C15) & MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK64
    return x ^ (x >> 31)


@lru_cache(maxsize=1 << 17)
def key_of(seed: int, *parts: str) -> int:
    """A stable 64-bit key for a seed and some names (Python's ``hash`` is salted per run)."""
    text = "|".join((str(seed), *parts)).encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")


def unit(key: int, n: int = 0) -> float:
    """A uniform number in [0, 1) for ``(key, n)``."""
    return _mix(key ^ _mix(n & MASK64)) / 2.0**64


def noise(key: int, t: float, scale: float) -> float:
    """Smooth noise in [-1, 1]: random values at knots every ``scale`` seconds, blended with
    smoothstep, so neighbouring points are related and the curve has no corners."""
    x = t / scale
    i = math.floor(x)
    f = x - i
    s = f * f * (3.0 - 2.0 * f)
    a = unit(key, i) * 2.0 - 1.0
    b = unit(key, i + 1) * 2.0 - 1.0
    return a + (b - a) * s


def daily(t: float, peak_hour: float) -> float:
    """A day-long wave in [-1, 1] that peaks at ``peak_hour`` (UTC)."""
    return math.cos(2.0 * math.pi * ((t % DAY) / DAY - peak_hour / 24.0))


def _clamp(v: float, lo: float, hi: float) -> float:
    return lo if v < lo else hi if v > hi else v


# -- machines ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Machine:
    """What the series of one server depend on.

    ``on`` lists the powered-on intervals (Unix seconds; ``math.inf`` for "still on");
    ``hot`` maps a percent metric to ``(level, since)``: from ``since`` on the metric climbs to
    about ``level`` percent (a server whose alert says "97% used" shows it on its chart)."""

    seed: int
    ident: str
    created: float
    on: tuple[tuple[float, float], ...] = ((-math.inf, math.inf),)
    hot: Mapping[str, tuple[float, float]] = field(default_factory=dict)

    def key(self, *parts: str) -> int:
        return key_of(self.seed, self.ident, *parts)

    def is_on(self, t: float) -> bool:
        return any(a <= t <= b for a, b in self.on)


def _percent(m: Machine, metric: str, t: float) -> float:
    k = m.key(metric)
    peak = 10.0 + 8.0 * unit(k, 1)  # busiest hour between 10:00 and 18:00 UTC
    if metric == "cpu":
        base = 4.0 + 26.0 * unit(k, 0)
        v = (base + (2.0 + 0.6 * base * unit(k, 2)) * daily(t, peak)
             + 0.5 * base * noise(k, t, 6 * 3600) + 5.0 * noise(k ^ 1, t, 1200))
    elif metric == "ram":
        base = 25.0 + 40.0 * unit(k, 0)
        v = base + 4.0 * daily(t, peak) + 6.0 * noise(k, t, 3 * 3600) + 2.0 * noise(k ^ 1, t, 900)
    else:  # disk: slow growth over the disk's life, barely any jitter
        base = 15.0 + 35.0 * unit(k, 0)
        age = max(0.0, t - m.created) / DAY
        v = base + 12.0 * min(1.0, age / 365.0) + 1.5 * noise(k, t, 3 * DAY)
    hot = m.hot.get(metric)
    if hot is not None:
        level, since = hot
        w = _clamp((t - since) / 1800.0, 0.0, 1.0)
        if w > 0.0:
            v = v * (1.0 - w) + (level + 1.2 * noise(k ^ 2, t, 600)) * w
    return _clamp(v, 0.1, 100.0)


def percent(m: Machine, metric: str, t: float) -> float:
    """cpu, ram or disk usage in percent at Unix time ``t``."""
    if metric != "disk" and not m.is_on(t):
        return 0.0
    return _percent(m, metric, t)


def transfer(m: Machine, t: float) -> tuple[float, float]:
    """(downstream, upstream) in bits per second at ``t``."""
    if not m.is_on(t):
        return 0.0, 0.0
    k = m.key("transfer")
    base_kbps = 20.0 + 600.0 * unit(k, 0) ** 2
    down = base_kbps * (1.0 + 0.7 * daily(t, 12.0 + 6.0 * unit(k, 1))) \
        * (1.0 + 0.4 * noise(k, t, 900))
    up = down * (0.15 + 0.4 * unit(k, 2)) * (1.0 + 0.2 * noise(k ^ 1, t, 1800))
    return max(0.0, down) * 1000.0, max(0.0, up) * 1000.0


def ping(m: Machine, t: float) -> tuple[float, float]:
    """(packet loss in percent, round-trip time in ms) at ``t``."""
    if not m.is_on(t):
        return 100.0, 0.0
    k = m.key("internal_ping")
    rta = 0.35 + 0.6 * unit(k, 0) + 0.15 * noise(k, t, 600)
    loss = max(0.0, noise(k ^ 1, t, 1800) - 0.85) * 30.0  # now and then a lost packet or two
    return loss, max(0.05, rta)


# -- values compared against thresholds --------------------------------------------------------
@dataclass(frozen=True)
class Reading:
    """Every metric of a machine at one instant (what the monitoring center's status texts
    and alert counts are made of)."""

    cpu: float
    ram: float
    disk: float
    down: float
    up: float
    loss: float
    rta: float

    def measure(self, metric: str) -> float:
        """The number a metric's thresholds apply to: percent, total Kbps, or ``rta`` in ms."""
        if metric == "transfer":
            return (self.down + self.up) / 1000.0
        if metric == "internal_ping":
            return self.rta
        return float(getattr(self, metric))


def read(m: Machine, t: float) -> Reading:
    down, up = transfer(m, t)
    loss, rta = ping(m, t)
    return Reading(percent(m, "cpu", t), percent(m, "ram", t), percent(m, "disk", t),
                   down, up, loss, rta)


def level(value: float, warning: float, critical: float) -> str:
    """``OK``, ``WARNING`` or ``CRITICAL`` for a value and its two thresholds."""
    if value >= critical:
        return "CRITICAL"
    if value >= warning:
        return "WARNING"
    return "OK"


# -- buckets ------------------------------------------------------------------------------------
def bucket_for(seconds: float, period: str = "CUSTOM") -> int:
    """The bucket size for a period (fixed table) or a CUSTOM window of ``seconds``."""
    if period in BUCKETS:
        return BUCKETS[period]
    for step in STEPS:
        if seconds / step <= MAX_POINTS:
            return step
    return STEPS[-1]


def bucket_ends(start: float, end: float, step: int) -> list[float]:
    """Aligned bucket end times in ``(start, end]`` (Unix seconds)."""
    first = math.floor(start / step) + 1
    last = math.floor(end / step)
    return [float(k * step) for k in range(first, last + 1)]


def _samples(t_end: float, step: int) -> list[float]:
    return [t_end - step * j / SAMPLES for j in range(SAMPLES)]


def percent_series(m: Machine, metric: str, ends: list[float], step: int) -> list[float]:
    out = []
    for t in ends:
        vals = [percent(m, metric, s) for s in _samples(t, step)]
        out.append(round(sum(vals) / len(vals), 4))
    return out


def transfer_series(m: Machine, ends: list[float], step: int) -> list[tuple[int, int]]:
    out = []
    for t in ends:
        vals = [transfer(m, s) for s in _samples(t, step)]
        out.append((int(sum(v[0] for v in vals) / len(vals)),
                    int(sum(v[1] for v in vals) / len(vals))))
    return out


def ping_series(m: Machine, ends: list[float], step: int) -> list[tuple[int, float]]:
    out = []
    for t in ends:
        vals = [ping(m, s) for s in _samples(t, step)]
        out.append((round(sum(v[0] for v in vals) / len(vals)),
                    round(sum(v[1] for v in vals) / len(vals), 3)))
    return out
