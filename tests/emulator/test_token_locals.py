"""The emulator never holds the token unmasked where a traceback can show it (issue 11, item
8): in demo mode a crash is shown with every frame's locals (Textual's crash screen, rich's
``show_locals``), and the emulator's frames hold the request's headers, the key it was
checked against and the user record it belongs to. Whatever fails while a request is served,
through the demo's direct adapter or the httpx one, the formatted traceback, locals included,
does not contain the token; the keys still work and still answer as themselves."""

from __future__ import annotations

import dataclasses
import io
import json
import traceback
from typing import Any

import pytest
from rich.console import Console

from oneandone_tui.api import Client, RetryPolicy
from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.emulator.core import Emulator
from oneandone_tui.emulator.masked import MaskedHeaders, MaskedStr
from tests.tracebacks import formatted

# Module globals are not shown with a frame's locals; the tests keep the token out of their
# own locals too (the frame that catches an error is the traceback's first).
TOKEN = "C0FFEE00DEADBEEF1234567890ABCDEF"


class Crash(BaseException):
    """Not an ``Exception``: ``Emulator.handle`` does not turn it into a 500, so its
    traceback runs through every frame of the emulator's request path."""


def assert_clean(exc: BaseException) -> None:
    for text in formatted(exc):
        assert "_handle" in text and "boom" in text  # the emulator's frames are in it
        assert TOKEN not in text
        assert TOKEN[:8] not in text.replace("C0FF…", "")


def boom(req: Any) -> Any:
    """A handler that fails while it holds the request (and so the authenticated user)."""
    assert req.user is not None and req.user["api"]["key"] == TOKEN
    raise Crash("the handler broke")


class CrashingRouter:
    """The emulator's router (shared by every emulator: not changed), with ``template``'s
    handler replaced by :func:`boom` for this emulator only."""

    def __init__(self, inner: Any, template: str) -> None:
        self.inner, self.template = inner, template

    def match(self, method: str, path: Any) -> Any:
        route, params = self.inner.match(method, path)
        if route.template == self.template:
            route = dataclasses.replace(route, handler=boom)
        return route, params


def crashing(template: str) -> Emulator:
    emu = Emulator(seed=1, clock=ManualClock(), token=TOKEN)
    emu.router = CrashingRouter(emu.router, template)  # type: ignore[assignment]
    return emu


@pytest.mark.parametrize("adapter", ["direct", "httpx"])
async def test_a_crash_while_the_emulator_serves_a_request_shows_no_token(adapter: str):
    emu = crashing("/servers")
    transport = emu.direct() if adapter == "direct" else emu.transport()
    async with Client(TOKEN, transport=transport, retry=RetryPolicy.never()) as client:
        with pytest.raises(Crash) as info:
            await client.servers.list()
    assert_clean(info.value)
    text = formatted(info.value)[1]
    assert ("DirectTransport" in text or "answer" in text) if adapter == "direct" \
        else "EmulatorTransport" in text


def test_a_crash_under_handle_with_a_plain_dict_of_headers_shows_no_token():
    """Whoever calls ``handle`` with a plain dict (the HTTP server, a test): from ``handle``
    down no frame holds it."""
    emu = crashing("/servers")
    with pytest.raises(Crash) as info:
        emu.handle("GET", "/v1/servers", [], {"X-Token": TOKEN}, b"")
    frames = [f for f in traceback.walk_tb(info.value.__traceback__)]
    # The test's own frame holds nothing either: the dict was built inline, handed over.
    assert [f.f_code.co_name for f, _ in frames][1:3] == ["handle", "_handle"]
    assert_clean(info.value)


def test_headers_and_keys_are_masked_in_reprs_and_work_as_themselves():
    emu = Emulator(seed=1, clock=ManualClock(), token=TOKEN)
    headers = MaskedHeaders({"X-TOKEN": TOKEN, "Accept": "application/json"})
    assert TOKEN not in repr(headers) and "application/json" in repr(headers)
    assert headers["X-TOKEN"] == TOKEN
    owner = next(u for u in emu.store.users.values() if u["api"]["key"] == TOKEN)
    assert isinstance(owner["api"]["key"], MaskedStr) and TOKEN not in repr(owner)
    assert TOKEN not in repr(owner["api"]["key"][:80])  # rich shows a long str's start
    console = Console(file=io.StringIO(), width=160)
    console.print(owner)
    assert TOKEN not in console.file.getvalue()  # type: ignore[attr-defined]
    # Still the key: it authenticates, and GET .../api/key answers it as itself.
    resp = emu.handle("GET", f"/v1/users/{owner['id']}/api/key", [], {"X-TOKEN": TOKEN}, b"")
    assert resp.status == 200 and json.loads(resp.body) == {"key": TOKEN}
    # A new key is masked too, and the old one stops working at once.
    resp = emu.handle("PUT", f"/v1/users/{owner['id']}/api/key", [], {"X-TOKEN": TOKEN}, b"")
    assert resp.status in (200, 202)
    new = owner["api"]["key"]
    assert isinstance(new, MaskedStr) and new != TOKEN and str(new) not in repr(owner)
    assert emu.handle("GET", "/v1/servers", [], {"x-token": TOKEN}, b"").status == 401
    assert emu.handle("GET", "/v1/servers", [], {"x-token": str(new)}, b"").status == 200
