"""A lost answer is not a failure (DESIGN.md §9 rule 4): after a timeout, a dropped connection
or an unreadable body on a change, the client says the outcome is unknown and never sends a
non-idempotent change twice; a retried DELETE that finds the resource gone or being removed
is done."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from oneandone_tui.api import (
    Conflict,
    Hdd,
    InvalidResponse,
    NetworkError,
    OutcomeUnknown,
    RetryPolicy,
    Server,
    ServerAction,
    ServerHardware,
    Timeout,
    Timeouts,
)

from .fakes import FakeApi, error, make_client, reply

SERVER = Server(name="web-03", appliance_id="A" * 32, vcore=1, cores_per_processor=1, ram=1,
                hdds=[Hdd(20, True)])
DROP = httpx.RemoteProtocolError("Server disconnected without sending a response.")


async def test_a_truncated_answer_to_a_create_is_not_sent_again() -> None:
    api = FakeApi(reply(202, raw=b'{"id": "S1", "name": "web-'), reply(202, {"id": "S2"}))
    async with make_client(api) as client:
        with pytest.raises(OutcomeUnknown) as info:
            await client.servers.create(SERVER)
    assert api.methods_and_paths == ["POST /v1/servers"]
    err = info.value
    assert isinstance(err.cause, InvalidResponse) and err.status == 202
    assert (err.method, err.path) == ("POST", "/servers")
    assert "accepted this (202)" in str(err) and "POST /servers" in str(err)
    assert "Look at the account before trying again" in str(err)


@pytest.mark.parametrize("failure", [DROP, httpx.ReadTimeout("slow")])
async def test_a_lost_answer_to_a_create_or_an_action_is_not_sent_again(failure) -> None:
    api = FakeApi(failure, failure, reply(202, {"id": "S2"}))
    async with make_client(api) as client:
        with pytest.raises(OutcomeUnknown) as info:
            await client.servers.create(SERVER)
        assert "is not known whether this was carried out" in str(info.value)
        with pytest.raises(OutcomeUnknown):
            await client.servers.set_status("S1", ServerAction("REBOOT", "SOFTWARE"))
    assert api.methods_and_paths == ["POST /v1/servers", "PUT /v1/servers/S1/status/action"]
    assert isinstance(info.value.cause, NetworkError) and info.value.status is None


async def test_a_create_that_never_left_is_tried_again() -> None:
    """A refused connection: the API never saw the request, so a retry cannot duplicate."""
    api = FakeApi(httpx.ConnectError("refused"), reply(202, {"id": "S1"}))
    slept: list[float] = []
    async with make_client(api, slept=slept) as client:
        assert await client.servers.create(SERVER) == {"id": "S1"}
    assert api.methods_and_paths == ["POST /v1/servers"] * 2 and slept == [0.5]


async def test_a_connect_timeout_says_nothing_was_sent() -> None:
    api = FakeApi(httpx.ConnectTimeout("no route"))
    async with make_client(api, retry=RetryPolicy.never(),
                           timeout=Timeouts(connect=3)) as client:
        with pytest.raises(Timeout) as info:
            await client.servers.create(SERVER)
    assert not isinstance(info.value, OutcomeUnknown) and not info.value.sent
    assert "connect timeout (3 s); nothing was sent" in str(info.value)


async def test_the_whole_request_timeout_names_its_limit() -> None:
    async def never(request: httpx.Request) -> httpx.Response:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    class Hang(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            return await never(request)

    from oneandone_tui.api import Client

    async with Client("t" * 32, transport=Hang(), timeout=Timeouts(total=0.01),
                      retry=RetryPolicy.never()) as client:
        with pytest.raises(Timeout) as info:
            await client.servers.list()
    assert "()" not in str(info.value)
    assert "No answer within the timeout (0.01 s for the whole request)" in str(info.value)


async def test_a_read_timeout_names_the_phase_and_its_limit() -> None:
    api = FakeApi(httpx.ReadTimeout("slow"))
    async with make_client(api, retry=RetryPolicy.never(), timeout=Timeouts(read=7)) as c:
        with pytest.raises(Timeout) as info:
            await c.servers.list()
    assert "No answer within the read timeout (7 s)" in str(info.value)


async def test_a_delete_whose_answer_was_lost_and_is_now_gone_is_done() -> None:
    api = FakeApi(DROP, error(404, "The server does not exist.", "NOT_FOUND"))
    async with make_client(api) as client:
        assert await client.servers.delete("S1") is None
    assert api.methods_and_paths == ["DELETE /v1/servers/S1"] * 2


async def test_a_delete_whose_retry_finds_it_being_removed_is_done() -> None:
    removing = {"id": "S1", "name": "web-01", "status": {"state": "REMOVING", "percent": 10}}
    api = FakeApi(reply(202, raw=b'{"id": "S1", "status": {"st'),
                  error(409, "The server 'web-01' is already being removed.", "CONFLICT"),
                  reply(200, removing))
    async with make_client(api) as client:
        response = await client.servers._send(client.servers.delete, server_id="S1")
    assert response.data == removing and response.settled == "removing"
    assert api.methods_and_paths == ["DELETE /v1/servers/S1", "DELETE /v1/servers/S1",
                                     "GET /v1/servers/S1"]


async def test_a_real_conflict_after_a_lost_answer_stays_a_conflict() -> None:
    """The retry was refused and the server is not being removed: the first DELETE did not
    happen either, and the API's reason is what the user needs."""
    busy = {"id": "S1", "status": {"state": "CONFIGURING", "percent": 40}}
    api = FakeApi(DROP, error(409, "Another operation is running.", "CONFLICT"),
                  reply(200, busy))
    async with make_client(api) as client:
        with pytest.raises(Conflict) as info:
            await client.servers.delete("S1")
    assert "Another operation is running" in str(info.value)


async def test_a_plain_409_to_a_delete_is_an_answer() -> None:
    api = FakeApi(error(409, "The server is busy.", "CONFLICT"))
    async with make_client(api) as client:
        with pytest.raises(Conflict):
            await client.servers.delete("S1")
    assert len(api.requests) == 1


async def test_a_put_whose_retry_is_refused_is_unknown() -> None:
    """PUT is idempotent and retried; but a refusal of the retry may be caused by the first
    attempt (the server is now busy resizing): unknown, not a failure."""
    api = FakeApi(DROP, error(409, "The server is being configured.", "CONFLICT"))
    async with make_client(api) as client:
        with pytest.raises(OutcomeUnknown) as info:
            await client.servers.modify_hardware("S1", ServerHardware(vcore=2))
    assert "A retry was answered 409: The server is being configured." in str(info.value)
    assert len(api.requests) == 2


async def test_a_delete_lost_on_every_attempt_is_unknown() -> None:
    api = FakeApi(DROP)
    slept: list[float] = []
    async with make_client(api, slept=slept) as client:
        with pytest.raises(OutcomeUnknown) as info:
            await client.servers.delete("S1")
    assert len(api.requests) == 4 and "Every retry lost its answer too." in str(info.value)


async def test_reads_keep_their_own_errors() -> None:
    api = FakeApi(DROP)
    async with make_client(api, retry=RetryPolicy.never()) as client:
        with pytest.raises(NetworkError) as info:
            await client.servers.list()
    assert not isinstance(info.value, OutcomeUnknown)
