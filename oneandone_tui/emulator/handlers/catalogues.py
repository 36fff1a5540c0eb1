"""Read-only catalogues: server appliances, recovery appliances, DVD ISOs, datacenters,
pricing."""

from __future__ import annotations

from typing import Any

from ..errors import not_found
from ..routes import Request, route
from ..store import Record


def _one(table: dict[str, Record], ident: str, kind: str) -> Record:
    rec = table.get(ident)
    if rec is None:
        raise not_found(kind, ident)
    return rec


@route("GET", "/server_appliances", listing=True)
def list_appliances(req: Request) -> Any:
    return list(req.store.server_appliances.values())


@route("GET", "/server_appliances/{appliance_id}")
def get_appliance(req: Request) -> Any:
    return _one(req.store.server_appliances, req.params["appliance_id"], "server appliance")


@route("GET", "/recovery_appliances", listing=True)
def list_recovery(req: Request) -> Any:
    return list(req.store.recovery_appliances.values())


@route("GET", "/recovery_appliances/{recovery_appliance_id}")
def get_recovery(req: Request) -> Any:
    return _one(req.store.recovery_appliances, req.params["recovery_appliance_id"],
                "recovery appliance")


@route("GET", "/dvd_isos", listing=True)
def list_dvds(req: Request) -> Any:
    return list(req.store.dvd_isos.values())


@route("GET", "/dvd_isos/{dvd_id}")
def get_dvd(req: Request) -> Any:
    return _one(req.store.dvd_isos, req.params["dvd_id"], "DVD ISO")


@route("GET", "/datacenters", listing=True)
def list_datacenters(req: Request) -> Any:
    return list(req.store.datacenters.values())


@route("GET", "/datacenters/{datacenter_id}")
def get_datacenter(req: Request) -> Any:
    return _one(req.store.datacenters, req.params["datacenter_id"], "datacenter")


@route("GET", "/pricing")
def pricing(req: Request) -> Any:
    return req.store.pricing
