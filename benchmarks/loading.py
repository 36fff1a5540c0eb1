"""Target 5: loading every category's list with 20 ms of emulated latency per request, as the
product does it (``Feed.counts()``: every category at once, bounded by the feed's semaphore)
against one category at a time (the same per-category call, awaited in turn).

The emulator adds the latency in its in-process transport (``--latency-ms``), as a slow
network would: the request waits without using the CPU. Rounds alternate.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from .common import Result, alternate, ratio_result

LATENCY_MS = 20.0


def _feed() -> Any:
    from oneandone_tui.emulator.clock import ManualClock
    from oneandone_tui.emulator.faults import FaultSettings
    from oneandone_tui.launch import demo_client
    from oneandone_tui.ui.feed import Feed

    client, emu = demo_client(clock=ManualClock())
    emu.faults.update({"latency_ms": LATENCY_MS})
    _ = FaultSettings  # the setting above is one of FaultSettings' fields
    return Feed(client), emu


async def _concurrent(feed: Any) -> Any:
    return await feed.counts()


async def _sequential(feed: Any) -> Any:
    from oneandone_tui.catalogue import CATEGORIES
    from oneandone_tui.ui.feed import Counts

    out = Counts()
    for cat in CATEGORIES:
        one = await feed.counts([cat])
        out.update(one)
        out.failed.update(one.failed)
    return out


def _timed(which: str) -> float:
    async def go() -> tuple[float, dict[str, Any]]:
        feed, _ = _feed()
        await feed.counts()  # warm: first use of every resource module and endpoint
        start = time.perf_counter()
        counts = await (_concurrent(feed) if which == "concurrent" else _sequential(feed))
        elapsed = time.perf_counter() - start
        await feed.client.aclose()
        if counts.failed:
            raise RuntimeError(f"a category failed to load: {counts.problem()}")
        return elapsed, counts

    return asyncio.run(go())[0] * 1000


def run(quick: bool = False) -> list[Result]:
    reps = 3 if quick else 9
    concurrent, sequential = alternate([lambda: _timed("concurrent"),
                                        lambda: _timed("sequential")], reps)
    from oneandone_tui.catalogue import CATEGORIES

    r = ratio_result("loading", f"5. Load all {len(CATEGORIES)} lists, 20 ms latency: speed-up",
                     "one at a time", sequential, "concurrent (the product)", concurrent, "ms",
                     5.0, op=">=", figure_label="speed-up")
    return [r]
