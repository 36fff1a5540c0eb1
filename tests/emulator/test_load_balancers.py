"""Load balancers: the collection, one load balancer, server IPs (both directions), rules,
states, and the load balancer's own public IP."""

from __future__ import annotations

from typing import Any

import pytest

from oneandone_tui.emulator.catalogue_data import DATACENTERS
from tests.emulator.fixture_shapes import assert_fixture
from tests.emulator.test_firewall_policies import logs_of, server_ip
from tests.helpers import Api, error

DC = {d["country_code"]: d["id"] for d in DATACENTERS}
#: Keys that are null when unset.
NULLABLE = frozenset({"description", "persistence_time", "health_check_path",
                      "health_check_path_parser", "server_name"})
RULE = {"protocol": "TCP", "port_balancer": 80, "port_server": 8080, "source": "0.0.0.0"}


def body(**overrides: Any) -> dict[str, Any]:
    base = {"name": "lb-test", "description": "test", "health_check_test": "TCP",
            "health_check_interval": 40, "persistence": True, "persistence_time": 1200,
            "method": "ROUND_ROBIN", "datacenter_id": DC["DE"], "rules": [RULE]}
    base.update(overrides)
    return base


def new_lb(api: Api, emu, settle: bool = True, **overrides: Any) -> dict[str, Any]:
    lb = api.ok(api.post("/load_balancers", body(**overrides)), 202)
    if settle:
        emu.settle()
    return lb


def lb_named(api: Api, name: str) -> dict[str, Any]:
    return api.find("load_balancers", name)


def state(api: Api, lb_id: str) -> str:
    return api.ok(api.get(f"/load_balancers/{lb_id}"))["state"]


def ip_lbs(api: Api, sid: str, ip_id: str) -> list[dict[str, Any]]:
    return api.ok(api.get(f"/servers/{sid}/ips/{ip_id}/load_balancers"))


# -- list, get ------------------------------------------------------------------------------------
def test_list_has_the_seeded_load_balancers_in_the_fixture_shape(api):
    items = api.ok(api.get("/load_balancers"), 200)
    assert_fixture(items, "list-load-balancers.json", NULLABLE)
    web = next(lb for lb in items if lb["name"] == "lb-web-de")
    assert web["state"] == "ACTIVE" and web["datacenter"]["country_code"] == "DE"
    assert {i["server_name"] for i in web["server_ips"]} == {"web-01", "web-02"}
    assert web["ip"].startswith("82.165.")
    assert [lb["name"] for lb in api.ok(api.get("/load_balancers", q="workers"))] == [
        "lb-workers-us"]


def test_get_one_and_404(api):
    web = lb_named(api, "lb-web-de")
    got = api.ok(api.get(f"/load_balancers/{web['id']}"), 200)
    assert got == web
    assert_fixture(got, "get-load-balancer.json", NULLABLE)
    error(api.get("/load_balancers/NOPE"), 404, "load balancer", "NOPE")


# -- create ---------------------------------------------------------------------------------------
def test_create_configures_gets_its_own_ip_then_becomes_active(api, emu):
    lb = api.ok(api.post("/load_balancers", body(datacenter_id=DC["US"], rules=[
        RULE, {"protocol": "UDP", "port_balancer": 80, "port_server": 53,
               "source": "203.0.113.9"}])), 202)
    assert_fixture(lb, "create-lb.json", NULLABLE)
    assert lb["state"] == "CONFIGURING" and lb["server_ips"] == []
    assert (lb["name"], lb["method"], lb["persistence"], lb["persistence_time"]) == (
        "lb-test", "ROUND_ROBIN", True, 1200)
    assert (lb["health_check_test"], lb["health_check_interval"]) == ("TCP", 40)
    assert lb["datacenter"]["id"] == DC["US"]
    assert [(r["protocol"], r["port_balancer"], r["port_server"], r["source"])
            for r in lb["rules"]] == [("TCP", 80, 8080, "0.0.0.0"),
                                      ("UDP", 80, 53, "203.0.113.9")]
    # Its own public IP, in its datacenter, assigned to it.
    own = next(ip for ip in emu.store.ips.values() if ip["ip"] == lb["ip"])
    assert own["assigned_to"] == {"id": lb["id"], "type": "LOAD_BALANCER"}
    assert own["datacenter_id"] == DC["US"] and lb["ip"].startswith("74.208.")
    assert logs_of(emu, lb["id"]) == ["CREATE"]
    emu.advance(29)
    assert state(api, lb["id"]) == "CONFIGURING"
    emu.advance(2)
    assert state(api, lb["id"]) == "ACTIVE"


