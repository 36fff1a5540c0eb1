"""List queries (``page``, ``per_page``, ``sort``, ``q``, ``fields``) and iterating every page.

The API documents the parameters but not a "next page" link, so :func:`iterate_pages` stops on
the first of: a short or empty page, the ``X-Total-Count`` total reached (the emulator sends it;
harmless if the real API does not), or a page longer than asked for (an endpoint that ignores
paging answered with everything). A page cap guards against an API that repeats page 1 forever.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import UnexpectedResponse
from .models._base import Checker, RequestObject, compact
from .shapes import describe

__all__ = ["DEFAULT_PER_PAGE", "ListQuery", "iterate_pages"]

DEFAULT_PER_PAGE = 100
MAX_PAGES = 10_000
_FIELD = re.compile(r"^[A-Za-z_][A-Za-z0-9_ ]*(\.[A-Za-z_][A-Za-z0-9_ ]*)*$")


@dataclass
class ListQuery(RequestObject):
    """The common query of collection GETs. ``sort='-name'`` sorts descending; ``fields`` is a
    projection (``"id,name,status.state"`` or a list of dotted names)."""

    page: int | None = None
    per_page: int | None = None
    sort: str | None = None
    q: str | None = None
    fields: str | Sequence[str] | None = None

    def field_list(self) -> list[str] | None:
        if self.fields is None:
            return None
        raw = self.fields.split(",") if isinstance(self.fields, str) else list(self.fields)
        return [f.strip() if isinstance(f, str) else f for f in raw]

    def check(self, c: Checker) -> None:
        c.integer("page", self.page, lo=1)
        c.integer("per_page", self.per_page, lo=1)
        if self.sort is not None:
            name = self.sort[1:] if isinstance(self.sort, str) and self.sort[:1] in "+-" \
                else self.sort
            if not isinstance(name, str) or not _FIELD.match(name):
                c.fail("sort", "must be a field name, e.g. 'name' or '-name' (descending)")
        c.text("q", self.q)
        names = self.field_list()
        if names is not None and (
                not names or any(not isinstance(n, str) or not _FIELD.match(n) for n in names)):
            c.fail("fields", "must be comma-separated field names, e.g. 'id,name,status'")

    def to_body(self) -> dict[str, Any]:
        """The query parameters."""
        names = self.field_list()
        return compact({"page": self.page, "per_page": self.per_page, "sort": self.sort,
                        "q": self.q or None, "fields": ",".join(names) if names else None})


PageFetcher = Callable[[dict[str, Any]], Awaitable[tuple[list[Any], int | None]]]


async def iterate_pages(fetch: PageFetcher, query: ListQuery,
                        per_page: int = DEFAULT_PER_PAGE) -> AsyncIterator[list[Any]]:
    """Yield each page (a list) from page ``query.page or 1`` on. ``fetch(params)`` returns
    ``(items, total or None)``."""
    query.validate()
    ListQuery(per_page=per_page).validate()
    page = query.page or 1
    seen = (page - 1) * per_page
    for _ in range(MAX_PAGES):
        params = {**query.to_body(), "page": page, "per_page": per_page}
        items, total = await fetch(params)
        if not isinstance(items, list):
            raise UnexpectedResponse("a list (one page)", describe(items))
        if items:
            yield items
        seen += len(items)
        if len(items) != per_page or (total is not None and seen >= total):
            return
        page += 1
