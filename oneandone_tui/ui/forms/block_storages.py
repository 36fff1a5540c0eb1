"""Block storages: create (optionally attached at once), modify, attach to a server,
detach, delete (the name must be typed)."""

from __future__ import annotations

from ...api.models import BlockStorage, BlockStorageUpdate
from .common import (
    DESCRIPTION,
    NAME,
    confirm_action,
    delete_action,
    edit_action,
    form_action,
    item_id,
)
from .context import Ctx
from .fields import Int, Picker
from .registry import register
from .sources import DATACENTERS, SERVERS
from .spec import Action, FormSpec, follow_also, follow_result, model


def _server_name(ctx: Ctx) -> str:
    return str(((ctx.item or {}).get("server") or {}).get("name") or "its server")


SIZE = Int("size", "Size (GB)", hint="20..500, steps of 10")

CREATE = FormSpec(
    title="New block storage", submit_label="Create",
    fields=(NAME, DESCRIPTION, SIZE,
            Picker("datacenter_id", "Datacenter", source=DATACENTERS, hint="the default one"),
            Picker("server_id", "Attach to", source=SERVERS, hint="no server for now")),
    build=model(BlockStorage), call=lambda v, item, req: v.ctx.client.block_storages.create(req),
    follow=follow_result())

register(
    "block_storages",
    Action("new", "New block storage", CREATE, kind="new", needs_item=False),
    edit_action(model(BlockStorageUpdate),
                lambda v, item, req: v.ctx.client.block_storages.modify(item_id(item), req),
                fields=(NAME, DESCRIPTION, SIZE), keys=("name", "description", "size")),
    form_action(
        "attach", "Attach to a server", (Picker("server_id", "Server", source=SERVERS),),
        lambda v, item, req: v.ctx.client.block_storages.attach_server(
            item_id(item), v.text("server_id")),
        follow=follow_also("servers", "server_id"), submit_label="Attach",
        available=lambda i: not i.get("server")),
    confirm_action(
        "detach", "Detach from its server",
        lambda v, item, req: v.ctx.client.block_storages.detach_server(item_id(item)),
        danger=True, submit_label="Detach", available=lambda i: i.get("server") is not None,
        message=lambda ctx: f"Detach {ctx.label} from {_server_name(ctx)}?"),
    delete_action(typed=True),
)
