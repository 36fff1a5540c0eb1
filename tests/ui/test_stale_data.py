"""Data a screen fetched for itself (charts, logs, usages), after a failed refresh: kept and
marked stale with its age for the period it is of, never shown as another period's; the
message says how old it is (``ui/stale.py``)."""

from __future__ import annotations

import pytest

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from oneandone_tui.ui import stale, timing
from oneandone_tui.ui.stale import Freshness
from tests.ui.helpers import text_of, until
from tests.ui.test_fault_matrix import CLEAR
from tests.ui.test_live_state import FakeClock
from tests.ui.test_logs import open_logs
from tests.ui.test_monitoring import open_charts
from tests.ui.test_usages import open_usages

DROP = {"drop_rate": 1.0}


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(timing, "monotonic", fake)
    return fake


def test_freshness_says_the_age_and_the_first_failure_of_a_run(clock) -> None:
    fresh = Freshness("the logs")
    assert fresh.note() == "" and not fresh.stale
    assert fresh.failed("boom")  # first failure, nothing loaded yet
    assert fresh.note() == "Could not load the logs: boom" and not fresh.stale
    assert fresh.loaded()  # ends a run of failures
    clock.now += 150
    assert fresh.failed("503 down") and not fresh.failed("503 down")  # toasted once
    assert fresh.stale
    assert fresh.note() == ("⚠ stale: shown as of 2m ago; could not refresh the logs: "
                            "503 down")
    assert fresh.loaded()
    assert not fresh.stale and fresh.note() == ""
    assert [stale.ago(s) for s in (0, 59.9, 119, 120, 3600)] == ["0s", "59s", "119s", "2m",
                                                                "60m"]


async def test_usages_of_another_period_are_not_shown_as_stale(clock) -> None:
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_usages(pilot)
        assert screen.groups.row_count > 0
        app.client.retry = app.client.retry.never()
        app.emulator.faults.update(DROP)
        await pilot.press("3")  # the last 7 days: never loaded
        await until(pilot, lambda: "Could not load the usages" in screen.picker.error)
        assert screen.groups.row_count == 0 and screen.data is None
        assert "stale" not in text_of(screen.query_one("#title"))
        app.emulator.faults.update(CLEAR)
        await pilot.press("r")
        await until(pilot, lambda: screen.groups.row_count > 0)
        assert screen.picker.error == ""


async def test_logs_of_another_period_are_not_shown_as_stale(clock) -> None:
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_logs(pilot)
        assert screen.table.row_count > 0
        app.client.retry = app.client.retry.never()
        app.emulator.faults.update(DROP)
        await pilot.press("5")  # the last 365 days
        await until(pilot, lambda: "Could not load the logs" in screen.picker.error)
        assert screen.table.row_count == 0 and screen.entries == {}
        assert "stale" not in text_of(screen.query_one("#title"))


async def test_charts_of_another_period_are_not_shown_as_stale(clock) -> None:
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        charts = await open_charts(pilot, "web-01")
        assert charts.chart("cpu").data is not None
        app.client.retry = app.client.retry.never()
        app.emulator.faults.update(DROP)
        await pilot.press("1")  # the last hour
        await until(pilot, lambda: "Could not load the charts" in charts.picker.error)
        assert charts.chart("cpu").data is None and charts.usage is None
        assert "Could not load" in charts.chart("cpu").message
        assert "stale" not in text_of(charts.query_one("#title"))
