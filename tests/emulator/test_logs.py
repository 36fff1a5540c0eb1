"""Logs: the entries mutations write, filtered by period, newest first; one entry by id."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from oneandone_tui.emulator.clock import FIXED_EPOCH
from oneandone_tui.emulator.transitions import CHAINS
from tests.emulator.fixture_shapes import assert_fixture
from tests.helpers import error

NOW = FIXED_EPOCH


def z(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def start(entry: dict) -> datetime:
    return datetime.strptime(entry["start_date"], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=timezone.utc)


def create_server(api, name: str = "logged-vm") -> dict:
    app = api.ok(api.get("/server_appliances"))[0]
    return api.ok(api.post("/servers", {
        "name": name, "appliance_id": app["id"],
        "hardware": {"vcore": 1, "cores_per_processor": 1, "ram": 1,
                     "hdds": [{"size": max(40, app.get("min_hdd_size") or 20),
                               "is_main": True}]}}), 202)


def test_without_period_every_entry_newest_first(api, emu):
    logs = api.ok(api.get("/logs"))
    assert len(logs) == len(emu.store.logs) > 20
    starts = [start(e) for e in logs]
    assert starts == sorted(starts, reverse=True)
    assert_fixture(logs, "list-logs.json", nullable={"end_date"})


def test_fixture_shape_and_types(api):
    entry = api.ok(api.get("/logs", period="LAST_30D"))[-1]
    assert set(entry) >= {"id", "start_date", "end_date", "duration", "status", "action", "type",
                          "resource", "details", "user", "cloudpanel_id"}
    assert entry["status"] == {"state": "OK", "percent": 100}
    assert isinstance(entry["duration"], int) and entry["end_date"].endswith("Z")
    assert set(entry["resource"]) == {"id", "name"} and set(entry["user"]) == {"id", "name"}


@pytest.mark.parametrize("period, span", [
    ("LAST_HOUR", timedelta(hours=1)), ("LAST_24H", timedelta(days=1)),
    ("LAST_7D", timedelta(days=7)), ("LAST_30D", timedelta(days=30)),
    ("LAST_365D", timedelta(days=365)),
])
def test_fixed_periods_filter_by_start(api, emu, period, span):
    logs = api.ok(api.get("/logs", period=period))
    assert all(NOW - span <= start(e) <= NOW for e in logs)
    expected = [e for e in emu.store.logs if NOW - span <= emu.store.when(e["_start"]) <= NOW]
    assert len(logs) == len(expected)


def test_periods_nest(api):
    counts = [len(api.ok(api.get("/logs", period=p)))
              for p in ("LAST_HOUR", "LAST_24H", "LAST_7D", "LAST_30D", "LAST_365D")]
    assert counts == sorted(counts) and counts[0] >= 1 and counts[-1] > counts[1]
    assert counts[-1] == len(api.ok(api.get("/logs")))  # the seeded month


def test_custom_period(api, emu):
    lo, hi = NOW - timedelta(days=20), NOW - timedelta(days=10)
    logs = api.ok(api.get("/logs", period="CUSTOM", start_date=z(lo), end_date=z(hi)))
    assert logs and all(lo <= start(e) <= hi for e in logs)
    expected = [e for e in emu.store.logs if lo <= emu.store.when(e["_start"]) <= hi]
    assert len(logs) == len(expected)


@pytest.mark.parametrize("query, fragments", [
    ({"period": "YESTERDAY"}, ["'period'", "LAST_24H"]),
    ({"period": "CUSTOM"}, ["'start_date'", "required"]),
    ({"period": "CUSTOM", "start_date": "2026-11-01T00:00:00Z"}, ["'end_date'", "required"]),
    ({"period": "CUSTOM", "start_date": "01.11.2026", "end_date": "2026-11-02T00:00:00Z"},
     ["'start_date'", "RFC 3339"]),
    ({"period": "CUSTOM", "start_date": "2026-11-02T00:00:00Z",
      "end_date": "2026-11-01T00:00:00Z"}, ["'start_date'", "before"]),
])
def test_period_validation(api, query, fragments):
    error(api.get("/logs", **query), 400, *fragments)


def test_custom_end_in_the_future_reads_as_now(api):
    """No source refuses an end date in the future (a client's clock may run ahead): the window
    simply ends now."""
    ahead = api.ok(api.get("/logs", period="CUSTOM", start_date="2026-11-02T00:00:00Z",
                           end_date="2027-01-01T00:00:00Z"), 200)
    now = api.ok(api.get("/logs", period="CUSTOM", start_date="2026-11-02T00:00:00Z",
                         end_date="2026-11-20T09:30:00Z"), 200)
    assert ahead and ahead == now


def test_empty_period_means_none(api):
    """Go sends ``period=`` when its caller gives none."""
    assert len(api.ok(api.get("/logs", period=""))) == len(api.ok(api.get("/logs")))


def test_server_create_is_logged_running_then_ok(api, emu):
    srv = create_server(api)
    logs = api.ok(api.get("/logs", period="LAST_HOUR"))
    entry = next(e for e in logs if e["resource"]["id"] == srv["id"])
    assert entry == logs[0]  # the newest
    assert (entry["action"], entry["type"], entry["resource"]["name"]) == \
        ("CREATE", "VM", "logged-vm")
    assert entry["status"]["state"] == "RUNNING" and entry["end_date"] is None
    assert entry["user"]["name"] == "admin"
    emu.advance(CHAINS["server.create"].seconds / 2)
    mid = api.ok(api.get(f"/logs/{entry['id']}"))
    assert mid["status"]["state"] == "RUNNING" and 40 <= mid["status"]["percent"] <= 60
    emu.advance(CHAINS["server.create"].seconds)
    done = api.ok(api.get(f"/logs/{entry['id']}"))
    assert done["status"] == {"state": "OK", "percent": 100}
    assert done["end_date"] is not None
    assert done["duration"] == int(CHAINS["server.create"].seconds)


def test_deletion_found_the_ansible_way(api, emu):
    """ANS: GET /logs?q=DELETE&period=LAST_HOUR&sort=-start_date, look for the resource."""
    srv = api.find("servers", "mail-gw")
    api.ok(api.delete(f"/servers/{srv['id']}"))
    emu.settle()
    logs = api.ok(api.get("/logs", q="DELETE", period="LAST_HOUR", sort="-start_date"))
    hit = [e for e in logs if e["resource"]["id"] == srv["id"]]
    assert hit and hit[0]["action"] == "DELETE" and hit[0]["type"] == "VM"
    assert hit[0]["status"]["state"] == "OK"
    assert all(e["action"] == "DELETE" for e in logs)


def test_sort_overrides_newest_first(api):
    oldest_first = api.ok(api.get("/logs", period="LAST_30D", sort="start_date"))
    starts = [start(e) for e in oldest_first]
    assert starts == sorted(starts) and starts[0] < starts[-1]


def test_paging(api):
    page = api.ok(api.get("/logs", period="LAST_30D", page=2, per_page=5))
    full = api.ok(api.get("/logs", period="LAST_30D"))
    assert page == full[5:10]


def test_get_log(api):
    entry = api.ok(api.get("/logs", period="LAST_30D"))[3]
    got = api.ok(api.get(f"/logs/{entry['id']}"))
    assert got == entry
    assert_fixture(got, "get-log.json")


def test_get_unknown_log_is_404(api):
    error(api.get("/logs/NOPE"), 404, "NOPE")
