"""Records -> the API's JSON. Every response body of a resource is built here, so the shapes
(keys, nesting, nulls) live in one place and match ``shared/api/fixtures``.

Relationships are derived at render time from their single source (see ``store.py``).
"""

from __future__ import annotations

from typing import Any, overload

from .store import Record, Store


@overload
def ref(rec: Record) -> dict[str, Any]: ...
@overload
def ref(rec: None) -> None: ...
@overload
def ref(rec: Record | None) -> dict[str, Any] | None: ...
def ref(rec: Record | None) -> dict[str, Any] | None:
    """``{"id", "name"}`` of a record; None for no record (a reference that is null)."""
    return {"id": rec["id"], "name": rec["name"]} if rec else None


def datacenter(store: Store, dc_id: str | None) -> dict[str, Any] | None:
    dc = store.datacenters.get(dc_id or "")
    return dict(dc) if dc else None


# -- servers ----------------------------------------------------------------------------------
def hdd(h: Record) -> Record:
    return {"id": h["id"], "size": h["size"], "is_main": h["is_main"]}


def hardware(server: Record) -> Record:
    hw = server["hardware"]
    out = {
        "fixed_instance_size_id": hw.get("fixed_instance_size_id") or 0,
        "vcore": hw["vcore"],
        "cores_per_processor": hw["cores_per_processor"],
        "ram": hw["ram"],
        "hdds": [hdd(h) for h in hw["hdds"]],
    }
    if hw.get("baremetal_model_id"):
        out["baremetal_model_id"] = hw["baremetal_model_id"]
    return out


def server_ip(store: Store, ip: Record) -> Record:
    fw = store.firewall_policies.get(ip.get("firewall_policy_id") or "")
    return {
        "id": ip["id"],
        "ip": ip["ip"],
        "type": ip["type"],
        "reverse_dns": ip["reverse_dns"],
        "firewall_policy": ref(fw),
        "load_balancers": [ref(store.load_balancers[i]) for i in ip["load_balancer_ids"]
                           if i in store.load_balancers],
    }


def server_status(server: Record) -> Record:
    return {"state": server["state"], "percent": server["percent"]}


def server_private_networks(store: Store, server: Record) -> list[Record]:
    return [ref(pn) for pn in store.private_networks.values() if server["id"] in pn["server_ids"]]


def server(store: Store, s: Record) -> Record:
    """The full server object (GET /servers/{id} and every server mutation)."""
    pns = server_private_networks(store, s)
    mp = store.monitoring_policies.get(s.get("monitoring_policy_id") or "")
    ips = store.server_ips(s)
    return {
        "id": s["id"],
        "cloudpanel_id": s["cloudpanel_id"],
        "name": s["name"],
        "description": s["description"],
        "datacenter": datacenter(store, s["datacenter_id"]),
        "creation_date": s["creation_date"],
        "first_password": s["first_password"],
        "status": server_status(s),
        "hardware": hardware(s),
        "image": dict(s["image"]) if s["image"] else None,
        "dvd": dict(s["dvd"]) if s["dvd"] else None,
        "snapshot": {"id": s["snapshot"]["id"], "creation_date": s["snapshot"]["creation_date"]}
        if s["snapshot"] else None,
        "ips": [server_ip(store, ip) for ip in ips],
        "alerts": s["alerts"],
        "monitoring_policy": ref(mp),
        "private_networks": pns or None,
        "server_type": s["server_type"],
        "ipv6_range": s.get("ipv6_range"),
        "hostname": s.get("hostname"),
    }


def server_summary(store: Store, s: Record) -> Record:
    """An item of GET /servers (shorter than the full object, as in ``list-servers.json``)."""
    return {
        "id": s["id"],
        "name": s["name"],
        "description": s["description"],
        "status": server_status(s),
        "datacenter": datacenter(store, s["datacenter_id"]),
        "creation_date": s["creation_date"],
        "image": dict(s["image"]) if s["image"] else None,
        "hardware": hardware(s),
        "ips": [{"id": ip["id"], "ip": ip["ip"]} for ip in store.server_ips(s)],
        "alerts": s["alerts"] or None,
        "server_type": s["server_type"],
    }


# -- images -----------------------------------------------------------------------------------
IMAGE_KEYS = ("id", "name", "description", "os_family", "os", "os_version", "architecture",
              "os_image_type", "type", "min_hdd_size", "licenses", "cloudpanel_id", "state",
              "hdds", "server_id", "frequency", "num_images", "creation_date", "source", "url",
              "os_id")


def image(store: Store, rec: Record) -> Record:
    out = {k: rec.get(k) for k in IMAGE_KEYS}
    out["hdds"] = [hdd(h) for h in rec.get("hdds") or []]
    out["licenses"] = list(rec.get("licenses") or [])
    out["datacenter"] = datacenter(store, rec.get("datacenter_id"))
    return out


