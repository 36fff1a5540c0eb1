"""Targets 2 and 3: the servers table at 10,000 servers against 100, in-process.

The real app (``make_demo_app(servers=N)``, an in-process emulator on a manual clock, every
transition settled) runs under Textual's headless driver at 120x40. A frame is the moment
the compositor hands a screen update to the app (``App._display``); in headless mode Textual
skips turning it into terminal bytes, so the benchmark does that step itself
(``render_segments``) and the figure includes everything a terminal would receive. A wait
ends at the first frame that shows the awaited state (the predicate is checked as the frame
is produced).

* filter: each keystroke of typing ``web`` and deleting it again (six per round; ``w`` and
  ``we`` match every server, ``web`` two), from the key press to the frame of the filtered
  table.
* first frame: from switching to the servers category (from Images) to the first frame whose
  table shows servers.
* refresh: one server (``web-01``, on screen) renamed in the emulator, then one poll round of
  the explorer (the product's own refresh). The target figure runs from the reply being
  decoded (``feed.items`` returning) to the frame showing the new name: the work the UI does
  for a refresh. The same round from waking the poller (request included) is shown for
  context: it grows with the list, as a whole-list request must.

The explorer's timed poll is parked (a 15 s refresh landing inside a sample would measure
that refresh, not the interaction): rounds run only when the benchmark wakes the poller.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import time
from collections.abc import Callable
from typing import Any

from .common import Result, Summary, alternate, ratio_result

SIZE = (120, 40)
SMALL, LARGE = 100, 10_000
BASE = 12  # servers of the demo account itself


class Frames:
    """Timestamps the frames of one app and resolves waits on them."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.count = 0
        self._waiters: list[tuple[Callable[[], bool], asyncio.Future[float]]] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None:
                return
            if app.is_headless and hasattr(renderable, "render_segments"):
                renderable.render_segments(app.console)  # what a terminal would be sent
            now = time.perf_counter()
            self.count += 1
            for waiter in list(self._waiters):
                check, future = waiter
                if not future.done() and _safe(check):
                    future.set_result(now)
                    self._waiters.remove(waiter)

        app._display = display

    def expect(self, check: Callable[[], bool]) -> asyncio.Future[float]:
        """A future resolved with the time of the first frame for which ``check()`` holds."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiters.append((check, future))
        return future


def _safe(check: Callable[[], bool]) -> bool:
    try:
        return bool(check())
    except Exception:
        return False


async def _until(check: Callable[[], bool], pilot: Any, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not _safe(check):
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not reach the expected state")
        await pilot.pause(0.02)


class _Ticker:
    """The longest the event loop went without running a 2 ms sleeper (ms): how long the UI
    could not react to a key while a refresh ran."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._running = True
        self._task = asyncio.ensure_future(self._run())

    async def _run(self) -> None:
        last = time.perf_counter()
        while self._running:
            await asyncio.sleep(0.002)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last)
            last = now

    async def stop(self) -> float:
        self._running = False
        await self._task
        return self.longest * 1000


def _park_poller() -> None:
    from oneandone_tui.state import poller

    # Rounds run only when woken: no timed round lands inside a sample.
    poller.Poller.next_delay = lambda self: 3600.0  # type: ignore[method-assign]


def _make_app(servers: int) -> Any:
    from oneandone_tui.emulator.clock import ManualClock
    from oneandone_tui.launch import make_demo_app

    app = make_demo_app(servers=servers, clock=ManualClock(), start="servers")
    app.emulator.settle()
    return app


async def _session(servers: int, rounds: int) -> dict[str, list[float]]:
    """One app at ``servers`` extra servers: filter keystrokes, category switches, refreshes
    (milliseconds per sample)."""
    _park_poller()
    app = _make_app(servers)
    gc.freeze()  # as the CLI does before running the app (launch.run_tui)
    try:
        return await _measure(app, servers, rounds)
    finally:
        gc.unfreeze()
        gc.collect()


