"""Images: create from a server (how often, how many kept) or import from a URL; modify
(name, description, frequency to ONCE); delete."""

from __future__ import annotations

from ...api.models import Image, ImageUpdate
from ...api.models.storage import FREQUENCIES, ISO_TYPES
from .common import DESCRIPTION, NAME, delete_action, edit_action, item_id
from .fields import Choice, Int, Picker, Text
from .registry import register
from .sources import DATACENTERS, SERVERS, sub
from .spec import Action, FormSpec, follow_result, model


def from_server(v: dict) -> bool:
    return (v.get("source") or "server") == "server"


IMAGE_OS = sub("image-os", lambda ctx: ctx.client.images.os(),
               lambda o: f"{o.get('name') or o.get('os')} {o.get('os_version') or ''}".strip())

CREATE = FormSpec(
    title="New image", submit_label="Create",
    fields=(
        Choice("source", "Source", blank=False, default="server",
               options=[("a server's disks", "server"), ("an image file (URL)", "image"),
                        ("an ISO file (URL)", "iso")]),
        Picker("server_id", "Server", source=SERVERS, when=from_server),
        Text("url", "URL", hint="https://…", when=lambda v: not from_server(v)),
        Choice("type", "ISO type", options=ISO_TYPES, when=lambda v: v.get("source") == "iso"),
        Picker("os_id", "Operating system", source=IMAGE_OS, hint="optional",
               when=lambda v: not from_server(v)),
        Picker("datacenter_id", "Datacenter", source=DATACENTERS, hint="the default one",
               when=lambda v: not from_server(v)),
        NAME, DESCRIPTION,
        Choice("frequency", "Frequency", options=FREQUENCIES, default="ONCE", blank=False),
        Int("num_images", "Images kept", hint="1..50", default=1),
    ),
    build=model(Image), call=lambda v, item, req: v.ctx.client.images.create(req),
    follow=follow_result())

register(
    "images",
    Action("new", "New image", CREATE, kind="new", needs_item=False),
    edit_action(model(ImageUpdate),
                lambda v, item, req: v.ctx.client.images.modify(item_id(item), req),
                fields=(NAME, DESCRIPTION,
                        Choice("frequency", "Frequency", options=("ONCE",),
                               hint="keep as it is (only ONCE can be set)")),
                keys=("name", "description")),
    delete_action(),
)
