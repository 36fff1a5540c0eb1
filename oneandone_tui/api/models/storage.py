"""Request objects for images, shared storages, block storages and :class:`AttachServer`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._base import Checker, RequestObject, compact

__all__ = [
    "AttachServer",
    "BlockStorage",
    "BlockStorageUpdate",
    "Image",
    "ImageUpdate",
    "SharedStorage",
    "SharedStorageAccess",
    "SharedStorageServers",
    "SharedStorageUpdate",
]

FREQUENCIES = ("ONCE", "DAILY", "WEEKLY")
SOURCES = ("server", "image", "iso")
ISO_TYPES = ("os", "app")
RIGHTS = ("R", "RW")
BLOCK_SIZE: dict[str, Any] = {"lo": 20, "hi": 500, "multiple": 10}


@dataclass
class Image(RequestObject):
    """``POST /images``: an image of a server (``source='server'``, the default) or imported
    from a URL (``source='image'`` or ``'iso'``; an ISO also needs ``type`` os/app).

    The Python SDK requires ``server_id`` always; Terraform's docs only when the source is a
    server. The looser rule is used: the API, not the client, decides the rest.
    """

    server_id: str | None = None
    name: str | None = None
    description: str | None = None
    frequency: str | None = None
    num_images: int | None = None
    source: str | None = "server"
    url: str | None = None
    os_id: str | None = None
    #: ``os`` or ``app``; the SDK's ``Image(isotype=...)``.
    type: str | None = None
    datacenter_id: str | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, required=True, max_len=128)
        c.text("description", self.description)
        c.choice("frequency", self.frequency, FREQUENCIES, required=True)
        c.integer("num_images", self.num_images, required=True, lo=1, hi=50)
        c.choice("source", self.source, SOURCES)
        source = self.source or "server"
        if source == "server":
            c.text("server_id", self.server_id, required=True)
        elif source in ("image", "iso"):
            c.text("url", self.url, required=True)
        c.choice("type", self.type, ISO_TYPES, required=source == "iso")

    def to_body(self) -> dict[str, Any]:
        return compact({
            "server_id": self.server_id, "name": self.name, "description": self.description,
            "frequency": self.frequency, "num_images": self.num_images, "source": self.source,
            "url": self.url, "os_id": self.os_id, "type": self.type,
            "datacenter_id": self.datacenter_id,
        })


@dataclass
class ImageUpdate(RequestObject):
    """``PUT /images/{id}``. The frequency can only be changed to ``ONCE``."""

    name: str | None = None
    description: str | None = None
    frequency: str | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, max_len=128)
        c.text("description", self.description)
        c.choice("frequency", self.frequency, ("ONCE",))

    def to_body(self) -> dict[str, Any]:
        return compact({"name": self.name, "description": self.description,
                        "frequency": self.frequency})


@dataclass
class SharedStorage(RequestObject):
    """``POST /shared_storages``: ``size`` in GB, a multiple of 50."""

    name: str | None = None
    description: str | None = None
    size: int | None = None
    datacenter_id: str | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, required=True, max_len=128)
        c.text("description", self.description)
        c.integer("size", self.size, required=True, lo=50, multiple=50)

    def to_body(self) -> dict[str, Any]:
        return compact({"name": self.name, "description": self.description, "size": self.size,
                        "datacenter_id": self.datacenter_id})


@dataclass
class SharedStorageUpdate(RequestObject):
    """``PUT /shared_storages/{id}``."""

    name: str | None = None
    description: str | None = None
    size: int | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, max_len=128)
        c.text("description", self.description)
        c.integer("size", self.size, lo=50, multiple=50)

    def to_body(self) -> dict[str, Any]:
        return compact({"name": self.name, "description": self.description, "size": self.size})


@dataclass
class AttachServer(RequestObject):
    """A server (``server_id``) or one of its IPs (``server_ip_id``) to attach somewhere; shared
    storages also need ``rights`` (``R`` or ``RW``). The SDK's class of the same name."""

    server_id: str | None = None
    rights: str | None = None
    server_ip_id: str | None = None

    def check(self, c: Checker) -> None:
        if c.missing(self.server_id) and c.missing(self.server_ip_id):
            c.fail("server_id", "is required (or server_ip_id)")
        c.choice("rights", self.rights, RIGHTS)

    def to_body(self) -> dict[str, Any]:
        return compact({"id": self.server_id, "rights": self.rights})


@dataclass
class SharedStorageServers(RequestObject):
    """``POST /shared_storages/{id}/servers``: servers with their access rights."""

    servers: list[AttachServer] | None = None

    def check(self, c: Checker) -> None:
        # Stricter than AttachServer's own rules (server ids only, rights required), so the
        # items are checked here rather than through Checker.items.
        if not self.servers or isinstance(self.servers, (str, bytes)):
            c.fail("servers", "must contain at least 1 item")
            return
        for i, srv in enumerate(self.servers):
            if not isinstance(srv, AttachServer):
                c.fail(f"servers[{i}]", "must be a AttachServer")
                continue
            c.text(f"servers[{i}].server_id", srv.server_id, required=True)
            c.choice(f"servers[{i}].rights", srv.rights, RIGHTS, required=True)

    def to_body(self) -> dict[str, Any]:
        return {"servers": [{"id": s.server_id, "rights": s.rights} for s in self.servers or ()]}


@dataclass
class SharedStorageAccess(RequestObject):
    """``PUT /shared_storages/access``: the password for the storages' CIFS/NFS access."""

    password: str | None = None

    def check(self, c: Checker) -> None:
        c.text("password", self.password, required=True, min_len=8)

    def to_body(self) -> dict[str, Any]:
        return {"password": self.password}

    def __repr__(self) -> str:
        return "SharedStorageAccess(password='****')"


@dataclass
class BlockStorage(RequestObject):
    """``POST /block_storages``: ``size`` 20..500 GB in steps of 10; ``server_id`` attaches it
    at once (sent as ``server``, the Python and Go SDKs' key; .NET documents ``server_id``)."""

    name: str | None = None
    description: str | None = None
    size: int | None = None
    datacenter_id: str | None = None
    server_id: str | None = None
    execution_group: str | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, required=True, max_len=128)
        c.text("description", self.description)
        c.integer("size", self.size, required=True, **BLOCK_SIZE)
        c.text("execution_group", self.execution_group)

    def to_body(self) -> dict[str, Any]:
        return compact({"name": self.name, "description": self.description, "size": self.size,
                        "datacenter_id": self.datacenter_id, "server": self.server_id,
                        "execution_group": self.execution_group})


@dataclass
class BlockStorageUpdate(RequestObject):
    """``PUT /block_storages/{id}`` (``size`` is sent by the Python SDK only)."""

    name: str | None = None
    description: str | None = None
    size: int | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, max_len=128)
        c.text("description", self.description)
        c.integer("size", self.size, **BLOCK_SIZE)

    def to_body(self) -> dict[str, Any]:
        return compact({"name": self.name, "description": self.description, "size": self.size})
