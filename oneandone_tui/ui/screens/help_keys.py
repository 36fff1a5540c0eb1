"""What ``?`` lists: every key of the app, read from the bindings themselves so that help cannot
drift from them (a binding added anywhere below shows up in help with its own description; the
texts here only say more than a footer label can).

Each :class:`Section` names where its keys work and the classes whose ``BINDINGS`` it shows;
``rows`` adds what is not a binding (``tab`` moving the focus, typing in the action menu).
Imported when help opens, never at start-up (it imports every screen).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from textual.binding import Binding, BindingType
from textual.keys import format_key

#: Named keys as the README writes them (Textual's own display has ⏎ and ⌫).
_NAMES = {"enter": "enter", "backspace": "backspace", "escape": "esc", "space": "space",
          "pageup": "pageup", "pagedown": "pagedown"}


def key_text(key: str) -> str:
    """``question_mark`` -> ``?``, ``up`` -> ``↑``, ``ctrl+n`` stays."""
    return _NAMES.get(key) or format_key(key)


@dataclass(frozen=True)
class Row:
    #: Textual key names (``up``, ``k``): empty for a row that is no key ("type to filter").
    keys: tuple[str, ...]
    what: str

    @property
    def shown_keys(self) -> str:
        return " / ".join(key_text(k) for k in self.keys)


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[Row, ...]
    #: Which screens it is about (``here`` puts it first when help opens over one of them).
    screens: tuple[str, ...] = ()

    def key_names(self) -> set[str]:
        return {k for row in self.rows for k in row.keys}


@dataclass
class _Spec:
    title: str
    bindings: Callable[[], Iterable[BindingType]]
    #: action -> a longer text than the binding's description.
    texts: dict[str, str] = field(default_factory=dict)
    before: tuple[Row, ...] = ()
    after: tuple[Row, ...] = ()
    screens: tuple[str, ...] = ()
    #: Bindings left to another section (their action names).
    skip: frozenset[str] = frozenset()


def rows_of(bindings: Iterable[BindingType], texts: dict[str, str],
            skip: frozenset[str] = frozenset()) -> list[Row]:
    """One row per action, its keys in the order bound (``up,k`` and ``q`` + ``ctrl+q``
    make one row each). Bindings without a description are fallbacks (the app's refusals
    of a key the screen turned off): their keys are the screen's own, listed there."""
    order: list[str] = []
    keys: dict[str, list[str]] = {}
    what: dict[str, str] = {}
    for binding in Binding.make_bindings(bindings):
        if binding.action in skip or not (binding.description or binding.action in texts):
            continue
        if binding.action not in keys:
            order.append(binding.action)
            keys[binding.action] = []
            what[binding.action] = texts.get(binding.action, binding.description)
        if binding.key not in keys[binding.action]:
            keys[binding.action].append(binding.key)
    return [Row(tuple(keys[a]), what[a]) for a in order]


def _app() -> list[BindingType]:
    from textual.app import App

    from ..app import OneAndOneApp

    return [*OneAndOneApp.BINDINGS,
            Binding(App.COMMAND_PALETTE_BINDING, "command_palette", "Command palette")]


def ours(cls: type) -> list[BindingType]:
    """The ``BINDINGS`` of ``cls`` and of the project's classes it inherits from, bases first
    (the table's and the tree's moving keys live in their shared ``LineCursorView``);
    Textual's own widgets' bindings are not ours to list."""
    return [binding for klass in reversed(cls.__mro__)
            if klass.__module__.startswith("oneandone_tui.")
            for binding in klass.__dict__.get("BINDINGS", [])]


def _explorer() -> list[BindingType]:
    from ..widgets.resource_table import ResourceTable
    from .explorer import ExplorerScreen

    return [*ours(ResourceTable), *ExplorerScreen.BINDINGS]


def _tree() -> list[BindingType]:
    from ..widgets.tree import AccountTree
    from ..widgets.tree_pane import TreePane
    from .explorer import ExplorerScreen

    toggle = [b for b in Binding.make_bindings(ExplorerScreen.BINDINGS)
              if b.action == "toggle_nav"]
    return [*toggle, *ours(AccountTree), *TreePane.BINDINGS]


