"""Pilot helpers. The explorer and detail screens keep an endless poll worker, so tests wait for
every *other* worker instead of ``app.workers.wait_for_complete()`` (which would never return)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

POLL_GROUPS = frozenset({"poll", "detail-poll", "follow", "live"})


async def started(pilot: Pilot, timeout: float = 10.0) -> None:
    """Wait until the app's start-up work is under way: the explorer exists and has started
    its nav counts (they begin a moment after its first rows, see ``AFTER_FIRST_FRAME``). Until
    then no worker may exist yet for ``settle`` to wait for: the app first waits for the start
    category's first page (``_prefetch``)."""
    app: Any = pilot.app
    if not hasattr(app, "explorer"):
        return
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        explorer = app.explorer()
        if explorer is None and app.first_screen is not None:
            return  # the first-run screen: no explorer until a token is given
        if explorer is not None and explorer._last_counts:
            return
        if loop.time() > deadline:
            raise AssertionError("the explorer did not start in time")
        await pilot.pause(0.01)


async def settle(pilot: Pilot, rounds: int = 3) -> None:
    """Wait until the start-up is under way (``started``) and no non-poll worker is running
    (loads, counts, sections), then a frame."""
    await started(pilot)
    for _ in range(rounds):
        pending = [w for w in list(pilot.app.workers)
                   if w.group not in POLL_GROUPS and not w.is_finished]
        for worker in pending:
            try:
                await asyncio.wait_for(worker.wait(), timeout=10)
            except Exception:
                pass
        await pilot.pause()
        if not pending:
            break


async def until(pilot: Pilot, condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Pause until ``condition()`` holds (the poller works on its own timers)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await pilot.pause(0.05)


def notifications(app) -> list[str]:
    return [n.message for n in app._notifications]


def text_of(widget) -> str:
    """The plain text a Static shows (a Rich renderable rendered at 200 columns; Textual
    ``Content``, what account text is drawn as (``ui/safe.py``), its whole plain text)."""
    from rich.console import Console
    from textual.content import Content

    if isinstance(widget.content, Content):
        return widget.content.plain + "\n"

    console = Console(width=200, record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


def freeze_for_snapshots(monkeypatch: Any) -> None:
    """What a snapshot must not depend on: the UI's clock ("refreshed just now") and wall
    time (no poll round of the explorer or the detail may fire while the test runs, which
    would change the request count in the status line)."""
    from oneandone_tui.state import poller
    from oneandone_tui.ui import timing
    from oneandone_tui.ui.screens import detail, explorer

    monkeypatch.setattr(timing, "monotonic", lambda: 1000.0)
    for module in (poller, explorer, detail):
        monkeypatch.setattr(module, "SLOW", 3600.0)
    for name in ("FAST", "SECTION_EVERY", "MAX_BACKOFF"):
        monkeypatch.setattr(poller, name, 3600.0)
    # A focused input's cursor blinks on a timer: steady, a snapshot does not depend on when
    # the frame was taken (a form opens with its first field focused).
    from textual.widgets import Input

    monkeypatch.setattr(Input, "cursor_blink", False)
