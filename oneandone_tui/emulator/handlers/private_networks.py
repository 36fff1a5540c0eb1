"""Private networks and the servers in them.

The network holds ``server_ids`` (single source of truth); a server's ``private_networks`` is
derived. Joining and leaving share their rules with the server-side endpoints
(``/servers/{id}/private_networks``) through ``attach_server_to_network`` and
``detach_server_from_network`` in ``server_parts.py``.

Decisions where the sources disagree or are silent:

* ``POST /private_networks/{id}/servers`` answers the private network object (Go, Java and
  terraform decode it; the Python fixture ``attach-server-pn.json`` is a list of servers, which
  the Python SDK passes through without reading).
* A network with servers in it cannot be deleted (409): servers must leave it first, which is
  only possible while they are powered off.
* Addresses: ``network_address`` must be an RFC 1918 network address and ``subnet_mask`` a mask
  of /8 to /30 for which it is the network's first address; they are given together.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from .. import factories, validate, views
from ..errors import BadRequest, Conflict, not_found
from ..routes import Request, route
from ..store import Record
from ..transitions import CHAINS
from .common import datacenter_id, ensure_not_removing, server
from .server_parts import attach_server_to_network, detach_server_from_network

PRIVATE_BLOCKS = tuple(ipaddress.IPv4Network(b) for b in
                       ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))


def _network(req: Request) -> Record:
    return req.store.get("private_networks", req.params["private_network_id"],
                         "private network")


def _log(req: Request, action: str, pn: Record, chain: str | None = None,
         details: dict[str, Any] | None = None) -> None:
    seconds = CHAINS[chain].seconds if chain else 2.0
    req.store.log(action, "private_networks", pn, req.user, seconds=seconds, details=details)


def _addressing(body: dict[str, Any], current: Record | None = None
                ) -> tuple[str | None, str | None]:
    """Validate ``network_address``/``subnet_mask``; on a modify, a field not given keeps the
    network's current value."""
    address = validate.string(body, "network_address")
    mask = validate.string(body, "subnet_mask")
    if address is None and mask is None:
        return None, None
    if current is not None:
        address = address if address is not None else current.get("network_address")
        mask = mask if mask is not None else current.get("subnet_mask")
    if address is None or mask is None:
        missing = "subnet_mask" if mask is None else "network_address"
        raise BadRequest(f"Field '{missing}' is required: 'network_address' and 'subnet_mask' "
                         f"are given together.")
    addr = ipaddress.ip_address(validate.ip_address(address, "network_address", version=4))
    if not any(addr in block for block in PRIVATE_BLOCKS):
        raise BadRequest(f"Field 'network_address' must be a private IPv4 address (10.0.0.0/8, "
                         f"172.16.0.0/12 or 192.168.0.0/16), got {address!r}.")
    try:
        net = ipaddress.IPv4Network(f"0.0.0.0/{mask}")
    except ValueError:
        raise BadRequest(f"Field 'subnet_mask' must be a subnet mask such as 255.255.255.0, "
                         f"got {mask!r}.") from None
    if str(net.netmask) != mask.strip() or not 8 <= net.prefixlen <= 30:
        raise BadRequest(f"Field 'subnet_mask' must be a subnet mask from 255.0.0.0 to "
                         f"255.255.255.252, got {mask!r}.")
    network = ipaddress.IPv4Network(f"{addr}/{net.prefixlen}", strict=False)
    if network.network_address != addr:
        raise BadRequest(f"Field 'network_address' must be the network's first address for mask "
                         f"{mask} ({network.network_address}), got {address!r}.")
    if not any(network.subnet_of(block) for block in PRIVATE_BLOCKS):
        raise BadRequest(f"Fields 'network_address'/'subnet_mask': {network} reaches beyond the "
                         f"private ranges.")
    return str(addr), mask.strip()


# -- the collection -------------------------------------------------------------------------------
@route("GET", "/private_networks", listing=True)
def list_networks(req: Request) -> Any:
    store = req.store
    return [views.private_network(store, pn) for pn in store.private_networks.values()]


@route("POST", "/private_networks", 202)
def create_network(req: Request) -> Any:
    store = req.store
    body = req.json()
    name = validate.string(body, "name", required=True, max_len=128)
    description = validate.string(body, "description")
    address, mask = _addressing(body)
    dc = datacenter_id(store, body)
    pn = factories.private_network(store, name=name or "", datacenter_id=dc,
                                   description=description, network_address=address,
                                   subnet_mask=mask)
    store.begin("private_networks", pn, "resource.create", "ACTIVE")
    _log(req, "CREATE", pn, "resource.create")
    return views.private_network(store, pn)


