"""Users: create, modify, enable/disable, API access on/off, a new API key, allowed IPs
(add, remove), delete."""

from __future__ import annotations

from typing import Any

from ...api.models import User, UserApiIps, UserUpdate
from ...catalogue import get
from .common import DESCRIPTION, NAME, confirm_action, delete_action, edit_action, form_action
from .common import item_id as uid
from .context import FormValues
from .fields import Group, Password, Picker, Text
from .registry import register
from .sources import sub
from .spec import Action, FormSpec, follow_result, model

EMAIL = Text("email", "E-mail")

CREATE = FormSpec(
    title="New user", submit_label="Create",
    fields=(NAME, Password("password", "Password", hint="8+ characters, an upper-case letter "
                                                        "and a digit"), EMAIL, DESCRIPTION),
    build=model(User), call=lambda v, item, req: v.ctx.client.users.create(req),
    follow=follow_result())


def _users(v: FormValues) -> Any:
    return v.ctx.client.users


def _state(key: str, title: str, value: str, when: tuple[str, ...]) -> Action:
    return confirm_action(
        key, title, lambda v, item, req: _users(v).modify(uid(item), req),
        build=lambda v: UserUpdate(state=value), bulk=True, danger=value == "DISABLE",
        message=lambda ctx: f"{title} {ctx.names()}?",
        available=lambda i: i.get("state") in when)


def _api(key: str, title: str, active: bool) -> Action:
    return confirm_action(
        key, title, lambda v, item, req: _users(v).modify_api(uid(item), active),
        message=lambda ctx: f"{title} for {ctx.names()}?", bulk=True, danger=not active,
        available=lambda i: get(i, "api.active") in (not active, None))


ALLOWED = Picker("ip", "Allowed IP", source=sub(
    "user-ips", lambda ctx: ctx.client.users.allowed_ips(ctx.item_id), str, value=lambda x: x))

register(
    "users",
    Action("new", "New user", CREATE, kind="new", needs_item=False),
    edit_action(model(UserUpdate), lambda v, item, req: _users(v).modify(uid(item), req),
                fields=(DESCRIPTION, EMAIL,
                        Password("password", "New password", hint="empty: unchanged")),
                keys=("description", "email")),
    _state("disable", "Disable", "DISABLE", ("ACTIVE",)),
    _state("enable", "Enable", "ACTIVE", ("DISABLE", "DISABLED")),
    _api("api_on", "Enable API access", True),
    _api("api_off", "Disable API access", False),
    confirm_action(
        "api_key", "New API key", lambda v, item, req: _users(v).change_api_key(uid(item)),
        danger=True, submit_label="Replace the key",
        message=lambda ctx: f"Replace the API key of {ctx.label}? Scripts using the old key "
                            f"stop working."),
    form_action(
        "add_ips", "Allow IPs",
        (Group("ips", "IPs allowed to use the API key", min_rows=1, add_label="Add IP",
               fields=(Text("ip", "IP address", hint="e.g. 203.0.113.10"),)),),
        lambda v, item, req: _users(v).add_allowed_ips(uid(item), req.ips),
        build=lambda v: UserApiIps(ips=[r.get("ip") for r in v.get("ips") or []]),
        submit_label="Allow"),
    form_action(
        "remove_ip", "Remove an allowed IP", (ALLOWED,),
        lambda v, item, req: _users(v).remove_allowed_ip(uid(item), v.get("ip")),
        danger=True, submit_label="Remove"),
    delete_action(),
)
