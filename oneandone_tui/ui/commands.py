"""The command palette (``ctrl+p``): every category and the app's actions, fuzzy-searched.

Other features add their commands by appending to :data:`EXTRA_COMMANDS` (``(title, help,
callback-taking-the-app)``), or a function of the app and the :class:`Selection` returning such
commands to :data:`COMMAND_SOURCES`, called when the palette opens (so what they import does not
slow the start-up, and a read-only app is offered no command that would change anything).

The palette is a screen of its own: while it is open ``app.screen`` is the palette, so what the
commands act on is the screen it was opened from (``Provider.screen``) and that screen's
selection, read once when it opens the way the action menu reads it (``fresh_targets``: a
server's full record, with its snapshot and DVD, not its list row).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..catalogue import CATEGORIES, Item
from .safe import escape


class Command(NamedTuple):
    title: str
    help: str
    callback: Callable[[Any], Any]
    #: Why it does not apply to the selection now: listed dimmed and last, with the reason as
    #: its help line; choosing it says so again and sends nothing (the menu's disabled entry).
    not_now: str | None = None


@dataclass(frozen=True)
class Selection:
    """What the palette was opened on: the screen below it and the resources its commands act
    on (the marked rows, the row under the cursor or the detail's resource)."""

    screen: Any = None
    targets: list[Item] = field(default_factory=list)


EXTRA_COMMANDS: list[tuple[str, str, Callable[[Any], Any]]] = []
COMMAND_SOURCES: list[Callable[[Any, Selection], list[Command]]] = []


def _forms_commands(app: Any, selection: Selection) -> list[Command]:
    from .forms.palette import commands

    return commands(app, selection.screen, selection.targets)


COMMAND_SOURCES.append(_forms_commands)


async def selection_of(app: Any, screen: Any) -> Selection:
    """The screen's selection as the action menu judges it: a single resource read again in
    full (``ActionsKeys.fresh_targets``; its row when that fails or is slow). Nothing is asked
    of the API in read-only mode (no action is offered) nor on a screen without a category."""
    from .forms.lazy import read_only

    if getattr(screen, "cat", None) is None or read_only(app):
        return Selection(screen)
    fresh = getattr(screen, "fresh_targets", None)
    try:
        if fresh is not None:
            return Selection(screen, list(await fresh()))
        if hasattr(screen, "action_targets"):
            return Selection(screen, list(screen.action_targets()))
    except Exception:  # a screen being torn down: judge nothing rather than fail the palette
        pass
    return Selection(screen)


def _base_commands() -> list[Command]:
    out: list[Command] = [
        Command(f"Go to {c.title}", f"Show the {c.title.lower()} table",
                partial(lambda app, key: app.show_category(key), key=c.key))
        for c in CATEGORIES
    ]
    out += [
        Command("Refresh", "Reload what is on screen now",
                lambda app: app.screen.run_action("refresh")),
        Command("Help", "Every key binding", lambda app: app.action_help()),
        Command("Jump to a category", "Type part of a category's name",
                lambda app: app.action_jump()),
        Command("Toggle the tree", "Show or hide the navigation tree (ctrl+n)",
                lambda app: app.screen.run_action("toggle_nav")),
        Command("Quit", "Leave oneandone-tui", lambda app: app.exit()),
    ]
    return out


class OneAndOneCommands(Provider):
    selection: Selection | None = None

    async def startup(self) -> None:
        """Read the selection once (searching waits for this; at most the menu's wait)."""
        self.selection = await selection_of(self.app, self.screen)

    def _commands(self) -> list[Command]:
        selection = self.selection or Selection(self.screen)
        extra = [command for source in COMMAND_SOURCES
                 for command in source(self.app, selection)]
        every = _base_commands() + [Command(*c) for c in EXTRA_COMMANDS] + extra
        return [c for c in every if c.not_now is None] + [c for c in every if c.not_now]

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(_display(command), partial(command.callback, self.app),
                               text=command.title, help=escape(command.help))

    async def search(self, query: str) -> Hits:
        """The help line is Textual markup: it is escaped (a reason names the resource)."""
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                shown = matcher.highlight(command.title)
                if command.not_now:
                    shown = shown.stylize_before("dim")
                    # After what runs and matches as well (as in the menu), not after every
                    # faint fuzzy match: "snap" still finds Restore a snapshot near the top.
                    score /= 2
                yield Hit(score, shown, partial(command.callback, self.app),
                          text=command.title, help=escape(command.help))


def _display(command: Command) -> Content:
    return Content.styled(command.title, "dim") if command.not_now else Content(command.title)
