"""Load balancers: the collection, one load balancer, its server IPs and its rules.

Which server IPs a load balancer balances lives on the IPs (``load_balancer_ids``, see
``store.py``), so ``GET /servers/{id}/ips/{ip}/load_balancers`` and this load balancer's
``server_ips`` always agree. A load balancer also owns a public IP of its own (created by
``factories.load_balancer``), released and deleted with it.

Decisions where the sources disagree or are silent (ENDPOINTS.md):

* ``health_check_test`` accepts TCP, HTTP and NONE (the Node/.NET enums; the Python SDK docs
  say HTTP is unsupported and its client only sends TCP). HTTP needs ``health_check_path``;
  ``health_check_path_parser`` stays optional and must compile as a regular expression.
* The parser is read from ``health_check_path_parser`` (Go, .NET, fixtures) or
  ``health_check_parse`` (what the Python SDK sends); giving both with different values is a
  400. Responses always spell it ``health_check_path_parser``.
* ``persistence_time`` is required whenever the resulting ``persistence`` is true (create, and
  modify checks the merged result); turning persistence off keeps the stored time.
* ``health_check_interval`` is 1..300 seconds. The docs (.NET, Terraform) say 5..300, but the
  Java (``LoadBalancersTest``, ``ServerIPsTest``) and .NET (``LoadBalancerTest``,
  ``ServerIpsTest``) live tests create load balancers with 1 and expect success: the API
  accepted it, so the emulator does too.
* ``datacenter_id`` is optional and nothing is invented when it is missing: no fixture shows a
  load balancer's datacenter (none has the key) and no SDK says which one the API picks, so
  such a load balancer answers ``datacenter: null``. Its own public IP still needs an address
  and takes it from the first datacenter's pool (an internal detail).
* Server IPs of any datacenter can be balanced: no source states a same-datacenter rule, and the
  Go live test ``TestAssignServerIpLoadBalancer`` creates the server and the load balancer
  without a datacenter and expects the assignment to succeed.
* Rule protocols are TCP and UDP (PY docs, Java/.NET enums); a second rule with the same
  ``protocol`` + ``port_balancer`` (in the request or already on the load balancer) is a 400.
* Removing the last rule is a 409 (creation demands at least one).
* Deleting is allowed while server IPs are attached: when the removal completes the load
  balancer disappears from every IP's load balancers and its own IP is released and deleted.
"""

from __future__ import annotations

import re
from typing import Any

from .. import factories, validate, views
from ..errors import BadRequest, Conflict, not_found
from ..routes import Request, route
from ..store import Record, Store
from .common import datacenter_id, ensure_not_removing
from .firewall_policies import attached, body_server_ips, configure, drop_rule, log

HEALTH_CHECK_TESTS = ("TCP", "HTTP", "NONE")
METHODS = ("ROUND_ROBIN", "LEAST_CONNECTIONS")
RULE_PROTOCOLS = ("TCP", "UDP")
PARSER_NAMES = ("health_check_path_parser", "health_check_parse")


# -- validation -----------------------------------------------------------------------------------
def _parser(body: dict[str, Any]) -> str | None:
    values = {n: validate.string(body, n, max_len=64) for n in PARSER_NAMES}
    given = {n: v for n, v in values.items() if v is not None}
    if len(set(given.values())) > 1:
        raise BadRequest("Fields 'health_check_path_parser' and 'health_check_parse' name the "
                         "same setting but differ; give one of them.")
    if not given:
        return None
    name, value = next(iter(given.items()))
    try:
        re.compile(value)
    except re.error as exc:
        raise BadRequest(f"Field '{name}' must be a valid regular expression: {exc}.") from None
    return value


def _settings(body: dict[str, Any]) -> dict[str, Any]:
    """The settings a create or modify request gives (``null`` = not given)."""
    out = {
        "name": validate.string(body, "name", max_len=128, nonblank=True),
        "description": validate.string(body, "description"),
        "health_check_test": validate.enum(body, "health_check_test", HEALTH_CHECK_TESTS,
                                           case_insensitive=True),
        "health_check_interval": validate.integer(body, "health_check_interval", lo=1, hi=300),
        "health_check_path": validate.string(body, "health_check_path", max_len=1000),
        "health_check_path_parser": _parser(body),
        "persistence": validate.boolean(body, "persistence"),
        "persistence_time": validate.integer(body, "persistence_time", lo=30, hi=1200),
        "method": validate.enum(body, "method", METHODS, case_insensitive=True),
    }
    return {k: v for k, v in out.items() if v is not None}


