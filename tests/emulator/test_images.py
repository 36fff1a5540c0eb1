"""Images: listing, the importable-OS catalogue, create (from a server or a URL), modify, delete,
their DEPLOYING -> ENABLED and REMOVING -> gone transitions, and the shapes of the fixtures."""

from __future__ import annotations

import pytest

from tests.emulator.fixture_shapes import assert_fixture
from tests.helpers import Api, error

UNKNOWN = "0" * 32
#: Null when unset (``get-image.json`` has a null description).
NULLABLE = {"description"}


def server_named(api: Api, name: str) -> dict:
    return api.find("servers", name)


def image_body(api: Api, **overrides) -> dict:
    body = {"server_id": server_named(api, "web-01")["id"], "name": "img", "frequency": "ONCE",
            "num_images": 1}
    body.update(overrides)
    return body


def ready_image(api: Api, emu, **overrides) -> dict:
    img = api.ok(api.post("/images", image_body(api, **overrides)), 202)
    emu.settle()
    return api.ok(api.get(f"/images/{img['id']}"))


def logs_for(emu, resource_id: str) -> list[dict]:
    return [e for e in emu.store.logs if e["resource"]["id"] == resource_id]


# -- listing --------------------------------------------------------------------------------------
def test_list_images_shows_the_seeded_images_in_fixture_shape(api):
    images = api.ok(api.get("/images"), 200)
    assert {"web-golden", "db-base-2026-10"} <= {i["name"] for i in images}
    assert all(i["type"] == "MY_IMAGE" for i in images)
    assert_fixture(images, "list-images.json", NULLABLE)


def test_list_images_honours_listing_parameters(api):
    found = api.ok(api.get("/images", q="golden"))
    assert [i["name"] for i in found] == ["web-golden"]
    only = api.ok(api.get("/images", fields="id,name"))
    assert all(set(i) == {"id", "name"} for i in only)


def test_image_os_catalogue_is_a_literal_path_not_an_image_id(api):
    items = api.ok(api.get("/images/os"), 200)
    assert len(items) >= 2
    for item in items:
        assert set(item) == {"id", "architecture", "os", "os_family", "os_version"}
        assert isinstance(item["architecture"], int) and isinstance(item["id"], str)
    desc = api.ok(api.get("/images/os", sort="-os_version"))
    assert [i["os_version"] for i in desc] == sorted((i["os_version"] for i in items),
                                                     reverse=True)


# -- create -------------------------------------------------------------------------------------
def test_create_from_server_deploys_then_becomes_active(api, emu):
    web = server_named(api, "web-01")
    full = api.ok(api.get(f"/servers/{web['id']}"))
    img = api.ok(api.post("/images", image_body(api, name="nightly", frequency="DAILY",
                                                num_images=7, description="d")), 202)
    assert img["state"] == "DEPLOYING"
    assert (img["name"], img["description"], img["frequency"], img["num_images"]) == \
        ("nightly", "d", "DAILY", 7)
    assert img["server_id"] == web["id"] and img["type"] == "MY_IMAGE"
    assert img["os_image_type"] == "Personal" and img["os"] == "Ubuntu"
    assert [h["size"] for h in img["hdds"]] == [h["size"] for h in full["hardware"]["hdds"]]
    assert {h["id"] for h in img["hdds"]}.isdisjoint(h["id"] for h in full["hardware"]["hdds"])
    assert img["min_hdd_size"] >= full["hardware"]["hdds"][0]["size"]
    assert img["datacenter"] == full["datacenter"]
    assert_fixture(img, "create-image.json", NULLABLE)
    emu.advance(60)
    assert api.ok(api.get(f"/images/{img['id']}"))["state"] == "DEPLOYING"
    emu.advance(61)
    # ENABLED: what Go, Terraform and Packer wait for (ACTIVE would leave them waiting).
    assert api.ok(api.get(f"/images/{img['id']}"))["state"] == "ENABLED"
    assert img["id"] in {i["id"] for i in api.ok(api.get("/images"))}
    entry = logs_for(emu, img["id"])[-1]
    assert (entry["action"], entry["type"]) == ("CREATE", "IMAGE")


