"""One banner for the connection's health (DESIGN §9 rule 2): a refused token (polling has
stopped; ``T`` enters a new one) or an unreachable API (backing off; it recovers by itself).
Hidden while the API answers. Every screen that polls shows it at the top; the app's bridge
redraws them all when the health changes, and a 1 s timer keeps the retry countdown true."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from .. import timing


def banner_text(health: Any, now: float) -> Text | None:
    """The banner's words, or None when all is well. Wraps (never cut: the error is the
    point of it)."""
    if health.status == "auth":
        text = Text()
        text.append("✖ The API refused the token", style="bold")
        if health.message:
            text.append(f" ({health.message})")
        text.append(". Nothing is refreshed until a new token is given: press ")
        text.append("T", style="bold reverse")
        text.append(" to enter one.")
        return text
    if health.status == "unreachable":
        text = Text()
        text.append("⚠ The API is unreachable", style="bold")
        if health.message:
            text.append(f": {health.message}")
        wait = max(0, round((health.retry_at or now) - now))
        text.append(f". Retrying in {wait}s (attempt {health.failures + 1}); "
                    "the data shown is from the last answer.")
        return text
    return None


class HealthBanner(Static):
    DEFAULT_CSS = """
    HealthBanner { height: auto; padding: 0 1; display: none; }
    HealthBanner.-auth { background: $error; color: $text; display: block; }
    HealthBanner.-unreachable { background: $warning; color: $background; display: block; }
    """

    def on_mount(self) -> None:
        self.set_interval(1.0, self.redraw)
        self.redraw()

    def redraw(self) -> None:
        state = getattr(self.app, "state", None)
        if state is None:
            return
        health = state.health
        text = banner_text(health, timing.monotonic())
        self.set_class(health.status == "auth", "-auth")
        self.set_class(health.status == "unreachable", "-unreachable")
        if text is not None:
            self.update(text)