def _check_combination(merged: dict[str, Any]) -> None:
    if merged.get("health_check_test") == "HTTP" and not merged.get("health_check_path"):
        raise BadRequest("Field 'health_check_path' is required when health_check_test is "
                         "HTTP.")
    if merged.get("persistence") and merged.get("persistence_time") is None:
        raise BadRequest("Field 'persistence_time' is required when persistence is true "
                         "(30 to 1200 seconds).")


def validate_rules(store: Store, body: dict[str, Any], existing: list[Record]) -> list[Record]:
    """``rules`` of a create or add-rules request as new rule records (not yet stored)."""
    raw = validate.items(body, "rules", required=True, min_items=1, kind=dict) or []
    taken = {(r["protocol"], r["port_balancer"]) for r in existing}
    rules = []
    for i, item in enumerate(raw):
        label = f"rules[{i}]"
        protocol = validate.enum(item, "protocol", RULE_PROTOCOLS, path=f"{label}.protocol",
                                 required=True, case_insensitive=True) or "TCP"
        port_balancer = validate.integer(item, "port_balancer", path=f"{label}.port_balancer",
                                         required=True, lo=1, hi=65535) or 0
        port_server = validate.integer(item, "port_server", path=f"{label}.port_server",
                                       required=True, lo=1, hi=65535) or 0
        source = validate.string(item, "source", path=f"{label}.source")
        if source is not None:
            source = validate.ip_address(source.strip(), f"{label}.source")
        if (protocol, port_balancer) in taken:
            raise BadRequest(f"Field '{label}.port_balancer': port {port_balancer}/{protocol} "
                             f"is already balanced by another rule.")
        taken.add((protocol, port_balancer))
        rules.append(factories.lb_rule(store, protocol=protocol, port_balancer=port_balancer,
                                       port_server=port_server, source=source))
    return rules


# -- lookups --------------------------------------------------------------------------------------
def _lb(req: Request) -> Record:
    return req.store.get("load_balancers", req.params["load_balancer_id"], "load balancer")


def _live_lb(req: Request) -> Record:
    lb = _lb(req)
    ensure_not_removing(lb, "load balancer")
    return lb


def _balanced_by(lb: Record):
    return lambda ip: lb["id"] in ip["load_balancer_ids"]


def _rule_of(lb: Record, rule_id: str) -> Record:
    for rule in lb["rules"]:
        if rule["id"] == rule_id:
            return rule
    raise not_found("load balancer rule", rule_id)


# -- the collection and one load balancer ---------------------------------------------------------
@route("GET", "/load_balancers", listing=True)
def list_lbs(req: Request) -> Any:
    return [views.load_balancer(req.store, lb) for lb in req.store.load_balancers.values()]


@route("POST", "/load_balancers", 202)
def create_lb(req: Request) -> Any:
    store = req.store
    body = req.json()
    validate.string(body, "name", required=True, max_len=128)
    validate.enum(body, "method", METHODS, required=True, case_insensitive=True)
    settings = {"health_check_test": "TCP", "health_check_interval": 15, "persistence": False,
                **_settings(body)}
    _check_combination(settings)
    dc = datacenter_id(store, body) if body.get("datacenter_id") is not None else None
    rules = validate_rules(store, body, [])
    lb = factories.load_balancer(store, rules=rules, datacenter_id=dc, state="CONFIGURING",
                                 **settings)
    store.begin("load_balancers", lb, "resource.create", "ACTIVE")
    log(req, "CREATE", "load_balancers", lb, "resource.create", {"rules": len(rules)})
    return views.load_balancer(store, lb)


@route("GET", "/load_balancers/{load_balancer_id}")
def get_lb(req: Request) -> Any:
    return views.load_balancer(req.store, _lb(req))


@route("PUT", "/load_balancers/{load_balancer_id}", 202)
def modify_lb(req: Request) -> Any:
    lb = _live_lb(req)
    changes = _settings(req.json())
    if not changes:
        raise BadRequest("Give at least one of name, description, health_check_test, "
                         "health_check_interval, health_check_path, health_check_path_parser, "
                         "persistence, persistence_time and method to modify a load balancer.")
    _check_combination({**lb, **changes})
    before = {k: lb[k] for k in changes}
    lb.update(changes)
    configure(req, "load_balancers", lb)
    log(req, "MODIFY", "load_balancers", lb, "resource.configure",
        {"before": before, "after": changes})
    return views.load_balancer(req.store, lb)


