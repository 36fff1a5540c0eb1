"""``client.private_networks``: private networks and their servers. SDK helpers: ``get``,
``servers``."""

from __future__ import annotations

from collections.abc import Iterable

from ..models import AttachServer, PrivateNetwork, PrivateNetworkUpdate
from ._base import Json, JsonList, JsonObject, ManagedResource, endpoint, id_list

__all__ = ["PrivateNetworks"]


class PrivateNetworks(ManagedResource):
    collection = "/private_networks"
    id_param = "private_network_id"

    @endpoint("POST", "/private_networks")
    async def create(self, network: PrivateNetwork) -> JsonObject:
        return await self._call(self.create, body=network)

    @endpoint("PUT", "/private_networks/{private_network_id}")
    async def modify(self, private_network_id: str, update: PrivateNetworkUpdate) -> JsonObject:
        return await self._call(self.modify, body=update, private_network_id=private_network_id)

    @endpoint("GET", "/private_networks/{private_network_id}/servers")
    async def servers(self, private_network_id: str) -> JsonList:
        """``[{id, name}]``."""
        return await self._call(self.servers, private_network_id=private_network_id)

    @endpoint("POST", "/private_networks/{private_network_id}/servers")
    async def attach_servers(self, private_network_id: str,
                             servers: Iterable[str | AttachServer]) -> Json:
        """Attach servers (ids or ``AttachServer(server_id=...)``). The answer is the network
        (Go, Java) or the list of its servers (the SDK fixture)."""
        body = {"servers": id_list("servers", servers, "server_id")}
        return await self._call(self.attach_servers, body=body,
                                private_network_id=private_network_id)

    @endpoint("GET", "/private_networks/{private_network_id}/servers/{server_id}")
    async def server(self, private_network_id: str, server_id: str) -> JsonObject:
        return await self._call(self.server, private_network_id=private_network_id,
                                server_id=server_id)

    @endpoint("DELETE", "/private_networks/{private_network_id}/servers/{server_id}")
    async def remove_server(self, private_network_id: str, server_id: str) -> JsonObject:
        """Detach a server (it must be powered off and have no snapshot)."""
        return await self._call(self.remove_server, private_network_id=private_network_id,
                                server_id=server_id)
