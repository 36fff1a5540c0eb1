"""An API error message is account data too: when every list fails with a hostile message after
a good load, each screen keeps its data, marks it stale with that message, and neither crashes
(markup) nor writes a control character to the terminal.

The dashboard's "⚠ stale: <message>" panel subtitles went through ``clean()`` only, which keeps
brackets: a message holding ``[/]`` ended the app with MarkupError."""

from __future__ import annotations

import pytest

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from tests.ui.helpers import settle
from tests.ui.hostile import ATTACKS, assert_safe_screen, fail_with, wire_like_the_api

SCREENS = ("dashboard", "servers", "monitoring_center", "logs", "usages", "public_ips")


@pytest.mark.parametrize("text", [a for a in ATTACKS if "[" in a or "\x1b" in a])
async def test_hostile_error_messages_over_stale_data(text, monkeypatch):
    wire_like_the_api(monkeypatch)
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        for key in SCREENS:  # a good load of each first
            app.show_category(key)
            await settle(pilot)
        fail_with(app, text, "GET /v1/")
        for key in SCREENS:
            app.show_category(key)
            await settle(pilot)
            await pilot.press("r")
            await settle(pilot)
            await pilot.pause(0.1)
            drawn = assert_safe_screen(app, key)
            assert app.return_code is None, f"{key}: the app ended"
            assert "stale" in drawn or "Could not" in drawn or "failed" in drawn, \
                f"{key}: the failure is not shown"
            app.clear_notifications()