def _actions() -> list[BindingType]:
    from ..forms.keys import ACTION_BINDINGS, ActionsMenu

    return [*ACTION_BINDINGS, *ActionsMenu.BINDINGS]


def _detail() -> list[BindingType]:
    from .detail import DetailScreen

    return list(DetailScreen.BINDINGS)


def _forms() -> list[BindingType]:
    from ..forms.discard import DiscardScreen
    from ..forms.form import FormScreen

    return [*FormScreen.BINDINGS, *DiscardScreen.BINDINGS]


def _of(module: str, name: str) -> Callable[[], list[BindingType]]:
    def bindings() -> list[BindingType]:
        import importlib

        return list(getattr(importlib.import_module(f"{__package__}.{module}"), name).BINDINGS)

    return bindings


#: The actions of ``ACTION_BINDINGS`` (a server's direct keys and the changes).
_DIRECT = frozenset(f"direct('{a}')" for a in ("power_on", "power_off", "reboot", "snapshot",
                                                "add_ip", "ssh"))
_CHANGES = frozenset({"new", "edit", "delete", "actions"})
#: The period screens' ``6`` (the others say their preset: "Last hour").
_PERIOD = {"period('CUSTOM')": "A custom window (from / to, checked before anything is sent)",
           "focus_period": "Focus the period"}
_TAB = Row(("tab", "shift+tab"), "Next / previous pane (the tree, the table, the filter)")

