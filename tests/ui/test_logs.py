"""The logs screen: every period (CUSTOM accepted and rejected), filters, date order, follow
mode picking up a new action, the detail of an entry, and one resource's logs from its detail
pane."""

from __future__ import annotations

import pytest

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from oneandone_tui.ui.screens.detail import DetailScreen
from oneandone_tui.ui.screens.logs import LogsScreen
from oneandone_tui.ui.widgets.period_picker import TITLES
from oneandone_tui.ui.widgets.resource_table import ResourceTable
from tests.ui.helpers import notifications, settle, text_of, until

SIZE = (120, 40)


def app():
    return make_demo_app(clock=ManualClock())


async def open_logs(pilot) -> LogsScreen:
    await settle(pilot)
    await pilot.press("colon", *"logs", "enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LogsScreen)
    return screen


def column(screen: LogsScreen, key: str) -> list[str]:
    table = screen.table
    index = [c.key for c in table.columns].index(key)
    return [table.get_row(i).cells[index] for i in table.view_ids]


async def test_logs_replace_the_generic_table_and_list_newest_first():
    demo = app()
    async with demo.run_test(size=SIZE) as pilot:
        screen = await open_logs(pilot)
        expected = await demo.client.logs.list("LAST_7D")
        assert screen.table.row_count == len(expected) > 5
        starts = column(screen, "start_date")
        assert starts == sorted(starts, reverse=True)
        assert starts[0] == expected[0]["start_date"].replace("T", " ").rstrip("Z")
        assert "Last 7 days" in text_of(screen.query_one("#title"))
        await pilot.press("o")
        assert column(screen, "start_date") == sorted(starts)
        assert "oldest first" in text_of(screen.query_one("#title"))
        await pilot.press("o")
        assert column(screen, "start_date") == starts


@pytest.mark.parametrize("key,period", [("1", "LAST_HOUR"), ("2", "LAST_24H"), ("3", "LAST_7D"),
                                        ("4", "LAST_30D"), ("5", "LAST_365D")])
async def test_every_preset_period(key, period):
    demo = app()
    async with demo.run_test(size=SIZE) as pilot:
        screen = await open_logs(pilot)
        await pilot.press(key)
        await settle(pilot)
        expected = await demo.client.logs.list(period)
        assert screen.picker.period.period == period
        assert sorted(screen.entries) == sorted(e["id"] for e in expected)
        assert screen.table.row_count == len(expected)
        assert TITLES[period] in text_of(screen.query_one("#title"))


async def test_custom_period_and_its_rejections():
    demo = app()
    async with demo.run_test(size=SIZE) as pilot:
        screen = await open_logs(pilot)
        before = demo.client.stats.requests
        assert not screen.picker.choose("CUSTOM", "2026-11-19", "2026-11-18")
        assert "From: must be before end_date" in screen.picker.error
        assert not screen.picker.choose("CUSTOM", "19/11/2026", "2026-11-20")
        assert "From: must be a date and time" in screen.picker.error
        await settle(pilot)
        assert demo.client.stats.requests == before
        assert screen.picker.choose("CUSTOM", "2026-11-15T00:00Z", "2026-11-18T00:00Z")
        await settle(pilot)
        expected = await demo.client.logs.list("CUSTOM", start_date="2026-11-15T00:00:00Z",
                                               end_date="2026-11-18T00:00:00Z")
        assert 0 < screen.table.row_count == len(expected) < 12
        assert all("2026-11-15" <= s < "2026-11-18" for s in column(screen, "start_date"))


async def test_filters_by_action_type_resource_and_user():
    demo = app()
    async with demo.run_test(size=SIZE) as pilot:
        screen = await open_logs(pilot)
        await pilot.press("5")
        await settle(pilot)
        total = screen.table.row_count
        action = screen.query_one("#filter-action")
        assert ("POWER_OFF", "POWER_OFF") in [(str(p), v) for p, v in action._options]
        action.value = "POWER_OFF"
        await pilot.pause()
        assert set(column(screen, "action")) == {"POWER_OFF"}
        narrowed = screen.table.row_count
        user = screen.query_one("#filter-user")
        jane = next(v for p, v in user._options if str(p) == "ops.jane")
        user.value = jane
        await pilot.pause()
        assert set(column(screen, "user")) == {"ops.jane"}
        assert screen.table.row_count < narrowed
        await pilot.press("x")
        assert screen.table.row_count == total
        screen.query_one("#filter-type").value = "FIREWALL"
        await pilot.pause()
        assert set(column(screen, "type")) == {"FIREWALL"}
        resource = screen.query_one("#filter-resource")
        web = next(v for p, v in resource._options if str(p) == "web-public")
        resource.value = web
        await pilot.pause()
        assert set(column(screen, "resource")) == {"web-public"}
        assert f"{screen.table.row_count}/{total}" in text_of(screen.query_one("#title"))


async def test_follow_shows_a_new_action_as_it_happens():
    demo = app()
    async with demo.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_logs(pilot)
        await pilot.press("f")
        assert screen.following and "following" in text_of(screen.query_one("#title"))
        before = screen.table.row_count
        web = next(s for s in await demo.client.servers.list() if s["name"] == "web-01")
        await demo.client.servers.stop(web["id"])
        screen.wake()
        await until(pilot, lambda: screen.table.row_count == before + 1)
        top = screen.table.get_row(screen.table.cursor_id)
        assert top.cells[1] == "POWER_OFF" and top.cells[3] == "web-01"
        assert top.cells[5].startswith("RUNNING") and top.styles[0] == "accent"
        assert any("1 new log entry" in m for m in notifications(demo))
        demo.emulator.settle()
        screen.wake()
        await until(pilot, lambda: screen.table.get_row(top.id).cells[5] == "OK")
        await pilot.press("f")
        assert not screen.following


async def test_enter_shows_the_entry_with_a_link_to_its_resource():
    demo = app()
    async with demo.run_test(size=SIZE) as pilot:
        screen = await open_logs(pilot)
        first = screen.entries[screen.table.cursor_id]
        await pilot.press("enter")
        await settle(pilot)
        detail = demo.screen
        assert isinstance(detail, DetailScreen) and detail.cat.key == "logs"
        body = text_of(detail.query_one("#section-0 .section-body"))
        assert first["action"] in body and first["resource"]["name"] in body
        links = detail.query_one("#section-0 .links")
        labels = [str(links.get_option_at_index(i).prompt) for i in range(links.option_count)]
        assert f"→ resource: {first['resource']['name']}" in labels
        await pilot.press("escape")
        assert demo.screen is screen


async def test_a_resources_logs_from_its_detail_pane():
    demo = app()
    async with demo.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = demo.screen.query_one(ResourceTable)
        web = next(i for i in table.view_ids if table.get_row(i).cells[0] == "db-replica")
        table.move_to(web)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(demo.screen, DetailScreen)
        await pilot.press("L")
        await settle(pilot)
        screen = demo.screen
        assert isinstance(screen, LogsScreen) and screen.resource_id == web
        expected = [e for e in await demo.client.logs.list("LAST_30D")
                    if e["resource"]["id"] == web]
        assert screen.table.row_count == len(expected) >= 3
        assert set(column(screen, "resource")) == {"db-replica"}
        assert "Logs › db-replica" in text_of(screen.query_one("#title"))
        assert not screen.query("#filter-resource")
        await pilot.press("escape")
        assert isinstance(demo.screen, DetailScreen)
