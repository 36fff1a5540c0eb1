"""A server's parts: disks (add, resize, remove), IPs (add, remove; their firewall policy and
load balancers), private networks, the DVD drive, and snapshots. Each picks the sub-resource
from a list of the server's own (never a pasted id)."""

from __future__ import annotations

from typing import Any

from ...api.errors import ValidationError
from ...api.models import Hdd, HddList, HddResize, PublicIp
from ...api.models.network import IP_TYPES
from .common import confirm_action, form_action, item_id
from .context import Ctx, FormValues
from .fields import Bool, Choice, Group, Int, Picker
from .registry import register
from .sources import DVDS, FIREWALLS, LOAD_BALANCERS, PRIVATE_NETWORKS, same_datacenter, sub
from .spec import follow_also


def _servers(v: FormValues) -> Any:
    return v.ctx.client.servers


def _hdd_label(h: Any) -> str:
    return f"{h.get('size')} GB{' (main)' if h.get('is_main') else ''} · {str(h['id'])[:8]}"


def _ip_label(ip: Any) -> str:
    extra = []
    if ip.get("firewall_policy"):
        extra.append(f"firewall {ip['firewall_policy'].get('name')}")
    if ip.get("load_balancers"):
        extra.append("LB " + ", ".join(lb.get("name", "") for lb in ip["load_balancers"]))
    return f"{ip.get('ip')} ({ip.get('type') or 'IPV4'})" + (f" · {'; '.join(extra)}"
                                                             if extra else "")


async def _ip_lbs(ctx: Ctx) -> list[Any]:
    ips = await ctx.client.servers.ips(ctx.item_id)
    return [{"ip_id": ip["id"], "ip": ip["ip"], "lb_id": lb["id"], "lb": lb.get("name")}
            for ip in ips for lb in ip.get("load_balancers") or []]


HDDS = sub("server-hdds", lambda ctx: ctx.client.servers.hdds(ctx.item_id), _hdd_label)
IPS = sub("server-ips", lambda ctx: ctx.client.servers.ips(ctx.item_id), _ip_label)


async def _ips_with_fw(ctx: Ctx) -> list[Any]:
    return [ip for ip in await ctx.client.servers.ips(ctx.item_id) if ip.get("firewall_policy")]


IPS_WITH_FW = sub("server-ips-fw", _ips_with_fw, _ip_label)
IP_LBS = sub("server-ip-lbs", _ip_lbs, lambda x: f"{x['ip']} — {x['lb']}",
             value=lambda x: (x["ip_id"], x["lb_id"]))
PNS = sub("server-pns", lambda ctx: ctx.client.servers.private_networks(ctx.item_id),
          lambda x: str(x.get("name") or x.get("id")))
SNAPSHOTS = sub("server-snapshots", lambda ctx: ctx.client.servers.snapshots(ctx.item_id),
                lambda s: f"{s.get('creation_date') or '?'} · {str(s['id'])[:8]}")


def _add_hdds(v: FormValues) -> HddList:
    return HddList(hdds=[Hdd(size=r.get("size"), is_main=False) for r in v.get("hdds") or []])


def _resize(v: FormValues) -> HddResize:
    return HddResize(size=v.get("size"), current_size=(v.picked("hdd_id") or {}).get("size"))


async def _remove_lb(v: FormValues, item: Any, req: Any) -> Any:
    if not v.get("pair"):
        raise ValidationError("pair", "is required")
    ip_id, lb_id = v["pair"]
    return await _servers(v).remove_ip_load_balancer(item_id(item), ip_id, lb_id)


