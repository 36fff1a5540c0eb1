"""Following what a mutation started, app-wide: after a form or confirmation succeeds, the
resource is watched until it settles (or is gone), its state and percent go to the listeners
(the form) as they change, and a toast says how it ended. Closing the form does not stop it.

The follower sends no request of its own (DESIGN §9 rule 3): it keeps the resource's category
in the one poller's rounds (``Poller.keep``: the fast cadence, one list per round, a status
projection while something changes) and reads each answer from the account state. The table,
the detail and the dashboard see the same answers through the state, so nothing is polled
twice and nothing writes into another screen's widgets.

``wake`` runs a round now (the refresh key, and tests that move the emulator's clock).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from textual.css.query import NoMatches

from ..catalogue import BAD_STATES, is_transitional, state_of
from ..state import Change
from .forms.spec import Target
from .safe import clean

#: Seconds after a follow ends during which the bridge leaves the "settled" toast to the
#: follower (one toast per operation, not two).
QUIET_FOR = 120.0
#: A follow gives up after this long (the official SDK waits 25 minutes).
TIMEOUT = 30 * 60.0
#: Whole lists in a row without a created resource before the follow says it is gone.
ABSENT_ROUNDS = 5


@dataclass
class Follow:
    target: Target
    action: str
    state: str | None = None
    percent: int | None = None
    done: bool = False
    error: str | None = None
    #: Only answers asked for after the follow began count (``Poller.seq``).
    after: int = 0
    started: float = field(default_factory=time.monotonic)
    absent: int = 0

    @property
    def key(self) -> tuple[str, str]:
        return self.target.category, self.target.id

    def text(self) -> str:
        label = self.target.label
        if self.error:
            return f"✗ {clean(label)}: {clean(self.error)}"
        if self.done:
            return f"✓ {label}: {'deleted' if self.target.deleted else self.state or 'done'}"
        if self.state is None:
            return f"… {label}: waiting"
        pct = f" {self.percent}%" if self.percent is not None else ""
        return f"… {label}: {self.state}{pct}"


Listener = Callable[[Follow], None]


class Follower:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.active: dict[tuple[str, str], Follow] = {}
        self.listeners: list[Listener] = []
        self._recent: dict[tuple[str, str], float] = {}
        self._release: dict[tuple[str, str], Callable[[], None]] = {}
        self.unsubscribe = app.state.subscribe(self._changed)

    # -- API for screens ----------------------------------------------------------------------
    def follow(self, target: Target, action: str) -> Follow:
        """Follow ``target`` (already followed: the running follow, woken)."""
        running = self.active.get((target.category, target.id))
        if running is not None and running.target.deleted == target.deleted:
            self.wake()
            return running
        f = Follow(target, action, after=self.app.poller.seq + 1)
        self.active[f.key] = f
        old = self._release.pop(f.key, None)
        if old is not None:
            old()
        self._release[f.key] = self.app.poller.keep(  # wakes the poller
            target.category, None if target.deleted else target.id)
        return f

    def listen(self, listener: Listener) -> Callable[[], None]:
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener) if listener in self.listeners else None

    def quiet(self, category_key: str, item_id: str) -> bool:
        """Whether the follower owns the end-of-operation toast of this resource."""
        key = (category_key, item_id)
        if key in self.active:
            return True
        ended = self._recent.get(key)
        return ended is not None and time.monotonic() - ended < QUIET_FOR

    def wake(self) -> None:
        """A round now: every followed resource's list is asked for."""
        self.app.poller.wake()

    # -- reading the state ------------------------------------------------------------------------
    def _changed(self, change: Change) -> None:
        if change.kind != "list" or change.error or not self.active:
            return
        for f in [f for f in self.active.values() if f.target.category == change.category]:
            self._check(f)

    def _check(self, f: Follow) -> None:
        entry = self.app.state.lists.get(f.target.category)
        if entry is None or entry.seq < f.after:
            return  # an answer asked for before the operation: it cannot tell
        item = entry.by_id().get(f.target.id)
        if item is None:
            if f.target.deleted:
                self._end(f)
            elif not entry.partial:
                f.absent += 1
                if f.absent >= ABSENT_ROUNDS:
                    self._end(f, "no longer in the list")
            return
        f.absent = 0
        state, percent = state_of(item)
        if (state, percent) != (f.state, f.percent):
            f.state, f.percent = state, percent
            self._show(f)
        if state in BAD_STATES:
            self._end(f, f"reached {state}")
        elif not f.target.deleted and not is_transitional(item):
            self._end(f)
        elif time.monotonic() - f.started > TIMEOUT:
            self._end(f, f"not settled after {TIMEOUT / 60:g} minutes (last state: {state})")

    def _end(self, f: Follow, error: str | None = None) -> None:
        f.error = error
        f.done = True
        if self.active.get(f.key) is f:
            del self.active[f.key]
            release = self._release.pop(f.key, None)
            if release is not None:
                release()
        self._recent[f.key] = time.monotonic()
        self._show(f)
        self._toast(f)

    def _toast(self, f: Follow) -> None:
        if f.error:
            self.app.notify(f"{f.target.label}: {f.error}", title=f"{f.action} failed",
                            severity="error", timeout=8)
        elif f.target.deleted:
            self.app.notify(f"{f.target.label} is deleted", title=f.action)
        else:
            self.app.notify(f"{f.target.label} is {f.state or 'done'}", title=f.action)

    def _show(self, f: Follow) -> None:
        for listener in list(self.listeners):
            try:
                listener(f)
            except NoMatches:  # a form closing meanwhile (its widgets gone): nothing to show
                pass
