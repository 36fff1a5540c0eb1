"""``esc`` on a form with changes: "Discard your changes?" Opens on Keep editing (throwing
typed work away is the destructive choice, so enter keeps it, as every destructive
confirmation opens on its safe answer)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..safe import markup


class DiscardScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "keep", "Keep editing")]
    DEFAULT_CSS = """
    DiscardScreen { align: center middle; }
    DiscardScreen > Vertical {
        width: 60; max-width: 100%; height: auto; border: round $warning;
        background: $surface; padding: 0 1;
    }
    DiscardScreen Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    DiscardScreen Button { margin-left: 2; }
    """

    def __init__(self, title: str) -> None:
        super().__init__()
        self.form_title = title

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Discard changes?"
            box.border_subtitle = "enter: keep editing · tab: Discard"
            yield Static(markup("$title: what you changed is lost if you leave now.",
                                title=self.form_title))
            with Horizontal():
                yield Button("Keep editing", id="discard-keep")
                yield Button("Discard", id="discard-yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#discard-keep", Button).focus()

    def on_descendant_focus(self) -> None:
        focused = self.focused
        self.query_one(Vertical).border_subtitle = (
            "enter: Discard · esc: keep editing" if focused is not None
            and focused.id == "discard-yes" else "enter: keep editing · tab: Discard")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "discard-yes")

    def action_keep(self) -> None:
        self.dismiss(False)
