"""Usages: grouped by resource type with totals, every period, CUSTOM accepted and rejected."""

from __future__ import annotations

import pytest

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from oneandone_tui.ui.screens.usages import UsagesScreen
from oneandone_tui.ui.widgets.period_picker import TITLES
from tests.ui.helpers import settle, text_of

SIZE = (120, 40)


def app():
    return make_demo_app(clock=ManualClock())


async def open_usages(pilot) -> UsagesScreen:
    await settle(pilot)
    await pilot.press("colon", *"usages", "enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, UsagesScreen)
    return screen


def cells(table, row_id: str) -> tuple[str, ...]:
    return table.get_row(row_id).cells


def services(data, group: str) -> list[dict]:
    return [s for item in data[group] for s in item["services"]]


async def test_grouped_by_type_with_totals_that_add_up():
    demo = app()
    async with demo.run_test(size=SIZE) as pilot:
        screen = await open_usages(pilot)
        data = await demo.client.usages.list("LAST_30D")
        groups = screen.groups
        assert groups.view_ids == [*data, "ALL"]
        servers = cells(groups, "SERVERS")
        assert servers[0] == "Servers" and servers[1] == str(len(data["SERVERS"]))
        lines = services(data, "SERVERS")
        assert servers[2] == str(len(lines))
        assert servers[3] == f"{sum(s['usage'] for s in lines):,}"
        vcore_hours = sum(float(s["avg_amount"]) * s["usage"] / 60 for s in lines
                          if s["type"] == "CPU")
        assert f"CPU {vcore_hours:,.0f} vCore·h" in servers[4]
        everything = [s for g in data for s in services(data, g)]
        total = cells(groups, "ALL")
        assert total[0] == "All types" and total[2] == str(len(everything))
        assert total[3] == f"{sum(s['usage'] for s in everything):,}"
        assert total[1] == str(sum(len(v) for v in data.values()))
        # The highlighted type's lines are listed below it.
        assert screen.line_table.row_count == len(lines)
        groups.move_to("IMAGES")
        await pilot.pause()
        assert screen.line_table.row_count == len(services(data, "IMAGES"))
        assert "Images" in text_of(screen.query_one("#usage-lines-title"))
        groups.move_to("ALL")
        await pilot.pause()
        assert screen.line_table.row_count == len(everything)


@pytest.mark.parametrize("key,period,minutes", [("1", "LAST_HOUR", 60), ("2", "LAST_24H", 1440),
                                                ("3", "LAST_7D", 10080),
                                                ("4", "LAST_30D", 43200),
                                                ("5", "LAST_365D", None)])
async def test_every_preset_period(key, period, minutes):
    demo = app()
    async with demo.run_test(size=SIZE) as pilot:
        screen = await open_usages(pilot)
        await pilot.press(key)
        await settle(pilot)
        data = await demo.client.usages.list(period)
        assert screen.data == data
        assert TITLES[period] in text_of(screen.query_one("#title"))
        web = next(i for i in data["SERVERS"] if i["name"] == "web-01")
        if minutes is not None:  # web-01 is older than 30 days: billed the whole period
            assert {s["usage"] for s in web["services"]} == {minutes}
        assert cells(screen.groups, "ALL")[3] == \
            f"{sum(s['usage'] for g in data for s in services(data, g)):,}"


async def test_custom_period_and_its_rejections():
    demo = app()
    async with demo.run_test(size=SIZE) as pilot:
        screen = await open_usages(pilot)
        before = demo.client.stats.requests
        await pilot.press("6")
        picker = screen.picker
        picker.start_input.value = "2026-11-19T10:00Z"
        picker.end_input.value = "2026-11-19T09:00Z"
        picker.end_input.focus()
        await pilot.press("enter")
        assert "From: must be before end_date" in picker.error
        picker.end_input.value = "tomorrow"
        await pilot.press("enter")
        assert "To: must be a date and time" in picker.error
        await settle(pilot)
        assert demo.client.stats.requests == before
        assert picker.period.period == "LAST_30D"
        picker.end_input.value = "2026-11-19T12:00Z"
        await pilot.press("enter")
        await settle(pilot)
        assert not picker.error and picker.period.period == "CUSTOM"
        web = next(i for i in screen.data["SERVERS"] if i["name"] == "web-01")
        assert {s["usage"] for s in web["services"]} == {120}
