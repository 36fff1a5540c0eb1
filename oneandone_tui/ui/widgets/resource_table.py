"""A virtualised table: renders only the visible lines (Textual's line API), updates rows in
place, filters and sorts without rebuilding anything on screen.

Textual's DataTable takes ~1.5 s to show 10,000 rows and ~1.4 s per keystroke to filter them by
clearing and refilling (measured here); this table keeps its rows in plain lists, keeps a view
(a list of row ids after filter and sort), and draws the ~40 visible lines from it. Rendered
lines are cached per row version, so a refresh that changes one row redraws one line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from ..safe import clean
from .line_cursor import LineCursorView
from .line_style import base_style


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int = 10
    #: Share of the spare width this column takes (0 = fixed width).
    flex: int = 0
    align: str = "left"
    #: When the table is too narrow, higher numbers give way first (shrink, then hide);
    #: 0 never hides (the name, the state).
    priority: int = 0
    #: Where a text too long loses cells: ``end`` (``web-serv…``) or ``middle``
    #: (``worker-…-01``: names that differ at the end stay apart).
    cut: str = "end"


#: A column shrinks no narrower than this before the least important ones are hidden.
MIN_WIDTH = 8


@dataclass
class Row:
    """One line of the table. ``cells`` are display strings; ``styles`` name a component class
    suffix per cell (``state-good``...) or None; ``sort`` holds per-column sort keys (without
    them a column sorts by its lower-cased text, empty last: text columns need no copy)."""

    id: str
    cells: tuple[str, ...]
    styles: tuple[str | None, ...] = ()
    sort: tuple[Any, ...] = ()
    search: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if not self.search:
            self.search = " ".join(self.cells).lower()


STYLE_CLASSES = ("state-good", "state-busy", "state-bad", "state-off", "dim", "accent")


class ResourceTable(LineCursorView, can_focus=True):
    """The table of one category's resources (the moving keys: ``LineCursorView``)."""

    HEADER_LINES = 1
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open"),
        Binding("space", "toggle_mark", "Mark"),
        Binding("s", "cycle_sort", "Sort"),
        Binding("S", "reverse_sort", "Reverse", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "resource-table--header",
        "resource-table--cursor",
        "resource-table--mark",
        "resource-table--empty",
        *(f"resource-table--{name}" for name in STYLE_CLASSES),
    }

    DEFAULT_CSS = """
    ResourceTable {
        background: $surface;
        scrollbar-gutter: stable;
    }
    ResourceTable > .resource-table--header { text-style: bold; background: $panel; }
    ResourceTable > .resource-table--cursor { background: $block-cursor-blurred-background; }
    ResourceTable:focus > .resource-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
        text-style: bold;
    }
    ResourceTable > .resource-table--mark { color: $accent; text-style: bold; }
    ResourceTable > .resource-table--empty { color: $text-muted; text-style: italic; }
    ResourceTable > .resource-table--state-good { color: $success; }
    ResourceTable > .resource-table--state-busy { color: $warning; text-style: bold; }
    ResourceTable > .resource-table--state-bad { color: $error; text-style: bold; }
    ResourceTable > .resource-table--state-off { color: $text-muted; }
    ResourceTable > .resource-table--dim { color: $text-muted; }
    ResourceTable > .resource-table--accent { color: $accent; }
    """

    class Highlighted(Message):
        def __init__(self, table: ResourceTable, row_id: str | None) -> None:
            super().__init__()
            self.table = table
            self.row_id = row_id

    class Opened(Message):
        def __init__(self, table: ResourceTable, row_id: str) -> None:
            super().__init__()
            self.table = table
            self.row_id = row_id

    class MarksChanged(Message):
        def __init__(self, table: ResourceTable, marked: frozenset[str]) -> None:
            super().__init__()
            self.table = table
            self.marked = marked

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    def __init__(self, columns: Sequence[Column] = (), *, empty_text: str = "Nothing here",
                 name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._columns: list[Column] = list(columns)
        self._rows: dict[str, Row] = {}
        self._versions: dict[str, int] = {}
        self._view: list[str] = []
        self._index: dict[str, int] = {}
        self._marked: set[str] = set()
        self._filter = ""
        self._sort_column: int | None = None
        self._sort_reverse = False
        self._widths: list[int] = []
        #: The width ``_widths`` were laid out for (None: not yet, or the columns changed).
        self._laid_out: int | None = None
        self._cache: dict[tuple[Any, ...], Strip] = {}
        self.empty_text = empty_text

    # -- data ----------------------------------------------------------------------------------
    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    def set_columns(self, columns: Sequence[Column]) -> None:
        self._columns = list(columns)
        self._sort_column = None
        self._relayout()

    @property
    def row_count(self) -> int:
        """Rows after filtering."""
        return len(self._view)

    @property
    def total_count(self) -> int:
        return len(self._rows)

    @property
    def cursor_id(self) -> str | None:
        if 0 <= self.cursor < len(self._view):
            return self._view[self.cursor]
        return None

    @property
    def marked(self) -> frozenset[str]:
        return frozenset(self._marked)

    @property
    def view_ids(self) -> list[str]:
        """Row ids in display order (after filter and sort)."""
        return list(self._view)

    def visible_ids(self) -> list[str]:
        """Ids of the rows on screen now (what a poller should keep fresh)."""
        top = int(self.scroll_offset.y)
        return self._view[top: top + max(0, self.size.height - 1)]

    def get_row(self, row_id: str) -> Row | None:
        return self._rows.get(row_id)

    def set_rows(self, rows: Iterable[Row]) -> None:
        """Replace all rows; the cursor stays on the same row id when it still exists. Only
        rows whose cells changed get new cached lines."""
        keep = self.cursor_id
        new: dict[str, Row] = {}
        versions = self._versions
        old = self._rows
        for row in rows:
            previous = old.get(row.id)
            if previous is None or previous.cells != row.cells or previous.styles != row.styles:
                versions[row.id] = versions.get(row.id, 0) + 1
            new[row.id] = row
        for gone in old.keys() - new.keys():
            versions.pop(gone, None)
        self._rows = new
        self._marked &= new.keys()
        self._rebuild_view(keep)

    def update_rows(self, rows: Iterable[Row]) -> None:
        """Change rows in place (add them if new). Redraws only the lines that changed unless
        the change moves rows (sort or filter affected)."""
        resort = False
        changed: list[str] = []
        for row in rows:
            previous = self._rows.get(row.id)
            if previous is not None and previous.cells == row.cells \
                    and previous.styles == row.styles:
                continue
            self._versions[row.id] = self._versions.get(row.id, 0) + 1
            self._rows[row.id] = row
            changed.append(row.id)
            if previous is None or self._affects_order(previous, row):
                resort = True
        if resort:
            self._rebuild_view(self.cursor_id)
            return
        for row_id in changed:
            index = self._index.get(row_id)
            if index is not None:
                self.refresh_line(index + 1)
        if self.cursor_id in changed:
            self.post_message(self.Highlighted(self, self.cursor_id))

    def _affects_order(self, old: Row, new: Row) -> bool:
        if self._filter and ((self._filter in old.search) != (self._filter in new.search)):
            return True
        c = self._sort_column
        return c is not None and _sort_value(old, c) != _sort_value(new, c)

    # -- filter and sort --------------------------------------------------------------------------
    @property
    def filter_text(self) -> str:
        return self._filter

    def set_filter(self, text: str) -> None:
        needle = text.strip().lower()
        if needle == self._filter:
            return
        self._filter = needle
        self._rebuild_view(self.cursor_id, reset_cursor=True)

    @property
    def sort_state(self) -> tuple[str | None, bool]:
        if self._sort_column is None:
            return None, False
        return self._columns[self._sort_column].key, self._sort_reverse

    def sort_by(self, key: str | None, reverse: bool = False) -> None:
        if key is None:
            self._sort_column = None
        else:
            self._sort_column = next(i for i, c in enumerate(self._columns) if c.key == key)
        self._sort_reverse = reverse
        self._cache.clear()
        self._rebuild_view(self.cursor_id)

    def action_cycle_sort(self) -> None:
        if not self._columns:
            return
        nxt = 0 if self._sort_column is None else self._sort_column + 1
        self.sort_by(None if nxt >= len(self._columns) else self._columns[nxt].key)

    def action_reverse_sort(self) -> None:
        if self._sort_column is not None:
            self.sort_by(self._columns[self._sort_column].key, not self._sort_reverse)

    def _rebuild_view(self, keep: str | None, reset_cursor: bool = False) -> None:
        rows = self._rows
        if self._filter:
            needle = self._filter
            ids = [rid for rid, row in rows.items() if needle in row.search]
        else:
            ids = list(rows)
        c = self._sort_column
        if c is not None:
            def key(rid: str) -> tuple[int, Any]:
                value = _sort_value(rows[rid], c)
                return (value is None, value if value is not None else 0)
            try:
                ids.sort(key=key, reverse=self._sort_reverse)
            except TypeError:
                ids.sort(key=lambda rid: str(rows[rid].cells[c]).lower(),
                         reverse=self._sort_reverse)
        self._view = ids
        self._index = {rid: i for i, rid in enumerate(ids)}
        self.virtual_size = Size(self._total_width(), len(ids) + 1)
        target = self._index.get(keep) if keep is not None and not reset_cursor else None
        if target is None:
            target = 0 if reset_cursor else min(self.cursor, max(0, len(ids) - 1))
        self.cursor = target
        self.refresh()

    # -- layout and rendering ---------------------------------------------------------------------
    def _total_width(self) -> int:
        shown = [w for w in self._widths if w]
        return sum(shown) + len(shown) + 2 if shown else 0

    def _relayout(self) -> None:
        self._fit_columns()
        self.refresh()

    def _fit_columns(self) -> None:
        width = max(0, self.scrollable_content_region.width - 2)
        self._widths = layout_widths(self._columns, width)
        self._laid_out = width
        self._cache.clear()
        self.virtual_size = Size(self._total_width(), len(self._view) + 1)

    def on_resize(self, event: events.Resize) -> None:
        if self._laid_out != max(0, self.scrollable_content_region.width - 2):
            self._relayout()

    def watch_cursor(self, old: int, new: int) -> None:
        if self._view:
            clamped = max(0, min(new, len(self._view) - 1))
            if clamped != new:
                self.cursor = clamped
                return
        self._scroll_to_cursor()
        self.refresh_line(old + 1)
        self.refresh_line(new + 1)
        self.post_message(self.Highlighted(self, self.cursor_id))

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"resource-table--{name}")

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if self._laid_out != max(0, width - 2):
            # The first frame after mounting comes before the Resize message: the columns are
            # fitted here, so that frame shows the rows rather than an empty table redrawn a
            # frame later (start-up: benchmarks/, target 1).
            self._fit_columns()
        scroll_x = int(self.scroll_offset.x)
        if y == 0:
            strip = self._header_strip()
        else:
            index = int(self.scroll_offset.y) + y - 1
            if index >= len(self._view):
                if not self._view and y == 2:
                    text = self.empty_text if not self._filter else \
                        f"No match for '{self._filter}'"
                    return Strip([Segment(f"  {clean(text)}".ljust(width),
                                          self._style("empty"))])
                return Strip.blank(width, base_style(self))
            strip = self._row_strip(index)
        return strip.crop(scroll_x, scroll_x + width).extend_cell_length(width, base_style(self))

    def _header_strip(self) -> Strip:
        key = ("header", self._sort_column, self._sort_reverse, tuple(self._widths))
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        style = self._style("header")
        segments = [Segment("  ", style)]
        for i, (col, w) in enumerate(zip(self._columns, self._widths, strict=False)):
            if not w:
                continue  # hidden: the table is too narrow for it
            title = col.title
            if i == self._sort_column:
                title += " ▼" if self._sort_reverse else " ▲"
            segments.append(Segment(_fit(clean(title), w, col.align) + " ", style))
        strip = Strip(segments)
        self._cache[key] = strip
        return strip

    def _row_strip(self, index: int) -> Strip:
        row_id = self._view[index]
        row = self._rows[row_id]
        is_cursor = index == self.cursor
        marked = row_id in self._marked
        focused = self.has_focus
        key = (row_id, self._versions.get(row_id, 0), is_cursor, marked, focused)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        base = base_style(self)
        if is_cursor:
            base = base + self._style("cursor")
        segments = [Segment("● " if marked else "  ",
                            base + self._style("mark") if marked else base)]
        styles = row.styles
        for i, (col, w) in enumerate(zip(self._columns, self._widths, strict=False)):
            if not w:
                continue
            text = row.cells[i] if i < len(row.cells) else ""
            style_name = styles[i] if i < len(styles) else None
            style = base
            if style_name and not is_cursor:
                style = base + self._style(style_name)
            elif style_name and is_cursor:
                style = base + Style(bold=True)
            # Cells are account data: cleaned here, the one place every row is drawn (a raw
            # Segment goes to the terminal as it is: "\x1b[2J" would blank the screen).
            segments.append(Segment(_fit(clean(text), w, col.align, col.cut), style))
            segments.append(Segment(" ", base))
        strip = Strip(segments)
        if len(self._cache) > 4000:
            self._cache.clear()
        self._cache[key] = strip
        return strip

    # -- actions ----------------------------------------------------------------------------------
    def _row_count(self) -> int:
        return len(self._view)

    def _go(self, index: int) -> None:
        self.cursor = max(0, min(index, len(self._view) - 1))

    def action_open(self) -> None:
        if self.cursor_id is not None:
            self.post_message(self.Opened(self, self.cursor_id))

    def action_toggle_mark(self) -> None:
        row_id = self.cursor_id
        if row_id is None:
            return
        if row_id in self._marked:
            self._marked.discard(row_id)
        else:
            self._marked.add(row_id)
        self.refresh_line(self.cursor + 1)
        self.post_message(self.MarksChanged(self, frozenset(self._marked)))
        self.action_cursor_down()

    def clear_marks(self) -> None:
        if self._marked:
            self._marked.clear()
            self.refresh()
            self.post_message(self.MarksChanged(self, frozenset()))

    def move_to(self, row_id: str) -> bool:
        index = self._index.get(row_id)
        if index is None:
            return False
        self.cursor = index
        return True

    def on_click(self, event: events.Click) -> None:
        y = event.y
        if y <= 0:
            # A click on the header sorts by that column.
            x = event.x + int(self.scroll_offset.x) - 2
            for col, w in zip(self._columns, self._widths, strict=False):
                if not w:
                    continue
                if 0 <= x < w + 1:
                    reverse = self.sort_state == (col.key, False)
                    self.sort_by(col.key, reverse)
                    return
                x -= w + 1
            return
        index = int(self.scroll_offset.y) + y - 1
        if 0 <= index < len(self._view):
            if index == self.cursor and event.chain >= 2:
                self.action_open()
            self.cursor = index


