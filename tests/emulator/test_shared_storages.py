"""Shared storages: the collection, one storage, attached servers, the access credentials, their
transitions (CONFIGURING -> ACTIVE, REMOVING -> gone), relationships and fixture shapes."""

from __future__ import annotations

import pytest

from tests.emulator.fixture_shapes import assert_fixture
from tests.helpers import Api, error

UNKNOWN = "0" * 32
#: Null when unset (``delete-storage.json`` has a null description).
NULLABLE = {"description"}


def sid(api: Api, name: str) -> str:
    return api.find("servers", name)["id"]


def storage(api: Api, name: str = "shared-assets") -> dict:
    return api.find("shared_storages", name)


def dc_id(api: Api, country: str) -> str:
    return next(d["id"] for d in api.ok(api.get("/datacenters")) if d["country_code"] == country)


def new_storage(api: Api, emu, **overrides) -> dict:
    body = {"name": "vol", "size": 100, "datacenter_id": dc_id(api, "DE")}
    body.update(overrides)
    rec = api.ok(api.post("/shared_storages", body), 202)
    emu.settle()
    return api.ok(api.get(f"/shared_storages/{rec['id']}"))


def actions(emu, resource_id: str) -> list[str]:
    return [e["action"] for e in emu.store.logs if e["resource"]["id"] == resource_id]


# -- the collection -------------------------------------------------------------------------------
def test_list_storages_in_fixture_shape(api):
    items = api.ok(api.get("/shared_storages"), 200)
    assert {"shared-assets", "backups-gb"} <= {s["name"] for s in items}
    assert_fixture(items, "list-storages.json", NULLABLE)
    assert [s["name"] for s in api.ok(api.get("/shared_storages", q="backups"))] == ["backups-gb"]


def test_create_configures_then_becomes_active(api, emu):
    de = dc_id(api, "DE")
    rec = api.ok(api.post("/shared_storages", {"name": "media", "description": "d", "size": 150,
                                               "datacenter_id": de}), 202)
    assert (rec["name"], rec["description"], rec["size"]) == ("media", "d", 150)
    assert rec["state"] == "CONFIGURING" and rec["servers"] == []
    assert rec["size_used"] == "0.00" and rec["datacenter"]["id"] == de
    assert rec["nfs_path"].endswith(":media") and rec["cifs_path"].endswith("\\media")
    assert_fixture(rec, "create-storage.json", NULLABLE)
    emu.advance(30)
    assert api.ok(api.get(f"/shared_storages/{rec['id']}"))["state"] == "CONFIGURING"
    emu.advance(11)
    assert api.ok(api.get(f"/shared_storages/{rec['id']}"))["state"] == "ACTIVE"
    assert actions(emu, rec["id"]) == ["CREATE"]
    assert emu.store.logs[-1]["type"] == "SHAREDSTORAGE"


def test_create_accepts_sdk_nulls_and_defaults_the_datacenter(api):
    rec = api.ok(api.post("/shared_storages", {"name": "ss", "description": None, "size": 50,
                                               "datacenter_id": None}), 202)
    assert rec["description"] is None and rec["datacenter"]["id"] in {
        d["id"] for d in api.ok(api.get("/datacenters"))}


@pytest.mark.parametrize("body,fragment", [
    ({"size": 50}, "name"),
    ({"name": " ", "size": 50}, "name"),
    ({"name": "x" * 129, "size": 50}, "name"),
    ({"name": "a"}, "size"),
    ({"name": "a", "size": 0}, "size"),
    ({"name": "a", "size": 25}, "size"),
    ({"name": "a", "size": 75}, "multiple of 50"),
    ({"name": "a", "size": 2025}, "size"),
    ({"name": "a", "size": "100"}, "size"),
    ({"name": "a", "size": 50, "description": 1}, "description"),
    ({"name": "a", "size": 50, "datacenter_id": "XX"}, "datacenter_id"),
])
def test_create_validation(api, body, fragment):
    before = len(api.ok(api.get("/shared_storages")))
    error(api.post("/shared_storages", body), 400, fragment)
    assert len(api.ok(api.get("/shared_storages"))) == before


