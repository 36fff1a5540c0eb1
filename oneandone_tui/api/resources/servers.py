"""``client.servers``: the collection, hardware and disks, image, power, DVD, snapshots, clone,
and the fixed-size and baremetal catalogues under ``/servers``. A server's IPs and private
networks are in ``server_networking.py`` (mixed in).

Helper getters of the SDK's ``Server`` class: ``get``, ``hardware``, ``hdds``, ``image``,
``ips``, ``status``, ``dvd``, ``private_networks``, ``snapshots``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import models
from ..paging import ListQuery
from ..waiting import StateReader
from ._base import JsonList, JsonObject, ManagedResource, endpoint, require
from .server_networking import ServerNetworking

if TYPE_CHECKING:
    # The request objects are imported when a method builds one, not with the facade: listing
    # the servers (the first frame) does not wait for them (tests/ui/test_startup_imports.py).
    from ..models import (
        Hdd,
        HddList,
        ReinstallImage,
        Server,
        ServerAction,
        ServerClone,
        ServerHardware,
        ServerUpdate,
    )

__all__ = ["Servers"]


class Servers(ServerNetworking, ManagedResource):
    collection = "/servers"
    id_param = "server_id"
    state = StateReader(path=("status", "state"), percent_path=("status", "percent"))
    wait_fields = "id,status"
    poll_interval = 15.0

    # -- the collection -------------------------------------------------------------------------
    @endpoint("POST", "/servers")
    async def create(self, server: Server) -> JsonObject:
        """Create a server; it answers DEPLOYING with ``first_password`` (shown once)."""
        return await self._call(self.create, body=server)

    @endpoint("PUT", "/servers/{server_id}")
    async def modify(self, server_id: str, update: ServerUpdate) -> JsonObject:
        return await self._call(self.modify, body=update, server_id=server_id)

    @endpoint("DELETE", "/servers/{server_id}")
    async def delete(self, server_id: str, *, keep_ips: bool | None = None,
                     keep_hdds: bool | None = None) -> JsonObject:
        """Delete; ``keep_ips`` keeps its public IPs, ``keep_hdds`` its disks."""
        query = {"keep_ips": keep_ips, "keep_hdds": keep_hdds}
        return await self._call(self.delete, query=query, server_id=server_id)

    @endpoint("POST", "/servers/{server_id}/clone")
    async def clone(self, server_id: str, clone: ServerClone) -> JsonObject:
        """Clone; the answer is the NEW server (DEPLOYING)."""
        return await self._call(self.clone, body=clone, server_id=server_id)

    # -- catalogues -----------------------------------------------------------------------------
    @endpoint("GET", "/servers/fixed_instance_sizes")
    async def fixed_instance_sizes(self) -> JsonList:
        return await self._call(self.fixed_instance_sizes)

    @endpoint("GET", "/servers/fixed_instance_sizes/{fixed_instance_size_id}")
    async def fixed_instance_size(self, fixed_instance_size_id: str) -> JsonObject:
        return await self._call(self.fixed_instance_size,
                                fixed_instance_size_id=fixed_instance_size_id)

    @endpoint("GET", "/servers/baremetal_models")
    async def baremetal_models(self, *, page: int | None = None, per_page: int | None = None,
                               sort: str | None = None, q: str | None = None,
                               fields: str | Sequence[str] | None = None) -> JsonList:
        query = ListQuery(page=page, per_page=per_page, sort=sort, q=q, fields=fields)
        return await self._call(self.baremetal_models, query=query)

    @endpoint("GET", "/servers/baremetal_models/{baremetal_model_id}")
    async def baremetal_model(self, baremetal_model_id: str) -> JsonObject:
        return await self._call(self.baremetal_model, baremetal_model_id=baremetal_model_id)

    # -- hardware and disks -----------------------------------------------------------------------
    @endpoint("GET", "/servers/{server_id}/hardware")
    async def hardware(self, server_id: str) -> JsonObject:
        return await self._call(self.hardware, server_id=server_id)

    @endpoint("PUT", "/servers/{server_id}/hardware")
    async def modify_hardware(self, server_id: str, hardware: ServerHardware) -> JsonObject:
        """Resize (CONFIGURING). No hot decrease of vcore/ram while powered on."""
        return await self._call(self.modify_hardware, body=hardware, server_id=server_id)

    @endpoint("GET", "/servers/{server_id}/hardware/hdds")
    async def hdds(self, server_id: str) -> JsonList:
        return await self._call(self.hdds, server_id=server_id)

    @endpoint("POST", "/servers/{server_id}/hardware/hdds")
    async def add_hdds(self, server_id: str, hdds: Sequence[Hdd] | HddList) -> JsonObject:
        body = hdds if isinstance(hdds, models.HddList) else models.HddList(list(hdds))
        return await self._call(self.add_hdds, body=body, server_id=server_id)

    @endpoint("GET", "/servers/{server_id}/hardware/hdds/{hdd_id}")
    async def hdd(self, server_id: str, hdd_id: str) -> JsonObject:
        return await self._call(self.hdd, server_id=server_id, hdd_id=hdd_id)

    @endpoint("PUT", "/servers/{server_id}/hardware/hdds/{hdd_id}")
    async def modify_hdd(self, server_id: str, hdd_id: str, size: int, *,
                         current_size: int | None = None) -> JsonObject:
        """Grow a disk (never shrink: pass ``current_size`` to check that locally)."""
        body = models.HddResize(size=size, current_size=current_size)
        return await self._call(self.modify_hdd, body=body, server_id=server_id, hdd_id=hdd_id)

    @endpoint("DELETE", "/servers/{server_id}/hardware/hdds/{hdd_id}")
    async def remove_hdd(self, server_id: str, hdd_id: str) -> JsonObject:
        return await self._call(self.remove_hdd, server_id=server_id, hdd_id=hdd_id)

    # -- image ------------------------------------------------------------------------------------
    @endpoint("GET", "/servers/{server_id}/image")
    async def image(self, server_id: str) -> JsonObject:
        return await self._call(self.image, server_id=server_id)

    @endpoint("PUT", "/servers/{server_id}/image", idempotent=False)
    async def reinstall_image(self, server_id: str, reinstall: ReinstallImage) -> JsonObject:
        """Reinstall (DEPLOYING); never retried automatically: it wipes the disk."""
        return await self._call(self.reinstall_image, body=reinstall, server_id=server_id)

    # -- power ------------------------------------------------------------------------------------
    @endpoint("GET", "/servers/{server_id}/status")
    async def status(self, server_id: str) -> JsonObject:
        """``{state, percent}``."""
        return await self._call(self.status, server_id=server_id)

    @endpoint("PUT", "/servers/{server_id}/status/action", idempotent=False)
    async def set_status(self, server_id: str, action: ServerAction) -> JsonObject:
        """Power on/off or reboot; never retried automatically (a reboot twice is two)."""
        return await self._call(self.set_status, body=action, server_id=server_id)

    async def start(self, server_id: str, *, method: str = "SOFTWARE") -> JsonObject:
        return await self.set_status(server_id, models.ServerAction("POWER_ON", method))

    async def stop(self, server_id: str, *, method: str = "SOFTWARE") -> JsonObject:
        return await self.set_status(server_id, models.ServerAction("POWER_OFF", method))

    async def reboot(self, server_id: str, *, method: str = "SOFTWARE",
                     recovery_image_id: str | None = None) -> JsonObject:
        """Reboot; with ``recovery_image_id`` into that recovery system."""
        return await self.set_status(server_id, models.ServerAction(
            "REBOOT", method, recovery_mode=True if recovery_image_id else None,
            recovery_image_id=recovery_image_id))

    # -- DVD --------------------------------------------------------------------------------------
    @endpoint("GET", "/servers/{server_id}/dvd")
    async def dvd(self, server_id: str) -> JsonObject:
        return await self._call(self.dvd, server_id=server_id)

    @endpoint("PUT", "/servers/{server_id}/dvd")
    async def load_dvd(self, server_id: str, dvd_id: str) -> JsonObject:
        body = {"id": require("dvd_id", dvd_id)}
        return await self._call(self.load_dvd, body=body, server_id=server_id)

    @endpoint("DELETE", "/servers/{server_id}/dvd")
    async def eject_dvd(self, server_id: str) -> JsonObject:
        return await self._call(self.eject_dvd, server_id=server_id)

    # -- snapshots --------------------------------------------------------------------------------
    @endpoint("GET", "/servers/{server_id}/snapshots")
    async def snapshots(self, server_id: str) -> JsonList:
        return await self._call(self.snapshots, server_id=server_id)

    @endpoint("POST", "/servers/{server_id}/snapshots")
    async def create_snapshot(self, server_id: str) -> JsonObject:
        return await self._call(self.create_snapshot, server_id=server_id)

    @endpoint("PUT", "/servers/{server_id}/snapshots/{snapshot_id}", idempotent=False)
    async def restore_snapshot(self, server_id: str, snapshot_id: str) -> JsonObject:
        return await self._call(self.restore_snapshot, server_id=server_id,
                                snapshot_id=snapshot_id)

    @endpoint("DELETE", "/servers/{server_id}/snapshots/{snapshot_id}")
    async def delete_snapshot(self, server_id: str, snapshot_id: str) -> JsonObject:
        return await self._call(self.delete_snapshot, server_id=server_id,
                                snapshot_id=snapshot_id)
