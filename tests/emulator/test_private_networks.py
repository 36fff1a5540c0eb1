"""Private networks: the collection, one network, addressing rules, servers joining and leaving
(from either side), transitions, relationships and fixture shapes."""

from __future__ import annotations

import pytest

from tests.emulator.fixture_shapes import assert_fixture
from tests.helpers import Api, error

UNKNOWN = "0" * 32
#: Null when unset (a network without addressing, without description).
NULLABLE = {"network_address", "subnet_mask", "description"}
CENTOS = "B5F778B85C041347BCDCFC3172AB3F3C"


def sid(api: Api, name: str) -> str:
    return api.find("servers", name)["id"]


def dc_id(api: Api, country: str) -> str:
    return next(d["id"] for d in api.ok(api.get("/datacenters")) if d["country_code"] == country)


def network(api: Api, name: str = "backend-de") -> dict:
    return api.find("private_networks", name)


def new_network(api: Api, emu, country: str = "DE", **body) -> dict:
    pn = api.ok(api.post("/private_networks", {"name": "lan", "datacenter_id": dc_id(api, country),
                                               **body}), 202)
    emu.settle()
    return api.ok(api.get(f"/private_networks/{pn['id']}"))


def power_off(api: Api, emu, server_id: str) -> None:
    api.ok(api.put(f"/servers/{server_id}/status/action", {"action": "POWER_OFF",
                                                           "method": "SOFTWARE"}))
    emu.settle()


def actions(emu, resource_id: str) -> list[str]:
    return [e["action"] for e in emu.store.logs if e["resource"]["id"] == resource_id]


# -- the collection -------------------------------------------------------------------------------
def test_list_networks_in_fixture_shape(api):
    items = api.ok(api.get("/private_networks"), 200)
    assert {"backend-de", "jobs-us"} <= {pn["name"] for pn in items}
    assert_fixture(items, "list-private-networks.json", NULLABLE)
    assert [pn["name"] for pn in api.ok(api.get("/private_networks", q="10.20.0.0"))] == \
        ["jobs-us"]


def test_create_configures_then_becomes_active(api, emu):
    de = dc_id(api, "DE")
    pn = api.ok(api.post("/private_networks", {
        "name": "db-lan", "description": "d", "network_address": "172.16.4.0",
        "subnet_mask": "255.255.252.0", "datacenter_id": de}), 202)
    assert (pn["name"], pn["description"]) == ("db-lan", "d")
    assert (pn["network_address"], pn["subnet_mask"]) == ("172.16.4.0", "255.255.252.0")
    assert pn["state"] == "CONFIGURING" and pn["servers"] == [] and pn["datacenter"]["id"] == de
    assert_fixture(pn, "create-pn.json", NULLABLE)
    emu.advance(29)
    assert api.ok(api.get(f"/private_networks/{pn['id']}"))["state"] == "CONFIGURING"
    emu.advance(2)
    assert api.ok(api.get(f"/private_networks/{pn['id']}"))["state"] == "ACTIVE"
    assert actions(emu, pn["id"]) == ["CREATE"]
    assert emu.store.logs[-1]["type"] == "PRIVATENETWORK"


def test_create_with_sdk_nulls_has_no_addressing(api):
    pn = api.ok(api.post("/private_networks", {"name": "pn", "description": None,
                                               "network_address": None, "subnet_mask": None,
                                               "datacenter_id": None}), 202)
    assert pn["network_address"] is None and pn["subnet_mask"] is None