# -- shared storages --------------------------------------------------------------------------
def storage_server(store: Store, entry: Record) -> Record:
    srv = store.servers.get(entry["id"])
    return {"id": entry["id"], "name": srv["name"] if srv else None, "rights": entry["rights"]}


def shared_storage(store: Store, rec: Record) -> Record:
    return {
        "id": rec["id"],
        "name": rec["name"],
        "description": rec["description"],
        "size": rec["size"],
        "minimum_size_allowed": rec["minimum_size_allowed"],
        "size_used": rec["size_used"],
        "state": rec["state"],
        "site_id": rec["site_id"],
        "cloudpanel_id": rec["cloudpanel_id"],
        "cifs_path": rec["cifs_path"],
        "nfs_path": rec["nfs_path"],
        "creation_date": rec["creation_date"],
        "servers": [storage_server(store, e) for e in rec["servers"] if e["id"] in store.servers],
        "datacenter": datacenter(store, rec["datacenter_id"]),
    }


def storage_access(store: Store) -> Record:
    acc = store.storage_access
    return {k: acc[k] for k in ("state", "kerberos_content_file", "user_domain", "site_id",
                                "needs_password_reset")}


# -- firewall policies and load balancers (server_ips derived from the IPs) -------------------
def attached_ip(store: Store, ip: Record) -> Record:
    srv = store.ip_server(ip)
    return {"id": ip["id"], "ip": ip["ip"], "server_name": srv["name"] if srv else None}


def firewall_rule(rule: Record) -> Record:
    return {k: rule.get(k) for k in ("id", "protocol", "port_from", "port_to", "port", "source",
                                     "action", "description")}


def firewall_policy(store: Store, rec: Record) -> Record:
    ips = store.ips_where(lambda ip: ip.get("firewall_policy_id") == rec["id"])
    return {
        "id": rec["id"],
        "name": rec["name"],
        "description": rec["description"],
        "state": rec["state"],
        "creation_date": rec["creation_date"],
        "default": rec["default"],
        "rules": [firewall_rule(r) for r in rec["rules"]],
        "server_ips": [attached_ip(store, ip) for ip in ips],
        "cloudpanel_id": rec["cloudpanel_id"],
    }


def lb_rule(rule: Record) -> Record:
    return {k: rule[k] for k in ("id", "protocol", "port_balancer", "port_server", "source")}


def load_balancer(store: Store, rec: Record) -> Record:
    ips = store.ips_where(lambda ip: rec["id"] in ip["load_balancer_ids"])
    own = store.ips.get(rec.get("ip_id") or "")
    return {
        "id": rec["id"],
        "name": rec["name"],
        "description": rec["description"],
        "state": rec["state"],
        "creation_date": rec["creation_date"],
        "ip": own["ip"] if own else None,
        "health_check_test": rec["health_check_test"],
        "health_check_interval": rec["health_check_interval"],
        "health_check_path": rec["health_check_path"],
        "health_check_path_parser": rec["health_check_path_parser"],
        "persistence": rec["persistence"],
        "persistence_time": rec["persistence_time"],
        "method": rec["method"],
        "rules": [lb_rule(r) for r in rec["rules"]],
        "server_ips": [attached_ip(store, ip) for ip in ips],
        "datacenter": datacenter(store, rec["datacenter_id"]),
        "cloudpanel_id": rec["cloudpanel_id"],
    }


# -- public IPs ----------------------------------------------------------------------------------
def public_ip(store: Store, ip: Record) -> Record:
    assigned = None
    owner = ip.get("assigned_to")
    if owner:
        coll = store.servers if owner["type"] == "SERVER" else store.load_balancers
        target = coll.get(owner["id"])
        if target:
            assigned = {"id": target["id"], "name": target["name"], "type": owner["type"]}
    return {
        "id": ip["id"],
        "ip": ip["ip"],
        "type": ip["type"],
        "assigned_to": assigned,
        "reverse_dns": ip["reverse_dns"],
        "is_dhcp": ip["is_dhcp"],
        "state": ip["state"],
        "creation_date": ip["creation_date"],
        "datacenter": datacenter(store, ip["datacenter_id"]),
    }


# -- private networks --------------------------------------------------------------------------
def private_network(store: Store, rec: Record) -> Record:
    return {
        "id": rec["id"],
        "cloudpanel_id": rec["cloudpanel_id"],
        "name": rec["name"],
        "description": rec["description"],
        "network_address": rec["network_address"],
        "subnet_mask": rec["subnet_mask"],
        "state": rec["state"],
        "site_id": rec["site_id"],
        "creation_date": rec["creation_date"],
        "servers": [ref(store.servers[i]) for i in rec["server_ids"] if i in store.servers],
        "datacenter": datacenter(store, rec["datacenter_id"]),
    }


