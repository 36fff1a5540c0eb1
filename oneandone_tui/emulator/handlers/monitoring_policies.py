"""Monitoring policies: the policy, its ports, processes and servers.

A new policy is ``ACTIVE`` at once (``create-mp.json``); every later change (modify, ports,
processes, servers) answers with the policy ``CONFIGURING`` for a moment, then ``ACTIVE``;
delete is ``REMOVING`` and then 404. A server has at most one policy: the single source of
truth is ``server["monitoring_policy_id"]`` (attaching moves a server; a deleted policy's
servers are left without one when the removal completes). The account's default policy cannot
be deleted.

Spelling: ports and processes use ``alert_if`` and ``email_notification``, as in
``create-mp.json``/``modify-mp.json``, Go's structs and what the Python SDK's
``modify_port``/``modify_process`` read back (several fixtures spell ``email_notifications`` or
``alert_when``/``alert``; see ``fixtures/INDEX.md``). ``port`` is stored and answered as an
integer (Go's ``MonitoringPort.Port`` is an int); a numeric string is accepted on input, as
``create-mp.json`` shows one.

Ports and processes: a port or process already monitored may be added again (the Java live test
adds TCP 97 twice in one request), and modifying one may change every field, ``port``,
``protocol`` and ``process`` included (the Java and .NET live tests send port 23 for a port
created as 22 and expect 202). An ``id`` in the body is ignored (the Python SDK's
``modify_port`` sends the GET body back without it).

Thresholds: cpu, ram and disk are percentages, 1..100 (Terraform's range; the .NET docs say
warning 1..95 and critical <= 100, which the stricter "warning below critical" mostly covers);
transfer and internal_ping are positive integers. In every entity warning < critical.
"""

from __future__ import annotations

import re
from typing import Any

from .. import factories, validate, views
from ..errors import BadRequest, Conflict, not_found
from ..routes import Request, route
from ..store import Record, Store
from ..transitions import CHAINS
from .common import ensure_not_removing

ENTITIES = tuple(factories.DEFAULT_THRESHOLDS)
PERCENT_ENTITIES = ("cpu", "ram", "disk")
LEVELS = ("warning", "critical")
PORT_ALERTS = ("RESPONDING", "NOT_RESPONDING")
PROCESS_ALERTS = ("RUNNING", "NOT_RUNNING")
PORT_PROTOCOLS = ("TCP", "UDP")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# -- lookups and shared steps -----------------------------------------------------------------
def _policy(req: Request) -> Record:
    return req.store.get("monitoring_policies", req.params["monitoring_policy_id"],
                         "monitoring policy")


def _mutable_policy(req: Request) -> Record:
    mp = _policy(req)
    ensure_not_removing(mp, "monitoring policy")
    return mp


def _child(mp: Record, key: str, ident: str, kind: str) -> Record:
    for item in mp[key]:
        if item["id"] == ident:
            return item
    raise not_found(kind, ident)


def _reconfigure(req: Request, mp: Record, action: str,
                 details: dict[str, Any] | None = None) -> Record:
    """CONFIGURING for a moment, then ACTIVE; logged; answers with the whole policy."""
    req.store.begin("monitoring_policies", mp, "resource.configure", "ACTIVE")
    req.store.log(action, "monitoring_policies", mp, req.user, details=details)
    return views.monitoring_policy(req.store, mp)


# -- validation -----------------------------------------------------------------------------------
def _email(body: dict[str, Any]) -> str | None:
    """An address, or "" for none (the default policy's ``email`` is "")."""
    email = validate.string(body, "email", max_len=254)
    if email and not _EMAIL.match(email.strip()):
        raise BadRequest(f"Field 'email' must be a valid e-mail address, got {email!r}.")
    return email.strip() if email is not None else None


