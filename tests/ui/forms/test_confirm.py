"""Confirmations: they name the resource, Cancel is the default (enter cancels), and servers
and storages want their name typed before anything is deleted."""

from __future__ import annotations

import pytest

from tests.ui.forms.helpers import (
    error_text,
    finish,
    mutating,
    open_action,
    open_key,
    record,
    settle,
    text_of,
)


async def test_delete_names_the_resource_and_enter_cancels(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "firewall_policies", "ctrl+d", "web-public")
        assert "web-public" in text_of(form.query_one("#form-message"))
        assert "web-public" in form.title_text
        assert app.screen.focused.id == "form-cancel"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.explorer()
        assert mutating(app) == 0
        assert record(app, "firewall_policies", "web-public")["state"] == "ACTIVE"


async def test_power_off_defaults_to_cancel_and_escape_cancels(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_action(pilot, "servers", "power_off", "web-01")
        assert app.screen.focused.id == "form-cancel"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.explorer() and mutating(app) == 0


async def test_server_delete_needs_the_name_typed(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "servers", "ctrl+d", "web-01")
        assert form.typed == "web-01"
        # It opens on Cancel like every destructive confirmation; the name is one shift+tab
        # away, and the footer says what enter does in each place.
        footer = form.query_one("#form")
        assert app.screen.focused.id == "form-cancel"
        assert footer.border_subtitle == "enter: cancel · shift+tab: type the name to delete"
        await pilot.press("shift+tab")
        assert app.screen.focused is form.control("__typed__")
        assert footer.border_subtitle == \
            "enter: sends nothing until the name is typed · esc: cancel"
        await pilot.press("enter")  # nothing typed: refused
        await settle(pilot)
        assert app.screen is form and "type 'web-01' to confirm" in error_text(form)
        await pilot.press(*"web-0", "enter")  # almost: still refused
        await settle(pilot)
        assert app.screen is form and mutating(app) == 0
        await pilot.press("1")
        assert footer.border_subtitle == "enter: Delete · tab: next · esc: cancel"
        await pilot.press("enter")
        await settle(pilot)
        assert mutating(app) == 1
        assert record(app, "servers", "web-01")["state"] == "REMOVING"
        await finish(pilot)
        assert "web-01" not in [s["name"] for s in app.emulator.store.servers.values()]


@pytest.mark.parametrize(("category", "name"), [("shared_storages", "shared-assets"),
                                                ("block_storages", "pg-wal")])
async def test_storages_need_the_name_typed_too(demo_app, category, name):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, category, "ctrl+d", name)
        assert form.typed == name
        await pilot.press("shift+tab", "enter")  # in the name field, nothing typed
        await settle(pilot)
        assert app.screen is form and mutating(app) == 0
