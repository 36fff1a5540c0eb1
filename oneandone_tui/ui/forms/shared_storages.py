"""Shared storages: create, modify, attach servers (R or RW), detach, delete, and the
account's storage access password."""

from __future__ import annotations

from ...api.models import (
    AttachServer,
    SharedStorage,
    SharedStorageAccess,
    SharedStorageServers,
    SharedStorageUpdate,
)
from ...api.models.storage import RIGHTS
from .common import DESCRIPTION, NAME, delete_action, edit_action, form_action, item_id
from .context import FormValues
from .fields import Choice, Group, Int, Password, Picker
from .registry import register
from .sources import DATACENTERS, SERVERS, attached_servers
from .spec import Action, FormSpec, follow_result, model, no_follow

SIZE = Int("size", "Size (GB)", hint="50, 100, 150… (steps of 50)")

CREATE = FormSpec(
    title="New shared storage", submit_label="Create",
    fields=(NAME, DESCRIPTION, SIZE,
            Picker("datacenter_id", "Datacenter", source=DATACENTERS, hint="the default one")),
    build=model(SharedStorage),
    call=lambda v, item, req: v.ctx.client.shared_storages.create(req), follow=follow_result())


def _attach(v: FormValues) -> SharedStorageServers:
    return SharedStorageServers(servers=[
        AttachServer(server_id=r.get("server_id"), rights=r.get("rights"))
        for r in v.get("servers") or []])


register(
    "shared_storages",
    Action("new", "New shared storage", CREATE, kind="new", needs_item=False),
    edit_action(model(SharedStorageUpdate),
                lambda v, item, req: v.ctx.client.shared_storages.modify(item_id(item), req),
                fields=(NAME, DESCRIPTION, SIZE), keys=("name", "description", "size")),
    form_action(
        "attach", "Attach servers",
        (Group("servers", "Servers", min_rows=1, add_label="Add server",
               fields=(Picker("server_id", "Server", source=SERVERS),
                       Choice("rights", "Access", options=RIGHTS, default="RW", blank=False,
                              width=10))),),
        lambda v, item, req: v.ctx.client.shared_storages.attach_servers(item_id(item), req),
        build=_attach, submit_label="Attach"),
    form_action(
        "detach", "Detach a server",
        (Picker("server_id", "Server", source=attached_servers("shared_storages")),),
        lambda v, item, req: v.ctx.client.shared_storages.detach_server(
            item_id(item), v.text("server_id")),
        danger=True, submit_label="Detach"),
    delete_action(typed=True),
    form_action(
        "access", "Change the access password",
        (Password("password", "New password", hint="at least 8 characters"),),
        lambda v, item, req: v.ctx.client.shared_storages.change_access_password(
            v.text("password")),
        build=model(SharedStorageAccess), follow=no_follow, needs_item=False,
        submit_label="Change", done="The storage access password was changed.",
        message=lambda ctx: "The password of every shared storage's CIFS/NFS access."),
)
