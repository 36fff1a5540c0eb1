"""The category list on the left, each with its count.

A line-API widget rather than an OptionList: it draws 23 short lines, and Textual's OptionList
spent ~50 ms rendering them on start-up (measured), a fifth of the time to the first frame."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...catalogue import Category


class CategoryNav(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"category-nav--highlight", "category-nav--count"}
    DEFAULT_CSS = """
    CategoryNav { width: 28; border-right: tall $panel; background: $surface; }
    CategoryNav:focus { border-right: tall $accent; }
    CategoryNav > .category-nav--highlight { background: $block-cursor-blurred-background; }
    CategoryNav:focus > .category-nav--highlight {
        background: $block-cursor-background; color: $block-cursor-foreground;
        text-style: bold;
    }
    CategoryNav > .category-nav--count { color: $text-muted; }
    """

    class Selected(Message):
        """A category was chosen (``enter`` or a click)."""

        def __init__(self, nav: CategoryNav, key: str) -> None:
            super().__init__()
            self.nav = nav
            self.key = key

        @property
        def control(self) -> CategoryNav:
            return self.nav

    highlighted: reactive[int] = reactive(0, init=False)

    def __init__(self, categories: Sequence[Category], **kw) -> None:
        super().__init__(**kw)
        self.categories = list(categories)
        self.counts: dict[str, int | None] = {}
        self.virtual_size = Size(26, len(self.categories))

    # -- data ---------------------------------------------------------------------------------
    def set_counts(self, counts: dict[str, int | None]) -> None:
        changed = {k: v for k, v in counts.items() if self.counts.get(k, "-") != v}
        if changed:
            self.counts.update(changed)
            self.refresh()

    def select_key(self, key: str) -> None:
        for i, cat in enumerate(self.categories):
            if cat.key == key:
                self.highlighted = i
                return

    @property
    def highlighted_key(self) -> str:
        return self.categories[self.highlighted].key

    # -- drawing -------------------------------------------------------------------------------
    def watch_highlighted(self, old: int, new: int) -> None:
        self.scroll_to_region_if_needed(new)
        self.refresh()

    def scroll_to_region_if_needed(self, index: int) -> None:
        top = int(self.scroll_offset.y)
        height = max(1, self.scrollable_content_region.height)
        if index < top:
            self.scroll_to(y=index, animate=False)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        if index >= len(self.categories):
            return Strip.blank(width, self.rich_style)
        cat = self.categories[index]
        count = self.counts.get(cat.key, "")
        shown = "?" if cat.key in self.counts and count is None else str(count)
        base: Style = self.rich_style
        if index == self.highlighted:
            base = base + self.get_component_rich_style("category-nav--highlight")
        title = cat.title[: max(1, width - len(shown) - 3)]
        pad = max(1, width - 1 - len(title) - len(shown))
        segments = [Segment(" " + title + " " * pad, base)]
        count_style = base if index == self.highlighted else \
            base + self.get_component_rich_style("category-nav--count")
        segments.append(Segment(shown, count_style))
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    # -- keys and mouse --------------------------------------------------------------------------
    def action_cursor_up(self) -> None:
        self.highlighted = max(0, self.highlighted - 1)

    def action_cursor_down(self) -> None:
        self.highlighted = min(len(self.categories) - 1, self.highlighted + 1)

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self.categories) - 1

    def action_select(self) -> None:
        self.post_message(self.Selected(self, self.highlighted_key))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < len(self.categories):
            self.highlighted = index
            self.action_select()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
