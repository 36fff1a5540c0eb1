"""Entering a new API token after the API refused the old one (the health banner's ``T``):
masked, checked against the API, then saved the way the first-run screen saves one (mode
0600, the profile) when the app was given a way to save; polling resumes with it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ..safe import markup

#: Checks a token; None when it works, else a message for the user.
TokenCheck = Callable[[str], Awaitable[str | None]]


class TokenScreen(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    TokenScreen { align: center middle; }
    TokenScreen > Vertical { width: 80; max-width: 100%; height: auto; border: round $error;
                             padding: 1 2; background: $surface; }
    TokenScreen #token-error { color: $error; height: auto; }
    """

    def __init__(self, check: TokenCheck, where: str) -> None:
        super().__init__()
        self._check = check
        self.where = where

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(markup("[b]A new API token[/b]\nThe API refused the token in use. Paste a "
                                "new one: it is checked, then $where.", where=self.where))
            yield Label("API token")
            yield Input(password=True, placeholder="paste your API token", id="token")
            yield Static("", id="token-error")

    def on_mount(self) -> None:
        self.query_one("#token", Input).focus()

    @on(Input.Submitted, "#token")
    def _submit(self) -> None:
        token = self.query_one("#token", Input).value.strip()
        if not token:
            self._error("Enter a token (esc cancels).")
            return
        self._error("Checking the token…")
        self._verify(token)

    @work(exclusive=True, exit_on_error=False)
    async def _verify(self, token: str) -> None:
        problem = await self._check(token)
        if problem:
            self._error(problem)  # the typed token stays in the field
            return
        self.dismiss(token)

    def _error(self, text: str) -> None:
        self.query_one("#token-error", Static).update(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
