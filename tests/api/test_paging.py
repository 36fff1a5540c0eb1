"""Iterating pages: when to stop."""

from __future__ import annotations

from typing import Any

import pytest

from oneandone_tui.api import ListQuery, ValidationError
from oneandone_tui.api.paging import iterate_pages


def pages_of(items: list[int], *, total: bool = True, ignore_paging: bool = False):
    seen: list[dict[str, Any]] = []

    async def fetch(params: dict[str, Any]) -> tuple[list[Any], int | None]:
        seen.append(params)
        if ignore_paging:
            return list(items), None
        start = (params["page"] - 1) * params["per_page"]
        return items[start:start + params["per_page"]], len(items) if total else None

    return fetch, seen


async def collect(fetch: Any, query: ListQuery, per_page: int) -> list[list[int]]:
    return [page async for page in iterate_pages(fetch, query, per_page)]


def flat(pages: list[list[int]]) -> list[int]:
    return [item for page in pages for item in page]


@pytest.mark.parametrize(("n", "expected_requests"), [(0, 1), (5, 1), (9, 2), (10, 2), (11, 3)])
async def test_stops_on_short_page_or_total(n: int, expected_requests: int) -> None:
    fetch, seen = pages_of(list(range(n)))
    pages = await collect(fetch, ListQuery(sort="name", q="x"), 5)
    assert flat(pages) == list(range(n)) and len(seen) == expected_requests
    assert all(p["sort"] == "name" and p["q"] == "x" for p in seen)


async def test_without_total_an_empty_page_ends_it() -> None:
    fetch, seen = pages_of(list(range(10)), total=False)
    assert flat(await collect(fetch, ListQuery(), 5)) == list(range(10))
    assert len(seen) == 3


async def test_an_endpoint_ignoring_paging_is_read_once() -> None:
    fetch, seen = pages_of(list(range(12)), ignore_paging=True)
    assert await collect(fetch, ListQuery(), 5) == [list(range(12))]
    assert len(seen) == 1


async def test_starts_at_the_given_page_and_validates() -> None:
    fetch, seen = pages_of(list(range(12)))
    assert flat(await collect(fetch, ListQuery(page=2), 5)) == list(range(5, 12))
    assert [p["page"] for p in seen] == [2, 3]
    with pytest.raises(ValidationError):
        await collect(fetch, ListQuery(), 0)
