"""Sparklines as text: a series squeezed into a few block characters, so a table cell (one
string in the virtualised table) can show a trend next to a number."""

from __future__ import annotations

from collections.abc import Sequence

BLOCKS = "▁▂▃▄▅▆▇█"


def buckets(values: Sequence[float], width: int) -> list[float]:
    """``values`` cut into ``width`` consecutive buckets, each read as its maximum (a spike in
    a bucket must not be averaged away: it is what a monitoring view is for)."""
    if not values or width <= 0:
        return []
    if len(values) <= width:
        return list(values)
    out = []
    for i in range(width):
        lo = i * len(values) // width
        hi = max(lo + 1, (i + 1) * len(values) // width)
        out.append(max(values[lo:hi]))
    return out


def sparkline(values: Sequence[float], width: int = 8, *, lo: float | None = 0.0,
              hi: float | None = None) -> str:
    """Block characters for ``values`` on the scale ``lo..hi`` (default: 0..the maximum).
    Percentages pass ``hi=100`` so that every server's line reads on the same scale."""
    points = buckets(values, width)
    if not points:
        return ""
    low = min(points) if lo is None else lo
    high = max(points) if hi is None else hi
    span = high - low
    top = len(BLOCKS) - 1
    if span <= 0:
        return BLOCKS[0] * len(points)
    chars = []
    for v in points:
        ratio = (min(max(v, low), high) - low) / span
        chars.append(BLOCKS[round(ratio * top)])
    return "".join(chars)
