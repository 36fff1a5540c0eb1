"""Building the app: the one factory the CLI, the tests, the snapshot apps and the screenshot
script share (``make_app``), and the demo wiring (emulator + in-process transport)."""

from __future__ import annotations

import argparse
import gc
from typing import Any

from .ui.widgets.status_bar import Connection


def make_app(client: Any, connection: Connection, *, start: str = "servers"):
    from .ui.app import OneAndOneApp

    return OneAndOneApp(client, connection, start=start)


def demo_client(*, servers: int = 0, seed: int = 1, time_scale: float = 10.0,
                clock: Any = None, read_only: bool = False, emulator: Any = None):
    """A client wired to an in-process emulator (no network). Returns (client, emulator)."""
    from .api.client import Client
    from .emulator.core import Emulator

    emu = emulator or Emulator(seed=seed, servers=servers, time_scale=time_scale, clock=clock)
    client = Client(emu.token, transport=emu.direct(), read_only=read_only)
    return client, emu


def make_demo_app(*, servers: int = 0, seed: int = 1, time_scale: float = 10.0,
                  clock: Any = None, read_only: bool = False, start: str = "servers",
                  emulator: Any = None):
    client, emu = demo_client(servers=servers, seed=seed, time_scale=time_scale, clock=clock,
                              read_only=read_only, emulator=emulator)
    app = make_app(client, Connection("demo", "in-process emulator", read_only, demo=True),
                   start=start)
    app.emulator = emu
    return app


def start_of(args: argparse.Namespace) -> str:
    """Where the TUI opens: the named category, else the dashboard."""
    return (args.category or "dashboard").replace("-", "_")


def run_tui(args: argparse.Namespace) -> int:
    start = start_of(args)
    if args.demo:
        app = make_demo_app(servers=args.servers, seed=args.seed, time_scale=args.time_scale,
                            read_only=args.read_only, start=start)
    else:
        from .first_run import configured_app

        app = configured_app(args, start)
        if app is None:
            return 1
    # Everything alive now (modules, the client, the demo's emulator and its data) lives until
    # the process ends: the cyclic garbage collector need not walk it again. With 10,000 demo
    # servers its full passes, triggered by each large list decoded, stalled the UI ~200 ms.
    gc.freeze()
    return run_app(app)


def run_app(app: Any) -> int:
    """Run the TUI; after a crash (Textual has restored the terminal by then) write the crash
    report, say where it is, and return 1, not the 0 of a normal exit."""
    from . import crash

    try:
        app.run()
    except Exception as outside:  # the crash handler, outside Textual's (start-up, driver)
        return crash.report(outside, app)
    inside = getattr(app, "crash_error", None)
    if inside is not None:
        return crash.report(inside, app)
    return int(app.return_code or 0)
