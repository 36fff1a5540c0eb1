"""The right pane for a tree node that is not a category: a resource's detail, a part's
section, an element of a part or a related resource (``enter`` opens the full detail)."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...catalogue import category, state_text
from ..rows import key_values, list_table
from ..safe import clean
from ..tree_source import GROUPS, PENDING, TreeSource, label_of
from ..views import masked, render_view, secret_keys
from .tree_rows import Node


class TreePreview(VerticalScroll):
    DEFAULT_CSS = """
    TreePreview { height: 1fr; padding: 0 1; }
    TreePreview > Static { width: 1fr; }
    """

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.node: Node | None = None
        self.body = Static("", id="preview-body")

    def compose(self) -> ComposeResult:
        yield self.body

    def show(self, source: TreeSource, node: Node, parts: Any) -> None:
        """Render ``node`` (``parts(key, rid)``: the tree's cached parts of a resource)."""
        self.node = node
        self.body.update(describe(source, node, parts))


def describe(source: TreeSource, node: Node, parts: Any) -> RenderableType:
    kind, key = node[0], node[1]
    if kind == "group":
        return _group(source, key)
    cat = category(key)
    if kind == "cat":  # a category with a screen of its own (a table shows the others)
        count = source.count(key)
        counted = "" if count is None else f" ({count})"
        return Group(Text(f"{cat.title}{counted}", style="bold"),
                     Text("enter: its own screen · right: its entries here", style="dim"))
    item = source.item(key, node[2]) if len(node) > 2 else None
    if item is None:
        return Text("This resource is no longer listed.", style="italic")
    secrets = secret_keys(cat)
    name = clean(label_of(item))
    head = f"{cat.title} › {name}"
    if kind == "res":
        state = clean(state_text(item))
        title = Text(head + (f" · {state}" if state else ""), style="bold")
        hint = Text("enter: the full detail · right: its parts", style="dim")
        return Group(title, hint, Text(""), key_values(masked(item, secrets)))
    part_list = parts(key, node[2])
    if node[3] >= len(part_list):
        return Text("")
    part = part_list[node[3]]
    if kind == "part":
        title = Text(f"{head} › {part.title}", style="bold")
        return Group(title, Text(""), _part_body(source, key, item, part, secrets))
    entry = part.entries[node[4]] if node[4] < len(part.entries) else None
    if entry is not None and len(node) == 6:
        entry = entry.children[node[5]] if node[5] < len(entry.children) else None
    if entry is None:
        return Text("")
    title = Text(f"{head} › {part.title} › {clean(entry.label)}", style="bold")
    body: list[RenderableType] = [title, Text("")]
    if entry.data is not None:
        body.append(key_values(masked(entry.data, secrets)))
    if entry.link is not None:
        target = source.item(entry.link.category, entry.link.id)
        other = category(entry.link.category)
        body.append(Text(f"{other.title}: {clean(entry.link.label)} (enter opens it)",
                         style="italic"))
        if target is not None:
            body += [Text(""), key_values(masked(target, secret_keys(other)))]
    return Group(*body)


def _group(source: TreeSource, title: str) -> RenderableType:
    """A group: its categories and how many resources each has."""
    from rich.table import Table

    keys = next(keys for group, keys in GROUPS if group == title)
    table = Table(box=None, padding=(0, 2), show_header=False)
    table.add_column()
    table.add_column(justify="right")
    for key in keys:
        count = source.count(key)
        table.add_row(category(key).title, "…" if count is None else str(count))
    return Group(Text(title, style="bold"), Text(""), table)


def _part_body(source: TreeSource, key: str, item: Any, part: Any,
               secrets: frozenset[str]) -> RenderableType:
    if part.error:
        return Text(f"Could not load: {clean(part.error, multiline=True)}", style="bold red")
    data = source.section_data(key, item, part)
    if data is PENDING:
        return Text("Loading…", style="italic")
    section = part.section
    if section is None:  # the related resources
        return Text("\n".join(clean(e.label) for e in part.entries))
    if data is None or data == [] or data == {}:
        return Text(section.empty, style="italic")
    if section.view:
        return render_view(section.view, data)
    if isinstance(data, list):
        return list_table(data, section.columns)
    return key_values(masked(data, secrets | section.secret_keys))
