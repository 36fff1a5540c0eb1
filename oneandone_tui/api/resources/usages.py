"""``client.usages``: billing usage per resource class over a period."""

from __future__ import annotations

from collections.abc import Sequence

from ._base import Json, Resource, endpoint
from .logs import When, period_query

__all__ = ["Usages"]


class Usages(Resource):
    collection = "/usages"

    @endpoint("GET", "/usages")
    async def list(self, period: str = "LAST_24H", *, start_date: When = None,
                   end_date: When = None, page: int | None = None, per_page: int | None = None,
                   sort: str | None = None, q: str | None = None,
                   fields: str | Sequence[str] | None = None) -> Json:
        """An object keyed by resource class (``SERVERS``, ``IMAGES``...), each a list."""
        query = period_query(period, start_date, end_date, page=page, per_page=per_page,
                             sort=sort, q=q, fields=fields)
        return await self._call(self.list, query=query)