def test_create_accepts_the_python_sdk_body(api):
    """Exactly what ``create_load_balancer`` sends: ``health_check_parse``, every key."""
    sdk = {"health_check_path": None, "health_check_parse": None, "name": "lb",
           "description": "d", "health_check_test": "TCP", "health_check_interval": 40,
           "persistence": True, "persistence_time": 1200, "method": "ROUND_ROBIN",
           "datacenter_id": DC["DE"],
           "rules": [{"protocol": "TCP", "port_balancer": 80, "port_server": 80,
                      "source": "0.0.0.0"}]}
    lb = api.ok(api.post("/load_balancers", sdk), 202)
    assert lb["health_check_path_parser"] is None and lb["datacenter"]["id"] == DC["DE"]


def test_create_defaults_and_http_check(api):
    lb = api.ok(api.post("/load_balancers", {
        "name": "minimal", "method": "least_connections", "rules": [RULE]}), 202)
    assert (lb["health_check_test"], lb["health_check_interval"], lb["persistence"],
            lb["persistence_time"], lb["method"]) == ("TCP", 15, False, None,
                                                      "LEAST_CONNECTIONS")
    assert lb["datacenter"] is None and lb["description"] is None  # no invented default
    http = api.ok(api.post("/load_balancers", body(
        health_check_test="HTTP", health_check_path="/health",
        health_check_parse="^OK$")), 202)
    assert (http["health_check_test"], http["health_check_path"],
            http["health_check_path_parser"]) == ("HTTP", "/health", "^OK$")
    go = api.ok(api.post("/load_balancers", body(
        health_check_test="HTTP", health_check_path="/", health_check_path_parser="up",
        health_check_parse="up")), 202)
    assert go["health_check_path_parser"] == "up"


@pytest.mark.parametrize("overrides,fragments", [
    ({"name": None}, ["'name'", "required"]),
    ({"name": ""}, ["'name'", "empty"]),
    ({"name": "x" * 129}, ["'name'", "128"]),
    ({"description": 5}, ["'description'", "string"]),
    ({"method": None}, ["'method'", "required", "ROUND_ROBIN"]),
    ({"method": "RANDOM"}, ["'method'", "LEAST_CONNECTIONS"]),
    ({"health_check_test": "ICMP"}, ["'health_check_test'", "TCP", "HTTP", "NONE"]),
    ({"health_check_interval": 0}, ["'health_check_interval'", "between 1 and 300"]),
    ({"health_check_interval": 301}, ["'health_check_interval'", "between 1 and 300"]),
    ({"health_check_interval": "40"}, ["'health_check_interval'", "integer"]),
    ({"health_check_test": "HTTP"}, ["'health_check_path'", "required", "HTTP"]),
    ({"health_check_path": "/" + "x" * 1000}, ["'health_check_path'", "1000"]),
    ({"health_check_path_parser": "x" * 65}, ["'health_check_path_parser'", "64"]),
    ({"health_check_parse": "x" * 65}, ["'health_check_parse'", "64"]),
    ({"health_check_parse": "(unclosed"}, ["'health_check_parse'", "regular expression"]),
    ({"health_check_parse": "a", "health_check_path_parser": "b"},
     ["health_check_path_parser", "health_check_parse"]),
    ({"persistence_time": None}, ["'persistence_time'", "required", "persistence"]),
    ({"persistence_time": 29}, ["'persistence_time'", "between 30 and 1200"]),
    ({"persistence_time": 1201}, ["'persistence_time'", "between 30 and 1200"]),
    ({"persistence": "yes"}, ["'persistence'", "true or false"]),
    ({"datacenter_id": "MOON"}, ["'datacenter_id'", "datacenter"]),
    ({"rules": None}, ["'rules'", "required"]),
    ({"rules": []}, ["'rules'", "at least 1"]),
    ({"rules": [5]}, ["'rules[0]'", "object"]),
    ({"rules": [{**RULE, "protocol": None}]}, ["'rules[0].protocol'", "required"]),
    ({"rules": [{**RULE, "protocol": "ICMP"}]}, ["'rules[0].protocol'", "TCP", "UDP"]),
    ({"rules": [{**RULE, "port_balancer": None}]}, ["'rules[0].port_balancer'", "required"]),
    ({"rules": [{**RULE, "port_balancer": 0}]},
     ["'rules[0].port_balancer'", "between 1 and 65535"]),
    ({"rules": [{**RULE, "port_balancer": 65536}]},
     ["'rules[0].port_balancer'", "between 1 and 65535"]),
    ({"rules": [{**RULE, "port_server": None}]}, ["'rules[0].port_server'", "required"]),
    ({"rules": [{**RULE, "port_server": 70000}]},
     ["'rules[0].port_server'", "between 1 and 65535"]),
    ({"rules": [{**RULE, "source": "any"}]}, ["'rules[0].source'", "IP address"]),
    ({"rules": [RULE, {**RULE, "port_server": 81}]},
     ["'rules[1].port_balancer'", "80/TCP", "already"]),
])
def test_create_rejects(api, emu, overrides, fragments):
    before = (len(emu.store.load_balancers), len(emu.store.ips))
    error(api.post("/load_balancers", body(**overrides)), 400, *fragments)
    assert (len(emu.store.load_balancers), len(emu.store.ips)) == before


