"""Issue 15: the UI catches what fetching can raise (ui/failures.py), not ``Exception``. A
failed request is still shown where it happened ("Could not load: 503 ..."); a bug in the code
(a ``NameError``) is no longer dressed up as one: it reaches the crash handler, which stops the
app and writes the report (``crash_error``, the bug itself, is what ``launch.run_app``
reports; Textual hands it over wrapped in ``WorkerFailed``)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from textual.worker import WorkerFailed

from oneandone_tui.api.errors import ServerError
from tests.ui.helpers import until
from tests.ui.test_tree import SIZE, at, labels, open_tree, rows


async def crashed(app: Any) -> None:
    """Wait for the crash to stop every worker (the poller's too); before issue 15 they never
    stopped (the poller's runs for ever): a timeout then fails the test."""
    await asyncio.wait_for(app.workers.wait_for_complete(), timeout=10)


def _failing(error: Exception) -> Any:
    async def answer(*args: Any, **kw: Any) -> Any:
        raise error
    return answer


async def test_a_failed_list_in_the_tree_is_shown_on_its_category(demo_app, monkeypatch):
    async with demo_app.run_test(size=SIZE) as pilot:
        tree = await open_tree(pilot)
        monkeypatch.setattr(demo_app.client.logs, "list", _failing(
            ServerError(503, "Service Unavailable", method="GET", path="/logs")))
        await at(pilot, tree, "Logs")  # a category with its own screen: the tree loads it
        await pilot.press("right")
        await until(pilot, lambda: any("Could not load" in label for label in labels(tree)))
        notes = [label for _, label, _ in rows(tree) if "Could not load" in label]
        assert notes == ["Could not load: 503: Service Unavailable (GET /logs)"]
    assert demo_app.crash_error is None


async def test_a_bug_while_the_tree_loads_a_category_reaches_the_crash_handler(
        demo_app, monkeypatch):
    bug = NameError("name 'entries' is not defined")
    with pytest.raises(WorkerFailed):
        async with demo_app.run_test(size=SIZE) as pilot:
            tree = await open_tree(pilot)
            monkeypatch.setattr(demo_app.client.logs, "list", _failing(bug))
            await at(pilot, tree, "Logs")
            await pilot.press("right")
            await crashed(demo_app)
            await pilot.pause()
            # Before issue 15 the tree showed "Could not load: name 'entries' is not defined"
            # and went on as if the API had failed.
            assert not any("entries" in label for label in labels(tree))
    assert demo_app.crash_error is bug


async def test_a_bug_while_the_tree_fetches_a_resources_parts_reaches_the_crash_handler(
        demo_app, monkeypatch):
    bug = NameError("name 'ips' is not defined")
    with pytest.raises(WorkerFailed):
        async with demo_app.run_test(size=SIZE) as pilot:
            tree = await open_tree(pilot)
            monkeypatch.setattr(demo_app.feed, "section", _failing(bug))
            await at(pilot, tree, "web-01")
            await pilot.press("l")
            await crashed(demo_app)
            await pilot.pause()
            assert not any("ips" in right for _, _, right in rows(tree))
    assert demo_app.crash_error is bug


async def test_a_bug_in_a_poll_round_reaches_the_crash_handler(demo_app):
    """The poller's worker no longer dies silently (polling stopped, every screen stale)."""
    bug = NameError("name 'fresh' is not defined")
    with pytest.raises(WorkerFailed):
        async with demo_app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: demo_app.poller.rounds > 0 or
                        demo_app.state.lists.get("servers") is not None)
            demo_app.client.servers.list = _failing(bug)
            demo_app.poller.wake()
            await crashed(demo_app)
            await pilot.pause()
    assert demo_app.crash_error is bug


async def test_a_bug_while_counting_the_categories_reaches_the_crash_handler(demo_app):
    """The nav's counts (``Feed.counts``, after the first frame): a failed count is "?" with
    its reason; a bug is raised, and the worker that asked no longer swallows it."""
    bug = NameError("name 'isos' is not defined")
    demo_app.client.dvd_isos.list = _failing(bug)
    with pytest.raises(WorkerFailed):
        async with demo_app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: demo_app.crash_error is not None, timeout=10)
            await crashed(demo_app)
    assert demo_app.crash_error is bug
