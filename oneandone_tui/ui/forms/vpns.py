"""VPNs: create, modify, delete."""

from __future__ import annotations

from ...api.models import Vpn, VpnUpdate
from .common import DESCRIPTION, NAME, delete_action, edit_action, item_id
from .fields import Picker
from .registry import register
from .sources import DATACENTERS
from .spec import Action, FormSpec, follow_result, model

CREATE = FormSpec(
    title="New VPN", submit_label="Create",
    fields=(NAME, DESCRIPTION,
            Picker("datacenter_id", "Datacenter", source=DATACENTERS, hint="the default one")),
    build=model(Vpn), call=lambda v, item, req: v.ctx.client.vpns.create(req),
    follow=follow_result())

register(
    "vpns",
    Action("new", "New VPN", CREATE, kind="new", needs_item=False),
    edit_action(model(VpnUpdate),
                lambda v, item, req: v.ctx.client.vpns.modify(item_id(item), req)),
    delete_action(),
)