# -- modify ---------------------------------------------------------------------------------------
def test_modify_with_the_python_sdk_body(api, emu):
    lb = new_lb(api, emu)
    sdk = {"name": "n", "description": None, "health_check_test": "NONE",
           "health_check_interval": 60, "health_check_path": None, "health_check_parse": None,
           "persistence": False, "persistence_time": None, "method": "LEAST_CONNECTIONS"}
    got = api.ok(api.put(f"/load_balancers/{lb['id']}", sdk), 202)
    assert_fixture(got, "modify-lb.json", NULLABLE)
    assert got["state"] == "CONFIGURING"
    assert (got["name"], got["description"], got["health_check_test"],
            got["health_check_interval"], got["persistence"], got["persistence_time"],
            got["method"]) == ("n", "test", "NONE", 60, False, 1200, "LEAST_CONNECTIONS")
    assert logs_of(emu, lb["id"]) == ["CREATE", "MODIFY"]
    emu.advance(16)
    assert state(api, lb["id"]) == "ACTIVE"


def test_modify_switches_to_http_with_parser_alias(api, emu):
    lb = new_lb(api, emu)
    got = api.ok(api.put(f"/load_balancers/{lb['id']}", {
        "health_check_test": "HTTP", "health_check_path": "/ping",
        "health_check_parse": "pong"}), 202)
    assert (got["health_check_test"], got["health_check_path"],
            got["health_check_path_parser"]) == ("HTTP", "/ping", "pong")
    # Later modifications keep the path, so HTTP stays valid.
    assert api.ok(api.put(f"/load_balancers/{lb['id']}", {"name": "z"}))["health_check_path"] \
        == "/ping"


def test_modify_rename_shows_on_the_server_ip(api):
    web = lb_named(api, "lb-web-de")
    api.ok(api.put(f"/load_balancers/{web['id']}", {"name": "lb-front"}), 202)
    sid, ip = server_ip(api, "web-01")
    assert ip["load_balancers"] == [{"id": web["id"], "name": "lb-front"}]
    assert ip_lbs(api, sid, ip["id"]) == [{"id": web["id"], "name": "lb-front"}]


