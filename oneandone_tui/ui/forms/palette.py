"""The actions in the command palette (``ctrl+p``): "Servers: Power off", "New load
balancer", "Action journal"... Each runs on the current screen's selection, like its key."""

from __future__ import annotations

from functools import partial
from typing import Any

from ...catalogue import CATEGORIES
from ..commands import Command
from .registry import actions_for, find, read_only, refuse, start


def run(app: Any, category_key: str, action_key: str) -> None:
    action = find(category_key, action_key)
    if action is None:
        return
    if read_only(app):
        refuse(app, action.title)
        return
    screen = app.screen
    cat = getattr(screen, "cat", None)
    if cat is None or cat.key != category_key:
        app.show_category(category_key)
        screen = app.screen
        if action.needs_item:
            app.notify(f"Select one of the {screen.cat.title.lower()}, then press a.")
            return
    targets = screen.action_targets() if hasattr(screen, "action_targets") else []
    start(app, screen, category_key, action, targets)


def commands(app: Any = None) -> list[Command]:
    """Every category's actions for the palette (imports the forms: called when the palette
    opens, not at start-up). Every action changes something (read-only refuses them all), so
    a read-only app is offered none: only the journal."""
    out: list[Command] = [("Action journal", "Every change made this session (J)",
                           lambda app: app.action_journal())]
    if app is not None and read_only(app):
        return out
    for cat in CATEGORIES:
        for action in actions_for(cat.key):
            title = action.title if action.kind == "new" else f"{cat.title}: {action.title}"
            out.append((title, f"{cat.title} · {action.kind}",
                        partial(run, category_key=cat.key, action_key=action.key)))
    return out
