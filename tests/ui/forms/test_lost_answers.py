"""A lost answer is not a failure (DESIGN.md §9 rule 4), through the real forms against the
emulator: after a truncated answer, a dropped connection or a client timeout, the form looks
at the account before anything is sent again, says what it found, and never creates twice."""

from __future__ import annotations

import asyncio
from typing import Any

from textual.widgets import Button

from oneandone_tui.api import Client, RetryPolicy, Timeouts
from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.emulator.core import Emulator
from oneandone_tui.launch import make_app
from oneandone_tui.ui.widgets.status_bar import Connection
from tests.ui.forms.helpers import (
    error_text,
    fill,
    finish,
    mutating,
    notifications,
    open_key,
    option,
    settle,
    submit,
    until,
)


def named(app: Any, name: str) -> list[dict[str, Any]]:
    return [s for s in app.emulator.store.servers.values() if s.get("name") == name]


def posts(app: Any) -> int:
    return int(app.emulator.stats.snapshot()["requests"].get("POST /v1/servers", 0))


async def new_server(pilot: Any, name: str) -> Any:
    form = await open_key(pilot, "servers", "n")
    await fill(pilot, form, name=name,
               appliance_id=option(form, "appliance_id", "centos7-64std"))
    return form


def button(form: Any) -> Button:
    return form.query_one("#form-submit", Button)


async def test_a_truncated_answer_to_a_create_leaves_one_server_and_says_so(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await new_server(pilot, "web-03")
        app.emulator.faults.update({"fail_next": [{"fault": "malformed",
                                                   "match": "POST /servers"}]})
        await submit(pilot, form)
        await settle(pilot)
        assert len(named(app, "web-03")) == 1 and posts(app) == 1
        assert any("web-03 was created" in n and "answer was lost" in n
                   for n in notifications(app))
        assert "not valid JSON" not in error_text(form)
        # Enter again: the form follows the server it found; nothing is sent a second time.
        await submit(pilot, form)
        await finish(pilot)
        assert len(named(app, "web-03")) == 1 and posts(app) == 1
        assert named(app, "web-03")[0]["state"] == "POWERED_ON"


async def test_a_lost_answer_to_a_delete_reports_success(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "servers", "ctrl+d", "web-01")
        await fill(pilot, form, __typed__="web-01")
        app.emulator.faults.update({"fail_next": [{"fault": "malformed",
                                                   "match": "DELETE /servers"}]})
        await submit(pilot, form)
        await settle(pilot)
        assert not error_text(form), error_text(form)
        assert not any("409" in n or "failed" in n.lower() for n in notifications(app))
        await finish(pilot)
        assert named(app, "web-01") == []
        assert any("web-01 is deleted" in n for n in notifications(app))


async def test_a_lost_answer_to_a_create_that_never_happened_lets_the_user_retry(demo_app):
    """The emulator drops the connection before acting: the form finds no such server,
    says so, and Create works again (one server in the end)."""
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await new_server(pilot, "web-04")
        app.emulator.faults.update({"fail_next": [{"fault": "drop",
                                                   "match": "POST /servers"}]})
        await submit(pilot, form)
        await settle(pilot)
        assert named(app, "web-04") == [] and app.screen is form
        assert "no server named 'web-04' was created" in error_text(form)
        assert str(button(form).label) == "Create" and not button(form).disabled
        assert form.values()["name"] == "web-04"  # what was typed is kept
        await submit(pilot, form)
        await finish(pilot)
        assert len(named(app, "web-04")) == 1 and posts(app) == 2


class Slow:
    """The emulator in process, but the answer to one kind of request arrives only after the
    client gave up: the server acted, the client timed out (or the connection dropped)."""

    def __init__(self, emu: Emulator, match: str, *, drop: bool = False) -> None:
        self.inner = emu.direct()
        self.match = match
        self.drop = drop
        self.stuck = True

    async def exchange(self, method: str, path: str, *rest: Any) -> Any:
        answer = await self.inner.exchange(method, path, *rest)
        if self.stuck and f"{method} {path}".startswith(self.match):
            if self.drop:
                raise ConnectionResetError("Connection reset by peer")
            await asyncio.sleep(30)
        return answer


def slow_app(match: str, *, drop: bool = False, timeout: float = 0.3) -> Any:
    emu = Emulator(seed=1, clock=ManualClock())
    slow = Slow(emu, match, drop=drop)

    async def no_sleep(seconds: float) -> None:
        return None

    client = Client(emu.token, transport=slow, timeout=Timeouts(total=timeout),
                    retry=RetryPolicy(jitter=0), sleep=no_sleep)
    app = make_app(client, Connection("demo", "in-process emulator", False, demo=True))
    app.emulator = emu
    return app, slow


async def test_a_client_timeout_after_the_server_acted_creates_exactly_one() -> None:
    app, _ = slow_app("POST /v1/servers")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await new_server(pilot, "web-05")
        await submit(pilot, form)
        await settle(pilot)
        assert len(named(app, "web-05")) == 1 and posts(app) == 1
        assert any("web-05 was created" in n for n in notifications(app))
        await submit(pilot, form)  # Enter again: closes, never re-sends
        await finish(pilot)
        assert len(named(app, "web-05")) == 1 and posts(app) == 1


async def test_when_looking_fails_too_only_check_again_is_offered() -> None:
    """The create's answer is lost and so is every answer to the search that follows:
    the outcome stays unknown, the button offers only "Check again" (it sends no POST), and
    once the account can be read the created server is found and followed."""
    app, slow = slow_app("", timeout=0.2)
    async with app.run_test(size=(120, 40)) as pilot:
        slow.stuck = False
        await settle(pilot)
        form = await new_server(pilot, "web-06")
        slow.match = "POST /v1/servers"
        slow.stuck = True
        # The search by name just before sending still works; then everything hangs.
        original = slow.exchange

        async def after_post(method: str, path: str, *rest: Any) -> Any:
            if method == "POST":
                slow.match = ""
            return await original(method, path, *rest)

        slow.exchange = after_post  # type: ignore[method-assign]
        await submit(pilot, form)
        await settle(pilot)
        assert len(named(app, "web-06")) == 1 and posts(app) == 1
        assert str(button(form).label) == "Check again" and not button(form).disabled
        assert "still unknown" in error_text(form)
        await submit(pilot, form)  # Check again, while the account still cannot be read
        await settle(pilot)
        assert posts(app) == 1 and str(button(form).label) == "Check again"
        slow.stuck = False
        await submit(pilot, form)
        await settle(pilot)
        await until(pilot, lambda: any("web-06 was created" in n
                                       for n in notifications(app)))
        await finish(pilot)
        assert len(named(app, "web-06")) == 1 and posts(app) == 1
        assert mutating(app) == 1
