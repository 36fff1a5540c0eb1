"""Firewall policies: the collection, one policy, its server IPs and its rules.

Which IP uses which policy lives on the IP (``firewall_policy_id``, see ``store.py``): an IP has
exactly one policy, so attaching an IP here moves it away from its previous policy, and the
server's ``ips[].firewall_policy`` and this policy's ``server_ips`` can never disagree.

Decisions where the sources are silent (ENDPOINTS.md, SDK docs):

* Ports belong to TCP, UDP and TCP/UDP rules only, and those need one (``port`` or
  ``port_from``+``port_to``): ICMP, AH, ESP, GRE and IPSEC have no ports, and ANY means "all
  ports" (the SDK docs: "Deny is only allowed with protocol ANY to deny all ports"). Every rule
  is stored with both spellings filled in (``port_from``/``port_to`` integers and ``port`` as a
  string such as ``"80"`` or ``"8080-8081"``), so pre- and post-2018 clients both read it.
  ``port`` is always a string: the PHP fixtures and terraform use strings, a range can only be
  one, and one type is kinder to typed clients than the Python fixture's lone integer ``80``.
* A policy keeps at least one rule (creation demands one): removing the last rule is a 409.
* Deleting a default policy (``default == 1``) or a policy still used by any server IP is a 409;
  the API has no documented reassignment, so nothing is moved silently.
* The legacy ``DELETE .../server_ips/{id}`` leaves the IP without a policy, like the legacy
  ``DELETE /servers/{id}/ips/{ip}/firewall_policy``.
* Mutations are accepted while the policy is ``CONFIGURING`` (the SDK's own example adds rules,
  renames and removes rules without waiting); only a policy being removed refuses them (409).
"""

from __future__ import annotations

from typing import Any

from .. import factories, validate, views
from ..errors import BadRequest, Conflict, not_found
from ..routes import Request, route
from ..store import Record, Store
from ..transitions import CHAINS
from .common import ensure_not_removing

PROTOCOLS = ("TCP", "UDP", "TCP/UDP", "ICMP", "AH", "ESP", "GRE", "IPSEC", "ANY")
PORT_PROTOCOLS = frozenset({"TCP", "UDP", "TCP/UDP"})
ACTIONS = ("allow", "deny")
#: Servers in these states take no new attachments (same rule as ``server_parts.py``).
SERVER_UNAVAILABLE = frozenset({"REMOVING", "DEPLOYING"})


# -- shared helpers (load_balancers.py uses them too) ---------------------------------------------
def log(req: Request, action: str, collection: str, rec: Record, chain: str,
        details: dict[str, Any] | None = None) -> None:
    req.store.log(action, collection, rec, req.user, seconds=CHAINS[chain].seconds,
                  details=details)


def configure(req: Request, collection: str, rec: Record) -> None:
    """A policy or load balancer whose rules or attachments changed reconfigures itself."""
    req.store.begin(collection, rec, "resource.configure", "ACTIVE")


def body_server_ips(store: Store, body: dict[str, Any]) -> list[Record]:
    """The ``server_ips`` of an attach request: ids of IPs assigned to servers. An id that is not
    such an IP is a 400 (the body is wrong, not the path)."""
    ids = validate.ids(body, "server_ips")
    found = []
    for i, ip_id in enumerate(ids):
        ip = store.ips.get(ip_id)
        srv = store.ip_server(ip) if ip else None
        if ip is None or srv is None:
            raise BadRequest(f"Field 'server_ips[{i}]': '{ip_id}' is not the id of an IP "
                             f"assigned to a server (server IP ids, not server ids).")
        if srv["state"] in SERVER_UNAVAILABLE:
            raise Conflict(f"Field 'server_ips[{i}]': server '{srv['name']}' is busy "
                           f"({srv['state']}).")
        found.append(ip)
    return found


