"""The token never shows: not in the client's repr, not in errors, not in any log record (at
DEBUG, including httpx's own loggers), not in what the observer hears."""

from __future__ import annotations

import logging
import traceback

import pytest

from oneandone_tui.api import ApiError, AuthError, Client, RequestEvent, RetryPolicy
from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.emulator.core import Emulator

from .conftest import transport_for

TOKEN = "C0FFEE00DEADBEEF1234567890ABCDEF"


async def test_token_never_appears(caplog: pytest.LogCaptureFixture, wire: str) -> None:
    emu = Emulator(clock=ManualClock(), token=TOKEN)
    events: list[RequestEvent] = []
    caplog.set_level(logging.DEBUG)

    async def no_sleep(seconds: float) -> None:
        return None

    async with Client(TOKEN, transport=transport_for(emu, wire), observer=events.append,
                      sleep=no_sleep, retry=RetryPolicy(jitter=0)) as client:
        assert TOKEN not in repr(client) and TOKEN not in str(client)
        assert TOKEN not in repr(client.token) and TOKEN not in f"{client.token}"
        emu.faults.update({"fail_next": [{"fault": "status", "status": 503},
                                         {"fault": "rate_limit", "reset": 1}]})
        await client.servers.list()
        errors: list[ApiError] = []
        for call in (lambda: client.servers.get("0" * 32), lambda: client.roles.create("")):
            try:
                await call()
            except ApiError as exc:
                errors.append(exc)
        assert len(errors) == 2
        users = await client.users.list()
        admin = next(u for u in users if u["name"] == "admin")
        assert admin["api"]["key"] == TOKEN  # the API itself returns it; the client never logs
        await client.users.change_api_key(admin["id"])  # the old token is now invalid
        with pytest.raises(AuthError) as auth:
            await client.servers.list()
        errors.append(auth.value)

    for exc in errors:
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        assert TOKEN not in text and TOKEN not in repr(exc)
    assert events and all(TOKEN not in repr(e) for e in events)
    assert caplog.records
    for record in caplog.records:
        assert TOKEN not in record.getMessage(), record.name
        assert TOKEN not in repr(record.args)