def test_new_image_can_create_a_server_only_once_active(api, emu):
    img = api.ok(api.post("/images", image_body(api, name="golden")))
    body = {"name": "from-image", "appliance_id": img["id"],
            "hardware": {"vcore": 2, "cores_per_processor": 1, "ram": 4,
                         "hdds": [{"size": img["min_hdd_size"], "is_main": True}]},
            "datacenter_id": img["datacenter"]["id"]}
    error(api.post("/servers", body), 400, "appliance_id")
    emu.settle()
    srv = api.ok(api.post("/servers", body), 202)
    assert srv["image"] == {"id": img["id"], "name": "golden"}


def test_create_accepts_the_sdk_body_with_nulls(api):
    body = image_body(api, description=None, source="server", url=None, os_id=None, type=None)
    img = api.ok(api.post("/images", body), 202)
    assert img["description"] is None and img["source"] == "server"


def test_create_from_url_needs_no_server(api, emu):
    os_ = api.ok(api.get("/images/os"))[-1]
    img = api.ok(api.post("/images", {"name": "imported", "frequency": "ONCE", "num_images": 1,
                                      "source": "image", "url": "https://example.com/a.qcow2",
                                      "os_id": os_["id"]}), 202)
    assert img["server_id"] is None and img["hdds"] == []
    assert (img["source"], img["url"], img["os_id"]) == ("image", "https://example.com/a.qcow2",
                                                        os_["id"])
    assert (img["os"], img["os_family"], img["os_version"]) == (os_["os"], os_["os_family"],
                                                                os_["os_version"])
    emu.settle()
    assert api.ok(api.get(f"/images/{img['id']}"))["state"] == "ENABLED"


def test_create_from_iso_with_type_and_datacenter(api):
    dcs = {d["country_code"]: d["id"] for d in api.ok(api.get("/datacenters"))}
    img = api.ok(api.post("/images", {"name": "iso", "frequency": "ONCE", "num_images": 1,
                                      "source": "iso", "url": "ftp://mirror.example.com/x.iso",
                                      "type": "app", "datacenter_id": dcs["ES"]}), 202)
    assert img["datacenter"]["id"] == dcs["ES"] and img["source"] == "iso"


@pytest.mark.parametrize("overrides,fragment", [
    ({"server_id": None}, "server_id"),
    ({"server_id": UNKNOWN}, "server_id"),
    ({"server_id": 5}, "server_id"),
    ({"name": None}, "name"),
    ({"name": "  "}, "name"),
    ({"name": "x" * 129}, "name"),
    ({"frequency": None}, "frequency"),
    ({"frequency": "HOURLY"}, "frequency"),
    ({"num_images": None}, "num_images"),
    ({"num_images": 0}, "num_images"),
    ({"num_images": 51}, "num_images"),
    ({"num_images": "5"}, "num_images"),
    ({"num_images": 2.5}, "num_images"),
    ({"description": 3}, "description"),
    ({"source": "snapshot"}, "source"),
    ({"source": "image"}, "url"),
    ({"source": "iso", "type": "os"}, "url"),
    ({"source": "image", "url": "file:///etc/passwd"}, "url"),
    ({"source": "image", "url": "not a url"}, "url"),
    ({"source": "iso", "url": "https://example.com/x.iso"}, "type"),
    ({"source": "iso", "url": "https://example.com/x.iso", "type": "driver"}, "type"),
    ({"os_id": UNKNOWN}, "os_id"),
    ({"datacenter_id": "nowhere"}, "datacenter_id"),
])
def test_create_validation(api, overrides, fragment):
    before = len(api.ok(api.get("/images")))
    error(api.post("/images", image_body(api, **overrides)), 400, fragment)
    assert len(api.ok(api.get("/images"))) == before


def test_create_refuses_a_busy_server(api, emu):
    deploying = server_named(api, "ci-runner")
    assert deploying["status"]["state"] == "DEPLOYING"
    error(api.post("/images", image_body(api, server_id=deploying["id"])), 409, "ci-runner",
          "DEPLOYING")
    emu.settle()
    assert api.post("/images", image_body(api, server_id=deploying["id"])).status == 202


def test_create_accepts_a_powered_off_server(api):
    off = server_named(api, "worker-us-02")
    img = api.ok(api.post("/images", image_body(api, server_id=off["id"])), 202)
    assert img["datacenter"]["country_code"] == "US"