@route("DELETE", "/load_balancers/{load_balancer_id}", 202)
def delete_lb(req: Request) -> Any:
    store = req.store
    lb = _lb(req)
    if lb["state"] == "REMOVING":
        raise Conflict(f"The load balancer '{lb['name']}' is already being removed.")
    lid = lb["id"]

    def finish() -> None:
        for ip in list(store.ips.values()):
            if lid in ip["load_balancer_ids"]:
                ip["load_balancer_ids"].remove(lid)
            owner = ip.get("assigned_to")
            if owner and owner["type"] == "LOAD_BALANCER" and owner["id"] == lid:
                store.release_ip(ip, delete=True)

    store.remove("load_balancers", lb, finish)
    log(req, "DELETE", "load_balancers", lb, "resource.remove")
    return views.load_balancer(store, lb)


# -- server IPs -----------------------------------------------------------------------------------
@route("GET", "/load_balancers/{load_balancer_id}/server_ips")
def list_server_ips(req: Request) -> Any:
    lb = _lb(req)
    return [views.attached_ip(req.store, ip) for ip in req.store.ips_where(_balanced_by(lb))]


@route("POST", "/load_balancers/{load_balancer_id}/server_ips", 202)
def attach_server_ips(req: Request) -> Any:
    store = req.store
    lb = _live_lb(req)
    ips = body_server_ips(store, req.json())
    for i, ip in enumerate(ips):
        if lb["id"] in ip["load_balancer_ids"]:
            raise Conflict(f"Field 'server_ips[{i}]': the IP {ip['ip']} is already attached to "
                           f"load balancer '{lb['name']}'.")
    for ip in ips:
        ip["load_balancer_ids"].append(lb["id"])
    configure(req, "load_balancers", lb)
    log(req, "ASSIGN_SERVER_IPS", "load_balancers", lb, "resource.configure",
        {"ips": [ip["ip"] for ip in ips]})
    return views.load_balancer(store, lb)


@route("GET", "/load_balancers/{load_balancer_id}/server_ips/{server_ip_id}")
def get_server_ip(req: Request) -> Any:
    lb = _lb(req)
    ip = attached(req.store, lb, req.params["server_ip_id"], "load balancer", _balanced_by(lb))
    return views.attached_ip(req.store, ip)


@route("DELETE", "/load_balancers/{load_balancer_id}/server_ips/{server_ip_id}", 202)
def remove_server_ip(req: Request) -> Any:
    lb = _live_lb(req)
    ip = attached(req.store, lb, req.params["server_ip_id"], "load balancer", _balanced_by(lb))
    ip["load_balancer_ids"].remove(lb["id"])
    configure(req, "load_balancers", lb)
    log(req, "UNASSIGN_SERVER_IP", "load_balancers", lb, "resource.configure", {"ip": ip["ip"]})
    return views.load_balancer(req.store, lb)


# -- rules ----------------------------------------------------------------------------------------
@route("GET", "/load_balancers/{load_balancer_id}/rules")
def list_rules(req: Request) -> Any:
    return [views.lb_rule(r) for r in _lb(req)["rules"]]


@route("POST", "/load_balancers/{load_balancer_id}/rules", 202)
def add_rules(req: Request) -> Any:
    lb = _live_lb(req)
    rules = validate_rules(req.store, req.json(), lb["rules"])
    lb["rules"].extend(rules)
    configure(req, "load_balancers", lb)
    log(req, "ADD_RULES", "load_balancers", lb, "resource.configure",
        {"rules": [r["id"] for r in rules]})
    return views.load_balancer(req.store, lb)


@route("GET", "/load_balancers/{load_balancer_id}/rules/{rule_id}")
def get_rule(req: Request) -> Any:
    return views.lb_rule(_rule_of(_lb(req), req.params["rule_id"]))


@route("DELETE", "/load_balancers/{load_balancer_id}/rules/{rule_id}", 202)
def remove_rule(req: Request) -> Any:
    lb = _lb(req)
    drop_rule(req, "load_balancers", lb, _rule_of(lb, req.params["rule_id"]), "load balancer")
    return views.load_balancer(req.store, lb)
