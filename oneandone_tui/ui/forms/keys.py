"""The keys that change things, for any screen showing a category (the explorer's table, a
detail pane): ``n`` new, ``e`` edit, ``ctrl+d`` delete, ``a`` the actions menu, and a server's
direct keys (``rules.DIRECT_KEYS``: o/x/b/p/i/t).

In read-only mode :meth:`ActionsKeys.check_action` hides them from the footer and turns them
off; a direct key that does not apply to the selection now is dimmed. The app's fallback
bindings then say why instead of doing nothing.

The menu (:class:`ActionsMenu`) lists every action with its letter, those that do not apply
now disabled with the reason (``rules.py``), and filters as one types.
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar, NamedTuple

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...api.errors import NotFound
from ...catalogue import Item
from ..failures import FETCH_ERRORS
from ..safe import clean, safe
from . import lazy
from .rules import DIRECT_KEYS, key_of

KINDS = ("new", "edit", "delete", "actions")
#: Short: six of them fit the 120-column footer with the rest.
_FOOTER_LABELS = {"power_on": "On", "power_off": "Off", "reboot": "Reboot", "snapshot": "Snap",
                  "add_ip": "+IP", "ssh": "SSH"}

#: Only ``a`` is in the footer: its menu holds every action (new, edit and delete included),
#: and four entries pushed the app's own keys (help, jump) off a 120-column footer. ``n``, ``e``
#: and ``ctrl+d`` are in the help screen and the palette.
ACTION_BINDINGS: list[BindingType] = [
    Binding("n", "new", "New", show=False),
    Binding("e", "edit", "Edit", show=False),
    Binding("ctrl+d", "delete", "Delete", show=False),
    Binding("a", "actions", "Actions"),
    # The everyday operations of a server, directly (rules.DIRECT_KEYS; hidden elsewhere).
    *(Binding(key, f"direct('{action}')", _FOOTER_LABELS[action])
      for action, key in DIRECT_KEYS["servers"].items()),
]


class ActionsKeys:
    """Mixed into a screen with ``cat`` and either ``table``/``items`` (the explorer) or
    ``item`` (a detail pane)."""

    cat: Any
    app: Any

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "direct":
            keys = DIRECT_KEYS.get(self.cat.key, {})
            if not parameters or parameters[0] not in keys:
                return False
            if parameters[0] != "ssh" and lazy.read_only(self.app):
                return False
            return None if self._direct_reason(str(parameters[0])) else True
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

    def _direct_reason(self, action_key: str) -> str | None:
        """Why a direct key does not apply to the selection now (its footer entry is dimmed;
        pressing it says why)."""
        if not lazy.loaded():
            return None
        action = lazy.registry().find(self.cat.key, action_key)
        if action is None:
            return None
        try:
            targets = self.action_targets()
        except NoMatches:  # before the screen's widgets exist
            return None
        return action.why_not(self.cat.key, targets)

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

    async def fresh_targets(self) -> list[Item]:
        """The targets, a single one read again in full (a list row lacks its snapshot and
        DVD, and may be a poll round old): what the menu's rules judge. On failure (or when
        slow) the row as it is: a rule never refuses on what it cannot see. When the API
        answers 404 the resource is gone (deleted, here or elsewhere): a toast says so and
        there is no target (nothing is offered, nothing sent)."""
        items = self.action_targets()
        if len(items) != 1 or not self.cat.gettable or "id" not in items[0]:
            return items
        try:
            full = await asyncio.wait_for(self.app.feed.item(self.cat, str(items[0]["id"])),
                                          FRESH_WAIT)
        except NotFound:
            from .context import label_of

            self.app.notify(f"{label_of(items[0])} no longer exists (the API answers 404: "
                            "deleted). Nothing was sent.", severity="warning")
            return []
        except FRESH_ERRORS:  # the row as it is (see above)
            return items
        return [full] if isinstance(full, dict) else items

    def action_direct(self, action_key: str) -> None:
        """A direct key (``o`` power on, ``p`` snapshot...): the action on the selection, if
        its rules allow it now (else a toast says why and nothing is sent)."""
        registry = lazy.registry()
        action = registry.find(self.cat.key, action_key)
        if action is None:
            return
        if registry.read_only(self.app) and action.changes:
            registry.refuse(self.app, action.title)
            return
        if not self.action_targets():
            self.app.notify(f"Select one of the {self.cat.title.lower()} first.",
                            severity="warning")
            return

        async def go() -> None:
            items = await self.fresh_targets()
            if items:  # none: it is gone, and the toast said so
                registry.start(self.app, self, self.cat.key, action, items)

        self.app.run_worker(go(), group="direct-key", exit_on_error=False)

    def action_actions(self) -> None:
        registry = lazy.registry()
        if registry.read_only(self.app):
            registry.refuse(self.app, "actions")
            return
        self.app.run_worker(self._open_menu(), group="direct-key", exit_on_error=False)

    async def _open_menu(self) -> None:
        registry = lazy.registry()
        items = await self.fresh_targets()
        if not items and self.action_targets():
            return  # the selection is gone (404), the toast said so
        acts = sorted((a for a in registry.actions_for(self.cat.key)
                       if (a.needs_item or len(items) <= 1) and (len(items) <= 1 or a.bulk)
                       and a.applies(items)), key=lambda a: ORDER.get(a.kind, 1))
        if not acts:
            self.app.notify(f"No actions for {self.cat.title.lower()}.")
            return
        title = self.cat.title
        if items:
            from .context import label_of

            title += f": {label_of(items[0])}" if len(items) == 1 else f": {len(items)} marked"
        entries = with_letters([Entry(a.key, a.title, key_of(self.cat.key, a.key, a.kind),
                                      a.why_not(self.cat.key, items)) for a in acts])

        def chosen(key: str | None) -> None:
            action = next((a for a in acts if a.key == key), None)
            if action is not None:
                registry.start(self.app, self, self.cat.key, action, items)

        self.app.push_screen(ActionsMenu(title, entries), chosen)


ORDER = {"edit": 0, "action": 1, "delete": 2, "new": 3}
#: Seconds the menu waits for the selected resource's full record before judging by its row.
FRESH_WAIT = 2.0
#: What reading a target again can raise: a fetch's errors, or no answer in FRESH_WAIT.
FRESH_ERRORS: tuple[type[Exception], ...] = (*FETCH_ERRORS, asyncio.TimeoutError)




class Entry(NamedTuple):
    """One line of the action menu: its action, its direct key (if any), and why it does not
    apply now (None: it does)."""

    key: str
    title: str
    letter: str | None = None
    reason: str | None = None

    def matches(self, query: str) -> bool:
        """Every word of ``query`` is in the title ("snap" finds the snapshot entries), or the
        query is the entry's key."""
        q = query.strip().lower()
        if not q:
            return True
        if self.letter and q == self.letter.lower():
            return True
        title = self.title.lower()
        return all(word in title for word in q.split())


