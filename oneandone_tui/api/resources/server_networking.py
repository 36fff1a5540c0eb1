"""A server's IPs (with their firewall policy and load balancers) and private networks.

``ip_id`` is the id of an entry of the server's ``ips`` (the same id as the public IP's in
``/public_ips``), not a server id.
"""

from __future__ import annotations

from .. import models
from ._base import JsonList, JsonObject, Resource, endpoint, require

__all__ = ["ServerNetworking"]


class ServerNetworking(Resource):
    @endpoint("GET", "/servers/{server_id}/ips")
    async def ips(self, server_id: str) -> JsonList:
        return await self._call(self.ips, server_id=server_id)

    @endpoint("POST", "/servers/{server_id}/ips")
    async def add_ip(self, server_id: str, ip_type: str = "IPV4") -> JsonObject:
        """Add a new public IP (``IPV4``; Go and .NET also know ``IPV6``)."""
        models.PublicIp(type=ip_type).validate()
        return await self._call(self.add_ip, body={"type": ip_type}, server_id=server_id)

    @endpoint("GET", "/servers/{server_id}/ips/{ip_id}")
    async def ip(self, server_id: str, ip_id: str) -> JsonObject:
        return await self._call(self.ip, server_id=server_id, ip_id=ip_id)

    @endpoint("DELETE", "/servers/{server_id}/ips/{ip_id}")
    async def remove_ip(self, server_id: str, ip_id: str, *,
                        keep_ip: bool | None = None) -> JsonObject:
        """Remove an IP; ``keep_ip=True`` releases it to ``/public_ips`` instead of deleting."""
        return await self._call(self.remove_ip, query={"keep_ip": keep_ip},
                                server_id=server_id, ip_id=ip_id)

    # -- firewall policy of an IP ---------------------------------------------------------------
    @endpoint("GET", "/servers/{server_id}/ips/{ip_id}/firewall_policy")
    async def ip_firewall_policy(self, server_id: str, ip_id: str) -> JsonObject:
        """``{id, name}`` of the IP's firewall policy."""
        return await self._call(self.ip_firewall_policy, server_id=server_id, ip_id=ip_id)

    @endpoint("PUT", "/servers/{server_id}/ips/{ip_id}/firewall_policy")
    async def set_ip_firewall_policy(self, server_id: str, ip_id: str,
                                     firewall_policy_id: str) -> JsonObject:
        body = {"id": require("firewall_policy_id", firewall_policy_id)}
        return await self._call(self.set_ip_firewall_policy, body=body, server_id=server_id,
                                ip_id=ip_id)

    @endpoint("DELETE", "/servers/{server_id}/ips/{ip_id}/firewall_policy")
    async def remove_ip_firewall_policy(self, server_id: str, ip_id: str) -> JsonObject:
        """Legacy (removed from the SDKs in 2018, kept by fog and the emulator)."""
        return await self._call(self.remove_ip_firewall_policy, server_id=server_id,
                                ip_id=ip_id)

    # -- load balancers of an IP ------------------------------------------------------------------
    @endpoint("GET", "/servers/{server_id}/ips/{ip_id}/load_balancers")
    async def ip_load_balancers(self, server_id: str, ip_id: str) -> JsonList:
        return await self._call(self.ip_load_balancers, server_id=server_id, ip_id=ip_id)

    @endpoint("POST", "/servers/{server_id}/ips/{ip_id}/load_balancers")
    async def add_ip_load_balancer(self, server_id: str, ip_id: str,
                                   load_balancer_id: str) -> JsonObject:
        body = {"load_balancer_id": require("load_balancer_id", load_balancer_id)}
        return await self._call(self.add_ip_load_balancer, body=body, server_id=server_id,
                                ip_id=ip_id)

    @endpoint("DELETE", "/servers/{server_id}/ips/{ip_id}/load_balancers/{load_balancer_id}")
    async def remove_ip_load_balancer(self, server_id: str, ip_id: str,
                                      load_balancer_id: str) -> JsonObject:
        return await self._call(self.remove_ip_load_balancer, server_id=server_id,
                                ip_id=ip_id, load_balancer_id=load_balancer_id)

    # -- private networks -------------------------------------------------------------------------
    @endpoint("GET", "/servers/{server_id}/private_networks")
    async def private_networks(self, server_id: str) -> JsonList:
        return await self._call(self.private_networks, server_id=server_id)

    @endpoint("POST", "/servers/{server_id}/private_networks")
    async def assign_private_network(self, server_id: str,
                                     private_network_id: str) -> JsonObject:
        body = {"id": require("private_network_id", private_network_id)}
        return await self._call(self.assign_private_network, body=body, server_id=server_id)

    @endpoint("GET", "/servers/{server_id}/private_networks/{private_network_id}")
    async def private_network(self, server_id: str, private_network_id: str) -> JsonObject:
        """The full private network object."""
        return await self._call(self.private_network, server_id=server_id,
                                private_network_id=private_network_id)

    @endpoint("DELETE", "/servers/{server_id}/private_networks/{private_network_id}")
    async def remove_private_network(self, server_id: str,
                                     private_network_id: str) -> JsonObject:
        """Leave a private network (the server must be powered off)."""
        return await self._call(self.remove_private_network, server_id=server_id,
                                private_network_id=private_network_id)
