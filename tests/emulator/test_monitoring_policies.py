"""Monitoring policies: the 19 endpoints, their validation, state chains and the policy <->
server relationship (``server["monitoring_policy_id"]`` seen from both sides)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.emulator.fixture_shapes import assert_fixture, assert_shape, fixture
from tests.helpers import error

ENTITIES = ("cpu", "ram", "disk", "transfer", "internal_ping")
PORT_KEYS = {"id", "protocol", "port", "alert_if", "email_notification"}
PROCESS_KEYS = {"id", "process", "alert_if", "email_notification"}


def thresholds(**over: tuple[int, int]) -> dict[str, Any]:
    base = {"cpu": (90, 95), "ram": (90, 95), "disk": (80, 90), "transfer": (1000, 2000),
            "internal_ping": (50, 100), **over}
    return {k: {"warning": {"value": w, "alert": False}, "critical": {"value": c, "alert": True}}
            for k, (w, c) in base.items()}


def body(**over: Any) -> dict[str, Any]:
    b = {"name": "mp-test", "description": "d", "email": "ops@example.com", "agent": True,
         "thresholds": thresholds(),
         "ports": [{"protocol": "TCP", "port": 22, "alert_if": "RESPONDING",
                    "email_notification": True}],
         "processes": [{"process": "nginx", "alert_if": "NOT_RUNNING",
                        "email_notification": False}]}
    b.update(over)
    return b


@pytest.fixture
def mp(api):
    return api.ok(api.post("/monitoring_policies", body()), 201)


def path(mp: dict[str, Any], sub: str = "") -> str:
    return f"/monitoring_policies/{mp['id']}{sub}"


def sid(api, name: str) -> str:
    return api.find("servers", name)["id"]


# -- collection, create, get ----------------------------------------------------------------------
def test_list_has_seeded_policies_with_full_shape(api):
    items = api.ok(api.get("/monitoring_policies"))
    names = {p["name"] for p in items}
    assert {"Default Policy", "Production"} <= names
    for p in items:
        assert_fixture(p, "get-mp.json", nullable={"description"})
        assert set(p["thresholds"]) == set(ENTITIES)
        assert all(set(port) == PORT_KEYS and isinstance(port["port"], int)
                   for port in p["ports"])
        assert all(set(proc) == PROCESS_KEYS for proc in p["processes"])


def test_list_query_parameters(api):
    items = api.ok(api.get("/monitoring_policies", q="Production", fields="id,name"))
    assert items == [{"id": items[0]["id"], "name": "Production"}]


def test_create_answers_201_active_with_fixture_shape(api):
    resp = api.post("/monitoring_policies", body(ports=[
        {"protocol": "TCP", "port": "22", "alert_if": "RESPONDING", "email_notification": True},
        {"protocol": "UDP", "port": 53, "alert_if": "NOT_RESPONDING",
         "email_notification": False}]))
    assert resp.status == 201
    mp = resp.json()
    expected = copy.deepcopy(fixture("create-mp.json"))
    expected["ports"][0]["port"] = 22  # the fixture's string port; Go decodes an int
    assert_shape(mp, expected)
    assert mp["state"] == "ACTIVE" and mp["default"] == 0 and mp["servers"] == []
    assert mp["ports"][0]["port"] == 22 and mp["ports"][1]["protocol"] == "UDP"
    assert mp["processes"][0]["process"] == "nginx"
    assert mp["thresholds"]["cpu"]["critical"] == {"value": 95, "alert": True}
    assert api.ok(api.get(path(mp))) == mp


def test_create_defaults_email_to_empty_string(api):
    mp = api.ok(api.post("/monitoring_policies", body(email=None, description=None)))
    assert mp["email"] == "" and mp["description"] is None


def test_get_returns_what_the_sdk_modify_reads(api, mp):
    got = api.ok(api.get(path(mp)))
    assert_fixture(got, "get-mp.json")
    for key in ("name", "description", "email"):
        assert key in got
    for entity in ENTITIES:
        for lvl in ("warning", "critical"):
            assert set(got["thresholds"][entity][lvl]) == {"value", "alert"}


def test_get_unknown_policy_is_404(api):
    error(api.get("/monitoring_policies/NOPE"), 404, "NOPE")


def _bad(**changes: Any) -> dict[str, Any]:
    b = body()
    for key, value in changes.items():
        target, *rest = key.split("__")
        if not rest:
            if value is ...:
                b.pop(target)
            else:
                b[target] = value
            continue
        node = b[target]
        for part in rest[:-1]:
            node = node[int(part)] if isinstance(node, list) else node[part]
        last = rest[-1]
        if isinstance(node, list):
            node[int(last)] = value
        elif value is ...:
            node.pop(last)
        else:
            node[last] = value
    return b


@pytest.mark.parametrize("changes, fragments", [
    ({"name": ...}, ["'name'", "required"]),
    ({"name": ""}, ["'name'", "empty"]),
    ({"name": "x" * 129}, ["'name'", "128"]),
    ({"email": "not-an-address"}, ["'email'", "e-mail"]),
    ({"agent": ...}, ["'agent'", "required"]),
    ({"agent": "yes"}, ["'agent'", "true or false"]),
    ({"thresholds": ...}, ["'thresholds'", "required"]),
    ({"thresholds__disk": ...}, ["'thresholds.disk'", "required"]),
    ({"thresholds__cpu__warning": ...}, ["'thresholds.cpu.warning'", "required"]),
    ({"thresholds__ram__critical__value": ...}, ["'thresholds.ram.critical.value'"]),
    ({"thresholds__ram__critical__alert": ...}, ["'thresholds.ram.critical.alert'"]),
    ({"thresholds__cpu__critical__value": 101}, ["'thresholds.cpu.critical.value'", "100"]),
    ({"thresholds__disk__warning__value": 0}, ["'thresholds.disk.warning.value'", "1"]),
    ({"thresholds__cpu__warning__value": 95.5}, ["'thresholds.cpu.warning.value'", "integer"]),
    ({"thresholds__transfer__warning__value": 0}, ["'thresholds.transfer.warning.value'"]),
    ({"thresholds__internal_ping__critical__value": -5},
     ["'thresholds.internal_ping.critical.value'"]),
    ({"thresholds__cpu__warning__value": 95}, ["'thresholds.cpu.warning.value'", "below"]),
    ({"thresholds__transfer__warning__value": 3000},
     ["'thresholds.transfer.warning.value'", "below"]),
    ({"thresholds__gpu": {}}, ["'thresholds.gpu'", "entity"]),
    ({"ports": ...}, ["'ports'", "required"]),
    ({"ports": {"protocol": "TCP"}}, ["'ports'", "list"]),
    ({"ports__0__protocol": "ICMP"}, ["'ports[0].protocol'", "TCP, UDP"]),
    ({"ports__0__port": 0}, ["'ports[0].port'", "65535"]),
    ({"ports__0__port": 70000}, ["'ports[0].port'", "65535"]),
    ({"ports__0__port": "ssh"}, ["'ports[0].port'", "integer"]),
    ({"ports__0__port": ...}, ["'ports[0].port'", "required"]),
    ({"ports__0__alert_if": "RUNNING"}, ["'ports[0].alert_if'", "NOT_RESPONDING"]),
    ({"ports__0__email_notification": ...}, ["'ports[0].email_notification'", "required"]),
    ({"processes": ...}, ["'processes'", "required"]),
    ({"processes__0__process": "p" * 51}, ["'processes[0].process'", "50"]),
    ({"processes__0__process": ...}, ["'processes[0].process'", "required"]),
    ({"processes__0__alert_if": "RESPONDING"}, ["'processes[0].alert_if'", "NOT_RUNNING"]),
    ({"processes__0__email_notification": 1}, ["'processes[0].email_notification'"]),
])
def test_create_validation(api, changes, fragments):
    before = len(api.ok(api.get("/monitoring_policies")))
    error(api.post("/monitoring_policies", _bad(**changes)), 400, *fragments)
    assert len(api.ok(api.get("/monitoring_policies"))) == before


def test_create_accepts_duplicate_ports_and_processes(api):
    """No source refuses a port or process monitored twice; the Java live test adds one twice."""
    port = {"protocol": "TCP", "port": 80, "alert_if": "RESPONDING", "email_notification": True}
    proc = {"process": "sshd", "alert_if": "RUNNING", "email_notification": True}
    got = api.ok(api.post("/monitoring_policies", body(ports=[port, dict(port, port="80")],
                                                        processes=[proc, proc])), 201)
    assert [(p["protocol"], p["port"]) for p in got["ports"]] == [("TCP", 80), ("TCP", 80)]
    assert len({p["id"] for p in got["ports"]}) == 2
    assert [p["process"] for p in got["processes"]] == ["sshd", "sshd"]


def test_create_accepts_empty_port_and_process_lists(api):
    mp = api.ok(api.post("/monitoring_policies", body(ports=[], processes=[])), 201)
    assert mp["ports"] == [] and mp["processes"] == []


def test_create_writes_a_log_entry(api, mp):
    logs = api.ok(api.get("/logs", period="LAST_HOUR"))
    assert any(e["action"] == "CREATE" and e["type"] == "MONITORINGPOLICY"
               and e["resource"]["id"] == mp["id"] for e in logs)


# -- modify ---------------------------------------------------------------------------------------
def test_modify_is_202_configuring_then_active(api, emu, mp):
    resp = api.put(path(mp), {"name": "renamed", "email": "x@example.org"})
    assert resp.status == 202
    got = resp.json()
    assert got["state"] == "CONFIGURING" and got["name"] == "renamed"
    assert got["email"] == "x@example.org" and got["description"] == "d"
    emu.settle()
    assert api.ok(api.get(path(mp)))["state"] == "ACTIVE"


def test_modify_merges_partial_thresholds(api, mp):
    got = api.ok(api.put(path(mp), {"thresholds": {
        "cpu": {"critical": {"value": 99}}, "transfer": {"warning": {"alert": True}}}}))
    th = got["thresholds"]
    assert th["cpu"] == {"warning": {"value": 90, "alert": False},
                         "critical": {"value": 99, "alert": True}}
    assert th["transfer"]["warning"] == {"value": 1000, "alert": True}
    assert th["disk"] == mp["thresholds"]["disk"]


def test_modify_the_python_sdk_way(api, mp):
    """GET, change a value, PUT back {name, description, email, thresholds}."""
    got = api.ok(api.get(path(mp)))
    got["thresholds"]["ram"]["warning"]["value"] = 70
    sent = {k: got[k] for k in ("name", "description", "email", "thresholds")}
    after = api.ok(api.put(path(mp), sent), 202)
    assert after["thresholds"]["ram"]["warning"]["value"] == 70
    assert after["name"] == mp["name"]


def test_modify_the_go_sdk_way_ignores_ports_and_agent(api, mp):
    b = body(name="go-updated", agent=False)
    b["thresholds"]["cpu"]["critical"]["value"] = 99
    after = api.ok(api.put(path(mp), b), 202)
    assert after["name"] == "go-updated" and after["thresholds"]["cpu"]["critical"]["value"] == 99
    assert after["agent"] is True and len(after["ports"]) == 1


@pytest.mark.parametrize("payload, fragments", [
    ({}, ["name", "thresholds"]),
    ({"name": ""}, ["'name'", "empty"]),
    ({"email": "nope"}, ["'email'"]),
    ({"thresholds": {"cpu": {"warning": {"value": 96}}}}, ["'thresholds.cpu.warning.value'",
                                                           "below"]),
    ({"thresholds": {"ram": {"critical": {"value": 0}}}}, ["'thresholds.ram.critical.value'"]),
    ({"thresholds": {"cpu": {"critical": {"alert": "no"}}}}, ["'thresholds.cpu.critical.alert'"]),
    ({"thresholds": {"swap": {}}}, ["'thresholds.swap'"]),
    ({"thresholds": []}, ["'thresholds'", "object"]),
])
def test_modify_validation(api, mp, payload, fragments):
    error(api.put(path(mp), payload), 400, *fragments)
    assert api.ok(api.get(path(mp)))["thresholds"] == mp["thresholds"]


def test_modify_unknown_policy_is_404(api):
    error(api.put("/monitoring_policies/NOPE", {"name": "x"}), 404)


# -- delete ---------------------------------------------------------------------------------------
def test_delete_goes_removing_then_404_and_frees_servers(api, emu):
    prod = api.find("monitoring_policies", "Production")
    web = sid(api, "web-01")
    resp = api.delete(path(prod))
    assert resp.status == 202 and resp.json()["state"] == "REMOVING"
    # Until the removal completes the server still names the policy.
    assert api.ok(api.get(f"/servers/{web}"))["monitoring_policy"]["id"] == prod["id"]
    error(api.put(path(prod), {"name": "late"}), 409, "being removed")
    error(api.delete(path(prod)), 409)
    emu.settle()
    error(api.get(path(prod)), 404)
    assert api.ok(api.get(f"/servers/{web}"))["monitoring_policy"] is None
    assert emu.store.servers[web]["monitoring_policy_id"] is None  # no dangling reference
    logs = api.ok(api.get("/logs", period="LAST_HOUR", q="DELETE"))
    assert any(e["resource"]["id"] == prod["id"] and e["type"] == "MONITORINGPOLICY"
               for e in logs)


def test_default_policy_cannot_be_deleted(api):
    default = api.find("monitoring_policies", "Default Policy")
    error(api.delete(path(default)), 409, "default")
    assert api.ok(api.get(path(default)))["state"] == "ACTIVE"


def test_delete_unknown_policy_is_404(api):
    error(api.delete("/monitoring_policies/NOPE"), 404)


# -- ports ----------------------------------------------------------------------------------------
def test_list_ports_shape(api):
    prod = api.find("monitoring_policies", "Production")
    ports = api.ok(api.get(path(prod, "/ports")))
    expected = [{("email_notification" if k == "email_notifications" else k): v
                 for k, v in item.items()} for item in fixture("list-mp-ports.json")]
    assert {p["port"] for p in ports} == {443, 80, 5432}
    for port in ports:
        assert set(port) == set(expected[0]) == PORT_KEYS
        assert isinstance(port["port"], int) and isinstance(port["email_notification"], bool)


def test_add_ports(api, emu, mp):
    resp = api.post(path(mp, "/ports"), {"ports": [
        {"protocol": "UDP", "port": 161, "alert_if": "RESPONDING", "email_notification": True},
        {"protocol": "TCP", "port": "8080", "alert_if": "NOT_RESPONDING",
         "email_notification": False}]})
    assert resp.status == 202
    got = resp.json()
    assert got["state"] == "CONFIGURING" and got["id"] == mp["id"]
    assert [(p["protocol"], p["port"]) for p in got["ports"]] == \
        [("TCP", 22), ("UDP", 161), ("TCP", 8080)]
    emu.settle()
    assert api.ok(api.get(path(mp)))["state"] == "ACTIVE"
    assert len(api.ok(api.get(path(mp, "/ports")))) == 3


@pytest.mark.parametrize("payload, fragments", [
    ({}, ["'ports'", "required"]),
    ({"ports": []}, ["'ports'", "at least 1"]),
    ({"ports": [{"protocol": "SCTP", "port": 9, "alert_if": "RESPONDING",
                 "email_notification": True}]}, ["'ports[0].protocol'"]),
    ({"ports": [{"protocol": "TCP", "port": 9, "alert_if": "UP",
                 "email_notification": True}]}, ["'ports[0].alert_if'"]),
])
def test_add_ports_validation(api, mp, payload, fragments):
    error(api.post(path(mp, "/ports"), payload), 400, *fragments)
    assert len(api.ok(api.get(path(mp, "/ports")))) == 1


def test_get_port(api, mp):
    port = mp["ports"][0]
    assert api.ok(api.get(path(mp, f"/ports/{port['id']}"))) == port
    error(api.get(path(mp, "/ports/NOPE")), 404, "port")


def test_modify_port_the_sdk_way(api, emu, mp):
    port = api.ok(api.get(path(mp, f"/ports/{mp['ports'][0]['id']}")))
    sent = {k: v for k, v in port.items() if k != "id"}
    sent.update(alert_if="NOT_RESPONDING", email_notification=False)
    resp = api.put(path(mp, f"/ports/{port['id']}"), {"ports": sent})
    assert resp.status == 202
    got = resp.json()
    assert got["state"] == "CONFIGURING"
    assert got["ports"][0] == dict(port, alert_if="NOT_RESPONDING", email_notification=False)
    # Go sends the id too, and the port as it read it.
    again = dict(port, alert_if="RESPONDING", port=str(port["port"]))
    assert api.ok(api.put(path(mp, f"/ports/{port['id']}"), {"ports": again}))["ports"][0][
        "alert_if"] == "RESPONDING"


@pytest.mark.parametrize("payload, fragments", [
    ({}, ["'ports'", "required"]),
    ({"ports": [{"alert_if": "RESPONDING"}]}, ["'ports'", "object"]),
    ({"ports": {"protocol": "SCTP"}}, ["'ports.protocol'", "TCP"]),
    ({"ports": {"port": 70000}}, ["'ports.port'", "65535"]),
    ({"ports": {"id": "OTHER"}}, ["'ports'", "at least one of"]),
    ({"ports": {"alert_if": "DOWN"}}, ["'ports.alert_if'"]),
    ({"ports": {"email_notification": "yes"}}, ["'ports.email_notification'"]),
])
def test_modify_port_validation(api, mp, payload, fragments):
    port = mp["ports"][0]
    error(api.put(path(mp, f"/ports/{port['id']}"), payload), 400, *fragments)
    assert api.ok(api.get(path(mp, f"/ports/{port['id']}"))) == port


def test_modify_unknown_port_is_404(api, mp):
    error(api.put(path(mp, "/ports/NOPE"), {"ports": {"alert_if": "RESPONDING"}}), 404)


def test_delete_port(api, emu, mp):
    port = mp["ports"][0]
    resp = api.delete(path(mp, f"/ports/{port['id']}"))
    assert resp.status == 202
    assert resp.json()["state"] == "CONFIGURING" and resp.json()["ports"] == []
    error(api.get(path(mp, f"/ports/{port['id']}")), 404)
    error(api.delete(path(mp, f"/ports/{port['id']}")), 404)
    emu.settle()
    assert api.ok(api.get(path(mp)))["state"] == "ACTIVE"


# -- processes ------------------------------------------------------------------------------------
def test_list_processes_shape(api):
    prod = api.find("monitoring_policies", "Production")
    procs = api.ok(api.get(path(prod, "/processes")))
    assert [p["process"] for p in procs] == ["nginx", "postgres"]
    expected = {("email_notification" if k == "email_notifications" else k)
                for k in fixture("list-mp-processes.json")[0]}
    assert all(set(p) == expected == PROCESS_KEYS for p in procs)


def test_add_processes_returns_the_policy(api, emu, mp):
    resp = api.post(path(mp, "/processes"), {"processes": [
        {"process": "sshd", "alert_if": "RUNNING", "email_notification": True}]})
    assert resp.status == 202
    got = resp.json()
    assert got["id"] == mp["id"] and got["state"] == "CONFIGURING"
    assert [p["process"] for p in got["processes"]] == ["nginx", "sshd"]
    emu.settle()
    assert api.ok(api.get(path(mp)))["state"] == "ACTIVE"


@pytest.mark.parametrize("payload, fragments", [
    ({}, ["'processes'", "required"]),
    ({"processes": []}, ["'processes'", "at least 1"]),
    ({"processes": ["sshd"]}, ["'processes[0]'", "object"]),
    ({"processes": [{"process": "x" * 51, "alert_if": "RUNNING", "email_notification": True}]},
     ["'processes[0].process'", "50"]),
    ({"processes": [{"process": "a", "alert_if": "UP", "email_notification": True}]},
     ["'processes[0].alert_if'"]),
])
def test_add_processes_validation(api, mp, payload, fragments):
    error(api.post(path(mp, "/processes"), payload), 400, *fragments)
    assert len(api.ok(api.get(path(mp, "/processes")))) == 1


def test_get_process(api, mp):
    proc = mp["processes"][0]
    assert api.ok(api.get(path(mp, f"/processes/{proc['id']}"))) == proc
    error(api.get(path(mp, "/processes/NOPE")), 404, "process")


def test_modify_process_the_sdk_way(api, mp):
    proc = api.ok(api.get(path(mp, f"/processes/{mp['processes'][0]['id']}")))
    sent = {k: v for k, v in proc.items() if k != "id"}
    sent.update(alert_if="RUNNING", email_notification=True)
    got = api.ok(api.put(path(mp, f"/processes/{proc['id']}"), {"processes": sent}), 202)
    assert got["state"] == "CONFIGURING"
    assert got["processes"][0] == dict(proc, alert_if="RUNNING", email_notification=True)


@pytest.mark.parametrize("payload, fragments", [
    ({}, ["'processes'", "required"]),
    ({"processes": {"process": "  "}}, ["'processes.process'", "empty"]),
    ({"processes": {"id": "X"}}, ["'processes'", "at least one of"]),
    ({"processes": {"alert_if": "RESPONDING"}}, ["'processes.alert_if'"]),
])
def test_modify_process_validation(api, mp, payload, fragments):
    proc = mp["processes"][0]
    error(api.put(path(mp, f"/processes/{proc['id']}"), payload), 400, *fragments)
    assert api.ok(api.get(path(mp, f"/processes/{proc['id']}"))) == proc


def test_dotnet_java_update_port_to_another_port(api, mp, emu):
    """Java ``MonitoringPoliciesPortsTest.UpdateMonitoringPolicyPort`` and .NET
    ``UpdateMonitoringPolicyport``: ``{"ports": {...}}`` with port 23 for a port created as 22,
    expecting 202; the port is changed, its id kept."""
    port = mp["ports"][0]
    assert (port["protocol"], port["port"]) == ("TCP", 22)
    sent = {"ports": {"protocol": "TCP", "port": 23, "alert_if": "RESPONDING",
                      "email_notification": True}}
    got = api.ok(api.put(path(mp, f"/ports/{port['id']}"), sent), 202)
    assert got["ports"] == [{"id": port["id"], "protocol": "TCP", "port": 23,
                             "alert_if": "RESPONDING", "email_notification": True}]
    emu.settle()
    again = api.ok(api.put(path(mp, f"/ports/{port['id']}"), {"ports": {"protocol": "UDP"}}),
                   202)
    assert (again["ports"][0]["protocol"], again["ports"][0]["port"]) == ("UDP", 23)


def test_java_add_same_port_twice(api, mp):
    """Java ``CreateMonitoringPolicyPort``: TCP 97 twice in one request, then the policy's ports
    counted: both are there."""
    port = {"alert_if": "RESPONDING", "email_notification": True, "port": 97,
            "protocol": "TCP"}
    got = api.ok(api.post(path(mp, "/ports"), {"ports": [port, dict(port)]}), 202)
    assert [p["port"] for p in got["ports"]] == [22, 97, 97]
    assert len(api.ok(api.get(path(mp)))["ports"]) == len(got["ports"])


def test_dotnet_update_process_to_another_name(api, mp):
    """.NET ``UpdateMonitoringPolicyProcess``: ``{"processes": {"process": "test", ...}}`` for
    whatever the policy's first process is; accepted and renamed."""
    proc = mp["processes"][0]
    sent = {"processes": {"process": "test", "alert_if": "RUNNING",
                          "email_notification": True}}
    got = api.ok(api.put(path(mp, f"/processes/{proc['id']}"), sent), 202)
    assert got["processes"][0] == {"id": proc["id"], "process": "test", "alert_if": "RUNNING",
                                   "email_notification": True}