@pytest.mark.parametrize("change,fragments", [
    ({}, ["at least one"]),
    ({"name": None, "method": None}, ["at least one"]),
    ({"name": " "}, ["'name'", "empty"]),
    ({"method": "FASTEST"}, ["'method'"]),
    ({"health_check_test": "UDP"}, ["'health_check_test'"]),
    ({"health_check_interval": 1000}, ["'health_check_interval'", "between 1 and 300"]),
    ({"health_check_test": "HTTP"}, ["'health_check_path'", "required"]),
    ({"persistence": True}, ["'persistence_time'", "required"]),
    ({"persistence": True, "persistence_time": 10}, ["'persistence_time'", "30 and 1200"]),
    ({"health_check_path_parser": "["}, ["'health_check_path_parser'", "regular expression"]),
])
def test_modify_rejects(api, emu, change, fragments):
    workers = lb_named(api, "lb-workers-us")  # NONE check, persistence off, no time
    error(api.put(f"/load_balancers/{workers['id']}", change), 400, *fragments)
    assert api.ok(api.get(f"/load_balancers/{workers['id']}")) == workers


def test_modify_404(api):
    error(api.put("/load_balancers/NOPE", {"name": "x"}), 404, "NOPE")


# -- delete ---------------------------------------------------------------------------------------
def test_delete_goes_removing_then_404_and_cleans_up(api, emu):
    web = lb_named(api, "lb-web-de")
    sid, ip = server_ip(api, "web-01")
    own = next(i for i in emu.store.ips.values() if i["ip"] == web["ip"])
    got = api.ok(api.delete(f"/load_balancers/{web['id']}"), 202)
    assert_fixture(got, "delete-lb.json", NULLABLE)
    assert got["state"] == "REMOVING" and len(got["server_ips"]) == 2
    assert logs_of(emu, web["id"])[-1] == "DELETE"
    emu.advance(19)
    assert state(api, web["id"]) == "REMOVING"
    error(api.delete(f"/load_balancers/{web['id']}"), 409, "already being removed")
    error(api.put(f"/load_balancers/{web['id']}", {"name": "x"}), 409, "being removed")
    error(api.post(f"/load_balancers/{web['id']}/rules", {"rules": [RULE]}), 409)
    error(api.post(f"/load_balancers/{web['id']}/server_ips", {"server_ips": [ip["id"]]}), 409)
    emu.advance(2)
    error(api.get(f"/load_balancers/{web['id']}"), 404, web["id"])
    assert web["id"] not in {lb["id"] for lb in api.ok(api.get("/load_balancers"))}
    # The server IPs no longer name it, from either side.
    assert ip_lbs(api, sid, ip["id"]) == []
    assert server_ip(api, "web-01")[1]["load_balancers"] == []
    assert server_ip(api, "web-02")[1]["load_balancers"] == []
    assert all(web["id"] not in i["load_balancer_ids"] for i in emu.store.ips.values())
    # Its own IP is gone too.
    assert own["id"] not in emu.store.ips
    error(api.delete("/load_balancers/NOPE"), 404, "NOPE")


# -- server IPs -----------------------------------------------------------------------------------
def test_list_and_get_server_ips(api):
    web = lb_named(api, "lb-web-de")
    items = api.ok(api.get(f"/load_balancers/{web['id']}/server_ips"), 200)
    assert_fixture(items, "list-lb-servers.json", NULLABLE)
    assert items == web["server_ips"]
    _, ip = server_ip(api, "web-02")
    one = api.ok(api.get(f"/load_balancers/{web['id']}/server_ips/{ip['id']}"), 200)
    assert one == {"id": ip["id"], "ip": ip["ip"], "server_name": "web-02"}
    assert_fixture(one, "get-lb-server.json", NULLABLE)
    _, other = server_ip(api, "db-primary")
    error(api.get(f"/load_balancers/{web['id']}/server_ips/{other['id']}"), 404, other["id"])
    error(api.get(f"/load_balancers/{web['id']}/server_ips/NOPE"), 404, "NOPE")
    error(api.get("/load_balancers/NOPE/server_ips"), 404, "NOPE")


