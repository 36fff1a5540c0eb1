"""The client's mechanics: URL and headers, query encoding, bodies, concurrency, counters, the
observer."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from oneandone_tui.api import (
    Client,
    Hdd,
    InvalidResponse,
    NotFound,
    OutcomeUnknown,
    RequestEvent,
    Server,
    Timeouts,
)
from oneandone_tui.secret import Secret

from .fakes import FakeApi, error, make_client, reply


async def test_url_headers_and_token() -> None:
    api = FakeApi(reply(200, []))
    async with make_client(api, token="abc" * 11, base_url="https://api.test/v1/") as client:
        await client.servers.list(sort="-name", q="web", fields=["id", "name"], page=2,
                                  per_page=10)
    req = api.requests[0]
    assert str(req.url).startswith("https://api.test/v1/servers?")
    assert dict(req.url.params) == {"sort": "-name", "q": "web", "fields": "id,name",
                                    "page": "2", "per_page": "10"}
    assert req.headers["X-TOKEN"] == "abc" * 11 and req.headers["Accept"] == "application/json"


async def test_no_token_sends_no_header() -> None:
    api = FakeApi(reply(200, ["PONG"]))
    async with make_client(api, token=None) as client:  # type: ignore[arg-type]
        await client.ping.ping()
    assert "X-TOKEN" not in api.requests[0].headers


async def test_query_booleans_and_nones() -> None:
    api = FakeApi(reply(202, {"id": "S"}))
    async with make_client(api) as client:
        await client.servers.delete("S", keep_ips=True, keep_hdds=False)
        await client.servers.remove_ip("S", "I")
    assert dict(api.requests[0].url.params) == {"keep_ips": "true", "keep_hdds": "false"}
    assert dict(api.requests[1].url.params) == {}


async def test_path_params_are_quoted() -> None:
    api = FakeApi(reply(200, {}))
    async with make_client(api) as client:
        await client.users.remove_allowed_ip("U", "2001:db8::1")
        await client.servers.get("a/b")
    assert api.requests[0].url.raw_path == b"/v1/users/U/api/ips/2001%3Adb8%3A%3A1"
    assert api.requests[1].url.raw_path == b"/v1/servers/a%2Fb"


async def test_body_has_only_what_is_set() -> None:
    api = FakeApi(reply(202, {"id": "S"}))
    async with make_client(api) as client:
        await client.servers.create(Server(name="w", appliance_id="A", vcore=1,
                                           cores_per_processor=1, ram=2, hdds=[Hdd(40, True)]))
        await client.public_ips.modify("I", None)
    assert json.loads(api.requests[0].content) == {
        "name": "w", "appliance_id": "A",
        "hardware": {"vcore": 1, "cores_per_processor": 1, "ram": 2,
                     "hdds": [{"size": 40, "is_main": True}]}}
    # Omitting reverse_dns clears it, so the one null the API needs is sent.
    assert json.loads(api.requests[1].content) == {"reverse_dns": None}


async def test_bodyless_calls_send_no_body() -> None:
    api = FakeApi(reply(202, {"id": "S"}))
    async with make_client(api) as client:
        await client.servers.create_snapshot("S")
        await client.users.change_api_key("U")
    assert [r.content for r in api.requests] == [b"", b""]


async def test_empty_and_invalid_success_bodies() -> None:
    async with make_client(FakeApi(reply(202))) as client:
        assert await client.servers.eject_dvd("S") is None
    async with make_client(FakeApi(reply(200, raw=b"<html>"))) as client:
        with pytest.raises(InvalidResponse):
            await client.servers.get("S")
        # A change whose answer cannot be read may have been carried out: not a plain error.
        with pytest.raises(OutcomeUnknown) as info:
            await client.servers.eject_dvd("S")
    assert isinstance(info.value.cause, InvalidResponse) and info.value.status == 200
    assert "accepted this (200)" in str(info.value) and "DELETE /servers/S/dvd" in str(info.value)


async def test_concurrency_is_bounded() -> None:
    active = peak = 0

    async def slow(request: httpx.Request) -> httpx.Response:
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        await asyncio.sleep(0)  # let every other request in that can get in (no real wait)
        active -= 1
        return reply(200, [])

    async with Client("t", transport=httpx.MockTransport(slow), max_concurrency=3) as client:
        await asyncio.gather(*(client.servers.list() for _ in range(10)))
        assert peak == 3 and client.stats.requests == 10 and client.stats.in_flight == 0


async def test_observer_hears_every_attempt() -> None:
    events: list[RequestEvent] = []
    api = FakeApi(error(503), reply(200, []), error(404))
    async with make_client(api, observer=events.append) as client:
        await client.servers.list()
        with pytest.raises(NotFound):
            await client.servers.get("X")
    assert [(e.method, e.path, e.status, e.attempt) for e in events] == [
        ("GET", "/servers", 503, 1), ("GET", "/servers", 200, 2), ("GET", "/servers/X", 404, 1)]
    assert events[0].error is not None and events[1].error is None
    assert all(e.duration >= 0 for e in events)


async def test_a_broken_observer_does_not_break_requests() -> None:
    def broken(event: RequestEvent) -> None:
        raise RuntimeError("journal full")

    async with make_client(FakeApi(reply(200, [])), observer=broken) as client:
        assert await client.servers.list() == []


async def test_stats_count_requests_errors_retries() -> None:
    api = FakeApi(error(503), error(502), reply(200, []), error(409))
    async with make_client(api) as client:
        await client.servers.list()
        with pytest.raises(Exception):  # noqa: B017 - the Conflict itself is not the point
            await client.servers.stop("S")
        assert (client.stats.requests, client.stats.errors, client.stats.retries) == (4, 3, 2)


async def test_construction_options() -> None:
    async with Client(Secret("x" * 32), timeout=5) as client:
        assert client.timeouts == Timeouts(5, 5, 5, 5, 5)
        assert client.token == Secret("x" * 32) and client.base_url.endswith("/v1")
        assert set(client.resources()) >= {"servers", "load_balancers", "ping"}


async def test_shared_storage_access_is_always_a_list() -> None:
    """The API answers a list (Go/Java/.NET); the Python SDK's fixture, one object: the client
    gives its readers a list either way, for GET and PUT alike."""
    creds = {"state": "ACTIVE", "user_domain": "ud", "site_id": "s", "kerberos_content_file": "k",
             "needs_password_reset": False}
    api = FakeApi(reply(200, [creds]), reply(200, creds), reply(202, creds), reply(202, [creds]))
    async with make_client(api) as client:
        assert await client.shared_storages.access() == [creds]
        assert await client.shared_storages.access() == [creds]
        assert await client.shared_storages.change_access_password("Passw0rd") == [creds]
        assert await client.shared_storages.change_access_password("Passw0rd") == [creds]
    assert json.loads(api.requests[2].content) == {"password": "Passw0rd"}