def attached(store: Store, rec: Record, ip_id: str, kind: str, attached_to: Any) -> Record:
    """The server IP of the path, which must be attached to ``rec`` (404 otherwise)."""
    ip = store.find_server_ip(ip_id)
    if not attached_to(ip):
        raise not_found(f"server IP of this {kind}", ip_id)
    return ip


# -- rules ----------------------------------------------------------------------------------------
def _port_spec(value: Any, label: str) -> tuple[int, int]:
    """``port``: an integer, ``"80"`` or a range ``"8080-8081"``; both ends 1..65535."""
    if isinstance(value, str):
        parts = [p.strip() for p in value.strip().split("-")]
        if len(parts) not in (1, 2) or not all(p.isdigit() for p in parts):
            raise BadRequest(f"Field '{label}' must be a port or a range such as '8080-8081', "
                             f"got {value!r}.")
        ends = [validate.port_value(int(p), label) for p in parts]
        lo, hi = ends[0], ends[-1]
        if lo > hi:
            raise BadRequest(f"Field '{label}': the range must not end ({hi}) before it starts "
                             f"({lo}).")
        return lo, hi
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        port = validate.port_value(value, label)
        return port, port
    raise BadRequest(f"Field '{label}' must be a port or a range such as '8080-8081', "
                     f"got {value!r}.")


def validate_rules(store: Store, body: dict[str, Any]) -> list[Record]:
    """``rules`` of a create or add-rules request, as new rule records (not yet stored)."""
    raw = validate.items(body, "rules", required=True, min_items=1, kind=dict) or []
    return [_rule(store, item, f"rules[{i}]") for i, item in enumerate(raw)]


def _rule(store: Store, item: dict[str, Any], label: str) -> Record:
    protocol = validate.enum(item, "protocol", PROTOCOLS, path=f"{label}.protocol",
                             required=True, case_insensitive=True) or ""
    port_from = validate.integer(item, "port_from", path=f"{label}.port_from", lo=1, hi=65535)
    port_to = validate.integer(item, "port_to", path=f"{label}.port_to", lo=1, hi=65535)
    if (port_from is None) != (port_to is None):
        missing = "port_to" if port_to is None else "port_from"
        raise BadRequest(f"Field '{label}.{missing}' is required when "
                         f"'{'port_from' if missing == 'port_to' else 'port_to'}' is given.")
    if port_from is not None and port_to is not None and port_from > port_to:
        raise BadRequest(f"Field '{label}.port_to' must be greater than or equal to "
                         f"'port_from' ({port_from}), got {port_to}.")
    port = item.get("port")
    if port is not None:
        lo, hi = _port_spec(port, f"{label}.port")
        if port_from is not None and (port_from, port_to) != (lo, hi):
            raise BadRequest(f"Field '{label}.port' ({port}) contradicts 'port_from'/'port_to' "
                             f"({port_from}-{port_to}); give one or the other.")
        port_from, port_to = lo, hi
    if protocol in PORT_PROTOCOLS and port_from is None:
        raise BadRequest(f"Field '{label}.port' is required for protocol {protocol} (give "
                         f"'port' or 'port_from' and 'port_to').")
    if protocol not in PORT_PROTOCOLS and port_from is not None:
        field = "port" if port is not None else "port_from"
        raise BadRequest(f"Field '{label}.{field}' is not allowed for protocol {protocol}: only "
                         f"TCP, UDP and TCP/UDP rules have ports.")
    source = validate.string(item, "source", path=f"{label}.source")
    if source is not None:
        source = validate.ip_address(source.strip(), f"{label}.source")
    action = validate.enum(item, "action", ACTIONS, path=f"{label}.action",
                           case_insensitive=True) or "allow"
    if action == "deny" and protocol != "ANY":
        raise BadRequest(f"Field '{label}.action': 'deny' is only allowed with protocol ANY "
                         f"(got {protocol}).")
    description = validate.string(item, "description", path=f"{label}.description")
    spec = None
    if port_from is not None:
        spec = str(port_from) if port_from == port_to else f"{port_from}-{port_to}"
    return factories.firewall_rule(store, protocol=protocol, port_from=port_from,
                                   port_to=port_to, port=spec, source=source, action=action,
                                   description=description)