def test_delete_process(api, mp):
    proc = mp["processes"][0]
    got = api.ok(api.delete(path(mp, f"/processes/{proc['id']}")), 202)
    assert got["processes"] == [] and got["state"] == "CONFIGURING"
    error(api.get(path(mp, f"/processes/{proc['id']}")), 404)
    error(api.put(path(mp, f"/processes/{proc['id']}"),
                  {"processes": {"alert_if": "RUNNING"}}), 404)


# -- servers --------------------------------------------------------------------------------------
def test_list_servers_matches_the_servers_side(api):
    prod = api.find("monitoring_policies", "Production")
    listed = api.ok(api.get(path(prod, "/servers")))
    assert {s["name"] for s in listed} == {"web-01", "web-02", "api-gateway", "db-primary",
                                           "db-replica"}
    for item in listed:
        assert_fixture(item, "get-mp-server.json")
        assert api.ok(api.get(f"/servers/{item['id']}"))["monitoring_policy"] == \
            {"id": prod["id"], "name": "Production"}
    assert api.ok(api.get(path(prod)))["servers"] == listed


def test_attach_moves_a_server_between_policies(api, emu, mp):
    default = api.find("monitoring_policies", "Default Policy")
    cache = sid(api, "cache-01")
    resp = api.post(path(mp, "/servers"), {"servers": [cache]})
    assert resp.status == 202
    got = resp.json()
    assert got["state"] == "CONFIGURING"
    assert got["servers"] == [{"id": cache, "name": "cache-01"}]
    assert api.ok(api.get(f"/servers/{cache}"))["monitoring_policy"] == \
        {"id": mp["id"], "name": mp["name"]}
    old = api.ok(api.get(path(default)))
    assert cache not in {s["id"] for s in old["servers"]}
    assert old["state"] == "CONFIGURING"  # the policy it left reconfigures too
    assert api.ok(api.get(path(mp, f"/servers/{cache}"))) == {"id": cache, "name": "cache-01"}
    error(api.get(path(default, f"/servers/{cache}")), 404)
    emu.settle()
    assert api.ok(api.get(path(mp)))["state"] == "ACTIVE"


