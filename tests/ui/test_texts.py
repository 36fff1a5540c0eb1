"""The texts the issue found wrong: singular names in delete dialogs, the public IP's holder
named, the journal's outcome on screen, the custom-period error whole, the fixed size by
name."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from oneandone_tui.ui.forms.common import singular_title
from oneandone_tui.ui.screens.logs import LogsScreen
from oneandone_tui.ui.sizes import named
from tests.ui.forms.helpers import open_action, open_key, record, select_row, settle, show
from tests.ui.helpers import text_of


@pytest.mark.parametrize("title, one", [
    ("Firewall Policies", "firewall policy"), ("Monitoring Policies", "monitoring policy"),
    ("Public IPs", "public IP"), ("VPNs", "VPN"), ("SSH Keys", "SSH key"),
    ("Servers", "server"), ("Shared Storages", "shared storage"),
    ("Private Networks", "private network")])
def test_singular_names(title, one):
    assert singular_title(title) == one


async def test_delete_dialogs_say_the_singular(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "firewall_policies", "ctrl+d", "web-public")
        assert text_of(form.query_one("#form-message")).startswith(
            "Delete firewall policy: web-public?")
        await pilot.press("escape")
        await settle(pilot)
        form = await open_key(pilot, "monitoring_policies", "ctrl+d", "Production")
        assert "Delete monitoring policy: Production?" in text_of(
            form.query_one("#form-message"))


async def test_public_ip_delete_names_the_server_that_loses_it(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        web = record(app, "servers", "web-01")
        ip = app.emulator.store.server_ips(web)[0]["ip"]
        await show(pilot, "public_ips")
        form = await open_key(pilot, "public_ips", "ctrl+d", ip)
        message = text_of(form.query_one("#form-message"))
        assert f"Assigned: server web-01 ({ip}) loses it." in message


async def test_journal_shows_the_outcome_at_120(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_action(pilot, "servers", "snapshot", "web-02")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("J")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        labels = [str(c.label) for c in table.columns.values()]
        assert labels.index("Outcome") < labels.index("Request")
        x = 0
        for column in table.columns.values():
            if str(column.label) == "Outcome":
                break
            x += column.get_render_width(table)
        assert x + 10 < table.size.width  # the outcome's column starts well on screen
        del form


async def test_custom_period_error_is_whole_at_80x24():
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("colon", *"logs", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LogsScreen)
        assert not screen.picker.choose("CUSTOM", "19/11/2026", "2026-11-20")
        await pilot.pause()
        msg = screen.picker.query_one("#period-message")
        error = screen.picker.error
        assert error.startswith("From: must be a date and time")
        assert msg.size.width * msg.size.height >= len(error) and msg.size.width >= 60


async def test_fixed_size_by_name(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select_row(pilot, "web-01")
        await pilot.press("enter")
        await settle(pilot)
        overview = text_of(app.screen.query(".section-body").first())
        assert "fixed instance size id  XL (" in overview


def test_named_leaves_the_rest_alone():
    assert named({"hardware": {"fixed_instance_size_id": "a"}}, {"a": "XL"}) == {
        "hardware": {"fixed_instance_size_id": "XL (a)"}}
    assert named({"fixed_instance_size_id": None}, {"a": "XL"}) == {
        "fixed_instance_size_id": None}
    assert named([1], {"a": "XL"}) == [1]
    assert named({"hardware": "odd"}, {"a": "XL"}) == {"hardware": "odd"}
