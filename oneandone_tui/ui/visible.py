"""Whether a screen is in view, for the screens that refresh themselves."""

from __future__ import annotations

import asyncio
from typing import Any

from textual.screen import ModalScreen


def in_view(screen: Any) -> bool:
    """The user sees this screen: it is on top, or only modal screens (forms, menus,
    confirmations, help) are above it. Textual's ``is_current`` also counts the screen right
    under a full one (the explorer under the usages or logs screen), which kept polling
    unseen."""
    stack = screen.app.screen_stack
    try:
        at = stack.index(screen)
    except ValueError:
        return False
    return all(isinstance(s, ModalScreen) for s in stack[at + 1:])


class Rounds:
    """For a screen that refreshes itself in rounds: the wait between rounds (``_wake`` ends it
    early), and the catch-up of a round skipped while the screen was out of view, which runs as
    soon as it is back rather than an interval later."""

    _missed_round = False
    _wake: asyncio.Event

    async def next_round(self, seconds: float) -> None:
        """Wait ``seconds``, or less when woken."""
        try:
            await asyncio.wait_for(self._wake.wait(), timeout=seconds)
        except asyncio.TimeoutError:
            pass
        self._wake.clear()

    def unseen(self) -> bool:
        """True (and remembered) when this round should be skipped: the screen is covered."""
        if in_view(self):
            return False
        self._missed_round = True
        return True

    def on_screen_resume(self) -> None:
        if self._missed_round:
            self._missed_round = False
            self._wake.set()
