"""The request pipeline: auth, routing, JSON errors, listing parameters, control routes."""

from __future__ import annotations

import json

import pytest

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.emulator.core import Emulator
from tests.helpers import Api, error


def test_missing_and_wrong_token_are_401_json(api):
    error(api.call("GET", "/servers", token=""), 401, "X-TOKEN")
    error(api.call("GET", "/servers", token="nope"), 401, "Invalid API token")


def test_ping_needs_no_token_but_ping_auth_does(api):
    assert api.ok(api.call("GET", "/ping", token="")) == ["PONG"]
    assert api.ok(api.get("/ping_auth")) == ["PONG"]
    error(api.call("GET", "/ping_auth", token="wrong"), 401)


def test_disabled_api_access_and_disabled_user_are_refused(emu, api):
    jane = next(u for u in emu.store.users.values() if u["name"] == "ops.jane")
    assert Api(emu, jane["api"]["key"]).get("/servers").status == 200
    jane["api"]["active"] = False
    error(Api(emu, jane["api"]["key"]).get("/servers"), 401, "disabled")
    bot = next(u for u in emu.store.users.values() if u["name"] == "billing.bot")
    error(Api(emu, bot["api"]["key"]).get("/servers"), 401, "disabled")


def test_unknown_path_is_json_404_and_wrong_method_json_405(api):
    error(api.get("/no_such_thing"), 404, "No such endpoint")
    error(api.call("PATCH", "/servers"), 405, "allowed: GET, POST")
    resp = api.emu.handle("GET", "/v2/servers", [], {"X-TOKEN": api.token}, b"")
    error(resp, 404, "/v1")


def test_invalid_json_body_is_400(api):
    error(api.call("POST", "/servers", raw=b"{not json"), 400, "not valid JSON")
    error(api.call("POST", "/servers", raw=b"[1,2]"), 400, "JSON object")


def test_literal_segments_win_over_ids(api):
    assert isinstance(api.ok(api.get("/servers/fixed_instance_sizes")), list)
    assert isinstance(api.ok(api.get("/servers/baremetal_models")), list)


def test_responses_are_json_with_content_type(api):
    resp = api.get("/servers")
    assert resp.headers["Content-Type"] == "application/json"
    json.loads(resp.body)


# -- listing --------------------------------------------------------------------------------------
def test_q_searches_names_and_ips(api):
    names = [s["name"] for s in api.ok(api.get("/servers", q="WEB"))]
    assert sorted(names) == ["web-01", "web-02"]
    web = api.find("servers", "web-01")
    by_ip = api.ok(api.get("/servers", q=web["ips"][0]["ip"]))
    assert [s["name"] for s in by_ip] == ["web-01"]


def test_sort_ascending_descending_and_nested(api):
    names = [s["name"] for s in api.ok(api.get("/servers", sort="name"))]
    assert names == sorted(names, key=str.lower)
    desc = [s["name"] for s in api.ok(api.get("/servers", sort="-name"))]
    assert desc == names[::-1]
    ram = [s["hardware"]["ram"] for s in api.ok(api.get("/servers", sort="-hardware.ram"))]
    assert ram == sorted(ram, reverse=True)
    error(api.get("/servers", sort="no_such_field"), 400, "no_such_field")


def test_paging_and_total_header(api):
    all_names = [s["name"] for s in api.ok(api.get("/servers", sort="name"))]
    page2 = api.get("/servers", sort="name", page=2, per_page=5)
    assert [s["name"] for s in page2.json()] == all_names[5:10]
    assert page2.headers["X-Total-Count"] == str(len(all_names))
    assert [s["name"] for s in api.ok(api.get("/servers", sort="name", per_page=3))] == \
        all_names[:3]
    assert api.ok(api.get("/servers", page=99, per_page=5)) == []
    error(api.get("/servers", page=0, per_page=5), 400, "'page'")
    error(api.get("/servers", per_page="x"), 400, "'per_page'")


def test_fields_projection_nested_and_through_lists(api):
    items = api.ok(api.get("/servers", fields="id,name,hardware.ram,ips.ip"))
    for item in items:
        assert set(item) == {"id", "name", "hardware", "ips"}
        assert set(item["hardware"]) == {"ram"}
        assert all(set(ip) == {"ip"} for ip in item["ips"])


