"""The one poller: keeps :class:`AccountState` fresh for whatever is watched, in rounds.

Why one: two loops asking for the same resource (a follower's ``GET /servers/{id}`` beside
the explorer's ``GET /servers``) cost twice and disagree for a moment. Here a round asks each
watched category's list once (``fields=id,status`` while something in it is changing, the
whole list otherwise), and a resource's own object and detail sections only when its list
item says they changed, when they were never fetched, or on the slow cadence.

Readers register a :class:`Watch` (what they show, how often when stable, whether they are
in view); a watch that is not ``active()`` costs nothing (a covered screen). Followed
operations keep their category in the rounds (``keep``) and read the result from the state.

Cadence: a list is due ``FAST`` seconds after its last answer while it holds a transitional
item (or is kept by a follow), after its watch's ``every`` otherwise (``SLOW`` for a table,
longer for the dashboard; a list that costs much CPU waits longer, see ``IDLE_CPU_SHARE``).
Errors back off with jitter (``random`` is injectable); a refused token (401) stops every
round until :meth:`Poller.resume`; when nothing answers at all the API is "unreachable" and
rounds back off up to ``MAX_BACKOFF`` and recover by themselves.

No Textual here: ``clock``, ``sleep`` and ``random`` are injectable, so tests drive rounds
with :meth:`Poller.round` or :meth:`Poller.wake` and never sleep.

This file holds what is watched, the loop, the cadence (every number above is read here, at
call time: tests tune them on this module) and one round. Asking for a list is in
``list_fetch.py``, a resource's object and sections in ``section_fetch.py``, what they share
(the bookkeeping, the health a round's answers mean) in ``poll_core.py``.
"""

from __future__ import annotations

import asyncio
import random as _random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..catalogue import is_transitional
from .list_fetch import ListFetching
from .model import ITEM, AccountState, SectionKey
from .poll_core import STATE_KEYS, RoundReport, _busy, _ListMeta, _SectionMeta, fingerprint
from .section_fetch import SectionFetching

__all__ = ["FAST", "IDLE_CPU_SHARE", "IDLE_GUARD", "MAX_BACKOFF", "MAX_SLOW", "SECTION_EVERY",
           "SLOW", "STATE_KEYS", "Poller", "RoundReport", "Watch", "fingerprint"]

#: Seconds between rounds of a list while something in it changes, and when all is stable.
FAST, SLOW = 2.0, 15.0
#: A detail section (and a resource's full object) is fetched again after this many seconds
#: even when its list item did not change (a change the list does not show: a snapshot...).
SECTION_EVERY = 30.0
#: Cap of the error backoff, and of the idle interval of a costly list.
MAX_BACKOFF, MAX_SLOW = 60.0, 120.0
#: The least wait after a round that sent nothing though something looked due.
IDLE_GUARD = 0.5
#: When stable, a list's round may cost at most this share of one core (10,000 servers).
IDLE_CPU_SHARE = 0.005


def _always() -> bool:
    return True


@dataclass
class Watch:
    """What one reader shows. ``lists``/``sections`` may be callables (read every round: a
    detail screen's active tab). ``every``: seconds between refreshes of its lists when all is
    stable. ``active``: whether the reader is in view now (a covered screen is not)."""

    lists: Iterable[str] | Callable[[], Iterable[str]] = ()
    sections: Iterable[SectionKey] | Callable[[], Iterable[SectionKey]] = ()
    every: float = SLOW
    active: Callable[[], bool] = _always

    def list_keys(self) -> set[str]:
        return set(self.lists() if callable(self.lists) else self.lists)

    def section_keys(self) -> set[SectionKey]:
        return set(self.sections() if callable(self.sections) else self.sections)


