"""The status line: which account and endpoint, how fresh the data is (the time data last
arrived, never the time of a failed request; "stale" while the API refuses the token or does
not answer), how many requests, errors and rate-limit waits. The token is never part of
it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.widgets import Static

from .. import timing
from ..safe import clean
from ..stale import ago


@dataclass
class Connection:
    profile: str
    endpoint: str
    read_only: bool = False
    demo: bool = False
    #: The profile's SSH settings (``config.SshSettings``; None: the defaults).
    ssh: Any = None


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    """

    def __init__(self, connection: Connection, **kw) -> None:
        super().__init__("", **kw)
        self.connection = connection
        self.last_refresh: float | None = None
        self.requests = 0
        self.errors = 0
        self.rate_limit_wait = 0.0
        self.message = ""
        self._shown: Text | None = None

    def on_mount(self) -> None:
        self.set_interval(1.0, self._redraw)
        self._redraw()

    def update_counts(self, *, requests: int, errors: int, rate_limit_wait: float,
                      last_refresh: float | None) -> None:
        self.requests, self.errors = requests, errors
        self.rate_limit_wait = rate_limit_wait
        self.last_refresh = last_refresh
        self._redraw()

    def _redraw(self) -> None:
        c = self.connection
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(" DEMO " if c.demo else "", style="bold reverse")
        text.append(" " if c.demo else "")
        text.append(f"{clean(c.profile)} ", style="bold")
        text.append(clean(c.endpoint))
        if c.read_only:
            text.append("  READ-ONLY", style="bold")
        health = getattr(getattr(self.app, "state", None), "health", None)
        if health is not None and health.status != "ok":
            # The data shown is as old as the last answer: said, not "refreshed just now".
            text.append(f"  data from {self._ago()} (stale)", style="bold")
        else:
            text.append(f"  refreshed {self._ago()}")
        text.append(f"  req {self.requests}")
        text.append(f"  err {self.errors}", style="bold" if self.errors else "")
        if self.rate_limit_wait:
            text.append(f"  rate-limited {self.rate_limit_wait:.0f}s", style="bold")
        # Redrawn every second: only when the line changed, and without a layout pass (the bar
        # is one line whatever it says): idle CPU, benchmarks/: target 7.
        if text != self._shown:
            self._shown = text
            self.update(text, layout=False)

    def _ago(self) -> str:
        """How old the newest data is ("never" until data arrived: errors do not count)."""
        if self.last_refresh is None:
            return "never"
        secs = int(timing.monotonic() - self.last_refresh)
        return "just now" if secs < 2 else f"{ago(secs)} ago"
