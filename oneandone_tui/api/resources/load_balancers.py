"""``client.load_balancers``: balancers, their rules and the server IPs behind them.
SDK helpers: ``get``, ``ips``, ``rules``. IPs are server IP ids (``server.ips[].id``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..models import (
    AttachServer,
    LoadBalancer,
    LoadBalancerRule,
    LoadBalancerRules,
    LoadBalancerUpdate,
)
from ._base import JsonList, JsonObject, ManagedResource, endpoint, id_list

__all__ = ["LoadBalancers"]


class LoadBalancers(ManagedResource):
    collection = "/load_balancers"
    id_param = "load_balancer_id"

    @endpoint("POST", "/load_balancers")
    async def create(self, balancer: LoadBalancer) -> JsonObject:
        return await self._call(self.create, body=balancer)

    @endpoint("PUT", "/load_balancers/{load_balancer_id}")
    async def modify(self, load_balancer_id: str, update: LoadBalancerUpdate) -> JsonObject:
        return await self._call(self.modify, body=update, load_balancer_id=load_balancer_id)

    # -- server IPs -------------------------------------------------------------------------------
    @endpoint("GET", "/load_balancers/{load_balancer_id}/server_ips")
    async def ips(self, load_balancer_id: str) -> JsonList:
        """``[{id, ip, server_name}]`` of the server IPs behind the balancer."""
        return await self._call(self.ips, load_balancer_id=load_balancer_id)

    @endpoint("POST", "/load_balancers/{load_balancer_id}/server_ips")
    async def attach_ips(self, load_balancer_id: str,
                         server_ips: Iterable[str | AttachServer]) -> JsonObject:
        body = {"server_ips": id_list("server_ips", server_ips, "server_ip_id")}
        return await self._call(self.attach_ips, body=body, load_balancer_id=load_balancer_id)

    @endpoint("GET", "/load_balancers/{load_balancer_id}/server_ips/{server_ip_id}")
    async def ip(self, load_balancer_id: str, server_ip_id: str) -> JsonObject:
        return await self._call(self.ip, load_balancer_id=load_balancer_id,
                                server_ip_id=server_ip_id)

    @endpoint("DELETE", "/load_balancers/{load_balancer_id}/server_ips/{server_ip_id}")
    async def remove_ip(self, load_balancer_id: str, server_ip_id: str) -> JsonObject:
        return await self._call(self.remove_ip, load_balancer_id=load_balancer_id,
                                server_ip_id=server_ip_id)

    # -- rules ------------------------------------------------------------------------------------
    @endpoint("GET", "/load_balancers/{load_balancer_id}/rules")
    async def rules(self, load_balancer_id: str) -> JsonList:
        return await self._call(self.rules, load_balancer_id=load_balancer_id)

    @endpoint("POST", "/load_balancers/{load_balancer_id}/rules")
    async def add_rules(self, load_balancer_id: str,
                        rules: Sequence[LoadBalancerRule] | LoadBalancerRules) -> JsonObject:
        body = rules if isinstance(rules, LoadBalancerRules) else LoadBalancerRules(list(rules))
        return await self._call(self.add_rules, body=body, load_balancer_id=load_balancer_id)

    @endpoint("GET", "/load_balancers/{load_balancer_id}/rules/{rule_id}")
    async def rule(self, load_balancer_id: str, rule_id: str) -> JsonObject:
        return await self._call(self.rule, load_balancer_id=load_balancer_id, rule_id=rule_id)

    @endpoint("DELETE", "/load_balancers/{load_balancer_id}/rules/{rule_id}")
    async def remove_rule(self, load_balancer_id: str, rule_id: str) -> JsonObject:
        return await self._call(self.remove_rule, load_balancer_id=load_balancer_id,
                                rule_id=rule_id)
