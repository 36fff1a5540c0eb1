"""Asking for a category's list: the whole list, or (while something in it changes) one cheap
request for every item's state merged into the items kept; a first page first for a screen that
shows the list now; one request per list at a time (a second asker shares the answer); and a
failure kept beside the last data, with this list's backoff.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from typing import Any

from ..catalogue import Category, Item, category, is_transitional
from .poll_core import FETCH_ERRORS, PollerCore, RoundReport, _busy, _ListMeta


class ListFetching(PollerCore):
    """The list half of :class:`~.poller.Poller`."""

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
        except FETCH_ERRORS as exc:
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
        except FETCH_ERRORS as exc:
            self._list_failed(meta, key, exc, report)
        self._judge(report)

    async def _put_whole(self, cat: Any, key: str, seq: int) -> None:
        """The whole list of ``cat`` into the state (its raw answer kept for object-shaped
        categories)."""
        items = await self.feed.items(cat)
        self.state.put_list(key, items, raw=getattr(self.feed, "last_raw", {}).get(key),
                            seq=seq)

    def _list_failed(self, meta: _ListMeta, key: str, exc: Exception,
                     report: RoundReport) -> None:
        """A list request failed: back off this list, count the error, keep the last data
        marked with it."""
        meta.errors += 1
        meta.retry_at = self.clock() + self._backoff(meta.errors)
        self._count(exc, report)
        self.state.fail_list(key, exc)
