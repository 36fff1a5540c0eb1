"""The rows of the navigation tree as the screen sees them: the expanded part of the account,
flattened, without a row object per resource (no Textual here).

An expanded category of 10,000 servers is one *range* over the category's list of ids, not
10,000 nodes: building the rows costs the same at 10,000 as at 100, and the widget draws only
the lines on screen (benchmarks/tree.py). A resource expanded inside it splits the range.

Nodes are tuples, stable across refreshes (the cursor stays on its resource):
``("group", title)``, ``("cat", key)``, ``("res", key, rid)``, ``("part", key, rid, p)``,
``("entry", key, rid, p, i)``, ``("entry", key, rid, p, i, j)`` (a link under an entry),
``("note", key)`` (a category's "Loading…" or error line).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..tree_source import GROUPS, Part, TreeSource, label_of

Node = tuple[Any, ...]


def parent_of(node: Node) -> Node | None:
    kind = node[0]
    if kind == "group":
        return None
    if kind in ("cat", "note") and len(node) == 2:
        key = node[1]
        if kind == "note":
            return ("cat", key)
        return ("group", next(g for g, keys in GROUPS if key in keys))
    if kind == "res":
        return ("cat", node[1])
    if kind == "part":
        return ("res", node[1], node[2])
    if kind == "entry":
        return ("part", *node[1:4]) if len(node) == 5 else ("entry", *node[1:5])
    return None


@dataclass(frozen=True)
class _Block:
    start: int
    depth: int
    node: Node | None = None
    #: A range of a category's resources: ``ids[lo:hi]``.
    key: str = ""
    ids: Sequence[str] = ()
    lo: int = 0
    hi: int = 0

    @property
    def length(self) -> int:
        return 1 if self.node is not None else self.hi - self.lo


class Flat:
    """The visible rows. ``parts(key, rid)`` gives a resource's parts (cached by the widget);
    ``notes`` the "Loading…"/error text of expanded categories not held yet."""

    def __init__(self, source: TreeSource, expanded: set[Node],
                 parts: Callable[[str, str], list[Part]], notes: dict[str, str],
                 filter_text: str = "") -> None:
        self.source = source
        self.expanded = expanded
        self.parts = parts
        self.notes = notes
        self.filter = filter_text.strip().lower()
        self.blocks: list[_Block] = []
        self._starts: list[int] = []
        self._single: dict[Node, int] = {}
        self._ranges: dict[str, list[_Block]] = {}
        self._filtered: dict[str, list[str]] = {}
        self._filtered_pos: dict[str, dict[str, int]] = {}
        #: Nodes shown with their children.
        self.open: set[Node] = set()
        self.length = 0
        self._build()

    # -- building --------------------------------------------------------------------------
    def _one(self, node: Node, depth: int) -> None:
        self._single[node] = self.length
        self.blocks.append(_Block(self.length, depth, node))
        self.length += 1

    def _range(self, key: str, ids: Sequence[str], lo: int, hi: int, depth: int) -> None:
        if hi > lo:
            block = _Block(self.length, depth, None, key, ids, lo, hi)
            self.blocks.append(block)
            self._ranges.setdefault(key, []).append(block)
            self.length += hi - lo

    def _matches(self, text: str) -> bool:
        return self.filter in text.lower()

    def matching_ids(self, key: str) -> list[str]:
        """The ids of a held category whose label matches the filter."""
        found = self._filtered.get(key)
        if found is None:
            source, needle = self.source, self.filter
            found = [rid for rid in source.ids(key)
                     if needle in label_of(source.item(key, rid) or {}).lower()]
            self._filtered[key] = found
        return found

    def _build(self) -> None:
        from ...catalogue import category

        filtering = bool(self.filter)
        for group, keys in GROUPS:
            gnode = ("group", group)
            if not filtering:
                self._one(gnode, 0)
                if gnode in self.expanded:
                    self.open.add(gnode)
                    for key in keys:
                        self._category(key, None)
                continue
            group_hit = self._matches(group)
            shown: list[tuple[str, list[str] | None]] = []  # (key, its matching ids)
            for key in keys:
                found = self.matching_ids(key) if self.source.held(key) else []
                if found or group_hit or self._matches(category(key).title):
                    shown.append((key, found or None))
            if shown:
                self._one(gnode, 0)
                self.open.add(gnode)
                for key, hits in shown:
                    self._category(key, hits)
        self._starts = [b.start for b in self.blocks]

    def _category(self, key: str, hits: list[str] | None) -> None:
        node = ("cat", key)
        self._one(node, 1)
        if hits is None and node not in self.expanded:
            return
        self.open.add(node)
        if not self.source.held(key):
            self._one(("note", key), 2)
            return
        ids = hits if hits is not None else self.source.ids(key)
        opened = [n for n in self.expanded if n[0] == "res" and n[1] == key]
        marks: list[tuple[int, str]] = []
        for n in opened:
            pos = self._position(key, n[2], ids)
            if pos is not None:
                marks.append((pos, n[2]))
        lo = 0
        for pos, rid in sorted(marks):
            self._range(key, ids, lo, pos, 2)
            self._resource(key, rid)
            lo = pos + 1
        self._range(key, ids, lo, len(ids), 2)

    def _position(self, key: str, rid: str, ids: Sequence[str]) -> int | None:
        if ids is self.source.ids(key):
            return self.source.position(key, rid)
        table = self._filtered_pos.get(key)
        if table is None:
            table = self._filtered_pos[key] = {r: i for i, r in enumerate(ids)}
        return table.get(rid)

    def _resource(self, key: str, rid: str) -> None:
        node = ("res", key, rid)
        self._one(node, 2)
        self.open.add(node)
        for p, part in enumerate(self.parts(key, rid)):
            pnode = ("part", key, rid, p)
            self._one(pnode, 3)
            if pnode not in self.expanded or not part.entries:
                continue
            self.open.add(pnode)
            for i, entry in enumerate(part.entries):
                enode = ("entry", key, rid, p, i)
                self._one(enode, 4)
                if enode in self.expanded and entry.children:
                    self.open.add(enode)
                    for j in range(len(entry.children)):
                        self._one(("entry", key, rid, p, i, j), 5)

    # -- reading ---------------------------------------------------------------------------
    def __len__(self) -> int:
        return self.length

    def row(self, index: int) -> tuple[Node, int]:
        """The node at a row and its depth."""
        block = self.blocks[bisect_right(self._starts, index) - 1]
        if block.node is not None:
            return block.node, block.depth
        return ("res", block.key, block.ids[block.lo + index - block.start]), block.depth

    def index(self, node: Node) -> int | None:
        """The row of a node, when visible."""
        found = self._single.get(node)
        if found is not None or node[0] != "res":
            return found
        key, rid = node[1], node[2]
        ranges = self._ranges.get(key)
        if not ranges:
            return None
        pos = self._position(key, rid, ranges[0].ids)
        if pos is None:
            return None
        for block in ranges:
            if block.lo <= pos < block.hi:
                return block.start + pos - block.lo
        return None
