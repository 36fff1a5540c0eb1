"""Regenerate the SVG screenshots of the main screens, deterministically (the demo account on a
manual clock, the UI clock and the pollers frozen as in the snapshot tests, 120x40):

    python -m screenshots.generate            # every shot
    python -m screenshots.generate dashboard  # only the named ones

Each shot is ``(name, setup)``: ``setup(pilot)`` is a coroutine that gets the demo app (opened
on the servers table) to the screen to capture. Add a screen by appending to :data:`SHOTS`.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from tests.ui.helpers import freeze_for_snapshots, settle
from tests.ui.test_snapshots_tree import unfold_web_01

HERE = Path(__file__).resolve().parent
SIZE = (120, 40)
Setup = Callable[[Pilot], Awaitable[None]]


def keys(*presses: str) -> Setup:
    """A setup that presses keys, settling after each group."""

    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        for group in presses:
            await pilot.press(*group.split(" "))
            await settle(pilot)

    return run


def chars(text: str) -> str:
    """``":logs"`` as the key names ``pilot.press`` wants, space-separated."""
    return " ".join("colon" if c == ":" else c for c in text)


async def server_charts(pilot: Pilot) -> None:
    await keys(chars(":monitoring") + " enter")(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def role_permissions(pilot: Pilot) -> None:
    await keys(chars(":roles") + " enter", "down enter", "right")(pilot)


async def focus_off_inputs(pilot: Pilot) -> None:
    """A form's text cursor blinks: move focus to the form's buttons for a stable picture."""
    screen = pilot.app.screen
    buttons = screen.query("Button")
    if buttons:
        buttons.last().focus()
    await pilot.pause()


async def new_server_form(pilot: Pilot) -> None:
    await keys("n")(pilot)
    await focus_off_inputs(pilot)


async def delete_confirmation(pilot: Pilot) -> None:
    await keys("ctrl+d")(pilot)


SHOTS: list[tuple[str, Setup]] = [
    ("servers", keys()),
    ("tree", unfold_web_01),
    ("server-detail", keys("enter")),
    ("server-detail-ips", keys("enter", "right right right right")),
    ("load-balancers", keys(chars(":lb") + " enter")),
    ("jump", keys(chars(":fi"))),
    ("new-server-form", new_server_form),
    ("delete-confirmation", delete_confirmation),
    ("action-menu", keys("a")),
    ("dashboard", keys("D")),
    ("monitoring-center", keys(chars(":monitoring") + " enter")),
    ("server-charts", server_charts),
    ("logs", keys(chars(":logs") + " enter")),
    ("usages", keys(chars(":usages") + " enter")),
    ("role-permissions", role_permissions),
]


async def shoot(name: str, setup: Setup, out: Path = HERE) -> Path:
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=SIZE) as pilot:
        await setup(pilot)
        await pilot.pause()
        filename = f"{name}.svg"
        app.save_screenshot(filename=filename, path=str(out))
    return out / filename


def main(argv: list[str] | None = None) -> int:
    wanted = set(sys.argv[1:] if argv is None else argv)
    unknown = wanted - {name for name, _ in SHOTS}
    if unknown:
        print(f"unknown shot(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    with pytest.MonkeyPatch.context() as patch:  # as in the snapshot tests
        freeze_for_snapshots(patch)
        for name, setup in SHOTS:
            if not wanted or name in wanted:
                print(asyncio.run(shoot(name, setup)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
