"""The category list on the left, each with its count."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...catalogue import Category


class CategoryNav(OptionList):
    DEFAULT_CSS = """
    CategoryNav { width: 28; border: none; border-right: tall $panel; background: $surface; }
    CategoryNav:focus { border-right: tall $accent; }
    """

    def __init__(self, categories: Sequence[Category], **kw) -> None:
        self.categories = list(categories)
        self.counts: dict[str, int | None] = {}
        super().__init__(*(Option(self._prompt(c), id=c.key) for c in self.categories), **kw)

    def _prompt(self, cat: Category) -> Text:
        count = self.counts.get(cat.key, "")
        shown = "?" if cat.key in self.counts and count is None else str(count)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(cat.title)
        pad = max(1, 23 - len(cat.title) - len(shown))
        text.append(" " * pad)
        text.append(shown, style="dim")
        return text

    def set_counts(self, counts: dict[str, int | None]) -> None:
        self.counts.update(counts)
        for cat in self.categories:
            if cat.key in counts:
                self.replace_option_prompt(cat.key, self._prompt(cat))

    def select_key(self, key: str) -> None:
        for i, cat in enumerate(self.categories):
            if cat.key == key:
                self.highlighted = i
                return