def test_attach_a_server_without_policy_and_twice(api, mp):
    erp = sid(api, "legacy-erp")
    assert api.ok(api.get(f"/servers/{erp}"))["monitoring_policy"] is None
    api.ok(api.post(path(mp, "/servers"), {"servers": [erp, erp]}))
    got = api.ok(api.post(path(mp, "/servers"), {"servers": [erp]}))
    assert got["servers"] == [{"id": erp, "name": "legacy-erp"}]


@pytest.mark.parametrize("payload, fragments", [
    ({}, ["'servers'", "required"]),
    ({"servers": []}, ["'servers'", "at least 1"]),
    ({"servers": "abc"}, ["'servers'", "list"]),
    ({"servers": [""]}, ["'servers[0]'"]),
    ({"servers": ["NOPE"]}, ["'servers[0]'", "NOPE", "does not exist"]),
])
def test_attach_validation(api, mp, payload, fragments):
    error(api.post(path(mp, "/servers"), payload), 400, *fragments)
    assert api.ok(api.get(path(mp, "/servers"))) == []


def test_attach_a_server_being_removed_is_409(api, mp):
    web = sid(api, "web-02")
    api.ok(api.delete(f"/servers/{web}"))
    error(api.post(path(mp, "/servers"), {"servers": [web]}), 409, "being removed")


