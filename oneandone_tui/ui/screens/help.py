"""``?``: every key binding of the app and of the screen underneath, grouped."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

GLOBAL_KEYS = [
    (":", "Jump to a category by name (tab completes)"),
    ("D", "Dashboard: the account overview (also :dashboard)"),
    ("ctrl+p", "Command palette: categories and actions"),
    ("/", "Filter the table as you type (esc clears)"),
    ("esc", "Back, close, or clear the filter"),
    ("enter", "Open the selected resource / follow a link"),
    ("tab / shift+tab", "Move between the category list, table and panes"),
    ("r", "Refresh now"),
    ("y", "Raw JSON of the selection"),
    ("c", "Copy the selected id"),
    ("s / S", "Sort by the next column / reverse the sort"),
    ("space", "Mark rows for bulk actions"),
    ("n / e / ctrl+d / a", "New, edit, delete, actions (when not read-only)"),
    ("j / k, g / G", "Down / up, first / last row (also arrows, home / end)"),
    ("ctrl+n", "Show or hide the category list"),
    ("J", "Action journal: every change made this session"),
    ("L", "Logs of the selected resource"),
    ("?", "This help"),
    ("q / ctrl+q", "Quit"),
]


#: The direct keys of a server (list and detail): each opens the same form or confirmation as
#: its entry in the ``a`` menu, and only when it applies now (else a toast says why).
SERVER_KEYS = [
    ("o", "Power on (a confirmation that opens on Power on)"),
    ("x", "Power off (opens on Cancel: enter cancels)"),
    ("b", "Reboot (opens on Cancel: enter cancels)"),
    ("p", "Create a snapshot"),
    ("i", "Add a public IP"),
    ("t", "SSH to its public IP (the TUI comes back when the session ends)"),
]
MENU_KEYS = [
    ("a, then type", "The menu filters as you type (\"snap\"); a key puts its entry first"),
    ("esc on a form", "Closes; asks first when something was changed"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 84; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, screen_bindings: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.screen_bindings = screen_bindings or []

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        table.add_row("[u]Everywhere[/u]", "")
        for key, what in GLOBAL_KEYS:
            table.add_row(key, what)
        table.add_row("", "")
        table.add_row("[u]Servers (list and detail)[/u]", "")
        for key, what in SERVER_KEYS + MENU_KEYS:
            table.add_row(key, what)
        if self.screen_bindings:
            table.add_row("", "")
            table.add_row("[u]This screen[/u]", "")
            for key, what in self.screen_bindings:
                table.add_row(key, what)
        with VerticalScroll():
            yield Static(table)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
