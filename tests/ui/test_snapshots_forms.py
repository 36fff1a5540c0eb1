"""What the forms look like: the server create form, a load balancer form, a delete
confirmation, and a validation error (fixed size, demo account on a manual clock).

Update after an intended change with ``pytest tests/ui --snapshot-update``."""

from __future__ import annotations

import pytest

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from tests.ui.forms.helpers import fill, select_row, show
from tests.ui.helpers import freeze_for_snapshots, settle

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def frozen_ui_clock(monkeypatch):
    freeze_for_snapshots(monkeypatch)


def app():
    return make_demo_app(clock=ManualClock())


async def steady(pilot) -> None:
    """Focus off the text inputs (a blinking cursor after typed text is not deterministic)
    and the body scrolled to the top."""
    form = pilot.app.screen
    form.query_one("#form-cancel").focus()
    await pilot.pause()
    form.query_one("#form-body").scroll_home(animate=False)
    await pilot.pause()


def test_server_create_form(snap_compare):
    async def run(pilot) -> None:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=run)


def test_load_balancer_form_with_http_check(snap_compare):
    async def run(pilot) -> None:
        await settle(pilot)
        await show(pilot, "load_balancers")
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, pilot.app.screen, name="lb-api", health_check_test="HTTP",
                   health_check_path="/health", rules__0__port_balancer="443",
                   rules__0__port_server="8443", rules__1__port_balancer="80",
                   rules__1__port_server="8080")
        await steady(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=run)


def test_server_delete_confirmation(snap_compare):
    async def run(pilot) -> None:
        await settle(pilot)
        await select_row(pilot, "legacy-erp")
        await pilot.press("ctrl+d")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=run)


def test_validation_errors_after_submit(snap_compare):
    async def run(pilot) -> None:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = pilot.app.screen
        await fill(pilot, form, name="web-03", ram="3.3", hdds__0__size="30",
                   password="secret")
        form.action_submit()
        await settle(pilot)
        await steady(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=run)


def test_server_create_form_at_80x24(snap_compare):
    async def run(pilot) -> None:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=(80, 24), run_before=run)


def test_power_off_confirmation_at_80x24(snap_compare):
    """Destructive: opens on Cancel, the footer says what enter does there."""

    async def run(pilot) -> None:
        await settle(pilot)
        await select_row(pilot, "web-01")
        await pilot.press("x")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=(80, 24), run_before=run)


def test_actions_menu_filtered_at_80x24(snap_compare):
    """The menu of a server with a snapshot, filtered by "snap": another snapshot disabled
    with the reason."""

    async def run(pilot) -> None:
        await settle(pilot)
        await select_row(pilot, "db-primary")
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"snap")
        await pilot.pause()

    assert snap_compare(app(), terminal_size=(80, 24), run_before=run)
