"""Request objects for servers: create (:class:`Server` with :class:`Hdd` s), modify, hardware,
disk resize, reinstall, power actions and clone.

Rules come from ``shared/api/ENDPOINTS.md`` (servers table); where sources disagree the module
says which one it follows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ._base import Checker, RequestObject, compact

__all__ = [
    "HDD_SIZE",
    "Hdd",
    "HddList",
    "HddResize",
    "ReinstallImage",
    "Server",
    "ServerAction",
    "ServerClone",
    "ServerHardware",
    "ServerUpdate",
]

#: Disk sizes in GB: 20..2000 in steps of 20.
HDD_SIZE: dict[str, Any] = {"lo": 20, "hi": 2000, "multiple": 20}
VCORE: dict[str, Any] = {"lo": 1, "hi": 16}
RAM: dict[str, Any] = {"lo": 1, "hi": 128, "multiple": 0.5}
SERVER_TYPES = ("cloud", "baremetal")
ACTIONS = ("POWER_ON", "POWER_OFF", "REBOOT")
METHODS = ("SOFTWARE", "HARDWARE")


@dataclass
class Hdd(RequestObject):
    """A disk: ``size`` in GB (20..2000, multiple of 20); one disk of a server is the main one."""

    size: int | None = None
    is_main: bool | None = False

    def check(self, c: Checker) -> None:
        c.integer("size", self.size, required=True, **HDD_SIZE)
        c.boolean("is_main", self.is_main)

    def to_body(self) -> dict[str, Any]:
        return {"size": self.size, "is_main": bool(self.is_main)}


@dataclass
class Server(RequestObject):
    """``POST /servers``. Hardware is either a fixed size (``fixed_instance_size_id``), custom
    (``vcore``, ``cores_per_processor``, ``ram``, ``hdds``), or a baremetal model
    (``server_type='baremetal'`` + ``baremetal_model_id``)."""

    name: str | None = None
    description: str | None = None
    fixed_instance_size_id: str | None = None
    vcore: int | None = None
    cores_per_processor: int | None = None
    ram: float | None = None
    appliance_id: str | None = None
    password: str | None = None
    power_on: bool | None = None
    firewall_policy_id: str | None = None
    ip_id: str | None = None
    load_balancer_id: str | None = None
    monitoring_policy_id: str | None = None
    datacenter_id: str | None = None
    rsa_key: str | None = None
    private_network_id: str | None = None
    server_type: str | None = None
    #: SSH key id(s) from ``/ssh_keys`` (the Python SDK sends one string, Go a list).
    public_key: str | list[str] | None = None
    baremetal_model_id: str | None = None
    ipv6_range: str | None = None
    hostname: str | None = None
    execution_group: str | None = None
    hdds: list[Hdd] | None = field(default=None)

    def check(self, c: Checker) -> None:
        c.text("name", self.name, required=True, max_len=128)
        c.text("description", self.description)
        c.text("appliance_id", self.appliance_id, required=True)
        c.choice("server_type", self.server_type, SERVER_TYPES)
        c.password("password", self.password)
        c.boolean("power_on", self.power_on)
        c.text("rsa_key", self.rsa_key)
        c.text("hostname", self.hostname, max_len=63)
        c.text("ipv6_range", self.ipv6_range)
        c.text("execution_group", self.execution_group)
        if isinstance(self.public_key, str):
            if not self.public_key.strip():
                c.fail("public_key", "must be an SSH key id (or a list of them)")
        elif self.public_key is not None:
            c.ids("public_key", self.public_key)
        if self.server_type == "baremetal":
            c.text("baremetal_model_id", self.baremetal_model_id, required=True)
            return
        custom = {"vcore": self.vcore, "cores_per_processor": self.cores_per_processor,
                  "ram": self.ram, "hdds": self.hdds}
        if not c.missing(self.fixed_instance_size_id):
            # Terraform: a fixed size conflicts with vcore, cores_per_processor, ram and hdds.
            for name, value in custom.items():
                if value is not None:
                    c.fail(name, "cannot be combined with fixed_instance_size_id")
            return
        c.integer("vcore", self.vcore, required=True, **VCORE)
        c.integer("cores_per_processor", self.cores_per_processor, required=True, **VCORE)
        c.number("ram", self.ram, required=True, **RAM)
        if c.items("hdds", self.hdds, Hdd, min_items=1):
            mains = sum(1 for h in self.hdds or () if h.is_main)
            if mains != 1:
                c.fail("hdds", f"must have exactly one main disk (is_main), got {mains}")

    def to_body(self) -> dict[str, Any]:
        hardware = compact({
            "fixed_instance_size_id": self.fixed_instance_size_id,
            "vcore": self.vcore,
            "cores_per_processor": self.cores_per_processor,
            "ram": self.ram,
            "baremetal_model_id": self.baremetal_model_id,
            "hdds": [h.to_body() for h in self.hdds] if self.hdds is not None else None,
        })
        return compact({
            "name": self.name,
            "description": self.description,
            "hardware": hardware,
            "appliance_id": self.appliance_id,
            "password": self.password,
            "power_on": self.power_on,
            "firewall_policy_id": self.firewall_policy_id,
            "ip_id": self.ip_id,
            "load_balancer_id": self.load_balancer_id,
            "monitoring_policy_id": self.monitoring_policy_id,
            "datacenter_id": self.datacenter_id,
            "rsa_key": self.rsa_key,
            "private_network_id": self.private_network_id,
            "server_type": self.server_type,
            "public_key": self.public_key,
            "ipv6_range": self.ipv6_range,
            "hostname": self.hostname,
            "execution_group": self.execution_group,
        })

    def __repr__(self) -> str:
        # The password must not end up in a log line or a traceback.
        shown = {k: v for k, v in vars(self).items() if v is not None and k != "password"}
        if self.password is not None:
            shown["password"] = "****"
        return f"Server({', '.join(f'{k}={v!r}' for k, v in shown.items())})"


@dataclass
class ServerUpdate(RequestObject):
    """``PUT /servers/{id}``: the SDK requires ``name``."""

    name: str | None = None
    description: str | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, required=True, max_len=128)
        c.text("description", self.description)

    def to_body(self) -> dict[str, Any]:
        return compact({"name": self.name, "description": self.description})


@dataclass
class ServerHardware(RequestObject):
    """``PUT /servers/{id}/hardware``: a fixed size, or any of vcore / cores / ram.

    ``current`` (the server's hardware as ``GET .../hardware`` returns it) and ``powered_on``
    are not sent: given, they let the object enforce "no hot decrease" locally, the rule the
    Python SDK checks with two extra GETs.
    """

    fixed_instance_size_id: str | None = None
    vcore: int | None = None
    cores_per_processor: int | None = None
    ram: float | None = None
    current: dict[str, Any] | None = field(default=None, compare=False)
    powered_on: bool = field(default=False, compare=False)

    def check(self, c: Checker) -> None:
        values = {"vcore": self.vcore, "cores_per_processor": self.cores_per_processor,
                  "ram": self.ram}
        if not c.missing(self.fixed_instance_size_id):
            for name, value in values.items():
                if value is not None:
                    c.fail(name, "cannot be combined with fixed_instance_size_id")
            return
        if all(v is None for v in values.values()):
            c.fail("", "give fixed_instance_size_id, or at least one of vcore, "
                       "cores_per_processor and ram")
            return
        c.integer("vcore", self.vcore, **VCORE)
        c.integer("cores_per_processor", self.cores_per_processor, **VCORE)
        c.number("ram", self.ram, **RAM)
        if self.powered_on and self.current:
            for name in ("vcore", "ram"):
                new, old = values[name], self.current.get(name)
                if isinstance(new, (int, float)) and isinstance(old, (int, float)) and new < old:
                    c.fail(name, f"cannot decrease from {old} to {new} while the server is "
                                 f"powered on (no hot decrease)")

    def to_body(self) -> dict[str, Any]:
        return compact({"fixed_instance_size_id": self.fixed_instance_size_id,
                        "vcore": self.vcore, "cores_per_processor": self.cores_per_processor,
                        "ram": self.ram})


@dataclass
class ReinstallImage(RequestObject):
    """``PUT /servers/{id}/image``: reinstall with an appliance or image id."""

    id: str | None = None
    password: str | None = None
    firewall_policy_id: str | None = None

    def check(self, c: Checker) -> None:
        c.text("id", self.id, required=True)
        c.password("password", self.password)

    def to_body(self) -> dict[str, Any]:
        fw = {"id": self.firewall_policy_id} if self.firewall_policy_id else None
        return compact({"id": self.id, "password": self.password, "firewall_policy": fw})

    def __repr__(self) -> str:
        pw = "****" if self.password is not None else None
        return (f"ReinstallImage(id={self.id!r}, password={pw!r}, "
                f"firewall_policy_id={self.firewall_policy_id!r})")


@dataclass
class ServerAction(RequestObject):
    """``PUT /servers/{id}/status/action``. A recovery reboot needs ``recovery_image_id``."""

    action: str | None = None
    method: str | None = "SOFTWARE"
    recovery_mode: bool | None = None
    recovery_image_id: str | None = None

    def check(self, c: Checker) -> None:
        c.choice("action", self.action, ACTIONS, required=True)
        c.choice("method", self.method, METHODS, required=True)
        c.boolean("recovery_mode", self.recovery_mode)
        if self.recovery_mode:
            if self.action is not None and self.action != "REBOOT":
                c.fail("recovery_mode", "is only allowed with action REBOOT")
            c.text("recovery_image_id", self.recovery_image_id, required=True)

    def to_body(self) -> dict[str, Any]:
        body = compact({"action": self.action, "method": self.method})
        if self.recovery_mode:
            body.update(recovery_mode=True, recovery_image_id=self.recovery_image_id)
        return body


@dataclass
class ServerClone(RequestObject):
    """``POST /servers/{id}/clone``."""

    name: str | None = None
    datacenter_id: str | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, required=True, max_len=128)

    def to_body(self) -> dict[str, Any]:
        return compact({"name": self.name, "datacenter_id": self.datacenter_id})


@dataclass
class HddList(RequestObject):
    """``POST /servers/{id}/hardware/hdds``: one or more extra disks."""

    hdds: list[Hdd] | None = None

    def check(self, c: Checker) -> None:
        c.items("hdds", self.hdds, Hdd, min_items=1)

    def to_body(self) -> dict[str, Any]:
        return {"hdds": [h.to_body() for h in self.hdds or ()]}


@dataclass
class HddResize(RequestObject):
    """``PUT /servers/{id}/hardware/hdds/{hdd_id}``. A disk never shrinks: give
    ``current_size`` (not sent) to have that checked before the request."""

    size: int | None = None
    current_size: int | None = field(default=None, compare=False)

    def check(self, c: Checker) -> None:
        if c.integer("size", self.size, required=True, **HDD_SIZE) and isinstance(
                self.current_size, int) and self.size is not None and \
                self.size < self.current_size:
            c.fail("size", f"can never decrease (from {self.current_size} to {self.size} GB)")

    def to_body(self) -> dict[str, Any]:
        return {"size": self.size}