# -- lookups --------------------------------------------------------------------------------------
def _policy(req: Request) -> Record:
    return req.store.get("firewall_policies", req.params["firewall_id"], "firewall policy")


def _live_policy(req: Request) -> Record:
    fw = _policy(req)
    ensure_not_removing(fw, "firewall policy")
    return fw


def _uses(fw: Record):
    return lambda ip: ip.get("firewall_policy_id") == fw["id"]


def _rule_of(fw: Record, rule_id: str) -> Record:
    for rule in fw["rules"]:
        if rule["id"] == rule_id:
            return rule
    raise not_found("firewall policy rule", rule_id)


# -- the collection and one policy ----------------------------------------------------------------
@route("GET", "/firewall_policies", listing=True)
def list_policies(req: Request) -> Any:
    return [views.firewall_policy(req.store, fw) for fw in req.store.firewall_policies.values()]


@route("POST", "/firewall_policies", 202)
def create_policy(req: Request) -> Any:
    store = req.store
    body = req.json()
    name = validate.string(body, "name", required=True, max_len=128)
    description = validate.string(body, "description")
    rules = validate_rules(store, body)
    fw = factories.firewall_policy(store, name=name or "", rules=rules, description=description,
                                   state="CONFIGURING")
    store.begin("firewall_policies", fw, "resource.create", "ACTIVE")
    log(req, "CREATE", "firewall_policies", fw, "resource.create", {"rules": len(rules)})
    return views.firewall_policy(store, fw)


@route("GET", "/firewall_policies/{firewall_id}")
def get_policy(req: Request) -> Any:
    return views.firewall_policy(req.store, _policy(req))


@route("PUT", "/firewall_policies/{firewall_id}")
def modify_policy(req: Request) -> Any:
    fw = _live_policy(req)
    body = req.json()
    name = validate.string(body, "name", max_len=128, nonblank=True)
    description = validate.string(body, "description")
    if name is None and description is None:
        raise BadRequest("Give 'name' and/or 'description' to modify a firewall policy.")
    before = {"name": fw["name"], "description": fw["description"]}
    if name is not None:
        fw["name"] = name
    if description is not None:
        fw["description"] = description
    configure(req, "firewall_policies", fw)
    log(req, "MODIFY", "firewall_policies", fw, "resource.configure", {"before": before})
    return views.firewall_policy(req.store, fw)


@route("DELETE", "/firewall_policies/{firewall_id}", 202)
def delete_policy(req: Request) -> Any:
    store = req.store
    fw = _policy(req)
    if fw["state"] == "REMOVING":
        raise Conflict(f"The firewall policy '{fw['name']}' is already being removed.")
    if fw["default"]:
        raise Conflict(f"The firewall policy '{fw['name']}' is a default policy and cannot be "
                       f"deleted.")
    users = store.ips_where(_uses(fw))
    if users:
        raise Conflict(f"The firewall policy '{fw['name']}' is still used by {len(users)} server "
                       f"IP(s) ({', '.join(ip['ip'] for ip in users)}); assign them another "
                       f"policy first.")
    fid = fw["id"]

    def finish() -> None:
        # Nothing should point here any more; make sure nothing dangles if something did.
        for ip in store.ips_where(lambda ip: ip.get("firewall_policy_id") == fid):
            ip["firewall_policy_id"] = None

    store.remove("firewall_policies", fw, finish)
    log(req, "DELETE", "firewall_policies", fw, "resource.remove")
    return views.firewall_policy(store, fw)


# -- server IPs -----------------------------------------------------------------------------------
@route("GET", "/firewall_policies/{firewall_id}/server_ips")
def list_server_ips(req: Request) -> Any:
    fw = _policy(req)
    return [views.attached_ip(req.store, ip) for ip in req.store.ips_where(_uses(fw))]


