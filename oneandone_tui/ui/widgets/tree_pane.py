"""The tree's pane: the tree and its own filter (``/`` while the tree has the focus), with
the keys that resize it. Below 110 columns it lies over the table (``-overlay``) instead of
taking a column from it."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input

from ..tree_source import TreeSource
from .tree import AccountTree

#: Width of the pane (columns) and the bounds of resizing it.
WIDTH, MIN_WIDTH, MAX_WIDTH, STEP = 34, 20, 80, 4


class TreePane(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter tree"),
        Binding("less_than_sign", "narrower", "Narrower", show=False),
        Binding("greater_than_sign", "wider", "Wider", show=False),
        Binding("escape", "leave", "Clear filter/close", show=False),
    ]
    DEFAULT_CSS = f"""
    TreePane {{ width: {WIDTH}; height: 1fr; border-right: tall $panel; }}
    TreePane:focus-within {{ border-right: tall $accent; }}
    TreePane.-overlay {{ position: absolute; layer: overlay; width: 100%; max-width: 60;
                         border-right: tall $accent; }}
    TreePane > Input {{ height: 3; border: tall $accent; }}
    TreePane > AccountTree {{ height: 1fr; }}
    """

    def __init__(self, source: TreeSource, **kw: Any) -> None:
        super().__init__(**kw)
        self.source = source
        self.account_tree = AccountTree(source, id="tree")

    def compose(self) -> ComposeResult:
        yield self.account_tree

    @property
    def filter_field(self) -> Input | None:
        """The tree's filter field; None until ``/`` first opened it."""
        return next(self.query("#tree-filter").results(Input), None)

    @property
    def _filtering(self) -> bool:
        field = self.filter_field
        return bool(self.account_tree.filter_text or (field is not None and field.display))

    async def action_filter(self) -> None:
        field = self.filter_field
        if field is None:
            # Mounted on first use: the first frame does not wait for a field nobody opened
            # yet (benchmarks/, target 1).
            field = Input(placeholder="filter the tree", id="tree-filter")
            await self.mount(field, before=self.account_tree)
        field.display = True
        field.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave":  # otherwise esc is the screen's
            return self._filtering or self.has_class("-overlay")
        return True

    async def action_leave(self) -> None:
        """esc: clear the filter; else, over the table (narrow terminals), close the tree."""
        if self._filtering:
            self.clear_filter()
        else:
            await self.screen.run_action("toggle_nav")

    def clear_filter(self) -> None:
        field = self.filter_field
        if field is not None:
            field.value = ""
            field.display = False
        self.account_tree.set_filter("")
        self.account_tree.focus()

    @on(Input.Changed, "#tree-filter")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.account_tree.set_filter(event.value)

    @on(Input.Submitted, "#tree-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value:
            event.input.display = False
        self.account_tree.focus()

    def _resize(self, delta: int) -> None:
        width = self.styles.width
        current = int(width.value) if width is not None and width.unit.name == "CELLS" \
            else self.size.width
        self.styles.width = max(MIN_WIDTH, min(MAX_WIDTH, current + delta))

    def action_narrower(self) -> None:
        self._resize(-STEP)

    def action_wider(self) -> None:
        self._resize(STEP)
