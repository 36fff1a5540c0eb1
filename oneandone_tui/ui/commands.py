"""The command palette (``ctrl+p``): every category and the app's actions, fuzzy-searched.

Other features add their commands by appending to :data:`EXTRA_COMMANDS` (``(title, help,
callback-taking-the-app)``), or a function of the app returning such commands to
:data:`COMMAND_SOURCES`, called when the palette opens (so what they import does not slow the
start-up, and a read-only app is offered no command that would change anything)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..catalogue import CATEGORIES

Command = tuple[str, str, Callable[[Any], Any]]

EXTRA_COMMANDS: list[Command] = []
COMMAND_SOURCES: list[Callable[[Any], list[Command]]] = []


def _forms_commands(app: Any) -> list[Command]:
    from .forms.palette import commands

    return commands(app)


COMMAND_SOURCES.append(_forms_commands)


def _base_commands() -> list[Command]:
    out: list[Command] = [
        (f"Go to {c.title}", f"Show the {c.title.lower()} table",
         partial(lambda app, key: app.show_category(key), key=c.key))
        for c in CATEGORIES
    ]
    out += [
        ("Refresh", "Reload what is on screen now", lambda app: app.screen.run_action("refresh")),
        ("Help", "Every key binding", lambda app: app.action_help()),
        ("Jump to a category", "Type part of a category's name", lambda app: app.action_jump()),
        ("Toggle the tree", "Show or hide the navigation tree (ctrl+n)",
         lambda app: app.screen.run_action("toggle_nav")),
        ("Quit", "Leave oneandone-tui", lambda app: app.exit()),
    ]
    return out


class OneAndOneCommands(Provider):
    def _commands(self) -> list[Command]:
        extra = [command for source in COMMAND_SOURCES for command in source(self.app)]
        return _base_commands() + EXTRA_COMMANDS + extra

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, partial(callback, self.app), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(callback, self.app),
                          help=help_text)