def test_attach_via_the_load_balancer_shows_on_the_server(api, emu):
    web = lb_named(api, "lb-web-de")
    sid, ip = server_ip(api, "api-gateway", 1)
    got = api.ok(api.post(f"/load_balancers/{web['id']}/server_ips",
                          {"server_ips": [ip["id"]]}), 202)
    assert_fixture(got, "assign-server-lb.json", NULLABLE)
    assert got["state"] == "CONFIGURING"
    assert {"id": ip["id"], "ip": ip["ip"], "server_name": "api-gateway"} in got["server_ips"]
    assert ip_lbs(api, sid, ip["id"]) == [{"id": web["id"], "name": "lb-web-de"}]
    srv = api.ok(api.get(f"/servers/{sid}"))
    assert srv["ips"][1]["load_balancers"] == [{"id": web["id"], "name": "lb-web-de"}]
    assert srv["ips"][0]["load_balancers"] == []
    assert logs_of(emu, web["id"])[-1] == "ASSIGN_SERVER_IPS"
    emu.advance(16)
    assert state(api, web["id"]) == "ACTIVE"


def test_an_ip_can_sit_behind_several_load_balancers(api, emu):
    lb = new_lb(api, emu)
    web = lb_named(api, "lb-web-de")
    sid, ip = server_ip(api, "web-01")
    api.ok(api.post(f"/load_balancers/{lb['id']}/server_ips", {"server_ips": [ip["id"]]}))
    assert {x["id"] for x in ip_lbs(api, sid, ip["id"])} == {web["id"], lb["id"]}


def test_attach_via_the_server_shows_in_the_load_balancer(api, emu):
    lb = new_lb(api, emu)
    sid, ip = server_ip(api, "db-primary")
    api.ok(api.post(f"/servers/{sid}/ips/{ip['id']}/load_balancers",
                    {"load_balancer_id": lb["id"]}), 202)
    assert api.ok(api.get(f"/load_balancers/{lb['id']}/server_ips")) == [
        {"id": ip["id"], "ip": ip["ip"], "server_name": "db-primary"}]
    assert api.ok(api.get(f"/load_balancers/{lb['id']}/server_ips/{ip['id']}"))["id"] == ip["id"]
    # ...and removing it from the server side empties the load balancer's list.
    api.ok(api.delete(f"/servers/{sid}/ips/{ip['id']}/load_balancers/{lb['id']}"), 202)
    assert api.ok(api.get(f"/load_balancers/{lb['id']}/server_ips")) == []


def test_attach_rejects(api, emu):
    web = lb_named(api, "lb-web-de")
    path = f"/load_balancers/{web['id']}/server_ips"
    sid, ip = server_ip(api, "web-01")
    _, gb_ip = server_ip(api, "cache-01")
    _, free_ip = server_ip(api, "db-primary")
    error(api.post(path, {}), 400, "'server_ips'", "required")
    error(api.post(path, {"server_ips": []}), 400, "'server_ips'")
    error(api.post(path, {"server_ips": [sid]}), 400, "'server_ips[0]'", "server IP ids")
    error(api.post(path, {"server_ips": [free_ip["id"], gb_ip["id"], ip["id"]]}), 409,
          "'server_ips[2]'",
          "already attached")
    error(api.post("/load_balancers/NOPE/server_ips", {"server_ips": [ip["id"]]}), 404)
    # Validation happens before any change: db-primary was not attached by the failed calls.
    assert free_ip["id"] not in {i["id"] for i in api.ok(api.get(path))}


def test_remove_server_ip(api, emu):
    web = lb_named(api, "lb-web-de")
    sid, ip = server_ip(api, "web-02")
    got = api.ok(api.delete(f"/load_balancers/{web['id']}/server_ips/{ip['id']}"), 202)
    assert_fixture(got, "detach-server-lb.json", NULLABLE)
    assert got["state"] == "CONFIGURING"
    assert ip["id"] not in {i["id"] for i in got["server_ips"]}
    assert ip_lbs(api, sid, ip["id"]) == []
    assert server_ip(api, "web-02")[1]["load_balancers"] == []
    error(api.delete(f"/load_balancers/{web['id']}/server_ips/{ip['id']}"), 404, ip["id"])
    error(api.get(f"/load_balancers/{web['id']}/server_ips/{ip['id']}"), 404)
    assert logs_of(emu, web["id"])[-1] == "UNASSIGN_SERVER_IP"


