"""``client.ssh_keys``: SSH public keys to install on new servers (``Server.public_key``)."""

from __future__ import annotations

from ..models import SshKey, SshKeyUpdate
from ._base import JsonObject, ManagedResource, endpoint

__all__ = ["SshKeys"]


class SshKeys(ManagedResource):
    collection = "/ssh_keys"
    id_param = "ssh_key_id"

    @endpoint("POST", "/ssh_keys")
    async def create(self, key: SshKey) -> JsonObject:
        """Add a key; without ``public_key`` the API generates a pair and returns the private
        key once."""
        return await self._call(self.create, body=key)

    @endpoint("PUT", "/ssh_keys/{ssh_key_id}")
    async def modify(self, ssh_key_id: str, update: SshKeyUpdate) -> JsonObject:
        return await self._call(self.modify, body=update, ssh_key_id=ssh_key_id)