def validate_thresholds(raw: dict[str, Any], base: dict[str, Any] | None = None,
                        ) -> dict[str, Any]:
    """Thresholds of a create (``base`` None: all five entities, every value and alert
    required) or a modify (merged into ``base``: anything left out keeps its value). The merged
    result is checked as a whole, so a modify cannot leave warning >= critical."""
    unknown = [k for k in raw if k not in ENTITIES]
    if unknown:
        raise BadRequest(f"Field 'thresholds.{unknown[0]}' is not a threshold entity (one of "
                         f"{', '.join(ENTITIES)}).")
    create = base is None
    out: dict[str, Any] = {}
    for entity in ENTITIES:
        path = f"thresholds.{entity}"
        given = validate.obj(raw, entity, path=path, required=create) or {}
        out[entity] = {}
        for lvl in LEVELS:
            lpath = f"{path}.{lvl}"
            part = validate.obj(given, lvl, path=lpath, required=create) or {}
            old = base[entity][lvl] if base else {}
            hi = 100 if entity in PERCENT_ENTITIES else None
            value = validate.integer(part, "value", path=f"{lpath}.value", required=create,
                                     lo=1, hi=hi)
            alert = validate.boolean(part, "alert", path=f"{lpath}.alert", required=create)
            out[entity][lvl] = {"value": old.get("value") if value is None else value,
                                "alert": old.get("alert") if alert is None else alert}
        warning, critical = out[entity]["warning"]["value"], out[entity]["critical"]["value"]
        if warning >= critical:
            raise BadRequest(f"Field '{path}.warning.value' ({warning}) must be below "
                             f"'{path}.critical.value' ({critical}).")
    return out


def _port_number(item: dict[str, Any], label: str, required: bool = True) -> int | None:
    value = item.get("port")
    if value is None:
        if required:
            raise validate.required_missing(label)
        return None
    if isinstance(value, str):
        if not value.strip().isdigit():
            raise BadRequest(f"Field '{label}' must be an integer between 1 and 65535, "
                             f"got {value!r}.")
        value = int(value.strip())
    return validate.port_value(value, label)


def _new_ports(store: Store, raw: list[Any], label: str) -> list[Record]:
    """New port records. The same protocol and port twice is accepted: the Java live test
    ``MonitoringPoliciesPortsTest.CreateMonitoringPolicyPort`` adds TCP 97 twice in one request
    and expects success, and no source shows the API refusing a port already monitored."""
    ports = []
    for i, item in enumerate(raw):
        path = f"{label}[{i}]"
        protocol = validate.enum(item, "protocol", PORT_PROTOCOLS, path=f"{path}.protocol",
                                 required=True)
        number = _port_number(item, f"{path}.port")
        alert_if = validate.enum(item, "alert_if", PORT_ALERTS, path=f"{path}.alert_if",
                                 required=True)
        email = validate.boolean(item, "email_notification", path=f"{path}.email_notification",
                                 required=True)
        ports.append(factories.mp_port(store, protocol=protocol or "TCP", port=number or 0,
                                       alert_if=alert_if or "", email_notification=bool(email)))
    return ports


def _new_processes(store: Store, raw: list[Any], label: str) -> list[Record]:
    """New process records; a name already monitored is accepted, as ports are."""
    procs = []
    for i, item in enumerate(raw):
        path = f"{label}[{i}]"
        name = validate.string(item, "process", path=f"{path}.process", required=True,
                               max_len=50)
        alert_if = validate.enum(item, "alert_if", PROCESS_ALERTS, path=f"{path}.alert_if",
                                 required=True)
        email = validate.boolean(item, "email_notification", path=f"{path}.email_notification",
                                 required=True)
        procs.append(factories.mp_process(store, process=name or "", alert_if=alert_if or "",
                                          email_notification=bool(email)))
    return procs


def _alert_changes(body: dict[str, Any], label: str,
                   choices: tuple[str, ...]) -> dict[str, Any]:
    alert_if = validate.enum(body, "alert_if", choices, path=f"{label}.alert_if")
    email = validate.boolean(body, "email_notification", path=f"{label}.email_notification")
    return {k: v for k, v in (("alert_if", alert_if), ("email_notification", email))
            if v is not None}


def _nothing_to_change(label: str, keys: str) -> BadRequest:
    return BadRequest(f"Give at least one of {keys} in '{label}' to modify it.")


# -- the collection and one policy ----------------------------------------------------------------
@route("GET", "/monitoring_policies", listing=True)
def list_policies(req: Request) -> Any:
    store = req.store
    return [views.monitoring_policy(store, mp) for mp in store.monitoring_policies.values()]


@route("POST", "/monitoring_policies", 201)
def create_policy(req: Request) -> Any:
    store = req.store
    body = req.json()
    name = validate.string(body, "name", required=True, max_len=128)
    description = validate.string(body, "description")
    email = _email(body)
    agent = validate.boolean(body, "agent", required=True)
    raw = validate.obj(body, "thresholds", required=True) or {}
    thresholds = validate_thresholds(raw)
    raw_ports = validate.items(body, "ports", required=True, kind=dict) or []
    raw_procs = validate.items(body, "processes", required=True, kind=dict) or []
    ports = _new_ports(store, raw_ports, "ports")
    procs = _new_processes(store, raw_procs, "processes")
    mp = factories.monitoring_policy(store, name=name or "", email=email or "",
                                     agent=bool(agent), thresholds_=thresholds, ports=ports,
                                     processes=procs, description=description)
    store.log("CREATE", "monitoring_policies", mp, req.user)
    return views.monitoring_policy(store, mp)