# -- control routes -------------------------------------------------------------------------------
def test_stats_count_by_template(api, emu):
    web = api.find("servers", "web-01")
    api.get(f"/servers/{web['id']}")
    api.get(f"/servers/{web['id']}")
    stats = json.loads(emu.handle("GET", "/_emulator/stats").body)
    assert stats["requests"]["GET /v1/servers/{server_id}"] == 2
    assert stats["requests"]["GET /v1/servers"] == 1
    assert stats["mutating"] == 0
    emu.handle("DELETE", "/_emulator/stats")
    assert json.loads(emu.handle("GET", "/_emulator/stats").body)["total"] == 0


def test_clock_control_advances_transitions(api, emu):
    ci = api.find("servers", "ci-runner")
    assert ci["status"]["state"] == "DEPLOYING"
    resp = emu.handle("POST", "/_emulator/clock/advance", body=b'{"seconds": 1000}')
    assert resp.status == 200 and resp.json()["now"] >= 1000
    assert api.find("servers", "ci-runner")["status"]["state"] == "POWERED_ON"
    error(emu.handle("POST", "/_emulator/clock/advance", body=b'{"seconds": -1}'), 400)


def test_settle_control_finishes_everything(emu):
    assert emu.handle("POST", "/_emulator/settle").json()["pending_transitions"] == 0


# -- faults ---------------------------------------------------------------------------------------
def test_fail_next_status_rate_limit_malformed_and_drop(api, emu):
    emu.faults.update({"fail_next": [{"fault": "status", "status": 503},
                                     {"fault": "rate_limit", "reset": 7},
                                     {"fault": "malformed"},
                                     {"fault": "drop"}]})
    error(api.get("/servers"), 503)
    limited = api.get("/servers")
    error(limited, 429, "Rate limit")
    assert limited.headers["X-Rate-Limit-Reset"] == "7" and limited.headers["Retry-After"] == "7"
    bad = api.get("/servers")
    assert bad.status == 200
    with pytest.raises(ValueError):
        json.loads(bad.body)
    assert api.get("/servers").drop
    assert api.get("/servers").status == 200
    assert emu.stats.snapshot()["faults"] == {"drop": 1, "malformed": 1, "rate_limit": 1,
                                              "status": 1}


def test_fail_next_match_targets_one_endpoint(api, emu):
    emu.faults.update({"fail_next": [{"fault": "status", "status": 500, "match": "PUT /servers"}]})
    assert api.get("/servers").status == 200
    web = api.find("servers", "web-01")
    error(api.put(f"/servers/{web['id']}", {"name": "x"}), 500)
    assert api.put(f"/servers/{web['id']}", {"name": "x"}).status == 200


def test_error_rate_is_seeded_and_uses_5xx(emu):
    emu.faults.update({"error_rate": 0.5})
    api = Api(emu)
    statuses = [api.get("/ping_auth").status for _ in range(60)]
    assert {s for s in statuses if s != 200} <= {500, 502, 503, 504}
    assert 10 < statuses.count(200) < 50
    other = Emulator(clock=ManualClock())
    other.faults.update({"error_rate": 0.5})
    assert [Api(other).get("/ping_auth").status for _ in range(60)] == statuses


def test_latency_is_reported_for_the_adapter_to_wait(api, emu):
    emu.faults.update({"latency_ms": 250})
    assert api.get("/ping").delay == 0.25


def test_faults_control_validates(emu):
    put = emu.handle("PUT", "/_emulator/faults", body=b'{"error_rate": 2}')
    error(put, 400, "error_rate")
    error(emu.handle("PUT", "/_emulator/faults", body=b'{"bogus": 1}'), 400, "bogus")
    ok = emu.handle("PUT", "/_emulator/faults", body=b'{"latency_ms": 20}')
    assert ok.status == 200 and ok.json()["latency_ms"] == 20
    assert emu.handle("GET", "/_emulator/faults").json()["latency_ms"] == 20


# -- seed -----------------------------------------------------------------------------------------
def test_seed_is_deterministic_and_scalable():
    a, b = Emulator(clock=ManualClock()), Emulator(clock=ManualClock())
    ga = Api(a).get("/servers").body
    assert ga == Api(b).get("/servers").body
    c = Emulator(clock=ManualClock(), seed=2)
    assert Api(c).get("/servers").body != ga
    big = Emulator(clock=ManualClock(), servers=250)
    assert len(Api(big).ok(Api(big).get("/servers"))) == 262


def test_seed_account_spans_datacenters_and_states(api):
    servers = api.ok(api.get("/servers"))
    assert {s["datacenter"]["country_code"] for s in servers} == {"DE", "GB", "US", "ES"}
    assert {s["status"]["state"] for s in servers} >= {"POWERED_ON", "POWERED_OFF", "DEPLOYING"}
