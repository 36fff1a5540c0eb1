"""What the dashboard, the monitoring center, a server's charts, the logs, the usages and a role's
permissions look like (120x40, the demo account on a manual clock, the UI clock frozen).

Update after an intended change with ``pytest tests/ui --snapshot-update``; the same screens
as SVGs for people: ``python -m screenshots.generate``."""

from __future__ import annotations

import pytest

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from tests.ui.helpers import freeze_for_snapshots, settle

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def frozen_ui_clock(monkeypatch):
    freeze_for_snapshots(monkeypatch)


def app(start: str = "servers"):
    return make_demo_app(clock=ManualClock(), start=start)


def keys(*groups: str):
    """A ``run_before`` pressing each space-separated group of keys, settling after each."""

    async def run(pilot) -> None:
        await settle(pilot)
        for group in groups:
            await pilot.press(*group.split(" "))
            await settle(pilot)
        await pilot.pause()

    return run


def jump(name: str) -> str:
    return " ".join(["colon", *name, "enter"])


def test_dashboard(snap_compare):
    assert snap_compare(app("dashboard"), terminal_size=SIZE, run_before=keys())


def test_dashboard_at_80x24(snap_compare):
    assert snap_compare(app("dashboard"), terminal_size=(80, 24), run_before=keys())


def test_monitoring_center(snap_compare):
    assert snap_compare(app(), terminal_size=SIZE, run_before=keys(jump("monitoring")))


def test_monitoring_center_at_80x24(snap_compare):
    assert snap_compare(app(), terminal_size=(80, 24), run_before=keys(jump("monitoring")))


def test_server_charts(snap_compare):
    assert snap_compare(app(), terminal_size=SIZE,
                        run_before=keys(jump("monitoring"), "down down down down down down enter"))


def test_server_charts_last_7_days(snap_compare):
    assert snap_compare(app(), terminal_size=SIZE,
                        run_before=keys(jump("monitoring"), "down down down enter", "3"))


def test_logs(snap_compare):
    assert snap_compare(app(), terminal_size=SIZE, run_before=keys(jump("logs")))


def test_logs_custom_period_rejected(snap_compare):
    async def run(pilot) -> None:
        await keys(jump("logs"))(pilot)
        pilot.app.screen.picker.choose("CUSTOM", "2026-11-19T00:00Z", "2026-11-18T00:00Z")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=run)


def test_usages(snap_compare):
    assert snap_compare(app(), terminal_size=SIZE, run_before=keys(jump("usages")))


def test_role_permissions(snap_compare):
    assert snap_compare(app("roles"), terminal_size=SIZE, run_before=keys("down enter", "right"))
