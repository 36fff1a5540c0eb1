"""The thin bridge between the account state (``oneandone_tui/state``, no Textual) and the
screens: every :class:`~oneandone_tui.state.Change` becomes a :class:`StateChanged` message
posted to every screen of the stack (a covered screen updates its widgets too, so it is right
when it is shown again), and resources that settled are announced once, here, rather than by
each screen that happens to show them."""

from __future__ import annotations

from typing import Any

from textual.message import Message

from ..catalogue import category, is_transitional, state_text
from ..state import Change

#: Seconds after an answer before the resources that settled are announced.
ANNOUNCE_AFTER = 0.05


class StateChanged(Message):
    """Something in the account state changed (``change`` says what)."""

    def __init__(self, change: Change) -> None:
        super().__init__()
        self.change = change


class Bridge:
    def __init__(self, app: Any) -> None:
        self.app = app
        #: Ids in a transitional state per category, as last seen (for "X is POWERED_ON").
        self._busy: dict[str, set[str]] = {}
        self.unsubscribe = app.state.subscribe(self._changed)

    def _changed(self, change: Change) -> None:
        if change.kind == "list" and not change.error and change.ids != ():
            # After the screens' frame: scanning 10,000 items for settled ones must not
            # delay the row that changed (benchmarks/: 3b).
            self.app.set_timer(ANNOUNCE_AFTER, lambda key=change.category: self._announce(key))
        if change.kind == "health":
            from .widgets.health_banner import HealthBanner

            for screen in list(self.app.screen_stack):
                for banner in screen.query(HealthBanner):
                    banner.redraw()
        for screen in list(self.app.screen_stack):
            screen.post_message(StateChanged(change))

    def _announce(self, key: str) -> None:
        """A toast for each resource that settled since the last answer, unless a follow of
        the app's own operation owns that toast."""
        entry = self.app.state.lists.get(key)
        if entry is None or entry.partial or not category(key).stateful:
            return
        by_id = entry.by_id()
        busy = {rid for rid, item in by_id.items() if is_transitional(item)}
        before = self._busy.get(key)
        self._busy[key] = busy
        if before is None:
            return
        for rid in before - busy:
            item = by_id.get(rid)
            if item is not None and not self.app.is_followed(key, rid):
                name = item.get("name") or item.get("ip") or rid
                self.app.notify(f"{name} is {state_text(item)}", title=category(key).title)
