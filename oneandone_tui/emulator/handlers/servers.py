"""Servers: the collection, one server, hardware and HDDs, image, status actions, DVD,
snapshots, clone; plus the fixed-size and baremetal-model catalogues under ``/servers``.

IPs, their firewall policy and load balancers, and private networks of a server are in
``server_parts.py``.
"""

from __future__ import annotations

from typing import Any

from .. import factories, validate, views
from ..errors import BadRequest, Conflict, NotFound, not_found
from ..listing import Lazy
from ..routes import Request, route
from ..store import Record
from ..transitions import CHAINS, GONE
from . import server_create
from .common import (
    SERVER_STABLE_STATES,
    datacenter_id,
    ensure_idle,
    idle_server,
    resource_id,
    server,
)
from .server_rules import HDD_RULE, RAM_RULE, find_appliance, validate_cores, validate_hdds


# -- shared helpers -------------------------------------------------------------------------------
def log_server(req: Request, action: str, srv: Record, chain: str | None = None,
               details: dict[str, Any] | None = None) -> None:
    seconds = CHAINS[chain].seconds if chain else 2.0
    req.store.log(action, "servers", srv, req.user, seconds=seconds, details=details)


def reconfigure(req: Request, srv: Record, action: str, chain: str = "server.configure",
                details: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run a configuration step: CONFIGURING with percent, then back to the power state the
    server had; answers with the full server in its transitional state."""
    back = srv["state"] if srv["state"] in SERVER_STABLE_STATES else "POWERED_ON"
    req.store.begin("servers", srv, chain, back)
    log_server(req, action, srv, chain, details)
    return views.server(req.store, srv)


# -- catalogues under /servers --------------------------------------------------------------------
@route("GET", "/servers/fixed_instance_sizes")
def list_fixed_sizes(req: Request) -> Any:
    return list(req.store.fixed_instance_sizes.values())


@route("GET", "/servers/fixed_instance_sizes/{fixed_instance_size_id}")
def get_fixed_size(req: Request) -> Any:
    fid = req.params["fixed_instance_size_id"]
    size = req.store.fixed_instance_sizes.get(fid)
    if size is None:
        raise not_found("fixed instance size", fid)
    return size


@route("GET", "/servers/baremetal_models", listing=True)
def list_baremetal_models(req: Request) -> Any:
    return list(req.store.baremetal_models.values())


@route("GET", "/servers/baremetal_models/{baremetal_model_id}")
def get_baremetal_model(req: Request) -> Any:
    mid = req.params["baremetal_model_id"]
    model = req.store.baremetal_models.get(mid)
    if model is None:
        raise not_found("baremetal model", mid)
    return model


# -- the collection -----------------------------------------------------------------------------
@route("GET", "/servers", listing=True)
def list_servers(req: Request) -> Any:
    store = req.store
    # Lazy: a page of 10,000 servers renders only its page, a status round only the status
    # (see listing.Lazy).
    return Lazy(list(store.servers.values()), lambda s: views.server_summary(store, s),
                cheap={"id": lambda s: s["id"], "name": lambda s: s["name"],
                       "status": views.server_status})


@route("POST", "/servers", 202)
def create_server(req: Request) -> Any:
    """Check the whole request first (a refusal changes nothing), then create, then answer
    with the new server (see ``server_create.py``)."""
    srv = server_create.create(req.store, server_create.parse(req.store, req.json()))
    log_server(req, "CREATE", srv, "server.create")
    return views.server(req.store, srv)


# -- one server -----------------------------------------------------------------------------------
@route("GET", "/servers/{server_id}")
def get_server(req: Request) -> Any:
    return views.server(req.store, server(req))


@route("PUT", "/servers/{server_id}")
def modify_server(req: Request) -> Any:
    srv = server(req)
    if srv["state"] == "REMOVING":
        raise Conflict(f"Server '{srv['name']}' is being removed.")
    body = req.json()
    name = validate.string(body, "name", max_len=128, nonblank=True)
    description = validate.string(body, "description")
    if name is None and description is None:
        raise BadRequest("Give 'name' and/or 'description' to modify a server.")
    if name is not None:
        srv["name"] = name
    if description is not None:
        srv["description"] = description
    log_server(req, "UPDATE", srv)
    return views.server(req.store, srv)


@route("DELETE", "/servers/{server_id}", 202)
def delete_server(req: Request) -> Any:
    store = req.store
    srv = server(req)
    if srv["state"] == "REMOVING":
        raise Conflict(f"Server '{srv['name']}' is already being removed.")
    keep_ips = bool(req.flag("keep_ips", False))
    keep_hdds = bool(req.flag("keep_hdds", False))
    sid = srv["id"]

    def finish() -> None:
        for ip in list(store.ips.values()):
            owner = ip.get("assigned_to")
            if owner and owner["id"] == sid:
                store.release_ip(ip, delete=not keep_ips)
        for pn in store.private_networks.values():
            if sid in pn["server_ids"]:
                pn["server_ids"].remove(sid)
        for ss in store.shared_storages.values():
            ss["servers"] = [e for e in ss["servers"] if e["id"] != sid]
        for key in store.ssh_keys.values():
            if sid in key["server_ids"]:
                key["server_ids"].remove(sid)
        for bs in store.block_storages.values():
            if bs.get("server_id") == sid:
                bs["server_id"] = None

    store.transitions.cancel(sid)
    store.begin("servers", srv, "server.remove", GONE, finish)
    log_server(req, "DELETE", srv, "server.remove",
               {"keep_ips": keep_ips, "keep_hdds": keep_hdds})
    return views.server(store, srv)


# -- hardware and HDDs ----------------------------------------------------------------------------
@route("GET", "/servers/{server_id}/hardware")
def get_hardware(req: Request) -> Any:
    return views.hardware(server(req))


@route("PUT", "/servers/{server_id}/hardware", 202)
def modify_hardware(req: Request) -> Any:
    store = req.store
    srv = idle_server(req)
    body = req.json()
    hw = srv["hardware"]
    fixed = validate.string(body, "fixed_instance_size_id")
    vcore = validate.integer(body, "vcore", lo=1, hi=16)
    cpp = validate.integer(body, "cores_per_processor", lo=1, hi=16)
    ram = validate.number(body, "ram", **RAM_RULE)
    if fixed is not None:
        if any(v is not None for v in (vcore, cpp, ram)):
            raise BadRequest("Field 'fixed_instance_size_id' conflicts with vcore, "
                             "cores_per_processor and ram: give one or the other.")
        size = store.fixed_instance_sizes.get(fixed)
        if size is None:
            raise BadRequest(f"Field 'fixed_instance_size_id': no fixed instance size "
                             f"'{fixed}'.")
        sh = size["hardware"]
        vcore, cpp, ram = sh["vcore"], sh["cores_per_processor"], sh["ram"]
    if all(v is None for v in (vcore, cpp, ram)):
        raise BadRequest("Give fixed_instance_size_id, or at least one of vcore, "
                         "cores_per_processor and ram.")
    new_vcore = vcore if vcore is not None else hw["vcore"]
    new_cpp = cpp if cpp is not None else hw["cores_per_processor"]
    new_ram = ram if ram is not None else hw["ram"]
    validate_cores(new_vcore, new_cpp)
    if srv["state"] == "POWERED_ON":
        if new_vcore < hw["vcore"]:
            raise Conflict(f"Field 'vcore': cannot decrease from {hw['vcore']} to {new_vcore} "
                           f"while the server is powered on (no hot decrease); power it off "
                           f"first.")
        if new_ram < hw["ram"]:
            raise Conflict(f"Field 'ram': cannot decrease from {hw['ram']} to {new_ram} GB while "
                           f"the server is powered on (no hot decrease); power it off first.")
        if new_cpp != hw["cores_per_processor"]:
            raise Conflict("Field 'cores_per_processor': can only change while the server is "
                           "powered off.")
    before = {"vcore": hw["vcore"], "cores_per_processor": hw["cores_per_processor"],
              "ram": hw["ram"]}
    hw.update(vcore=new_vcore, cores_per_processor=new_cpp, ram=new_ram,
              fixed_instance_size_id=fixed)
    return reconfigure(req, srv, "MODIFY_HARDWARE",
                       details={"before": before, "after": {"vcore": new_vcore,
                                                            "cores_per_processor": new_cpp,
                                                            "ram": new_ram}})


def _hdd(srv: Record, hdd_id: str) -> Record:
    for h in srv["hardware"]["hdds"]:
        if h["id"] == hdd_id:
            return h
    raise not_found("HDD", hdd_id)


@route("GET", "/servers/{server_id}/hardware/hdds")
def list_hdds(req: Request) -> Any:
    return [views.hdd(h) for h in server(req)["hardware"]["hdds"]]


@route("POST", "/servers/{server_id}/hardware/hdds", 202)
def add_hdds(req: Request) -> Any:
    srv = idle_server(req)
    body = req.json()
    raw = validate.items(body, "hdds", required=True, min_items=1, kind=dict) or []
    disks = validate_hdds(raw)
    if any(main for _, main in disks):
        raise BadRequest("Field 'hdds': the server already has a main disk; added disks must "
                         "have is_main false.")
    if srv["server_type"] == "baremetal":
        raise Conflict("Disks of a baremetal server cannot be changed.")
    for size, _ in disks:
        srv["hardware"]["hdds"].append(factories.hdd(req.store, size, False))
    return reconfigure(req, srv, "ADD_HDD", details={"sizes": [s for s, _ in disks]})


@route("GET", "/servers/{server_id}/hardware/hdds/{hdd_id}")
def get_hdd(req: Request) -> Any:
    return views.hdd(_hdd(server(req), req.params["hdd_id"]))


@route("PUT", "/servers/{server_id}/hardware/hdds/{hdd_id}", 202)
def modify_hdd(req: Request) -> Any:
    srv = server(req)
    disk = _hdd(srv, req.params["hdd_id"])
    ensure_idle(srv)
    size = validate.integer(req.json(), "size", required=True, **HDD_RULE)
    if size is not None and size < disk["size"]:
        raise BadRequest(f"Field 'size': a disk can never shrink ({disk['size']} GB -> "
                         f"{size} GB).")
    before = disk["size"]
    disk["size"] = size
    return reconfigure(req, srv, "MODIFY_HDD", details={"hdd": disk["id"], "before": before,
                                                        "after": size})


@route("DELETE", "/servers/{server_id}/hardware/hdds/{hdd_id}", 202)
def remove_hdd(req: Request) -> Any:
    srv = server(req)
    disk = _hdd(srv, req.params["hdd_id"])
    ensure_idle(srv)
    if disk["is_main"]:
        raise BadRequest("The main disk cannot be removed.")
    srv["hardware"]["hdds"].remove(disk)
    return reconfigure(req, srv, "REMOVE_HDD", details={"hdd": disk["id"]})


# -- image ----------------------------------------------------------------------------------------
@route("GET", "/servers/{server_id}/image")
def get_image(req: Request) -> Any:
    srv = server(req)
    if not srv["image"]:
        raise NotFound(f"Server '{srv['name']}' has no image.")
    return dict(srv["image"])


@route("PUT", "/servers/{server_id}/image", 202)
def reinstall_image(req: Request) -> Any:
    store = req.store
    srv = idle_server(req)
    body = req.json()
    image_id = validate.string(body, "id", required=True)
    app = find_appliance(store, image_id or "")
    if app is None:
        raise BadRequest(f"Field 'id': no server appliance or image '{image_id}'.")
    main = next(h for h in srv["hardware"]["hdds"] if h["is_main"])
    if main["size"] < (app.get("min_hdd_size") or 20):
        raise BadRequest(f"Field 'id': {app['name']} needs a main disk of at least "
                         f"{app['min_hdd_size']} GB.")
    password = validate.string(body, "password")
    if password is not None:
        validate.password(password, "password")
    fw_obj = validate.obj(body, "firewall_policy")
    fw = resource_id(store, fw_obj, "id", "firewall_policies", "firewall policy") \
        if fw_obj else None
    srv["image"] = {"id": app["id"], "name": app["name"]}
    srv["first_password"] = password or store.new_password()
    if fw is not None:
        for ip in store.server_ips(srv):
            ip["firewall_policy_id"] = fw["id"]
    store.begin("servers", srv, "server.reinstall", "POWERED_ON")
    log_server(req, "REINSTALL", srv, "server.reinstall", {"image": app["name"]})
    return views.server(store, srv)


# -- status ---------------------------------------------------------------------------------------
@route("GET", "/servers/{server_id}/status")
def get_status(req: Request) -> Any:
    return views.server_status(server(req))


_POWER = {
    "POWER_ON": ("server.power_on", "POWERED_ON"),
    "POWER_OFF": ("server.power_off", "POWERED_OFF"),
    "REBOOT": ("server.reboot", "POWERED_ON"),
}


@route("PUT", "/servers/{server_id}/status/action", 202)
def change_status(req: Request) -> Any:
    store = req.store
    srv = server(req)
    body = req.json()
    action = validate.enum(body, "action", tuple(_POWER), required=True)
    validate.enum(body, "method", ("SOFTWARE", "HARDWARE"))
    recovery = validate.boolean(body, "recovery_mode")
    recovery_image = validate.string(body, "recovery_image_id")
    if recovery:
        if action != "REBOOT":
            raise BadRequest("Field 'recovery_mode' is only allowed with action REBOOT.")
        if recovery_image is None:
            raise BadRequest("Field 'recovery_image_id' is required when recovery_mode is "
                             "true.")
        if recovery_image not in store.recovery_appliances:
            raise BadRequest(f"Field 'recovery_image_id': no recovery appliance "
                             f"'{recovery_image}'.")
    ensure_idle(srv)
    state = srv["state"]
    if action == "POWER_ON" and state == "POWERED_ON":
        raise Conflict(f"Server '{srv['name']}' is already powered on.")
    if action == "POWER_OFF" and state == "POWERED_OFF":
        raise Conflict(f"Server '{srv['name']}' is already powered off.")
    if action == "REBOOT" and state == "POWERED_OFF":
        raise Conflict(f"Server '{srv['name']}' is powered off: power it on instead of "
                       f"rebooting.")
    chain, final = _POWER[action or "REBOOT"]
    if recovery:
        final = "ON_RECOVERY"
    store.begin("servers", srv, chain, final)
    log_server(req, action or "", srv, chain, {"method": body.get("method") or "SOFTWARE",
                                               "recovery_mode": bool(recovery)})
    return views.server(store, srv)


# -- DVD ------------------------------------------------------------------------------------------
@route("GET", "/servers/{server_id}/dvd")
def get_dvd(req: Request) -> Any:
    srv = server(req)
    if not srv["dvd"]:
        raise NotFound(f"Server '{srv['name']}' has no DVD loaded.")
    return dict(srv["dvd"])


@route("PUT", "/servers/{server_id}/dvd", 202)
def load_dvd(req: Request) -> Any:
    srv = idle_server(req)
    dvd_id = validate.string(req.json(), "id", required=True)
    dvd = req.store.dvd_isos.get(dvd_id or "")
    if dvd is None:
        raise BadRequest(f"Field 'id': no DVD ISO '{dvd_id}'.")
    srv["dvd"] = {"id": dvd["id"], "name": dvd["name"]}
    return reconfigure(req, srv, "LOAD_DVD", "server.configure_short", {"dvd": dvd["name"]})


@route("DELETE", "/servers/{server_id}/dvd", 202)
def eject_dvd(req: Request) -> Any:
    srv = idle_server(req)
    if not srv["dvd"]:
        raise Conflict(f"Server '{srv['name']}' has no DVD loaded.")
    srv["dvd"] = None
    return reconfigure(req, srv, "EJECT_DVD", "server.configure_short")


# -- snapshots ------------------------------------------------------------------------------------
@route("GET", "/servers/{server_id}/snapshots")
def list_snapshots(req: Request) -> Any:
    return [dict(s) for s in server(req)["snapshots"]]


@route("POST", "/servers/{server_id}/snapshots", 202)
def create_snapshot(req: Request) -> Any:
    store = req.store
    srv = idle_server(req)
    if srv["snapshot"]:
        raise Conflict(f"Server '{srv['name']}' already has a snapshot; delete it first.")
    snap = {"id": store.new_id(), "creation_date": store.iso(),
            "deletion_date": store.iso(store.now() + 3 * 86400)}
    srv["snapshot"] = snap
    srv["snapshots"] = [snap]
    return reconfigure(req, srv, "CREATE_SNAPSHOT", details={"snapshot": snap["id"]})


def _snapshot(srv: Record, snapshot_id: str) -> Record:
    for snap in srv["snapshots"]:
        if snap["id"] == snapshot_id:
            return snap
    raise not_found("snapshot", snapshot_id)


@route("PUT", "/servers/{server_id}/snapshots/{snapshot_id}", 202)
def restore_snapshot(req: Request) -> Any:
    srv = server(req)
    snap = _snapshot(srv, req.params["snapshot_id"])
    ensure_idle(srv)
    return reconfigure(req, srv, "RESTORE_SNAPSHOT", details={"snapshot": snap["id"]})


@route("DELETE", "/servers/{server_id}/snapshots/{snapshot_id}", 202)
def delete_snapshot(req: Request) -> Any:
    srv = server(req)
    snap = _snapshot(srv, req.params["snapshot_id"])
    ensure_idle(srv)
    srv["snapshots"].remove(snap)
    srv["snapshot"] = srv["snapshots"][-1] if srv["snapshots"] else None
    return reconfigure(req, srv, "DELETE_SNAPSHOT", "server.configure_short",
                       {"snapshot": snap["id"]})


# -- clone ----------------------------------------------------------------------------------------
@route("POST", "/servers/{server_id}/clone", 202)
def clone_server(req: Request) -> Any:
    store = req.store
    src = idle_server(req)
    body = req.json()
    name = validate.string(body, "name", required=True, max_len=128)
    dc = datacenter_id(store, body, default=src["datacenter_id"])
    hw = src["hardware"]
    image = src["image"] or {}
    appliance = find_appliance(store, image.get("id", "")) or {
        "id": image.get("id"), "name": image.get("name")}
    clone = factories.server(
        store, name=name or "", datacenter_id=dc, appliance=appliance, vcore=hw["vcore"],
        cores_per_processor=hw["cores_per_processor"], ram=hw["ram"],
        hdds=[(h["size"], h["is_main"]) for h in hw["hdds"]], description=src["description"],
        fixed_instance_size_id=hw.get("fixed_instance_size_id"),
        server_type=src["server_type"], state="DEPLOYING")
    ip = store.create_ip(dc)
    store.attach_ip(ip, "SERVER", clone)
    src_ips = store.server_ips(src)
    if src_ips:
        ip["firewall_policy_id"] = src_ips[0].get("firewall_policy_id")
    clone["monitoring_policy_id"] = src.get("monitoring_policy_id")
    store.begin("servers", clone, "server.clone", "POWERED_ON")
    log_server(req, "CLONE", src, "server.clone", {"clone": clone["id"]})
    log_server(req, "CREATE", clone, "server.clone", {"cloned_from": src["id"]})
    return views.server(store, clone)
