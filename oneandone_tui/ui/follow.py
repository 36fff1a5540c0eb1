"""Following what a mutation started, app-wide: after a form or confirmation succeeds, the
resource is waited for with the client's ``wait_for`` / ``wait_deleted`` in a worker (group
``follow``), its state and percent go to the screens as they change (the explorer's row updates
in place), and a toast says how it ended. Closing the form does not stop it.

The follower's sleep can be cut short with :meth:`Follower.wake` (the refresh key, and tests
that move the emulator's clock).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..api.waiting import WaitPolicy
from ..catalogue import category
from .forms.spec import Target
from .rows import row_for

if TYPE_CHECKING:
    from .client_protocol import UiClient

#: Seconds after a follow ends during which the explorer and the detail screen leave the
#: "settled" toast to the follower (one toast per operation, not two).
QUIET_FOR = 120.0


@dataclass
class Follow:
    target: Target
    action: str
    state: str | None = None
    percent: int | None = None
    done: bool = False
    error: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return self.target.category, self.target.id

    def text(self) -> str:
        label = self.target.label
        if self.error:
            return f"✗ {label}: {self.error}"
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
        # Livelier than the SDK's 15 s: one GET per followed resource every 3 s at most.
        self.policy = WaitPolicy(interval=1.0, backoff=1.5, max_interval=3.0,
                                 timeout=30 * 60.0)
        self.listeners: list[Listener] = []
        self._recent: dict[tuple[str, str], float] = {}
        self._wake = asyncio.Event()

    # -- API for screens ----------------------------------------------------------------------
    def follow(self, target: Target, action: str) -> Follow:
        """Follow ``target`` (already followed: the running follow, woken)."""
        running = self.active.get((target.category, target.id))
        if running is not None and running.target.deleted == target.deleted:
            self.wake()
            return running
        f = Follow(target, action)
        self.active[f.key] = f
        self.app.run_worker(self._run(f), group="follow", exit_on_error=False,
                            name=f"follow {target.category}:{target.id}")
        self._wake_screens()
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
        """Poll every followed resource now."""
        self._wake.set()
        self._wake.clear()

    async def _sleep(self, delay: float) -> None:
        try:
            await asyncio.wait_for(self._wake.wait(), timeout=delay)
        except asyncio.TimeoutError:
            pass

    # -- the loop ---------------------------------------------------------------------------------
    async def _run(self, f: Follow) -> None:
        cat = category(f.target.category)
        client: UiClient = self.app.client
        resource = getattr(client, cat.api)
        opts = {"policy": self.policy, "sleep": self._sleep}

        def progress(state: str | None, percent: int | None) -> None:
            f.state, f.percent = state, percent
            self._show(f)

        try:
            if f.target.deleted:
                await resource.wait_deleted(f.target.id, on_progress=progress, **opts)
            else:
                item = await resource.wait_for(f.target.id, on_progress=progress, **opts)
                self._patch(f, item)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            f.error = str(exc)
        f.done = True
        if self.active.get(f.key) is f:
            del self.active[f.key]
        self._recent[f.key] = time.monotonic()
        self._show(f)
        self._toast(f)
        self._wake_screens()

    def _toast(self, f: Follow) -> None:
        if f.error:
            self.app.notify(f"{f.target.label}: {f.error}", title=f"{f.action} failed",
                            severity="error", timeout=8)
        elif f.target.deleted:
            self.app.notify(f"{f.target.label} is deleted", title=f.action)
        else:
            self.app.notify(f"{f.target.label} is {f.state or 'done'}", title=f.action)

    # -- telling the screens ----------------------------------------------------------------------
    def _show(self, f: Follow) -> None:
        if f.target.deleted and f.done and not f.error:
            self._remove_row(f)
        elif f.state is not None:
            state = {"state": f.state, "percent": f.percent}
            if category(f.target.category).status_fields == "id,status":
                state = {"status": state}
            self._patch(f, state)
        for listener in list(self.listeners):
            try:
                listener(f)
            except Exception:  # a closed form must not break the follow
                pass

    def _explorer(self, f: Follow) -> Any:
        explorer = self.app.explorer() if hasattr(self.app, "explorer") else None
        if explorer is None or explorer.cat.key != f.target.category:
            return None
        return explorer

    def _patch(self, f: Follow, patch: dict[str, Any]) -> None:
        """Update the explorer's row in place (no request: the state came with the poll)."""
        explorer = self._explorer(f)
        if explorer is None or f.target.id not in explorer.items:
            return
        item = {**explorer.items[f.target.id], **patch}
        explorer.items[f.target.id] = item
        explorer.table.update_rows([row_for(explorer.cat, item)])

    def _remove_row(self, f: Follow) -> None:
        explorer = self._explorer(f)
        if explorer is not None and f.target.id in explorer.items:
            explorer.items.pop(f.target.id, None)
            explorer.table.remove_rows([f.target.id])

    def _wake_screens(self) -> None:
        for screen in self.app.screen_stack:
            wake = getattr(screen, "wake", None)
            if callable(wake):
                wake()
