"""The polling loops on scripted answers (no client, no emulator)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from oneandone_tui.api import NotFound, StateReader, WaitPolicy
from oneandone_tui.api.errors import WaitFailed, WaitTimeout
from oneandone_tui.api.waiting import wait_deleted, wait_for, wait_many, wait_many_deleted

SERVER = StateReader(path=("status", "state"), percent_path=("status", "percent"))
GENERIC = StateReader()


class Time:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


def script(*items: Any) -> Callable[[], Awaitable[Any]]:
    queue = list(items)

    async def fetch() -> Any:
        item = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(item, Exception):
            raise item
        return item

    return fetch


def srv(state: str, percent: int | None = None) -> dict[str, Any]:
    return {"id": "S", "status": {"state": state, "percent": percent}}


async def test_server_needs_a_stable_state_and_null_percent() -> None:
    t = Time()
    seen: list[tuple[str | None, int | None]] = []
    done = await wait_for(script(srv("DEPLOYING", 10), srv("POWERED_ON", 95), srv("POWERED_ON")),
                          SERVER, sleep=t.sleep, clock=t.clock,
                          on_progress=lambda s, p: seen.append((s, p)),
                          policy=WaitPolicy(interval=1, backoff=3, max_interval=5))
    assert done == srv("POWERED_ON")
    assert seen == [("DEPLOYING", 10), ("POWERED_ON", 95), ("POWERED_ON", None)]
    assert t.slept == [1, 3]


async def test_target_and_recovery_spellings() -> None:
    t = Time()
    done = await wait_for(script(srv("POWERED_ON"), srv("POWERING_OFF", 50), srv("POWERED_OFF")),
                          SERVER, target="POWERED_OFF", sleep=t.sleep, clock=t.clock)
    assert done["status"]["state"] == "POWERED_OFF"
    for state in ("ON RECOVERY", "ON_RECOVERY"):
        assert await wait_for(script(srv(state)), SERVER, sleep=t.sleep)


async def test_failed_state_stops_at_once() -> None:
    t = Time()
    with pytest.raises(WaitFailed) as info:
        await wait_for(script({"id": "X", "state": "CONFIGURING"}, {"id": "X", "state": "FAILED"}),
                       GENERIC, sleep=t.sleep, clock=t.clock, resource_id="X")
    assert (info.value.state, info.value.resource_id) == ("FAILED", "X") and len(t.slept) == 1


async def test_timeout_polls_once_more_at_the_deadline() -> None:
    t = Time()
    calls = 0

    async def fetch() -> dict[str, Any]:
        nonlocal calls
        calls += 1
        return {"id": "X", "state": "CONFIGURING"}

    with pytest.raises(WaitTimeout) as info:
        await wait_for(fetch, GENERIC, sleep=t.sleep, clock=t.clock,
                       policy=WaitPolicy(interval=4, backoff=1, timeout=10))
    assert t.slept == [4, 4, 2] and calls == 4 and info.value.state == "CONFIGURING"


async def test_wait_deleted() -> None:
    t = Time()
    states: list[str | None] = []
    await wait_deleted(script({"state": "REMOVING"}, NotFound(404, "gone")), GENERIC,
                       sleep=t.sleep, clock=t.clock, on_progress=lambda s, p: states.append(s))
    assert states == ["REMOVING", None]


async def test_wait_many_falls_back_to_one_get_for_unlisted_ids() -> None:
    t = Time()
    rounds = [[{"id": "A", "state": "CONFIGURING"}], [{"id": "A", "state": "ACTIVE"}]]
    fetched: list[str] = []

    async def list_items() -> list[dict[str, Any]]:
        return rounds.pop(0) if len(rounds) > 1 else rounds[0]

    async def fetch_one(rid: str) -> dict[str, Any]:
        fetched.append(rid)
        return {"id": rid, "state": "ACTIVE"}

    done = await wait_many(list_items, ["A", "B", "A"], GENERIC, fetch_one=fetch_one,
                           sleep=t.sleep, clock=t.clock)
    assert list(done) == ["A", "B"] and fetched == ["B"] and len(t.slept) == 1


async def test_wait_many_deleted_and_failures() -> None:
    t = Time()
    rounds = [[{"id": "A", "state": "REMOVING"}, {"id": "B", "state": "REMOVING"}],
              [{"id": "B", "state": "REMOVING"}], []]

    async def list_items() -> list[dict[str, Any]]:
        return rounds.pop(0)

    await wait_many_deleted(list_items, ["A", "B"], GENERIC, sleep=t.sleep, clock=t.clock)
    assert len(t.slept) == 2

    async def failing() -> list[dict[str, Any]]:
        return [{"id": "A", "state": "FAILED"}]

    with pytest.raises(WaitFailed):
        await wait_many(failing, ["A"], GENERIC, fetch_one=failing, sleep=t.sleep)  # type: ignore[arg-type]


def test_policy_validation_and_delays() -> None:
    delays = WaitPolicy(interval=2, backoff=2, max_interval=10).delays()
    assert [next(delays) for _ in range(5)] == [2, 4, 8, 10, 10]
    with pytest.raises(ValueError):
        WaitPolicy(interval=0)
    with pytest.raises(ValueError):
        WaitPolicy(backoff=0.5)
