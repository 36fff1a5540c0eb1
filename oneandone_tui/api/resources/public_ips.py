"""``client.public_ips``: the account's public IPs (assigned or spare)."""

from __future__ import annotations

from ..models import PublicIp
from ._base import JsonObject, ManagedResource, endpoint

__all__ = ["PublicIps"]


class PublicIps(ManagedResource):
    collection = "/public_ips"
    id_param = "ip_id"

    @endpoint("POST", "/public_ips")
    async def create(self, ip: PublicIp) -> JsonObject:
        return await self._call(self.create, body=ip)

    @endpoint("PUT", "/public_ips/{ip_id}")
    async def modify(self, ip_id: str, reverse_dns: str | None) -> JsonObject:
        """Set the reverse DNS name. ``None`` clears it: the API clears an omitted value, so
        ``reverse_dns`` is always sent, null included."""
        PublicIp(reverse_dns=reverse_dns).validate()
        return await self._call(self.modify, body={"reverse_dns": reverse_dns}, ip_id=ip_id)
