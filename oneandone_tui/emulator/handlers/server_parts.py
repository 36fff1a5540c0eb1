"""A server's IPs (with their firewall policy and load balancers) and private networks.

The IP records are the single source of truth for IP <-> firewall policy <-> load balancer
relationships; see ``store.py``.
"""

from __future__ import annotations

from typing import Any

from .. import validate, views
from ..errors import BadRequest, Conflict, NotFound, not_found
from ..routes import Request, route
from ..store import Record
from .common import ensure_not_removing, resource_id, server
from .servers import log_server


def _server_ip(req: Request) -> tuple[Record, Record]:
    srv = server(req)
    ip_id = req.params["ip_id"]
    if ip_id not in srv["ip_ids"] or ip_id not in req.store.ips:
        raise not_found("IP of this server", ip_id)
    return srv, req.store.ips[ip_id]


def _not_removing(srv: Record) -> None:
    if srv["state"] in ("REMOVING", "DEPLOYING"):
        raise Conflict(f"Server '{srv['name']}' is busy ({srv['state']}).")


def _touch(req: Request, collection: str, rec: Record) -> None:
    """A policy whose attachments changed reconfigures itself for a moment."""
    req.store.begin(collection, rec, "resource.configure", "ACTIVE")


# -- IPs ------------------------------------------------------------------------------------------
@route("GET", "/servers/{server_id}/ips")
def list_ips(req: Request) -> Any:
    srv = server(req)
    return [views.server_ip(req.store, ip) for ip in req.store.server_ips(srv)]


@route("POST", "/servers/{server_id}/ips", 201)
def add_ip(req: Request) -> Any:
    store = req.store
    srv = server(req)
    _not_removing(srv)
    ip_type = validate.enum(req.json(), "type", ("IPV4", "IPV6")) or "IPV4"
    ip = store.create_ip(srv["datacenter_id"], ip_type)
    store.attach_ip(ip, "SERVER", srv)
    first = store.server_ips(srv)[0]
    ip["firewall_policy_id"] = first.get("firewall_policy_id")
    log_server(req, "ADD_IP", srv, details={"ip": ip["ip"]})
    return views.server(store, srv)


@route("GET", "/servers/{server_id}/ips/{ip_id}")
def get_ip(req: Request) -> Any:
    _, ip = _server_ip(req)
    return views.server_ip(req.store, ip)


@route("DELETE", "/servers/{server_id}/ips/{ip_id}", 202)
def remove_ip(req: Request) -> Any:
    srv, ip = _server_ip(req)
    _not_removing(srv)
    keep = bool(req.flag("keep_ip", False))
    if keep is False and isinstance(req.body, dict) and req.body.get("keep_ip") is not None:
        keep = validate.boolean(req.body, "keep_ip") or False  # Java/Node send it in the body
    req.store.release_ip(ip, delete=not keep)
    log_server(req, "REMOVE_IP", srv, details={"ip": ip["ip"], "keep_ip": keep})
    return views.server(req.store, srv)


# -- firewall policy of an IP ---------------------------------------------------------------------
@route("GET", "/servers/{server_id}/ips/{ip_id}/firewall_policy")
def get_ip_firewall(req: Request) -> Any:
    _, ip = _server_ip(req)
    fw = req.store.firewall_policies.get(ip.get("firewall_policy_id") or "")
    if fw is None:
        raise NotFound("This IP has no firewall policy.")
    return views.ref(fw)


@route("PUT", "/servers/{server_id}/ips/{ip_id}/firewall_policy", 202)
def set_ip_firewall(req: Request) -> Any:
    srv, ip = _server_ip(req)
    _not_removing(srv)
    fw = resource_id(req.store, req.json(), "id", "firewall_policies", "firewall policy",
                     required=True)
    assert fw is not None
    ensure_not_removing(fw, "firewall policy")
    ip["firewall_policy_id"] = fw["id"]
    _touch(req, "firewall_policies", fw)
    log_server(req, "ASSIGN_FIREWALL", srv, details={"ip": ip["ip"], "firewall": fw["name"]})
    return views.server(req.store, srv)


@route("DELETE", "/servers/{server_id}/ips/{ip_id}/firewall_policy", 202)
def remove_ip_firewall(req: Request) -> Any:
    """Legacy (removed from the SDKs in 2018, still served): unassign the IP's policy."""
    srv, ip = _server_ip(req)
    _not_removing(srv)
    fw = req.store.firewall_policies.get(ip.get("firewall_policy_id") or "")
    if fw is None:
        raise Conflict("This IP has no firewall policy.")
    ip["firewall_policy_id"] = None
    _touch(req, "firewall_policies", fw)
    log_server(req, "UNASSIGN_FIREWALL", srv, details={"ip": ip["ip"]})
    return views.server(req.store, srv)