@pytest.mark.parametrize("extra,fragment", [
    ({"name": None}, "name"),
    ({"name": ""}, "name"),
    ({"name": "x" * 129}, "name"),
    ({"description": 5}, "description"),
    ({"network_address": "192.168.1.0"}, "subnet_mask"),
    ({"subnet_mask": "255.255.255.0"}, "network_address"),
    ({"network_address": "abc", "subnet_mask": "255.255.255.0"}, "network_address"),
    ({"network_address": "fd00::", "subnet_mask": "255.255.255.0"}, "network_address"),
    ({"network_address": "8.8.8.0", "subnet_mask": "255.255.255.0"}, "private"),
    ({"network_address": "172.32.0.0", "subnet_mask": "255.255.0.0"}, "private"),
    ({"network_address": "192.168.1.0", "subnet_mask": "255.0.255.0"}, "subnet_mask"),
    ({"network_address": "192.168.1.0", "subnet_mask": "24"}, "subnet_mask"),
    ({"network_address": "192.168.1.0", "subnet_mask": "255.255.255.255"}, "subnet_mask"),
    ({"network_address": "10.0.0.0", "subnet_mask": "0.0.0.0"}, "subnet_mask"),
    ({"network_address": "192.168.1.5", "subnet_mask": "255.255.255.0"}, "first address"),
    ({"network_address": "172.16.0.0", "subnet_mask": "255.0.0.0"}, "first address"),
    ({"network_address": "192.168.0.0", "subnet_mask": "255.254.0.0"}, "private ranges"),
    ({"network_address": 3232235776, "subnet_mask": "255.255.255.0"}, "network_address"),
    ({"datacenter_id": "XX"}, "datacenter_id"),
])
def test_create_validation(api, extra, fragment):
    before = len(api.ok(api.get("/private_networks")))
    error(api.post("/private_networks", {"name": "pn", **extra}), 400, fragment)
    assert len(api.ok(api.get("/private_networks"))) == before


def test_create_accepts_each_private_block(api):
    for address, mask in (("10.0.0.0", "255.0.0.0"), ("172.16.0.0", "255.240.0.0"),
                          ("192.168.255.252", "255.255.255.252")):
        pn = api.ok(api.post("/private_networks", {"name": address, "network_address": address,
                                                   "subnet_mask": mask}))
        assert (pn["network_address"], pn["subnet_mask"]) == (address, mask)


# -- one network ----------------------------------------------------------------------------------
def test_get_network_in_fixture_shape(api):
    pn = network(api)
    got = api.ok(api.get(f"/private_networks/{pn['id']}"), 200)
    assert got == pn
    assert {s["name"] for s in got["servers"]} == {"web-01", "web-02", "api-gateway",
                                                  "db-primary"}
    assert_fixture(got, "get-private-network.json", NULLABLE)


def test_unknown_network_is_404(api):
    base = f"/private_networks/{UNKNOWN}"
    web = sid(api, "web-01")
    for resp in (api.get(base), api.put(base, {"name": "x"}), api.delete(base),
                 api.get(f"{base}/servers"), api.post(f"{base}/servers", {"servers": [web]}),
                 api.get(f"{base}/servers/{web}"), api.delete(f"{base}/servers/{web}")):
        error(resp, 404, UNKNOWN)


def test_modify_name_is_immediate(api, emu):
    pn = network(api)
    got = api.ok(api.put(f"/private_networks/{pn['id']}", {
        "name": "backend", "description": None, "network_address": None,
        "subnet_mask": None}), 200)
    assert got["name"] == "backend" and got["description"] == pn["description"]
    assert got["state"] == "ACTIVE" and len(got["servers"]) == 4
    assert_fixture(got, "modify-pn.json", NULLABLE)
    assert actions(emu, pn["id"])[-1] == "UPDATE"


def test_modify_addressing_reconfigures(api, emu):
    pn = network(api)
    got = api.ok(api.put(f"/private_networks/{pn['id']}", {"network_address": "10.1.0.0",
                                                          "subnet_mask": "255.255.0.0"}))
    assert (got["network_address"], got["subnet_mask"], got["state"]) == \
        ("10.1.0.0", "255.255.0.0", "CONFIGURING")
    emu.settle()
    assert api.ok(api.get(f"/private_networks/{pn['id']}"))["state"] == "ACTIVE"
    # Only the mask: checked against the current address (10.1.0.0 fits a /24 as well).
    got = api.ok(api.put(f"/private_networks/{pn['id']}", {"subnet_mask": "255.255.255.0"}))
    assert (got["network_address"], got["subnet_mask"]) == ("10.1.0.0", "255.255.255.0")


