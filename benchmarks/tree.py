"""Target 9: expanding Servers in the navigation tree, 10,000 servers against 100.

The real app (``make_demo_app(servers=N)``, every transition settled, the explorer's poll
parked) under Textual's headless driver at 120x40, frames timed as in ``table.py``. With the
whole list loaded and the tree focused on a collapsed Servers, a sample runs from the key
press (``right``) to the first frame whose tree shows the servers; ``left`` collapses it again
between samples. The tree holds the servers already (the table's list): no request.

Context: the same expansion with Textual's own ``Tree`` widget (one node per server, a
minimal app), which is why the tree is a line-API widget over ranges of ids.
"""

from __future__ import annotations

import asyncio
import gc
import time
from typing import Any

from .common import Result, alternate, ratio_result
from .table import SIZE, Frames, _make_app, _park_poller, _until

SMALL, LARGE = 100, 10_000
BASE = 12  # servers of the demo account itself


async def _session(servers: int, rounds: int) -> list[float]:
    _park_poller()
    app = _make_app(servers)
    gc.freeze()
    try:
        return await _measure(app, servers, rounds)
    finally:
        gc.unfreeze()
        gc.collect()


async def _measure(app: Any, servers: int, rounds: int) -> list[float]:
    from oneandone_tui.ui.widgets.tree import AccountTree

    total = servers + BASE
    out: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        frames = Frames(app)
        await _until(lambda: app.screen.table.total_count == total, pilot)
        await _until(lambda: app.screen.tree_source.count("servers") == total, pilot)
        tree = app.screen.query_one(AccountTree)
        tree.focus()
        await pilot.pause(0.1)  # the table's last moves (the tree follows them) handled
        tree.reveal(("cat", "servers"))
        await pilot.pause(0.1)
        node = ("cat", "servers")
        for _ in range(rounds):
            if node in tree.expanded:
                await pilot.press("left")
                await pilot.pause(0.05)
            assert tree.cursor_node == node and node not in tree.expanded
            frame = frames.expect(lambda: node in tree.flat.open and len(tree.flat) > total)
            start = time.perf_counter()
            await pilot.press("right")
            out.append((await asyncio.wait_for(frame, 30) - start) * 1000)
            await pilot.pause(0.05)
    return out


async def _textual_tree(servers: int, rounds: int) -> list[float]:
    """Context: Textual's ``Tree`` with one node per server, expanded the same way."""
    from textual.app import App, ComposeResult
    from textual.widgets import Tree

    names = [f"server-{i:05d}" for i in range(servers + BASE)]

    class TreeApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Tree("Account")

    app = TreeApp()
    out: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        frames = Frames(app)
        tree = app.query_one(Tree)
        tree.root.expand()
        await pilot.pause(0.05)
        for _ in range(rounds):
            tree.clear()
            await pilot.pause(0.05)
            frame = frames.expect(lambda: tree.last_line >= len(names))
            start = time.perf_counter()
            group = tree.root.add("Servers")
            for name in names:  # what a tree of nodes must do with a list it is given
                group.add_leaf(name)
            group.expand()
            out.append((await asyncio.wait_for(frame, 60) - start) * 1000)
    return out


def _run(servers: int, rounds: int) -> list[float]:
    return asyncio.run(_session(servers, rounds))


def _run_textual(servers: int, rounds: int) -> list[float]:
    return asyncio.run(_textual_tree(servers, rounds))


def run(quick: bool = False) -> list[Result]:
    reps, rounds = (1, 3) if quick else (3, 6)
    small, large = alternate([lambda: _run(SMALL, rounds), lambda: _run(LARGE, rounds)], reps)
    t_small, t_large = alternate([lambda: _run_textual(SMALL, 2),
                                  lambda: _run_textual(LARGE, 2)], 1 if quick else 2)
    a_label, b_label = f"{LARGE:,} servers", f"{SMALL} servers"
    pooled = [v for r in large for v in r], [v for r in small for v in r]
    return [
        ratio_result("tree_expand", "9. Tree: expanding Servers (key to frame)", a_label,
                     pooled[0], b_label, pooled[1], "ms", 2.0),
        ratio_result("tree_expand_textual", "9, Textual's Tree widget instead (context)",
                     a_label, [v for r in t_large for v in r], b_label,
                     [v for r in t_small for v in r], "ms", 2.0, target=False,
                     notes=["one node object per server: building and laying out 10,000 "
                            "nodes, which the line-API tree does not"]),
    ]