def layout_widths(cols: Sequence[Column], width: int) -> list[int]:
    """Each column's width in ``width`` cells (0: hidden). Spare room goes to the flexible
    columns by their share; when short, the columns of the highest ``priority`` give way
    first: flexible ones shrink to ``MIN_WIDTH``, then whole columns hide, least important
    first, and the room they leave goes back to the flexible columns that stay. Columns of
    priority 0 never hide; if they alone do not fit, the flexible ones shrink to 6 and the
    table scrolls sideways."""
    base = [c.width for c in cols]
    hidden: set[int] = set()

    def spare() -> int:
        shown = [i for i in range(len(cols)) if i not in hidden]
        return width - sum(base[i] for i in shown) - len(shown)

    if spare() < 0 and any(c.priority for c in cols):
        for level in sorted({c.priority for c in cols if c.priority}, reverse=True):
            for i, c in enumerate(cols):  # shrink this level's flexible columns
                if c.priority == level and c.flex and spare() < 0:
                    base[i] -= min(base[i] - MIN_WIDTH, -spare()) if base[i] > MIN_WIDTH else 0
            for i in sorted((i for i, c in enumerate(cols) if c.priority == level),
                            reverse=True):
                if spare() < 0:
                    hidden.add(i)
            if spare() >= 0:
                break
    room = spare()
    flex = sum(c.flex for i, c in enumerate(cols) if i not in hidden)
    if room > 0 and flex:
        base = [b + (room * c.flex // flex if i not in hidden else 0)
                for i, (b, c) in enumerate(zip(base, cols, strict=True))]
    elif room < 0 and flex:
        while room < 0:  # what must stay does not fit: shrink what flexes, then scroll
            shrinkable = [i for i, c in enumerate(cols)
                          if c.flex and base[i] > 6 and i not in hidden]
            if not shrinkable:
                break
            least = min(cols[i].flex for i in shrinkable)
            widest = max((i for i in shrinkable if cols[i].flex == least), key=lambda i: base[i])
            base[widest] -= 1
            room += 1
    return [0 if i in hidden else b for i, b in enumerate(base)]


def _sort_value(row: Row, c: int) -> Any:
    if c < len(row.sort):
        return row.sort[c]
    return (row.cells[c] if c < len(row.cells) else "").lower() or None


def _fit(text: str, width: int, align: str = "left", cut: str = "end") -> str:
    """Pad or cut ``text`` to exactly ``width`` terminal cells (wide characters count 2)."""
    if width <= 0:
        return ""
    size = cell_len(text)
    # The middle cut counts characters: only for text of one cell each (a zero-width control
    # character beside a wide one also makes len(text) == size).
    if size > width and cut == "middle" and width >= 5 and len(text) == size \
            and all(cell_len(ch) == 1 for ch in text):
        tail = (width - 1) // 2
        return text[:width - 1 - tail] + "…" + text[size - tail:]
    if size > width:
        return set_cell_size(text, width - 1) + "…"
    pad = " " * (width - size)
    return pad + text if align == "right" else text + pad
