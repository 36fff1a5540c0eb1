"""The retry policy against the emulator's injected faults: 429 with a reset, 5xx, dropped
connections, mangled bodies, slow answers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from oneandone_tui.api import (
    Client,
    Hdd,
    InvalidResponse,
    NetworkError,
    RateLimited,
    RetryPolicy,
    Server,
    ServerError,
    Timeout,
    Timeouts,
)
from oneandone_tui.emulator.core import Emulator

from .helpers import named


@pytest.fixture
def slept() -> list[float]:
    return []


@pytest.fixture
async def rclient(emu: Emulator, slept: list[float], transport: Any) -> AsyncIterator[Client]:
    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    async with Client(emu.token, transport=transport, sleep=sleep,
                      retry=RetryPolicy(jitter=0, backoff=0.5, factor=2)) as c:
        yield c


def fail_next(emu: Emulator, *entries: dict[str, object]) -> None:
    emu.faults.update({"fail_next": list(entries)})


def sent(emu: Emulator, key: str) -> int:
    return int(emu.stats.snapshot()["requests"].get(key, 0))


async def test_429_waits_the_reset_then_succeeds(emu: Emulator, rclient: Client,
                                                 slept: list[float]) -> None:
    fail_next(emu, {"fault": "rate_limit", "reset": 3, "match": "GET /servers"})
    servers = await rclient.servers.list()
    assert len(servers) == 12
    assert slept == [3] and sent(emu, "GET /v1/servers") == 2
    assert rclient.stats.rate_limited == 1 and rclient.stats.last_rate_limit_wait == 3


async def test_429_on_post_is_retried_because_nothing_happened(emu: Emulator, rclient: Client,
                                                               slept: list[float]) -> None:
    app = named(await rclient.server_appliances.list(), "debian10-64std")
    fail_next(emu, {"fault": "rate_limit", "reset": 1, "match": "POST /servers"})
    created = await rclient.servers.create(Server(name="after-429", appliance_id=app["id"],
                                                  vcore=1, cores_per_processor=1, ram=1,
                                                  hdds=[Hdd(20, True)]))
    assert slept == [1] and sent(emu, "POST /v1/servers") == 2
    assert [s["name"] for s in await rclient.servers.list()].count("after-429") == 1
    assert created["name"] == "after-429"


async def test_a_long_reset_is_raised_not_waited(emu: Emulator, rclient: Client,
                                                 slept: list[float]) -> None:
    fail_next(emu, {"fault": "rate_limit", "reset": 600})
    with pytest.raises(RateLimited) as info:
        await rclient.servers.list()
    assert info.value.reset == 600 and info.value.status == 429 and slept == []


async def test_503_on_get_is_retried_with_backoff(emu: Emulator, rclient: Client,
                                                  slept: list[float]) -> None:
    fail_next(emu, {"fault": "status", "status": 503}, {"fault": "status", "status": 502})
    assert len(await rclient.images.list()) == 2
    assert slept == [0.5, 1.0] and sent(emu, "GET /v1/images") == 3
    assert rclient.stats.retries == 2 and rclient.stats.errors == 2


async def test_persistent_5xx_gives_up_after_max_attempts(emu: Emulator, rclient: Client,
                                                          slept: list[float]) -> None:
    fail_next(emu, *[{"fault": "status", "status": 500}] * 6)
    with pytest.raises(ServerError) as info:
        await rclient.datacenters.list()
    assert info.value.status == 500 and sent(emu, "GET /v1/datacenters") == 4
    assert slept == [0.5, 1.0, 2.0]


async def test_503_on_post_is_not_retried(emu: Emulator, rclient: Client,
                                          slept: list[float]) -> None:
    fail_next(emu, {"fault": "status", "status": 503, "match": "POST"})
    with pytest.raises(ServerError):
        await rclient.roles.create("no-retry")
    assert sent(emu, "POST /v1/roles") == 1 and slept == []


async def test_503_on_an_action_put_is_not_retried(emu: Emulator, rclient: Client) -> None:
    srv = named(await rclient.servers.list(), "web-01")
    fail_next(emu, {"fault": "status", "status": 503, "match": "PUT"})
    with pytest.raises(ServerError):
        await rclient.servers.reboot(srv["id"])
    assert sent(emu, "PUT /v1/servers/{server_id}/status/action") == 1


async def test_dropped_connection(emu: Emulator, rclient: Client) -> None:
    fail_next(emu, {"fault": "drop", "match": "GET /public_ips"})
    assert await rclient.public_ips.list()
    assert sent(emu, "GET /v1/public_ips") == 2
    fail_next(emu, {"fault": "drop", "match": "POST /roles"})
    with pytest.raises(NetworkError) as info:
        await rclient.roles.create("maybe-created")
    assert not isinstance(info.value, Timeout) and sent(emu, "POST /v1/roles") == 1


async def test_malformed_body(emu: Emulator, rclient: Client, transport: Any) -> None:
    fail_next(emu, {"fault": "malformed", "match": "GET /vpns"})
    assert [v["name"] for v in await rclient.vpns.list()] == ["office-vpn"]
    assert sent(emu, "GET /v1/vpns") == 2
    fail_next(emu, {"fault": "malformed"})
    async with Client(emu.token, transport=transport, retry=RetryPolicy.never()) as once:
        with pytest.raises(InvalidResponse):
            await once.vpns.list()


async def test_timeout_on_a_slow_answer(emu: Emulator, transport: Any) -> None:
    emu.faults.update({"latency_ms": 300})
    async with Client(emu.token, transport=transport, timeout=Timeouts(total=0.05),
                      retry=RetryPolicy(max_attempts=2, backoff=0, jitter=0)) as slow:
        with pytest.raises(Timeout) as info:
            await slow.ping.ping()
    assert info.value.method == "GET" and info.value.path == "/ping"
    assert sent(emu, "GET /v1/ping") == 2
    assert slow.stats.errors == 2 and slow.stats.in_flight == 0
