"""``client.images``: server images (snapshots kept by frequency, or imported from a URL) and
``/images/os``, the importable operating systems (Go SDK only). SDK helper: ``get``."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Image, ImageUpdate
from ..paging import ListQuery
from ._base import JsonList, JsonObject, ManagedResource, endpoint

__all__ = ["Images"]


class Images(ManagedResource):
    collection = "/images"
    id_param = "image_id"
    poll_interval = 15.0

    @endpoint("POST", "/images")
    async def create(self, image: Image) -> JsonObject:
        """Create an image (DEPLOYING, then ACTIVE/ENABLED)."""
        return await self._call(self.create, body=image)

    @endpoint("PUT", "/images/{image_id}")
    async def modify(self, image_id: str, update: ImageUpdate) -> JsonObject:
        return await self._call(self.modify, body=update, image_id=image_id)

    @endpoint("GET", "/images/os")
    async def os(self, *, page: int | None = None, per_page: int | None = None,
                 sort: str | None = None, q: str | None = None,
                 fields: str | Sequence[str] | None = None) -> JsonList:
        """Operating systems an image can be imported as (``Image.os_id``)."""
        query = ListQuery(page=page, per_page=per_page, sort=sort, q=q, fields=fields)
        return await self._call(self.os, query=query)