def test_get_server_of_policy_404s(api, mp):
    error(api.get(path(mp, f"/servers/{sid(api, 'web-01')}")), 404, "monitoring policy")
    error(api.get(path(mp, "/servers/NOPE")), 404, "NOPE")


def test_detach_server(api, emu):
    prod = api.find("monitoring_policies", "Production")
    web = sid(api, "web-01")
    resp = api.delete(path(prod, f"/servers/{web}"))
    assert resp.status == 202
    got = resp.json()
    assert got["state"] == "CONFIGURING" and web not in {s["id"] for s in got["servers"]}
    assert api.ok(api.get(f"/servers/{web}"))["monitoring_policy"] is None
    error(api.delete(path(prod, f"/servers/{web}")), 404)
    emu.settle()
    assert api.ok(api.get(path(prod)))["state"] == "ACTIVE"


def test_deleted_server_leaves_the_policy(api, emu):
    prod = api.find("monitoring_policies", "Production")
    web = sid(api, "web-02")
    api.ok(api.delete(f"/servers/{web}"))
    emu.settle()
    assert web not in {s["id"] for s in api.ok(api.get(path(prod, "/servers")))}


def test_sub_resource_mutations_of_a_removing_policy_are_409(api, mp):
    api.ok(api.delete(path(mp)))
    port, proc = mp["ports"][0], mp["processes"][0]
    new_port = {"protocol": "TCP", "port": 1, "alert_if": "RESPONDING",
                "email_notification": True}
    error(api.post(path(mp, "/ports"), {"ports": [new_port]}), 409)
    error(api.put(path(mp, f"/ports/{port['id']}"), {"ports": {"alert_if": "RESPONDING"}}), 409)
    error(api.delete(path(mp, f"/processes/{proc['id']}")), 409)
    error(api.post(path(mp, "/servers"), {"servers": [sid(api, "web-01")]}), 409)


def test_every_mutation_is_logged(api, mp):
    port, proc = mp["ports"][0], mp["processes"][0]
    api.ok(api.put(path(mp), {"name": "logged"}))
    api.ok(api.put(path(mp, f"/ports/{port['id']}"), {"ports": {"alert_if": "NOT_RESPONDING"}}))
    api.ok(api.post(path(mp, "/servers"), {"servers": [sid(api, "mail-gw")]}))
    api.ok(api.delete(path(mp, f"/servers/{sid(api, 'mail-gw')}")))
    api.ok(api.delete(path(mp, f"/processes/{proc['id']}")))
    actions = [e["action"] for e in api.ok(api.get("/logs", period="LAST_HOUR"))
               if e["resource"]["id"] == mp["id"]]
    assert actions == ["REMOVE_PROCESS", "DETACH_SERVER", "ATTACH_SERVER", "MODIFY_PORT",
                       "MODIFY", "CREATE"]