@pytest.mark.parametrize("body,fragment", [
    ({}, "name"),
    ({"name": " "}, "name"),
    ({"subnet_mask": "255.0.0.0"}, "first address"),  # 192.168.10.0 is not a /8's start
    ({"network_address": "192.168.10.7"}, "first address"),
    ({"network_address": "1.2.3.0"}, "private"),
])
def test_modify_validation(api, body, fragment):
    pn = network(api)
    error(api.put(f"/private_networks/{pn['id']}", body), 400, fragment)
    assert api.ok(api.get(f"/private_networks/{pn['id']}")) == pn


def test_modify_addressing_of_an_unaddressed_network_needs_both(api, emu):
    pn = new_network(api, emu)
    error(api.put(f"/private_networks/{pn['id']}", {"network_address": "10.0.0.0"}), 400,
          "subnet_mask")


def test_delete_refuses_a_network_with_servers(api):
    pn = network(api)
    error(api.delete(f"/private_networks/{pn['id']}"), 409, "still has servers", "web-01")
    assert api.ok(api.get(f"/private_networks/{pn['id']}"))["state"] == "ACTIVE"


def test_delete_goes_removing_then_404(api, emu):
    pn = new_network(api, emu)
    got = api.ok(api.delete(f"/private_networks/{pn['id']}"), 202)
    assert got["state"] == "REMOVING"
    assert_fixture(got, "delete-pn.json", NULLABLE)
    path = f"/private_networks/{pn['id']}"
    error(api.delete(path), 409, "being removed")
    error(api.put(path, {"name": "late"}), 409, "being removed")
    error(api.post(f"{path}/servers", {"servers": [sid(api, "web-01")]}), 409, "being removed")
    emu.settle()
    error(api.get(path), 404, pn["id"])
    assert pn["id"] not in {p["id"] for p in api.ok(api.get("/private_networks"))}
    assert actions(emu, pn["id"])[-1] == "DELETE"


# -- servers in the network -----------------------------------------------------------------------
def test_list_servers_in_fixture_shape(api):
    pn = network(api)
    items = api.ok(api.get(f"/private_networks/{pn['id']}/servers"), 200)
    assert items == pn["servers"]
    assert all(set(s) == {"id", "name"} for s in items)
    assert_fixture(items, "list-pn-servers.json")


def test_attach_servers_answers_the_network_and_shows_on_both_sides(api, emu):
    pn = new_network(api, emu)
    web, gw = sid(api, "web-01"), sid(api, "api-gateway")
    got = api.ok(api.post(f"/private_networks/{pn['id']}/servers", {"servers": [web, gw]}), 202)
    assert got["id"] == pn["id"] and got["state"] == "CONFIGURING"
    assert [s["name"] for s in got["servers"]] == ["web-01", "api-gateway"]
    assert_fixture(got, "get-private-network.json", NULLABLE)
    one = api.ok(api.get(f"/private_networks/{pn['id']}/servers/{web}"), 200)
    assert one == {"id": web, "name": "web-01"}
    assert_fixture(one, "get-pn-server.json")
    server_side = api.ok(api.get(f"/servers/{web}"))["private_networks"]
    assert {"id": pn["id"], "name": "lan"} in server_side
    assert api.ok(api.get(f"/servers/{gw}/private_networks/{pn['id']}"))["id"] == pn["id"]
    assert actions(emu, pn["id"])[-2:] == ["ATTACH_SERVER", "ATTACH_SERVER"]
    emu.settle()
    assert api.ok(api.get(f"/private_networks/{pn['id']}"))["state"] == "ACTIVE"


@pytest.mark.parametrize("servers,status,fragment", [
    (None, 400, "servers"),
    ([], 400, "servers"),
    ([""], 400, "servers[0]"),
    ([7], 400, "servers[0]"),
    (["{web}", UNKNOWN], 400, UNKNOWN),
    (["{web}", "{replica}"], 400, "another datacenter"),
    (["{web}", "{db}"], 409, "snapshot"),
    (["{web}", "{web2}"], 409, "already in private network"),
])
def test_attach_validation_changes_nothing(api, emu, servers, status, fragment):
    pn = new_network(api, emu)
    api.ok(api.post(f"/private_networks/{pn['id']}/servers", {"servers": [sid(api, "web-02")]}))
    emu.settle()
    before = api.ok(api.get(f"/private_networks/{pn['id']}"))
    names = {"{web}": sid(api, "web-01"), "{web2}": sid(api, "web-02"),
             "{replica}": sid(api, "db-replica"), "{db}": sid(api, "db-primary")}
    body = {"servers": [names.get(s, s) for s in servers] if isinstance(servers, list)
            else servers}
    error(api.post(f"/private_networks/{pn['id']}/servers", body), status, fragment)
    assert api.ok(api.get(f"/private_networks/{pn['id']}")) == before


