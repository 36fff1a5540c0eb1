"""Entering a new API token after the API refused the old one (the health banner's ``T``):
masked, checked against the API, then saved the way the first-run screen saves one (mode
0600, the profile) when the app was given a way to save; polling resumes with it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ..safe import markup
from .token_entry import TokenCheck, TokenEntry, token_input


class TokenScreen(TokenEntry, ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    TokenScreen { align: center middle; }
    TokenScreen > Vertical { width: 80; max-width: 100%; height: auto; border: round $error;
                             padding: 1 2; background: $surface; }
    TokenScreen #token-error { color: $error; height: auto; }
    """
    ERROR = "#token-error"
    EMPTY = "Enter a token (esc cancels)."

    def __init__(self, check: TokenCheck, where: str) -> None:
        super().__init__()
        self._check = check
        self.where = where

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(markup("[b]A new API token[/b]\nThe API refused the token in use. Paste a "
                                "new one: it is checked, then $where.", where=self.where))
            yield Label("API token")
            yield token_input()
            yield Static("", id="token-error")

    def _accepted(self, token: str) -> None:
        self.dismiss(token)

    def action_cancel(self) -> None:
        self.dismiss(None)
