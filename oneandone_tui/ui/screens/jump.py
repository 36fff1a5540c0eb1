"""``:``: jump to a category by typing part of its name (k9s style). Matching categories are
listed as you type; ``tab`` completes, ``enter`` goes, ``esc`` cancels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option


def match(query: str, choices: Sequence[tuple[str, str, Sequence[str]]]) -> list[str]:
    """Category keys whose title, key or an alias matches ``query``: prefix matches first,
    then substring matches."""
    q = query.strip().lower().replace(" ", "").replace("_", "")
    if not q:
        return [key for key, _, _ in choices]
    prefix, inner = [], []
    for key, title, aliases in choices:
        names = [title.lower().replace(" ", ""), key.replace("_", ""), *aliases]
        if any(n.startswith(q) for n in names):
            prefix.append(key)
        elif any(q in n for n in names):
            inner.append(key)
    return prefix + inner


class JumpScreen(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("tab", "complete", "Complete", priority=True),
        Binding("down", "next", "Next", show=False, priority=True),
        Binding("up", "previous", "Previous", show=False, priority=True),
    ]
    DEFAULT_CSS = """
    JumpScreen { align: center top; }
    JumpScreen > Vertical {
        width: 60; max-width: 100%; height: auto; margin-top: 2;
        border: round $accent; background: $surface;
    }
    JumpScreen OptionList { height: auto; max-height: 14; border: none; }
    """

    def __init__(self, choices: Sequence[tuple[str, str, Sequence[str]]]) -> None:
        super().__init__()
        self.choices = list(choices)
        self.titles = {key: title for key, title, _ in self.choices}

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Jump to"
            yield Input(placeholder="category, e.g. lb, fire, servers",
                        suggester=SuggestFromList([t for _, t, _ in self.choices],
                                                  case_sensitive=False))
            yield OptionList(*self._options(""))

    def _options(self, query: str) -> list[Option]:
        return [Option(self.titles[key], id=key) for key in match(query, self.choices)]

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options(event.value))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.option_count:
            self.dismiss(options.get_option_at_index(options.highlighted).id)
        else:
            self.notify(f"No category matches '{event.value}'", severity="warning")

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_complete(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.option_count:
            key = options.get_option_at_index(options.highlighted).id
            field = self.query_one(Input)
            field.value = self.titles[key or ""]
            field.cursor_position = len(field.value)

    def action_next(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_previous(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