SPARE_LETTERS = "abcdefghijklmnopqrstuvwxyz123456789"


def with_letters(entries: list[Entry]) -> list[Entry]:
    """Every entry gets a letter: its direct key if it has one, else the first letter of its
    title no other entry took (then any free letter, then a digit). Typing it, then enter,
    runs the entry."""
    used = {e.letter for e in entries if e.letter}
    out = []
    for e in entries:
        if not e.letter:
            pool = [ch for ch in e.title.lower() if ch.isalpha()] + list(SPARE_LETTERS)
            letter = next((ch for ch in pool if ch not in used), None)
            if letter:
                used.add(letter)
                e = e._replace(letter=letter)
        out.append(e)
    return out


def _entry(e: Entry) -> Text:
    text = Text()
    text.append(f"{e.letter or '':>6}  ", style="bold" if e.reason is None else "dim")
    text.append(clean(e.title), style="" if e.reason is None else "dim")
    if e.reason:
        text.append(f" — {clean(e.reason)}", style="dim italic")
    return text


class ActionsMenu(ModalScreen[str | None]):
    """The actions of the selection: those that apply first, each with its direct key; those
    that do not apply now are listed disabled with the reason. Typing filters (``snap``);
    ``backspace`` undoes a letter; a query that is exactly an entry's key puts it first."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Close"),
                                             Binding("backspace", "unfilter", show=False)]
    DEFAULT_CSS = """
    ActionsMenu { align: center middle; }
    ActionsMenu > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface;
    }
    ActionsMenu OptionList, ActionsMenu OptionList:focus {
        height: auto; max-height: 30; border: none;
    }
    ActionsMenu #menu-filter { color: $accent; padding: 0 1; height: 1; }
    ActionsMenu #menu-help { color: $text-muted; padding: 0 1; }
    """

    def __init__(self, title: str, entries: list[Entry]) -> None:
        super().__init__()
        self.title_text = title
        self.entries = entries
        self.query_text = ""

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = safe(self.title_text)
            yield Static("", id="menu-filter")
            yield OptionList()
            yield Static("type to filter · a letter then enter runs its entry · esc clears, "
                         "then closes", id="menu-help")

    def on_mount(self) -> None:
        self._show_entries()

    def shown(self) -> list[Entry]:
        """The entries the filter keeps, in the order shown: those that apply first."""
        kept = [e for e in self.entries if e.matches(self.query_text)]
        q = self.query_text.strip().lower()
        return sorted(kept, key=lambda e: (e.reason is not None,
                                           not (e.letter and q == e.letter.lower())))

    def _show_entries(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        shown = self.shown()
        options.add_options(Option(_entry(e), id=e.key, disabled=e.reason is not None)
                            for e in shown)
        first = next((i for i, e in enumerate(shown) if e.reason is None), None)
        options.highlighted = first
        line = self.query_one("#menu-filter", Static)
        if self.query_text:
            line.update(Text(f"filter: {clean(self.query_text)}" + ("" if shown else
                                                              " · nothing matches")))
        else:
            line.update(Text("type to filter", style="dim"))

    def on_key(self, event: events.Key) -> None:
        typed = bool(event.character and event.is_printable)
        if typed and (event.key != "space" or self.query_text):
            event.stop()
            event.prevent_default()
            self.query_text += event.character or " "
            self._show_entries()

    def action_unfilter(self) -> None:
        if self.query_text:
            self.query_text = self.query_text[:-1]
            self._show_entries()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """``esc``: clears the filter first (as on the list), then closes."""
        if self.query_text:
            self.query_text = ""
            self._show_entries()
            return
        self.dismiss(None)
