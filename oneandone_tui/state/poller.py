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
"""

from __future__ import annotations

import asyncio
import random as _random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..catalogue import Category, Item, category, is_transitional
from .model import ITEM, AccountState, SectionKey, error_text

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
#: The fields of a list item that change while a resource is busy and that the list alone
#: answers: a change in only these does not fetch the resource's object or sections again.
STATE_KEYS = ("status", "state", "percent")


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


@dataclass
class _ListMeta:
    errors: int = 0
    retry_at: float | None = None
    cpu: float = 0.0
    #: The next round asks for the whole list (resources came or went, or settled).
    full: bool = False


@dataclass
class _SectionMeta:
    #: The parent list item (without its state while busy) when the section was fetched.
    seen: Any = None
    busy: bool = False
    errors: int = 0
    forced: bool = False
    #: After an error: when to try again (the backoff, with its jitter, drawn once).
    retry_at: float | None = None


@dataclass
class RoundReport:
    requests: int = 0
    ok: int = 0
    network: int = 0
    auth: list[BaseException] = field(default_factory=list)


def _busy(key: str, items: list[Item]) -> bool:
    """Something in this list is changing (log entries RUNNING do not count: they are not
    resources that settle)."""
    return category(key).stateful and any(map(is_transitional, items))


def fingerprint(item: Item | None) -> Any:
    """What of a list item, when it changes, means the resource's object and sections may
    have changed: everything but its progress while busy (a deploying server's percent is
    answered by the list itself)."""
    if item is None:
        return None
    if is_transitional(item):
        return {k: v for k, v in item.items() if k not in STATE_KEYS}
    return item


class Poller:
    def __init__(self, feed: Any, state: AccountState | None = None, *,
                 clock: Callable[[], float] | None = None,
                 sleep: Callable[[float], Any] | None = None,
                 random: Callable[[], float] | None = None) -> None:
        self.feed = feed
        self.clock = clock or time.monotonic
        self.state = state or AccountState(self.clock)
        self.random = random or _random.random
        self._sleep = sleep
        self.watches: dict[Any, Watch] = {}
        #: Categories kept in the rounds by followed operations (key -> how many).
        self.kept: dict[str, int] = {}
        self._kept_ids: dict[str, list[str]] = {}
        self._lists: dict[str, _ListMeta] = {}
        self._sections: dict[SectionKey, _SectionMeta] = {}
        self._wake = asyncio.Event()
        self._forced: set[str] = set()
        self._resumed = asyncio.Event()
        self._round_lock = asyncio.Lock()
        self._loading: dict[str, asyncio.Task[Any]] = {}
        #: Lists being asked for now (a second asker awaits the same answer).
        self._inflight: dict[str, asyncio.Future[None]] = {}
        #: Completed rounds (tests wait for "two rounds" with it).
        self.rounds = 0
        #: Numbers every list request as it is sent (see ``ListEntry.seq``).
        self.seq = 0
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
        out = []
        for w in list(self.watches.values()):
            try:
                if w.active():
                    out.append(w)
            except Exception:  # a reader that is gone
                continue
        return out

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

    @property
    def paused(self) -> bool:
        return self.state.health.status == "auth"

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

    def _judge(self, report: RoundReport) -> None:
        """The connection's health from a round: a 401 (or only 403s) stops polling; nothing
        but network failures means unreachable (back off, with jitter); any answer is ok."""
        state = self.state
        if report.auth and (not report.ok or any(
                getattr(e, "status", None) == 401 for e in report.auth)):
            state.set_health("auth", error_text(report.auth[0]))
            return
        if report.network and not report.ok:
            failures = state.health.failures + 1
            state.set_health("unreachable", self._last_network or "no answer",
                             self.clock() + self._backoff(failures), failures)
            return
        if report.requests and state.health.status != "ok":
            state.set_health("ok")

    _last_network: str = ""

    def _count(self, exc: BaseException | None, report: RoundReport) -> None:
        report.requests += 1
        if exc is None:
            report.ok += 1
            return
        from ..api.errors import AuthError, NetworkError

        if isinstance(exc, AuthError):
            report.auth.append(exc)
        elif isinstance(exc, NetworkError):
            report.network += 1
            self._last_network = error_text(exc)
        else:
            report.ok += 1  # the API answered (an error status): it is reachable

    async def _refresh_list(self, key: str, report: RoundReport) -> None:
        """Ask for one list, unless it is being asked for already (the dashboard opening
        while a round runs): then its answer is this one too, never a second request."""
        running = self._inflight.get(key)
        if running is not None:
            await asyncio.shield(running)
            entry = self.state.list(key)
            report.requests += 1
            if entry.error is None:
                report.ok += 1
            return
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._inflight[key] = done
        try:
            await self._ask_list(key, report)
        finally:
            del self._inflight[key]
            done.set_result(None)

    async def _ask_list(self, key: str, report: RoundReport) -> None:
        cat = category(key)
        meta = self._lists.setdefault(key, _ListMeta())
        entry = self.state.list(key)
        cpu = time.process_time()
        self.seq += 1
        seq = self.seq
        try:
            busy = key in self.kept or _busy(key, entry.items)
            if any(i not in entry.by_id() for i in self._kept_ids.get(key, ())):
                meta.full = True
            if busy and entry.loaded and not entry.partial and not meta.full \
                    and cat.status_fields:
                await self._status_round(cat, entry.items, meta, seq)
            else:
                await self._put_whole(cat, key, seq)
                meta.full = False
                meta.cpu = time.process_time() - cpu
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self._list_failed(meta, key, exc, report)
            return
        meta.errors = 0
        self._count(None, report)

    async def _status_round(self, cat: Category, items: list[Item], meta: _ListMeta,
                            seq: int) -> None:
        """Something in the list is changing: one cheap request for every item's state. Items
        that came or went, or settled, make the next round ask for the whole list."""
        statuses = await self.feed.statuses(cat) or []
        fresh = {cat.row_id(s): s for s in statuses}
        known = {cat.row_id(i) for i in items}
        if set(fresh) != known:
            meta.full = True
        merged, changed = [], []
        for item in items:
            rid = cat.row_id(item)
            s = fresh.get(rid)
            if s is None:  # gone (deleted): the next whole list confirms it
                continue
            if all(item.get(k) == v for k, v in s.items()):
                merged.append(item)  # unchanged: the same object (no copy of 10,000 items)
                continue
            new = {**item, **s}
            changed.append(rid)
            if is_transitional(item) and not is_transitional(new):
                meta.full = True  # settled: more than the state may have changed
            merged.append(new)
        if changed or meta.full:
            self.state.put_list(cat.key, merged, ids=None if meta.full else changed, seq=seq)
        else:
            self.state.put_list(cat.key, items, seq=seq)

    def _section_due(self, sk: SectionKey, forced: bool) -> bool:
        return forced or self._section_due_at(sk) <= self.clock() + 0.01

    def request_section(self, sk: SectionKey) -> None:
        """Fetch this section in the next round (a watched tab just shown)."""
        self._sections.setdefault(sk, _SectionMeta()).forced = True
        self._wake.set()

    async def refresh_lists(self, keys: Iterable[str]) -> None:
        """Ask for these lists now, all at once, outside the rounds (a screen just opened that
        needs them, its refresh key)."""
        if self.paused:
            return  # the token was refused: nothing is sent until a new one is given
        report = RoundReport()
        await asyncio.gather(*(self._refresh_list(k, report) for k in keys))
        self._judge(report)

    async def items(self, key: str, max_age: float = 5.0) -> list[Item]:
        """A category's items for a reader that needs them now (a form's picker): the
        state's when they arrived within ``max_age`` seconds, else asked for (and kept in the
        state for every other reader). Raises when there is no fresh answer."""
        entry = self.state.list(key)
        age = self.state.age(entry)
        if entry.loaded and not entry.partial and entry.error is None and age is not None \
                and age <= max_age:
            return entry.items
        await self.refresh_lists([key])
        entry = self.state.list(key)
        if entry.error is not None:
            raise LookupError(entry.error)
        if self.paused:
            raise LookupError("the API refused the token: enter a new one (T)")
        return entry.items

    async def fetch(self, keys: Iterable[SectionKey]) -> None:
        """Fetch these sections now, outside the rounds (a detail screen just opened, the
        refresh key): the resources' own objects first, a section's ``when`` reads them."""
        keys = list(keys)
        if self.paused:
            return
        report = RoundReport()
        await asyncio.gather(*(self._refresh_section(sk, report)
                               for sk in keys if sk[2] == ITEM))
        await asyncio.gather(*(self._refresh_section(sk, report)
                               for sk in keys if sk[2] != ITEM))
        self._judge(report)

    async def _refresh_section(self, sk: SectionKey, report: RoundReport) -> None:
        key, rid, title = sk
        cat = category(key)
        meta = self._sections.setdefault(sk, _SectionMeta())
        parent = self.state.item(key, rid)
        meta.forced = False
        # What it was asked for against (on failure too: the retry waits for its backoff).
        meta.seen = fingerprint(parent)
        meta.busy = parent is not None and is_transitional(parent)
        try:
            if title == ITEM:
                data = await self.feed.item(cat, rid)
            else:
                section = next(s for s in cat.sections if s.title == title)
                item = self.state.section(key, rid, ITEM).data or parent or {"id": rid}
                data = await self.feed.section(cat, section, item)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            meta.errors += 1
            meta.retry_at = self.clock() + self._backoff(meta.errors)
            self._count(exc, report)
            self.state.fail_section(key, rid, title, exc)
            return
        meta.errors = 0
        self._count(None, report)
        self.state.put_section(key, rid, title, data)

    # -- loading a list for a screen that shows it now ---------------------------------------------
    async def load(self, key: str, first: asyncio.Future[Any] | None = None) -> None:
        """Bring a category's list into the state as soon as possible: its first page (asked
        for by the app at start, ``first``, or now), then the whole list. A table's first
        frame then costs the same at 10,000 items as at 100."""
        running = self._loading.get(key)
        if running is not None and not running.done():
            await running
            return
        task = asyncio.ensure_future(self._load(key, first))
        self._loading[key] = task
        try:
            await task
        finally:
            self._loading.pop(key, None)

    async def _load(self, key: str, first: asyncio.Future[Any] | None) -> None:
        if self.paused:
            return
        cat = category(key)
        meta = self._lists.setdefault(key, _ListMeta())
        report = RoundReport()
        self.seq += 1
        seq = self.seq
        try:
            answer = await (first if first is not None else self.feed.first_page(cat))
            if answer is not None:
                page, complete = answer
                self.state.put_list(key, page, partial=not complete, seq=seq)
                self._count(None, report)
                if complete:
                    meta.errors = 0
                    self._judge(report)
                    return
            await self._put_whole(cat, key, seq)
            meta.errors = 0
            self._count(None, report)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self._list_failed(meta, key, exc, report)
        self._judge(report)

    async def _put_whole(self, cat: Any, key: str, seq: int) -> None:
        """The whole list of ``cat`` into the state (its raw answer kept for object-shaped
        categories)."""
        items = await self.feed.items(cat)
        self.state.put_list(key, items, raw=getattr(self.feed, "last_raw", {}).get(key),
                            seq=seq)

    def _list_failed(self, meta: Any, key: str, exc: Exception, report: Any) -> None:
        """A list request failed: back off this list, count the error, keep the last data
        marked with it."""
        meta.errors += 1
        meta.retry_at = self.clock() + self._backoff(meta.errors)
        self._count(exc, report)
        self.state.fail_list(key, exc)
