"""The navigation tree: groups, categories with live counts, resources with their state,
their parts (a server's IPs, disks, DVD...) and the resources they refer to, as links.

A line-API widget: it draws only the lines on screen, from rows that cost the same to build
at 10,000 servers as at 100 (see ``tree_rows.py``; Textual's ``Tree`` makes a node object per
child, measured in benchmarks/tree.py). It reads the account only through a
:class:`~oneandone_tui.ui.tree_source.TreeSource`, and redraws when the source says a
category changed: a resource that appears, changes state or goes away shows without a key,
and the cursor stays on its resource.
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from ...catalogue import category, state_style, state_text
from ..failures import FETCH_ERRORS
from ..safe import clean
from ..tree_source import GROUPS, Entry, NotLoaded, Part, TreeSource, label_of
from .line_cursor import LineCursorView
from .line_style import base_style
from .tree_rows import Flat, Node, parent_of

#: What loading a category can raise: a fetch's errors, or the account state's "not loaded".
LOAD_ERRORS: tuple[type[Exception], ...] = (*FETCH_ERRORS, NotLoaded)

#: Seconds between refreshes of expanded categories the explorer does not keep fresh itself.
REFRESH = 15.0

_STATES = ("state-good", "state-busy", "state-bad", "state-off")
#: A resource's state as one glyph (in its colour) in a tree narrower than COMPACT_BELOW cells,
#: where a state's word ("POWERED_OFF") would leave a name a few cells.
STATE_GLYPHS = {"state-good": "●", "state-off": "○", "state-busy": "◐", "state-bad": "✕"}
COMPACT_BELOW = 30


def cut_middle(text: str, room: int) -> str:
    """``worker-us-01`` in 8 cells: ``work…-01`` (names that differ at the end stay apart)."""
    if room < 5:
        return text[: max(0, room - 1)] + "…"
    tail = (room - 1) // 2
    return text[: room - 1 - tail] + "…" + text[len(text) - tail:]


class AccountTree(LineCursorView, can_focus=True):
    """The tree (the moving keys: ``LineCursorView``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,l", "expand", "Expand", show=False),
        Binding("left,h", "collapse", "Collapse/parent", show=False),
        Binding("space", "toggle_node", "Toggle", show=False),
        Binding("enter", "open", "Open"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "account-tree--cursor", "account-tree--group", "account-tree--count",
        "account-tree--link", "account-tree--dim",
        *(f"account-tree--{s}" for s in _STATES),
    }
    DEFAULT_CSS = """
    AccountTree { background: $surface; scrollbar-size-vertical: 1; overflow-x: hidden; }
    AccountTree > .account-tree--cursor { background: $block-cursor-blurred-background; }
    AccountTree:focus > .account-tree--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    AccountTree > .account-tree--group { text-style: bold; color: $accent; }
    AccountTree > .account-tree--count { color: $text-muted; }
    AccountTree > .account-tree--dim { color: $text-muted; text-style: italic; }
    AccountTree > .account-tree--link { color: $secondary; }
    AccountTree > .account-tree--state-good { color: $success; }
    AccountTree > .account-tree--state-busy { color: $warning; text-style: bold; }
    AccountTree > .account-tree--state-bad { color: $error; text-style: bold; }
    AccountTree > .account-tree--state-off { color: $text-muted; }
    """

    class NodeMessage(Message):
        """Something about one node of the tree."""

        def __init__(self, tree: AccountTree, node: Node) -> None:
            super().__init__()
            self.tree = tree
            self.node = node

        @property
        def control(self) -> AccountTree:
            return self.tree

    class Highlighted(NodeMessage):
        """The cursor moved to a node (by the user: not when the tree follows the table)."""

    class Opened(NodeMessage):
        """``enter`` (or a second click) on a node."""

    def __init__(self, source: TreeSource, **kw: Any) -> None:
        super().__init__(**kw)
        self.source = source
        self.expanded: set[Node] = {("group", g) for g, _ in GROUPS}
        self.cursor = 0
        self.cursor_node: Node = ("group", GROUPS[0][0])
        self.filter_text = ""
        #: The category the explorer keeps fresh itself (the tree does not refresh it).
        self.followed_key: str | None = None
        #: Seconds a category under the cursor waits before the tree lists it itself: the
        #: explorer's table follows the cursor after a moment and lists it then; the tree
        #: takes that answer (``TreeSource.expect``) rather than asking twice.
        self.load_grace = 0.0
        self._notes: dict[str, str] = {}
        self._parts: dict[tuple[str, str], tuple[Any, int, list[Part]]] = {}
        self._dirty = False
        self.flat = self._flatten()

    # -- data ------------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.source.subscribe(self._source_changed)
        self.set_interval(REFRESH, self._refresh_expanded)
        self._rebuild()

    def on_unmount(self) -> None:
        self.source.unsubscribe(self._source_changed)

    def _source_changed(self, key: str) -> None:
        if not self._dirty:
            self._dirty = True
            self.call_later(self._rebuild)
        for node in [n for n in self.expanded if n[0] == "res" and n[1] == key]:
            item = self.source.item(key, node[2])
            if item is not None and self.source.pending_parts(key, item):
                self._load_parts(key, node[2])

    def parts(self, key: str, rid: str) -> list[Part]:
        """A resource's parts, computed once per version of the resource and of its
        category (rendering asks for them at every line)."""
        item = self.source.item(key, rid)
        if item is None:
            return []
        version = self.source.version(key)
        cached = self._parts.get((key, rid))
        if cached is not None and cached[0] is item and cached[1] == version:
            return cached[2]
        parts = self.source.parts(key, item)
        if len(self._parts) > 512:
            self._parts.clear()
        self._parts[(key, rid)] = (item, version, parts)
        return parts

    def _flatten(self) -> Flat:
        return Flat(self.source, self.expanded, self.parts, self._notes, self.filter_text)

    def _rebuild(self) -> None:
        """Rebuild the rows, keeping the cursor on its node and that node where it was on
        screen (rows coming or going above it do not move it)."""
        self._dirty = False
        offset = self.cursor - int(self.scroll_offset.y)
        self.flat = flat = self._flatten()
        index = flat.index(self.cursor_node)
        moved = False
        while index is None:  # the node went away (or is filtered out): its parent
            parent = parent_of(self.cursor_node)
            if parent is None:
                index = min(self.cursor, max(0, len(flat) - 1))
                break
            self.cursor_node, moved = parent, True
            index = flat.index(parent)
        self.cursor = index
        if len(flat):
            self.cursor_node = flat.row(index)[0]
        self.virtual_size = Size(self.size.width, len(flat))
        height = self._body_height()
        top = max(0, min(index - offset, len(flat) - height))
        if not 0 <= offset < height:
            top = int(self.scroll_offset.y)
        self.scroll_to(y=top, animate=False, immediate=True)
        self._scroll_to_cursor()
        self.refresh()
        if moved:
            self.post_message(self.Highlighted(self, self.cursor_node))

    def set_filter(self, text: str) -> None:
        self.filter_text = text
        self._rebuild()

    # -- expanding --------------------------------------------------------------------------------
    def expandable(self, node: Node) -> bool:
        kind = node[0]
        if kind == "group":
            return True
        if kind == "cat":
            return self.source.count(node[1]) != 0
        if kind == "res":
            return self.source.has_parts(node[1])
        if kind == "part":
            part = self.part(node)
            return part is not None and bool(part.entries)
        if kind == "entry":
            entry = self.entry(node)
            return entry is not None and bool(entry.children)
        return False

    def open_node(self, node: Node) -> None:
        if node in self.expanded or not self.expandable(node):
            return
        self.expanded.add(node)
        if node[0] == "cat" and not self.source.held(node[1]):
            self._notes[node[1]] = "Loading…"
            self._load(node[1])
        elif node[0] == "res":
            self._load_parts(node[1], node[2])
        self._rebuild()

    def close_node(self, node: Node) -> None:
        if node in self.expanded:
            self.expanded.discard(node)
            # What was open below stays open (as in a file manager) but costs nothing here.
            self._rebuild()

    def reveal(self, node: Node) -> None:
        """Open the ancestors of a node and put the cursor on it (the table follows: no
        Highlighted message)."""
        parent = parent_of(node)
        changed = False
        while parent is not None:
            if parent not in self.expanded:
                self.expanded.add(parent)
                changed = True
                if parent[0] == "cat" and not self.source.held(parent[1]):
                    self._notes[parent[1]] = "Loading…"
                    self._load(parent[1])
            parent = parent_of(parent)
        if changed or self.flat.index(node) is None:
            self.cursor_node = node
            self._rebuild()
        index = self.flat.index(node)
        if index is not None:
            self._move(index, announce=False)

    # The tree's workers exit on an error they do not catch: a bug reaches the crash handler
    # instead of leaving a category "Loading…" for ever.
    @work(group="tree-load")
    async def _load(self, key: str) -> None:
        try:
            if self.load_grace and self.cursor_node == ("cat", key):
                await asyncio.sleep(self.load_grace)
            await self.source.load(key)
            self._notes.pop(key, None)
        except LOAD_ERRORS as exc:
            self._notes[key] = f"Could not load: {exc}"
            self._rebuild()

    @work(group="tree-load")
    async def _load_parts(self, key: str, rid: str) -> None:
        item = self.source.item(key, rid)
        if item is not None:
            await self.source.load_parts(key, item)

    @work(group="tree-load")
    async def _refresh_expanded(self) -> None:
        """Keep expanded categories live that the explorer does not refresh (it refreshes the
        category it shows): one list request per stateful category every ``REFRESH``."""
        if not self.display or not self.is_attached:
            return
        now = self.source.clock()
        for node in list(self.expanded):
            if node[0] != "cat" or node[1] == self.followed_key:
                continue
            key = node[1]
            fetched = self.source.fetched_at(key)
            if fetched is not None and category(key).stateful and now - fetched >= REFRESH:
                try:
                    await self.source.load(key, again=True)
                except LOAD_ERRORS:
                    continue  # the previous listing stays; the next round tries again

    # -- nodes ------------------------------------------------------------------------------------
    def part(self, node: Node) -> Part | None:
        parts = self.parts(node[1], node[2])
        return parts[node[3]] if node[3] < len(parts) else None

    def entry(self, node: Node) -> Entry | None:
        part = self.part(node)
        if part is None or node[4] >= len(part.entries):
            return None
        entry = part.entries[node[4]]
        if len(node) == 6:
            return entry.children[node[5]] if node[5] < len(entry.children) else None
        return entry

    @property
    def node(self) -> Node:
        return self.cursor_node

    # -- drawing ----------------------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"account-tree--{name}", partial=True)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        base = base_style(self)
        if index >= len(self.flat):
            return Strip.blank(width, base)
        node, depth = self.flat.row(index)
        label, right, label_style, right_style = self._describe(node)
        # Names and states are account data: cleaned here, where every line of the tree is
        # drawn as raw segments (``ui/safe.py``; "\x1b]0;..." would retitle the terminal).
        label, right = clean(label), clean(right) if right else right
        if index == self.cursor:
            base = base + self._style("cursor")
        if node[0] in ("note",):
            glyph = "  "
        elif node in self.flat.open:
            glyph = "▾ "
        elif self.expandable(node):
            glyph = "▸ "
        else:
            glyph = "  "
        indent = " " * (1 + 2 * depth)
        room = max(1, width - len(indent) - 2 - (len(right) + 1 if right else 0))
        if node[0] == "res" and right and width < COMPACT_BELOW:
            # Too narrow for names and states' words (the tree beside the table at 80
            # columns): every state as a glyph; the right pane says it in full.
            short = STATE_GLYPHS.get(state_style(self.source.item(node[1], node[2]) or {})
                                     or "")
            if short is not None:
                right = short
                room = max(1, width - len(indent) - 2 - 2)
        if len(label) > room:
            label = cut_middle(label, room) if node[0] == "res" else \
                label[: max(0, room - 1)] + "…"
        pad = max(0, room - len(label))
        segments = [Segment(indent + glyph, base),
                    Segment(label, base + label_style if label_style else base),
                    Segment(" " * pad + (" " if right else ""), base)]
        if right:
            segments.append(Segment(right, base + right_style if right_style else base))
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    def _describe(self, node: Node) -> tuple[str, str, Style | None, Style | None]:
        """A node's label and right-hand text (count, state, summary) with their styles."""
        kind = node[0]
        if kind == "group":
            return node[1], "", self._style("group"), None
        if kind == "cat":
            key = node[1]
            count = self.source.count(key)
            shown = "" if not self.source.counted(key) else "?" if count is None else str(count)
            if self.filter_text and self.source.held(key):
                hits = len(self.flat.matching_ids(key))
                shown = f"{hits}/{shown}" if hits else shown
            return category(key).title, shown, None, self._style("count")
        if kind == "note":
            return self._notes.get(node[1], "Loading…"), "", self._style("dim"), None
        if kind == "res":
            item = self.source.item(node[1], node[2]) or {}
            state = state_text(item)
            style = state_style(item)
            return (label_of(item), state, None,
                    self._style(style) if style else self._style("count"))
        if kind == "part":
            part = self.part(node)
            if part is None:
                return "?", "", None, None
            return part.title, part.summary, None, self._style("count")
        entry = self.entry(node)
        if entry is None:
            return "?", "", None, None
        return entry.label, "", self._style("link") if entry.link else None, None

    # -- the cursor ---------------------------------------------------------------------------
    def _move(self, index: int, announce: bool = True) -> None:
        if not len(self.flat):
            return
        index = max(0, min(index, len(self.flat) - 1))
        old = self.cursor
        self.cursor = index
        self.cursor_node = self.flat.row(index)[0]
        self._scroll_to_cursor()
        self.refresh_line(old - int(self.scroll_offset.y))
        self.refresh()
        if announce:
            self.post_message(self.Highlighted(self, self.cursor_node))

    def select_key(self, key: str) -> None:
        """Follow the explorer to a category (without announcing it back)."""
        if self.cursor_node[:2] != ("cat", key) and not (
                self.cursor_node[0] != "group" and self.cursor_node[1] == key):
            self.reveal(("cat", key))

    def _row_count(self) -> int:
        return len(self.flat)

    def _go(self, index: int) -> None:
        self._move(index)

    def action_expand(self) -> None:
        """Right: open the node; on an open node, go to its first child."""
        node = self.cursor_node
        if not self.expandable(node):
            return
        if node in self.flat.open:
            if self.cursor + 1 < len(self.flat) and \
                    parent_of(self.flat.row(self.cursor + 1)[0]) == node:
                self._move(self.cursor + 1)
            return
        self.open_node(node)

    def action_collapse(self) -> None:
        """Left: close the node; on a closed one (or a leaf), go to its parent."""
        node = self.cursor_node
        if node in self.expanded and node in self.flat.open:
            self.close_node(node)
            return
        parent = parent_of(node)
        index = self.flat.index(parent) if parent is not None else None
        if index is not None:
            self._move(index)

    def action_toggle_node(self) -> None:
        node = self.cursor_node
        if node in self.expanded:
            self.close_node(node)
        else:
            self.open_node(node)

    def action_open(self) -> None:
        self.post_message(self.Opened(self, self.cursor_node))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if not 0 <= index < len(self.flat):
            return
        node, depth = self.flat.row(index)
        on_glyph = 1 + 2 * depth <= event.x <= 2 + 2 * depth
        if index == self.cursor or on_glyph:
            self._move(index, announce=index != self.cursor)
            self.action_toggle_node() if self.expandable(node) else self.action_open()
        else:
            self._move(index)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.flat))
