"""Servers: create, rename, delete (keep IPs / keep disks), power on/off/reboot (also in
bulk), modify hardware, clone, reinstall. Disks, IPs, networks, DVD and snapshots are in
``server_parts.py``."""

from __future__ import annotations

from typing import Any

from ...api.models import (
    Hdd,
    ReinstallImage,
    Server,
    ServerAction,
    ServerClone,
    ServerHardware,
    ServerUpdate,
)
from ...api.models.servers import METHODS
from ...catalogue import category, get
from .common import DESCRIPTION, NAME, delete_action, edit_action, form_action, item_id
from .context import Ctx, FormValues
from .fields import Bool, Choice, Group, Int, Number, Password, Picker, Source, Text
from .registry import register
from .sources import (
    APPLIANCES,
    BAREMETAL_MODELS,
    DATACENTERS,
    FIREWALLS,
    FIXED_SIZES,
    FREE_IPS,
    LOAD_BALANCERS,
    MONITORING_POLICIES,
    PRIVATE_NETWORKS,
    RECOVERY,
    SSH_KEYS,
    appliance_in_datacenter,
    same_datacenter,
)
from .spec import Action, FormSpec, follow_result, make, model


def state(item: Any) -> str | None:
    return get(item, "status.state")


HW_MODE = Choice("hardware_mode", "Hardware", default="custom", blank=False,
                 options=[("custom: vCPUs, RAM, disks", "custom"),
                          ("a fixed instance size", "fixed"),
                          ("a baremetal model (server_type baremetal)", "baremetal")])


def custom(v: dict[str, Any]) -> bool:
    return v.get("hardware_mode") not in ("fixed", "baremetal")


def baremetal(v: dict[str, Any]) -> bool:
    return v.get("hardware_mode") == "baremetal"


def fixed(v: dict[str, Any]) -> bool:
    return v.get("hardware_mode") == "fixed"


FIXED = Picker("fixed_instance_size_id", "Fixed size", source=FIXED_SIZES, when=fixed)
BAREMETAL = Picker("baremetal_model_id", "Baremetal model", source=BAREMETAL_MODELS,
                   when=baremetal)
VCORE = Int("vcore", "vCPUs", hint="1..16", default=1, when=custom)
CORES = Int("cores_per_processor", "Cores per processor", hint="1..16", default=1, when=custom)
RAM = Number("ram", "RAM (GB)", hint="1..128, steps of 0.5", default=2, when=custom)
DISK_SIZE = Int("size", "Size (GB)", hint="20..2000, steps of 20", width=24)
HDDS = Group("hdds", "Disks (exactly one main)", when=custom, add_label="Add disk",
             fields=(DISK_SIZE, Bool("is_main", "Main", hint="main disk", width=16)),
             default=[{"size": 40, "is_main": True}])

CREATE = FormSpec(
    title="New server",
    submit_label="Create",
    fields=(
        NAME, DESCRIPTION,
        Picker("datacenter_id", "Datacenter", source=DATACENTERS, hint="the default one"),
        Picker("appliance_id", "Image (appliance)", source=APPLIANCES,
               allow=appliance_in_datacenter),
        HW_MODE, FIXED, BAREMETAL, VCORE, CORES, RAM, HDDS,
        Password("password", "Root password", hint="empty: the API makes one"),
        Text("hostname", "Host name", hint="optional, up to 63 characters"),
        Text("ipv6_range", "IPv6 range", hint="optional, e.g. 2001:8d8:1ff:1::/64"),
        Bool("power_on", "Power on", hint="start it when ready", default=True),
        Picker("firewall_policy_id", "Firewall policy", source=FIREWALLS, hint="none"),
        # Any datacenter: no source has a same-datacenter rule for load balancers (the Go
        # live test assigns one to a server of another datacenter; docs/ENDPOINT_COVERAGE.md).
        Picker("load_balancer_id", "Load balancer", source=LOAD_BALANCERS, hint="none"),
        Picker("monitoring_policy_id", "Monitoring policy", source=MONITORING_POLICIES,
               hint="none"),
        Picker("public_key", "SSH key", source=SSH_KEYS, hint="none"),
        Picker("ip_id", "Public IP", source=FREE_IPS, hint="a new one", allow=same_datacenter()),
        Picker("private_network_id", "Private network", source=PRIVATE_NETWORKS, hint="none",
               allow=same_datacenter()),
    ),
    build=lambda v: make(Server, {**v, "server_type": "baremetal" if baremetal(v) else None},
                         hdds=Hdd),
    call=lambda v, item, req: v.ctx.client.servers.create(req),
    follow=follow_result(),
)


