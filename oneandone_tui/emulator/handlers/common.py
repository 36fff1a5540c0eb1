"""Helpers shared by the handler modules: lookups that 404, state guards that 409, and the
checks several categories make (datacenter ids, server power states)."""

from __future__ import annotations

from typing import Any

from ..errors import BadRequest, Conflict
from ..routes import Request
from ..store import Record, Store

#: States in which a server accepts no other operation.
SERVER_BUSY_STATES = frozenset({"DEPLOYING", "POWERING_ON", "POWERING_OFF", "REBOOTING",
                                "CONFIGURING", "REMOVING"})
SERVER_STABLE_STATES = frozenset({"POWERED_ON", "POWERED_OFF", "ON_RECOVERY"})


def server(req: Request, key: str = "server_id") -> Record:
    return req.store.get("servers", req.params[key], "server")


def idle_server(req: Request, key: str = "server_id") -> Record:
    """The server of the path, refusing (409) while another operation runs on it."""
    srv = server(req, key)
    ensure_idle(srv)
    return srv


def ensure_idle(srv: Record) -> None:
    if srv["state"] in SERVER_BUSY_STATES:
        raise Conflict(f"Server '{srv['name']}' is busy ({srv['state']}); wait until the "
                       f"current operation has finished.")


def ensure_not_removing(rec: Record, kind: str) -> None:
    if rec.get("state") in ("REMOVING", "DELETING"):
        raise Conflict(f"The {kind} '{rec.get('name') or rec['id']}' is being removed.")


def datacenter_id(store: Store, body: dict[str, Any], name: str = "datacenter_id",
                  default: str | None = None) -> str:
    """A datacenter id from the body (validated), else ``default`` or the first datacenter."""
    value = body.get(name)
    if value is None:
        return default or store.default_datacenter()
    if not isinstance(value, str) or value not in store.datacenters:
        known = ", ".join(f"{d['id']} ({d['country_code']})" for d in store.datacenters.values())
        raise BadRequest(f"Field '{name}' must be a datacenter id; known: {known}.")
    return value


def resource_id(store: Store, body: dict[str, Any], name: str, collection: str, kind: str,
                *, required: bool = False) -> Record | None:
    """An id field that must name an existing resource: 400 if it does not (it is the body that
    is wrong, not the path)."""
    value = body.get(name)
    if value is None:
        if required:
            raise BadRequest(f"Field '{name}' is required.")
        return None
    if not isinstance(value, str):
        raise BadRequest(f"Field '{name}' must be a string id.")
    rec = getattr(store, collection).get(value)
    if rec is None:
        raise BadRequest(f"Field '{name}': {kind} '{value}' does not exist.")
    return rec


def same_datacenter(a_dc: str, b: Record, what: str) -> None:
    if b.get("datacenter_id") and b["datacenter_id"] != a_dc:
        raise BadRequest(f"The {what} '{b.get('name') or b['id']}' is in another datacenter.")
