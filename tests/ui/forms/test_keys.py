"""Keyboard only: the footer offers the actions key where it applies, a whole create is done
with keys (typing, a picker's dropdown, enter to submit), the actions menu works with arrows,
and the command palette runs actions and opens the journal."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Input, Select

from oneandone_tui.ui.forms.keys import ActionsMenu
from oneandone_tui.ui.screens.journal import JournalScreen
from tests.ui.forms.helpers import finish, form_of, record, settle, show


def footer_keys(screen) -> set[str]:
    return {k for k, b in screen.active_bindings.items() if b.binding.show and b.enabled}


async def test_footer_offers_the_keys_only_where_they_apply(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert "a" in footer_keys(screen)  # its menu has every action, new/edit/delete too
        assert all(screen.check_action(k, ()) for k in ("new", "edit", "delete", "actions"))
        assert {"question_mark", "q"} <= footer_keys(screen)
        await show(pilot, "datacenters")  # a catalogue: nothing to change
        assert "a" not in footer_keys(screen)
        assert not any(screen.check_action(k, ()) for k in ("new", "edit", "delete"))
        await show(pilot, "public_ips")
        assert "a" in footer_keys(screen)


async def test_create_a_vpn_and_a_server_with_keys_only(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "vpns")
        await pilot.press("n")
        await settle(pilot)
        form = form_of(app)
        assert isinstance(app.screen.focused, Input)  # the first field
        await pilot.press(*"kb-vpn", "enter")
        await finish(pilot)
        assert record(app, "vpns", "kb-vpn")["state"] == "ACTIVE"

        await show(pilot, "servers")
        await pilot.press("n")
        await settle(pilot)
        form = form_of(app)
        await pilot.press(*"kb-01", "tab", "tab", "tab")  # name, description, datacenter
        assert app.screen.focused is form.control("appliance_id")
        await pilot.press("enter", "down", "down", "enter")  # the dropdown: first appliance
        await settle(pilot)
        assert isinstance(form.control("appliance_id"), Select)
        assert form.values()["appliance_id"]
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "enter")  # back to the name
        await finish(pilot)
        assert record(app, "servers", "kb-01")["state"] == "POWERED_ON"


async def test_actions_menu_with_arrows(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        menu = app.screen
        assert isinstance(menu, ActionsMenu) and menu.title_text == "Servers: web-01"
        await pilot.press("down", "enter")  # the second entry: power on/off...
        await settle(pilot)
        form = form_of(app)
        assert "web-01" in form.title_text
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.explorer()


async def test_palette_runs_an_action_on_the_selection(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Servers: Power off")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        form = form_of(app)
        assert form.title_text == "Power off: web-01"

        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Action journal")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
