"""``client.roles``: roles, their permissions and users."""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Role, RolePermissions, RoleUpdate
from ._base import JsonList, JsonObject, ManagedResource, endpoint, id_list

__all__ = ["Roles"]


class Roles(ManagedResource):
    collection = "/roles"
    id_param = "role_id"

    @endpoint("POST", "/roles")
    async def create(self, name: str) -> JsonObject:
        return await self._call(self.create, body=Role(name))

    @endpoint("PUT", "/roles/{role_id}")
    async def modify(self, role_id: str, update: RoleUpdate) -> JsonObject:
        return await self._call(self.modify, body=update, role_id=role_id)

    @endpoint("POST", "/roles/{role_id}/clone")
    async def clone(self, role_id: str, name: str) -> JsonObject:
        """A copy of the role named ``name`` (the answer is the new role)."""
        return await self._call(self.clone, body=Role(name), role_id=role_id)

    @endpoint("GET", "/roles/{role_id}/permissions")
    async def permissions(self, role_id: str) -> JsonObject:
        return await self._call(self.permissions, role_id=role_id)

    @endpoint("PUT", "/roles/{role_id}/permissions")
    async def modify_permissions(self, role_id: str, permissions: RolePermissions) -> JsonObject:
        return await self._call(self.modify_permissions, body=permissions, role_id=role_id)

    @endpoint("GET", "/roles/{role_id}/users")
    async def users(self, role_id: str) -> JsonList:
        return await self._call(self.users, role_id=role_id)

    @endpoint("POST", "/roles/{role_id}/users")
    async def add_users(self, role_id: str, user_ids: Iterable[str]) -> JsonObject:
        body = {"users": id_list("users", user_ids)}
        return await self._call(self.add_users, body=body, role_id=role_id)

    @endpoint("GET", "/roles/{role_id}/users/{user_id}")
    async def user(self, role_id: str, user_id: str) -> JsonObject:
        return await self._call(self.user, role_id=role_id, user_id=user_id)

    @endpoint("DELETE", "/roles/{role_id}/users/{user_id}")
    async def remove_user(self, role_id: str, user_id: str) -> JsonObject:
        return await self._call(self.remove_user, role_id=role_id, user_id=user_id)
