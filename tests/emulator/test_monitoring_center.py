"""Monitoring center: the per-server summary list and one server's usage series (periods,
determinism, thresholds, power history, consistency between list and detail)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from itertools import pairwise

import pytest

from oneandone_tui.emulator import series
from oneandone_tui.emulator.clock import FIXED_EPOCH, ManualClock
from oneandone_tui.emulator.core import Emulator
from tests.emulator.fixture_shapes import assert_fixture
from tests.helpers import Api, error

METRICS = ("cpu", "ram", "disk", "transfer", "internal_ping")
NOW = FIXED_EPOCH  # the manual clock starts here


def sid(api: Api, name: str) -> str:
    return api.find("servers", name)["id"]


def usage(api: Api, name: str, **query: str) -> dict:
    return api.ok(api.get(f"/monitoring_center/{sid(api, name)}", **query))


def z(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


# -- the list -------------------------------------------------------------------------------------
def test_list_has_one_item_per_server_in_fixture_shape(api):
    items = api.ok(api.get("/monitoring_center"))
    servers = api.ok(api.get("/servers"))
    assert [i["id"] for i in items] == [s["id"] for s in servers]
    assert_fixture(items, "list-monitoring-center-usages.json")
    for item in items:
        assert set(item) == {"id", "name", "status", "alerts", "agent"}
        assert set(item["status"]) == {"state", *METRICS}
        assert sum(item["alerts"]["resources"].values()) == 5
        for group in ("resources", "ports", "process"):
            assert set(item["alerts"][group]) == {"ok", "warning", "critical"}


def test_list_supports_query_parameters(api):
    items = api.ok(api.get("/monitoring_center", q="db-", fields="id,name"))
    assert sorted(i["name"] for i in items) == ["db-primary", "db-replica"]
    assert all(set(i) == {"id", "name"} for i in items)


def test_seeded_alerts_are_visible(api):
    """The seed's alerts (worker-us-01 CPU 97% critical, db-primary /var 78% warning) show in
    the monitoring center, and their charts climb to those levels."""
    by_name = {i["name"]: i for i in api.ok(api.get("/monitoring_center"))}
    worker = by_name["worker-us-01"]
    assert worker["status"]["cpu"]["state"].startswith("CPU usage: CRITICAL - CPU_Total 9")
    assert worker["alerts"]["resources"]["critical"] >= 1
    db = by_name["db-primary"]
    assert db["status"]["disk"]["state"].startswith("Disk usage: WARNING")
    assert db["alerts"]["resources"]["warning"] >= 1
    cpu = usage(api, "worker-us-01", period="LAST_HOUR")["cpu"]["data"]
    assert 94 <= cpu[-1]["used_percent"] <= 100
    quiet = [i for i in by_name.values() if i["alerts"]["resources"] == {
        "critical": 0, "warning": 0, "ok": 5}]
    assert len(quiet) >= len(by_name) - 3


def test_list_and_detail_agree(api):
    for item in api.ok(api.get("/monitoring_center")):
        detail = api.ok(api.get(f"/monitoring_center/{item['id']}"))
        assert detail["alerts_count"] == item["alerts"] == detail["alerts"]
        assert detail["agent"] == item["agent"]
        assert detail["status"] == {"state": item["status"]["state"]}
        for metric in METRICS:
            assert detail[metric]["status"] == item["status"][metric]["state"]


def test_agent_flags_follow_the_policy(api):
    by_name = {i["name"]: i for i in api.ok(api.get("/monitoring_center"))}
    erp = by_name["legacy-erp"]  # no policy at all
    assert erp["agent"] == {"agent_installed": False, "monitoring_needs_agent": False,
                            "missing_agent_alert": False}
    assert erp["alerts"]["ports"] == erp["alerts"]["process"] == {"critical": 0, "warning": 0,
                                                                   "ok": 0}
    for name in ("web-01", "web-02", "api-gateway", "db-primary", "db-replica"):  # Production
        agent = by_name[name]["agent"]
        assert agent["monitoring_needs_agent"] is True
        assert agent["missing_agent_alert"] is (not agent["agent_installed"])
        assert sum(by_name[name]["alerts"]["ports"].values()) == 3


# -- the detail -----------------------------------------------------------------------------------
def test_detail_shape(api):
    got = usage(api, "web-01")
    assert_fixture(got, "get-usage.json")
    assert got["disk"]["unit"] == {"used_percent": "%"}
    assert got["transfer"]["unit"] == {"downstream": "bps", "upstream": "bps"}
    assert got["internal_ping"]["unit"] == {"pl": "%", "rta": "ms"}
    for metric in ("cpu", "ram", "disk"):
        assert all(set(p) == {"date", "used_percent"} and 0 <= p["used_percent"] <= 100
                   for p in got[metric]["data"])
    assert all(isinstance(p["downstream"], int) and isinstance(p["upstream"], int)
               for p in got["transfer"]["data"])
    assert all(isinstance(p["pl"], int) and isinstance(p["rta"], float)
               for p in got["internal_ping"]["data"])


def test_detail_of_unknown_server_is_404(api):
    error(api.get("/monitoring_center/NOPE"), 404, "NOPE")


@pytest.mark.parametrize("period, points, step", [
    ("LAST_HOUR", 12, 300), ("LAST_24H", 96, 900), ("LAST_7D", 168, 3600),
    ("LAST_30D", 180, 4 * 3600),
])
def test_fixed_periods(api, period, points, step):
    got = usage(api, "web-01", period=period)
    dates = [parse(p["date"]) for p in got["cpu"]["data"]]
    assert len(dates) == points
    assert all((b - a).total_seconds() == step for a, b in pairwise(dates))
    assert dates[-1] <= NOW and dates[-1] > NOW - timedelta(seconds=step)
    for metric in METRICS:
        assert [p["date"] for p in got[metric]["data"]] == [z(d) for d in dates]


def test_last_365d_stops_at_the_creation_date(api):
    web = api.find("servers", "web-01")  # created 300 days ago
    got = usage(api, "web-01", period="LAST_365D")
    dates = [parse(p["date"]) for p in got["cpu"]["data"]]
    created = datetime.fromisoformat(api.ok(api.get(f"/servers/{web['id']}"))["creation_date"])
    assert 12 <= len(dates) <= 400
    assert dates[0] >= created and (dates[0] - created) <= timedelta(days=1)
    assert all((b - a) == timedelta(days=1) for a, b in pairwise(dates))


def test_default_period_is_last_24h(api):
    assert usage(api, "web-01") == usage(api, "web-01", period="LAST_24H")


def test_custom_period(api):
    start, end = NOW - timedelta(hours=3), NOW - timedelta(hours=1)
    got = usage(api, "web-02", period="CUSTOM", start_date=z(start), end_date=z(end))
    dates = [parse(p["date"]) for p in got["ram"]["data"]]
    assert len(dates) == 24  # 2 hours of 5-minute buckets
    assert all(start < d <= end for d in dates)
    # An offset instead of Z, and a span long enough for bigger buckets.
    got = usage(api, "web-02", period="CUSTOM", start_date="2026-09-01T00:00:00+02:00",
                end_date="2026-11-01T00:00:00+01:00")
    assert 12 <= len(got["cpu"]["data"]) <= 400


def test_custom_end_in_the_future_has_no_future_samples(api):
    """An end date past "now" is accepted (no source refuses it) and shows data up to now."""
    start = NOW - timedelta(hours=2)
    got = usage(api, "web-02", period="CUSTOM", start_date=z(start),
                end_date=z(NOW + timedelta(hours=5)))
    dates = [parse(p["date"]) for p in got["ram"]["data"]]
    assert len(dates) == 24 and all(start < d <= NOW for d in dates)


@pytest.mark.parametrize("query, fragments", [
    ({"period": "LAST_WEEK"}, ["'period'", "LAST_7D", "CUSTOM"]),
    ({"period": "CUSTOM"}, ["'start_date'", "required"]),
    ({"period": "CUSTOM", "start_date": "2026-11-19T00:00:00Z"}, ["'end_date'", "required"]),
    ({"period": "CUSTOM", "end_date": "2026-11-19T00:00:00Z"}, ["'start_date'", "required"]),
    ({"period": "CUSTOM", "start_date": "yesterday", "end_date": "2026-11-19T00:00:00Z"},
     ["'start_date'", "RFC 3339"]),
    ({"period": "CUSTOM", "start_date": "2026-19-11T00:00:00Z", "end_date":
      "2026-11-20T00:00:00Z"}, ["'start_date'"]),
    ({"period": "CUSTOM", "start_date": "2026-11-18T00:00:00Z", "end_date": "2026-11-19"},
     ["'end_date'", "RFC 3339"]),
    ({"period": "CUSTOM", "start_date": "2026-11-19T12:00:00Z",
      "end_date": "2026-11-19T00:00:00Z"}, ["'start_date'", "before", "'end_date'"]),
    ({"period": "CUSTOM", "start_date": "2026-11-19T00:00:00Z",
      "end_date": "2026-11-19T00:00:00Z"}, ["'start_date'", "before"]),
    ({"period": "CUSTOM", "start_date": "2025-01-01T00:00:00Z",
      "end_date": "2026-11-01T00:00:00Z"}, ["'start_date'", "'end_date'", "365"]),
])
def test_period_validation(api, query, fragments):
    error(api.get(f"/monitoring_center/{sid(api, 'web-01')}", **query), 400, *fragments)


def test_end_date_may_be_a_few_seconds_ahead(api):
    got = usage(api, "web-01", period="CUSTOM", start_date=z(NOW - timedelta(hours=1)),
                end_date=z(NOW + timedelta(seconds=30)))
    assert len(got["cpu"]["data"]) == 12


# -- determinism ----------------------------------------------------------------------------------
def test_same_request_same_series(api):
    assert usage(api, "db-replica", period="LAST_7D") == usage(api, "db-replica",
                                                               period="LAST_7D")


def test_later_request_shows_the_same_past(api, emu):
    before = usage(api, "api-gateway", period="LAST_HOUR")
    emu.advance(600)
    after = usage(api, "api-gateway", period="LAST_HOUR")
    for metric in METRICS:
        old = {p["date"]: p for p in before[metric]["data"]}
        new = {p["date"]: p for p in after[metric]["data"]}
        shared = set(old) & set(new)
        assert len(shared) == 10
        assert all(old[d] == new[d] for d in shared)
        assert max(new) > max(old)


def test_a_different_seed_gives_different_series():
    a = Api(Emulator(clock=ManualClock(), seed=1))
    b = Api(Emulator(clock=ManualClock(), seed=2))
    sa, sb = usage(a, "web-01"), usage(b, "web-01")
    assert [p["date"] for p in sa["cpu"]["data"]] == [p["date"] for p in sb["cpu"]["data"]]
    assert [p["used_percent"] for p in sa["cpu"]["data"]] != \
        [p["used_percent"] for p in sb["cpu"]["data"]]
    again = Api(Emulator(clock=ManualClock(), seed=1))
    assert usage(again, "web-01") == sa


def test_series_look_alive(api):
    cpu = [p["used_percent"] for p in usage(api, "web-01", period="LAST_7D")["cpu"]["data"]]
    assert max(cpu) - min(cpu) > 5  # a daily cycle, not a flat line
    steps = [abs(b - a) for a, b in pairwise(cpu)]
    assert max(steps) < 40  # smooth, not white noise


# -- thresholds -----------------------------------------------------------------------------------
def test_thresholds_come_from_the_policy(api):
    prod = api.find("monitoring_policies", "Production")
    got = usage(api, "web-01")
    for metric in METRICS:
        assert got[metric]["warning"] == prod["thresholds"][metric]["warning"]["value"]
        assert got[metric]["critical"] == prod["thresholds"][metric]["critical"]["value"]
    erp = usage(api, "legacy-erp")  # no policy: the defaults
    assert (erp["cpu"]["warning"], erp["cpu"]["critical"]) == (90, 95)
    assert (erp["transfer"]["warning"], erp["transfer"]["critical"]) == (1000, 2000)


def test_changed_thresholds_change_status_and_counts(api):
    web = sid(api, "web-02")
    prod = api.find("monitoring_policies", "Production")
    now_cpu = series.percent(_machine(api, "web-02"), "cpu", NOW.timestamp())
    assert 1 < now_cpu < 99
    warn = int(now_cpu) - 1 if now_cpu >= 2 else 1
    api.ok(api.put(f"/monitoring_policies/{prod['id']}", {"thresholds": {
        "cpu": {"warning": {"value": max(1, warn)}, "critical": {"value": int(now_cpu) + 2}}}}))
    item = next(i for i in api.ok(api.get("/monitoring_center")) if i["id"] == web)
    assert item["status"]["cpu"]["state"].startswith("CPU usage: WARNING")
    assert item["alerts"]["resources"]["warning"] >= 1
    detail = api.ok(api.get(f"/monitoring_center/{web}"))
    assert detail["cpu"]["warning"] == max(1, warn)
    api.ok(api.put(f"/monitoring_policies/{prod['id']}", {"thresholds": {
        "cpu": {"warning": {"value": 1}, "critical": {"value": max(2, int(now_cpu) - 1)}}}}))
    item = next(i for i in api.ok(api.get("/monitoring_center")) if i["id"] == web)
    assert item["status"]["cpu"]["state"].startswith("CPU usage: CRITICAL")


def _machine(api: Api, name: str) -> series.Machine:
    from oneandone_tui.emulator.handlers.monitoring_center import machine

    store = api.emu.store
    return machine(store, store.servers[sid(api, name)], history=False)


# -- power history --------------------------------------------------------------------------------
def test_powered_off_server_reads_zero(api, emu):
    cache = sid(api, "cache-01")
    api.ok(api.put(f"/servers/{cache}/status/action", {"action": "POWER_OFF",
                                                      "method": "SOFTWARE"}))
    emu.settle()
    emu.advance(3600)
    got = api.ok(api.get(f"/monitoring_center/{cache}", period="LAST_24H"))
    cpu = got["cpu"]["data"]
    assert cpu[-1]["used_percent"] == 0 and cpu[-4]["used_percent"] == 0
    assert cpu[0]["used_percent"] > 0  # on before the power-off
    assert got["internal_ping"]["data"][-1] == {"date": cpu[-1]["date"], "pl": 100, "rta": 0.0}
    assert got["transfer"]["data"][-1]["downstream"] == 0
    assert got["disk"]["data"][-1]["used_percent"] > 0  # the disk still holds its data
    assert "powered off" in got["internal_ping"]["status"]
    assert got["alerts_count"]["resources"]["ok"] >= 4


def test_new_server_has_no_points_before_it_existed(api, emu):
    app = api.ok(api.get("/server_appliances"))[0]
    new = api.ok(api.post("/servers", {
        "name": "fresh", "appliance_id": app["id"],
        "hardware": {"vcore": 1, "cores_per_processor": 1, "ram": 1,
                     "hdds": [{"size": max(40, app.get("min_hdd_size") or 20),
                               "is_main": True}]}}))
    deploying = api.ok(api.get(f"/monitoring_center/{new['id']}", period="LAST_HOUR"))
    assert len(deploying["cpu"]["data"]) <= 1
    emu.settle()
    emu.advance(1800)
    got = api.ok(api.get(f"/monitoring_center/{new['id']}", period="LAST_HOUR"))
    dates = [parse(p["date"]) for p in got["cpu"]["data"]]
    created = datetime.fromisoformat(new["creation_date"])
    assert 5 <= len(dates) <= 7 and all(d >= created for d in dates)
    assert got["cpu"]["data"][-1]["used_percent"] > 0


# -- series.py on its own -------------------------------------------------------------------------
def test_series_depend_on_seed_machine_and_time():
    t = NOW.timestamp()
    a = series.Machine(1, "SERVER", t - 86400)
    assert series.percent(a, "cpu", t) == series.percent(series.Machine(1, "SERVER", t - 86400),
                                                         "cpu", t)
    assert series.percent(a, "cpu", t) != series.percent(series.Machine(2, "SERVER", t - 86400),
                                                         "cpu", t)
    assert series.percent(a, "cpu", t) != series.percent(series.Machine(1, "OTHER", t - 86400),
                                                          "cpu", t)
    assert series.percent(a, "cpu", t) != series.percent(a, "cpu", t - 3600)


def test_series_power_and_hot_levels():
    t = NOW.timestamp()
    off = series.Machine(1, "S", t - 86400, on=((t - 86400, t - 3600),))
    assert series.percent(off, "cpu", t) == 0 and series.percent(off, "cpu", t - 7200) > 0
    assert series.ping(off, t) == (100.0, 0.0) and series.transfer(off, t) == (0.0, 0.0)
    assert series.percent(off, "disk", t) > 0
    hot = series.Machine(1, "S", t - 86400, hot={"ram": (93.0, t - 7200)})
    assert 90 <= series.percent(hot, "ram", t) <= 96
    assert series.level(series.read(hot, t).measure("ram"), 85, 95) == "WARNING"
    assert series.level(96, 85, 95) == "CRITICAL" and series.level(10, 85, 95) == "OK"


@pytest.mark.parametrize("seconds, step", [
    (3600, 300), (2 * 86400, 900), (7 * 86400, 1800), (30 * 86400, 2 * 3600),
    (365 * 86400, 86400),
])
def test_custom_bucket_sizes_keep_points_in_range(seconds, step):
    assert series.bucket_for(seconds) == step
    assert seconds / step <= series.MAX_POINTS
    ends = series.bucket_ends(0, seconds, step)
    assert ends[0] == step and ends[-1] == seconds and len(ends) == seconds // step
