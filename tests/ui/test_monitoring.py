"""The monitoring center table (values coloured by thresholds, sparklines) and a server's
charts: every period, CUSTOM accepted and rejected, the data being the emulator's series."""

from __future__ import annotations

import pytest

from oneandone_tui.api.models import MonitoringPolicyUpdate, Threshold
from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from oneandone_tui.ui import metrics
from oneandone_tui.ui.screens.monitoring import ServerChartsScreen
from oneandone_tui.ui.screens.monitoring_center import MonitoringCenterScreen
from oneandone_tui.ui.widgets.chart import CRITICAL_COLOR, WARNING_COLOR, MetricChart
from oneandone_tui.ui.widgets.period_picker import TITLES, PeriodPicker
from oneandone_tui.ui.widgets.resource_table import ResourceTable
from oneandone_tui.ui.widgets.sparkline import sparkline
from tests.ui.helpers import settle, text_of

SIZE = (120, 40)
#: Points per preset in the emulator's series (its bucket table).
POINTS = {"LAST_HOUR": 12, "LAST_24H": 96, "LAST_7D": 168, "LAST_30D": 180, "LAST_365D": 300}


def app():
    return make_demo_app(clock=ManualClock())


def row_of(table: ResourceTable, name: str):
    return next(table.get_row(i) for i in table.view_ids if table.get_row(i).cells[0] == name)


