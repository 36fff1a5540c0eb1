"""``J``: the action journal, every mutating request of this session: when, which action on
what, the request line (ids, never the token), the outcome and how long it took."""

from __future__ import annotations

import time
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from ..journal import Entry, Journal
from ..safe import safe


class JournalScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,J", "close", "Close")]
    DEFAULT_CSS = """
    JournalScreen { align: center middle; }
    JournalScreen > Vertical {
        width: 100%; height: 90%; border: round $accent; background: $surface;
    }
    JournalScreen DataTable { height: 1fr; }
    JournalScreen #journal-empty { color: $text-muted; padding: 1 2; }
    """

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self.journal = journal
        self._unlisten: Any = None

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Action journal (this session)"
            box.border_subtitle = "esc closes"
            yield Static("No changes made yet.", id="journal-empty")
            yield DataTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # The request (long: ids in the path) last, so that the outcome is never off screen.
        table.add_columns("Time", "Action", "Target", "Outcome", "ms", "Request")
        for entry in self.journal.entries:
            self._add(entry)
        self._unlisten = self.journal.listen(self._add)
        self._empty()
        table.focus()

    def on_unmount(self) -> None:
        if self._unlisten is not None:
            self._unlisten()

    def _add(self, entry: Entry) -> None:
        table = self.query_one(DataTable)
        outcome = entry.outcome if entry.ok else f"✗ {entry.outcome}"
        attempt = f" (try {entry.attempt})" if entry.attempt > 1 else ""
        # Names, paths and the API's messages are account data: Content, never markup.
        table.add_row(time.strftime("%H:%M:%S", time.localtime(entry.when)),
                      safe(entry.action or "—"), safe(entry.target or "—"), safe(outcome),
                      f"{entry.duration * 1000:.0f}", safe(f"{entry.method} {entry.path}{attempt}"))
        table.move_cursor(row=table.row_count - 1)
        self._empty()

    def _empty(self) -> None:
        self.query_one("#journal-empty").display = not self.journal.entries

    def action_close(self) -> None:
        self.dismiss(None)
