"""Lost answers against the emulator's faults, over both wires: a change whose answer is lost
is never sent twice, says that its outcome is unknown, and a DELETE whose retry finds the
resource being removed (or gone) is done."""

from __future__ import annotations

from typing import Any

import pytest

from oneandone_tui.api import Client, OutcomeUnknown, RetryPolicy

from .helpers import named


def fail_next(emu: Any, *entries: dict[str, object]) -> None:
    emu.faults.update({"fail_next": list(entries)})


def sent(emu: Any, key: str) -> int:
    return int(emu.stats.snapshot()["requests"].get(key, 0))


async def test_a_truncated_answer_to_a_create_is_not_sent_again(emu: Any,
                                                                 client: Client) -> None:
    fail_next(emu, {"fault": "malformed", "match": "POST /roles"})
    with pytest.raises(OutcomeUnknown) as info:
        await client.roles.create("ops")
    assert 200 <= (info.value.status or 0) < 300  # accepted, answer unreadable
    assert (info.value.method, info.value.path) == ("POST", "/roles")
    assert sent(emu, "POST /v1/roles") == 1
    assert [r["name"] for r in await client.roles.list()].count("ops") == 1  # it did happen


async def test_a_dropped_create_is_unknown_and_not_sent_again(emu: Any,
                                                              client: Client) -> None:
    fail_next(emu, {"fault": "drop", "match": "POST /roles"})
    with pytest.raises(OutcomeUnknown) as info:
        await client.roles.create("dropped")
    assert info.value.status is None and sent(emu, "POST /v1/roles") == 1
    # (The emulator drops before acting: nothing was created, which only looking can tell.)
    assert "dropped" not in [r["name"] for r in await client.roles.list()]


async def test_a_truncated_answer_to_a_delete_is_done(emu: Any, client: Client) -> None:
    web = named(await client.servers.list(), "web-01")
    fail_next(emu, {"fault": "malformed", "match": "DELETE /servers"})
    response = await client.servers._send(client.servers.delete, server_id=web["id"])
    assert response.settled == "removing"
    assert response.data["status"]["state"] == "REMOVING"
    assert sent(emu, "DELETE /v1/servers/{server_id}") == 2  # the retry found it removing
    emu.settle()
    assert "web-01" not in [s["name"] for s in await client.servers.list()]


async def test_a_delete_whose_retry_finds_it_gone_is_done(emu: Any, transport: Any) -> None:
    """The answer is lost and, before the retry, the removal completes: 404 means done."""
    async def settle_then_retry(seconds: float) -> None:
        emu.settle()

    async with Client(emu.token, transport=transport, sleep=settle_then_retry,
                      retry=RetryPolicy(jitter=0)) as client:
        vpn = named(await client.vpns.list(), "office-vpn")
        fail_next(emu, {"fault": "malformed", "match": "DELETE /vpns"})
        assert await client.vpns.delete(vpn["id"]) is None
    assert sent(emu, "DELETE /v1/vpns/{vpn_id}") == 2
