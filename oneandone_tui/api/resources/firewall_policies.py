"""``client.firewall_policies``: policies, their rules and the server IPs they protect.
SDK helpers: ``get``, ``ips``, ``rules``. IPs are server IP ids (``server.ips[].id``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..models import (
    AttachServer,
    FirewallPolicy,
    FirewallPolicyRule,
    FirewallPolicyRules,
    FirewallPolicyUpdate,
)
from ._base import JsonList, JsonObject, ManagedResource, endpoint, id_list

__all__ = ["FirewallPolicies"]


class FirewallPolicies(ManagedResource):
    collection = "/firewall_policies"
    id_param = "firewall_id"

    @endpoint("POST", "/firewall_policies")
    async def create(self, policy: FirewallPolicy) -> JsonObject:
        return await self._call(self.create, body=policy)

    @endpoint("PUT", "/firewall_policies/{firewall_id}")
    async def modify(self, firewall_id: str, update: FirewallPolicyUpdate) -> JsonObject:
        return await self._call(self.modify, body=update, firewall_id=firewall_id)

    # -- server IPs -------------------------------------------------------------------------------
    @endpoint("GET", "/firewall_policies/{firewall_id}/server_ips")
    async def ips(self, firewall_id: str) -> JsonList:
        """``[{id, ip, server_name}]`` of the server IPs using the policy."""
        return await self._call(self.ips, firewall_id=firewall_id)

    @endpoint("POST", "/firewall_policies/{firewall_id}/server_ips")
    async def attach_ips(self, firewall_id: str,
                         server_ips: Iterable[str | AttachServer]) -> JsonObject:
        """Protect server IPs (ids, or ``AttachServer(server_ip_id=...)``)."""
        body = {"server_ips": id_list("server_ips", server_ips, "server_ip_id")}
        return await self._call(self.attach_ips, body=body, firewall_id=firewall_id)

    @endpoint("GET", "/firewall_policies/{firewall_id}/server_ips/{server_ip_id}")
    async def ip(self, firewall_id: str, server_ip_id: str) -> JsonObject:
        return await self._call(self.ip, firewall_id=firewall_id, server_ip_id=server_ip_id)

    @endpoint("DELETE", "/firewall_policies/{firewall_id}/server_ips/{server_ip_id}")
    async def remove_ip(self, firewall_id: str, server_ip_id: str) -> JsonObject:
        """Legacy (removed from the SDKs in 2018; the Ansible module still calls it)."""
        return await self._call(self.remove_ip, firewall_id=firewall_id,
                                server_ip_id=server_ip_id)

    # -- rules ------------------------------------------------------------------------------------
    @endpoint("GET", "/firewall_policies/{firewall_id}/rules")
    async def rules(self, firewall_id: str) -> JsonList:
        return await self._call(self.rules, firewall_id=firewall_id)

    @endpoint("POST", "/firewall_policies/{firewall_id}/rules")
    async def add_rules(self, firewall_id: str,
                        rules: Sequence[FirewallPolicyRule] | FirewallPolicyRules) -> JsonObject:
        body = rules if isinstance(rules, FirewallPolicyRules) else FirewallPolicyRules(
            list(rules))
        return await self._call(self.add_rules, body=body, firewall_id=firewall_id)

    @endpoint("GET", "/firewall_policies/{firewall_id}/rules/{rule_id}")
    async def rule(self, firewall_id: str, rule_id: str) -> JsonObject:
        return await self._call(self.rule, firewall_id=firewall_id, rule_id=rule_id)

    @endpoint("DELETE", "/firewall_policies/{firewall_id}/rules/{rule_id}")
    async def remove_rule(self, firewall_id: str, rule_id: str) -> JsonObject:
        return await self._call(self.remove_rule, firewall_id=firewall_id, rule_id=rule_id)
