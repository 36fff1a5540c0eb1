"""A 502 or 504 to a change is a gateway's answer in place of the API's (RFC 9110 §15.6.3,
§15.6.5): the request reached the API behind it, which may have carried it out. For a
POST/PUT/DELETE the outcome is unknown (``OutcomeUnknown``), exactly as for a dropped
connection: never sent again blindly, and a DELETE whose retry finds the resource gone is
done. The API's own 500 and 503, and any 5xx to a read, stay server errors."""

from __future__ import annotations

import pytest

from oneandone_tui.api import (
    Hdd,
    NotFound,
    OutcomeUnknown,
    RetryPolicy,
    Server,
    ServerAction,
    ServerError,
    ServerHardware,
)

from .fakes import FakeApi, error, make_client, reply

SERVER = Server(name="web-03", appliance_id="A" * 32, vcore=1, cores_per_processor=1, ram=1,
                hdds=[Hdd(20, True)])
REASONS = {502: "Bad Gateway", 504: "Gateway Timeout"}


@pytest.mark.parametrize("status", [502, 504])
async def test_a_gateway_error_to_a_create_is_unknown_and_not_sent_again(status: int) -> None:
    api = FakeApi(error(status, REASONS[status], "GATEWAY"), reply(202, {"id": "S2"}))
    slept: list[float] = []
    async with make_client(api, slept=slept) as client:
        with pytest.raises(OutcomeUnknown) as info:
            await client.servers.create(SERVER)
    assert api.methods_and_paths == ["POST /v1/servers"] and slept == []
    err = info.value
    assert isinstance(err.cause, ServerError) and err.status == status
    assert (err.method, err.path) == ("POST", "/servers")
    text = str(err)
    assert f"A gateway answered {status} ({REASONS[status]})" in text
    assert "not known whether this was carried out" in text
    assert "Look at the account before trying again" in text


@pytest.mark.parametrize("status", [502, 504])
async def test_a_gateway_error_to_an_action_put_is_unknown(status: int) -> None:
    """A power action is a PUT that is not idempotent (``resources/_base.py``): not retried."""
    api = FakeApi(error(status), reply(202, {"id": "S1"}))
    async with make_client(api) as client:
        with pytest.raises(OutcomeUnknown):
            await client.servers.set_status("S1", ServerAction("REBOOT", "SOFTWARE"))
    assert api.methods_and_paths == ["PUT /v1/servers/S1/status/action"]


async def test_an_idempotent_put_is_retried_after_a_504_and_its_answer_counts() -> None:
    api = FakeApi(error(504), reply(202, {"id": "S1"}))
    async with make_client(api) as client:
        assert await client.servers.modify_hardware("S1", ServerHardware(vcore=2)) == {
            "id": "S1"}
    assert len(api.requests) == 2


async def test_an_idempotent_put_504_on_every_attempt_is_unknown() -> None:
    api = FakeApi(error(504))
    async with make_client(api) as client:
        with pytest.raises(OutcomeUnknown) as info:
            await client.servers.modify_hardware("S1", ServerHardware(vcore=2))
    assert len(api.requests) == 4 and "Every retry lost its answer too." in str(info.value)


async def test_a_delete_answered_504_whose_retry_finds_it_gone_is_done() -> None:
    api = FakeApi(error(504), error(404, "The server does not exist.", "NOT_FOUND"))
    async with make_client(api) as client:
        assert await client.servers.delete("S1") is None
    assert api.methods_and_paths == ["DELETE /v1/servers/S1"] * 2


@pytest.mark.parametrize("status", [500, 503])
async def test_the_apis_own_500_and_503_to_a_create_stay_server_errors(status: int) -> None:
    api = FakeApi(error(status, "Service Unavailable"))
    async with make_client(api) as client:
        with pytest.raises(ServerError) as info:
            await client.servers.create(SERVER)
    assert not isinstance(info.value, OutcomeUnknown) and info.value.status == status
    assert len(api.requests) == 1


@pytest.mark.parametrize("status", [502, 504])
async def test_a_gateway_error_to_a_read_stays_a_server_error(status: int) -> None:
    api = FakeApi(error(status))
    async with make_client(api, retry=RetryPolicy.never()) as client:
        with pytest.raises(ServerError) as info:
            await client.servers.list()
        with pytest.raises(NotFound):  # the next answer is read as it comes
            api.answers = [error(404)]
            await client.servers.get("X")
    assert not isinstance(info.value, OutcomeUnknown)
