"""The screen never lies about the connection (issue 12): a refused token shows one banner,
stops polling and resumes with a new token entered (masked) on the spot; an unreachable API
shows one banner, backs off with jitter and recovers by itself; the status line says the data
is stale instead of "refreshed just now"; the last good rows stay."""

from __future__ import annotations

from dataclasses import replace

import pytest

from oneandone_tui.api import Client
from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from oneandone_tui.state import FAST
from oneandone_tui.ui import timing
from oneandone_tui.ui.screens.token import TokenScreen
from oneandone_tui.ui.widgets.health_banner import HealthBanner
from oneandone_tui.ui.widgets.status_bar import StatusBar
from tests.ui.helpers import notifications, settle, text_of, until
from tests.ui.test_live_state import FakeClock, one_round


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(timing, "monotonic", fake)
    return fake


def banners(app) -> list[str]:
    return [text_of(b) for b in app.screen.query(HealthBanner) if b.display]


def sent(app) -> int:
    return sum(app.emulator.stats.snapshot()["requests"].values())


async def test_a_revoked_token_one_banner_no_polling_then_a_new_token_resumes(clock):
    app = make_demo_app(clock=ManualClock())
    saved: list[str] = []
    app.save_token = saved.append
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        rows = app.explorer().table.row_count
        other = Client(app.emulator.token, transport=app.emulator.direct())
        admin = next(u for u in await other.users.list() if u["name"] == "admin")
        await other.users.change_api_key(admin["id"])  # the app's token is revoked
        new_key = app.emulator.store.users[admin["id"]]["api"]["key"]

        await one_round(pilot, clock)
        assert app.state.health.status == "auth"
        [banner] = banners(app)
        assert "refused the token" in banner and "press T" in banner
        assert not any("401" in n for n in notifications(app))  # the banner, not a toast
        assert app.explorer().table.row_count == rows  # the last rows stay
        assert "stale" in text_of(app.screen.query_one(StatusBar))

        before = sent(app)
        for _ in range(3):  # time passes, the refresh key: nothing is sent
            clock.now += 60
            app.poller.wake()
            await pilot.pause(0.05)
        assert sent(app) == before

        await pilot.press("T")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, TokenScreen)
        field = form.query_one("#token")
        assert field.password  # masked
        await pilot.press(*"not-a-token", "enter")
        await until(pilot, lambda: "refused" in text_of(form.query_one("#token-error")))
        assert app.screen is form and field.value == "not-a-token"  # nothing lost
        field.value = new_key
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, TokenScreen))
        assert saved == [new_key]
        await until(pilot, lambda: app.state.health.status == "ok"
                    and app.state.lists["servers"].error is None)
        assert banners(app) == []
        done = app.poller.rounds
        await one_round(pilot, clock)  # polling goes on
        assert app.poller.rounds > done and app.state.lists["servers"].error is None
        assert "stale" not in text_of(app.screen.query_one(StatusBar))


async def test_an_unreachable_api_backs_off_with_jitter_and_recovers_by_itself(clock):
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.client.retry = replace(app.client.retry, max_attempts=1)
        app.poller.random = lambda: 0.5  # the jitter's draw: 0.5 + 0.5 = the base delay
        rows = app.explorer().table.row_count
        app.emulator.faults.update({"drop_rate": 1.0})

        await one_round(pilot, clock)
        health = app.state.health
        assert health.status == "unreachable" and health.failures == 1
        assert health.retry_at == pytest.approx(clock.now + FAST * 2)
        [banner] = banners(app)
        assert "unreachable" in banner and "Retrying in 4s" in banner
        assert app.explorer().table.row_count == rows  # the last good rows stay...
        error = text_of(app.screen.query_one("#list-error"))
        assert "stale" in error and "Could not refresh" in error  # ...marked stale
        line = app.screen.query_one("#list-error")
        assert len(error) > line.size.width and line.size.height >= 2  # wrapped, not cut
        assert "(GET /servers)" in error
        status = text_of(app.screen.query_one(StatusBar))
        assert "refreshed just now" not in status and "stale" in status

        before = sent(app)
        await one_round(pilot, clock, 1.0)  # within the backoff: nothing is sent
        assert sent(app) == before

        clock.now = app.state.health.retry_at
        await one_round(pilot, clock, 0.0)  # the retry: still down, the wait doubles
        assert app.state.health.failures == 2
        assert app.state.health.retry_at == pytest.approx(clock.now + FAST * 4)
        assert len(banners(app)) == 1

        app.emulator.faults.update({"drop_rate": 0.0})  # the API is back
        clock.now = app.state.health.retry_at
        await one_round(pilot, clock, 0.0)
        assert app.state.health.status == "ok"
        await until(pilot, lambda: banners(app) == [])
        assert not app.screen.query_one("#list-error").display
        assert "refreshed just now" in text_of(app.screen.query_one(StatusBar))


def test_the_jitter_spreads_the_backoff_between_half_and_one_and_a_half():
    from oneandone_tui.state import Poller

    draws = iter([0.0, 0.999])
    poller = Poller(feed=None, clock=lambda: 0.0, random=lambda: next(draws))
    assert poller._backoff(1) == pytest.approx(FAST * 2 * 0.5)
    assert poller._backoff(1) == pytest.approx(FAST * 2 * 1.499)
