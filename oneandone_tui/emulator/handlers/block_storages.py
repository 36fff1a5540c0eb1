"""Block storages: the collection, one block storage, and the server it is attached to.

The block storage carries ``server_id`` (one server at most); deleting a server clears it when
the server is gone (``servers.delete_server``). States: create, modify, attach and detach show
``CONFIGURING`` then ``POWERED_ON`` (the state the Go SDK and Terraform wait for); deletion is
``REMOVING`` then gone. No other operation is accepted while one runs (409), a block storage is
only deleted once detached, and it attaches only to a server in its own datacenter.
"""

from __future__ import annotations

from typing import Any

from .. import factories, validate, views
from ..errors import BadRequest, Conflict, NotFound
from ..routes import Request, route
from ..store import Record
from ..transitions import CHAINS
from .common import datacenter_id, ensure_not_removing, same_datacenter

SIZE_RULE: validate.IntRule = {"lo": 20, "hi": 500, "multiple": 10}
STABLE_STATE = "POWERED_ON"
BUSY_STATES = ("CONFIGURING", "REMOVING")


# -- helpers ----------------------------------------------------------------------------------
def _storage(req: Request) -> Record:
    return req.store.get("block_storages", req.params["block_storage_id"], "block storage")


def _idle_storage(req: Request) -> Record:
    rec = _storage(req)
    if rec["state"] in BUSY_STATES:
        raise Conflict(f"Block storage '{rec['name']}' is busy ({rec['state']}); wait until "
                       f"the current operation has finished.")
    return rec


def _log(req: Request, action: str, rec: Record, chain: str,
         details: dict[str, Any] | None = None) -> None:
    req.store.log(action, "block_storages", rec, req.user, seconds=CHAINS[chain].seconds,
                  details=details)


def _reconfigure(req: Request, rec: Record, action: str,
                 details: dict[str, Any] | None = None) -> Any:
    req.store.begin("block_storages", rec, "resource.configure", STABLE_STATE)
    _log(req, action, rec, "resource.configure", details)
    return views.block_storage(req.store, rec)


def _server_field(req: Request, body: dict[str, Any], name: str, *,
                  required: bool = False) -> Record | None:
    """A server id from the body: 400 if unknown, 409 if that server is being removed."""
    value = body.get(name)
    if value is None:
        if required:
            raise BadRequest(f"Field '{name}' is required.")
        return None
    if not isinstance(value, str) or not value:
        raise BadRequest(f"Field '{name}' must be a server id.")
    srv = req.store.servers.get(value)
    if srv is None:
        raise BadRequest(f"Field '{name}': server '{value}' does not exist.")
    ensure_not_removing(srv, "server")
    return srv


# -- the collection ---------------------------------------------------------------------------
@route("GET", "/block_storages", listing=True)
def list_block_storages(req: Request) -> Any:
    return [views.block_storage(req.store, b) for b in req.store.block_storages.values()]


@route("POST", "/block_storages", 201)
def create_block_storage(req: Request) -> Any:
    """``server`` (Python, Go) or ``server_id`` (.NET) attaches the new block storage at once;
    without ``datacenter_id`` it goes to that server's datacenter. ``execution_group`` is
    accepted and has no effect here."""
    store = req.store
    body = req.json()
    name = validate.string(body, "name", required=True, max_len=128) or ""
    description = validate.string(body, "description")
    size = validate.integer(body, "size", required=True, **SIZE_RULE) or 0
    validate.string(body, "execution_group")
    srv = _server_field(req, body, "server")
    alias = _server_field(req, body, "server_id")
    if srv is not None and alias is not None and srv["id"] != alias["id"]:
        raise BadRequest("Fields 'server' and 'server_id' name different servers; give one.")
    srv = srv or alias
    dc = datacenter_id(store, body, default=srv["datacenter_id"] if srv else None)
    if srv is not None:
        same_datacenter(dc, srv, "server")
    rec = factories.block_storage(store, name=name, size=size, datacenter_id=dc,
                                  description=description,
                                  server_id=srv["id"] if srv else None, state="CONFIGURING")
    store.begin("block_storages", rec, "resource.create", STABLE_STATE)
    _log(req, "CREATE", rec, "resource.create",
         {"size": size, "server": srv["name"] if srv else None})
    return views.block_storage(store, rec)