def test_create_accepts_the_bounds(api):
    assert api.post("/shared_storages", {"name": "min", "size": 50}).status == 202
    assert api.post("/shared_storages", {"name": "max", "size": 2000}).status == 202
    # No source gives an upper bound: a big storage is the API's business, not a 400.
    assert api.post("/shared_storages", {"name": "big", "size": 5000}).status == 202


# -- one storage ----------------------------------------------------------------------------------
def test_get_storage_in_fixture_shape(api):
    rec = storage(api)
    got = api.ok(api.get(f"/shared_storages/{rec['id']}"), 200)
    assert got == rec
    assert {(s["name"], s["rights"]) for s in got["servers"]} == {("web-01", "RW"),
                                                                  ("web-02", "R")}
    assert_fixture(got, "get-storage.json", NULLABLE)


def test_unknown_storage_is_404(api):
    base = f"/shared_storages/{UNKNOWN}"
    web = sid(api, "web-01")
    for resp in (api.get(base), api.put(base, {"name": "x"}), api.delete(base),
                 api.get(f"{base}/servers"),
                 api.post(f"{base}/servers", {"servers": [{"id": web, "rights": "R"}]}),
                 api.get(f"{base}/servers/{web}"), api.delete(f"{base}/servers/{web}")):
        error(resp, 404, UNKNOWN)


def test_modify_renames_resizes_and_reconfigures(api, emu):
    rec = storage(api)
    got = api.ok(api.put(f"/shared_storages/{rec['id']}", {"name": "assets2", "description": "n",
                                                          "size": 300}), 202)
    assert (got["name"], got["description"], got["size"]) == ("assets2", "n", 300)
    assert got["state"] == "CONFIGURING"
    assert got["nfs_path"].endswith(":assets2") and got["cifs_path"].endswith("\\assets2")
    assert len(got["servers"]) == 2
    assert_fixture(got, "modify-storage.json", NULLABLE)
    emu.settle()
    assert api.ok(api.get(f"/shared_storages/{rec['id']}"))["state"] == "ACTIVE"
    assert actions(emu, rec["id"])[-1] == "UPDATE"


def test_modify_with_sdk_nulls_keeps_other_fields(api):
    rec = storage(api)
    got = api.ok(api.put(f"/shared_storages/{rec['id']}", {"name": None, "description": "only",
                                                          "size": None}))
    assert (got["name"], got["size"], got["description"]) == (rec["name"], rec["size"], "only")


@pytest.mark.parametrize("body,fragment", [
    ({"size": 150}, "never shrink"),
    ({"size": 225}, "multiple of 50"),
    ({"size": 2025}, "size"),
    ({"name": ""}, "name"),
    ({"name": 7}, "name"),
    ({}, "size"),
    ({"name": None, "description": None, "size": None}, "name"),
])
def test_modify_validation(api, body, fragment):
    rec = storage(api)
    error(api.put(f"/shared_storages/{rec['id']}", body), 400, fragment)
    assert api.ok(api.get(f"/shared_storages/{rec['id']}")) == rec


def test_resize_waits_for_creation_but_renaming_does_not_cut_it_short(api, emu):
    rec = api.ok(api.post("/shared_storages", {"name": "young", "size": 50}))
    error(api.put(f"/shared_storages/{rec['id']}", {"size": 100}), 409, "CONFIGURING")
    assert api.ok(api.put(f"/shared_storages/{rec['id']}", {"name": "older"}))["name"] == "older"
    emu.advance(20)  # a plain reconfiguration (15 s) would be over by now; creation (40 s) is not
    assert api.ok(api.get(f"/shared_storages/{rec['id']}"))["state"] == "CONFIGURING"
    emu.advance(21)
    assert api.ok(api.put(f"/shared_storages/{rec['id']}", {"size": 100}))["size"] == 100


