"""Issue 14: the command palette judges the selection as the action menu does, by its state and
its contents (a server's snapshot and DVD, which its list row does not carry): what cannot run
now is listed last, dimmed, with the reason, and choosing it sends nothing and says why.

The palette is driven as a user drives it (``ctrl+p``, type, ``enter``): while it is open the
app's screen is the palette itself, so the commands must judge the screen it was opened from."""

from __future__ import annotations

from typing import Any

from textual.command import CommandList, CommandPalette
from textual.content import Content

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from tests.ui.forms.helpers import (
    form_of,
    mutating,
    notifications,
    select_row,
    settle,
    show,
)


async def palette(pilot: Any, query: str) -> dict[str, tuple[str, bool]]:
    """Open the palette, type ``query``; title -> (help line, dimmed), in the order listed.
    The palette stays open."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    await pilot.pause(0.6)
    await settle(pilot)
    hits = app.screen.query_one(CommandList)
    out: dict[str, tuple[str, bool]] = {}
    for i in range(hits.option_count):
        hit = hits.get_option_at_index(i).hit
        prompt = hit.prompt
        assert isinstance(prompt, Content)
        dim = any("dim" in str(span.style) for span in prompt.spans
                  if span.start == 0 and span.end >= len(prompt.plain))
        out[str(hit.text)] = (str(hit.help or ""), dim)
    return out


def not_now(found: dict[str, tuple[str, bool]], title: str) -> str | None:
    """The reason shown for ``title`` (None when it is offered as runnable)."""
    help_text, dim = found[title]
    if help_text.startswith("Not now: "):
        assert dim, f"{title} says 'not now' but is not dimmed"
        return help_text.removeprefix("Not now: ")
    assert not dim, f"{title} is dimmed without a reason"
    return None


async def close(pilot: Any) -> None:
    await pilot.press("escape")
    await settle(pilot)


async def test_palette_judges_by_contents_and_state(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "servers")
        # web-01: powered on, no snapshot, no DVD (its row says nothing of either).
        await select_row(pilot, "web-01")
        found = await palette(pilot, "Servers: ")
        assert not_now(found, "Servers: Restore a snapshot") == "web-01 has no snapshot"
        assert not_now(found, "Servers: Delete a snapshot") == "web-01 has no snapshot"
        assert not_now(found, "Servers: Eject the DVD") == "web-01 has no DVD loaded"
        assert not_now(found, "Servers: Power on") == \
            "web-01 is POWERED_ON (only when POWERED_OFF)"
        for title in ("Servers: Power off", "Servers: Reboot", "Servers: Create a snapshot",
                      "Servers: Load a DVD"):
            assert not_now(found, title) is None, title
        # What runs is listed before what does not, among equal matches (as in the menu).
        order = [not_now(found, t) is not None for t in found]
        assert order == sorted(order)
        await close(pilot)
        # db-primary has a snapshot: restore and delete run, another one does not.
        await select_row(pilot, "db-primary")
        found = await palette(pilot, "snapshot")
        assert not_now(found, "Servers: Restore a snapshot") is None
        assert not_now(found, "Servers: Delete a snapshot") is None
        assert "already has a snapshot" in not_now(found, "Servers: Create a snapshot")
        await close(pilot)
        # legacy-erp: powered off, with a DVD.
        await select_row(pilot, "legacy-erp")
        found = await palette(pilot, "Servers: ")
        assert not_now(found, "Servers: Eject the DVD") is None
        assert not_now(found, "Servers: Power on") is None
        assert "POWERED_OFF" in not_now(found, "Servers: Power off")
        await close(pilot)
        # ci-runner is deploying: no power action, no snapshot, no IP.
        await select_row(pilot, "ci-runner")
        found = await palette(pilot, "Servers: ")
        for title in ("Power on", "Power off", "Reboot", "Create a snapshot",
                      "Add a public IP"):
            assert not_now(found, f"Servers: {title}") == \
                "ci-runner is DEPLOYING: wait until it settles", title
        await close(pilot)


async def test_choosing_what_does_not_apply_sends_nothing(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "servers")
        await select_row(pilot, "web-01")
        before = mutating(app)
        found = await palette(pilot, "eject the dvd")
        assert list(found) == ["Servers: Eject the DVD"]
        await pilot.press("down", "enter")  # highlight it, then choose it
        await settle(pilot)
        assert app.screen is app.explorer()  # no form opened
        assert mutating(app) == before
        assert any("web-01 has no DVD loaded" in n and "Nothing was sent" in n
                   for n in notifications(app))


async def test_choosing_what_applies_opens_its_form_on_the_selection(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "servers")
        await select_row(pilot, "db-primary")
        found = await palette(pilot, "restore a snapshot")
        assert not_now(found, "Servers: Restore a snapshot") is None
        await pilot.press("down", "enter")
        await settle(pilot)
        assert form_of(app).title_text.startswith("Restore a snapshot")


async def test_palette_on_a_detail_judges_its_resource(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "servers")
        await select_row(pilot, "legacy-erp")
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        found = await palette(pilot, "Servers: ")
        assert not_now(found, "Servers: Restore a snapshot") == "legacy-erp has no snapshot"
        assert not_now(found, "Servers: Eject the DVD") is None
        assert "POWERED_OFF" in not_now(found, "Servers: Reboot")
        await close(pilot)
        assert app.screen is detail


async def test_marked_rows_are_judged_together(demo_app):
    """Several marked: the menu's rule (applies to at least one), and what works on one at a
    time is not listed, as in the menu."""
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "servers")
        for name in ("web-01", "ci-runner"):
            await select_row(pilot, name)
            await pilot.press("space")
        found = await palette(pilot, "Servers: ")
        assert not_now(found, "Servers: Power off") is None  # web-01 is on
        assert "none of the 2 applies" in not_now(found, "Servers: Power on")
        assert "Servers: Clone" not in found and "Servers: Eject the DVD" not in found
        await close(pilot)


async def test_a_reason_naming_a_hostile_server_is_shown_as_text():
    """The palette's help line is markup: a server called ``[/]`` or ``[bold]x[/bold]`` is
    named literally in the reason (unescaped, ``[/]`` ended the app)."""
    for name in ("[/]", "[bold]x[/bold]"):
        app = make_demo_app(clock=ManualClock())
        server = next(s for s in app.emulator.store.servers.values() if s["name"] == "web-01")
        server["name"] = name
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await show(pilot, "servers")
            await select_row(pilot, name)
            await pilot.press("ctrl+p")
            await settle(pilot)
            await pilot.press(*"eject the dvd")
            await pilot.pause(0.6)
            await settle(pilot)
            hits = app.screen.query_one(CommandList)
            shown = hits.get_option_at_index(0).prompt
            assert isinstance(shown, Content)
            assert f"Not now: {name} has no DVD loaded" in shown.plain
