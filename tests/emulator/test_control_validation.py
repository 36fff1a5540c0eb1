"""The control endpoints refuse values that would break the emulator for good (issue 11, item
5): a 400 naming the field, the settings unchanged, and the emulator serving on."""

from __future__ import annotations

import json

import pytest

from oneandone_tui.emulator.core import MAX_ADVANCE, Emulator
from oneandone_tui.emulator.faults import Faults, FaultSettings
from tests.helpers import Api, error


def serves(emu: Emulator) -> None:
    api = Api(emu)
    for path in ("/servers", "/logs", "/monitoring_center", "/usages"):
        q = {"period": "LAST_24H"} if path in ("/logs", "/usages") else {}
        resp = api.get(path, **q)
        assert resp.status == 200 and resp.delay == 0, (path, resp.body[:200])
        json.loads(resp.body)


@pytest.mark.parametrize(("body", "fragment"), [
    (b'{"seconds": NaN}', "NaN"),
    (b'{"seconds": Infinity}', "Infinity"),
    (b'{"seconds": 1e400}', "out of range"),
    (b'{"seconds": 1e300}', "'seconds' must be between 0 and"),
    (b'{"seconds": -1}', "'seconds' must be between 0 and"),
    (b'{"seconds": "60"}', "'seconds' must be a number"),
    (b'{"seconds": true}', "'seconds' must be a number"),
    (b'{"seconds": null}', "'seconds' must be a number"),
    (b'{"secs": 5}', "Unknown field 'secs'"),
    (b"[5]", "JSON object"),
    (b"{", "not valid JSON"),
])
def test_clock_advance_refuses_what_is_not_a_sane_duration(emu: Emulator, body: bytes,
                                                            fragment: str) -> None:
    before = emu.handle("GET", "/_emulator/clock").json()
    error(emu.handle("POST", "/_emulator/clock/advance", body=body), 400, fragment)
    assert emu.handle("GET", "/_emulator/clock").json() == before
    serves(emu)


def test_clock_advance_takes_numbers_up_to_ten_years_and_stops_before_year_9000(
        emu: Emulator) -> None:
    ok = emu.handle("POST", "/_emulator/clock/advance", body=b'{"seconds": 90.5}')
    assert ok.status == 200 and ok.json()["now"] == 90.5
    assert emu.handle("POST", "/_emulator/clock/advance", body=b"").status == 200
    ok = emu.handle("POST", "/_emulator/clock/advance",
                    body=json.dumps({"seconds": MAX_ADVANCE}).encode())
    assert ok.status == 200 and ok.json()["datetime"].startswith("2036-")
    serves(emu)
    emu.clock.advance(6960 * 365.25 * 86400)  # near the year 9000
    error(emu.handle("POST", "/_emulator/clock/advance",
                     body=json.dumps({"seconds": MAX_ADVANCE}).encode()), 400, "year 9000")
    with pytest.raises(ValueError):
        emu.advance(float("nan"))


@pytest.mark.parametrize(("body", "field"), [
    (b'{"latency_ms": Infinity}', "Infinity"),
    (b'{"latency_ms": 1e12}', "latency_ms"),
    (b'{"latency_ms": -5}', "latency_ms"),
    (b'{"latency_ms": "100"}', "latency_ms"),
    (b'{"latency_ms": true}', "latency_ms"),
    (b'{"latency_ms": null}', "latency_ms"),
    (b'{"error_rate": 1.5}', "error_rate"),
    (b'{"drop_rate": -0.1}', "drop_rate"),
    (b'{"malformed_rate": "0.5"}', "malformed_rate"),
    (b'{"rate_limit_rate": false}', "rate_limit_rate"),
    (b'{"rate_limit_reset": 2.5}', "rate_limit_reset"),
    (b'{"rate_limit_reset": 1000000}', "rate_limit_reset"),
    (b'{"error_statuses": [404]}', "error_statuses"),
    (b'{"error_statuses": []}', "error_statuses"),
    (b'{"error_statuses": "503"}', "error_statuses"),
    (b'{"fail_next": {"fault": "drop"}}', "fail_next"),
    (b'{"fail_next": ["drop"]}', "fail_next[0]"),
    (b'{"fail_next": [{"fault": "explode"}]}', "fail_next[0].fault"),
    (b'{"fail_next": [{"fault": "drop"}, {"fault": "status", "match": 5}]}',
     "fail_next[1].match"),
    (b'{"fail_next": [{"match": ["GET"]}]}', "fail_next[0].match"),
    (b'{"fail_next": [{"fault": "status", "status": "503"}]}', "fail_next[0].status"),
    (b'{"fail_next": [{"fault": "status", "status": 5030}]}', "fail_next[0].status"),
    (b'{"fail_next": [{"fault": "status", "status": 200}]}', "fail_next[0].status"),
    (b'{"fail_next": [{"fault": "status", "status": 503.0}]}', "fail_next[0].status"),
    (b'{"fail_next": [{"fault": "rate_limit", "reset": -1}]}', "fail_next[0].reset"),
    (b'{"fail_next": [{"fault": "drop", "mach": "GET"}]}', "fail_next[0].mach"),
    (b'{"bogus": 1}', "bogus"),
])
def test_fault_settings_out_of_range_are_400_naming_the_field(emu: Emulator, body: bytes,
                                                               field: str) -> None:
    before = emu.handle("GET", "/_emulator/faults").json()
    error(emu.handle("PUT", "/_emulator/faults", body=body), 400, field)
    assert emu.handle("GET", "/_emulator/faults").json() == before
    serves(emu)


def test_valid_fault_settings_apply_and_any_error_status_can_be_queued(emu: Emulator) -> None:
    api = Api(emu)
    put = emu.handle("PUT", "/_emulator/faults", body=json.dumps({
        "latency_ms": 120000, "error_statuses": [503], "rate_limit_reset": 3600,
        "fail_next": [{"fault": "status", "status": 404, "match": "GET /servers"},
                      {"fault": "status", "status": 418}]}).encode())
    assert put.status == 200 and put.json()["latency_ms"] == 120000
    error(api.get("/servers"), 404)
    teapot = error(api.get("/ping_auth"), 418)
    assert teapot["type"] == "IM_A_TEAPOT"
    assert api.get("/ping_auth").delay == 120.0


def test_fault_settings_from_the_command_line_are_checked_too() -> None:
    with pytest.raises(ValueError, match="latency_ms"):
        Faults(FaultSettings(latency_ms=float("inf")))
    with pytest.raises(ValueError, match="error_rate"):
        Faults(FaultSettings(error_rate=float("nan")))
