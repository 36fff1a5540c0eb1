"""The tree's pane: the tree and its own filter (``/`` while the tree has the focus), with
the keys that resize it.

How it shares the screen depends on the width (``ExplorerScreen._fit_nav``): from
:data:`WIDE` columns it is a column of :data:`WIDTH`, shown by default; below, the table has the
whole width until ``ctrl+n`` shows the tree beside it, narrower (``-narrow``,
:data:`NARROW_WIDTH`: the table keeps its name and state columns and the right pane still
follows the tree's cursor); below :data:`SIDE_BY_SIDE` there is no room for both and the tree
takes the whole screen (``-overlay``). Where ``ctrl+n`` opened it, ``esc`` closes it."""

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
#: Terminal widths: from WIDE the tree is shown by default; from SIDE_BY_SIDE ``ctrl+n`` shows
#: it beside the table, NARROW_WIDTH wide (at 80 columns the table keeps 51: name, state, DC,
#: IPs); below, it takes the screen.
WIDE, SIDE_BY_SIDE, NARROW_WIDTH = 110, 70, 24
#: Columns resizing leaves to the table.
TABLE_MIN = 30


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
    TreePane.-narrow {{ width: {NARROW_WIDTH}; }}
    TreePane.-overlay {{ position: absolute; layer: overlay; width: 100%;
                         border-right: none; }}
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
            return self._filtering or self.opened_by_key
        return True

    @property
    def opened_by_key(self) -> bool:
        """Shown by ``ctrl+n`` on a narrow terminal (beside the table or over it): ``esc``
        closes it, the way back."""
        return self.has_class("-overlay") or self.has_class("-narrow")

    async def action_leave(self) -> None:
        """esc: clear the filter; else, where ctrl+n opened it (narrow terminals), close the
        tree."""
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
        room = self.screen.size.width - TABLE_MIN if self.is_attached else MAX_WIDTH
        self.styles.width = max(MIN_WIDTH, min(MAX_WIDTH, room, current + delta))

    def action_narrower(self) -> None:
        self._resize(-STEP)

    def action_wider(self) -> None:
        self._resize(STEP)
