"""Firewall policies: the collection, one policy, server IPs (both directions), rules, states."""

from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.fixture_shapes import assert_fixture
from tests.helpers import Api, error

#: Keys that are null when unset (rules without ports, no description, ...).
NULLABLE = frozenset({"port_from", "port_to", "port", "description", "server_name"})


# -- helpers --------------------------------------------------------------------------------------
def policy(api: Api, name: str) -> dict[str, Any]:
    return api.find("firewall_policies", name)


def server_ip(api: Api, server_name: str, index: int = 0) -> tuple[str, dict[str, Any]]:
    srv = api.ok(api.get(f"/servers/{api.find('servers', server_name)['id']}"))
    return srv["id"], srv["ips"][index]


def new_policy(api: Api, emu, rules: list[dict[str, Any]] | None = None,
               settle: bool = True) -> dict[str, Any]:
    body = {"name": "fp-test", "description": "test policy",
            "rules": rules or [{"protocol": "TCP", "port": "80"},
                               {"protocol": "TCP", "port_from": 443, "port_to": 443}]}
    fw = api.ok(api.post("/firewall_policies", body), 202)
    if settle:
        emu.settle()
    return fw


def logs_of(emu, record_id: str) -> list[str]:
    return [e["action"] for e in emu.store.logs if e["resource"]["id"] == record_id]


def state(api: Api, fw_id: str) -> str:
    return api.ok(api.get(f"/firewall_policies/{fw_id}"))["state"]


# -- list, get ------------------------------------------------------------------------------------
def test_list_has_the_seeded_policies_in_the_fixture_shape(api):
    items = api.ok(api.get("/firewall_policies"), 200)
    names = {fw["name"] for fw in items}
    assert {"Linux", "Windows", "web-public", "db-internal"} <= names
    assert_fixture(items, "list-firewalls.json", NULLABLE)
    linux = next(fw for fw in items if fw["name"] == "Linux")
    assert linux["default"] == 1 and linux["state"] == "ACTIVE"


def test_list_honours_query_parameters(api):
    found = api.ok(api.get("/firewall_policies", q="db-internal"))
    assert [fw["name"] for fw in found] == ["db-internal"]
    slim = api.ok(api.get("/firewall_policies", fields="id,name"))
    assert all(set(fw) == {"id", "name"} for fw in slim)


def test_get_one_and_404(api):
    web = policy(api, "web-public")
    got = api.ok(api.get(f"/firewall_policies/{web['id']}"), 200)
    assert got == web
    assert_fixture(got, "get-firewall.json", NULLABLE)
    error(api.get("/firewall_policies/0000"), 404, "firewall policy", "0000")


# -- create ---------------------------------------------------------------------------------------
def test_create_configures_then_becomes_active_and_logs(api, emu):
    resp = api.post("/firewall_policies", {
        "name": "fp1", "description": "d",
        "rules": [{"protocol": "TCP", "port": 80, "action": "allow", "description": "web"},
                  {"protocol": "UDP", "port_from": 1000, "port_to": 2000},
                  {"protocol": "tcp/udp", "port": "8080-8081", "source": "203.0.113.7"},
                  {"protocol": "ICMP"},
                  {"protocol": "ANY", "action": "deny", "source": "198.51.100.1"}]})
    fw = api.ok(resp, 202)
    assert_fixture(fw, "create-fp.json", NULLABLE)
    assert fw["state"] == "CONFIGURING" and fw["default"] == 0 and fw["server_ips"] == []
    assert fw["name"] == "fp1" and fw["description"] == "d"
    rules = [{k: v for k, v in r.items() if k != "id"} for r in fw["rules"]]
    assert rules == [
        {"protocol": "TCP", "port_from": 80, "port_to": 80, "port": "80", "source": "0.0.0.0",
         "action": "allow", "description": "web"},
        {"protocol": "UDP", "port_from": 1000, "port_to": 2000, "port": "1000-2000",
         "source": "0.0.0.0", "action": "allow", "description": None},
        {"protocol": "TCP/UDP", "port_from": 8080, "port_to": 8081, "port": "8080-8081",
         "source": "203.0.113.7", "action": "allow", "description": None},
        {"protocol": "ICMP", "port_from": None, "port_to": None, "port": None,
         "source": "0.0.0.0", "action": "allow", "description": None},
        {"protocol": "ANY", "port_from": None, "port_to": None, "port": None,
         "source": "198.51.100.1", "action": "deny", "description": None},
    ]
    assert all(len(r["id"]) == 32 for r in fw["rules"])
    assert logs_of(emu, fw["id"]) == ["CREATE"]
    emu.advance(29)
    assert state(api, fw["id"]) == "CONFIGURING"
    emu.advance(2)
    assert state(api, fw["id"]) == "ACTIVE"
    assert fw["id"] in {f["id"] for f in api.ok(api.get("/firewall_policies"))}


