"""Public IPs: listing, create, reverse DNS, release (CONFIGURING -> REMOVING -> gone), and the
relationship with servers and load balancers (the same IP records on both sides)."""

from __future__ import annotations

import pytest

from tests.emulator.fixture_shapes import assert_fixture
from tests.helpers import Api, error

UNKNOWN = "0" * 32
#: Null when unset (spare IPs have no owner, many have no reverse DNS).
NULLABLE = {"assigned_to", "reverse_dns"}
CENTOS = "B5F778B85C041347BCDCFC3172AB3F3C"


def dc_id(api: Api, country: str) -> str:
    return next(d["id"] for d in api.ok(api.get("/datacenters")) if d["country_code"] == country)


def spare(api: Api) -> dict:
    """The seeded spare IP in DE (no owner, reverse DNS set)."""
    return next(ip for ip in api.ok(api.get("/public_ips"))
                if ip["reverse_dns"] == "spare.example.com")


def new_ip(api: Api, **body) -> dict:
    return api.ok(api.post("/public_ips", body), 201)


def server_ips(api: Api, server_id: str) -> list[dict]:
    return api.ok(api.get(f"/servers/{server_id}"))["ips"]


# -- listing --------------------------------------------------------------------------------------
def test_list_public_ips_in_fixture_shape(api):
    items = api.ok(api.get("/public_ips"), 200)
    assert_fixture(items, "list-public-ips.json", NULLABLE)
    kinds = {(ip["assigned_to"] or {}).get("type") for ip in items}
    assert kinds == {"SERVER", "LOAD_BALANCER", None}
    assert [ip["reverse_dns"] for ip in api.ok(api.get("/public_ips", q="spare.example"))] == \
        ["spare.example.com"]


def test_every_server_ip_is_a_public_ip_assigned_to_it(api):
    public = {ip["id"]: ip for ip in api.ok(api.get("/public_ips"))}
    for srv in api.ok(api.get("/servers")):
        for ip in srv["ips"]:
            assert public[ip["id"]]["assigned_to"] == {"id": srv["id"], "name": srv["name"],
                                                       "type": "SERVER"}
            assert public[ip["id"]]["ip"] == ip["ip"]


def test_load_balancer_ip_is_assigned_to_it(api):
    lb = api.find("load_balancers", "lb-web-de")
    ip = api.find("public_ips", lb["ip"])
    assert ip["assigned_to"] == {"id": lb["id"], "name": "lb-web-de", "type": "LOAD_BALANCER"}


# -- create -------------------------------------------------------------------------------------
def test_create_is_active_at_once(api, emu):
    us = dc_id(api, "US")
    ip = new_ip(api, type="IPV4", reverse_dns="host.example.com", datacenter_id=us)
    assert (ip["type"], ip["state"], ip["assigned_to"]) == ("IPV4", "ACTIVE", None)
    assert ip["reverse_dns"] == "host.example.com" and ip["is_dhcp"] is False
    assert ip["datacenter"]["id"] == us and ip["ip"].startswith("74.208.")
    assert_fixture(ip, "create-public-ip.json", NULLABLE)
    assert api.ok(api.get(f"/public_ips/{ip['id']}")) == ip
    assert ip["id"] in {i["id"] for i in api.ok(api.get("/public_ips"))}
    entry = emu.store.logs[-1]
    assert (entry["action"], entry["type"], entry["resource"]["id"]) == ("CREATE", "IP", ip["id"])


def test_create_with_sdk_nulls_defaults_to_ipv4(api):
    ip = new_ip(api, reverse_dns=None, type=None, datacenter_id=None)
    assert ip["type"] == "IPV4" and ip["reverse_dns"] is None and ip["ip"].count(".") == 3


def test_create_ipv6(api):
    ip = new_ip(api, type="IPV6")
    assert ip["type"] == "IPV6" and ":" in ip["ip"]


def test_created_addresses_are_unique(api):
    addresses = [new_ip(api)["ip"] for _ in range(20)]
    existing = [ip["ip"] for ip in api.ok(api.get("/public_ips"))]
    assert len(set(existing)) == len(existing)
    assert set(addresses) <= set(existing)


@pytest.mark.parametrize("body,fragment", [
    ({"type": "IPV5"}, "type"),
    ({"type": 4}, "type"),
    ({"reverse_dns": "bad name"}, "reverse_dns"),
    ({"reverse_dns": "-a.example.com"}, "reverse_dns"),
    ({"reverse_dns": "a..example.com"}, "reverse_dns"),
    ({"reverse_dns": "a" * 64 + ".com"}, "reverse_dns"),
    ({"reverse_dns": ("a" * 60 + ".") * 5}, "reverse_dns"),
    ({"reverse_dns": 12}, "reverse_dns"),
    ({"datacenter_id": "XX"}, "datacenter_id"),
])
def test_create_validation(api, body, fragment):
    before = len(api.ok(api.get("/public_ips")))
    error(api.post("/public_ips", body), 400, fragment)
    assert len(api.ok(api.get("/public_ips"))) == before


# -- one IP -------------------------------------------------------------------------------------
def test_get_public_ip_in_fixture_shape(api):
    ip = spare(api)
    got = api.ok(api.get(f"/public_ips/{ip['id']}"), 200)
    assert got == ip
    assert_fixture(got, "get-public-ip.json", NULLABLE)


def test_unknown_ip_is_404(api):
    for resp in (api.get(f"/public_ips/{UNKNOWN}"),
                 api.put(f"/public_ips/{UNKNOWN}", {"reverse_dns": "a.example.com"}),
                 api.delete(f"/public_ips/{UNKNOWN}")):
        error(resp, 404, UNKNOWN)


