"""Read-only catalogues: server appliances, recovery appliances, DVD ISOs, datacenters; plus
``pricing`` and ``ping``."""

from __future__ import annotations

from ._base import JsonObject, ListableResource, Resource, endpoint

__all__ = ["Datacenters", "DvdIsos", "Ping", "Pricing", "RecoveryAppliances",
           "ServerAppliances"]


class ServerAppliances(ListableResource):
    """Operating system images and applications a server can be created from."""

    collection = "/server_appliances"
    id_param = "appliance_id"


class RecoveryAppliances(ListableResource):
    """Rescue systems to reboot a server into (``client.servers.reboot(recovery_image_id=)``)."""

    collection = "/recovery_appliances"
    id_param = "recovery_appliance_id"


class DvdIsos(ListableResource):
    """ISO images a server's virtual DVD drive can load."""

    collection = "/dvd_isos"
    id_param = "dvd_id"


class Datacenters(ListableResource):
    collection = "/datacenters"
    id_param = "datacenter_id"


class Pricing(Resource):
    @endpoint("GET", "/pricing")
    async def get(self) -> JsonObject:
        """Prices of images, IPs, servers, storage and licences."""
        return await self._call(self.get)


class Ping(Resource):
    @endpoint("GET", "/ping")
    async def ping(self) -> list[str]:
        """``["PONG"]`` when the API is up (no token needed)."""
        return await self._call(self.ping)

    @endpoint("GET", "/ping_auth")
    async def ping_auth(self) -> list[str]:
        """``["PONG"]`` when the API is up and the token is valid."""
        return await self._call(self.ping_auth)