def test_server_deletion_removes_its_ip_from_the_load_balancer(api, emu):
    web = lb_named(api, "lb-web-de")
    sid, ip = server_ip(api, "web-01")
    api.ok(api.delete(f"/servers/{sid}"), 202)
    emu.settle()
    assert ip["id"] not in {i["id"] for i in api.ok(api.get(f"/load_balancers/{web['id']}"
                                                             f"/server_ips"))}


# -- rules ----------------------------------------------------------------------------------------
def test_list_get_add_and_remove_rules(api, emu):
    lb = new_lb(api, emu)
    rules = api.ok(api.get(f"/load_balancers/{lb['id']}/rules"), 200)
    assert rules == lb["rules"]
    assert_fixture(rules, "list-lb-rules.json", NULLABLE)
    one = api.ok(api.get(f"/load_balancers/{lb['id']}/rules/{rules[0]['id']}"), 200)
    assert one == rules[0]
    assert_fixture(one, "get-lb-rule.json", NULLABLE)
    sdk = {"rules": [{"protocol": "UDP", "port_balancer": 53, "port_server": 53,
                      "source": "0.0.0.0"},
                     {"protocol": "UDP", "port_balancer": 80, "port_server": 80,
                      "source": None}]}
    got = api.ok(api.post(f"/load_balancers/{lb['id']}/rules", sdk), 202)
    assert_fixture(got, "add-rule-lb.json", NULLABLE)
    assert got["state"] == "CONFIGURING" and len(got["rules"]) == 3
    assert got["rules"][-1]["source"] == "0.0.0.0"
    first = got["rules"][0]
    gone = api.ok(api.delete(f"/load_balancers/{lb['id']}/rules/{first['id']}"), 202)
    assert_fixture(gone, "remove-rule-lb.json", NULLABLE)
    assert first["id"] not in {r["id"] for r in gone["rules"]}
    error(api.get(f"/load_balancers/{lb['id']}/rules/{first['id']}"), 404, "rule")
    error(api.delete(f"/load_balancers/{lb['id']}/rules/{first['id']}"), 404)
    assert logs_of(emu, lb["id"]) == ["CREATE", "ADD_RULES", "REMOVE_RULE"]
    emu.advance(16)
    assert state(api, lb["id"]) == "ACTIVE"


def test_the_last_rule_stays(api, emu):
    lb = new_lb(api, emu)
    error(api.delete(f"/load_balancers/{lb['id']}/rules/{lb['rules'][0]['id']}"), 409,
          "last rule")
    assert state(api, lb["id"]) == "ACTIVE"


@pytest.mark.parametrize("rules,fragments", [
    (None, ["'rules'", "required"]),
    ([], ["'rules'"]),
    ([{**RULE, "port_server": 9090}], ["'rules[0].port_balancer'", "80/TCP", "already"]),
    ([{**RULE, "port_balancer": 81}, {**RULE, "port_balancer": 81}],
     ["'rules[1].port_balancer'"]),
    ([{**RULE, "protocol": "SCTP", "port_balancer": 81}], ["'rules[0].protocol'"]),
])
def test_add_rules_rejects(api, emu, rules, fragments):
    lb = new_lb(api, emu)
    error(api.post(f"/load_balancers/{lb['id']}/rules", {"rules": rules}), 400, *fragments)
    assert len(api.ok(api.get(f"/load_balancers/{lb['id']}/rules"))) == 1


def test_rule_404s(api):
    error(api.get("/load_balancers/NOPE/rules"), 404, "NOPE")
    web = lb_named(api, "lb-web-de")
    error(api.get(f"/load_balancers/{web['id']}/rules/NOPE"), 404, "NOPE")
    error(api.delete(f"/load_balancers/{web['id']}/rules/NOPE"), 404, "NOPE")


