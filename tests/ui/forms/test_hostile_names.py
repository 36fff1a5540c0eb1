"""Forms on resources with hostile names (issue 11, item 1): the delete confirmation of a
server called ``[/]`` opens (it ended the app), a name holding control characters can be
confirmed by typing what the screen shows, and an edit form saved untouched keeps the name as
the API has it (the form shows it cleaned, it does not rewrite it)."""

from __future__ import annotations

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from oneandone_tui.ui.safe import clean
from tests.ui.forms.helpers import (
    error_text,
    fill,
    finish,
    mutating,
    open_key,
    settle,
    submit,
    text_of,
)

ESCAPE = "web\x1b[2J\x1b]0;PWNED\x07"


def app_with_server_named(name: str):
    app = make_demo_app(clock=ManualClock())
    server = next(s for s in app.emulator.store.servers.values() if s["name"] == "web-01")
    server["name"] = name
    return app, server


async def test_deleting_a_server_named_markup_asks_and_deletes():
    app, server = app_with_server_named("[/]")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "servers", "ctrl+d", "[/]")
        assert "[/]" in text_of(form.query_one("#form-message"))
        assert form.typed == "[/]"
        await pilot.press("shift+tab", *"[/]", "enter")  # opens on Cancel: the name is before it
        await settle(pilot)
        assert mutating(app) == 1
        await finish(pilot)
        assert server["id"] not in app.emulator.store.servers


async def test_a_name_with_control_characters_is_confirmed_as_shown():
    app, server = app_with_server_named(ESCAPE)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "servers", "ctrl+d", ESCAPE)
        shown = clean(ESCAPE)
        assert form.typed == shown == "web␛[2J␛]0;PWNED␇"
        await submit(pilot, form)
        assert app.screen is form and f"type '{shown}' to confirm" in error_text(form)
        assert mutating(app) == 0
        await fill(pilot, form, __typed__=shown)  # as pasted: "␛" has no key
        await submit(pilot, form)
        assert mutating(app) == 1
        await finish(pilot)
        assert server["id"] not in app.emulator.store.servers


async def test_an_untouched_edit_keeps_the_name_the_api_has():
    app, server = app_with_server_named(ESCAPE)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "servers", "e", ESCAPE)
        assert form.control("name").value == clean(ESCAPE)  # shown cleaned
        assert form.values()["name"] == ESCAPE  # but stands for the original
        form.set_value("description", "still web")
        await settle(pilot)
        await submit(pilot, form)
        await finish(pilot)
        assert server["name"] == ESCAPE and server["description"] == "still web"


async def test_an_edited_name_is_what_was_typed():
    app, server = app_with_server_named(ESCAPE)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "servers", "e", ESCAPE)
        form.set_value("name", "web-01-clean")
        await settle(pilot)
        await submit(pilot, form)
        await finish(pilot)
        assert server["name"] == "web-01-clean"
