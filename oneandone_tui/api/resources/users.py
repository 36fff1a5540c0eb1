"""``client.users``: users, their API access (key, allowed IPs) and the current user's
permissions."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import ValidationError
from ..models import User, UserApiIps, UserUpdate
from ..waiting import GOOD_STATES, StateReader
from ._base import JsonObject, ManagedResource, endpoint, require

__all__ = ["Users"]


class Users(ManagedResource):
    collection = "/users"
    id_param = "user_id"
    # A disabled user is settled too (``DISABLE`` is what PUT takes, ``DISABLED`` what GET
    # may show).
    state = StateReader(stable=GOOD_STATES | {"DISABLE", "DISABLED"})

    @endpoint("POST", "/users")
    async def create(self, user: User) -> JsonObject:
        return await self._call(self.create, body=user)

    @endpoint("PUT", "/users/{user_id}")
    async def modify(self, user_id: str, update: UserUpdate) -> JsonObject:
        return await self._call(self.modify, body=update, user_id=user_id)

    @endpoint("GET", "/users/current_user_permissions")
    async def current_user_permissions(self) -> JsonObject:
        """What the token's user may do (same shape as a role's permissions)."""
        return await self._call(self.current_user_permissions)

    # -- API access -------------------------------------------------------------------------------
    @endpoint("GET", "/users/{user_id}/api")
    async def api(self, user_id: str) -> JsonObject:
        """``{active, key, allowed_ips}``."""
        return await self._call(self.api, user_id=user_id)

    @endpoint("PUT", "/users/{user_id}/api")
    async def modify_api(self, user_id: str, active: bool) -> JsonObject:
        """Enable or disable the user's API access."""
        if not isinstance(active, bool):
            raise ValidationError("active", "must be true or false")
        return await self._call(self.modify_api, body={"active": active}, user_id=user_id)

    @endpoint("GET", "/users/{user_id}/api/key")
    async def api_key(self, user_id: str) -> JsonObject:
        """``{key}``: handle with care, it is a token."""
        return await self._call(self.api_key, user_id=user_id)

    @endpoint("PUT", "/users/{user_id}/api/key", idempotent=False)
    async def change_api_key(self, user_id: str) -> JsonObject:
        """Replace the user's API key; never retried automatically (each call makes a new
        key, and a lost answer would leave the caller not knowing which one is valid)."""
        return await self._call(self.change_api_key, user_id=user_id)

    @endpoint("GET", "/users/{user_id}/api/ips")
    async def allowed_ips(self, user_id: str) -> list[str]:
        """The IPs allowed to use the user's key (strings)."""
        return await self._call(self.allowed_ips, user_id=user_id)

    @endpoint("POST", "/users/{user_id}/api/ips")
    async def add_allowed_ips(self, user_id: str, ips: Sequence[str]) -> JsonObject:
        return await self._call(self.add_allowed_ips, body=UserApiIps(list(ips)), user_id=user_id)

    @endpoint("DELETE", "/users/{user_id}/api/ips/{ip}")
    async def remove_allowed_ip(self, user_id: str, ip: str) -> JsonObject:
        return await self._call(self.remove_allowed_ip, user_id=user_id, ip=require("ip", ip))