def test_delete_with_servers_goes_removing_then_404(api, emu):
    rec = storage(api)
    got = api.ok(api.delete(f"/shared_storages/{rec['id']}"), 202)
    assert got["state"] == "REMOVING" and len(got["servers"]) == 2
    assert_fixture(got, "delete-storage.json", NULLABLE)
    path = f"/shared_storages/{rec['id']}"
    error(api.put(path, {"name": "x"}), 409, "being removed")
    error(api.delete(path), 409, "being removed")
    error(api.post(f"{path}/servers", {"servers": [{"id": sid(api, "api-gateway"),
                                                    "rights": "R"}]}), 409, "being removed")
    emu.settle()
    error(api.get(path), 404, rec["id"])
    assert rec["id"] not in {s["id"] for s in api.ok(api.get("/shared_storages"))}
    assert actions(emu, rec["id"])[-1] == "DELETE"


# -- attached servers -----------------------------------------------------------------------------
def test_list_servers_in_fixture_shape(api):
    rec = storage(api)
    items = api.ok(api.get(f"/shared_storages/{rec['id']}/servers"), 200)
    assert items == rec["servers"]
    assert_fixture(items, "storage-servers.json")


def test_attach_servers_shows_on_both_reads(api, emu):
    rec = storage(api)
    gw, db = sid(api, "api-gateway"), sid(api, "db-primary")
    got = api.ok(api.post(f"/shared_storages/{rec['id']}/servers",
                          {"servers": [{"id": gw, "rights": "RW"}, {"id": db, "rights": "R"}]}),
                 202)
    assert got["state"] == "CONFIGURING"
    assert {(s["id"], s["rights"]) for s in got["servers"]} >= {(gw, "RW"), (db, "R")}
    assert_fixture(got, "attach-server-storage.json", NULLABLE)
    listed = api.ok(api.get(f"/shared_storages/{rec['id']}/servers"))
    assert {"api-gateway", "db-primary", "web-01", "web-02"} == {s["name"] for s in listed}
    one = api.ok(api.get(f"/shared_storages/{rec['id']}/servers/{gw}"), 200)
    assert one == {"id": gw, "name": "api-gateway", "rights": "RW"}
    assert_fixture(one, "get-server-storage.json")
    emu.settle()
    assert api.ok(api.get(f"/shared_storages/{rec['id']}"))["state"] == "ACTIVE"
    assert actions(emu, rec["id"])[-2:] == ["ATTACH_SERVER", "ATTACH_SERVER"]


@pytest.mark.parametrize("servers,status,fragment", [
    (None, 400, "servers"),
    ([], 400, "servers"),
    ("x", 400, "servers"),
    (["id"], 400, "servers[0]"),
    ([{"rights": "R"}], 400, "servers[0].id"),
    ([{"id": "{gw}"}], 400, "servers[0].rights"),
    ([{"id": "{gw}", "rights": "W"}], 400, "servers[0].rights"),
    ([{"id": UNKNOWN, "rights": "R"}], 400, "servers[0].id"),
    ([{"id": "{gw}", "rights": "R"}, {"id": "{gw}", "rights": "RW"}], 400, "twice"),
    ([{"id": "{gw}", "rights": "R"}, {"id": "{replica}", "rights": "R"}], 400,
     "another datacenter"),
    ([{"id": "{gw}", "rights": "R"}, {"id": "{web}", "rights": "R"}], 409, "already attached"),
])
def test_attach_validation_changes_nothing(api, servers, status, fragment):
    rec = storage(api)
    names = {"gw": sid(api, "api-gateway"), "replica": sid(api, "db-replica"),
             "web": sid(api, "web-01")}

    def fill(value):
        if isinstance(value, list):
            return [fill(v) for v in value]
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        if isinstance(value, str) and value.startswith("{"):
            return names[value[1:-1]]
        return value

    error(api.post(f"/shared_storages/{rec['id']}/servers", {"servers": fill(servers)}), status,
          fragment)
    assert api.ok(api.get(f"/shared_storages/{rec['id']}")) == rec


def test_attach_refuses_a_busy_server(api, emu):
    us = new_storage(api, emu, datacenter_id=dc_id(api, "US"))
    runner = api.ok(api.post("/servers", {
        "name": "late", "datacenter_id": dc_id(api, "US"),
        "appliance_id": "B5F778B85C041347BCDCFC3172AB3F3C",
        "hardware": {"vcore": 1, "cores_per_processor": 1, "ram": 1,
                     "hdds": [{"size": 40, "is_main": True}]}}))
    body = {"servers": [{"id": runner["id"], "rights": "RW"}]}
    error(api.post(f"/shared_storages/{us['id']}/servers", body), 409, "DEPLOYING")
    emu.settle()
    assert api.post(f"/shared_storages/{us['id']}/servers", body).status == 202


