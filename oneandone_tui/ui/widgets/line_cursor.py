"""What the account tree and the resource table share: a scrolling view of one line per row
(below ``HEADER_LINES`` fixed lines: the table's header), a cursor on one row moved by the same
keys (``up``/``k``, ``down``/``j``, page up/down, ``home``/``g``, ``end``/``G``), always kept in
view, and a redraw on focus and blur (the cursor's colour says which pane has the focus).

Each widget says how many rows it has (``_row_count``) and how it moves its cursor (``_go``:
the table sets its reactive ``cursor``, the tree also follows a node); the rest is here, once.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.scroll_view import ScrollView


class LineCursorView(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
    ]
    #: Lines drawn above the first row, not scrolled with the rows (the table's header).
    HEADER_LINES: ClassVar[int] = 0
    #: The row under the cursor (an index into the rows as shown).
    cursor: int

    def _row_count(self) -> int:
        """How many rows are shown now."""
        raise NotImplementedError

    def _go(self, index: int) -> None:
        """Put the cursor on row ``index`` (clamped to the rows shown)."""
        raise NotImplementedError

    # -- the view -------------------------------------------------------------------------------
    def _body_height(self) -> int:
        """Lines the rows have on screen (at least one)."""
        return max(1, self.scrollable_content_region.height - self.HEADER_LINES)

    def _page(self) -> int:
        """Rows a page key moves: a screenful, less the row that stays in view."""
        return max(1, self._body_height() - 1)

    def _scroll_to_cursor(self) -> None:
        body = self._body_height()
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + body:
            self.scroll_to(y=self.cursor - body + 1, animate=False, immediate=True)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- the keys -------------------------------------------------------------------------------
    def action_cursor_up(self) -> None:
        self._go(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self._go(self.cursor + 1)

    def action_page_up(self) -> None:
        self._go(self.cursor - self._page())

    def action_page_down(self) -> None:
        self._go(self.cursor + self._page())

    def action_first(self) -> None:
        self._go(0)

    def action_last(self) -> None:
        self._go(self._row_count() - 1)
