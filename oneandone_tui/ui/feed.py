"""Fetching what the UI shows, through the client, category by category (no Textual here).

The UI never builds requests. The screens ask the feed for a category's items, a detail
section, or the counts of every category, and the feed calls the client methods the catalogue
names; the forms and the follower call the client's own methods (``ctx.client.servers.create``,
``wait_for``) with the request objects they build, never the feed.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Mapping, Sequence
from itertools import compress
from operator import ne
from typing import TYPE_CHECKING, Any

from ..catalogue import CATEGORIES, Category, Item, Section, category
from ..state.model import error_text
from .failures import FETCH_ERRORS

if TYPE_CHECKING:
    from .client_protocol import UiClient

#: Items shared per step of ``share_leaves`` before the event loop gets a turn.
SHARE_CHUNK = 1000
#: The first request of a category asks for one page this long, so the first frame of a table
#: costs the same at 10,000 resources as at 100 (benchmarks/: target 3); the rest follows.
FIRST_PAGE = 100


class Counts(dict[str, int | None]):
    """How many items each category has: the number where it is known, None where asking
    failed, with the reason in ``failed`` (a count is never dropped silently, nor guessed).
    What to show is :meth:`text`: the number, or ``?`` with why."""

    def __init__(self) -> None:
        super().__init__()
        #: category key -> why it could not be counted (the error, as one line).
        self.failed: dict[str, str] = {}

    def text(self, key: str) -> str:
        """``"12"``, or ``"? (503: Service Unavailable)"`` where the count failed."""
        n = self.get(key)
        if n is not None:
            return str(n)
        reason = self.failed.get(key)
        return f"? ({reason})" if reason else "?"

    @property
    def known(self) -> int:
        """The sum of the counts that are known (a floor when something failed)."""
        return sum(n for n in self.values() if n is not None)

    def problem(self) -> str | None:
        """One line naming what could not be counted and why; None when all were."""
        if not self.failed:
            return None
        parts = [f"{category(k).title}: {why}" for k, why in self.failed.items()]
        return f"not counted ({len(parts)}): " + "; ".join(parts)


def _accepts(method: Any, name: str) -> bool:
    try:
        return name in inspect.signature(method).parameters
    except (TypeError, ValueError):
        return False


class Feed:
    #: As many requests at once as the client allows (its own bound is 8): loading the list of
    #: every category (``len(CATEGORIES)``) with 20 ms latency takes ``ceil(len / 8)`` rounds
    #: instead of ``len`` one at a time (6 at once took a round more; see benchmarks/: target
    #: 5).
    def __init__(self, client: UiClient, concurrency: int = 8) -> None:
        self.client = client
        self._limit = asyncio.Semaphore(concurrency)
        self._leaves: dict[tuple[Any, ...], Item] = {}
        #: The last answer of each object-shaped category (usages, pricing) before flattening,
        #: for readers that need more than its rows (the dashboard's cost estimate).
        self.last_raw: dict[str, Any] = {}

    def _api(self, cat: Category, api: str | None = None) -> Any:
        return getattr(self.client, api or cat.api)

    async def items(self, cat: Category, **overrides: Any) -> list[Item]:
        """Every item of a category (flattened for object-shaped answers)."""
        method = getattr(self._api(cat), cat.list_call)
        kwargs = {**cat.list_kwargs, **overrides}
        async with self._limit:
            data = await method(**kwargs)
        if cat.flatten is not None:
            if not overrides:
                self.last_raw[cat.key] = data
            return cat.flatten(data)
        items = list(data or [])
        if len(items) > FIRST_PAGE:
            if len(self._leaves) > 4096:
                self._leaves.clear()
            for start in range(0, len(items), SHARE_CHUNK):  # a few ms at a time
                share_leaves(items[start:start + SHARE_CHUNK], self._leaves)
                await asyncio.sleep(0)
        return items

    async def first_page(self, cat: Category,
                         size: int = FIRST_PAGE) -> tuple[list[Item], bool] | None:
        """The first ``size`` items and whether that is all of them; None when the category's
        list does not page (object-shaped answers, catalogue calls)."""
        method = getattr(self._api(cat), cat.list_call)
        if cat.flatten is not None or not _accepts(method, "per_page"):
            return None
        items = await self.items(cat, page=1, per_page=size)
        # A short page is the whole list; so is a longer one (an API that ignores paging).
        return items, len(items) != size

    async def statuses(self, cat: Category) -> list[Item] | None:
        """A cheap status round: the list projected to ``id`` and state (one request)."""
        if not cat.status_fields:
            return None
        return await self.items(cat, fields=cat.status_fields)

    async def item(self, cat: Category, item_id: str) -> Item:
        async with self._limit:
            return await self._api(cat).get(item_id)

    async def section(self, cat: Category, section: Section, item: Item) -> Any:
        """The data of one detail section (None: the item itself)."""
        if section.call is None:
            return item
        if section.when is not None and not section.when(item):
            return None
        method = getattr(self._api(cat, section.api), section.call)
        async with self._limit:
            return await method(item["id"])

    async def call(self, api: str, method: str, *args: Any, **kwargs: Any) -> Any:
        """One client call (``call("monitoring_center", "get", server_id, "LAST_24H")``),
        bounded by the same semaphore as every other request the feed makes."""
        fn = getattr(getattr(self.client, api), method)
        async with self._limit:
            return await fn(*args, **kwargs)

    async def counts(self, cats: Sequence[Category] = CATEGORIES, *,
                     reports: bool = True) -> Counts:
        """How many items each category has: every count that could be had, and for each
        that could not, None and the reason (:class:`Counts`); without ``reports``, the
        period reports (usages, logs) are left out. Only what fetching can raise counts as a
        failure: a bug is raised, not shown as "?"."""
        if not reports:
            cats = [c for c in cats if "period" not in c.list_kwargs]
        out = Counts()
        out.update((c.key, None) for c in cats)  # in the order asked for, whatever answers first

        async def one(cat: Category) -> None:
            # Counting needs ids only: ``fields=id`` keeps 10,000 servers to ~0.4 MB instead
            # of ~6.5 MB (and as many decoded objects).
            method = getattr(self._api(cat), cat.list_call)
            fields = {"fields": "id"} if cat.flatten is None and _accepts(method, "fields") \
                else {}
            try:
                out[cat.key] = len(await self.items(cat, **fields))
            except FETCH_ERRORS as exc:
                out.failed[cat.key] = error_text(exc)

        await asyncio.gather(*(one(c) for c in cats))
        return out


def share_leaves(items: list[Item], memo: dict[tuple[Any, ...], Item]) -> None:
    """Make equal leaf objects (dicts of plain values: a server's ``status``, ``datacenter``,
    ``image``) one object across items, in place. 10,000 servers then hold 4 datacenters and
    a few states instead of 10,000 copies each (~9 MB less; benchmarks/: target 6), and a
    refresh compares unchanged leaves by identity. Nothing in the UI mutates nested values."""
    for item in items:
        for key, value in item.items():
            if type(value) is dict:
                sig = (key, *value.items())
                try:
                    item[key] = memo.setdefault(sig, value)
                except TypeError:  # a value is itself a list or a dict: not a leaf
                    continue


def changed_ids(old: Mapping[str, Item], fresh: Mapping[str, Item],
                only: Sequence[str] | None = None) -> list[str] | None:
    """Ids whose item differs between two listings of the same resources in the same order
    (among ``only`` when given); None when resources came, went or moved. The comparison runs
    in C (``map(ne, ...)``): ~10-30 ms for 10,000 servers, so a refresh where one changed
    redraws one row."""
    if len(old) != len(fresh) or list(old) != list(fresh):
        return None
    if only is not None:
        return [rid for rid in only if rid in fresh and fresh[rid] != old[rid]]
    return list(compress(fresh, map(ne, fresh.values(), old.values())))