async def open_center(pilot) -> MonitoringCenterScreen:
    await settle(pilot)
    await pilot.press("colon", *"monitoring", "enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MonitoringCenterScreen)
    return screen


async def open_charts(pilot, name: str) -> ServerChartsScreen:
    screen = await open_center(pilot)
    table = screen.table
    table.move_to(row_of(table, name).id)
    await pilot.press("enter")
    await settle(pilot)
    charts = pilot.app.screen
    assert isinstance(charts, ServerChartsScreen) and charts.server_name == name
    return charts


async def test_center_shows_every_server_coloured_by_level_with_sparklines():
    demo = app()
    async with demo.run_test(size=SIZE) as pilot:
        screen = await open_center(pilot)
        table = screen.table
        assert table.row_count == 12
        cols = [c.key for c in table.columns]
        hot = row_of(table, "worker-us-01")
        assert hot.styles[cols.index("cpu")] == "state-bad"
        assert hot.cells[cols.index("alerts")] == "1 crit"
        assert row_of(table, "db-primary").styles[cols.index("disk")] == "state-busy"
        assert row_of(table, "web-01").styles[cols.index("cpu")] == "state-good"
        # The sparkline is the emulator's last 24 hours, squeezed into 8 cells on 0..100.
        usage = await demo.client.monitoring_center.get(hot.id, "LAST_24H")
        expected = sparkline(metrics.series(usage, "cpu"), 8, hi=100)
        assert hot.cells[cols.index("cpu")].endswith(" " + expected)
        assert len(set(expected)) > 1  # a shape, not a flat line
        title = text_of(screen.query_one("#title"))
        assert "3 with critical alerts" in title and "1 with warnings" in title


async def test_colours_follow_the_policy_thresholds():
    demo = app()
    async with demo.run_test(size=SIZE) as pilot:
        screen = await open_center(pilot)
        cols = [c.key for c in screen.table.columns]
        web = row_of(screen.table, "web-01")
        assert web.styles[cols.index("ram")] == "state-good"  # 56% under warning 85
        policy = next(p for p in await demo.client.monitoring_policies.list()
                      if any(s["name"] == "web-01" for s in p.get("servers") or []))
        await demo.client.monitoring_policies.modify(policy["id"], MonitoringPolicyUpdate(
            thresholds=[Threshold("ram", 30, True, 50, True)]))
        demo.emulator.settle()
        await pilot.press("r")
        await settle(pilot)
        web = row_of(screen.table, "web-01")
        assert web.styles[cols.index("ram")] == "state-bad"  # now over critical 50


async def test_enter_opens_charts_drawn_from_the_emulator_series():
    demo = app()
    async with demo.run_test(size=SIZE) as pilot:
        charts = await open_charts(pilot, "web-01")
        usage = await demo.client.monitoring_center.get(charts.server_id, "LAST_24H")
        cpu = charts.chart("cpu").data
        assert cpu.lines[0].values == [p["used_percent"] for p in usage["cpu"]["data"]]
        assert (cpu.warning, cpu.critical) == (usage["cpu"]["warning"], usage["cpu"]["critical"])
        assert cpu.drawn_thresholds() == [(80.0, WARNING_COLOR), (95.0, CRITICAL_COLOR)]
        transfer = charts.chart("transfer").data
        assert transfer.lines[0].values == [(p["downstream"] + p["upstream"]) / 1000
                                            for p in usage["transfer"]["data"]]
        ping = charts.chart("internal_ping").data
        assert ping.lines[0].values == [p["rta"] for p in usage["internal_ping"]["data"]]
        # A 100 ms threshold over sub-millisecond pings is named, not drawn.
        assert ping.drawn_thresholds() == []
        assert "thresholds above scale" in str(charts.chart("internal_ping").border_subtitle)
        rendered = charts.chart("cpu").render()
        assert any(ch in str(rendered) for ch in "▖▗▘▝▀▄▌▐▚▞▙▛▜▟█") and "100.0" in str(rendered)
        assert "CPU (%)" in str(charts.chart("cpu").border_title)
        summary = text_of(charts.query_one("#chart-summary"))
        assert "warn 80 · crit 95" in summary and "Processes" in summary


@pytest.mark.parametrize("key,period", [("1", "LAST_HOUR"), ("2", "LAST_24H"), ("3", "LAST_7D"),
                                        ("4", "LAST_30D"), ("5", "LAST_365D")])
async def test_every_preset_period(key, period):
    demo = app()
    async with demo.run_test(size=SIZE) as pilot:
        charts = await open_charts(pilot, "db-primary")
        await pilot.press(key)
        await settle(pilot)
        assert charts.picker.period.period == period
        data = charts.chart("disk").data
        usage = await demo.client.monitoring_center.get(charts.server_id, period)
        assert data.lines[0].values == metrics.series(usage, "disk")
        assert data.dates == metrics.dates(usage, "disk")
        # Every bucket of the period (fewer only where the server is younger than it).
        assert 0 < len(data.dates) <= POINTS[period]
        assert len(data.dates) == POINTS[period] or period == "LAST_365D"
        assert TITLES[period] in text_of(charts.query_one("#title"))


async def test_custom_period_is_sent_and_drawn():
    demo = app()
    async with demo.run_test(size=SIZE) as pilot:
        charts = await open_charts(pilot, "web-01")
        await pilot.press("6")
        picker = charts.query_one(PeriodPicker)
        assert picker.start_input.display and picker.start_input.has_focus
        picker.start_input.value = ""
        picker.end_input.value = ""
        await pilot.press(*"2026-11-19T09:30Z", "enter", *"2026-11-20T09:30Z", "enter")
        await settle(pilot)
        assert picker.period.period == "CUSTOM" and not picker.error
        dates = charts.chart("cpu").data.dates
        assert dates[0] >= "2026-11-19T09:30" and dates[-1] <= "2026-11-20T09:30:00Z"
        assert "2026-11-19 09:30 → 2026-11-20 09:30 UTC" in text_of(charts.query_one("#title"))


@pytest.mark.parametrize("start,end,message", [
    ("2026-13-45T00:00Z", "2026-11-20T00:00Z", "From: must be a date and time"),
    ("yesterday", "2026-11-20T00:00Z", "From: must be a date and time"),
    ("2026-11-20T00:00Z", "2026-11-19T00:00Z", "From: must be before end_date"),
    ("2026-11-19T00:00Z", "2026-11-19T00:00Z", "From: must be before end_date"),
    ("2026-11-19T00:00Z", "", "To: is required when period is CUSTOM"),
])
async def test_custom_period_rejections_send_nothing(start, end, message):
    demo = app()
    async with demo.run_test(size=SIZE) as pilot:
        charts = await open_charts(pilot, "web-01")
        before = demo.client.stats.requests
        shown = charts.chart("cpu").data
        assert not charts.picker.choose("CUSTOM", start, end)
        await settle(pilot)
        assert message in charts.picker.error
        assert charts.picker.period.period == "LAST_24H"  # the last valid period stays
        assert charts.chart("cpu").data is shown
        assert demo.client.stats.requests == before


async def test_a_window_the_api_refuses_is_reported_not_raised():
    demo = app()
    async with demo.run_test(size=SIZE, notifications=True) as pilot:
        charts = await open_charts(pilot, "web-01")
        # Valid for the client, but longer than the emulator's 365-day window.
        assert charts.picker.choose("CUSTOM", "2024-11-20T00:00Z", "2026-11-20T00:00Z")
        await settle(pilot)
        assert "span more than 365 days" in charts.picker.error
        assert "Could not load" in charts.chart("cpu").message
        assert isinstance(demo.screen, ServerChartsScreen)


async def test_charts_fit_a_small_terminal():
    demo = app()
    async with demo.run_test(size=(80, 24)) as pilot:
        charts = await open_charts(pilot, "web-01")
        chart = charts.chart("cpu")
        assert chart.size.width >= 30 and chart.size.height >= 9
        assert isinstance(charts.query_one(MetricChart), MetricChart)


async def test_the_tree_opens_the_monitoring_center_and_esc_comes_back():
    from oneandone_tui.ui.screens.explorer import ExplorerScreen
    from oneandone_tui.ui.widgets.tree import AccountTree

    demo = app()
    async with demo.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = demo.screen.query_one(AccountTree)
        tree.focus()
        tree.reveal(("cat", "monitoring_center"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(demo.screen, MonitoringCenterScreen)
        await pilot.press("escape")
        assert isinstance(demo.screen, ExplorerScreen) and demo.screen.cat.key == "servers"


async def test_escape_leaves_the_date_field_before_the_screen():
    demo = app()
    async with demo.run_test(size=SIZE) as pilot:
        charts = await open_charts(pilot, "web-01")
        await pilot.press("6")
        assert charts.picker.start_input.has_focus
        await pilot.press("escape")
        assert demo.screen is charts and not charts.picker.start_input.has_focus
        await pilot.press("escape")
        assert isinstance(demo.screen, MonitoringCenterScreen)
