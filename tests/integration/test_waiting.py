"""Waiting against the emulator, on emulated time: the injected sleep advances the emulator's
manual clock, so nothing sleeps for real, and the request counters show what each wait cost."""

from __future__ import annotations

from typing import Any

import pytest

from oneandone_tui.api import Client, FirewallPolicy, FirewallPolicyRule, Hdd, Server, WaitTimeout
from oneandone_tui.emulator.core import Emulator

from .helpers import named


class EmulatedTime:
    """``sleep`` and ``clock`` for the waits, both on the emulator's clock."""

    def __init__(self, emu: Emulator) -> None:
        self.emu = emu
        self.now = 0.0
        self.slept: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
        self.emu.advance(seconds)

    def clock(self) -> float:
        return self.now


@pytest.fixture
def time(emu: Emulator) -> EmulatedTime:
    return EmulatedTime(emu)


def count(emu: Emulator, key: str) -> int:
    return int(emu.stats.snapshot()["requests"].get(key, 0))


async def new_server(client: Client, name: str) -> dict[str, Any]:
    app = named(await client.server_appliances.list(), "ubuntu2004-64std")
    return await client.servers.create(Server(name=name, appliance_id=app["id"], vcore=1,
                                              cores_per_processor=1, ram=1,
                                              hdds=[Hdd(40, True)]))


async def test_wait_for_reports_progress_and_backs_off(emu: Emulator, client: Client,
                                                       time: EmulatedTime) -> None:
    created = await new_server(client, "wait-1")
    seen: list[tuple[str | None, int | None]] = []
    done = await client.servers.wait_for(created["id"], interval=2, backoff=2, max_interval=30,
                                         sleep=time.sleep, clock=time.clock,
                                         on_progress=lambda s, p: seen.append((s, p)))
    assert done["status"] == {"state": "POWERED_ON", "percent": None}
    assert seen[-1] == ("POWERED_ON", None)
    deploying = [p for s, p in seen if s == "DEPLOYING"]
    assert deploying and deploying == sorted(deploying) and all(p is not None for p in deploying)
    assert time.slept[:5] == [2, 4, 8, 16, 30] and max(time.slept) == 30
    assert sum(time.slept) >= 180  # the emulated deployment takes 180 s


async def test_wait_for_target_state(emu: Emulator, client: Client, time: EmulatedTime) -> None:
    srv = named(await client.servers.list(), "mail-gw")
    await client.servers.stop(srv["id"])
    done = await client.servers.wait_for(srv["id"], target="POWERED_OFF", sleep=time.sleep,
                                         clock=time.clock)
    assert done["status"]["state"] == "POWERED_OFF"


async def test_wait_times_out_with_the_last_state(emu: Emulator, client: Client,
                                                  time: EmulatedTime) -> None:
    created = await new_server(client, "wait-slow")
    with pytest.raises(WaitTimeout) as info:
        await client.servers.wait_for(created["id"], timeout=60, interval=5, backoff=1,
                                      sleep=time.sleep, clock=time.clock)
    assert info.value.state == "DEPLOYING" and info.value.percent is not None
    assert info.value.resource_id == created["id"] and time.now == pytest.approx(60)


async def test_wait_deleted_until_404(emu: Emulator, client: Client, time: EmulatedTime) -> None:
    srv = named(await client.servers.list(), "cache-01")
    await client.servers.delete(srv["id"])
    states: list[str | None] = []
    await client.servers.wait_deleted(srv["id"], sleep=time.sleep, clock=time.clock,
                                      on_progress=lambda s, p: states.append(s))
    assert states[0] == "REMOVING" and states[-1] is None
    assert srv["id"] not in {s["id"] for s in await client.servers.list()}


async def test_wait_many_costs_one_list_request_per_round(emu: Emulator, client: Client,
                                                          time: EmulatedTime) -> None:
    ids = [(await new_server(client, f"many-{i}"))["id"] for i in range(4)]
    lists, gets = count(emu, "GET /v1/servers"), count(emu, "GET /v1/servers/{server_id}")
    progress: list[tuple[str, str | None]] = []
    done = await client.servers.wait_many(ids, sleep=time.sleep, clock=time.clock,
                                          on_progress=lambda i, s, p: progress.append((i, s)))
    rounds = len(time.slept) + 1
    assert count(emu, "GET /v1/servers") - lists == rounds
    assert count(emu, "GET /v1/servers/{server_id}") == gets  # not one GET per server
    assert list(done) == ids
    assert all(set(item) == {"id", "status"} for item in done.values())  # fields=id,status
    assert all(item["status"]["state"] == "POWERED_ON" for item in done.values())
    assert {i for i, _ in progress} == set(ids)


async def test_wait_many_other_resources_use_state(emu: Emulator, client: Client,
                                                   time: EmulatedTime) -> None:
    ids = [(await client.firewall_policies.create(FirewallPolicy(
        name=f"fw-{i}", rules=[FirewallPolicyRule("TCP", 80, 80)])))["id"] for i in range(3)]
    before = count(emu, "GET /v1/firewall_policies")
    done = await client.firewall_policies.wait_many(ids, sleep=time.sleep, clock=time.clock)
    assert count(emu, "GET /v1/firewall_policies") - before == len(time.slept) + 1
    assert all(item == {"id": i, "state": "ACTIVE"} for i, item in done.items())


async def test_wait_many_deleted(emu: Emulator, client: Client, time: EmulatedTime) -> None:
    servers = [s for s in await client.servers.list() if s["name"].startswith("web-")]
    for srv in servers:
        await client.servers.delete(srv["id"])
    before = count(emu, "GET /v1/servers")
    await client.servers.wait_many_deleted([s["id"] for s in servers], sleep=time.sleep,
                                           clock=time.clock)
    assert count(emu, "GET /v1/servers") - before == len(time.slept) + 1
    assert not {s["id"] for s in servers} & {s["id"] for s in await client.servers.list()}


async def test_unknown_wait_options_are_refused(client: Client) -> None:
    with pytest.raises(TypeError, match="intervall"):
        await client.servers.wait_for("X", intervall=1)
