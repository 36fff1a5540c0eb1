"""Block storages: create/modify/delete, attach/detach, consistency with server deletion."""

from __future__ import annotations

import pytest

from tests.emulator.fixture_shapes import assert_fixture
from tests.helpers import Api, error

NULLABLE = frozenset({"server", "description"})


def datacenter(api: Api, country: str) -> dict:
    return next(d for d in api.ok(api.get("/datacenters")) if d["country_code"] == country)


def new_storage(api: Api, **overrides):
    body = {"name": "bs", "description": "d", "size": 20, "server": None,
            "datacenter_id": datacenter(api, "US")["id"], "execution_group": None}
    body.update(overrides)
    return api.post("/block_storages", body)


def ready_storage(api: Api, emu, **overrides):
    bs = api.ok(new_storage(api, **overrides), 201)
    emu.settle()
    return api.ok(api.get(f"/block_storages/{bs['id']}"))


def logged(emu, action: str, rid: str) -> bool:
    return any(e["action"] == action and e["resource"]["id"] == rid
               and e["type"] == "BLOCKSTORAGE" for e in emu.store.logs)


# -- collection and one block storage -------------------------------------------------------------
def test_list_block_storages_matches_fixture(api):
    items = api.ok(api.get("/block_storages"), 200)
    assert {"pg-wal", "scratch-us"} <= {b["name"] for b in items}
    assert_fixture(items, "list-block-storages.json", NULLABLE)
    pg = next(b for b in items if b["name"] == "pg-wal")
    assert pg["server"]["name"] == "db-primary" and pg["state"] == "POWERED_ON"


def test_get_block_storage_matches_fixture(api):
    pg = api.find("block_storages", "pg-wal")
    got = api.ok(api.get(f"/block_storages/{pg['id']}"), 200)
    assert_fixture(got, "get-block-storage.json", NULLABLE)
    assert got == pg and got["disk_id"] and got["uuid"].count("-") == 4


def test_create_configuring_then_powered_on(api, emu):
    resp = new_storage(api)
    bs = api.ok(resp, 201)
    assert resp.status == 201
    assert_fixture(bs, "create-block-storage.json", NULLABLE)
    assert bs["state"] == "CONFIGURING" and bs["server"] is None
    assert bs["size"] == 20 and bs["name"] == "bs" and bs["datacenter"]["country_code"] == "US"
    emu.settle()
    assert api.ok(api.get(f"/block_storages/{bs['id']}"))["state"] == "POWERED_ON"
    assert logged(emu, "CREATE", bs["id"])


def test_create_attached_at_once_in_servers_datacenter(api, emu):
    worker = api.find("servers", "worker-us-01")
    bs = api.ok(new_storage(api, datacenter_id=None, server=worker["id"]))
    assert bs["server"] == {"id": worker["id"], "name": "worker-us-01"}
    assert bs["datacenter"]["country_code"] == "US"
    emu.settle()
    assert api.ok(api.get(f"/block_storages/{bs['id']}/server")) == bs["server"]


def test_create_accepts_dotnet_server_id(api):
    worker = api.find("servers", "worker-us-01")
    bs = api.ok(new_storage(api, server_id=worker["id"]))
    assert bs["server"]["id"] == worker["id"]


@pytest.mark.parametrize("body,fragments", [
    ({"name": None}, ("'name'", "required")),
    ({"size": None}, ("'size'", "required")),
    ({"size": 10}, ("'size'", "between 20 and 500")),
    ({"size": 510}, ("'size'", "between 20 and 500")),
    ({"size": 25}, ("'size'", "multiple of 10")),
    ({"size": "20"}, ("'size'", "integer")),
    ({"datacenter_id": "NOPE"}, ("'datacenter_id'",)),
    ({"server": "NOPE"}, ("'server'", "NOPE")),
    ({"server_id": "NOPE"}, ("'server_id'", "NOPE")),
    ({"execution_group": 4}, ("'execution_group'", "string")),
])
def test_create_validation(api, body, fragments):
    error(new_storage(api, **body), 400, *fragments)