async def _measure(app: Any, servers: int, rounds: int) -> dict[str, list[float]]:
    total = servers + BASE
    out: dict[str, list[float]] = {"filter": [], "first_frame": [], "refresh": [],
                                   "refresh_ui": [], "full_load": [], "stall": []}
    async with app.run_test(size=SIZE) as pilot:
        frames = Frames(app)

        def explorer() -> Any:
            return app.screen

        def table() -> Any:
            return app.screen.table

        await _until(lambda: table().total_count == total, pilot)
        await pilot.pause(0.1)
        # -- filter ---------------------------------------------------------------------
        await pilot.press("slash")
        await pilot.pause(0.05)
        for _ in range(rounds):
            typed = ""
            for key in ["w", "e", "b", "backspace", "backspace", "backspace"]:
                typed = typed[:-1] if key == "backspace" else typed + key
                want = typed
                frame = frames.expect(lambda want=want: table().filter_text == want
                                      and table().row_count > 0)
                start = time.perf_counter()
                await pilot.press(key)
                out["filter"].append((await asyncio.wait_for(frame, 30) - start) * 1000)
                await pilot.pause(0.03)
        await pilot.press("escape")
        await pilot.pause(0.05)
        # -- first frame of the servers table ---------------------------------------------
        for _ in range(rounds):
            app.show_category("images")
            await _until(lambda: explorer().cat.key == "images" and table().total_count > 0,
                         pilot)
            await pilot.pause(0.05)
            frame = frames.expect(lambda: explorer().cat.key == "servers"
                                  and table().row_count > 0)
            full = frames.expect(lambda: explorer().cat.key == "servers"
                                 and table().total_count == total)
            start = time.perf_counter()
            app.show_category("servers")
            out["first_frame"].append((await asyncio.wait_for(frame, 60) - start) * 1000)
            out["full_load"].append((await asyncio.wait_for(full, 60) - start) * 1000)
            await pilot.pause(0.05)
        # -- a refresh that changes one row ---------------------------------------------
        screen = explorer()
        emu = app.emulator
        target = next(rid for rid in table().view_ids if table().get_row(rid).cells[0]
                      == "web-01")
        feed = app.feed
        arrived: list[float] = []
        original_items = feed.items

        async def items(cat: Any, **kw: Any) -> Any:
            result = await original_items(cat, **kw)
            arrived.append(time.perf_counter())
            return result

        feed.items = items
        try:
            for i in range(rounds):
                name = f"web-01-r{servers}-{i}"
                with emu.store.lock:
                    emu.store.servers[target]["name"] = name
                arrived.clear()
                frame = frames.expect(lambda name=name: table().get_row(target).cells[0]
                                      == name)
                ticker = _Ticker()
                start = time.perf_counter()
                screen.wake()
                shown = await asyncio.wait_for(frame, 60)
                out["refresh"].append((shown - start) * 1000)
                if arrived:
                    out["refresh_ui"].append((shown - arrived[-1]) * 1000)
                await pilot.pause(0.3)  # the rest of the round (rows off screen)
                out["stall"].append(await ticker.stop())
        finally:
            feed.items = original_items
    return out


def _run(servers: int, rounds: int) -> dict[str, list[float]]:
    return asyncio.run(_session(servers, rounds))


def run(quick: bool = False) -> list[Result]:
    reps, rounds = (1, 2) if quick else (3, 4)
    small, large = alternate([lambda: _run(SMALL, rounds), lambda: _run(LARGE, rounds)], reps)

    def pooled(runs: list[dict[str, list[float]]], key: str) -> list[float]:
        return [v for r in runs for v in r[key]]

    a_label, b_label = f"{LARGE:,} servers", f"{SMALL} servers"
    results = [
        ratio_result("filter", "2. Filter: keystroke to frame", a_label,
                     pooled(large, "filter"), b_label, pooled(small, "filter"), "ms", 2.0),
        ratio_result("first_frame", "3a. First frame of the servers table", a_label,
                     pooled(large, "first_frame"), b_label, pooled(small, "first_frame"),
                     "ms", 3.0),
        ratio_result("refresh_ui", "3b. Refresh changing one row (UI: reply to frame)",
                     a_label, pooled(large, "refresh_ui"), b_label,
                     pooled(small, "refresh_ui"), "ms", 2.0),
    ]
    results[1].extra["full_load_ms"] = {
        "large": Summary.of(pooled(large, "full_load")).__dict__,
        "small": Summary.of(pooled(small, "full_load")).__dict__}
    ref = ratio_result("refresh", "3b, request included (context)", a_label,
                       pooled(large, "refresh"), b_label, pooled(small, "refresh"), "ms",
                       2.0, target=False,
                       notes=["a refresh is one list request: at 10,000 servers the emulator "
                              "renders and the client decodes the whole list (~6.5 MB)"])
    stall = ratio_result("stall", "3b, longest UI stall in that refresh (context)", a_label,
                         pooled(large, "stall"), b_label, pooled(small, "stall"), "ms", 2.0,
                         target=False,
                         notes=["the event loop's longest pause during a refresh round: "
                                "decoding the list (and, in the demo, the emulator encoding it)"])
    results += [ref, stall]
    return results


if __name__ == "__main__":  # pragma: no cover - manual use
    with contextlib.suppress(KeyboardInterrupt):
        for r in run(quick=True):
            print(json.dumps(r.as_dict(), indent=1))
