"""A 504 from a gateway in front of the API, answered to a create: the API behind it may have
acted (RFC 9110 §15.6.5). The form treats it as a lost answer, looks at the account and says
what it found; it never creates a second server."""

from __future__ import annotations

import json
from typing import Any

from textual.widgets import Button

from oneandone_tui.api import Client, RetryPolicy
from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.emulator.core import Emulator
from oneandone_tui.launch import make_app
from oneandone_tui.ui.widgets.status_bar import Connection
from tests.ui.forms.helpers import (
    error_text,
    fill,
    finish,
    notifications,
    open_key,
    option,
    settle,
    submit,
)

GATEWAY_TIMEOUT = json.dumps({"type": "GATEWAY_TIMEOUT", "message": "Gateway Timeout"}).encode()


class Gateway:
    """A gateway in front of the in-process emulator: requests matching ``match`` reach the
    API (which acts), and the gateway answers 504 in place of the API's answer."""

    def __init__(self, emu: Emulator, match: str) -> None:
        self.inner = emu.direct()
        self.match = match
        self.times = 1

    async def exchange(self, method: str, path: str, *rest: Any) -> Any:
        answer = await self.inner.exchange(method, path, *rest)
        if self.times and f"{method} {path}".startswith(self.match):
            self.times -= 1
            return 504, {"Content-Type": "application/json"}, GATEWAY_TIMEOUT
        return answer


def gateway_app(match: str) -> Any:
    emu = Emulator(seed=1, clock=ManualClock())
    gateway = Gateway(emu, match)

    async def no_sleep(seconds: float) -> None:
        return None

    client = Client(emu.token, transport=gateway, retry=RetryPolicy(jitter=0), sleep=no_sleep)
    app = make_app(client, Connection("demo", "in-process emulator", False, demo=True))
    app.emulator = emu
    return app


def named(app: Any, name: str) -> list[dict[str, Any]]:
    return [s for s in app.emulator.store.servers.values() if s.get("name") == name]


def posts(app: Any) -> int:
    return int(app.emulator.stats.snapshot()["requests"].get("POST /v1/servers", 0))


async def new_server(pilot: Any, name: str) -> Any:
    form = await open_key(pilot, "servers", "n")
    await fill(pilot, form, name=name,
               appliance_id=option(form, "appliance_id", "centos7-64std"))
    return form


async def test_a_504_to_a_create_that_happened_leaves_one_server_and_says_so() -> None:
    app = gateway_app("POST /v1/servers")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await new_server(pilot, "web-07")
        await submit(pilot, form)
        await settle(pilot)
        assert len(named(app, "web-07")) == 1 and posts(app) == 1
        assert any("web-07 was created" in n for n in notifications(app))
        assert "504" not in error_text(form)  # not reported as a server error
        await submit(pilot, form)  # Enter again: closes, never re-sends
        await finish(pilot)
        assert len(named(app, "web-07")) == 1 and posts(app) == 1


async def test_a_504_to_a_create_that_did_not_happen_says_so_and_keeps_the_input(
        demo_app) -> None:
    """The emulator's injected 504 comes before it acts: the form finds no such server,
    says so, keeps what was typed, and Create works again."""
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await new_server(pilot, "web-08")
        app.emulator.faults.update({"fail_next": [{"fault": "status", "status": 504,
                                                   "match": "POST /servers"}]})
        await submit(pilot, form)
        await settle(pilot)
        assert named(app, "web-08") == [] and app.screen is form
        assert "no server named 'web-08' was created" in error_text(form)
        submit_button = form.query_one("#form-submit", Button)
        assert str(submit_button.label) == "Create" and not submit_button.disabled
        assert form.values()["name"] == "web-08"
        await submit(pilot, form)
        await finish(pilot)
        assert len(named(app, "web-08")) == 1 and posts(app) == 2
