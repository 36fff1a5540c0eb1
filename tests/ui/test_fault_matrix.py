"""The fault matrix (issue 11, for the screens the account state feeds): each fault the
emulator can inject x the explorer, a detail tab and a follow. Each cell: the fault is said
(the health banner for an API that does not answer usably, the error line otherwise), the
last good data stays, marked stale, a follow is not given up (a lost answer is not a
failure), and everything recovers by itself once the fault clears.

Time is the poller's injected clock; the jitter's draw is fixed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from oneandone_tui.state import SECTION_EVERY
from oneandone_tui.ui import timing
from oneandone_tui.ui.forms.spec import Target
from oneandone_tui.ui.screens.detail import DetailScreen
from oneandone_tui.ui.widgets.health_banner import HealthBanner
from tests.ui.helpers import settle, text_of, until
from tests.ui.test_live_state import FakeClock, one_round

FAULTS = {
    "503": {"error_rate": 1.0, "error_statuses": [503]},
    "dropped connection": {"drop_rate": 1.0},
    "malformed body": {"malformed_rate": 1.0},
}
CLEAR = {"error_rate": 0.0, "drop_rate": 0.0, "malformed_rate": 0.0}
#: Longer than any backoff at the fixed jitter: the next round retries.
AFTER_BACKOFF = 61.0


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(timing, "monotonic", fake)
    return fake


def said(app) -> str:
    """Every error the screen shows now: banners and error lines."""
    parts = [text_of(b) for b in app.screen.query(HealthBanner) if b.display]
    for selector in ("#list-error", "#detail-error"):
        for line in app.screen.query(selector):
            if line.display:
                parts.append(text_of(line))
    return "\n".join(parts)


async def started(pilot):
    app = pilot.app
    await settle(pilot)
    app.client.retry = replace(app.client.retry, max_attempts=1)
    app.poller.random = lambda: 0.5
    return app


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_explorer(clock, fault):
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        rows = app.explorer().table.row_count
        app.emulator.faults.update(FAULTS[fault])
        await one_round(pilot, clock)
        shown = said(app)
        assert "Could not refresh servers" in shown and "stale" in shown
        assert app.explorer().table.row_count == rows  # the last good rows
        app.emulator.faults.update(CLEAR)
        await one_round(pilot, clock, AFTER_BACKOFF)
        await until(pilot, lambda: said(app) == "")
        assert app.state.lists["servers"].error is None


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_detail_tab(clock, fault):
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        await pilot.press("enter")  # web-01
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DetailScreen)
        screen.query_one("#tabs").active = "section-4"  # IPs
        await settle(pilot)
        body = screen.query_one("#section-4 .section-body")
        good = text_of(body)
        ip = app.state.section("servers", screen.item_id, "IPs").data[0]["ip"]
        assert ip in good
        app.emulator.faults.update(FAULTS[fault])
        await one_round(pilot, clock, SECTION_EVERY)
        assert said(app)  # the fault is said
        tab = text_of(body)
        assert ip in tab and "stale" in tab  # the last good IPs, marked stale
        app.emulator.faults.update(CLEAR)
        await one_round(pilot, clock, AFTER_BACKOFF)
        await until(pilot, lambda: said(app) == "" and "stale" not in text_of(body))
        assert ip in text_of(body)


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_follow(clock, fault):
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        ci = next(i for i in app.state.items("servers") if i["name"] == "ci-runner")
        f = app.follower.follow(Target("servers", ci["id"], "ci-runner"), "Create")
        app.emulator.faults.update(FAULTS[fault])
        for _ in range(3):
            await one_round(pilot, clock, AFTER_BACKOFF)
        assert said(app) and not f.done  # said, and not given up: the outcome is unknown
        app.emulator.settle()
        app.emulator.faults.update(CLEAR)
        await one_round(pilot, clock, AFTER_BACKOFF)
        await until(pilot, lambda: f.done)
        assert f.error is None and f.state == "POWERED_ON"