# -- modify -------------------------------------------------------------------------------------
def test_modify_sets_then_clears_reverse_dns(api, emu):
    ip = spare(api)
    got = api.ok(api.put(f"/public_ips/{ip['id']}", {"reverse_dns": "example.es"}), 200)
    assert got["reverse_dns"] == "example.es" and got["state"] == "ACTIVE"
    assert_fixture(got, "modify-public-ip.json", NULLABLE)
    assert emu.store.logs[-1]["action"] == "UPDATE"
    assert api.ok(api.put(f"/public_ips/{ip['id']}", {"reverse_dns": None}))["reverse_dns"] is None
    api.ok(api.put(f"/public_ips/{ip['id']}", {"reverse_dns": "again.example.com."}))
    assert api.ok(api.put(f"/public_ips/{ip['id']}", {}))["reverse_dns"] is None
    assert api.ok(api.get(f"/public_ips/{ip['id']}"))["reverse_dns"] is None


def test_modify_validation_keeps_the_old_value(api):
    ip = spare(api)
    error(api.put(f"/public_ips/{ip['id']}", {"reverse_dns": "not valid!"}), 400, "reverse_dns")
    assert api.ok(api.get(f"/public_ips/{ip['id']}"))["reverse_dns"] == "spare.example.com"


def test_reverse_dns_of_a_server_ip_shows_on_the_server(api):
    web = api.find("servers", "web-01")
    ip_id = web["ips"][0]["id"]
    api.ok(api.put(f"/public_ips/{ip_id}", {"reverse_dns": "www.example.com"}))
    assert server_ips(api, web["id"])[0]["reverse_dns"] == "www.example.com"
    assert api.ok(api.get(f"/servers/{web['id']}/ips/{ip_id}"))["reverse_dns"] == \
        "www.example.com"


# -- delete -------------------------------------------------------------------------------------
def test_delete_configures_then_removes_then_404(api, emu):
    ip = spare(api)
    got = api.ok(api.delete(f"/public_ips/{ip['id']}"), 200)
    assert got["state"] == "CONFIGURING"
    assert_fixture(got, "delete-public-ip.json", NULLABLE)
    error(api.delete(f"/public_ips/{ip['id']}"), 409, "being released")
    error(api.put(f"/public_ips/{ip['id']}", {"reverse_dns": "x.example.com"}), 409,
          "being released")
    emu.advance(6)
    assert api.ok(api.get(f"/public_ips/{ip['id']}"))["state"] == "REMOVING"
    error(api.delete(f"/public_ips/{ip['id']}"), 409, "REMOVING")
    emu.settle()
    error(api.get(f"/public_ips/{ip['id']}"), 404, ip["id"])
    assert ip["id"] not in {i["id"] for i in api.ok(api.get("/public_ips"))}
    assert ip["ip"] not in emu.store._used_addresses
    assert [e["action"] for e in emu.store.logs if e["resource"]["id"] == ip["id"]][-1] == \
        "DELETE"


def test_delete_refuses_an_ip_assigned_to_a_server(api):
    web = api.find("servers", "web-01")
    error(api.delete(f"/public_ips/{web['ips'][0]['id']}"), 409, "server 'web-01'")
    assert server_ips(api, web["id"])[0]["id"] == web["ips"][0]["id"]


def test_delete_refuses_an_ip_of_a_load_balancer(api):
    lb = api.find("load_balancers", "lb-web-de")
    ip = api.find("public_ips", lb["ip"])
    error(api.delete(f"/public_ips/{ip['id']}"), 409, "load balancer 'lb-web-de'")


# -- relationships with servers ------------------------------------------------------------------
def test_spare_ip_given_to_a_new_server_is_assigned_both_ways(api, emu):
    ip = new_ip(api, datacenter_id=dc_id(api, "DE"))
    srv = api.ok(api.post("/servers", {
        "name": "with-ip", "appliance_id": CENTOS, "ip_id": ip["id"],
        "datacenter_id": dc_id(api, "DE"),
        "hardware": {"vcore": 1, "cores_per_processor": 1, "ram": 1,
                     "hdds": [{"size": 40, "is_main": True}]}}))
    assert [i["id"] for i in srv["ips"]] == [ip["id"]]
    assert api.ok(api.get(f"/public_ips/{ip['id']}"))["assigned_to"] == {
        "id": srv["id"], "name": "with-ip", "type": "SERVER"}
    error(api.delete(f"/public_ips/{ip['id']}"), 409, "with-ip")
    emu.settle()
    # The server lets it go but keeps it: it becomes spare and can be released.
    api.ok(api.delete(f"/servers/{srv['id']}/ips/{ip['id']}", keep_ip="true"))
    assert api.ok(api.get(f"/public_ips/{ip['id']}"))["assigned_to"] is None
    assert server_ips(api, srv["id"]) == []
    assert api.delete(f"/public_ips/{ip['id']}").status == 200


def test_ip_added_to_a_server_is_listed_as_public_ip(api):
    web = api.find("servers", "web-02")
    srv = api.ok(api.post(f"/servers/{web['id']}/ips", {"type": "IPV4"}))
    new = srv["ips"][-1]
    got = api.ok(api.get(f"/public_ips/{new['id']}"))
    assert got["ip"] == new["ip"] and got["assigned_to"]["id"] == web["id"]


def test_server_deleted_with_keep_ips_leaves_spare_ips(api, emu):
    off = api.find("servers", "worker-us-02")
    ip_id = off["ips"][0]["id"]
    api.ok(api.delete(f"/servers/{off['id']}", keep_ips="true"))
    emu.settle()
    got = api.ok(api.get(f"/public_ips/{ip_id}"))
    assert got["assigned_to"] is None
    assert api.delete(f"/public_ips/{ip_id}").status == 200
