"""The dashboard: the first screen, counts by category and state, alerts, recent failures and
activity, the cost estimate, and reaching it from anywhere."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from oneandone_tui.cli import tui_parser
from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app, start_of
from oneandone_tui.ui.accounting import estimate
from oneandone_tui.ui.screens.dashboard import DashboardScreen
from oneandone_tui.ui.screens.detail import DetailScreen
from oneandone_tui.ui.screens.explorer import ExplorerScreen
from oneandone_tui.ui.screens.monitoring import ServerChartsScreen
from oneandone_tui.ui.widgets.status_bar import StatusBar
from tests.ui.helpers import settle, text_of

SIZE = (120, 40)


def dashboard_app():
    return make_demo_app(clock=ManualClock(), start="dashboard")


def prompts(screen, selector: str) -> list[str]:
    options = screen.query_one(selector)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def test_the_cli_starts_on_the_dashboard_unless_given_a_category():
    assert start_of(tui_parser().parse_args(["--demo"])) == "dashboard"
    assert start_of(tui_parser().parse_args(["--demo", "servers"])) == "servers"
    assert start_of(tui_parser().parse_args(["load-balancers"])) == "load_balancers"


async def test_opens_on_the_dashboard_with_the_explorer_underneath():
    demo = dashboard_app()
    async with demo.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(demo.screen, DashboardScreen)
        await pilot.press("escape")
        assert isinstance(demo.screen, ExplorerScreen) and demo.screen.cat.key == "servers"
        # The explorer's status line kept up while it was covered: not "refreshed never".
        await pilot.pause()
        line = str(demo.screen.query_one(StatusBar).render())
        assert "refreshed never" not in line and " req 0 " not in line
        assert f"req {demo.client.stats.requests}" in line


async def test_counts_by_category_and_state():
    demo = dashboard_app()
    async with demo.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = prompts(demo.screen, "#dash-resources")
        servers = await demo.client.servers.list()
        states = Counter(s["status"]["state"] for s in servers)
        line = next(x for x in lines if x.startswith("Servers"))
        assert f" {len(servers)}  " in line
        assert f"{states['POWERED_ON']} on" in line and f"{states['POWERED_OFF']} off" in line
        assert f"{states['DEPLOYING']} deploying" in line
        users = next(x for x in lines if x.startswith("Users"))
        assert "3 active" in users and "1 disabled" in users
        assert len(lines) == 13
        # enter opens the category in the explorer.
        demo.screen.query_one("#dash-resources").highlighted = 3
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(demo.screen, ExplorerScreen)
        assert demo.screen.cat.key == "firewall_policies"


async def test_alerts_lead_to_the_servers_charts():
    demo = dashboard_app()
    async with demo.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = prompts(demo.screen, "#dash-alerts")
        assert any("worker-us-01" in x and "CPU 9" in x and x.startswith("✖") for x in lines)
        assert any("db-primary" in x and "Disk" in x and x.startswith("▲") for x in lines)
        assert all(x.startswith("✖") for x in lines[:3])  # critical first
        alerts = demo.screen.query_one("#dash-alerts")
        alerts.focus()
        alerts.highlighted = next(i for i, x in enumerate(lines) if "worker-us-01" in x)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(demo.screen, ServerChartsScreen)
        assert demo.screen.server_name == "worker-us-01"
        await pilot.press("escape")
        assert isinstance(demo.screen, DashboardScreen)


async def test_recent_failures_and_activity():
    demo = dashboard_app()
    async with demo.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert prompts(demo.screen, "#dash-failures") == ["No failures in the last 7 days."]
        activity = prompts(demo.screen, "#dash-activity")
        newest = (await demo.client.logs.list("LAST_7D"))[0]
        assert newest["action"] in activity[0] and newest["resource"]["name"] in activity[0]
        web = next(s for s in demo.emulator.store.servers.values() if s["name"] == "web-02")
        web["state"] = "FAILED"
        await pilot.press("r")
        await settle(pilot)
        failures = prompts(demo.screen, "#dash-failures")
        assert any("Servers: web-02 is FAILED" in x for x in failures)
        failures_list = demo.screen.query_one("#dash-failures")
        failures_list.focus()
        failures_list.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(demo.screen, DetailScreen) and demo.screen.item["name"] == "web-02"


async def test_cost_estimate_from_usages_and_prices():
    demo = dashboard_app()
    async with demo.run_test(size=SIZE) as pilot:
        await settle(pilot)
        est = estimate(await demo.client.usages.list("LAST_30D"), await demo.client.pricing.get())
        text = text_of(demo.screen.query_one("#dash-cost"))
        assert f"≈ {est.net:,.2f} EUR" in text and est.net > 0
        assert "vCore 0.0069/h" in text
        assert "No list price in /pricing for LOAD_BALANCER: left out" in text


async def test_dashboard_from_anywhere():
    demo = make_demo_app(clock=ManualClock())
    async with demo.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(demo.screen, ExplorerScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(demo.screen, DetailScreen)
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(demo.screen, DashboardScreen)
        assert [type(s) for s in demo.screen_stack[1:]] == [ExplorerScreen, DashboardScreen]
        await pilot.press("escape", "colon", *"dash", "enter")
        await settle(pilot)
        assert isinstance(demo.screen, DashboardScreen)
        await pilot.press("D")  # already there: nothing stacks up
        assert len(demo.screen_stack) == 3


async def test_failed_requests_leave_a_readable_dashboard():
    demo = dashboard_app()
    demo.client.retry = replace(demo.client.retry, max_attempts=1)
    demo.emulator.faults.update({"error_rate": 1.0, "error_statuses": [503]})
    async with demo.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(demo.screen, DashboardScreen)
        assert any("Could not load" in x for x in prompts(demo.screen, "#dash-alerts"))
        assert all(" ? " in x for x in prompts(demo.screen, "#dash-resources"))
        demo.emulator.faults.update({"error_rate": 0.0})
        await pilot.press("r")
        await settle(pilot)
        assert not any("Could not load" in x for x in prompts(demo.screen, "#dash-alerts"))


async def test_command_palette_goes_to_the_dashboard():
    demo = make_demo_app(clock=ManualClock())
    async with demo.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go to dashboard")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(demo.screen, DashboardScreen)
        assert "Account overview" in text_of(demo.screen.query_one("#title"))
