"""A resource's own object (``GET /servers/{id}``) and its detail sections (its IPs, disks...):
fetched in a round when due, or now for a detail screen that just opened; the object first,
since a section's ``when`` reads it; a failure kept on the section, with its own backoff.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from ..catalogue import category, is_transitional
from .model import ITEM, SectionKey
from .poll_core import FETCH_ERRORS, PollerCore, RoundReport, _SectionMeta, fingerprint


class SectionFetching(PollerCore):
    """The detail half of :class:`~.poller.Poller`."""

    def request_section(self, sk: SectionKey) -> None:
        """Fetch this section in the next round (a watched tab just shown)."""
        self._sections.setdefault(sk, _SectionMeta()).forced = True
        self._wake.set()

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
        except FETCH_ERRORS as exc:
            meta.errors += 1
            meta.retry_at = self.clock() + self._backoff(meta.errors)
            self._count(exc, report)
            self.state.fail_section(key, rid, title, exc)
            return
        meta.errors = 0
        self._count(None, report)
        self.state.put_section(key, rid, title, data)
