"""Hostile request bodies and paths (issue 11, items 3 and 4): each is a 400 (or 404) with a
JSON ``{type, message}`` body saying why, nothing is stored that cannot be sent back, and the
list endpoints keep serving. The in-process adapters answer exactly as the core does."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from oneandone_tui.emulator import jsonbody
from oneandone_tui.emulator.core import Emulator
from tests.helpers import Api, error

CENTOS = "B5F778B85C041347BCDCFC3172AB3F3C"
LISTS = ("/servers", "/logs", "/monitoring_center", "/usages")


def server_body(name: str = "probe") -> bytes:
    return json.dumps({"name": name, "appliance_id": CENTOS,
                       "hardware": {"vcore": 1, "cores_per_processor": 1, "ram": 1,
                                    "hdds": [{"size": 20, "is_main": True}]}}).encode()


def with_name(raw_name: bytes) -> bytes:
    """A valid server body whose name is the raw JSON string ``raw_name`` (escapes kept)."""
    return server_body("@@").replace(b'"@@"', raw_name)


def lists_serve(api: Api) -> None:
    for path in LISTS:
        resp = api.get(path, period="LAST_24H") if path in ("/logs", "/usages") else api.get(path)
        assert resp.status == 200, (path, resp.body[:200])
        json.loads(resp.body.decode("utf-8"))


def test_lone_surrogate_in_a_name_is_refused_and_nothing_is_stored(api: Api) -> None:
    before = len(api.ok(api.get("/servers")))
    logs_before = len(api.ok(api.get("/logs", period="LAST_24H")))
    body = error(api.call("POST", "/servers", raw=with_name(b'"bad\\ud800"')), 400,
                 "'name'", "lone surrogate", "\\ud800")
    assert body["type"] == "BAD_REQUEST"
    assert len(api.ok(api.get("/servers"))) == before
    assert len(api.ok(api.get("/logs", period="LAST_24H"))) == logs_before
    lists_serve(api)


def test_surrogates_anywhere_in_a_body_are_refused_but_pairs_are_text(api: Api) -> None:
    web = api.find("servers", "web-01")
    # A lone low surrogate, one in a nested list, and one in a key.
    error(api.call("PUT", f"/servers/{web['id']}", raw=b'{"name": "x\\udc00y"}'), 400, "name")
    error(api.call("POST", "/servers", raw=b'{"hardware": {"hdds": [{"size": "\\ud83d"}]}}'),
          400, "hardware.hdds[0].size")
    error(api.call("PUT", f"/servers/{web['id']}", raw=b'{"n\\ud800": 1}'), 400, "key")
    # A complete pair is one character, stored and sent back as UTF-8.
    renamed = api.ok(api.call("PUT", f"/servers/{web['id']}", raw=b'{"name": "ok \\ud83d\\ude00"}'))
    assert renamed["name"] == "ok \U0001f600"
    assert "ok \U0001f600".encode() in api.get("/servers").body
    lists_serve(api)


def test_a_surrogate_stored_another_way_does_not_stop_the_lists(emu: Emulator, api: Api) -> None:
    """Defence in depth: should some path ever store one, the answers still encode (U+FFFD)."""
    web = next(s for s in emu.store.servers.values() if s["name"] == "web-01")
    web["name"] = "bad\ud800"
    lists_serve(api)
    assert api.find("servers", "bad\ufffd")


@pytest.mark.parametrize(("raw", "fragment"), [
    (b"[" * 5000 + b"]" * 5000, "nested too deeply"),
    (b'{"a":' * 40 + b"1" + b"}" * 40, "nested too deeply"),
    (b'{"name": "x", "hardware": {"vcore": ' + b"9" * 400 + b"}}", "out of range"),
    (b'{"name": "x", "hardware": {"vcore": ' + b"9" * 5000 + b"}}", "out of range"),
    (b'{"name": "x", "hardware": {"vcore": -9223372036854775809}}', "out of range"),
    (b'{"name": "x", "hardware": {"ram": 1e400}}', "out of range"),
    (b'{"name": "x", "hardware": {"ram": NaN}}', "NaN is not a JSON number"),
    (b'{"name": "x", "hardware": {"ram": -Infinity}}', "-Infinity is not a JSON number"),
    (b'{"name": "\xff\xfe"}', "not UTF-8"),
    (b"{not json", "not valid JSON"),
    (b'{"name": "x"} trailing', "not valid JSON"),
])
def test_unparseable_too_deep_and_out_of_range_bodies_are_400(api: Api, raw: bytes,
                                                              fragment: str) -> None:
    error(api.call("POST", "/servers", raw=raw), 400, fragment)
    lists_serve(api)


def test_numbers_within_64_bits_reach_the_field_rules(api: Api) -> None:
    """The largest integers parse, and the handler's range rule names the field (was an
    OverflowError past 308 digits)."""
    raw = server_body().replace(b'"vcore": 1', b'"vcore": 9223372036854775807')
    error(api.call("POST", "/servers", raw=raw), 400, "hardware.vcore")


def test_a_body_over_the_limit_is_400(api: Api) -> None:
    big = b'{"name": "' + b"x" * jsonbody.MAX_BODY_BYTES + b'"}'
    error(api.call("POST", "/servers", raw=big), 400, "too large")
    error(api.emu.handle("PUT", "/_emulator/faults", body=big), 400, "too large")


def test_deep_nesting_on_the_faults_control_is_400(emu: Emulator) -> None:
    error(emu.handle("PUT", "/_emulator/faults", body=b"[" * 5000 + b"]" * 5000), 400,
          "nested too deeply")
    error(emu.handle("POST", "/_emulator/clock/advance", body=b'{"seconds":' * 2000), 400)
    assert emu.handle("GET", "/_emulator/faults").status == 200


def test_percent_2f_inside_an_id_is_not_a_path_separator(api: Api) -> None:
    web = api.find("servers", "web-01")
    # Before: /servers/<id>%2Fips was routed as GET /servers/<id>/ips.
    error(api.call("GET", f"/servers/{web['id']}%2Fips"), 404, f"'{web['id']}/ips'")
    error(api.call("DELETE", f"/servers/{web['id']}%2Fips"), 404)
    assert api.get(f"/servers/{web['id']}").status == 200


@pytest.mark.parametrize("method", ["OPTIONS", "TRACE", "HEAD", "CONNECT", "PROPFIND"])
def test_other_methods_are_json_405(api: Api, method: str) -> None:
    error(api.call(method, "/servers"), 405, method, "allowed: GET, POST")


def test_an_unexpected_failure_is_a_json_500_and_the_emulator_goes_on(
        emu: Emulator, api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    r, _ = emu.router.match("GET", "/ping_auth")

    def broken(req: object) -> object:
        raise KeyError("boom")

    monkeypatch.setattr(r, "handler", broken)
    body = error(api.get("/ping_auth"), 500, "KeyError")
    assert body["type"] == "INTERNAL_SERVER_ERROR" and "boom" not in body["message"]
    lists_serve(api)


# -- the in-process adapters answer as the core does ----------------------------------------
HOSTILE = [
    with_name(b'"bad\\ud800"'),
    b"[" * 3000 + b"]" * 3000,
    b'{"name": 1' + b"0" * 5000 + b"}",
    b'{"name": "x", "hardware": {"ram": NaN}}',
    b"\xff\xfe",
    b'{"name": "' + b"x" * jsonbody.MAX_BODY_BYTES + b'"}',
]


@pytest.mark.parametrize("raw", HOSTILE, ids=range(len(HOSTILE)))
def test_direct_and_httpx_adapters_answer_like_the_core(emu: Emulator, raw: bytes) -> None:
    headers = {"X-TOKEN": emu.token, "Content-Type": "application/json"}
    core = emu.handle("POST", "/v1/servers", [], headers, raw)
    assert core.status == 400

    async def through_adapters() -> list[tuple[int, bytes]]:
        status, _h, body = await emu.direct().exchange("POST", "/v1/servers", [], headers, raw)
        async with httpx.AsyncClient(transport=emu.transport(), base_url="http://emu") as c:
            r = await c.post("/v1/servers", content=raw, headers=headers)
        return [(status, body), (r.status_code, r.content)]

    answers = asyncio.run(through_adapters())
    with httpx.Client(transport=emu.transport(), base_url="http://emu") as c:
        r = c.post("/v1/servers", content=raw, headers=headers)
    answers.append((r.status_code, r.content))
    assert answers == [(400, core.body)] * 3
    lists_serve(Api(emu))
