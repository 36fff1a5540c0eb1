"""The first-run screen: no token is configured. Enter one (masked; checked against the API,
then saved with mode 0600 to the profile) or try the demo. An API URL given for this run only
(``--api-url``, ``ONEANDONE_BASE_URL``) is saved with it only when the user ticks the box that
offers it (unticked at first)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Footer, Label, Static

from ...config import ConfigError
from ..safe import markup, safe
from .token_entry import TokenCheck, TokenEntry, token_input

WELCOME = """[b]Welcome to oneandone-tui[/b]

No API token is configured for profile [b]$profile[/b].
Create one in the Cloud Panel (Users › API) and paste it below; it is checked against
[i]$endpoint[/i], then saved to [i]$path[/i] (readable only by you).
Or choose [b]Try the demo[/b] to explore a built-in demo account: no account, no network."""


class FirstRunScreen(TokenEntry):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "demo", "Try the demo"),
        Binding("ctrl+q", "app.quit", "Quit"),
    ]
    DEFAULT_CSS = """
    FirstRunScreen { align: center middle; }
    FirstRunScreen > Vertical { width: 90; max-width: 100%; height: auto;
                                border: round $accent; padding: 1 2; }
    FirstRunScreen #error { color: $error; height: auto; }
    FirstRunScreen Horizontal { height: auto; margin-top: 1; }
    FirstRunScreen Button { margin-right: 2; }
    """
    EMPTY = "Enter a token, or choose Try the demo."

    def __init__(self, *, profile: str, endpoint: str, path: str, check: TokenCheck,
                 save: Callable[[str, bool], None], connect: Callable[[str], None],
                 demo: Callable[[], None], one_off_url: str | None = None,
                 one_off_source: str = "--api-url") -> None:
        super().__init__()
        self.profile, self.endpoint, self.path = profile, endpoint, path
        self.one_off_url, self.one_off_source = one_off_url, one_off_source
        self._check, self._save, self._connect, self._demo = check, save, connect, demo

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(markup(WELCOME, profile=self.profile, endpoint=self.endpoint,
                                path=self.path))
            yield Label("API token")
            yield token_input()
            if self.one_off_url:
                yield Checkbox(safe(f"Also save {self.one_off_url} (from {self.one_off_source}) "
                                    f"as the API URL of profile '{self.profile}'"),
                               False, id="keep-url")
            yield Static("", id="error")
            with Horizontal():
                yield Button("Save and connect", id="save", variant="primary")
                yield Button("Try the demo", id="demo")
                yield Button("Quit", id="quit")
        yield Footer()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.submit_token()  # as enter in the field

    def _accepted(self, token: str) -> None:
        keep = self.one_off_url is not None and self.query_one("#keep-url", Checkbox).value
        try:
            self._save(token, keep)
        except (OSError, ConfigError) as exc:  # an unwritable file, a config that cannot be read
            self._error(f"Could not save the token: {exc}")
            return
        self._connect(token)

    @on(Button.Pressed, "#demo")
    def action_demo(self) -> None:
        self._demo()

    @on(Button.Pressed, "#quit")
    def _quit(self) -> None:
        self.app.exit()
