"""The key bar: `?` and `q` at any width on every screen, a server's direct keys at 120
columns, keys giving way from the right (never cut in the middle of a key)."""

from __future__ import annotations

import pytest

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from oneandone_tui.ui.widgets.key_bar import KeyBar
from tests.ui.forms.helpers import select_row
from tests.ui.helpers import settle


def line(screen) -> str:
    bar = screen.query_one(KeyBar)
    return bar.render().plain


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("start, keys", [
    ("servers", ()), ("servers", ("enter",)), ("dashboard", ()),
    ("servers", ("colon", *"monitoring", "enter")), ("servers", ("colon", *"logs", "enter")),
    ("servers", ("colon", *"usages", "enter"))])
async def test_help_and_quit_always_shown(size, start, keys):
    app = make_demo_app(clock=ManualClock(), start=start)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)
        text = line(app.screen)
        assert "? Help" in text and "q Quit" in text, text
        assert len(text) <= size[0]


async def test_a_servers_direct_keys_at_120():
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = line(app.screen)
        for shown in ("o On", "x Off", "b Reboot", "p Snap", "i +IP", "t SSH", "/ Filter"):
            assert shown in text, text
        await select_row(pilot, "web-01")
        await pilot.press("enter")
        await settle(pilot)
        text = line(app.screen)
        for shown in ("o On", "x Off", "b Reboot", "p Snap", "i +IP", "t SSH"):
            assert shown in text, text


async def test_direct_keys_dim_when_they_do_not_apply():
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)

        def enabled() -> dict[str, bool]:
            return {k.key: k.enabled for k in bar.keys}

        await select_row(pilot, "web-01")  # on
        await pilot.pause()
        assert enabled()["o"] is False and enabled()["x"] and enabled()["b"]
        await select_row(pilot, "worker-us-02")  # off
        await pilot.pause()
        assert enabled()["o"] and enabled()["x"] is False and enabled()["t"] is False


async def test_help_lists_a_servers_keys_only_where_they_mean_something():
    from oneandone_tui.ui.screens.help import HelpScreen

    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        servers = "Servers (list and detail)"
        assert servers in [s.title for s in help_screen.here]
        await pilot.press("escape")
        app.show_category("vpns")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        # Elsewhere (listed, under "Elsewhere"), not among this screen's keys.
        assert servers in [s.title for s in app.screen.elsewhere]
        assert "Changes (not in read-only mode)" in [s.title for s in app.screen.here]