# -- monitoring policies --------------------------------------------------------------------------
def mp_port(port: Record) -> Record:
    return {k: port[k] for k in ("id", "protocol", "port", "alert_if", "email_notification")}


def mp_process(proc: Record) -> Record:
    return {k: proc[k] for k in ("id", "process", "alert_if", "email_notification")}


def monitoring_policy_servers(store: Store, rec: Record) -> list[Record]:
    return [ref(s) for s in store.servers.values() if s.get("monitoring_policy_id") == rec["id"]]


def monitoring_policy(store: Store, rec: Record) -> Record:
    return {
        "id": rec["id"],
        "name": rec["name"],
        "description": rec["description"],
        "default": rec["default"],
        "state": rec["state"],
        "creation_date": rec["creation_date"],
        "email": rec["email"],
        "agent": rec["agent"],
        "servers": monitoring_policy_servers(store, rec),
        "thresholds": {k: {lvl: dict(v) for lvl, v in t.items()}
                       for k, t in rec["thresholds"].items()},
        "ports": [mp_port(p) for p in rec["ports"]],
        "processes": [mp_process(p) for p in rec["processes"]],
        "cloudpanel_id": rec["cloudpanel_id"],
    }


# -- users and roles ------------------------------------------------------------------------------
def user_api(rec: Record) -> Record:
    api = rec["api"]
    return {"active": api["active"], "key": api["key"], "allowed_ips": list(api["allowed_ips"])}


def user(store: Store, rec: Record) -> Record:
    return {
        "id": rec["id"],
        "name": rec["name"],
        "description": rec["description"],
        "email": rec["email"],
        "state": rec["state"],
        "creation_date": rec["creation_date"],
        "api": user_api(rec),
        "role": ref(store.roles.get(rec.get("role_id") or "")),
    }


def role(store: Store, rec: Record) -> Record:
    return {
        "id": rec["id"],
        "name": rec["name"],
        "description": rec["description"],
        "state": rec["state"],
        "creation_date": rec["creation_date"],
        "default": rec["default"],
        "permissions": {g: dict(f) for g, f in rec["permissions"].items()},
        "users": [ref(u) for u in store.users.values() if u.get("role_id") == rec["id"]],
    }


# -- vpns, block storages, ssh keys ---------------------------------------------------------------
def vpn(store: Store, rec: Record) -> Record:
    return {
        "id": rec["id"],
        "name": rec["name"],
        "description": rec["description"],
        "type": rec["type"],
        "state": rec["state"],
        "creation_date": rec["creation_date"],
        "ips": list(rec["ips"]),
        "datacenter": datacenter(store, rec["datacenter_id"]),
        "cloudpanel_id": rec["cloudpanel_id"],
    }


def block_storage(store: Store, rec: Record) -> Record:
    return {
        "id": rec["id"],
        "name": rec["name"],
        "description": rec["description"],
        "size": rec["size"],
        "state": rec["state"],
        "creation_date": rec["creation_date"],
        "datacenter": datacenter(store, rec["datacenter_id"]),
        "server": ref(store.servers.get(rec.get("server_id") or "")),
        "disk_id": rec["disk_id"],
        "uuid": rec["uuid"],
    }


def ssh_key(store: Store, rec: Record) -> Record:
    return {
        "id": rec["id"],
        "name": rec["name"],
        "description": rec["description"],
        "state": rec["state"],
        "servers": [ref(store.servers[i]) for i in rec["server_ids"] if i in store.servers],
        "md5": rec["md5"],
        "public_key": rec["public_key"],
        "creation_date": rec["creation_date"],
    }


# -- logs -----------------------------------------------------------------------------------------
def log(store: Store, entry: Record) -> Record:
    now = store.now()
    running = now < entry["_end"]
    end = min(now, entry["_end"])
    return {
        "id": entry["id"],
        "start_date": store.iso_z(entry["_start"]),
        "end_date": None if running else store.iso_z(entry["_end"]),
        "duration": int(end - entry["_start"]),
        "status": {"state": "RUNNING" if running else "OK",
                   "percent": int((now - entry["_start"]) * 100 / max(1e-9, entry["_end"]
                                                                      - entry["_start"]))
                   if running else 100},
        "action": entry["action"],
        "type": entry["type"],
        "resource": dict(entry["resource"]),
        "details": dict(entry["details"]),
        "user": dict(entry["user"]) if entry["user"] else None,
        "cloudpanel_id": entry["cloudpanel_id"],
    }