SPECS: tuple[_Spec, ...] = (
    _Spec("Everywhere", _app, {
        "quit": "Quit",
        "help": "This help: every key (in the footer at any width, with q)",
        "jump": "Jump to a category or screen by name (tab completes)",
        "dashboard": "Dashboard: the account overview (also :dashboard)",
        "journal": "Action journal: every change made this session",
        "token": "Give a new token (when the API refused this one)",
        "command_palette": "Command palette: categories and the selection's actions",
    }, after=(_TAB,)),
    _Spec("Tables (the explorer)", _explorer, {
        "cursor_down": "Next row", "cursor_up": "Previous row",
        "first": "First row", "last": "Last row",
        "page_up": "A page up", "page_down": "A page down",
        "open": "Open the resource (or follow a link)",
        "toggle_mark": "Mark rows for bulk actions (power, delete)",
        "cycle_sort": "Sort by the next column", "reverse_sort": "Reverse the sort",
        "filter": "Filter as you type (enter keeps it, esc clears it)",
        "back": "Clear the filter or the marks, else back",
        "refresh": "Refresh now", "json": "Raw JSON of the selection",
        "copy_id": "Copy the selected id",
    }, screens=("ExplorerScreen",), skip=_DIRECT | _CHANGES | {"toggle_nav"}),
    _Spec("The tree (left of the table)", _tree, {
        "toggle_nav": "Show or hide the tree (under 110 columns it opens beside the table, "
                      "narrower; under 70 it takes the screen)",
        "cursor_down": "Next node", "cursor_up": "Previous node",
        "first": "First node", "last": "Last node",
        "page_up": "A page up", "page_down": "A page down",
        "expand": "Unfold (a category's resources load once)",
        "collapse": "Fold, or go to the parent",
        "toggle_node": "Fold or unfold",
        "open": "Open: a category's table, a resource's detail, a part's tab, a link",
        "filter": "Filter the tree (esc clears)",
        "narrower": "Narrower tree", "wider": "Wider tree",
        "leave": "Clear the tree's filter; else, where ctrl+n opened it, hide the tree",
    }, after=(Row(("tab",), "Between the tree and the table"),), screens=("ExplorerScreen",)),
    _Spec("A resource's detail", _detail, {
        "back": "Back to the list",
        "previous_tab": "Previous tab", "next_tab": "Next tab",
        "refresh": "Refresh now", "json": "Raw JSON of the resource",
        "copy_id": "Copy its id",
        "reveal": "Reveal secrets (a user's API key, a first password); again hides",
        "copy_key": "Copy a user's API key without showing it",
        "logs": "Its log entries",
    }, screens=("DetailScreen",), skip=_DIRECT | _CHANGES),
    _Spec("Changes (not in read-only mode)", _actions, {
        "new": "New", "edit": "Edit the selection", "delete": "Delete the selection",
        "actions": "Every action of the selection: what does not apply now is shown "
                   "disabled with the reason",
        "cancel": "In the menu: clear the filter, then close",
        "unfilter": "In the menu: take back the last letter typed",
    }, after=(Row((), "In the menu, type to filter (\"snap\"); an entry's letter puts it "
                      "first; enter runs it"),),
        screens=("ExplorerScreen", "DetailScreen"), skip=_DIRECT),
    _Spec("Servers (list and detail)", _actions, {
        "direct('power_on')": "Power on (a confirmation that opens on Power on)",
        "direct('power_off')": "Power off (opens on Cancel: enter cancels)",
        "direct('reboot')": "Reboot (opens on Cancel: enter cancels)",
        "direct('snapshot')": "Create a snapshot",
        "direct('add_ip')": "Add a public IP",
        "direct('ssh')": "SSH to its public IP (the TUI comes back when the session ends)",
    }, after=(Row((), "Each only when it applies now (else a toast says why; "
                      "nothing is sent)"),),
        screens=("servers",), skip=_CHANGES | {"cancel", "unfilter"}),
    _Spec("Forms and confirmations", _forms, {
        "escape": "Close; asks first when something was changed",
        "keep": "In the 'discard the changes?' question: keep editing",
    }, before=(Row(("enter",), "What the footer says (the action, or Cancel where it "
                               "is focused)"),
               Row(("tab", "shift+tab"), "Next / previous field or button")),
        screens=("FormScreen",)),
    _Spec("Dashboard", _of("dashboard", "DashboardScreen"), {
        "explorer": "The tables", "open('monitoring_center')": "Monitoring center",
        "open('logs')": "Logs", "open('usages')": "Usages", "open('pricing')": "Pricing",
    }, screens=("DashboardScreen",)),
    _Spec("Monitoring center", _of("monitoring_center", "MonitoringCenterScreen"), {
        "logs": "Logs of the selected server",
    }, before=(Row(("enter",), "The server's charts"),), screens=("MonitoringCenterScreen",)),
    _Spec("A server's charts", _of("monitoring", "ServerChartsScreen"), _PERIOD,
          screens=("ServerChartsScreen",)),
    _Spec("Logs", _of("logs", "LogsScreen"), {
        "follow": "Follow new entries as they come", "order": "Date order (newest / oldest)",
        "clear_filters": "Clear the filters", **_PERIOD,
    }, screens=("LogsScreen",)),
    _Spec("Usages", _of("usages", "UsagesScreen"), _PERIOD,
          screens=("UsagesScreen",)),
    _Spec("Journal and JSON views", lambda: [*_of("journal", "JournalScreen")(),
                                             *_of("json_view", "JsonScreen")()],
          {"close": "Close the journal", "dismiss": "Close the JSON view",
           "copy": "Copy the JSON"},
          screens=("JournalScreen", "JsonScreen")),
)


def sections() -> list[Section]:
    """Every section, in the order of :data:`SPECS`."""
    out = []
    for spec in SPECS:
        rows = [*spec.before, *rows_of(spec.bindings(), spec.texts, spec.skip), *spec.after]
        out.append(Section(spec.title, tuple(rows), spec.screens))
    return out


def arranged(screen: Any) -> tuple[list[Section], list[Section]]:
    """The sections about ``screen`` (a category's list or detail, the dashboard...), after
    "Everywhere"; and the others. A server's keys are "here" only on servers (``t``, SSH, works
    read-only too); the changes not in read-only mode."""
    from ..forms.lazy import read_only

    name = type(screen).__name__
    cat = getattr(getattr(screen, "cat", None), "key", None)
    writable = not read_only(getattr(screen, "app", None))
    here: list[Section] = []
    elsewhere: list[Section] = []
    for section in sections():
        about = name in section.screens or (cat is not None and cat in section.screens)
        if section.title.startswith("Changes") and not writable:
            about = False
        (here if section.title == "Everywhere" or about else elsewhere).append(section)
    return here, elsewhere
