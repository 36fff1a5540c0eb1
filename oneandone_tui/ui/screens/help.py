"""``?``: every key of the app, read from the bindings (``help_keys.py``): first what works on
the screen underneath (and everywhere), then the keys of every other screen."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .help_keys import Section, arranged


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 84; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, under: Any = None) -> None:
        """``under``: the screen help was opened over (its sections come first)."""
        super().__init__()
        self.here, self.elsewhere = arranged(under)

    @property
    def sections(self) -> list[Section]:
        return self.here + self.elsewhere

    def compose(self) -> ComposeResult:
        # One grid per section under its title (a title in the key column would widen it);
        # the same key column for all, as wide as the widest keys.
        width = max((len(row.shown_keys) for s in self.sections for row in s.rows),
                    default=1)
        parts: list[RenderableType] = []
        for i, section in enumerate(self.sections):
            if i == len(self.here) and self.elsewhere:
                parts.append(Text("\nElsewhere", style="bold"))
            parts.append(Text(("\n" if i else "") + section.title, style="underline"))
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="bold", no_wrap=True, width=width)
            grid.add_column()
            for row in section.rows:
                grid.add_row(Text(row.shown_keys), Text(row.what))
            parts.append(grid)
        with VerticalScroll() as box:
            box.border_title = "Keys · esc closes"
            yield Static(Group(*parts))

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