# -- one network ----------------------------------------------------------------------------------
@route("GET", "/private_networks/{private_network_id}")
def get_network(req: Request) -> Any:
    return views.private_network(req.store, _network(req))


@route("PUT", "/private_networks/{private_network_id}")
def modify_network(req: Request) -> Any:
    """Renaming is immediate; new addressing reconfigures the network for a moment."""
    store = req.store
    pn = _network(req)
    ensure_not_removing(pn, "private network")
    body = req.json()
    name = validate.string(body, "name", max_len=128, nonblank=True)
    description = validate.string(body, "description")
    address, mask = _addressing(body, pn)
    if name is None and description is None and address is None:
        raise BadRequest("Give 'name', 'description', 'network_address' and/or 'subnet_mask' "
                         "to modify a private network.")
    if name is not None:
        pn["name"] = name
    if description is not None:
        pn["description"] = description
    readdress = address is not None and (address, mask) != (pn["network_address"],
                                                             pn["subnet_mask"])
    if readdress:
        pn["network_address"], pn["subnet_mask"] = address, mask
        if not store.busy(pn):
            store.begin("private_networks", pn, "resource.configure", "ACTIVE")
    _log(req, "UPDATE", pn, "resource.configure" if readdress else None)
    return views.private_network(store, pn)


@route("DELETE", "/private_networks/{private_network_id}", 202)
def delete_network(req: Request) -> Any:
    store = req.store
    pn = _network(req)
    ensure_not_removing(pn, "private network")
    members = [store.servers[i]["name"] for i in pn["server_ids"] if i in store.servers]
    if members:
        raise Conflict(f"Private network '{pn['name']}' still has servers ({', '.join(members)}); "
                       f"remove them first.")
    store.remove("private_networks", pn)
    _log(req, "DELETE", pn, "resource.remove")
    return views.private_network(store, pn)


# -- servers in the network -----------------------------------------------------------------------
@route("GET", "/private_networks/{private_network_id}/servers")
def list_network_servers(req: Request) -> Any:
    store = req.store
    pn = _network(req)
    return [views.ref(store.servers[i]) for i in pn["server_ids"] if i in store.servers]


@route("POST", "/private_networks/{private_network_id}/servers", 202)
def attach_servers(req: Request) -> Any:
    """Every server is checked before any joins, so a refused request changes nothing. The
    checks mirror ``attach_server_to_network``, which then does the joining."""
    store = req.store
    pn = _network(req)
    ids = validate.ids(req.json(), "servers")
    ensure_not_removing(pn, "private network")
    servers: list[Record] = []
    for i, sid in enumerate(ids):
        srv = store.servers.get(sid)
        if srv is None:
            raise BadRequest(f"Field 'servers[{i}]': server '{sid}' does not exist.")
        if srv["state"] in ("REMOVING", "DEPLOYING"):
            raise Conflict(f"Server '{srv['name']}' is busy ({srv['state']}).")
        if sid in pn["server_ids"]:
            raise Conflict(f"Server '{srv['name']}' is already in private network "
                           f"'{pn['name']}'.")
        if srv["datacenter_id"] != pn["datacenter_id"]:
            raise BadRequest(f"Field 'servers[{i}]': server '{srv['name']}' is in another "
                             f"datacenter than private network '{pn['name']}'.")
        if srv["snapshot"]:
            raise Conflict(f"Server '{srv['name']}' has a snapshot: servers with a snapshot "
                           f"cannot be attached to a private network.")
        servers.append(srv)
    for srv in servers:
        attach_server_to_network(req, pn, srv)
        _log(req, "ATTACH_SERVER", pn, "resource.configure", {"server": srv["name"]})
    return views.private_network(store, pn)


def _member(req: Request, pn: Record) -> Record:
    srv = server(req)
    if srv["id"] not in pn["server_ids"]:
        raise not_found("server in this private network", srv["id"])
    return srv


@route("GET", "/private_networks/{private_network_id}/servers/{server_id}")
def get_network_server(req: Request) -> Any:
    return views.ref(_member(req, _network(req)))


@route("DELETE", "/private_networks/{private_network_id}/servers/{server_id}", 202)
def remove_network_server(req: Request) -> Any:
    pn = _network(req)
    srv = server(req)
    detach_server_from_network(req, pn, srv)
    _log(req, "DETACH_SERVER", pn, "resource.configure", {"server": srv["name"]})
    return views.private_network(req.store, pn)