def test_create_accepts_the_python_sdk_body(api):
    """Exactly what ``create_firewall_policy`` sends (sdk_requests.json): every key, nulls."""
    body = {"name": "fp", "description": "d", "rules": [
        {"protocol": "TCP", "port_from": None, "port_to": None, "source": "0.0.0.0",
         "action": "allow", "description": "web", "port": 80},
        {"protocol": "UDP", "port_from": 1000, "port_to": 2000, "source": "0.0.0.0",
         "action": None, "description": None, "port": None}]}
    fw = api.ok(api.post("/firewall_policies", body), 202)
    assert [r["port"] for r in fw["rules"]] == ["80", "1000-2000"]


def test_port_and_port_range_may_agree(api):
    fw = api.ok(api.post("/firewall_policies", {"name": "x", "rules": [
        {"protocol": "TCP", "port": "22", "port_from": 22, "port_to": 22}]}), 202)
    assert fw["rules"][0]["port_from"] == 22 and fw["rules"][0]["port"] == "22"


TCP = {"protocol": "TCP", "port": 80}


@pytest.mark.parametrize("body,fragments", [
    ({"rules": [TCP]}, ["'name'", "required"]),
    ({"name": "  ", "rules": [TCP]}, ["'name'", "empty"]),
    ({"name": 5, "rules": [TCP]}, ["'name'", "string"]),
    ({"name": "x" * 129, "rules": [TCP]}, ["'name'", "128"]),
    ({"name": "x", "description": 1, "rules": [TCP]}, ["'description'"]),
    ({"name": "x"}, ["'rules'", "required"]),
    ({"name": "x", "rules": []}, ["'rules'", "at least 1"]),
    ({"name": "x", "rules": "TCP"}, ["'rules'", "list"]),
    ({"name": "x", "rules": ["TCP"]}, ["'rules[0]'", "object"]),
    ({"name": "x", "rules": [{"port": 80}]}, ["'rules[0].protocol'", "required"]),
    ({"name": "x", "rules": [{"protocol": "SCTP", "port": 80}]},
     ["'rules[0].protocol'", "TCP", "IPSEC", "ANY"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port_from": 0, "port_to": 80}]},
     ["'rules[0].port_from'", "between 1 and 65535"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port_from": 80, "port_to": 65536}]},
     ["'rules[0].port_to'", "between 1 and 65535"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port_from": 81, "port_to": 80}]},
     ["'rules[0].port_to'", "greater than or equal", "port_from"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port_from": 80}]},
     ["'rules[0].port_to'", "required"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port_to": 80}]},
     ["'rules[0].port_from'", "required"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port_from": "80", "port_to": 80}]},
     ["'rules[0].port_from'", "integer"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port": 0}]},
     ["'rules[0].port'", "between 1 and 65535"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port": "70000"}]},
     ["'rules[0].port'", "between 1 and 65535"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port": "8080-70000"}]},
     ["'rules[0].port'", "between 1 and 65535"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port": "0-80"}]},
     ["'rules[0].port'", "between 1 and 65535"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port": "8081-8080"}]},
     ["'rules[0].port'", "range"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port": "http"}]},
     ["'rules[0].port'", "8080-8081"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port": "1-2-3"}]}, ["'rules[0].port'"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port": True}]}, ["'rules[0].port'"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port": 80, "port_from": 81,
                              "port_to": 81}]}, ["'rules[0].port'", "contradicts"]),
    ({"name": "x", "rules": [{"protocol": "TCP"}]}, ["'rules[0].port'", "required", "TCP"]),
    ({"name": "x", "rules": [{"protocol": "UDP", "source": "0.0.0.0"}]},
     ["'rules[0].port'", "required"]),
    ({"name": "x", "rules": [{"protocol": "ICMP", "port": 80}]},
     ["'rules[0].port'", "not allowed", "ICMP"]),
    ({"name": "x", "rules": [{"protocol": "GRE", "port_from": 1, "port_to": 2}]},
     ["'rules[0].port_from'", "not allowed", "GRE"]),
    ({"name": "x", "rules": [{"protocol": "ANY", "port": 22}]},
     ["'rules[0].port'", "not allowed", "ANY"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port": 80, "source": "somewhere"}]},
     ["'rules[0].source'", "IP address"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port": 80, "source": 7}]},
     ["'rules[0].source'", "string"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port": 80, "action": "drop"}]},
     ["'rules[0].action'", "allow", "deny"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port": 80, "action": "deny"}]},
     ["'rules[0].action'", "only allowed with protocol ANY"]),
    ({"name": "x", "rules": [{"protocol": "TCP", "port": 80, "description": 3}]},
     ["'rules[0].description'"]),
    ({"name": "x", "rules": [TCP, {"protocol": "UDP", "port_from": 9, "port_to": 8}]},
     ["'rules[1].port_to'"]),
])
def test_create_rejects(api, emu, body, fragments):
    before = len(emu.store.firewall_policies)
    error(api.post("/firewall_policies", body), 400, *fragments)
    assert len(emu.store.firewall_policies) == before


# -- modify, delete -------------------------------------------------------------------------------
def test_modify_renames_configures_and_logs(api, emu):
    fw = new_policy(api, emu)
    resp = api.put(f"/firewall_policies/{fw['id']}", {"name": "renamed", "description": "new"})
    got = api.ok(resp, 200)
    assert_fixture(got, "modify-fp.json", NULLABLE)
    assert (got["name"], got["description"], got["state"]) == ("renamed", "new", "CONFIGURING")
    assert logs_of(emu, fw["id"]) == ["CREATE", "MODIFY"]
    emu.advance(16)
    after = api.ok(api.get(f"/firewall_policies/{fw['id']}"))
    assert (after["name"], after["state"]) == ("renamed", "ACTIVE")


def test_modify_only_description_keeps_name(api, emu):
    fw = new_policy(api, emu)
    got = api.ok(api.put(f"/firewall_policies/{fw['id']}", {"name": None, "description": "z"}))
    assert (got["name"], got["description"]) == ("fp-test", "z")


def test_rename_shows_on_the_server_ip(api, emu):
    web = policy(api, "web-public")
    api.ok(api.put(f"/firewall_policies/{web['id']}", {"name": "web-dmz"}))
    _, ip = server_ip(api, "web-01")
    assert ip["firewall_policy"] == {"id": web["id"], "name": "web-dmz"}


@pytest.mark.parametrize("body,fragments", [
    ({}, ["name", "description"]),
    ({"name": None, "description": None}, ["name", "description"]),
    ({"name": ""}, ["'name'", "empty"]),
    ({"name": "x" * 129}, ["'name'"]),
    ({"description": ["x"]}, ["'description'"]),
])
def test_modify_rejects(api, emu, body, fragments):
    fw = new_policy(api, emu)
    error(api.put(f"/firewall_policies/{fw['id']}", body), 400, *fragments)
    assert state(api, fw["id"]) == "ACTIVE"


def test_modify_404(api):
    error(api.put("/firewall_policies/NOPE", {"name": "x"}), 404, "NOPE")


def test_delete_goes_removing_then_404(api, emu):
    fw = new_policy(api, emu)
    got = api.ok(api.delete(f"/firewall_policies/{fw['id']}"), 202)
    assert_fixture(got, "delete-fp.json", NULLABLE)
    assert got["state"] == "REMOVING" and got["id"] == fw["id"]
    assert logs_of(emu, fw["id"]) == ["CREATE", "DELETE"]
    emu.advance(19)
    assert state(api, fw["id"]) == "REMOVING"
    error(api.delete(f"/firewall_policies/{fw['id']}"), 409, "already being removed")
    error(api.put(f"/firewall_policies/{fw['id']}", {"name": "x"}), 409, "being removed")
    error(api.post(f"/firewall_policies/{fw['id']}/rules", {"rules": [TCP]}), 409,
          "being removed")
    emu.advance(2)
    error(api.get(f"/firewall_policies/{fw['id']}"), 404, fw["id"])
    assert fw["id"] not in {f["id"] for f in api.ok(api.get("/firewall_policies"))}


def test_delete_refuses_default_and_used_policies(api, emu):
    linux = policy(api, "Linux")
    error(api.delete(f"/firewall_policies/{linux['id']}"), 409, "default")
    web = policy(api, "web-public")
    _, ip = server_ip(api, "web-01")
    error(api.delete(f"/firewall_policies/{web['id']}"), 409, "still used", ip["ip"])
    assert state(api, web["id"]) == "ACTIVE"
    error(api.delete("/firewall_policies/NOPE"), 404, "NOPE")


def test_delete_after_the_server_is_gone(api, emu):
    """The SDK example's flow: attach a server IP, delete the server, then the policy."""
    fw = new_policy(api, emu)
    sid, ip = server_ip(api, "cache-01")
    api.ok(api.post(f"/firewall_policies/{fw['id']}/server_ips", {"server_ips": [ip["id"]]}))
    error(api.delete(f"/firewall_policies/{fw['id']}"), 409, "still used")
    api.ok(api.delete(f"/servers/{sid}"), 202)
    emu.settle()
    assert api.ok(api.get(f"/firewall_policies/{fw['id']}/server_ips")) == []
    assert api.ok(api.delete(f"/firewall_policies/{fw['id']}"), 202)["state"] == "REMOVING"


# -- server IPs -----------------------------------------------------------------------------------
def test_list_and_get_server_ips(api):
    web = policy(api, "web-public")
    items = api.ok(api.get(f"/firewall_policies/{web['id']}/server_ips"), 200)
    assert_fixture(items, "list-server-ips-fp.json", NULLABLE)
    _, ip1 = server_ip(api, "web-01")
    _, ip2 = server_ip(api, "web-02")
    assert {(i["id"], i["ip"], i["server_name"]) for i in items} == {
        (ip1["id"], ip1["ip"], "web-01"), (ip2["id"], ip2["ip"], "web-02")}
    one = api.ok(api.get(f"/firewall_policies/{web['id']}/server_ips/{ip1['id']}"), 200)
    assert one == {"id": ip1["id"], "ip": ip1["ip"], "server_name": "web-01"}
    assert_fixture(one, "get-server-ip-fp.json", NULLABLE)
    assert web["server_ips"] == items


def test_get_server_ip_404s(api):
    web = policy(api, "web-public")
    _, other = server_ip(api, "cache-01")
    error(api.get(f"/firewall_policies/{web['id']}/server_ips/{other['id']}"), 404,
          other["id"])
    error(api.get(f"/firewall_policies/{web['id']}/server_ips/NOPE"), 404, "NOPE")
    error(api.get(f"/firewall_policies/NOPE/server_ips/{other['id']}"), 404, "NOPE")
    error(api.get("/firewall_policies/NOPE/server_ips"), 404, "NOPE")


def test_attach_moves_the_ip_and_shows_on_the_server(api, emu):
    web, db = policy(api, "web-public"), policy(api, "db-internal")
    sid, ip = server_ip(api, "web-01")
    got = api.ok(api.post(f"/firewall_policies/{db['id']}/server_ips",
                          {"server_ips": [ip["id"]]}), 202)
    assert_fixture(got, "assign-ip-fp.json", NULLABLE)
    assert got["state"] == "CONFIGURING"
    assert ip["id"] in {i["id"] for i in got["server_ips"]}
    # The previous policy lost it (and reconfigures too): one policy per IP.
    old = api.ok(api.get(f"/firewall_policies/{web['id']}"))
    assert ip["id"] not in {i["id"] for i in old["server_ips"]}
    assert old["state"] == "CONFIGURING"
    # The server side agrees.
    assert api.ok(api.get(f"/servers/{sid}/ips/{ip['id']}/firewall_policy")) == {
        "id": db["id"], "name": "db-internal"}
    srv = api.ok(api.get(f"/servers/{sid}"))
    assert srv["ips"][0]["firewall_policy"] == {"id": db["id"], "name": "db-internal"}
    assert "ASSIGN_SERVER_IPS" in logs_of(emu, db["id"])
    emu.advance(16)
    assert state(api, db["id"]) == "ACTIVE" and state(api, web["id"]) == "ACTIVE"


def test_attach_several_ips_at_once(api, emu):
    fw = new_policy(api, emu)
    _, ip1 = server_ip(api, "api-gateway", 0)
    _, ip2 = server_ip(api, "api-gateway", 1)
    got = api.ok(api.post(f"/firewall_policies/{fw['id']}/server_ips",
                          {"server_ips": [ip1["id"], ip2["id"]]}), 202)
    assert {i["id"] for i in got["server_ips"]} == {ip1["id"], ip2["id"]}
    assert {i["server_name"] for i in got["server_ips"]} == {"api-gateway"}


def test_assigning_from_the_server_side_shows_in_the_policy(api, emu):
    fw = new_policy(api, emu)
    sid, ip = server_ip(api, "mail-gw")
    api.ok(api.put(f"/servers/{sid}/ips/{ip['id']}/firewall_policy", {"id": fw["id"]}), 202)
    items = api.ok(api.get(f"/firewall_policies/{fw['id']}/server_ips"))
    assert items == [{"id": ip["id"], "ip": ip["ip"], "server_name": "mail-gw"}]
    linux = policy(api, "Linux")
    assert ip["id"] not in {i["id"] for i in linux["server_ips"]}


def test_attach_rejects(api, emu):
    fw = new_policy(api, emu, settle=False)  # ci-runner is still deploying
    web = policy(api, "web-public")
    sid, ip = server_ip(api, "web-01")
    path = f"/firewall_policies/{fw['id']}/server_ips"
    error(api.post(path, {}), 400, "'server_ips'", "required")
    error(api.post(path, {"server_ips": []}), 400, "'server_ips'", "at least 1")
    error(api.post(path, {"server_ips": "x"}), 400, "'server_ips'", "list")
    error(api.post(path, {"server_ips": [sid]}), 400, "'server_ips[0]'", "server IP ids")
    spare = next(i for i in emu.store.ips.values() if i["assigned_to"] is None)
    error(api.post(path, {"server_ips": [ip["id"], spare["id"]]}), 400, "'server_ips[1]'")
    lb_ip = next(i for i in emu.store.ips.values()
                 if (i["assigned_to"] or {}).get("type") == "LOAD_BALANCER")
    error(api.post(path, {"server_ips": [lb_ip["id"]]}), 400, "'server_ips[0]'")
    error(api.post(f"/firewall_policies/{web['id']}/server_ips", {"server_ips": [ip["id"]]}),
          409, "'server_ips[0]'", "already uses")
    _, deploying = server_ip(api, "ci-runner")
    error(api.post(path, {"server_ips": [deploying["id"]]}), 409, "ci-runner", "DEPLOYING")
    error(api.post("/firewall_policies/NOPE/server_ips", {"server_ips": [ip["id"]]}), 404)
    # Nothing moved.
    assert api.ok(api.get(path)) == []
    assert server_ip(api, "web-01")[1]["firewall_policy"]["id"] == web["id"]


def test_legacy_remove_server_ip(api, emu):
    web = policy(api, "web-public")
    sid, ip = server_ip(api, "web-02")
    got = api.ok(api.delete(f"/firewall_policies/{web['id']}/server_ips/{ip['id']}"), 202)
    assert_fixture(got, "remove-ip-fp.json", NULLABLE)
    assert got["state"] == "CONFIGURING"
    assert ip["id"] not in {i["id"] for i in got["server_ips"]}
    assert server_ip(api, "web-02")[1]["firewall_policy"] is None
    error(api.get(f"/servers/{sid}/ips/{ip['id']}/firewall_policy"), 404)
    error(api.delete(f"/firewall_policies/{web['id']}/server_ips/{ip['id']}"), 404, ip["id"])
    assert "UNASSIGN_SERVER_IP" in logs_of(emu, web["id"])


# -- rules ----------------------------------------------------------------------------------------
def test_list_and_get_rules(api):
    web = policy(api, "web-public")
    rules = api.ok(api.get(f"/firewall_policies/{web['id']}/rules"), 200)
    assert rules == web["rules"]
    assert_fixture(rules, "list-fp-rules.json", NULLABLE)
    one = api.ok(api.get(f"/firewall_policies/{web['id']}/rules/{rules[2]['id']}"), 200)
    assert one == rules[2]
    assert_fixture(one, "get-fp-rule.json", NULLABLE)
    assert (one["port_from"], one["port"], one["source"]) == (22, "22", "203.0.113.0")
    error(api.get(f"/firewall_policies/{web['id']}/rules/NOPE"), 404, "rule", "NOPE")
    error(api.get("/firewall_policies/NOPE/rules"), 404, "NOPE")


def test_add_rules_returns_the_policy_configuring(api, emu):
    fw = new_policy(api, emu)
    body = {"rules": [{"protocol": "TCP", "port_from": None, "port_to": None,
                       "source": "0.0.0.0", "action": "allow", "description": None,
                       "port": "8080-8081"}]}
    got = api.ok(api.post(f"/firewall_policies/{fw['id']}/rules", body), 202)
    # The Python fixture spells a single port as 80, the PHP one as "80"; a range can only be a
    # string, so the emulator always answers a string (see firewall_policies.py).
    assert_fixture(got, "php-sdk/add-rule-fp.json", NULLABLE)
    assert got["state"] == "CONFIGURING" and len(got["rules"]) == 3
    new = got["rules"][-1]
    assert (new["port_from"], new["port_to"], new["port"]) == (8080, 8081, "8080-8081")
    assert api.ok(api.get(f"/firewall_policies/{fw['id']}/rules/{new['id']}")) == new
    assert logs_of(emu, fw["id"])[-1] == "ADD_RULES"
    emu.advance(16)
    assert state(api, fw["id"]) == "ACTIVE"


@pytest.mark.parametrize("body,fragments", [
    ({}, ["'rules'", "required"]),
    ({"rules": []}, ["'rules'"]),
    ({"rules": [TCP, {"protocol": "ICMP", "port": 1}]}, ["'rules[1].port'"]),
    ({"rules": [{"protocol": "TCP", "port": 80, "action": "deny"}]}, ["'rules[0].action'"]),
])
def test_add_rules_rejects(api, emu, body, fragments):
    fw = new_policy(api, emu)
    error(api.post(f"/firewall_policies/{fw['id']}/rules", body), 400, *fragments)
    assert len(api.ok(api.get(f"/firewall_policies/{fw['id']}/rules"))) == 2


def test_remove_rules_until_the_last(api, emu):
    fw = new_policy(api, emu)
    first, second = fw["rules"]
    got = api.ok(api.delete(f"/firewall_policies/{fw['id']}/rules/{first['id']}"), 202)
    assert_fixture(got, "delete-rule-fp.json", NULLABLE)
    assert got["state"] == "CONFIGURING" and [r["id"] for r in got["rules"]] == [second["id"]]
    error(api.get(f"/firewall_policies/{fw['id']}/rules/{first['id']}"), 404)
    error(api.delete(f"/firewall_policies/{fw['id']}/rules/{first['id']}"), 404)
    error(api.delete(f"/firewall_policies/{fw['id']}/rules/{second['id']}"), 409, "last rule")
    assert logs_of(emu, fw["id"]) == ["CREATE", "REMOVE_RULE"]


def test_mutations_accepted_while_configuring(api, emu):
    """The SDK example adds rules and renames right after attaching, without waiting."""
    fw = new_policy(api, emu, settle=False)
    api.ok(api.post(f"/firewall_policies/{fw['id']}/rules", {"rules": [TCP]}), 202)
    api.ok(api.put(f"/firewall_policies/{fw['id']}", {"name": "busy"}), 200)
    emu.settle()
    got = api.ok(api.get(f"/firewall_policies/{fw['id']}"))
    assert (got["name"], got["state"], len(got["rules"])) == ("busy", "ACTIVE", 3)