def _power(key: str, title: str, action: str, *, danger: bool) -> Action:
    fields: list[Any] = [Choice("method", "Method", options=METHODS, default="SOFTWARE",
                                blank=False)]
    if action == "REBOOT":
        fields += [Bool("recovery_mode", "Recovery", hint="boot a recovery system"),
                   Picker("recovery_image_id", "Recovery system", source=RECOVERY,
                          when=lambda v: bool(v.get("recovery_mode")))]

    def build(v: FormValues) -> ServerAction:
        return ServerAction(action=action, method=v.get("method"),
                            recovery_mode=v.get("recovery_mode") or None,
                            recovery_image_id=v.get("recovery_image_id"))

    spec = FormSpec(
        title=lambda ctx: f"{title}: {ctx.label}", fields=fields, build=build,
        message=lambda ctx: f"{title} {ctx.names()}?", danger=danger, submit_label=title,
        call=lambda v, item, req: v.ctx.client.servers.set_status(item_id(item), req))
    return Action(key, title, spec, bulk=True)  # when it applies: rules.py


def _hardware_initial(ctx: Ctx) -> dict[str, Any]:
    hw = (ctx.item or {}).get("hardware") or {}
    size = hw.get("fixed_instance_size_id")
    return {"hardware_mode": "fixed" if size else "custom",
            "fixed_instance_size_id": size or None, "vcore": hw.get("vcore"),
            "cores_per_processor": hw.get("cores_per_processor"), "ram": hw.get("ram")}


def _hardware(v: FormValues) -> ServerHardware:
    item = v.ctx.item or {}
    return ServerHardware(
        fixed_instance_size_id=v.get("fixed_instance_size_id"), vcore=v.get("vcore"),
        cores_per_processor=v.get("cores_per_processor"), ram=v.get("ram"),
        current=item.get("hardware"), powered_on=state(item) == "POWERED_ON")


async def _installable(ctx: Ctx) -> list[Any]:
    """Appliances, and the account's own images (a server can be reinstalled from either)."""
    apps = await ctx.feed.items(category("server_appliances"))
    images = await ctx.feed.items(category("images"))
    return [*apps, *({**i, "os_image_type": "your image"} for i in images
                     if i.get("state") in ("ACTIVE", "ENABLED"))]


INSTALLABLE = Source("installable", _installable,
                     lambda a: f"{a.get('name')} · {a.get('os_image_type') or ''}")

def _ssh(app: Any, screen: Any, items: list[Any]) -> None:
    from ..ssh import start

    start(app, screen, items)


#: ``t``: no form, a shell (ui/ssh.py); changes nothing, so read-only mode allows it.
SSH = Action("ssh", "SSH to its public IP", FormSpec(title="SSH"), run=_ssh, changes=False)

register(
    "servers",
    Action("new", "New server", CREATE, kind="new", needs_item=False),
    edit_action(model(ServerUpdate),
                lambda v, item, req: v.ctx.client.servers.modify(item_id(item), req),
                title="Rename / describe"),
    delete_action(
        typed=True,
        fields=(Bool("keep_ips", "Keep IPs", hint="keep its public IPs"),
                Bool("keep_hdds", "Keep disks", hint="keep its disks")),
        call=lambda v, item, req: v.ctx.client.servers.delete(
            item_id(item), keep_ips=v.get("keep_ips") or None,
            keep_hdds=v.get("keep_hdds") or None)),
    _power("power_on", "Power on", "POWER_ON", danger=False),
    _power("power_off", "Power off", "POWER_OFF", danger=True),
    _power("reboot", "Reboot", "REBOOT", danger=True),
    SSH,
    form_action(
        "hardware", "Modify hardware", (HW_MODE, FIXED, VCORE, CORES, RAM),
        lambda v, item, req: v.ctx.client.servers.modify_hardware(item_id(item), req),
        build=_hardware, initial=_hardware_initial, submit_label="Resize", opens_on_submit=True,
        message=lambda ctx: "vCPUs and RAM cannot be lowered while the server is on."),
    form_action(
        "clone", "Clone", (Text("name", "Name of the copy"),
                           Picker("datacenter_id", "Datacenter", source=DATACENTERS,
                                  hint="same as the original")),
        lambda v, item, req: v.ctx.client.servers.clone(item_id(item), req),
        build=model(ServerClone), follow=follow_result(),
        initial=lambda ctx: {"name": f"{(ctx.item or {}).get('name')}-copy"}),
    form_action(
        "reinstall", "Reinstall image",
        (Picker("id", "Image", source=INSTALLABLE),
         Password("password", "Root password", hint="empty: the API makes one"),
         Picker("firewall_policy_id", "Firewall policy", source=FIREWALLS, hint="keep")),
        lambda v, item, req: v.ctx.client.servers.reinstall_image(item_id(item), req),
        build=model(ReinstallImage), danger=True, submit_label="Reinstall",
        message=lambda ctx: f"Reinstalling erases every disk of {ctx.label}."),
)
