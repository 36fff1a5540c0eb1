"""Record constructors, shared by the create handlers and the seed data, so that a seeded
resource and one created through the API have exactly the same fields.

They only build and insert records; validation is the handlers' job, and the transitional
state a creation starts in is set by the caller (``store.begin``).
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from .masked import MaskedStr
from .store import Record, Store

DEFAULT_THRESHOLDS = {
    "cpu": (90, 95),
    "ram": (90, 95),
    "disk": (80, 90),
    "transfer": (1000, 2000),
    "internal_ping": (50, 100),
}


def _cloudpanel_id(store: Store, prefix: str) -> str:
    return f"{prefix}{store.rng.randint(10000, 99999)}_{store.rng.randint(1, 400)}"


def hdd(store: Store, size: int, is_main: bool) -> Record:
    return {"id": store.new_id(), "size": size, "is_main": is_main}


def server(store: Store, *, name: str, datacenter_id: str, appliance: Record,
           vcore: int, cores_per_processor: int, ram: float, hdds: list[tuple[int, bool]],
           description: str = "", fixed_instance_size_id: str | None = None,
           server_type: str = "cloud", baremetal_model_id: str | None = None,
           password: str | None = None, state: str = "POWERED_ON",
           created: float | None = None, hostname: str | None = None) -> Record:
    rec: Record = {
        "id": store.new_id(),
        "cloudpanel_id": f"{store.rng.getrandbits(28):07X}",
        "name": name,
        "description": description,
        "creation_date": store.iso(created),
        "first_password": password or store.new_password(),
        "datacenter_id": datacenter_id,
        "state": state,
        "percent": None,
        "server_type": server_type,
        "hardware": {
            "fixed_instance_size_id": fixed_instance_size_id,
            "vcore": vcore,
            "cores_per_processor": cores_per_processor,
            "ram": ram,
            "hdds": [hdd(store, size, main) for size, main in hdds],
            "baremetal_model_id": baremetal_model_id,
        },
        "image": {"id": appliance["id"], "name": appliance["name"]},
        "dvd": None,
        "snapshot": None,
        "snapshots": [],
        "ip_ids": [],
        "alerts": [],
        "monitoring_policy_id": None,
        "ssh_key_ids": [],
        "hostname": hostname,
        "ipv6_range": None,
        "recovery_mode": False,
    }
    store.servers[rec["id"]] = rec
    return rec


def image(store: Store, *, name: str, server: Record | None, frequency: str, num_images: int,
          description: str | None = None, source: str = "server", url: str | None = None,
          os_id: str | None = None, image_type: str | None = None,
          datacenter_id: str | None = None, appliance: Record | None = None,
          state: str = "ACTIVE", created: float | None = None) -> Record:
    base = appliance or {}
    rec: Record = {
        "id": store.new_id(),
        "name": name,
        "description": description,
        "os_family": base.get("os_family", "Linux"),
        "os": base.get("os", "CentOS"),
        "os_version": base.get("os_version", "CentOS 7"),
        "architecture": base.get("architecture", 64),
        "os_image_type": "Personal",
        "type": "MY_IMAGE",
        "min_hdd_size": base.get("min_hdd_size", 20),
        "licenses": list(base.get("licenses") or []),
        "cloudpanel_id": _cloudpanel_id(store, "ap"),
        "state": state,
        "percent": None,
        "hdds": [dict(h, id=store.new_id()) for h in server["hardware"]["hdds"]] if server else [],
        "server_id": server["id"] if server else None,
        "frequency": frequency,
        "num_images": num_images,
        "creation_date": store.iso(created),
        "source": source,
        "url": url,
        "os_id": os_id,
        "image_type": image_type,
        "datacenter_id": datacenter_id or (server["datacenter_id"] if server else
                                           store.default_datacenter()),
    }
    store.images[rec["id"]] = rec
    return rec


def shared_storage(store: Store, *, name: str, size: int, datacenter_id: str,
                   description: str | None = None, state: str = "ACTIVE",
                   created: float | None = None) -> Record:
    vid = f"vid{store.rng.randint(10000, 99999)}"
    rec: Record = {
        "id": store.new_id(),
        "name": name,
        "description": description,
        "size": size,
        "minimum_size_allowed": 50,
        "size_used": "%.2f" % (size * store.rng.random() * 0.6),
        "state": state,
        "percent": None,
        "site_id": store.storage_access.get("site_id", "site01"),
        "cloudpanel_id": vid,
        "cifs_path": f"\\\\{vid}.pre1.lan\\{name}",
        "nfs_path": f"{vid}.pre1.lan/:{name}",
        "creation_date": store.iso(created),
        "servers": [],
        "datacenter_id": datacenter_id,
    }
    store.shared_storages[rec["id"]] = rec
    return rec


def firewall_rule(store: Store, *, protocol: str, port_from: int | None = None,
                  port_to: int | None = None, port: str | None = None,
                  source: str | None = None, action: str | None = None,
                  description: str | None = None) -> Record:
    if port is None and port_from is not None:
        port = str(port_from) if port_from == port_to or port_to is None else \
            f"{port_from}-{port_to}"
    return {
        "id": store.new_id(),
        "protocol": protocol,
        "port_from": port_from,
        "port_to": port_to,
        "port": port,
        "source": source or "0.0.0.0",
        "action": action or "allow",
        "description": description,
    }


def firewall_policy(store: Store, *, name: str, rules: list[Record],
                    description: str | None = None, default: int = 0, state: str = "ACTIVE",
                    created: float | None = None) -> Record:
    rec: Record = {
        "id": store.new_id(),
        "name": name,
        "description": description,
        "state": state,
        "percent": None,
        "creation_date": store.iso(created),
        "default": default,
        "rules": rules,
        "cloudpanel_id": _cloudpanel_id(store, "FW"),
    }
    store.firewall_policies[rec["id"]] = rec
    return rec


def lb_rule(store: Store, *, protocol: str, port_balancer: int, port_server: int,
            source: str | None = None) -> Record:
    return {"id": store.new_id(), "protocol": protocol, "port_balancer": port_balancer,
            "port_server": port_server, "source": source or "0.0.0.0"}


def load_balancer(store: Store, *, name: str, method: str, rules: list[Record],
                  datacenter_id: str | None, description: str | None = None,
                  health_check_test: str = "TCP", health_check_interval: int = 15,
                  health_check_path: str | None = None,
                  health_check_path_parser: str | None = None, persistence: bool = False,
                  persistence_time: int | None = None, state: str = "ACTIVE",
                  created: float | None = None) -> Record:
    rec: Record = {
        "id": store.new_id(),
        "name": name,
        "description": description,
        "state": state,
        "percent": None,
        "creation_date": store.iso(created),
        "health_check_test": health_check_test,
        "health_check_interval": health_check_interval,
        "health_check_path": health_check_path,
        "health_check_path_parser": health_check_path_parser,
        "persistence": persistence,
        "persistence_time": persistence_time,
        "method": method,
        "rules": rules,
        "datacenter_id": datacenter_id,
        "cloudpanel_id": _cloudpanel_id(store, "LB"),
        "ip_id": None,
    }
    store.load_balancers[rec["id"]] = rec
    own = store.create_ip(datacenter_id)
    store.attach_ip(own, "LOAD_BALANCER", rec)
    rec["ip_id"] = own["id"]
    return rec


def private_network(store: Store, *, name: str, datacenter_id: str,
                    description: str | None = None, network_address: str | None = None,
                    subnet_mask: str | None = None, state: str = "ACTIVE",
                    created: float | None = None) -> Record:
    rec: Record = {
        "id": store.new_id(),
        "cloudpanel_id": _cloudpanel_id(store, "pn"),
        "name": name,
        "description": description,
        "network_address": network_address,
        "subnet_mask": subnet_mask,
        "state": state,
        "percent": None,
        "site_id": store.storage_access.get("site_id", "site01"),
        "creation_date": store.iso(created),
        "server_ids": [],
        "datacenter_id": datacenter_id,
    }
    store.private_networks[rec["id"]] = rec
    return rec


def thresholds(values: dict[str, Any] | None = None) -> dict[str, Any]:
    out = {}
    for entity, (warn, crit) in DEFAULT_THRESHOLDS.items():
        given = (values or {}).get(entity) or {}
        out[entity] = {
            "warning": {"value": warn, "alert": False, **(given.get("warning") or {})},
            "critical": {"value": crit, "alert": False, **(given.get("critical") or {})},
        }
    return out


def mp_port(store: Store, *, protocol: str, port: int, alert_if: str,
            email_notification: bool) -> Record:
    return {"id": store.new_id(), "protocol": protocol, "port": port, "alert_if": alert_if,
            "email_notification": email_notification}


def mp_process(store: Store, *, process: str, alert_if: str, email_notification: bool) -> Record:
    return {"id": store.new_id(), "process": process, "alert_if": alert_if,
            "email_notification": email_notification}


def monitoring_policy(store: Store, *, name: str, email: str | None, agent: bool,
                      thresholds_: dict[str, Any], ports: list[Record],
                      processes: list[Record], description: str | None = None,
                      default: int = 0, state: str = "ACTIVE",
                      created: float | None = None) -> Record:
    rec: Record = {
        "id": store.new_id(),
        "name": name,
        "description": description,
        "default": default,
        "state": state,
        "percent": None,
        "creation_date": store.iso(created),
        "email": email,
        "agent": agent,
        "thresholds": thresholds_,
        "ports": ports,
        "processes": processes,
        "cloudpanel_id": _cloudpanel_id(store, "mo"),
    }
    store.monitoring_policies[rec["id"]] = rec
    return rec


def api_key(store: Store) -> str:
    """A new API key (masked in reprs: it is a token, ``masked.py``)."""
    return MaskedStr(f"{store.rng.getrandbits(128):032x}")


def user(store: Store, *, name: str, password: str, email: str | None = None,
         description: str | None = None, role_id: str | None = None, key: str | None = None,
         api_active: bool = True, allowed_ips: list[str] | None = None, state: str = "ACTIVE",
         created: float | None = None) -> Record:
    rec: Record = {
        "id": store.new_id(),
        "name": name,
        "description": description,
        "email": email,
        "password": password,
        "state": state,
        "percent": None,
        "creation_date": store.iso(created),
        "role_id": role_id,
        "api": {"active": api_active, "key": MaskedStr(key) if key else api_key(store),
                "allowed_ips": list(allowed_ips or [])},
    }
    store.users[rec["id"]] = rec
    return rec


def role(store: Store, *, name: str, permissions: dict[str, Any],
         description: str | None = None, default: int = 0, state: str = "ACTIVE",
         created: float | None = None) -> Record:
    rec: Record = {
        "id": store.new_id(),
        "name": name,
        "description": description,
        "state": state,
        "percent": None,
        "creation_date": store.iso(created),
        "default": default,
        "permissions": {g: dict(f) for g, f in permissions.items()},
    }
    store.roles[rec["id"]] = rec
    return rec


def vpn(store: Store, *, name: str, datacenter_id: str, description: str | None = None,
        state: str = "ACTIVE", created: float | None = None) -> Record:
    rec: Record = {
        "id": store.new_id(),
        "name": name,
        "description": description,
        "type": "SSL",
        "state": state,
        "percent": None,
        "creation_date": store.iso(created),
        "ips": [store.new_address(datacenter_id)],
        "datacenter_id": datacenter_id,
        "cloudpanel_id": _cloudpanel_id(store, "vpn"),
    }
    store.vpns[rec["id"]] = rec
    return rec


def block_storage(store: Store, *, name: str, size: int, datacenter_id: str,
                  description: str | None = None, server_id: str | None = None,
                  state: str = "POWERED_ON", created: float | None = None) -> Record:
    rid = store.new_id()
    rec: Record = {
        "id": rid,
        "name": name,
        "description": description,
        "size": size,
        "state": state,
        "percent": None,
        "creation_date": store.iso(created),
        "datacenter_id": datacenter_id,
        "server_id": server_id,
        "disk_id": store.new_id(),
        "uuid": str(uuid.UUID(int=store.rng.getrandbits(128), version=4)),
    }
    store.block_storages[rid] = rec
    return rec


def ssh_key(store: Store, *, name: str, public_key: str | None,
            description: str | None = None, state: str = "ACTIVE",
            created: float | None = None) -> Record:
    if public_key is None:
        body = "".join(store.rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                        "0123456789+/") for _ in range(372))
        public_key = f"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ{body} generated@oneandone"
    # The API stores the key without its 'ssh-rsa ' prefix (Go SDK tests).
    stored = public_key.split(" ", 1)[1] if public_key.startswith("ssh-") else public_key
    rec: Record = {
        "id": store.new_id(),
        "name": name,
        "description": description,
        "state": state,
        "percent": None,
        "server_ids": [],
        "md5": hashlib.md5(stored.encode()).hexdigest(),
        "public_key": stored,
        "creation_date": store.iso(created),
    }
    store.ssh_keys[rec["id"]] = rec
    return rec
