"""The keys that change things, for any screen showing a category (the explorer's table, a
detail pane): ``n`` new, ``e`` edit, ``ctrl+d`` delete, ``a`` the actions menu.

In read-only mode :meth:`ActionsKeys.check_action` hides them from the footer and turns them
off; the app's fallback bindings then say why instead of doing nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...catalogue import Item
from ..safe import clean, safe
from . import lazy

if TYPE_CHECKING:
    from .spec import Action

KINDS = ("new", "edit", "delete", "actions")

#: Only ``a`` is in the footer: its menu holds every action (new, edit and delete included),
#: and four entries pushed the app's own keys (help, jump) off a 120-column footer. ``n``, ``e``
#: and ``ctrl+d`` are in the help screen and the palette.
ACTION_BINDINGS: list[BindingType] = [
    Binding("n", "new", "New", show=False),
    Binding("e", "edit", "Edit", show=False),
    Binding("ctrl+d", "delete", "Delete", show=False),
    Binding("a", "actions", "Actions"),
]


class ActionsKeys:
    """Mixed into a screen with ``cat`` and either ``table``/``items`` (the explorer) or
    ``item`` (a detail pane)."""

    cat: Any
    app: Any

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in KINDS:
            if lazy.read_only(self.app):
                return False
            if not lazy.loaded():
                # Before the forms are imported (they are, just after the first frame), answer
                # from the static list of categories that have actions.
                return self.cat.key in lazy.CATEGORIES_WITH_ACTIONS
            acts = lazy.registry().actions_for(self.cat.key)
            return bool(acts) if action == "actions" else any(a.kind == action for a in acts)
        return True

    def action_targets(self) -> list[Item]:
        """The marked rows (in table order), else the row under the cursor, else the item."""
        table = getattr(self, "table", None)
        items = getattr(self, "items", None)
        if table is not None and isinstance(items, dict):
            marked = table.marked
            if marked:
                return [items[i] for i in table.view_ids if i in marked and i in items]
            row = table.cursor_id
            return [items[row]] if row in items else []
        item = getattr(self, "item", None)
        return [item] if item else []

    def _start_kind(self, kind: str) -> None:
        registry = lazy.registry()
        acts = [a for a in registry.actions_for(self.cat.key) if a.kind == kind]
        if acts:
            registry.start(self.app, self, self.cat.key, acts[0], self.action_targets())

    def action_new(self) -> None:
        self._start_kind("new")

    def action_edit(self) -> None:
        self._start_kind("edit")

    def action_delete(self) -> None:
        self._start_kind("delete")

    def action_actions(self) -> None:
        registry = lazy.registry()
        if registry.read_only(self.app):
            registry.refuse(self.app, "actions")
            return
        items = self.action_targets()
        order = {"edit": 0, "action": 1, "delete": 2, "new": 3}
        acts = sorted((a for a in registry.actions_for(self.cat.key)
                       if (a.needs_item or len(items) <= 1) and (len(items) <= 1 or a.bulk)
                       and a.applies(items)), key=lambda a: order.get(a.kind, 1))
        if not acts:
            self.app.notify(f"No actions for {self.cat.title.lower()}.")
            return
        title = self.cat.title
        if items:
            from .context import label_of

            title += f": {label_of(items[0])}" if len(items) == 1 else f": {len(items)} marked"

        def chosen(key: str | None) -> None:
            action = next((a for a in acts if a.key == key), None)
            if action is not None:
                registry.start(self.app, self, self.cat.key, action, items)

        self.app.push_screen(ActionsMenu(title, acts), chosen)


_KEY_OF = {"new": "n", "edit": "e", "delete": "ctrl+d"}


def _entry(action: Action) -> Text:
    text = Text(clean(action.title))
    key = _KEY_OF.get(action.kind)
    if key:
        text.append(f"  {key}", style="dim")
    return text


class ActionsMenu(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,a", "cancel", "Close")]
    DEFAULT_CSS = """
    ActionsMenu { align: center middle; }
    ActionsMenu > Vertical {
        width: 56; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface;
    }
    ActionsMenu OptionList, ActionsMenu OptionList:focus {
        height: auto; max-height: 30; border: none;
    }
    ActionsMenu Static { color: $text-muted; padding: 0 1; }
    """

    def __init__(self, title: str, actions: list[Action]) -> None:
        super().__init__()
        self.title_text = title
        self.actions = actions

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = safe(self.title_text)
            yield OptionList(*(Option(_entry(a), id=a.key) for a in self.actions))
            yield Static("enter runs · esc closes")

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
