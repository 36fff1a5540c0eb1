"""The retry policy through the client, on a scripted transport."""

from __future__ import annotations

import httpx
import pytest

from oneandone_tui.api import (
    AuthError,
    NetworkError,
    NotFound,
    RateLimited,
    RetryPolicy,
    ServerClone,
    ServerError,
    Timeout,
)
from oneandone_tui.api.errors import Conflict

from .fakes import FakeApi, error, make_client, reply


async def test_429_honours_x_rate_limit_reset() -> None:
    api = FakeApi(error(429, headers={"X-Rate-Limit-Reset": "4"}), reply(200, ["PONG"]))
    slept: list[float] = []
    async with make_client(api, slept=slept) as client:
        assert await client.ping.ping() == ["PONG"]
        assert slept == [4] and client.stats.last_rate_limit_wait == 4
        assert client.stats.rate_limited == 1 and client.stats.requests == 2


async def test_429_honours_retry_after_and_falls_back_to_backoff() -> None:
    api = FakeApi(error(429, headers={"Retry-After": "2"}), error(429), reply(200, []))
    slept: list[float] = []
    async with make_client(api, slept=slept, retry=RetryPolicy(jitter=0, backoff=0.25)) as c:
        await c.servers.list()
    assert slept == [2, 0.5]  # Retry-After, then the backoff of attempt 2


async def test_429_longer_than_the_cap_is_raised_at_once() -> None:
    api = FakeApi(error(429, headers={"X-Rate-Limit-Reset": "3600"}))
    slept: list[float] = []
    async with make_client(api, slept=slept) as client:
        with pytest.raises(RateLimited) as info:
            await client.servers.list()
    assert info.value.reset == 3600 and slept == [] and len(api.requests) == 1


async def test_429_is_retried_for_posts_too() -> None:
    api = FakeApi(error(429, headers={"X-Rate-Limit-Reset": "1"}), reply(201, {"id": "R"}))
    async with make_client(api) as client:
        assert await client.roles.create("r") == {"id": "R"}
    assert api.methods_and_paths == ["POST /v1/roles"] * 2


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_5xx_retried_for_idempotent_methods(status: int) -> None:
    api = FakeApi(error(status), error(status), reply(200, {"id": "S"}))
    slept: list[float] = []
    async with make_client(api, slept=slept) as client:
        assert await client.servers.get("S") == {"id": "S"}
    assert slept == [0.5, 1.0] and len(api.requests) == 3


async def test_5xx_attempts_are_bounded() -> None:
    api = FakeApi(error(503))
    slept: list[float] = []
    async with make_client(api, slept=slept, retry=RetryPolicy(max_attempts=3, jitter=0,
                                                               max_backoff=0.6)) as client:
        with pytest.raises(ServerError):
            await client.servers.delete("S")
    assert len(api.requests) == 3 and slept == [0.5, 0.6]


async def test_5xx_not_retried_for_post_or_action_puts() -> None:
    api = FakeApi(error(503))
    async with make_client(api) as client:
        with pytest.raises(ServerError):
            await client.roles.create("r")
        with pytest.raises(ServerError):
            await client.servers.reboot("S")
        with pytest.raises(ServerError):
            await client.users.change_api_key("U")
        with pytest.raises(ServerError):
            await client.servers.restore_snapshot("S", "N")
    assert len(api.requests) == 4


async def test_501_and_4xx_are_answers_not_failures() -> None:
    for answer, exc in ((error(501), ServerError), (error(404), NotFound),
                        (error(401), AuthError), (error(409), Conflict)):
        api = FakeApi(answer)
        async with make_client(api) as client:
            with pytest.raises(exc):
                await client.servers.list()
        assert len(api.requests) == 1


async def test_network_errors_retried_only_when_idempotent() -> None:
    def drop() -> Exception:
        return httpx.RemoteProtocolError("Server disconnected without sending a response.")

    api = FakeApi(drop(), httpx.ConnectError("refused"), reply(200, []))
    async with make_client(api) as client:
        assert await client.servers.list() == []
    assert len(api.requests) == 3
    api = FakeApi(drop())
    async with make_client(api) as client:
        with pytest.raises(NetworkError) as info:
            await client.servers.clone("S", ServerClone("c"))
    assert len(api.requests) == 1 and "RemoteProtocolError" in str(info.value)


async def test_timeouts_become_timeout_and_are_retried_for_gets() -> None:
    api = FakeApi(httpx.ReadTimeout("slow"), httpx.ConnectTimeout("slow"), reply(200, []))
    async with make_client(api) as client:
        assert await client.images.list() == []
    api = FakeApi(httpx.ReadTimeout("slow"))
    async with make_client(api, retry=RetryPolicy.never()) as client:
        with pytest.raises(Timeout) as info:
            await client.images.list()
    assert (info.value.method, info.value.path) == ("GET", "/images")


async def test_invalid_json_is_retried_for_gets() -> None:
    api = FakeApi(reply(200, raw=b'[{"id": "A"'), reply(200, [{"id": "A"}]))
    async with make_client(api) as client:
        assert await client.images.list() == [{"id": "A"}]
    assert len(api.requests) == 2


def test_policy_delays() -> None:
    policy = RetryPolicy(backoff=1, factor=3, max_backoff=5, jitter=0)
    assert [policy.backoff_delay(n) for n in (1, 2, 3)] == [1, 3, 5]
    spread = RetryPolicy(backoff=1, jitter=0.5, random=lambda: 1.0)
    err = ServerError(503, "x")
    assert spread.delay(err, idempotent=True, attempt=1) == 1.5
    assert spread.delay(err, idempotent=False, attempt=1) is None
    assert spread.delay(err, idempotent=True, attempt=4) is None
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)