# -- what the other official SDKs' live tests send (they ran against the real API) ---------------
JAVA_DOTNET_CREATE = {
    # Java LoadBalancersTest.createLoadBalancer / .NET LoadBalancerTest.CreateLoadBalancer (and
    # their ServerIPsTest/ServerIpsTest): interval 1, NONE, no datacenter; unset fields null.
    "name": "javaLBTest123", "description": "javaLBDesc", "health_check_test": "NONE",
    "health_check_interval": 1, "health_check_path": None, "health_check_path_parser": None,
    "persistence": True, "persistence_time": 30, "method": "ROUND_ROBIN", "datacenter_id": None,
    "rules": [{"protocol": "TCP", "port_balancer": 80, "port_server": 80, "source": "0.0.0.0"}],
}
GO_CREATE = {
    # Go loadbalancers_test.go create_load_balancer (omitempty: no datacenter_id at all).
    "name": "LoadBalancer_42", "description": "LoadBalancer_42 description",
    "method": "ROUND_ROBIN", "persistence": True, "persistence_time": 60,
    "health_check_test": "TCP", "health_check_interval": 300,
    "rules": [{"protocol": "TCP", "port_balancer": 8080, "port_server": 8089,
               "source": "0.0.0.0"}],
}


def test_java_dotnet_create_with_interval_1(api, emu):
    lb = api.ok(api.post("/load_balancers", JAVA_DOTNET_CREATE), 202)
    assert lb["health_check_interval"] == 1 and lb["health_check_test"] == "NONE"
    assert lb["datacenter"] is None  # none given, none invented
    emu.settle()
    # .NET UpdateLoadBalancer sends 100 back; 1..4 are accepted on modify too.
    for interval in (100, 4, 1):
        got = api.ok(api.put(f"/load_balancers/{lb['id']}", {"health_check_interval": interval}),
                     202)
        assert got["health_check_interval"] == interval


def test_go_assign_server_ip_load_balancer_across_datacenters(api, emu):
    """Go servers_test.go ``TestAssignServerIpLoadBalancer``: a load balancer created without a
    datacenter, assigned to a server's first IP with ``{"load_balancer_id": ...}``. No source
    has a same-datacenter rule, so a server in GB works as well as one in DE, and so does a
    load balancer that was created in DE."""
    lb = api.ok(api.post("/load_balancers", GO_CREATE), 202)
    emu.settle()
    de_lb = lb_named(api, "lb-web-de")
    sid, ip = server_ip(api, "cache-01")  # a GB server
    srv = api.ok(api.post(f"/servers/{sid}/ips/{ip['id']}/load_balancers",
                          {"load_balancer_id": lb["id"]}), 202)
    assert lb["id"] in [x["id"] for x in srv["ips"][0]["load_balancers"]]
    srv = api.ok(api.post(f"/servers/{sid}/ips/{ip['id']}/load_balancers",
                          {"load_balancer_id": de_lb["id"]}), 202)
    assert de_lb["id"] in [x["id"] for x in srv["ips"][0]["load_balancers"]]
    # The load balancer's side: POST /load_balancers/{id}/server_ips (Go
    # TestAddLoadBalancerServerIps) with an IP of another datacenter.
    _, other = server_ip(api, "db-primary")
    got = api.ok(api.post(f"/load_balancers/{lb['id']}/server_ips",
                          {"server_ips": [other["id"]]}), 202)
    assert other["id"] in [x["id"] for x in got["server_ips"]]


def test_go_add_rules_one_without_source(api, emu):
    """Go ``TestAddLoadBalancerRules``: two rules, the second without ``source`` (omitempty),
    then three rules in all."""
    lb = api.ok(api.post("/load_balancers", GO_CREATE), 202)
    emu.settle()
    got = api.ok(api.post(f"/load_balancers/{lb['id']}/rules", {"rules": [
        {"protocol": "TCP", "port_balancer": 35367, "port_server": 35367, "source": "0.0.0.0"},
        {"protocol": "TCP", "port_balancer": 815, "port_server": 815}]}), 202)
    assert len(got["rules"]) == 3
    assert got["rules"][-1]["source"] == "0.0.0.0"
