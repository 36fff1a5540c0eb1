"""``client.logs``: the account's action log over a period (every mutation writes an entry)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any

from ..models import Period
from ..paging import DEFAULT_PER_PAGE, ListQuery, iterate_pages
from ._base import JsonList, JsonObject, ListableResource, endpoint

__all__ = ["Logs", "When", "period_query"]

When = datetime | str | None


def period_query(period: str, start_date: When, end_date: When, **listing: Any) -> dict[str, Any]:
    """The query of a period-scoped list (logs, usages): period plus the list parameters."""
    return {**Period(period, start_date, end_date).validate().to_body(),
            **ListQuery(**listing).validate().to_body()}


class Logs(ListableResource):
    collection = "/logs"
    id_param = "log_id"

    @endpoint("GET", "/logs")
    async def list(self, period: str = "LAST_24H", *, start_date: When = None,
                   end_date: When = None, page: int | None = None, per_page: int | None = None,
                   sort: str | None = None, q: str | None = None,
                   fields: str | Sequence[str] | None = None) -> JsonList:
        """Log entries of ``period`` (``sort='-start_date'`` for newest first)."""
        query = period_query(period, start_date, end_date, page=page, per_page=per_page,
                             sort=sort, q=q, fields=fields)
        return await self._call(self.list, query=query)

    async def iterate(self, period: str = "LAST_24H", *, start_date: When = None,
                      end_date: When = None, per_page: int = DEFAULT_PER_PAGE,
                      sort: str | None = None, q: str | None = None,
                      fields: str | Sequence[str] | None = None) -> AsyncIterator[JsonObject]:
        base = Period(period, start_date, end_date).validate().to_body()

        async def fetch(params: dict[str, Any]) -> tuple[list[Any], int | None]:
            response = await self._send(self.list, query={**base, **params})
            total = response.headers.get("X-Total-Count")
            return response.data, int(total) if total and total.isdigit() else None

        async for page in iterate_pages(fetch, ListQuery(sort=sort, q=q, fields=fields),
                                        per_page):
            for item in page:
                yield item
