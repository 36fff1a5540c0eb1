"""Shared storages (NFS/CIFS volumes several servers mount), the servers attached to them, and
the account-wide access credentials (``/shared_storages/access``).

The storage record is the single source of truth for attachments: ``servers [{id, rights}]``.
A server's deletion removes its entries (``servers.py``). The literal ``/shared_storages/access``
wins over ``/shared_storages/{shared_storage_id}`` in the router.

Decisions where the sources are silent or disagree:

* Deleting a storage that still has servers attached is allowed (``delete-storage.json`` shows
  a storage at ``REMOVING`` with two servers); the attachments go with it.
* ``/shared_storages/access`` (GET and PUT) answers a list of one credentials object: Go
  (``GetSharedStorageCredentials``/``UpdateSharedStorageCredentials`` return
  ``[]SharedStorageAccess``, its live test indexes ``[0]``), Java
  (``ShareStorageAccessResponseList``) and .NET decode a list, and they ran against the real
  API. Only the Python SDK's mock fixtures (``list-credentials.json``, ``change-password.json``)
  are a bare object, and the Python SDK hands the body through unread either way.
* Attach/detach answer ``CONFIGURING`` (``detach-server-storage.json`` shows ``CREATING``, a
  state that only makes sense for a new storage).
"""

from __future__ import annotations

from typing import Any

from .. import factories, validate, views
from ..errors import BadRequest, Conflict, not_found
from ..routes import Request, route
from ..store import Record
from ..transitions import CHAINS
from .common import datacenter_id, ensure_not_removing, same_datacenter, server

#: A multiple of 50 GB (ENDPOINTS.md, the .NET docs); no source gives an upper bound.
SIZE_RULE: validate.IntRule = {"lo": 50, "multiple": 50}
RIGHTS = ("R", "RW")


def _storage(req: Request) -> Record:
    return req.store.get("shared_storages", req.params["shared_storage_id"], "shared storage")


def _log(req: Request, action: str, rec: Record, chain: str = "resource.configure",
         details: dict[str, Any] | None = None) -> None:
    req.store.log(action, "shared_storages", rec, req.user, seconds=CHAINS[chain].seconds,
                  details=details)


def _touch(req: Request, rec: Record) -> None:
    """A change reconfigures the storage for a moment; a storage still being created keeps its
    (longer) creation transition rather than having it cut short."""
    if not req.store.busy(rec):
        req.store.begin("shared_storages", rec, "resource.configure", "ACTIVE")


def _set_paths(rec: Record) -> None:
    """The export paths carry the storage's name (``modify-storage.json`` after a rename)."""
    vid, name = rec["cloudpanel_id"], rec["name"]
    rec["cifs_path"] = f"\\\\{vid}.pre1.lan\\{name}"
    rec["nfs_path"] = f"{vid}.pre1.lan/:{name}"


# -- the collection -------------------------------------------------------------------------------
@route("GET", "/shared_storages", listing=True)
def list_storages(req: Request) -> Any:
    store = req.store
    return [views.shared_storage(store, s) for s in store.shared_storages.values()]


@route("POST", "/shared_storages", 202)
def create_storage(req: Request) -> Any:
    store = req.store
    body = req.json()
    name = validate.string(body, "name", required=True, max_len=128)
    description = validate.string(body, "description")
    size = validate.integer(body, "size", required=True, **SIZE_RULE)
    dc = datacenter_id(store, body)
    rec = factories.shared_storage(store, name=name or "", size=int(size or 50),
                                   datacenter_id=dc, description=description)
    rec["size_used"] = "0.00"
    store.begin("shared_storages", rec, "storage.create", "ACTIVE")
    _log(req, "CREATE", rec, "storage.create", {"size": size})
    return views.shared_storage(store, rec)


# -- access credentials (literal path, before {shared_storage_id}) --------------------------
def _access(req: Request) -> Record:
    acc = req.store.storage_access
    if "id" not in acc:  # a stable identity for its transition and log entries
        acc["id"] = req.store.new_id()
    return acc


@route("GET", "/shared_storages/access")
def get_access(req: Request) -> Any:
    return [views.storage_access(req.store)]


@route("PUT", "/shared_storages/access", 202)
def change_access_password(req: Request) -> Any:
    store = req.store
    password = validate.string(req.json(), "password", required=True, min_len=8, max_len=64)
    acc = _access(req)
    acc["password"] = password
    acc["needs_password_reset"] = False
    # The credentials are no collection: their transition runs over a one-record dict.
    store.transitions.start({acc["id"]: acc}, acc, "resource.configure", "ACTIVE", store.now())
    store.log("CHANGE_PASSWORD", "shared_storages",
              {"id": acc["id"], "name": acc.get("user_domain")}, req.user,
              seconds=CHAINS["resource.configure"].seconds)
    return [views.storage_access(store)]


