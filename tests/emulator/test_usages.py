"""Usages: per-resource consumption in minutes for a period, in the shape of list-usages.json."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from oneandone_tui.emulator.clock import FIXED_EPOCH
from tests.emulator.fixture_shapes import assert_shape, fixture
from tests.helpers import error

NOW = FIXED_EPOCH
KEYS = ("SERVERS", "SHARED_STORAGES", "IMAGES", "PUBLIC_IPS", "LOAD_BALANCERS")


def z(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def item(usages: dict, key: str, name: str) -> dict:
    return next(i for i in usages[key] if i["name"] == name)


def service(entry: dict, kind: str) -> dict:
    return next(s for s in entry["services"] if s["type"] == kind)


def test_shape_matches_the_fixture(api):
    got = api.ok(api.get("/usages"))
    assert tuple(got) == KEYS
    expected = fixture("list-usages.json")
    for key in ("SHARED_STORAGES", "IMAGES", "PUBLIC_IPS"):
        assert_shape(got[key], expected[key])
    srv = item(got, "SERVERS", "web-01")
    assert [s["type"] for s in srv["services"]] == ["CPU", "HDD", "RAM", "IP"]
    fixture_services = {s["type"]: s for s in expected["SERVERS"][0]["services"]}
    for svc in srv["services"]:
        assert_shape(svc, fixture_services[svc["type"]])
        assert set(svc) == set(fixture_services[svc["type"]])
        assert isinstance(svc["usage"], int)
        assert svc["avg_amount"].count(".") == 1 and len(svc["avg_amount"].split(".")[1]) == 2


def test_server_services_reflect_the_hardware(api):
    web = api.find("servers", "web-01")
    full = api.ok(api.get(f"/servers/{web['id']}"))
    srv = item(api.ok(api.get("/usages")), "SERVERS", "web-01")
    assert srv["id"] == web["id"]
    hw = full["hardware"]
    assert service(srv, "CPU")["avg_amount"] == f"{hw['vcore']:.2f}"
    assert service(srv, "CPU")["unit"] == "vCore"
    assert service(srv, "RAM")["avg_amount"] == f"{hw['ram']:.2f}"
    assert service(srv, "HDD")["avg_amount"] == f"{sum(h['size'] for h in hw['hdds']):.2f}"
    assert service(srv, "IP")["name"] == full["ips"][0]["ip"]


@pytest.mark.parametrize("period, minutes", [
    ("LAST_HOUR", 60), ("LAST_24H", 1440), ("LAST_7D", 7 * 1440), ("LAST_30D", 30 * 1440),
])
def test_old_resources_use_the_whole_period(api, period, minutes):
    got = api.ok(api.get("/usages", period=period))
    srv = item(got, "SERVERS", "db-primary")
    assert all(s["usage"] == minutes for s in srv["services"][:3])
    detail = service(srv, "CPU")["detail"]
    assert len(detail) == 1 and detail[0]["usage"] == minutes
    assert detail[0]["end_date"] == NOW.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    assert service(item(got, "SHARED_STORAGES", "shared-assets"), "size")["usage"] == minutes
    assert service(item(got, "LOAD_BALANCERS", "lb-web-de"), "LOAD_BALANCER")["usage"] == minutes


def test_lifetime_limits_usage(api):
    got = api.ok(api.get("/usages", period="LAST_365D"))
    # web-01 was created 300 days ago, the newest image 7 days ago.
    assert service(item(got, "SERVERS", "web-01"), "CPU")["usage"] == 300 * 1440
    img = service(item(got, "IMAGES", "web-golden"), "size")
    assert img["usage"] == 7 * 1440
    assert img["detail"][0]["start_date"] == (NOW - timedelta(days=7)).strftime(
        "%Y-%m-%dT%H:%M:%S+00:00")


def test_new_server_accumulates_minutes(api, emu):
    app = api.ok(api.get("/server_appliances"))[0]
    new = api.ok(api.post("/servers", {
        "name": "meter", "appliance_id": app["id"],
        "hardware": {"vcore": 2, "cores_per_processor": 1, "ram": 2,
                     "hdds": [{"size": 60, "is_main": True}]}}))
    emu.advance(30 * 60)
    srv = item(api.ok(api.get("/usages", period="LAST_HOUR")), "SERVERS", "meter")
    assert srv["id"] == new["id"]
    assert [s["usage"] for s in srv["services"]] == [30, 30, 30, 30]
    assert service(srv, "CPU")["avg_amount"] == "2.00"


def test_unassigned_ips_are_billed_as_unused(api):
    got = api.ok(api.get("/usages", period="LAST_7D"))
    public = {i["ip"]: i for i in api.ok(api.get("/public_ips"))}
    unused = {ip for ip, rec in public.items() if rec["assigned_to"] is None}
    assert {i["name"] for i in got["PUBLIC_IPS"]} == unused
    # The DE spare is 30 days old; the US one was created with the account (0 minutes so far).
    assert sorted(i["services"][0]["usage"] for i in got["PUBLIC_IPS"]) == [0, 7 * 1440]
    assert all(i["services"][0]["type"] == "UNUSED_IP" and i["services"][0]["unit"] == "IP"
               for i in got["PUBLIC_IPS"])


def test_custom_window_before_a_resource_existed(api):
    lo, hi = NOW - timedelta(days=60), NOW - timedelta(days=50)
    got = api.ok(api.get("/usages", period="CUSTOM", start_date=z(lo), end_date=z(hi)))
    names = {i["name"] for i in got["IMAGES"]}
    assert names == set()  # both images are younger
    srv = item(got, "SERVERS", "web-01")
    assert service(srv, "RAM")["usage"] == 10 * 1440
    assert service(srv, "RAM")["detail"][0]["start_date"] == lo.strftime(
        "%Y-%m-%dT%H:%M:%S+00:00")


def test_fields_and_q_reach_into_the_lists(api):
    got = api.ok(api.get("/usages", fields="SERVERS.id,SERVERS.name"))
    assert set(got) == {"SERVERS"}
    assert all(set(s) == {"id", "name"} for s in got["SERVERS"])
    got = api.ok(api.get("/usages", q="web-0"))
    assert sorted(s["name"] for s in got["SERVERS"]) == ["web-01", "web-02"]


def test_same_request_same_answer(api):
    assert api.ok(api.get("/usages", period="LAST_30D")) == \
        api.ok(api.get("/usages", period="LAST_30D"))


def test_default_period_is_last_24h(api):
    assert api.ok(api.get("/usages")) == api.ok(api.get("/usages", period="LAST_24H"))


@pytest.mark.parametrize("query, fragments", [
    ({"period": "LAST_YEAR"}, ["'period'", "LAST_365D"]),
    ({"period": "CUSTOM"}, ["'start_date'", "required"]),
    ({"period": "CUSTOM", "start_date": "2026-11-01T00:00:00Z"}, ["'end_date'", "required"]),
    ({"period": "CUSTOM", "start_date": "2026-11-01", "end_date": "2026-11-02T00:00:00Z"},
     ["'start_date'", "RFC 3339"]),
    ({"period": "CUSTOM", "start_date": "2026-11-03T00:00:00Z",
      "end_date": "2026-11-02T00:00:00Z"}, ["'start_date'", "before"]),
    ({"period": "CUSTOM", "start_date": "2024-11-03T00:00:00Z",
      "end_date": "2026-11-02T00:00:00Z"}, ["365"]),
])
def test_period_validation(api, query, fragments):
    error(api.get("/usages", **query), 400, *fragments)