class Poller(ListFetching, SectionFetching):
    """The one poller of an app (see the module's docstring)."""

    def __init__(self, feed: Any, state: AccountState | None = None, *,
                 clock: Callable[[], float] | None = None,
                 sleep: Callable[[float], Any] | None = None,
                 random: Callable[[], float] | None = None) -> None:
        clock = clock or time.monotonic
        super().__init__(feed, state or AccountState(clock), clock, random or _random.random)
        self._sleep = sleep
        self.watches: dict[Any, Watch] = {}
        self._forced: set[str] = set()
        self._resumed = asyncio.Event()
        self._round_lock = asyncio.Lock()
        #: Completed rounds (tests wait for "two rounds" with it).
        self.rounds = 0
        self.round_listeners: list[Callable[[], None]] = []

    # -- what is watched --------------------------------------------------------------------------
    def watch(self, owner: Any, watch: Watch) -> None:
        self.watches[owner] = watch

    def unwatch(self, owner: Any) -> None:
        self.watches.pop(owner, None)

    def keep(self, key: str, item_id: str | None = None) -> Callable[[], None]:
        """Keep a category in every round (at the fast cadence) until the returned function is
        called: what a followed operation needs. A kept ``item_id`` the list does not hold yet
        (a resource just created) makes the round ask for the whole list, not the states."""
        self.kept[key] = self.kept.get(key, 0) + 1
        ids = self._kept_ids.setdefault(key, [])
        if item_id is not None:
            ids.append(item_id)
        self.wake()

        def release() -> None:
            n = self.kept.get(key, 0) - 1
            if n > 0:
                self.kept[key] = n
            else:
                self.kept.pop(key, None)
            if item_id is not None and item_id in ids:
                ids.remove(item_id)
        return release

    def _active(self) -> list[Watch]:
        # A reader that is gone answers False (``is_attached``); one that raises has a bug,
        # which reaches the crash handler rather than being taken for "not in view".
        return [w for w in list(self.watches.values()) if w.active()]

    # -- waking -----------------------------------------------------------------------------------
    def wake(self, *, refresh_sections: bool = False) -> None:
        """Run a round now, asking for every watched list whether due or not (the refresh
        key; a screen back in view); with ``refresh_sections``, the sections too."""
        self._forced.add("*lists")
        if refresh_sections:
            self._forced.add("*sections")
        self._wake.set()

    def nudge(self) -> None:
        """Run a round now for whatever is due (nothing is forced)."""
        self._wake.set()

    def resume(self) -> None:
        """A new token was given: poll again."""
        self.state.set_health("ok")
        self._resumed.set()
        self.wake()

    # -- the loop ---------------------------------------------------------------------------------
    async def run(self) -> None:
        """Rounds until cancelled."""
        while True:
            if self.paused:
                self._resumed.clear()
                await self._resumed.wait()
            delay = self.next_delay()
            woken = self._wake.is_set()
            if delay > 0 and not woken:
                await self._wait(delay)
                woken = self._wake.is_set()
            self._wake.clear()
            if self.paused:
                continue
            report = await self.round()
            if not report.requests and delay <= 0 and not woken:
                # Something looked due and nothing was sent: never spin.
                await self._wait(IDLE_GUARD)

    async def _wait(self, delay: float) -> None:
        if self._sleep is not None:
            sleeper = asyncio.ensure_future(self._sleep(delay))
            waker = asyncio.ensure_future(self._wake.wait())
            _, pending = await asyncio.wait({sleeper, waker},
                                               return_when=asyncio.FIRST_COMPLETED)
            for task in pending:
                task.cancel()
            return
        try:
            await asyncio.wait_for(self._wake.wait(), timeout=delay)
        except asyncio.TimeoutError:
            pass

    def _every(self, key: str, watches: list[Watch]) -> float:
        """Seconds between two answers of this list now (errors: see ``_list_due_at``)."""
        meta = self._lists.get(key) or _ListMeta()
        entry = self.state.lists.get(key)
        if key in self.kept or meta.full or (entry is not None and entry.partial):
            return FAST
        if entry is not None and _busy(key, entry.items):
            return FAST
        every = min((w.every for w in watches if key in w.list_keys()), default=SLOW)
        if meta.cpu:
            every = max(every, min(MAX_SLOW, meta.cpu / IDLE_CPU_SHARE))
        wait = self._rate_limit_wait()
        return max(every, wait)

    def _backoff(self, errors: int) -> float:
        """FAST doubled per failure in a row, up to MAX_BACKOFF, with jitter (0.5x-1.5x) so
        many clients do not come back at the same moment."""
        base = min(MAX_BACKOFF, FAST * 2 ** min(errors, 10))
        return base * (0.5 + self.random())

    def _rate_limit_wait(self) -> float:
        stats = getattr(getattr(self.feed, "client", None), "stats", None)
        return float(getattr(stats, "last_rate_limit_wait", 0.0) or 0.0) if stats else 0.0

    def _list_due_at(self, key: str, watches: list[Watch]) -> float:
        """When this list is next due (clock time; -inf: now)."""
        entry = self.state.lists.get(key)
        if entry is None or (entry.fetched_at is None and entry.error_at is None):
            return float("-inf")
        meta = self._lists.get(key)
        if meta is not None and meta.errors and meta.retry_at is not None:
            return meta.retry_at
        return (entry.fetched_at or entry.error_at or 0.0) + self._every(key, watches)

    def _section_due_at(self, sk: SectionKey) -> float:
        meta = self._sections.setdefault(sk, _SectionMeta())
        entry = self.state.sections.get(sk)
        if meta.forced or entry is None or (entry.fetched_at is None
                                            and entry.error_at is None):
            return float("-inf")
        if meta.errors and meta.retry_at is not None:
            return meta.retry_at
        parent = self.state.item(sk[0], sk[1])
        if parent is not None and (is_transitional(parent) != meta.busy
                                   or fingerprint(parent) != meta.seen):
            return float("-inf")
        return (entry.fetched_at or 0.0) + SECTION_EVERY

    def _watched_lists(self, watches: list[Watch]) -> set[str]:
        return set().union(*(w.list_keys() for w in watches)) | set(self.kept)

    def due_lists(self, watches: list[Watch] | None = None) -> set[str]:
        watches = self._active() if watches is None else watches
        keys = self._watched_lists(watches)
        h = self.state.health
        if "*lists" in self._forced or (h.status == "unreachable" and h.retry_at is not None
                                        and self.clock() >= h.retry_at):
            return keys  # asked for, or probing whether the API is back
        now = self.clock() + 0.01
        return {k for k in keys if self._list_due_at(k, watches) <= now}

    def next_delay(self) -> float:
        """Seconds until something watched is due (at most SLOW: a new watch is seen then)."""
        h = self.state.health
        watches = self._active()
        if h.status == "unreachable" and h.retry_at is not None \
                and self._watched_lists(watches):
            return max(0.0, h.retry_at - self.clock())
        times = [self._list_due_at(k, watches) for k in self._watched_lists(watches)]
        times += [self._section_due_at(sk)
                  for sk in set().union(*(w.section_keys() for w in watches))]
        best = min(times, default=self.clock() + SLOW) - self.clock()
        return max(0.0, min(SLOW, best))

    # -- one round --------------------------------------------------------------------------------
    async def round(self) -> RoundReport:
        """Ask for what is due: the lists first (one request per category), then the objects
        and sections whose list item changed or whose time came."""
        async with self._round_lock:
            report = RoundReport()
            watches = self._active()
            lists = self.due_lists(watches)
            force_sections = "*sections" in self._forced
            self._forced.clear()
            await asyncio.gather(*(self._refresh_list(k, report) for k in sorted(lists)))
            keys = set().union(*(w.section_keys() for w in watches))
            due = [sk for sk in keys if self._section_due(sk, force_sections)]
            # A resource's own object first: a section's ``when`` reads it (a DVD tab).
            await asyncio.gather(*(self._refresh_section(sk, report)
                                   for sk in due if sk[2] == ITEM))
            await asyncio.gather(*(self._refresh_section(sk, report)
                                   for sk in due if sk[2] != ITEM))
            self._judge(report)
            self.rounds += 1
            for listener in list(self.round_listeners):
                listener()
            return report

    def _section_due(self, sk: SectionKey, forced: bool) -> bool:
        return forced or self._section_due_at(sk) <= self.clock() + 0.01