def test_create_server_in_other_datacenter_400(api):
    web = api.find("servers", "web-01")  # DE
    error(new_storage(api, server=web["id"]), 400, "web-01", "datacenter")


def test_create_server_and_server_id_disagree_400(api):
    w1, w2 = api.find("servers", "worker-us-01"), api.find("servers", "worker-us-02")
    error(new_storage(api, server=w1["id"], server_id=w2["id"]), 400, "'server_id'")


def test_unknown_block_storage_404(api):
    for method, path in (("GET", "/block_storages/NOPE"), ("PUT", "/block_storages/NOPE"),
                         ("DELETE", "/block_storages/NOPE"),
                         ("GET", "/block_storages/NOPE/server"),
                         ("POST", "/block_storages/NOPE/server"),
                         ("DELETE", "/block_storages/NOPE/server")):
        error(api.call(method, path, {"name": "x", "server": "y"}), 404, "NOPE")


# -- modify ---------------------------------------------------------------------------------------
def test_modify_name_description_and_grow(api, emu):
    bs = ready_storage(api, emu)
    resp = api.put(f"/block_storages/{bs['id']}", {"name": "n", "description": "dd",
                                                    "size": 40})
    got = api.ok(resp, 200)
    assert_fixture(got, "modify-block-storage.json", NULLABLE)
    assert got["state"] == "CONFIGURING"
    assert (got["name"], got["description"], got["size"]) == ("n", "dd", 40)
    error(api.put(f"/block_storages/{bs['id']}", {"name": "m"}), 409, "busy")
    emu.settle()
    assert api.ok(api.get(f"/block_storages/{bs['id']}"))["state"] == "POWERED_ON"
    assert logged(emu, "UPDATE", bs["id"])


@pytest.mark.parametrize("body,fragments", [
    ({}, ("at least one",)),
    ({"size": 20}, ("'size'", "shrink")),
    ({"size": 35}, ("'size'", "multiple of 10")),
    ({"size": 600}, ("'size'", "between")),
    ({"name": ""}, ("'name'", "empty")),
])
def test_modify_validation(api, emu, body, fragments):
    bs = ready_storage(api, emu, size=30)
    error(api.put(f"/block_storages/{bs['id']}", body), 400, *fragments)
    assert api.ok(api.get(f"/block_storages/{bs['id']}"))["size"] == 30


def test_modify_same_size_is_fine(api, emu):
    bs = ready_storage(api, emu, size=30)
    assert api.ok(api.put(f"/block_storages/{bs['id']}", {"size": 30}))["size"] == 30


# -- delete ---------------------------------------------------------------------------------------
def test_delete_removing_then_gone(api, emu):
    bs = ready_storage(api, emu)
    resp = api.delete(f"/block_storages/{bs['id']}")
    got = api.ok(resp, 200)
    assert resp.status == 200 and got["state"] == "REMOVING"
    assert_fixture(got, "delete-block-storage.json", NULLABLE)
    error(api.delete(f"/block_storages/{bs['id']}"), 409)
    emu.settle()
    error(api.get(f"/block_storages/{bs['id']}"), 404)
    assert logged(emu, "DELETE", bs["id"])


def test_delete_attached_409(api):
    pg = api.find("block_storages", "pg-wal")
    error(api.delete(f"/block_storages/{pg['id']}"), 409, "db-primary", "detach")
    assert api.ok(api.get(f"/block_storages/{pg['id']}"))["state"] == "POWERED_ON"


def test_busy_while_creating(api):
    bs = api.ok(new_storage(api))
    error(api.delete(f"/block_storages/{bs['id']}"), 409, "busy")


