"""``client.block_storages``: block volumes and the server each is attached to."""

from __future__ import annotations

from ..models import BlockStorage, BlockStorageUpdate
from ._base import JsonObject, ManagedResource, endpoint, require

__all__ = ["BlockStorages"]


class BlockStorages(ManagedResource):
    collection = "/block_storages"
    id_param = "block_storage_id"

    @endpoint("POST", "/block_storages")
    async def create(self, storage: BlockStorage) -> JsonObject:
        return await self._call(self.create, body=storage)

    @endpoint("PUT", "/block_storages/{block_storage_id}")
    async def modify(self, block_storage_id: str, update: BlockStorageUpdate) -> JsonObject:
        return await self._call(self.modify, body=update, block_storage_id=block_storage_id)

    @endpoint("GET", "/block_storages/{block_storage_id}/server")
    async def server(self, block_storage_id: str) -> JsonObject:
        """The attached server (the SDK's ``BlockStorage.server()`` helper)."""
        return await self._call(self.server, block_storage_id=block_storage_id)

    @endpoint("POST", "/block_storages/{block_storage_id}/server")
    async def attach_server(self, block_storage_id: str, server_id: str) -> JsonObject:
        body = {"server": require("server_id", server_id)}
        return await self._call(self.attach_server, body=body, block_storage_id=block_storage_id)

    @endpoint("DELETE", "/block_storages/{block_storage_id}/server")
    async def detach_server(self, block_storage_id: str) -> JsonObject:
        return await self._call(self.detach_server, block_storage_id=block_storage_id)