# -- load balancers of an IP ----------------------------------------------------------------------
@route("GET", "/servers/{server_id}/ips/{ip_id}/load_balancers")
def list_ip_lbs(req: Request) -> Any:
    _, ip = _server_ip(req)
    return [views.ref(req.store.load_balancers[i]) for i in ip["load_balancer_ids"]
            if i in req.store.load_balancers]


@route("POST", "/servers/{server_id}/ips/{ip_id}/load_balancers", 202)
def add_ip_lb(req: Request) -> Any:
    srv, ip = _server_ip(req)
    _not_removing(srv)
    lb = resource_id(req.store, req.json(), "load_balancer_id", "load_balancers",
                     "load balancer", required=True)
    assert lb is not None
    ensure_not_removing(lb, "load balancer")
    # No same-datacenter rule: no source states one (Go TestAssignServerIpLoadBalancer).
    if lb["id"] in ip["load_balancer_ids"]:
        raise Conflict(f"The IP {ip['ip']} is already attached to '{lb['name']}'.")
    ip["load_balancer_ids"].append(lb["id"])
    _touch(req, "load_balancers", lb)
    log_server(req, "ADD_LOAD_BALANCER", srv, details={"ip": ip["ip"], "load_balancer": lb["name"]})
    return views.server(req.store, srv)


@route("DELETE", "/servers/{server_id}/ips/{ip_id}/load_balancers/{load_balancer_id}", 202)
def remove_ip_lb(req: Request) -> Any:
    srv, ip = _server_ip(req)
    _not_removing(srv)
    lb_id = req.params["load_balancer_id"]
    lb = req.store.get("load_balancers", lb_id, "load balancer")
    if lb_id not in ip["load_balancer_ids"]:
        raise not_found("load balancer on this IP", lb_id)
    ip["load_balancer_ids"].remove(lb_id)
    _touch(req, "load_balancers", lb)
    log_server(req, "REMOVE_LOAD_BALANCER", srv, details={"ip": ip["ip"],
                                                          "load_balancer": lb["name"]})
    return views.server(req.store, srv)


# -- private networks -----------------------------------------------------------------------------
@route("GET", "/servers/{server_id}/private_networks")
def list_server_pns(req: Request) -> Any:
    return views.server_private_networks(req.store, server(req))


@route("POST", "/servers/{server_id}/private_networks", 202)
def assign_pn(req: Request) -> Any:
    srv = server(req)
    _not_removing(srv)
    pn = resource_id(req.store, req.json(), "id", "private_networks", "private network",
                     required=True)
    assert pn is not None
    attach_server_to_network(req, pn, srv)
    log_server(req, "ASSIGN_PRIVATE_NETWORK", srv, details={"private_network": pn["name"]})
    return views.server(req.store, srv)


def attach_server_to_network(req: Request, pn: Record, srv: Record) -> None:
    """The rules both attach endpoints share (server side and network side)."""
    ensure_not_removing(pn, "private network")
    if srv["id"] in pn["server_ids"]:
        raise Conflict(f"Server '{srv['name']}' is already in private network '{pn['name']}'.")
    if pn["datacenter_id"] != srv["datacenter_id"]:
        raise BadRequest(f"Server '{srv['name']}' and private network '{pn['name']}' are in "
                         f"different datacenters.")
    if srv["snapshot"]:
        raise Conflict(f"Server '{srv['name']}' has a snapshot: servers with a snapshot cannot "
                       f"be attached to a private network.")
    pn["server_ids"].append(srv["id"])
    _touch(req, "private_networks", pn)


def detach_server_from_network(req: Request, pn: Record, srv: Record) -> None:
    if srv["id"] not in pn["server_ids"]:
        raise not_found("server in this private network", srv["id"])
    if srv["state"] != "POWERED_OFF":
        raise Conflict(f"Server '{srv['name']}' must be powered off to leave private network "
                       f"'{pn['name']}' (it is {srv['state']}).")
    if srv["snapshot"]:
        raise Conflict(f"Server '{srv['name']}' has a snapshot: delete it before leaving the "
                       f"private network.")
    pn["server_ids"].remove(srv["id"])
    _touch(req, "private_networks", pn)


@route("GET", "/servers/{server_id}/private_networks/{private_network_id}")
def get_server_pn(req: Request) -> Any:
    srv = server(req)
    pn = req.store.get("private_networks", req.params["private_network_id"], "private network")
    if srv["id"] not in pn["server_ids"]:
        raise not_found("private network of this server", pn["id"])
    return views.private_network(req.store, pn)


@route("DELETE", "/servers/{server_id}/private_networks/{private_network_id}", 202)
def remove_server_pn(req: Request) -> Any:
    srv = server(req)
    pn = req.store.get("private_networks", req.params["private_network_id"], "private network")
    detach_server_from_network(req, pn, srv)
    log_server(req, "REMOVE_PRIVATE_NETWORK", srv, details={"private_network": pn["name"]})
    return views.server(req.store, srv)