# -- one storage ----------------------------------------------------------------------------------
@route("GET", "/shared_storages/{shared_storage_id}")
def get_storage(req: Request) -> Any:
    return views.shared_storage(req.store, _storage(req))


@route("PUT", "/shared_storages/{shared_storage_id}", 202)
def modify_storage(req: Request) -> Any:
    rec = _storage(req)
    ensure_not_removing(rec, "shared storage")
    body = req.json()
    name = validate.string(body, "name", max_len=128, nonblank=True)
    description = validate.string(body, "description")
    size = validate.integer(body, "size", **SIZE_RULE)
    if name is None and description is None and size is None:
        raise BadRequest("Give 'name', 'description' and/or 'size' to modify a shared storage.")
    if size is not None:
        if size < rec["size"]:
            raise BadRequest(f"Field 'size': a shared storage can never shrink "
                             f"({rec['size']} GB -> {size} GB).")
        if size != rec["size"] and rec["state"] != "ACTIVE":
            raise Conflict(f"Shared storage '{rec['name']}' is busy ({rec['state']}); resize "
                           f"it once it is ACTIVE.")
    before = {"name": rec["name"], "size": rec["size"]}
    if name is not None:
        rec["name"] = name
        _set_paths(rec)
    if description is not None:
        rec["description"] = description
    if size is not None:
        rec["size"] = size
    _touch(req, rec)
    _log(req, "UPDATE", rec, details={"before": before,
                                      "after": {"name": rec["name"], "size": rec["size"]}})
    return views.shared_storage(req.store, rec)


@route("DELETE", "/shared_storages/{shared_storage_id}", 202)
def delete_storage(req: Request) -> Any:
    rec = _storage(req)
    ensure_not_removing(rec, "shared storage")
    req.store.remove("shared_storages", rec)
    _log(req, "DELETE", rec, "resource.remove")
    return views.shared_storage(req.store, rec)


# -- attached servers -----------------------------------------------------------------------------
def _entry(req: Request, rec: Record) -> Record:
    """The attachment of the path's server (404 when the server is not attached)."""
    sid = req.params["server_id"]
    for entry in rec["servers"]:
        if entry["id"] == sid and sid in req.store.servers:
            return entry
    raise not_found("server attached to this shared storage", sid)


@route("GET", "/shared_storages/{shared_storage_id}/servers")
def list_storage_servers(req: Request) -> Any:
    store = req.store
    rec = _storage(req)
    return [views.storage_server(store, e) for e in rec["servers"] if e["id"] in store.servers]


@route("POST", "/shared_storages/{shared_storage_id}/servers", 202)
def attach_servers(req: Request) -> Any:
    store = req.store
    rec = _storage(req)
    raw = validate.items(req.json(), "servers", required=True, min_items=1, kind=dict) or []
    ensure_not_removing(rec, "shared storage")
    attached = {e["id"] for e in rec["servers"]}
    new: list[Record] = []
    for i, item in enumerate(raw):
        sid = validate.string(item, "id", path=f"servers[{i}].id", required=True)
        rights = validate.enum(item, "rights", RIGHTS, path=f"servers[{i}].rights",
                               required=True)
        srv = store.servers.get(sid or "")
        if srv is None:
            raise BadRequest(f"Field 'servers[{i}].id': server '{sid}' does not exist.")
        if any(e["id"] == sid for e in new):
            raise BadRequest(f"Field 'servers[{i}].id': server '{srv['name']}' is listed twice.")
        same_datacenter(rec["datacenter_id"], srv, "server")
        if srv["state"] in ("REMOVING", "DEPLOYING"):
            raise Conflict(f"Server '{srv['name']}' is busy ({srv['state']}).")
        if sid in attached:
            raise Conflict(f"Server '{srv['name']}' is already attached to shared storage "
                           f"'{rec['name']}'.")
        new.append({"id": sid, "rights": rights})
    rec["servers"].extend(new)
    _touch(req, rec)
    for entry in new:
        _log(req, "ATTACH_SERVER", rec, details={"server": entry["id"],
                                                 "rights": entry["rights"]})
    return views.shared_storage(store, rec)


@route("GET", "/shared_storages/{shared_storage_id}/servers/{server_id}")
def get_storage_server(req: Request) -> Any:
    rec = _storage(req)
    return views.storage_server(req.store, _entry(req, rec))


@route("DELETE", "/shared_storages/{shared_storage_id}/servers/{server_id}", 202)
def detach_server(req: Request) -> Any:
    rec = _storage(req)
    server(req)  # an unknown server is a 404 of its own
    entry = _entry(req, rec)
    ensure_not_removing(rec, "shared storage")
    rec["servers"].remove(entry)
    _touch(req, rec)
    _log(req, "DETACH_SERVER", rec, details={"server": entry["id"]})
    return views.shared_storage(req.store, rec)
