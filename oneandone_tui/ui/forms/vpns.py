"""VPNs: create, modify, delete, and download the client configuration."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ...api.models import Vpn, VpnUpdate
from .common import DESCRIPTION, NAME, delete_action, edit_action, form_action, item_id
from .context import Ctx, FormValues
from .fields import Picker, Text
from .registry import register
from .sources import DATACENTERS
from .spec import Action, FormSpec, follow_result, model

CREATE = FormSpec(
    title="New VPN", submit_label="Create",
    fields=(NAME, DESCRIPTION,
            Picker("datacenter_id", "Datacenter", source=DATACENTERS, hint="the default one")),
    build=model(Vpn), call=lambda v, item, req: v.ctx.client.vpns.create(req),
    follow=follow_result())

def _default_path(ctx: Ctx) -> dict[str, Any]:
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", ctx.label or "vpn").strip("-") or "vpn"
    return {"path": f"{name}-config.zip"}


async def _download(v: FormValues, item: Any, req: Any) -> dict[str, Any]:
    """Fetch the configuration zip and write it. The SDK's ``download_config`` meant to do this
    (its decoding code is unreachable); a path that cannot be written is shown in the form."""
    path = Path(str(v.get("path") or "")).expanduser()
    if not str(v.get("path") or "").strip():
        raise ValueError("Give a file to save the configuration to.")
    data = await v.ctx.client.vpns.download_config(item_id(item))
    if path.is_dir():
        path = path / _default_path(v.ctx)["path"]
    path.write_bytes(data)
    v.ctx.app.notify(f"Saved {len(data)} bytes to {path}", title="VPN configuration")
    return {}


register(
    "vpns",
    form_action("download", "Download configuration",
                (Text("path", "Save to", hint="a file (or folder) path"),), _download,
                initial=_default_path, submit_label="Download"),
    Action("new", "New VPN", CREATE, kind="new", needs_item=False),
    edit_action(model(VpnUpdate),
                lambda v, item, req: v.ctx.client.vpns.modify(item_id(item), req)),
    delete_action(),
)
