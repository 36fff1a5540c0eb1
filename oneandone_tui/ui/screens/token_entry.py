"""Entering an API token, as the first-run screen and the new-token screen (after a 401) both
do it: a masked field (the token is never shown), checked against the API before it is taken,
a message for the user when it is refused or cannot be checked (the typed token stays in the
field), and only then the screen's own next step (save and connect; or hand it to the app)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

from textual import on, work
from textual.screen import Screen
from textual.widgets import Input, Static

from ..safe import safe

#: Checks a token; returns None when it works, else a message for the user.
TokenCheck = Callable[[str], Awaitable[str | None]]


def token_input() -> Input:
    """The masked field (``#token``) both screens compose."""
    return Input(password=True, placeholder="paste your API token", id="token")


class TokenEntry(Screen[Any]):
    """A screen with a :func:`token_input`, a ``Static`` for its messages (``ERROR``) and a
    ``_check``; ``_accepted`` is called with a token the API accepted."""

    #: The selector of the ``Static`` the messages go to.
    ERROR: ClassVar[str] = "#error"
    #: What an empty submission is told.
    EMPTY: ClassVar[str] = "Enter a token."
    _check: TokenCheck

    def on_mount(self) -> None:
        self.query_one("#token", Input).focus()

    @on(Input.Submitted, "#token")
    def submit_token(self) -> None:
        token = self.query_one("#token", Input).value.strip()
        if not token:
            self._error(self.EMPTY)
            return
        self._error("Checking the token…")
        self._verify(token)

    # No exit_on_error=False: ``_check`` answers a refused or unreachable token with a message;
    # anything else it raises is a bug, for the crash handler.
    @work(exclusive=True)
    async def _verify(self, token: str) -> None:
        problem = await self._check(token)
        if problem:
            self._error(problem)  # the typed token stays in the field
            return
        self._accepted(token)

    def _accepted(self, token: str) -> None:
        raise NotImplementedError

    def _error(self, text: str) -> None:
        """A message under the field: plain text (an API's message may hold ``[``)."""
        self.query_one(self.ERROR, Static).update(safe(text, multiline=True))
