"""What the main screens look like (fixed size, demo account on a manual clock).

Update after an intended change with ``pytest tests/ui --snapshot-update``."""

from __future__ import annotations

import pytest

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from tests.ui.helpers import freeze_for_snapshots, settle

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def frozen_ui_clock(monkeypatch):
    freeze_for_snapshots(monkeypatch)


def app():
    return make_demo_app(clock=ManualClock())


async def _ready(pilot) -> None:
    await settle(pilot)
    await pilot.pause()


def test_servers_table(snap_compare):
    assert snap_compare(app(), terminal_size=SIZE, run_before=_ready)


def test_servers_table_at_80x24(snap_compare):
    assert snap_compare(app(), terminal_size=(80, 24), run_before=_ready)


def test_filtered_table(snap_compare):
    async def run(pilot) -> None:
        await _ready(pilot)
        await pilot.press("slash", *"de")

    assert snap_compare(app(), terminal_size=SIZE, run_before=run)


def test_server_detail(snap_compare):
    async def run(pilot) -> None:
        await _ready(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=run)


def test_server_detail_ips_tab(snap_compare):
    async def run(pilot) -> None:
        await _ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("right", "right", "right", "right")
        await pilot.pause()

    assert snap_compare(app(), terminal_size=SIZE, run_before=run)


def test_jump_prompt(snap_compare):
    async def run(pilot) -> None:
        await _ready(pilot)
        await pilot.press("colon", "f", "i")

    assert snap_compare(app(), terminal_size=SIZE, run_before=run)


def test_help(snap_compare):
    async def run(pilot) -> None:
        await _ready(pilot)
        await pilot.press("question_mark")

    assert snap_compare(app(), terminal_size=SIZE, run_before=run)


def test_load_balancers(snap_compare):
    async def run(pilot) -> None:
        await _ready(pilot)
        await pilot.press("colon", "l", "b", "enter")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=run)