def test_get_server_not_attached_is_404(api):
    rec = storage(api)
    error(api.get(f"/shared_storages/{rec['id']}/servers/{sid(api, 'db-primary')}"), 404)
    error(api.get(f"/shared_storages/{rec['id']}/servers/{UNKNOWN}"), 404, UNKNOWN)


def test_detach_server(api, emu):
    rec = storage(api)
    web2 = sid(api, "web-02")
    got = api.ok(api.delete(f"/shared_storages/{rec['id']}/servers/{web2}"), 202)
    assert [s["name"] for s in got["servers"]] == ["web-01"]
    assert got["state"] == "CONFIGURING"
    assert_fixture(got, "detach-server-storage.json", NULLABLE)
    error(api.get(f"/shared_storages/{rec['id']}/servers/{web2}"), 404)
    error(api.delete(f"/shared_storages/{rec['id']}/servers/{web2}"), 404)
    error(api.delete(f"/shared_storages/{rec['id']}/servers/{UNKNOWN}"), 404, UNKNOWN)
    assert actions(emu, rec["id"])[-1] == "DETACH_SERVER"
    emu.settle()
    assert api.ok(api.get(f"/shared_storages/{rec['id']}"))["state"] == "ACTIVE"


def test_deleting_a_server_detaches_it(api, emu):
    rec = storage(api)
    web2 = sid(api, "web-02")
    api.ok(api.delete(f"/servers/{web2}"))
    emu.settle()
    assert [s["name"] for s in api.ok(api.get(f"/shared_storages/{rec['id']}/servers"))] == \
        ["web-01"]
    assert [s["id"] for s in emu.store.shared_storages[rec["id"]]["servers"]] == \
        [sid(api, "web-01")]


# -- access credentials ---------------------------------------------------------------------------
def test_get_access_is_a_list_as_go_java_dotnet_decode_it(api):
    """Go ``GetSharedStorageCredentials`` returns ``[]SharedStorageAccess`` (its live test reads
    ``[0]``); Java and .NET decode a list too. The one item has the fixture's keys."""
    got = api.ok(api.get("/shared_storages/access"), 200)
    assert isinstance(got, list) and len(got) == 1
    acc = got[0]
    assert acc["state"] == "ACTIVE"
    assert set(acc) == {"state", "kerberos_content_file", "user_domain", "site_id",
                        "needs_password_reset"}
    assert_fixture(acc, "list-credentials.json")


def test_change_password_configures_briefly(api, emu):
    # Go UpdateSharedStorageCredentials: {"password": ...}, 202, a list back.
    got = api.ok(api.put("/shared_storages/access", {"password": "NewPass123"}), 202)
    assert isinstance(got, list) and len(got) == 1
    acc = got[0]
    assert acc["state"] == "CONFIGURING" and acc["needs_password_reset"] is False
    assert_fixture(acc, "change-password.json")
    assert api.ok(api.get("/shared_storages/access"))[0]["state"] == "CONFIGURING"
    assert emu.store.storage_access["password"] == "NewPass123"
    assert emu.store.logs[-1]["action"] == "CHANGE_PASSWORD"
    assert emu.store.logs[-1]["type"] == "SHAREDSTORAGE"
    emu.settle()
    assert api.ok(api.get("/shared_storages/access"))[0]["state"] == "ACTIVE"


@pytest.mark.parametrize("body,fragment", [
    ({}, "password"),
    ({"password": None}, "password"),
    ({"password": "short7!"}, "at least 8"),
    ({"password": 12345678}, "password"),
    ({"password": "x" * 65}, "at most 64"),
])
def test_change_password_validation(api, emu, body, fragment):
    error(api.put("/shared_storages/access", body), 400, fragment)
    assert api.ok(api.get("/shared_storages/access"))[0]["state"] == "ACTIVE"
    assert emu.store.storage_access.get("password") is None
