"""What a form finds when it looks at the account after a lost answer (``outcome.py``), for
each kind of change, against the emulator: a create by name against the snapshot taken
before sending, a delete and an action by reading the item back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from oneandone_tui.api import (
    Client,
    NetworkError,
    OutcomeUnknown,
    RetryPolicy,
    ServerUpdate,
    Vpn,
)
from oneandone_tui.catalogue import category
from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.emulator.core import Emulator
from oneandone_tui.ui.forms.outcome import check, creates, snapshot


@dataclass
class App:
    client: Any


@dataclass
class Ctx:
    app: App
    cat: Any
    items: list[Any] = field(default_factory=list)

    @property
    def client(self) -> Any:
        return self.app.client


def lost(method: str, path: str) -> OutcomeUnknown:
    return OutcomeUnknown(NetworkError("Network error: dropped"), method=method, path=path)


def setup(**kw: Any) -> tuple[Emulator, Client]:
    emu = Emulator(seed=1, clock=ManualClock())
    return emu, Client(emu.token, transport=emu.direct(), **kw)


async def test_a_create_found_by_name_that_was_not_there_before_is_done() -> None:
    _, client = setup()
    ctx = Ctx(App(client), category("vpns"))
    assert creates(ctx)
    before = await snapshot(ctx, {"name": "office-vpn"})
    assert before and len(before) == 1  # one is there already, with the same name
    created = await client.vpns.create(Vpn("office-vpn"))
    found = await check(lost("POST", "/vpns"), ctx, None, {"name": "office-vpn"}, before)
    assert found.done and found.result["id"] == created["id"]
    assert "office-vpn was created" in found.text


async def test_a_create_not_found_may_be_retried() -> None:
    _, client = setup()
    ctx = Ctx(App(client), category("vpns"))
    before = await snapshot(ctx, {"name": "new-vpn"})
    found = await check(lost("POST", "/vpns"), ctx, None, {"name": "new-vpn"}, before)
    assert not found.done and found.checked
    assert "no vpn named 'new-vpn' was created" in found.text


async def test_without_a_snapshot_a_same_named_resource_is_reported_not_assumed() -> None:
    _, client = setup()
    ctx = Ctx(App(client), category("vpns"))
    found = await check(lost("POST", "/vpns"), ctx, None, {"name": "office-vpn"}, None)
    assert not found.done and "cannot be told whether one is new" in found.text


async def test_a_delete_found_removing_or_gone_is_done() -> None:
    emu, client = setup()
    ctx = Ctx(App(client), category("servers"))
    web = next(s for s in await client.servers.list() if s["name"] == "web-01")
    still = await check(lost("DELETE", "/servers/x"), ctx, web, {}, None)
    assert not still.done and "still there" in still.text and "not deleted" in still.text
    await client.servers.delete(web["id"])
    removing = await check(lost("DELETE", "/servers/x"), ctx, web, {}, None)
    assert removing.done and "being removed" in removing.text
    emu.settle()
    gone = await check(lost("DELETE", "/servers/x"), ctx, web, {}, None)
    assert gone.done and "is gone" in gone.text


async def test_an_action_shows_the_state_found() -> None:
    _, client = setup()
    ctx = Ctx(App(client), category("servers"))
    web = next(s for s in await client.servers.list() if s["name"] == "web-01")
    await client.servers.reboot(web["id"])
    found = await check(lost("PUT", "/servers/x/status/action"), ctx, web, {}, None)
    assert not found.done and "web-01 is now REBOOTING" in found.text
    assert "busy" in found.text


async def test_when_looking_fails_the_outcome_stays_unknown() -> None:
    emu, client = setup(retry=RetryPolicy.never())
    ctx = Ctx(App(client), category("servers"))
    web = next(s for s in await client.servers.list() if s["name"] == "web-01")
    emu.faults.update({"fail_next": [{"fault": "drop"}]})
    found = await check(lost("DELETE", "/servers/x"), ctx, web, {}, None)
    assert not found.checked and not found.done and "still unknown" in found.text


async def test_an_edit_is_judged_by_reading_its_fields_back() -> None:
    """A rename sends only the item's own fields: read back, they say whether it took."""
    _, client = setup()
    ctx = Ctx(App(client), category("servers"))
    web = next(s for s in await client.servers.list() if s["name"] == "web-01")
    sent = {"name": "web-01b", "description": ""}
    not_yet = await check(lost("PUT", "/servers/x"), ctx, web, sent, None)
    assert not not_yet.done and not_yet.checked
    assert "name is still 'web-01', not 'web-01b': the change did not take" in not_yet.text
    await client.servers.modify(web["id"], ServerUpdate(name="web-01b"))
    took = await check(lost("PUT", "/servers/x"), ctx, web, sent, None)
    assert took.done and "web-01b has what was sent: the change took" in took.text
    assert took.result["name"] == "web-01b"


async def test_an_action_whose_values_are_not_fields_is_not_judged() -> None:
    _, client = setup()
    ctx = Ctx(App(client), category("servers"))
    web = next(s for s in await client.servers.list() if s["name"] == "web-01")
    found = await check(lost("PUT", "/servers/x/status/action"), ctx, web,
                        {"action": "POWER_OFF", "method": "SOFTWARE"}, None)
    assert not found.done and "Check that the change took" in found.text
