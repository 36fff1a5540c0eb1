"""Roles: create, modify, clone, permissions (a checkbox per permission, as the role has
them now), add and remove users, delete."""

from __future__ import annotations

from typing import Any

from ...api.models import Role, RolePermissions, RoleUpdate
from .common import DESCRIPTION, NAME, delete_action, edit_action, form_action, ids, item_id
from .context import Ctx, FormValues
from .fields import Bool, Field, Group, Picker
from .registry import register
from .sources import USERS, sub
from .spec import Action, FormSpec, follow_result

CREATE = FormSpec(
    title="New role", submit_label="Create", fields=(NAME,),
    build=lambda v: Role(name=v.get("name")),
    call=lambda v, item, req: v.ctx.client.roles.create(req.name), follow=follow_result())


async def _permissions(ctx: Ctx) -> tuple[list[Field], dict[str, Any]]:
    perms = await ctx.client.roles.permissions(ctx.item_id)
    fields: list[Field] = []
    values: dict[str, Any] = {}
    for group, flags in (perms or {}).items():
        if not isinstance(flags, dict):
            continue
        for i, (flag, on) in enumerate(flags.items()):
            path = f"{group}.{flag}"
            fields.append(Bool(path, group if i == 0 else "", hint=flag.replace("_", " ")))
            values[path] = bool(on)
    return fields, values


def _permissions_request(v: FormValues) -> RolePermissions:
    groups: dict[str, dict[str, bool]] = {}
    for path, on in v.items():
        group, _, flag = path.partition(".")
        if flag:
            groups.setdefault(group, {})[flag] = bool(on)
    return RolePermissions.from_groups(groups)


PERMISSIONS = FormSpec(
    title=lambda ctx: f"Permissions: {ctx.label}", submit_label="Save", prepare=_permissions,
    build=_permissions_request,
    call=lambda v, item, req: v.ctx.client.roles.modify_permissions(item_id(item), req))

ROLE_USERS = sub("role-users", lambda ctx: ctx.client.roles.users(ctx.item_id),
                 lambda u: str(u.get("name") or u.get("id")))

register(
    "roles",
    Action("new", "New role", CREATE, kind="new", needs_item=False),
    edit_action(lambda v: RoleUpdate(name=v.get("name"), description=v.get("description")),
                lambda v, item, req: v.ctx.client.roles.modify(item_id(item), req),
                fields=(NAME, DESCRIPTION)),
    form_action(
        "clone", "Clone", (NAME,),
        lambda v, item, req: v.ctx.client.roles.clone(item_id(item), req.name),
        build=lambda v: Role(name=v.get("name")), follow=follow_result(),
        initial=lambda ctx: {"name": f"{(ctx.item or {}).get('name')} copy"}),
    Action("permissions", "Permissions", PERMISSIONS),
    form_action(
        "add_users", "Add users",
        (Group("users", "Users", min_rows=1, add_label="Add user",
               fields=(Picker("user_id", "User", source=USERS),)),),
        lambda v, item, req: v.ctx.client.roles.add_users(
            item_id(item), ids(v, "users", "user_id")),
        submit_label="Add"),
    form_action(
        "remove_user", "Remove a user", (Picker("user_id", "User", source=ROLE_USERS),),
        lambda v, item, req: v.ctx.client.roles.remove_user(item_id(item), v.text("user_id")),
        danger=True, submit_label="Remove"),
    delete_action(),
)
