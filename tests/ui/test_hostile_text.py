"""Issue 11 (c), DESIGN §9 rule 1: any string as a resource's name, its description or an API
error message renders on every screen without an exception, and no control or bidi character
reaches the terminal; the text is shown neutralised (``␛``, ``\\u202e``), not dropped.

The string goes into the emulator's account (in process), then the demo app at 120x40 visits
the explorer on that row, its detail, the raw JSON, the action menu, the delete confirmation,
the edit form, a toast carrying the API's error message, the dashboard, the logs, the usages,
the monitoring center, the server's charts and the journal."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneandone_tui.ui.forms.discard import DiscardScreen
from oneandone_tui.ui.forms.form import FormScreen
from oneandone_tui.ui.forms.keys import ActionsMenu
from oneandone_tui.ui.screens.detail import DetailScreen
from tests.ui.helpers import settle, until
from tests.ui.hostile import (
    ATTACKS,
    assert_safe_screen,
    fail_with,
    hostile_app,
    visible_part,
    wire_like_the_api,
)

SIZE = (120, 40)


async def visit_every_screen(pilot: Any, server: dict[str, Any], text: str) -> None:
    app = pilot.app
    shown = visible_part(text)
    await settle(pilot)
    explorer = app.explorer()
    assert explorer.table.move_to(server["id"])
    await pilot.pause()
    assert_safe_screen(app, "explorer", shown)

    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, DetailScreen)
    assert_safe_screen(app, "detail", shown)
    await pilot.press("y")
    await pilot.pause()
    assert_safe_screen(app, "detail json")
    await pilot.press("escape")
    await pilot.press("escape")
    await settle(pilot)

    await pilot.press("a")
    await settle(pilot)
    assert isinstance(app.screen, ActionsMenu)
    assert_safe_screen(app, "action menu", shown)
    await pilot.press("escape")

    await pilot.press("ctrl+d")
    await settle(pilot)
    assert isinstance(app.screen, FormScreen)
    assert_safe_screen(app, "delete confirmation", shown)
    await pilot.press("escape")

    await pilot.press("e")
    await settle(pilot)
    assert isinstance(app.screen, FormScreen)
    assert_safe_screen(app, "edit form")
    await pilot.press("end", "x", "escape")  # a change: esc asks before throwing it away
    await settle(pilot)
    assert isinstance(app.screen, DiscardScreen)
    assert_safe_screen(app, "discard dialog", shown)
    await pilot.press("tab", "enter")
    await settle(pilot)

    # The API refuses the servers with ``text`` as its message: the toast shows it.
    switch = fail_with(app, text, "GET /v1/servers")
    await pilot.press("r")
    await until(pilot, lambda: any(n.severity == "error" for n in app._notifications))
    switch[0] = False
    await pilot.pause(0.1)
    assert_safe_screen(app, "error toast", shown)
    app.clear_notifications()

    for key, where in (("dashboard", "dashboard"), ("logs", "logs"), ("usages", "usages"),
                       ("monitoring_center", "monitoring center")):
        app.show_category(key)
        await settle(pilot)
        await pilot.pause(0.1)
        assert_safe_screen(app, where)
    # The monitoring center is on top: the server's charts (its name in the title).
    assert app.screen.table.move_to(server["id"])
    await pilot.press("enter")
    await settle(pilot)
    await pilot.pause(0.1)
    assert_safe_screen(app, "server charts", shown)
    await pilot.press("escape")
    await pilot.press("J")
    await pilot.pause()
    assert_safe_screen(app, "journal")


async def run_hostile(text: str, monkeypatch: Any) -> None:
    wire_like_the_api(monkeypatch)
    app, server = hostile_app(text)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await visit_every_screen(pilot, server, text)
        assert app.return_code is None  # still running: nothing ended it


@pytest.mark.parametrize("text", ATTACKS)
async def test_known_attacks_render_safely_everywhere(text, monkeypatch):
    await run_hostile(text, monkeypatch)


#: Any text (surrogates too: JSON's ``"\ud800"`` decodes to one), and text built from the
#: characters attacks are made of.
hostile_texts = st.one_of(
    st.text(st.characters(codec=None, categories=None), min_size=1, max_size=30),
    st.text(st.sampled_from(list("[]/\\@=$ab \x1b\x07\n\t\x9b\u202e\u2066\u200d\ud800"
                                 "\u0301漢😀")), min_size=1, max_size=30),
).filter(lambda t: t.strip())


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=hostile_texts)
async def test_any_name_renders_safely_everywhere(text, monkeypatch):
    await run_hostile(text, monkeypatch)