@route("GET", "/monitoring_policies/{monitoring_policy_id}")
def get_policy(req: Request) -> Any:
    return views.monitoring_policy(req.store, _policy(req))


@route("PUT", "/monitoring_policies/{monitoring_policy_id}", 202)
def modify_policy(req: Request) -> Any:
    mp = _mutable_policy(req)
    body = req.json()
    name = validate.string(body, "name", max_len=128, nonblank=True)
    description = validate.string(body, "description")
    email = _email(body)
    raw = validate.obj(body, "thresholds")
    thresholds = validate_thresholds(raw, mp["thresholds"]) if raw is not None else None
    if all(v is None for v in (name, description, email, thresholds)):
        raise BadRequest("Give at least one of 'name', 'description', 'email' and "
                         "'thresholds' to modify a monitoring policy.")
    for key, value in (("name", name), ("description", description), ("email", email),
                       ("thresholds", thresholds)):
        if value is not None:
            mp[key] = value
    return _reconfigure(req, mp, "MODIFY")


@route("DELETE", "/monitoring_policies/{monitoring_policy_id}", 202)
def delete_policy(req: Request) -> Any:
    store = req.store
    mp = _mutable_policy(req)
    if mp["default"]:
        raise Conflict(f"The monitoring policy '{mp['name']}' is the account's default policy "
                       f"and cannot be deleted.")
    mp_id = mp["id"]

    def finish() -> None:
        for srv in store.servers.values():
            if srv.get("monitoring_policy_id") == mp_id:
                srv["monitoring_policy_id"] = None

    store.remove("monitoring_policies", mp, finish)
    store.log("DELETE", "monitoring_policies", mp, req.user,
              seconds=CHAINS["resource.remove"].seconds)
    return views.monitoring_policy(store, mp)


# -- ports ----------------------------------------------------------------------------------------
@route("GET", "/monitoring_policies/{monitoring_policy_id}/ports")
def list_ports(req: Request) -> Any:
    return [views.mp_port(p) for p in _policy(req)["ports"]]


@route("POST", "/monitoring_policies/{monitoring_policy_id}/ports", 202)
def add_ports(req: Request) -> Any:
    mp = _mutable_policy(req)
    raw = validate.items(req.json(), "ports", required=True, min_items=1, kind=dict) or []
    ports = _new_ports(req.store, raw, "ports")
    mp["ports"].extend(ports)
    return _reconfigure(req, mp, "ADD_PORT",
                        {"ports": [f"{p['protocol']}/{p['port']}" for p in ports]})


@route("GET", "/monitoring_policies/{monitoring_policy_id}/ports/{port_id}")
def get_port(req: Request) -> Any:
    return views.mp_port(_child(_policy(req), "ports", req.params["port_id"], "port"))


@route("PUT", "/monitoring_policies/{monitoring_policy_id}/ports/{port_id}", 202)
def modify_port(req: Request) -> Any:
    mp = _policy(req)
    port = _child(mp, "ports", req.params["port_id"], "port")
    ensure_not_removing(mp, "monitoring policy")
    body = validate.obj(req.json(), "ports", required=True) or {}
    protocol = validate.enum(body, "protocol", PORT_PROTOCOLS, path="ports.protocol")
    number = _port_number(body, "ports.port", False)
    changes = _alert_changes(body, "ports", PORT_ALERTS)
    changes.update({k: v for k, v in (("protocol", protocol), ("port", number)) if v is not None})
    if not changes:
        raise _nothing_to_change("ports", "protocol, port, alert_if and email_notification")
    before = f"{port['protocol']}/{port['port']}"
    port.update(changes)
    return _reconfigure(req, mp, "MODIFY_PORT",
                        {"port": f"{port['protocol']}/{port['port']}", "was": before})


@route("DELETE", "/monitoring_policies/{monitoring_policy_id}/ports/{port_id}", 202)
def delete_port(req: Request) -> Any:
    mp = _policy(req)
    port = _child(mp, "ports", req.params["port_id"], "port")
    ensure_not_removing(mp, "monitoring policy")
    mp["ports"].remove(port)
    return _reconfigure(req, mp, "REMOVE_PORT", {"port": f"{port['protocol']}/{port['port']}"})


