"""Invalid requests fail before anything is sent: the emulator's counters do not move."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from oneandone_tui.api import (
    BlockStorage,
    Client,
    FirewallPolicy,
    FirewallPolicyRule,
    Hdd,
    Image,
    LoadBalancer,
    LoadBalancerRule,
    MonitoringPolicy,
    PrivateNetwork,
    ReadOnlyError,
    Server,
    ServerAction,
    SharedStorage,
    User,
    ValidationError,
)
from oneandone_tui.emulator.core import Emulator

SID = "0" * 32
CASES: list[tuple[str, Callable[[Client], Awaitable[Any]], str, str]] = [
    ("hdd size", lambda c: c.servers.create(Server(
        name="x", appliance_id=SID, vcore=1, cores_per_processor=1, ram=1,
        hdds=[Hdd(40, True), Hdd(30)])), "hdds[1].size", "multiple of 20"),
    ("ram step", lambda c: c.servers.create(Server(
        name="x", appliance_id=SID, vcore=1, cores_per_processor=1, ram=1.3,
        hdds=[Hdd(40, True)])), "ram", "multiple of 0.5"),
    ("action", lambda c: c.servers.set_status(SID, ServerAction("SHUTDOWN")), "action",
     "must be one of"),
    ("shrink", lambda c: c.servers.modify_hdd(SID, SID, 40, current_size=60), "size",
     "never decrease"),
    ("empty id", lambda c: c.servers.get(""), "server_id", "is required"),
    ("image num", lambda c: c.images.create(Image(server_id=SID, name="i", frequency="ONCE",
                                                  num_images=51)), "num_images", "between 1"),
    ("storage", lambda c: c.shared_storages.create(SharedStorage(name="s", size=75)), "size",
     "multiple of 50"),
    ("fw deny", lambda c: c.firewall_policies.create(FirewallPolicy(
        name="f", rules=[FirewallPolicyRule("TCP", 1, 2, action="deny")])), "rules[0].action",
     "only allowed with protocol ANY"),
    ("lb persistence", lambda c: c.load_balancers.create(LoadBalancer(
        name="l", method="ROUND_ROBIN", persistence=True,
        rules=[LoadBalancerRule("TCP", 80, 80)])), "persistence_time", "is required"),
    ("pn mask", lambda c: c.private_networks.create(PrivateNetwork(
        name="p", network_address="10.0.0.1", subnet_mask="255.255.255.0")),
     "network_address", "not a network address"),
    ("mp thresholds", lambda c: c.monitoring_policies.create(MonitoringPolicy(
        name="m", agent=True, thresholds=[])), "thresholds", "must include cpu"),
    ("user password", lambda c: c.users.create(User(name="u", password="short")), "password",
     "8 to 64"),
    ("block size", lambda c: c.block_storages.create(BlockStorage(name="b", size=505)), "size",
     "between 20 and 500"),
    ("ips", lambda c: c.users.add_allowed_ips(SID, ["not-an-ip"]), "ips[0]", "IP address"),
    ("attach none", lambda c: c.private_networks.attach_servers(SID, []), "servers",
     "at least 1"),
    ("period", lambda c: c.logs.list("CUSTOM"), "start_date", "required when period is CUSTOM"),
    ("sort", lambda c: c.servers.list(sort="name;drop"), "sort", "field name"),
    ("per_page", lambda c: c.servers.list(per_page=0), "per_page", "at least 1"),
]


@pytest.mark.parametrize(("label", "action", "field", "rule"), CASES,
                         ids=[c[0] for c in CASES])
async def test_invalid_request_raises_before_sending(emu: Emulator, client: Client, label: str,
                                                     action: Callable[[Client], Awaitable[Any]],
                                                     field: str, rule: str) -> None:
    before = emu.stats.snapshot()["total"]
    with pytest.raises(ValidationError) as info:
        await action(client)
    assert info.value.field == field, info.value
    assert rule in info.value.rule
    assert emu.stats.snapshot()["total"] == before
    assert client.stats.requests == 0


async def test_read_only_client_refuses_changes_without_sending(emu: Emulator,
                                                                  transport: Any) -> None:
    async with Client(emu.token, transport=transport, read_only=True) as ro:
        assert len(await ro.servers.list()) == 12
        before = emu.stats.snapshot()["total"]
        with pytest.raises(ReadOnlyError):
            await ro.roles.create("nope")
        with pytest.raises(ReadOnlyError):
            await ro.servers.stop((await ro.servers.list())[0]["id"])
        assert emu.stats.snapshot()["mutating"] == 0
        assert emu.stats.snapshot()["total"] == before + 1
