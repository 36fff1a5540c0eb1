"""``client.shared_storages``: network storages, the servers attached to them, and the account's
storage access credentials. SDK helpers: ``get``, ``servers``."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import (
    AttachServer,
    SharedStorage,
    SharedStorageAccess,
    SharedStorageServers,
    SharedStorageUpdate,
)
from ..shapes import OBJECT_OR_OBJECTS
from ._base import Json, JsonList, JsonObject, ManagedResource, endpoint

__all__ = ["SharedStorages"]


class SharedStorages(ManagedResource):
    collection = "/shared_storages"
    id_param = "shared_storage_id"

    @endpoint("POST", "/shared_storages")
    async def create(self, storage: SharedStorage) -> JsonObject:
        return await self._call(self.create, body=storage)

    @endpoint("PUT", "/shared_storages/{shared_storage_id}")
    async def modify(self, shared_storage_id: str, update: SharedStorageUpdate) -> JsonObject:
        return await self._call(self.modify, body=update, shared_storage_id=shared_storage_id)

    @endpoint("GET", "/shared_storages/{shared_storage_id}/servers")
    async def servers(self, shared_storage_id: str) -> JsonList:
        """``[{id, name, rights}]``."""
        return await self._call(self.servers, shared_storage_id=shared_storage_id)

    @endpoint("POST", "/shared_storages/{shared_storage_id}/servers")
    async def attach_servers(self, shared_storage_id: str,
                             servers: Sequence[AttachServer] | SharedStorageServers,
                             ) -> JsonObject:
        """Attach servers, each ``AttachServer(server_id=..., rights='R'|'RW')``."""
        body = servers if isinstance(servers, SharedStorageServers) else \
            SharedStorageServers(list(servers))
        return await self._call(self.attach_servers, body=body,
                                shared_storage_id=shared_storage_id)

    @endpoint("GET", "/shared_storages/{shared_storage_id}/servers/{server_id}")
    async def server(self, shared_storage_id: str, server_id: str) -> JsonObject:
        return await self._call(self.server, shared_storage_id=shared_storage_id,
                                server_id=server_id)

    @endpoint("DELETE", "/shared_storages/{shared_storage_id}/servers/{server_id}")
    async def detach_server(self, shared_storage_id: str, server_id: str) -> JsonObject:
        return await self._call(self.detach_server, shared_storage_id=shared_storage_id,
                                server_id=server_id)

    @endpoint("GET", "/shared_storages/access", answer=OBJECT_OR_OBJECTS)
    async def access(self) -> JsonList:
        """The access credentials, always as a list: Go, Java and .NET decode a list (what the
        API answers); the Python SDK's mock fixture is one object, which becomes a one-item
        list here so readers see one shape."""
        return _as_list(await self._call(self.access))

    @endpoint("PUT", "/shared_storages/access", answer=OBJECT_OR_OBJECTS)
    async def change_access_password(self, password: str) -> JsonList:
        """Set the password of the storages' CIFS/NFS access (at least 8 characters); the
        answer is the credentials, as a list (see ``access``)."""
        return _as_list(await self._call(self.change_access_password,
                                         body=SharedStorageAccess(password=password)))


def _as_list(answer: Json) -> JsonList:
    if isinstance(answer, list):
        return answer
    return [] if answer is None else [answer]