# -- one image ----------------------------------------------------------------------------------
def test_get_image_in_fixture_shape(api):
    img = api.find("images", "web-golden")
    got = api.ok(api.get(f"/images/{img['id']}"), 200)
    assert got == img
    assert_fixture(got, "get-image.json", NULLABLE)


def test_unknown_image_is_404_everywhere(api):
    for call in (api.get(f"/images/{UNKNOWN}"), api.put(f"/images/{UNKNOWN}", {"name": "x"}),
                 api.delete(f"/images/{UNKNOWN}")):
        error(call, 404, UNKNOWN)


# -- modify -------------------------------------------------------------------------------------
def test_modify_name_description_and_frequency_to_once(api, emu):
    img = api.find("images", "web-golden")
    assert img["frequency"] == "WEEKLY"
    got = api.ok(api.put(f"/images/{img['id']}", {"name": "renamed", "description": "new",
                                                  "frequency": "ONCE"}), 200)
    assert (got["name"], got["description"], got["frequency"]) == ("renamed", "new", "ONCE")
    assert got["state"] == "ACTIVE"
    assert_fixture(got, "edit-image.json", NULLABLE)
    assert api.ok(api.get(f"/images/{img['id']}"))["name"] == "renamed"
    assert logs_for(emu, img["id"])[-1]["action"] == "UPDATE"


def test_modify_keeps_fields_that_are_null(api):
    img = api.find("images", "web-golden")
    got = api.ok(api.put(f"/images/{img['id']}", {"name": "n2", "description": None,
                                                  "frequency": None}))
    assert got["description"] == img["description"] and got["frequency"] == "WEEKLY"


@pytest.mark.parametrize("body,fragment", [
    ({"frequency": "DAILY"}, "only be changed to ONCE"),
    ({"frequency": "weekly!"}, "frequency"),
    ({"name": ""}, "name"),
    ({"name": "x" * 129}, "name"),
    ({"description": False}, "description"),
    ({}, "name"),
    ({"name": None, "description": None, "frequency": None}, "name"),
])
def test_modify_validation(api, body, fragment):
    img = api.find("images", "web-golden")
    error(api.put(f"/images/{img['id']}", body), 400, fragment)
    assert api.ok(api.get(f"/images/{img['id']}")) == img


def test_modify_same_recurring_frequency_is_no_change(api):
    img = api.find("images", "web-golden")
    assert api.ok(api.put(f"/images/{img['id']}", {"frequency": "WEEKLY"}))["frequency"] == \
        "WEEKLY"


def test_modify_while_deploying_is_allowed(api):
    img = api.ok(api.post("/images", image_body(api)))
    got = api.ok(api.put(f"/images/{img['id']}", {"name": "early"}))
    assert (got["name"], got["state"]) == ("early", "DEPLOYING")


# -- delete -------------------------------------------------------------------------------------
def test_delete_goes_removing_then_404(api, emu):
    img = ready_image(api, emu)
    got = api.ok(api.delete(f"/images/{img['id']}"), 202)
    assert got["state"] == "REMOVING"
    assert_fixture(got, "delete-image.json", NULLABLE)
    error(api.put(f"/images/{img['id']}", {"name": "late"}), 409, "being removed")
    error(api.delete(f"/images/{img['id']}"), 409, "being removed")
    emu.advance(10)
    assert api.ok(api.get(f"/images/{img['id']}"))["state"] == "REMOVING"
    emu.settle()
    error(api.get(f"/images/{img['id']}"), 404, img["id"])
    assert img["id"] not in {i["id"] for i in api.ok(api.get("/images"))}
    assert logs_for(emu, img["id"])[-1]["action"] == "DELETE"


def test_delete_refuses_a_deploying_image(api, emu):
    img = api.ok(api.post("/images", image_body(api)))
    error(api.delete(f"/images/{img['id']}"), 409, "DEPLOYING")
    assert api.ok(api.get(f"/images/{img['id']}"))["state"] == "DEPLOYING"
    emu.settle()
    assert api.delete(f"/images/{img['id']}").status == 202


def test_image_outlives_its_source_server(api, emu):
    img = ready_image(api, emu, server_id=server_named(api, "worker-us-02")["id"])
    api.ok(api.delete(f"/servers/{img['server_id']}"))
    emu.settle()
    error(api.get(f"/servers/{img['server_id']}"), 404)
    assert api.ok(api.get(f"/images/{img['id']}"))["state"] == "ENABLED"
