"""``client.monitoring_center``: per-server health (the list) and usage series over a period
(one server)."""

from __future__ import annotations

from datetime import datetime

from ..models import Period
from ._base import JsonObject, ListableResource, endpoint

__all__ = ["MonitoringCenter"]


class MonitoringCenter(ListableResource):
    collection = "/monitoring_center"
    id_param = "server_id"

    @endpoint("GET", "/monitoring_center/{server_id}")
    async def get(self, server_id: str, period: str = "LAST_24H", *,
                  start_date: datetime | str | None = None,
                  end_date: datetime | str | None = None) -> JsonObject:
        """CPU, RAM, disk, transfer and ping series; ``CUSTOM`` needs both dates."""
        query = Period(period, start_date, end_date)
        return await self._call(self.get, query=query, server_id=server_id)
