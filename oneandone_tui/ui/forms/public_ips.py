"""Public IPs: create (type, reverse DNS, datacenter), change the reverse DNS, delete."""

from __future__ import annotations

from ...api.models import PublicIp
from ...api.models.network import IP_TYPES
from .common import delete_action, edit_action, item_id
from .context import Ctx
from .fields import Choice, Picker, Text
from .registry import register
from .sources import DATACENTERS
from .spec import Action, FormSpec, follow_result, model


def _loses(ctx: Ctx) -> str:
    """Who loses the IP: named, so that nobody deletes a live server's address unawares."""
    holders = []
    for ip in ctx.items:
        owner = ip.get("assigned_to") if isinstance(ip, dict) else None
        if isinstance(owner, dict) and (owner.get("name") or owner.get("id")):
            kind = str(owner.get("type") or "server").replace("_", " ").lower()
            holders.append(f"{kind} {owner.get('name') or owner.get('id')} ({ip.get('ip')})")
    if not holders:
        return "It is not assigned to anything."
    return f"Assigned: {', '.join(holders)} loses it."


REVERSE_DNS = Text("reverse_dns", "Reverse DNS", hint="e.g. www.example.com (empty: none)")

CREATE = FormSpec(
    title="New public IP", submit_label="Create",
    fields=(Choice("type", "Type", options=IP_TYPES, default="IPV4", blank=False), REVERSE_DNS,
            Picker("datacenter_id", "Datacenter", source=DATACENTERS, hint="the default one")),
    build=model(PublicIp), call=lambda v, item, req: v.ctx.client.public_ips.create(req),
    follow=follow_result())

register(
    "public_ips",
    Action("new", "New public IP", CREATE, kind="new", needs_item=False),
    edit_action(lambda v: PublicIp(reverse_dns=v.get("reverse_dns")),
                lambda v, item, req: v.ctx.client.public_ips.modify(item_id(item),
                                                                     v.get("reverse_dns")),
                fields=(REVERSE_DNS,), keys=("reverse_dns",), title="Reverse DNS"),
    delete_action(note=lambda ctx: _loses(ctx)),
)
