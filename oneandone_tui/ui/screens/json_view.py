"""``y``: the raw JSON of the selection, as the API answered it."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.syntax import Syntax
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..safe import json_text, safe


class JsonScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,y", "dismiss", "Close"),
        Binding("c", "copy", "Copy JSON"),
    ]
    DEFAULT_CSS = """
    JsonScreen { align: center middle; }
    JsonScreen > VerticalScroll {
        width: 90%; height: 90%; border: round $accent; background: $surface;
    }
    """

    def __init__(self, title: str, data: Any) -> None:
        super().__init__()
        self.title_text = title
        self.text = json_text(data)

    def compose(self) -> ComposeResult:
        scroll = VerticalScroll()
        scroll.border_title = safe(self.title_text)
        scroll.border_subtitle = "c copy · esc close"
        with scroll:
            yield Static(Syntax(self.text, "json", word_wrap=True, theme="ansi_dark"))

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify("JSON copied to the clipboard")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