# -- processes ------------------------------------------------------------------------------------
@route("GET", "/monitoring_policies/{monitoring_policy_id}/processes")
def list_processes(req: Request) -> Any:
    return [views.mp_process(p) for p in _policy(req)["processes"]]


@route("POST", "/monitoring_policies/{monitoring_policy_id}/processes", 202)
def add_processes(req: Request) -> Any:
    """Answers with the policy (Go, Java); the Python fixture's list of processes is the odd
    one out (ENDPOINTS.md §10)."""
    mp = _mutable_policy(req)
    raw = validate.items(req.json(), "processes", required=True, min_items=1, kind=dict) or []
    procs = _new_processes(req.store, raw, "processes")
    mp["processes"].extend(procs)
    return _reconfigure(req, mp, "ADD_PROCESS", {"processes": [p["process"] for p in procs]})


@route("GET", "/monitoring_policies/{monitoring_policy_id}/processes/{process_id}")
def get_process(req: Request) -> Any:
    return views.mp_process(_child(_policy(req), "processes", req.params["process_id"],
                                   "process"))


@route("PUT", "/monitoring_policies/{monitoring_policy_id}/processes/{process_id}", 202)
def modify_process(req: Request) -> Any:
    mp = _policy(req)
    proc = _child(mp, "processes", req.params["process_id"], "process")
    ensure_not_removing(mp, "monitoring policy")
    body = validate.obj(req.json(), "processes", required=True) or {}
    name = validate.string(body, "process", path="processes.process", max_len=50, nonblank=True)
    changes = _alert_changes(body, "processes", PROCESS_ALERTS)
    if name is not None:
        changes["process"] = name
    if not changes:
        raise _nothing_to_change("processes", "process, alert_if and email_notification")
    before = proc["process"]
    proc.update(changes)
    return _reconfigure(req, mp, "MODIFY_PROCESS", {"process": proc["process"], "was": before})


@route("DELETE", "/monitoring_policies/{monitoring_policy_id}/processes/{process_id}", 202)
def delete_process(req: Request) -> Any:
    mp = _policy(req)
    proc = _child(mp, "processes", req.params["process_id"], "process")
    ensure_not_removing(mp, "monitoring policy")
    mp["processes"].remove(proc)
    return _reconfigure(req, mp, "REMOVE_PROCESS", {"process": proc["process"]})


# -- servers --------------------------------------------------------------------------------------
def _attached_server(req: Request, mp: Record) -> Record:
    srv = req.store.get("servers", req.params["server_id"], "server")
    if srv.get("monitoring_policy_id") != mp["id"]:
        raise not_found("server of this monitoring policy", srv["id"])
    return srv


@route("GET", "/monitoring_policies/{monitoring_policy_id}/servers")
def list_servers(req: Request) -> Any:
    return views.monitoring_policy_servers(req.store, _policy(req))


@route("POST", "/monitoring_policies/{monitoring_policy_id}/servers", 202)
def attach_servers(req: Request) -> Any:
    store = req.store
    mp = _mutable_policy(req)
    ids = validate.ids(req.json(), "servers")
    servers = []
    for i, sid in enumerate(ids):
        srv = store.servers.get(sid)
        if srv is None:
            raise BadRequest(f"Field 'servers[{i}]': server '{sid}' does not exist.")
        if srv["state"] == "REMOVING":
            raise Conflict(f"Server '{srv['name']}' is being removed.")
        servers.append(srv)
    previous = set()
    for srv in servers:
        old = srv.get("monitoring_policy_id")
        if old and old != mp["id"]:
            previous.add(old)
        srv["monitoring_policy_id"] = mp["id"]
    for old_id in previous:  # a moved server reconfigures the policy it left, too
        old = store.monitoring_policies.get(old_id)
        if old is not None and old["state"] != "REMOVING":
            store.begin("monitoring_policies", old, "resource.configure", "ACTIVE")
    return _reconfigure(req, mp, "ATTACH_SERVER", {"servers": [s["name"] for s in servers]})


@route("GET", "/monitoring_policies/{monitoring_policy_id}/servers/{server_id}")
def get_server(req: Request) -> Any:
    mp = _policy(req)
    return views.ref(_attached_server(req, mp))


@route("DELETE", "/monitoring_policies/{monitoring_policy_id}/servers/{server_id}", 202)
def detach_server(req: Request) -> Any:
    mp = _policy(req)
    srv = _attached_server(req, mp)
    ensure_not_removing(mp, "monitoring policy")
    srv["monitoring_policy_id"] = None
    return _reconfigure(req, mp, "DETACH_SERVER", {"server": srv["name"]})