# -- the attached server --------------------------------------------------------------------------
def test_get_server(api):
    pg = api.find("block_storages", "pg-wal")
    got = api.ok(api.get(f"/block_storages/{pg['id']}/server"), 200)
    assert got == {"id": pg["server"]["id"], "name": "db-primary"}
    scratch = api.find("block_storages", "scratch-us")
    error(api.get(f"/block_storages/{scratch['id']}/server"), 404, "not attached")


def test_attach_and_detach(api, emu):
    scratch = api.find("block_storages", "scratch-us")
    worker = api.find("servers", "worker-us-01")
    resp = api.post(f"/block_storages/{scratch['id']}/server", {"server": worker["id"]})
    got = api.ok(resp, 201)
    assert resp.status == 201
    assert_fixture(got, "attach-block-storage.json", NULLABLE)
    assert got["server"] == {"id": worker["id"], "name": "worker-us-01"}
    assert got["state"] == "CONFIGURING"
    emu.settle()
    assert api.ok(api.get(f"/block_storages/{scratch['id']}"))["state"] == "POWERED_ON"
    other = api.find("servers", "worker-us-02")
    error(api.post(f"/block_storages/{scratch['id']}/server", {"server": other["id"]}), 409,
          "already attached", "worker-us-01")
    error(api.delete(f"/block_storages/{scratch['id']}/server", {"server": other["id"]}), 400,
          "'server'")
    resp = api.delete(f"/block_storages/{scratch['id']}/server")
    got = api.ok(resp, 200)
    assert_fixture(got, "detach-block-storage.json", NULLABLE)
    assert got["server"] is None and got["state"] == "CONFIGURING"
    emu.settle()
    error(api.get(f"/block_storages/{scratch['id']}/server"), 404)
    error(api.delete(f"/block_storages/{scratch['id']}/server"), 409, "not attached")
    assert logged(emu, "ATTACH_SERVER", scratch["id"])
    assert logged(emu, "DETACH_SERVER", scratch["id"])


def test_detach_with_go_body(api, emu):
    pg = api.find("block_storages", "pg-wal")
    got = api.ok(api.delete(f"/block_storages/{pg['id']}/server",
                            {"server": pg["server"]["id"]}), 200)
    assert got["server"] is None


@pytest.mark.parametrize("server,status,fragments", [
    (None, 400, ("'server'", "required")),
    ("NOPE", 400, ("'server'", "NOPE")),
    (7, 400, ("'server'", "server id")),
])
def test_attach_validation(api, server, status, fragments):
    scratch = api.find("block_storages", "scratch-us")
    error(api.post(f"/block_storages/{scratch['id']}/server", {"server": server}), status,
          *fragments)


def test_attach_other_datacenter_400(api):
    scratch = api.find("block_storages", "scratch-us")
    web = api.find("servers", "web-01")
    error(api.post(f"/block_storages/{scratch['id']}/server", {"server": web["id"]}), 400,
          "datacenter")


def test_attach_to_server_being_removed_409(api):
    scratch = api.find("block_storages", "scratch-us")
    worker = api.find("servers", "worker-us-02")
    api.ok(api.delete(f"/servers/{worker['id']}"))
    error(api.post(f"/block_storages/{scratch['id']}/server", {"server": worker["id"]}), 409,
          "removed")


def test_deleting_the_server_detaches_the_block_storage(api, emu):
    pg = api.find("block_storages", "pg-wal")
    db = pg["server"]
    api.ok(api.delete(f"/servers/{db['id']}"), 202)
    # still attached while the server is being removed
    assert api.ok(api.get(f"/block_storages/{pg['id']}"))["server"] == db
    emu.settle()
    error(api.get(f"/servers/{db['id']}"), 404)
    assert api.ok(api.get(f"/block_storages/{pg['id']}"))["server"] is None
    error(api.get(f"/block_storages/{pg['id']}/server"), 404)
    assert api.ok(api.delete(f"/block_storages/{pg['id']}"))["state"] == "REMOVING"
