"""What the navigation tree looks like: a server unfolded into its parts and an IP into its
firewall and load balancer at 120x40; at 80x24 the tree beside the table (ctrl+n), on a
category (its table on the right) and on a server (its preview on the right).

Update after an intended change with ``pytest tests/ui/test_snapshots_tree.py
--snapshot-update``."""

from __future__ import annotations

import pytest

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from tests.ui.helpers import freeze_for_snapshots, settle
from tests.ui.test_tree import at, open_tree


@pytest.fixture(autouse=True)
def frozen_ui_clock(monkeypatch):
    freeze_for_snapshots(monkeypatch)


def app():
    return make_demo_app(clock=ManualClock())


async def unfold_web_01(pilot) -> None:
    tree = await open_tree(pilot)
    await at(pilot, tree, "web-01")
    await pilot.press("right")
    await settle(pilot)
    await at(pilot, tree, "IPs")
    await pilot.press("right", "right", "right")  # open IPs, to its IP, open the IP
    await pilot.pause(0.3)  # the right pane follows the cursor after a moment
    await settle(pilot)


def test_tree_with_a_server_unfolded(snap_compare):
    assert snap_compare(app(), terminal_size=(120, 40), run_before=unfold_web_01)


def test_tree_beside_the_table_at_80x24(snap_compare):
    async def run(pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        tree = pilot.app.screen.account_tree
        await at(pilot, tree, "Firewall Policies")
        await pilot.press("right")
        await pilot.pause(0.3)
        await settle(pilot)

    assert snap_compare(app(), terminal_size=(80, 24), run_before=run)


def test_tree_beside_a_server_at_80x24(snap_compare):
    async def run(pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        tree = pilot.app.screen.account_tree
        await at(pilot, tree, "Servers")
        await pilot.press("right")
        await settle(pilot)
        await at(pilot, tree, "worker-us-02")
        await pilot.pause(0.3)  # the right pane follows the cursor after a moment
        await settle(pilot)

    assert snap_compare(app(), terminal_size=(80, 24), run_before=run)
