"""Target 4: watching 50 deploying servers until all are live, with one list request per round
(``client.servers.wait_many``, ``fields=id,status``) against polling each server on its own
(the official SDK's ``wait_for``: one ``GET /servers/{id}`` per server per round), at the same
fixed interval (15 s, the SDK's interval for servers).

Both run against the emulator on emulated time: a small scheduler advances the emulator's
manual clock to the next sleeper's wake-up once every waiting task is asleep, so the 50
per-server waits really run concurrently, in lockstep, and nothing sleeps for real. The 50
servers are created 2 s apart (a script creating them in a loop), so they finish over ~100 s;
watching starts when the last one is created. Requests are counted by the emulator. "Seen" is
the emulated time at which a waiter first saw a server settled; the figure is the request
ratio, and "sees each change no later" is checked server by server.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import Awaitable, Callable
from typing import Any

from .common import Result, Summary

SERVERS, SPACING, INTERVAL = 50, 2.0, 15.0


class VirtualTime:
    """``sleep``/``clock`` for many concurrent waits on one emulated clock."""

    def __init__(self, emu: Any) -> None:
        self.emu = emu
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()

    def clock(self) -> float:
        return float(self.emu.clock.now())

    async def sleep(self, seconds: float) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.clock() + seconds, next(self._seq), future))
        await future

    async def run(self, coros: list[Awaitable[Any]]) -> list[Any]:
        tasks = [asyncio.ensure_future(c) for c in coros]
        while not all(t.done() for t in tasks):
            for _ in range(10_000):  # let every task run until it sleeps or ends
                await asyncio.sleep(0)
                alive = sum(not t.done() for t in tasks)
                asleep = sum(not f.done() for _, _, f in self._sleepers)
                if alive == asleep:
                    break
            else:
                raise RuntimeError("tasks neither finished nor slept")
            if not self._sleepers:
                continue
            wake = self._sleepers[0][0]
            if wake > self.clock():
                self.emu.advance(wake - self.clock())
            while self._sleepers and self._sleepers[0][0] <= wake:
                _, _, future = heapq.heappop(self._sleepers)
                if not future.done():
                    future.set_result(None)
        return [t.result() for t in tasks]


async def _scenario(strategy: str) -> dict[str, Any]:
    from oneandone_tui.api import Client, Hdd, Server
    from oneandone_tui.emulator.clock import ManualClock
    from oneandone_tui.emulator.core import Emulator
    from oneandone_tui.emulator.transport import EmulatorTransport

    emu = Emulator(clock=ManualClock())
    emu.settle()
    client = Client(emu.token, transport=EmulatorTransport(emu, threaded=False))
    appliance = next(a for a in await client.server_appliances.list()
                     if a["name"] == "ubuntu2004-64std")
    ids = []
    for i in range(SERVERS):
        if i:
            emu.advance(SPACING)
        created = await client.servers.create(Server(
            name=f"batch-{i:02d}", appliance_id=appliance["id"], vcore=1,
            cores_per_processor=1, ram=1, hdds=[Hdd(40, True)]))
        ids.append(created["id"])
    emu.stats.reset()
    vt = VirtualTime(emu)
    start = vt.clock()
    seen: dict[str, float] = {}

    def saw(rid: str, state: str | None, percent: int | None) -> None:
        if state == "POWERED_ON" and percent is None and rid not in seen:
            seen[rid] = vt.clock() - start

    opts: dict[str, Any] = {"interval": INTERVAL, "backoff": 1.0, "sleep": vt.sleep,
                            "clock": vt.clock}
    if strategy == "each":
        def one(rid: str) -> Awaitable[Any]:
            progress: Callable[[str | None, int | None], None] = \
                lambda s, p: saw(rid, s, p)  # noqa: E731
            return client.servers.wait_for(rid, on_progress=progress, **opts)
        await vt.run([one(rid) for rid in ids])
    elif strategy == "poller":
        await vt.run([_app_poller(client, ids, vt, saw)])
    else:
        await vt.run([client.servers.wait_many(ids, on_progress=saw, **opts)])
    stats = emu.stats.snapshot()
    await client.aclose()
    return {"requests": stats["total"], "by_endpoint": stats["requests"], "seen": seen,
            "duration": vt.clock() - start}


async def _app_poller(client: Any, ids: list[str], vt: VirtualTime,
                      saw: Callable[[str, str | None, int | None], None]) -> None:
    """The TUI's way: its one poller keeps the servers' list in its rounds while they are
    followed (``Poller.keep``), at its own cadence (``next_delay``: fast while something
    changes), and each follow reads the state."""
    from oneandone_tui.catalogue import state_of
    from oneandone_tui.state import Poller
    from oneandone_tui.ui.feed import Feed

    poller = Poller(Feed(client), clock=vt.clock, sleep=vt.sleep)
    release = [poller.keep("servers", rid) for rid in ids]
    waiting = set(ids)
    while waiting:
        await poller.round()
        by_id = poller.state.list("servers").by_id()
        for rid in list(waiting):
            item = by_id.get(rid)
            if item is not None:
                state, percent = state_of(item)
                saw(rid, state, percent)
                if state == "POWERED_ON" and percent is None:
                    waiting.discard(rid)
        await vt.sleep(max(poller.next_delay(), 0.01))
    for done in release:
        done()


def run(quick: bool = False) -> list[Result]:
    each = asyncio.run(_scenario("each"))
    many = asyncio.run(_scenario("many"))
    app = asyncio.run(_scenario("poller"))
    later = [rid for rid, t in many["seen"].items() if t > each["seen"].get(rid, float("inf"))]
    lag = max((many["seen"][r] - each["seen"][r] for r in many["seen"] if r in each["seen"]),
              default=0.0)
    ratio = many["requests"] / each["requests"]
    result = Result(
        "waiting", "4. Watch 50 deploying servers: requests", "one list per round",
        Summary.of([many["requests"]]), "one GET per server per round",
        Summary.of([each["requests"]]), "requests", ratio, "<=", 1 / 25,
        figure_label="request ratio",
        notes=[f"each server seen no later: {'yes' if not later else 'NO: ' + str(later)} "
               f"(largest lag {lag:+.0f} s of emulated time)"],
        extra={"one_list": many["by_endpoint"], "per_server": each["by_endpoint"],
               "seen_later": later, "max_lag_s": lag, "emulated_seconds": many["duration"]},
        conditions={"each change seen no later": not later,
                    "every server seen live": len(many["seen"]) == SERVERS
                    and len(each["seen"]) == SERVERS})
    app_lag = max((app["seen"][r] - each["seen"][r] for r in app["seen"] if r in each["seen"]),
                  default=0.0)
    context = Result(
        "waiting_app", "4, the TUI's one poller (context)", "follows in the poller's rounds",
        Summary.of([app["requests"]]), "one GET per server per round",
        Summary.of([each["requests"]]), "requests", app["requests"] / each["requests"], "<=",
        1 / 5, figure_label="request ratio", target=False,
        notes=[f"at the poller's own cadence (2 s while something changes; the others: 15 s): "
               f"largest lag behind per-server waits {app_lag:+.0f} s of emulated time; "
               f"{len(app['seen'])}/{SERVERS} seen live"],
        extra={"by_endpoint": app["by_endpoint"], "max_lag_s": app_lag})
    return [result, context]