def test_attach_refuses_a_deploying_server(api, emu):
    pn = new_network(api, emu, "US")
    runner = api.ok(api.post("/servers", {
        "name": "late", "datacenter_id": dc_id(api, "US"), "appliance_id": CENTOS,
        "hardware": {"vcore": 1, "cores_per_processor": 1, "ram": 1,
                     "hdds": [{"size": 40, "is_main": True}]}}))["id"]
    error(api.post(f"/private_networks/{pn['id']}/servers", {"servers": [runner]}), 409,
          "DEPLOYING")
    emu.settle()
    assert api.post(f"/private_networks/{pn['id']}/servers", {"servers": [runner]}).status == 202


def test_get_server_not_in_network_is_404(api):
    pn = network(api)
    error(api.get(f"/private_networks/{pn['id']}/servers/{sid(api, 'db-replica')}"), 404)
    error(api.get(f"/private_networks/{pn['id']}/servers/{UNKNOWN}"), 404, UNKNOWN)


def test_remove_server_needs_it_powered_off(api, emu):
    pn = network(api, "jobs-us")
    on, off = sid(api, "worker-us-01"), sid(api, "worker-us-02")
    error(api.delete(f"/private_networks/{pn['id']}/servers/{on}"), 409, "powered off")
    got = api.ok(api.delete(f"/private_networks/{pn['id']}/servers/{off}"), 202)
    assert [s["name"] for s in got["servers"]] == ["worker-us-01"]
    assert got["state"] == "CONFIGURING"
    assert_fixture(got, "remove-server-pn.json", NULLABLE)
    assert api.ok(api.get(f"/servers/{off}"))["private_networks"] is None
    error(api.get(f"/private_networks/{pn['id']}/servers/{off}"), 404)
    error(api.delete(f"/private_networks/{pn['id']}/servers/{off}"), 404)
    error(api.delete(f"/private_networks/{pn['id']}/servers/{UNKNOWN}"), 404, UNKNOWN)
    assert actions(emu, pn["id"])[-1] == "DETACH_SERVER"
    power_off(api, emu, on)
    api.ok(api.delete(f"/private_networks/{pn['id']}/servers/{on}"), 202)
    emu.settle()
    # Empty now: the network can go.
    assert api.delete(f"/private_networks/{pn['id']}").status == 202


def test_remove_server_with_snapshot_is_refused(api, emu):
    pn = network(api)
    db = sid(api, "db-primary")
    power_off(api, emu, db)
    error(api.delete(f"/private_networks/{pn['id']}/servers/{db}"), 409, "snapshot")
    assert db in {s["id"] for s in api.ok(api.get(f"/private_networks/{pn['id']}/servers"))}


def test_server_side_assignment_shows_on_the_network(api, emu):
    pn = new_network(api, emu)
    gw = sid(api, "api-gateway")
    api.ok(api.post(f"/servers/{gw}/private_networks", {"id": pn["id"]}))
    assert [s["id"] for s in api.ok(api.get(f"/private_networks/{pn['id']}/servers"))] == [gw]
    error(api.post(f"/private_networks/{pn['id']}/servers", {"servers": [gw]}), 409, "already")


def test_deleting_a_server_removes_it_from_the_network(api, emu):
    pn = network(api, "jobs-us")
    off = sid(api, "worker-us-02")
    api.ok(api.delete(f"/servers/{off}"))
    emu.settle()
    assert [s["name"] for s in api.ok(api.get(f"/private_networks/{pn['id']}/servers"))] == \
        ["worker-us-01"]
    assert emu.store.private_networks[pn["id"]]["server_ids"] == [sid(api, "worker-us-01")]
