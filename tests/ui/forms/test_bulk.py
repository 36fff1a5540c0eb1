"""Bulk actions on marked rows: one confirmation for all, a summary of what succeeded and
what failed, each followed live."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.ui.forms.helpers import (
    fill,
    finish,
    form_of,
    mutating,
    notifications,
    record,
    select_row,
    settle,
    submit,
    text_of,
)


async def mark(pilot, *names: str) -> None:
    for name in names:
        await select_row(pilot, name)
        await pilot.press("space")
    await pilot.pause()


async def choose(pilot, action_key: str):
    await pilot.press("a")
    await pilot.pause()
    options = pilot.app.screen.query_one(OptionList)
    keys = [options.get_option_at_index(i).id for i in range(options.option_count)]
    options.highlighted = keys.index(action_key)
    await pilot.press("enter")
    await settle(pilot)
    return keys


async def test_power_off_three_marked_servers_with_one_confirmation(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await mark(pilot, "web-01", "web-02", "api-gateway")
        menu = await choose(pilot, "power_off")
        assert "hardware" not in menu and "power_off" in menu  # only bulk actions
        form = form_of(app)
        assert form.title_text == "Power off: 3 servers"
        assert "web-01, web-02, api-gateway" in text_of(form.query_one("#form-message"))
        await submit(pilot, form)
        assert mutating(app) == 3
        assert "3 succeeded" in notifications(app)
        await finish(pilot)
        for name in ("web-01", "web-02", "api-gateway"):
            assert record(app, "servers", name)["state"] == "POWERED_OFF"
        assert not app.explorer().table.marked


async def test_a_summary_names_what_failed(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await mark(pilot, "web-01", "worker-us-02", "legacy-erp")
        await choose(pilot, "power_off")
        await submit(pilot, form_of(app))
        summary = next(n for n in notifications(app) if "succeeded" in n)
        assert summary.startswith("1 succeeded, 2 failed")
        assert "worker-us-02" in summary and "already powered off" in summary
        await finish(pilot)
        assert record(app, "servers", "web-01")["state"] == "POWERED_OFF"


async def test_bulk_delete_with_one_typed_confirmation(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await mark(pilot, "web-02", "cache-01", "mail-gw")
        await pilot.press("ctrl+d")
        await settle(pilot)
        form = form_of(app)
        assert form.typed == "3 servers"
        await fill(pilot, form, __typed__="3 servers")
        await submit(pilot, form)
        assert mutating(app) == 3 and "3 succeeded" in notifications(app)
        await finish(pilot)
        names = [s["name"] for s in app.emulator.store.servers.values()]
        assert not {"web-02", "cache-01", "mail-gw"} & set(names)
        assert len(app.explorer().items) == 9