@route("POST", "/firewall_policies/{firewall_id}/server_ips", 202)
def attach_server_ips(req: Request) -> Any:
    store = req.store
    fw = _live_policy(req)
    ips = body_server_ips(store, req.json())
    for i, ip in enumerate(ips):
        if ip.get("firewall_policy_id") == fw["id"]:
            raise Conflict(f"Field 'server_ips[{i}]': the IP {ip['ip']} already uses firewall "
                           f"policy '{fw['name']}'.")
    previous = set()
    for ip in ips:
        if ip.get("firewall_policy_id") in store.firewall_policies:
            previous.add(ip["firewall_policy_id"])
        ip["firewall_policy_id"] = fw["id"]
    for old_id in previous:
        old = store.firewall_policies[old_id]
        if old["state"] != "REMOVING":
            configure(req, "firewall_policies", old)
    configure(req, "firewall_policies", fw)
    log(req, "ASSIGN_SERVER_IPS", "firewall_policies", fw, "resource.configure",
        {"ips": [ip["ip"] for ip in ips]})
    return views.firewall_policy(store, fw)


@route("GET", "/firewall_policies/{firewall_id}/server_ips/{server_ip_id}")
def get_server_ip(req: Request) -> Any:
    fw = _policy(req)
    ip = attached(req.store, fw, req.params["server_ip_id"], "firewall policy", _uses(fw))
    return views.attached_ip(req.store, ip)


@route("DELETE", "/firewall_policies/{firewall_id}/server_ips/{server_ip_id}", 202)
def remove_server_ip(req: Request) -> Any:
    """Legacy (removed from the SDKs in 2018, still called by the ansible module): the IP is left
    without a firewall policy."""
    fw = _live_policy(req)
    ip = attached(req.store, fw, req.params["server_ip_id"], "firewall policy", _uses(fw))
    ip["firewall_policy_id"] = None
    configure(req, "firewall_policies", fw)
    log(req, "UNASSIGN_SERVER_IP", "firewall_policies", fw, "resource.configure",
        {"ip": ip["ip"]})
    return views.firewall_policy(req.store, fw)


# -- rules ----------------------------------------------------------------------------------------
@route("GET", "/firewall_policies/{firewall_id}/rules")
def list_rules(req: Request) -> Any:
    return [views.firewall_rule(r) for r in _policy(req)["rules"]]


@route("POST", "/firewall_policies/{firewall_id}/rules", 202)
def add_rules(req: Request) -> Any:
    fw = _live_policy(req)
    rules = validate_rules(req.store, req.json())
    fw["rules"].extend(rules)
    configure(req, "firewall_policies", fw)
    log(req, "ADD_RULES", "firewall_policies", fw, "resource.configure",
        {"rules": [r["id"] for r in rules]})
    return views.firewall_policy(req.store, fw)


@route("GET", "/firewall_policies/{firewall_id}/rules/{rule_id}")
def get_rule(req: Request) -> Any:
    return views.firewall_rule(_rule_of(_policy(req), req.params["rule_id"]))


def drop_rule(req: Request, collection: str, rec: Record, rule: Record, kind: str) -> None:
    """Remove a rule of a firewall policy or load balancer: each keeps at least one (409)."""
    ensure_not_removing(rec, kind)
    if len(rec["rules"]) == 1:
        raise Conflict(f"Rule '{rule['id']}' is the last rule of {kind} '{rec['name']}': "
                       f"a {kind} keeps at least one rule.")
    rec["rules"].remove(rule)
    configure(req, collection, rec)
    log(req, "REMOVE_RULE", collection, rec, "resource.configure", {"rule": rule["id"]})


@route("DELETE", "/firewall_policies/{firewall_id}/rules/{rule_id}", 202)
def remove_rule(req: Request) -> Any:
    fw = _policy(req)
    drop_rule(req, "firewall_policies", fw, _rule_of(fw, req.params["rule_id"]),
              "firewall policy")
    return views.firewall_policy(req.store, fw)

