"""Fetching what the UI shows, through the client, category by category (no Textual here).

The UI never builds requests: it asks the feed for a category's items, a detail section, or
the counts of every category, and the feed calls the client methods the catalogue names.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from ..catalogue import CATEGORIES, Category, Item, Section, is_transitional


class Feed:
    def __init__(self, client: Any, concurrency: int = 6) -> None:
        self.client = client
        self._limit = asyncio.Semaphore(concurrency)

    def _api(self, cat: Category, api: str | None = None) -> Any:
        return getattr(self.client, api or cat.api)

    async def items(self, cat: Category, **overrides: Any) -> list[Item]:
        """Every item of a category (flattened for object-shaped answers)."""
        method = getattr(self._api(cat), cat.list_call)
        kwargs = {**cat.list_kwargs, **overrides}
        async with self._limit:
            data = await method(**kwargs)
        if cat.flatten is not None:
            return cat.flatten(data)
        return list(data or [])

    async def statuses(self, cat: Category) -> list[Item] | None:
        """A cheap status round: the list projected to ``id`` and state (one request)."""
        if not cat.status_fields:
            return None
        return await self.items(cat, fields=cat.status_fields)

    async def item(self, cat: Category, item_id: str) -> Item:
        async with self._limit:
            return await self._api(cat).get(item_id)  # type: ignore[no-any-return]

    async def section(self, cat: Category, section: Section, item: Item) -> Any:
        """The data of one detail section (None: the item itself)."""
        if section.call is None:
            return item
        if section.when is not None and not section.when(item):
            return None
        method = getattr(self._api(cat, section.api), section.call)
        async with self._limit:
            return await method(item["id"])

    async def counts(self, cats: Sequence[Category] = CATEGORIES) -> dict[str, int | None]:
        """How many items each category has (None where the request failed)."""

        async def one(cat: Category) -> tuple[str, int | None]:
            try:
                return cat.key, len(await self.items(cat))
            except Exception:
                return cat.key, None

        return dict(await asyncio.gather(*(one(c) for c in cats)))


def any_transitional(items: Sequence[Item]) -> bool:
    return any(is_transitional(i) for i in items)
