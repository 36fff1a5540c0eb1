"""Issue 11, item 10: in read-only mode the command palette lists no command that changes
anything (it listed create/delete/power..., each refused when chosen); the rest stays."""

from __future__ import annotations

from typing import Any

from textual.command import CommandList, CommandPalette

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import demo_client, make_app, make_demo_app
from oneandone_tui.ui.widgets.status_bar import Connection
from tests.ui.helpers import settle

#: Words of every mutating command title (new, edit, delete, power, the actions' menus).
MUTATING = ("New ", "Delete", "Power", "Edit", "Reboot", "Clone", "Attach", "Detach",
            "Reinstall", "snapshot", "rule", "Add", "Remove", "Change")


async def palette_titles(app: Any, pilot: Any, query: str) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    await pilot.pause(0.6)
    hits = app.screen.query_one(CommandList)
    titles = [str(hits.get_option_at_index(i).prompt).split("\n")[0]
              for i in range(hits.option_count)]
    await pilot.press("escape")
    await pilot.pause()
    return titles


def mutating(titles: list[str]) -> list[str]:
    return [t for t in titles if any(word.lower() in t.lower() for word in MUTATING)]


async def search_all(app: Any) -> dict[str, list[str]]:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        return {q: await palette_titles(app, pilot, q)
                for q in ("Delete", "Power", "New", "Servers:", "journal", "Go to")}


async def test_read_only_palette_lists_no_mutating_command():
    found = await search_all(make_demo_app(clock=ManualClock(), read_only=True))
    assert {q: mutating(t) for q, t in found.items()} == {q: [] for q in found}
    assert "Action journal" in found["journal"]  # reading commands stay
    assert any(t.startswith("Go to Servers") for t in found["Go to"])


async def test_a_read_only_profile_hides_them_too():
    client, emu = demo_client(clock=ManualClock())
    app = make_app(client, Connection("work", "https://example.invalid/v1", read_only=True))
    app.emulator = emu  # type: ignore[attr-defined]
    found = await search_all(app)
    assert {q: mutating(t) for q, t in found.items()} == {q: [] for q in found}


async def test_a_writable_account_lists_them():
    found = await search_all(make_demo_app(clock=ManualClock()))
    assert "Servers: Delete" in found["Delete"]
    assert "Servers: Power off" in found["Power"]
    assert mutating(found["New"])
