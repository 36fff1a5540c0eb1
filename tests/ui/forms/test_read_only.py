"""Read-only mode (``--read-only`` or a profile's ``read_only``): the keys that change things
are gone from the footer, every action is refused with a message when attempted (keys, menu,
palette, direct), and the emulator receives zero mutating requests."""

from __future__ import annotations

import pytest

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import demo_client, make_app, make_demo_app
from oneandone_tui.ui.forms import actions_for, start
from oneandone_tui.ui.forms.form import FormScreen
from oneandone_tui.ui.forms.palette import run
from oneandone_tui.ui.widgets.status_bar import Connection
from tests.ui.forms.helpers import mutating, notifications, settle, show

CATEGORIES = ["servers", "images", "shared_storages", "firewall_policies", "load_balancers",
              "public_ips", "private_networks", "monitoring_policies", "users", "roles", "vpns",
              "block_storages", "ssh_keys"]


def footer_keys(screen) -> set[str]:
    """The keys the footer shows (enabled, shown bindings)."""
    return {k for k, b in screen.active_bindings.items() if b.binding.show and b.enabled}


def profile_read_only_app():
    """A profile with ``read_only = true``: the connection says so (the client would refuse
    too, but the UI must not even try)."""
    client, emu = demo_client(clock=ManualClock())
    app = make_app(client, Connection("work", "https://example.invalid/v1", read_only=True))
    app.emulator = emu
    return app


@pytest.mark.parametrize("factory", [lambda: make_demo_app(clock=ManualClock(), read_only=True),
                                     profile_read_only_app], ids=["--read-only", "profile"])
async def test_every_action_is_refused_and_nothing_is_sent(factory):
    app = factory()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        attempted = 0
        for key in CATEGORIES:
            await show(pilot, key)
            screen = app.explorer()
            assert "a" not in footer_keys(screen)
            assert not any(screen.check_action(k, ()) for k in ("new", "edit", "delete",
                                                                 "actions"))
            for press in ("n", "e", "ctrl+d", "a"):
                await pilot.press(press)
                await pilot.pause()
                assert app.screen is screen
            for action in actions_for(key):
                if not action.changes:  # SSH: it changes nothing, read-only allows it
                    continue
                assert start(app, screen, key, action, screen.action_targets()) is False
                run(app, key, action.key)
                attempted += 2
            await settle(pilot)
            assert not isinstance(app.screen, FormScreen)
        assert attempted > 180
        assert mutating(app) == 0
        assert any("Read-only" in n and "refused" in n for n in notifications(app))


async def test_the_detail_screen_hides_and_refuses_too():
    app = make_demo_app(clock=ManualClock(), read_only=True)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert "a" not in footer_keys(detail)
        assert not any(detail.check_action(k, ()) for k in ("new", "edit", "delete"))
        await pilot.press("a", "e", "ctrl+d")
        await settle(pilot)
        assert app.screen is detail and mutating(app) == 0
        assert "Read-only: 'changes' is refused; nothing was sent." in notifications(app)
