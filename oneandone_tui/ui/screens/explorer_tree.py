"""The explorer's side of the navigation tree: the tree and the table follow each other,
a node under the cursor shows on the right (a category its table, a resource its detail, a
part its section), ``enter`` opens it. Mixed into :class:`ExplorerScreen`, which feeds the
tree's source on every refresh of its table (``tree_refreshed``)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events
from textual.timer import Timer

from ...catalogue import category
from ..routes import ROUTES
from ..tree_source import TreeSource
from ..widgets.resource_table import ResourceTable
from ..widgets.tree import AccountTree
from ..widgets.tree_pane import TreePane
from ..widgets.tree_preview import TreePreview
from ..widgets.tree_rows import Node

if TYPE_CHECKING:
    from ..app import OneAndOneApp

#: Seconds the tree's cursor must rest on a node before the right pane follows it: moving
#: down through the categories does not load each of them on the way.
FOLLOW_AFTER = 0.12


class TreeWiring:
    """Handlers by name (``on_account_tree_opened``...): ``@on`` is collected only from
    classes of Textual's message pumps, which a mixin is not."""

    if TYPE_CHECKING:
        @property
        def oapp(self) -> OneAndOneApp: ...

        @property
        def table(self) -> ResourceTable: ...

    cat: Any
    items: dict[str, Any]
    _partial: bool
    _order: list[str]
    _pos: dict[str, int]
    query_one: Any
    set_timer: Any
    focused: Any
    show_category: Any

    def make_tree_source(self) -> TreeSource:
        """The tree's source (built in ``compose``, when the app's feed exists)."""
        self.tree_source = TreeSource(self.oapp.feed, state=self.oapp.state,
                                      loader=self.oapp.poller.load)
        self._reveal_row: str | None = None
        self._follow_timer: Timer | None = None
        for key in list(self.oapp.state.lists):  # what the state holds already (the dashboard's)
            self.tree_source.from_state(key)
        self.tree_source.subscribe(self._tree_data_changed)
        return self.tree_source

    def _tree_data_changed(self, key: str) -> None:
        """The right pane shows a node of a category that changed: show it again (a part
        fetched after it was first shown, a state that moved on)."""
        preview = self.query_one(TreePreview)
        node = preview.node
        if preview.display and node is not None and (node[1] == key or node[0] == "group"):
            self.call_later(self._reshow_preview, node)  # type: ignore[attr-defined]

    def _reshow_preview(self, node: Node) -> None:
        preview = self.query_one(TreePreview)
        if preview.display and preview.node == node:
            preview.show(self.tree_source, node, self.account_tree.parts)

    @property
    def account_tree(self) -> AccountTree:
        return self.query_one(AccountTree)

    def tree_refreshed(self) -> None:
        """The table's list was refreshed: the tree shows the same resources (not while only
        the first page of a long list is held: its count would be the page's)."""
        if not self._partial:
            self.tree_source.put_items(self.cat.key, self.items, order=self._order,
                                       pos=self._pos)
        if self._reveal_row is not None and self.table.move_to(self._reveal_row):
            self._reveal_row = None

    # -- the right pane ---------------------------------------------------------------------------
    def hide_preview(self) -> None:
        preview = self.query_one(TreePreview)
        if preview.display:
            preview.display = False
            self.table.display = True

    def show_preview(self, node: Node) -> None:
        preview = self.query_one(TreePreview)
        preview.show(self.tree_source, node, self.account_tree.parts)
        preview.display = True
        self.table.display = False

    def follow_tree(self, node: Node) -> None:
        """Show the node under the tree's cursor on the right."""
        kind = node[0]
        if kind == "note":
            return
        if kind == "group":
            self.show_preview(node)
            return
        key = node[1]
        if key not in ROUTES and key != self.cat.key:
            self.tree_source.expect(key)
            self.show_category(key, focus=False)
        if kind == "cat":
            if key in ROUTES:  # its own screen on enter: say so rather than a stale table
                self.show_preview(node)
            else:
                self.hide_preview()
            return
        rid = node[2]
        if key == self.cat.key and not self.table.move_to(rid):
            self._reveal_row = rid  # when the table has the category's rows
        self.show_preview(node)

    def on_account_tree_highlighted(self, event: AccountTree.Highlighted) -> None:
        if self._follow_timer is not None:
            self._follow_timer.stop()
        self._follow_timer = self.set_timer(FOLLOW_AFTER, partial(self.follow_tree,
                                                                  event.node))

    async def on_account_tree_opened(self, event: AccountTree.Opened) -> None:
        node, tree = event.node, self.account_tree
        kind = node[0]
        if kind == "group":
            tree.action_toggle_node()
            return
        if kind == "note":
            return
        key = node[1]
        if kind == "cat":
            self._close_overlay()
            if key in ROUTES:
                self.oapp.show_category(key)
            else:
                self.show_category(key)
                self.hide_preview()
                self.table.focus()
            return
        item = self.tree_source.item(key, node[2])
        if item is None:
            return
        if kind == "entry":
            entry = tree.entry(node)
            if entry is not None and entry.link is not None:
                self.oapp.open_link(entry.link)
                return
            if entry is not None and entry.children:
                tree.action_toggle_node()
                return
        if kind in ("part", "entry"):
            part = tree.part(node)
            if part is not None and part.index is None:
                tree.action_toggle_node()
                return
            if category(key).gettable and part is not None:
                await self._open_detail(key, item, part.index)
            return
        if category(key).gettable:
            await self._open_detail(key, item, None)
        else:
            tree.action_toggle_node()

    async def _open_detail(self, key: str, item: Any, tab: int | None) -> None:
        from textual.widgets import TabbedContent

        from .detail import DetailScreen

        screen = DetailScreen(key, item)
        await self.oapp.push_screen(screen)
        if tab is not None:
            screen.query_one(TabbedContent).active = f"section-{tab}"

    def _close_overlay(self) -> None:
        pane = self.query_one(TreePane)
        if pane.has_class("-overlay") and pane.display:
            self.action_toggle_nav()  # type: ignore[attr-defined]

    # -- the tree follows the table ---------------------------------------------------------------
    def on_resource_table_highlighted(self, event: ResourceTable.Highlighted) -> None:
        pane = self.query_one(TreePane)
        if event.row_id is None or not pane.display or not self.table.has_focus:
            return
        if self.tree_source.held(self.cat.key):
            self.account_tree.reveal(("res", self.cat.key, event.row_id))

    def reveal_table_row(self) -> None:
        """Put the tree's cursor on the table's row (its category opened), when the tree is
        shown and holds the category's resources."""
        row = self.table.cursor_id
        if row is not None and self.query_one(TreePane).display \
                and self.tree_source.held(self.cat.key):
            self.account_tree.reveal(("res", self.cat.key, row))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        widget = event.widget
        if widget is self.table and self.focused is self.table:
            self.hide_preview()
            self.reveal_table_row()
        elif isinstance(widget, AccountTree) and (
                widget.node[0] in ("res", "part", "entry", "group")
                or (widget.node[0] == "cat" and widget.node[1] in ROUTES)):
            self.show_preview(widget.node)