# -- one block storage ------------------------------------------------------------------------
@route("GET", "/block_storages/{block_storage_id}")
def get_block_storage(req: Request) -> Any:
    return views.block_storage(req.store, _storage(req))


@route("PUT", "/block_storages/{block_storage_id}")
def modify_block_storage(req: Request) -> Any:
    rec = _idle_storage(req)
    body = req.json()
    name = validate.string(body, "name", max_len=128, nonblank=True)
    description = validate.string(body, "description")
    size = validate.integer(body, "size", **SIZE_RULE)
    if name is None and description is None and size is None:
        raise BadRequest("Give at least one of 'name', 'description' and 'size' to modify a "
                         "block storage.")
    if size is not None and size < rec["size"]:
        raise BadRequest(f"Field 'size': a block storage can never shrink ({rec['size']} GB "
                         f"-> {size} GB).")
    before = rec["size"]
    if name is not None:
        rec["name"] = name
    if description is not None:
        rec["description"] = description
    if size is not None:
        rec["size"] = size
    return _reconfigure(req, rec, "UPDATE", {"size_before": before, "size": rec["size"]})


@route("DELETE", "/block_storages/{block_storage_id}")
def delete_block_storage(req: Request) -> Any:
    rec = _idle_storage(req)
    srv = req.store.servers.get(rec.get("server_id") or "")
    if srv is not None:
        raise Conflict(f"Block storage '{rec['name']}' is attached to server '{srv['name']}'; "
                       f"detach it first.")
    req.store.remove("block_storages", rec)
    _log(req, "DELETE", rec, "resource.remove")
    return views.block_storage(req.store, rec)


# -- the attached server ------------------------------------------------------------------------
@route("GET", "/block_storages/{block_storage_id}/server")
def get_server(req: Request) -> Any:
    """``{id, name}`` of the attached server (the Go SDK's ``BlockStorageServer``)."""
    rec = _storage(req)
    srv = req.store.servers.get(rec.get("server_id") or "")
    if srv is None:
        raise NotFound(f"Block storage '{rec['name']}' is not attached to a server.")
    return views.ref(srv)


@route("POST", "/block_storages/{block_storage_id}/server", 201)
def attach_server(req: Request) -> Any:
    rec = _idle_storage(req)
    srv = _server_field(req, req.json(), "server", required=True)
    assert srv is not None
    same_datacenter(rec["datacenter_id"], srv, "server")
    current = req.store.servers.get(rec.get("server_id") or "")
    if current is not None:
        raise Conflict(f"Block storage '{rec['name']}' is already attached to server "
                       f"'{current['name']}'; detach it first.")
    rec["server_id"] = srv["id"]
    return _reconfigure(req, rec, "ATTACH_SERVER", {"server": srv["name"]})


@route("DELETE", "/block_storages/{block_storage_id}/server")
def detach_server(req: Request) -> Any:
    """Python sends no body; Go sends ``{"server": id}``, which must then name the attached
    server."""
    rec = _idle_storage(req)
    body = req.body if isinstance(req.body, dict) else {}
    wanted = validate.string(body, "server")
    srv = req.store.servers.get(rec.get("server_id") or "")
    if srv is None:
        raise Conflict(f"Block storage '{rec['name']}' is not attached to a server.")
    if wanted is not None and wanted != srv["id"]:
        raise BadRequest(f"Field 'server': block storage '{rec['name']}' is attached to "
                         f"server '{srv['id']}', not '{wanted}'.")
    rec["server_id"] = None
    return _reconfigure(req, rec, "DETACH_SERVER", {"server": srv["name"]})
