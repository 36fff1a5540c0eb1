"""The actions in the command palette (``ctrl+p``): "Servers: Power off", "New load
balancer", "Action journal"... Each runs on the current screen's selection, like its key."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from ...catalogue import CATEGORIES, Item
from ..commands import Command
from .registry import actions_for, find, read_only, refuse, start
from .rules import key_of


def run(app: Any, category_key: str, action_key: str,
        targets: list[Item] | None = None) -> None:
    """Run an action chosen in the palette. ``targets``: the selection the palette judged
    (the screen's, read in full when it opened); without it, the screen's selection now."""
    action = find(category_key, action_key)
    if action is None:
        return
    if read_only(app) and action.changes:
        refuse(app, action.title)
        return
    screen = app.screen
    cat = getattr(screen, "cat", None)
    if cat is None or cat.key != category_key:
        app.show_category(category_key)
        screen = app.screen
        targets = None
        if action.needs_item:
            app.notify(f"Select one of the {screen.cat.title.lower()}, then press a.")
            return
    if targets is None:
        targets = screen.action_targets() if hasattr(screen, "action_targets") else []
    start(app, screen, category_key, action, targets)


def refused(app: Any, title: str, reason: str) -> None:
    app.notify(f"{title}: {reason}. Nothing was sent.", title=title, severity="warning")


def commands(app: Any = None, screen: Any = None,
             targets: Sequence[Item] | None = None) -> list[Command]:
    """Every category's actions for the palette (imports the forms: called when the palette
    opens, not at start-up). Every action changes something (read-only refuses them all), so
    a read-only app is offered none: only the journal.

    ``screen`` is the screen the palette was opened from (default: the app's), ``targets`` its
    selection as the action menu reads it (default: its rows as they are). The actions of its
    category are judged as the menu judges them (``rules.py``, the menu's filter): one the
    selection's contents rule out (an Activate for an active user) or that cannot run on
    several marked ones is not listed; one that does not apply now (Eject the DVD with none
    loaded) is listed with the reason, and choosing it says so again and sends nothing."""
    if screen is None:
        screen = getattr(app, "screen", None)
    here = getattr(getattr(screen, "cat", None), "key", None)
    if targets is None:
        targets = screen.action_targets() if here and hasattr(screen, "action_targets") \
            else []
    targets = list(targets)
    out: list[Command] = [Command("Action journal", "Every change made this session (J)",
                                  lambda app: app.action_journal())]
    if app is not None and read_only(app):
        return out
    for cat in CATEGORIES:
        for action in actions_for(cat.key):
            title = action.title if action.kind == "new" else f"{cat.title}: {action.title}"
            key = key_of(cat.key, action.key, action.kind)
            help_text = f"{cat.title} · {action.kind}" + (f" · key {key}" if key else "")
            reason = None
            judged = cat.key == here and action.needs_item and bool(targets)
            if judged:
                if not action.applies(targets) or (len(targets) > 1 and not action.bulk):
                    continue
                reason = action.why_not(cat.key, targets)
            if reason is not None:
                out.append(Command(title, f"Not now: {reason}",
                                   partial(refused, title=title, reason=reason), reason))
                continue
            out.append(Command(title, help_text, partial(
                run, category_key=cat.key, action_key=action.key,
                targets=targets if judged else None)))
    return out
