"""Issue 15: the first-run screen and the new-token screen share one token entry
(ui/screens/token_entry.py): the masked field, the check, the message. What each still does
its own way: what an empty field is told, and what happens to an accepted token (saved and
connected; handed back). A file that cannot be written is a message; a bug is not one."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input, Static
from textual.worker import WorkerFailed

from oneandone_tui.ui.screens.first_run import FirstRunScreen
from oneandone_tui.ui.screens.token import TokenScreen
from tests.ui.helpers import text_of, until


class Host(App[None]):
    def __init__(self, screen: Any) -> None:
        super().__init__()
        self.first = screen
        self.result: Any = "not yet"

    def on_mount(self) -> None:
        self.push_screen(self.first, lambda result: setattr(self, "result", result))


def first_run(save: Any, connected: list[str], problem: str | None = None) -> FirstRunScreen:
    async def check(token: str) -> str | None:
        return problem

    return FirstRunScreen(profile="default", endpoint="https://api.test/v1",
                          path="/home/me/.config/oneandone-tui/config.toml", check=check,
                          save=save, connect=connected.append, demo=lambda: None)


def message(app: App[Any], selector: str) -> str:
    return text_of(app.screen.query_one(selector, Static)).rstrip("\n")


async def submit(pilot: Any, token: str) -> None:
    pilot.app.screen.query_one("#token", Input).value = token
    await pilot.press("enter")


async def test_the_field_is_masked_on_both_screens() -> None:
    async def check(token: str) -> str | None:
        return None

    for screen in (first_run(lambda t, k: None, []), TokenScreen(check, "used")):
        app = Host(screen)
        async with app.run_test() as pilot:
            await pilot.pause()
            field = app.screen.query_one("#token", Input)
            assert field.password and app.screen.focused is field


async def test_an_empty_field_is_told_what_to_do_each_screen_its_own_way() -> None:
    async def check(token: str) -> str | None:
        raise AssertionError("nothing to check")

    app = Host(first_run(lambda t, k: None, []))
    async with app.run_test() as pilot:
        await submit(pilot, "   ")
        assert message(app, "#error") == "Enter a token, or choose Try the demo."
    app = Host(TokenScreen(check, "used for this session"))
    async with app.run_test() as pilot:
        await submit(pilot, "")
        assert message(app, "#token-error") == "Enter a token (esc cancels)."


async def test_a_refused_token_is_said_as_plain_text_and_stays_in_the_field() -> None:
    async def check(token: str) -> str | None:
        return "401 [b]Unauthorized[/b]: Invalid API token."

    app = Host(TokenScreen(check, "used for this session"))
    async with app.run_test() as pilot:
        await submit(pilot, "wrong-token")
        await until(pilot, lambda: "401" in message(app, "#token-error"))
        # The API's message as it came (before, the new-token screen read it as markup).
        assert message(app, "#token-error") == "401 [b]Unauthorized[/b]: Invalid API token."
        assert app.screen.query_one("#token", Input).value == "wrong-token"
        assert app.result == "not yet"


async def test_an_accepted_token_is_handed_back_by_the_token_screen() -> None:
    async def check(token: str) -> str | None:
        return None

    app = Host(TokenScreen(check, "used for this session"))
    async with app.run_test() as pilot:
        await submit(pilot, "  good-token ")
        await until(pilot, lambda: app.result != "not yet")
    assert app.result == "good-token"


async def test_an_accepted_token_is_saved_then_connected_by_the_first_run_screen() -> None:
    saved: list[tuple[str, bool]] = []
    connected: list[str] = []
    app = Host(first_run(lambda t, k: saved.append((t, k)), connected))
    async with app.run_test() as pilot:
        await pilot.click("#save")
        assert message(app, "#error") == "Enter a token, or choose Try the demo."
        app.screen.query_one("#token", Input).value = "good-token"
        await pilot.pause(0.3)  # the button's pressed look of the first click ends
        await pilot.click("#save")  # the button does what enter in the field does
        await until(pilot, lambda: connected == ["good-token"])
    assert saved == [("good-token", False)]


async def test_a_file_that_cannot_be_written_is_a_message_and_nothing_connects() -> None:
    def save(token: str, keep: bool) -> None:
        raise PermissionError(13, "Permission denied", "config.toml")

    connected: list[str] = []
    app = Host(first_run(save, connected))
    async with app.run_test() as pilot:
        await submit(pilot, "good-token")
        await until(pilot, lambda: "Could not save" in message(app, "#error"))
        assert message(app, "#error") == (
            "Could not save the token: [Errno 13] Permission denied: 'config.toml'")
        assert connected == [] and app.screen.query_one("#token", Input).value == "good-token"


async def test_a_bug_while_saving_is_not_shown_as_could_not_save() -> None:
    def save(token: str, keep: bool) -> None:
        raise NameError("name 'profile' is not defined")

    app = Host(first_run(save, []))
    with pytest.raises(WorkerFailed):
        async with app.run_test() as pilot:
            await submit(pilot, "good-token")
            await pilot.pause()
            await app.workers.wait_for_complete()