register(
    "servers",
    form_action(
        "add_hdds", "Add disks",
        (Group("hdds", "New disks", fields=(Int("size", "Size (GB)",
                                                hint="20..2000, steps of 20"),),
               min_rows=1, add_label="Add disk"),),
        lambda v, item, req: _servers(v).add_hdds(item_id(item), req), build=_add_hdds,
        submit_label="Add"),
    form_action(
        "resize_hdd", "Resize a disk",
        (Picker("hdd_id", "Disk", source=HDDS),
         Int("size", "New size (GB)", hint="larger than now, steps of 20")),
        lambda v, item, req: _servers(v).modify_hdd(item_id(item), v.get("hdd_id"),
                                                    v.get("size"),
                                                    current_size=req.current_size),
        build=_resize, submit_label="Resize",
        message=lambda ctx: "A disk can grow but never shrink."),
    form_action(
        "remove_hdd", "Remove a disk", (Picker("hdd_id", "Disk", source=HDDS),),
        lambda v, item, req: _servers(v).remove_hdd(item_id(item), v.get("hdd_id")),
        danger=True, submit_label="Remove",
        message=lambda ctx: f"The disk's data is lost. The main disk of {ctx.label} stays."),
    form_action(
        "add_ip", "Add a public IP",
        (Choice("type", "Type", options=IP_TYPES, default="IPV4", blank=False),),
        lambda v, item, req: _servers(v).add_ip(item_id(item), v.get("type")),
        build=lambda v: PublicIp(type=v.get("type")), submit_label="Add"),
    form_action(
        "remove_ip", "Remove an IP",
        (Picker("ip_id", "IP", source=IPS),
         Bool("keep_ip", "Keep the IP", hint="keep it in Public IPs instead of deleting it")),
        lambda v, item, req: _servers(v).remove_ip(item_id(item), v.get("ip_id"),
                                                   keep_ip=bool(v.get("keep_ip"))),
        danger=True, submit_label="Remove"),
    form_action(
        "ip_firewall", "Assign a firewall policy to an IP",
        (Picker("ip_id", "IP", source=IPS),
         Picker("firewall_policy_id", "Firewall policy", source=FIREWALLS)),
        lambda v, item, req: _servers(v).set_ip_firewall_policy(
            item_id(item), v.get("ip_id"), v.get("firewall_policy_id")),
        follow=follow_also("firewall_policies", "firewall_policy_id"), submit_label="Assign"),
    form_action(
        "ip_firewall_remove", "Remove the firewall policy of an IP",
        (Picker("ip_id", "IP", source=IPS_WITH_FW),),
        lambda v, item, req: _servers(v).remove_ip_firewall_policy(item_id(item),
                                                                   v.get("ip_id")),
        danger=True, submit_label="Remove"),
    form_action(
        "ip_load_balancer", "Attach a load balancer to an IP",
        (Picker("ip_id", "IP", source=IPS),
         Picker("load_balancer_id", "Load balancer", source=LOAD_BALANCERS)),
        lambda v, item, req: _servers(v).add_ip_load_balancer(
            item_id(item), v.get("ip_id"), v.get("load_balancer_id")),
        follow=follow_also("load_balancers", "load_balancer_id"), submit_label="Attach"),
    form_action(
        "ip_load_balancer_remove", "Detach a load balancer from an IP",
        (Picker("pair", "IP and load balancer", source=IP_LBS),), _remove_lb, danger=True,
        submit_label="Detach"),
    form_action(
        "private_network", "Assign a private network",
        (Picker("private_network_id", "Private network", source=PRIVATE_NETWORKS,
                allow=same_datacenter(None)),),
        lambda v, item, req: _servers(v).assign_private_network(
            item_id(item), v.get("private_network_id")),
        follow=follow_also("private_networks", "private_network_id"), submit_label="Assign"),
    form_action(
        "private_network_remove", "Remove from a private network",
        (Picker("private_network_id", "Private network", source=PNS),),
        lambda v, item, req: _servers(v).remove_private_network(
            item_id(item), v.get("private_network_id")),
        danger=True, submit_label="Remove",
        message=lambda ctx: "The server must be powered off."),
    form_action(
        "load_dvd", "Load a DVD", (Picker("dvd_id", "ISO image", source=DVDS),),
        lambda v, item, req: _servers(v).load_dvd(item_id(item), v.get("dvd_id")),
        submit_label="Load"),
    confirm_action(
        "eject_dvd", "Eject the DVD", lambda v, item, req: _servers(v).eject_dvd(item_id(item)),
        message=lambda ctx: f"Eject the DVD of {ctx.label}?",
        submit_label="Eject"),
    confirm_action(
        "snapshot", "Create a snapshot",
        lambda v, item, req: _servers(v).create_snapshot(item_id(item)),
        message=lambda ctx: f"Take a snapshot of {ctx.label}? (A server keeps one.)",
        submit_label="Create"),
    form_action(
        "snapshot_restore", "Restore a snapshot",
        (Picker("snapshot_id", "Snapshot", source=SNAPSHOTS),),
        lambda v, item, req: _servers(v).restore_snapshot(item_id(item), v.get("snapshot_id")),
        danger=True, submit_label="Restore",
        message=lambda ctx: f"{ctx.label} goes back to the snapshot; later changes are lost."),
    form_action(
        "snapshot_delete", "Delete a snapshot",
        (Picker("snapshot_id", "Snapshot", source=SNAPSHOTS),),
        lambda v, item, req: _servers(v).delete_snapshot(item_id(item), v.get("snapshot_id")),
        danger=True, submit_label="Delete"),
)
