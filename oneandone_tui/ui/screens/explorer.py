"""The main screen: categories on the left, the selected category's table, a filter, and a
poller that keeps what is visible fresh."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from ...catalogue import CATEGORIES, Category, Item, category, is_transitional, state_text
from ..routes import ROUTES
from ..rows import row_for, rows_for, table_columns
from ..views import masked, secret_keys
from ..widgets.nav import CategoryNav
from ..widgets.resource_table import ResourceTable
from ..widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from ..app import OneAndOneApp

#: Poll intervals (seconds): while something changes, when all is stable, and the cap of the
#: error backoff. Idle: one list request per 15 s on the visible category (4 per minute).
FAST, SLOW, MAX_BACKOFF = 2.0, 15.0, 60.0
COUNTS_EVERY = 300.0


class ExplorerScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter"),
        Binding("escape", "back", "Back/clear", show=False),
        Binding("r", "refresh", "Refresh"),
        Binding("y", "json", "JSON"),
        Binding("c", "copy_id", "Copy id"),
        Binding("ctrl+n", "toggle_nav", "Nav", show=False),
    ]

    def __init__(self, start: str = "servers") -> None:
        super().__init__()
        self.cat: Category = category(start)
        self.items: dict[str, Item] = {}
        self._wake = asyncio.Event()
        self._errors_in_row = 0
        self._last_counts = 0.0
        self._busy_before: set[str] = set()
        self._nav_forced: bool | None = None

    @property
    def oapp(self) -> OneAndOneApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static("", id="title")
        with Horizontal():
            yield CategoryNav(CATEGORIES, id="nav")
            with Vertical(id="main"):
                yield Input(placeholder="filter (esc clears, enter keeps)", id="filter")
                yield ResourceTable(table_columns(self.cat.columns), id="table")
        yield StatusBar(self.oapp.connection, id="status")
        yield Footer()

    @property
    def table(self) -> ResourceTable:
        return self.query_one(ResourceTable)

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        self._fit_nav()
        self.query_one(CategoryNav).select_key(self.cat.key)
        self.table.focus()
        self._update_title()
        self.load_category()
        self.poll_loop()
        self.load_counts()

    def on_resize(self) -> None:
        self._fit_nav()

    def _fit_nav(self) -> None:
        """Narrow terminals (< 110 columns) give the table the whole width; ctrl+n toggles."""
        nav = self.query_one(CategoryNav)
        nav.display = self._nav_forced if self._nav_forced is not None \
            else self.app.size.width >= 110

    # -- loading ----------------------------------------------------------------------------------
    def show_category(self, key: str) -> None:
        if key in ROUTES:  # a screen of its own (monitoring center, logs, usages)
            self.oapp.show_category(key)
            return
        if key == self.cat.key:
            self.table.focus()
            return
        self.cat = category(key)
        self.items = {}
        self._busy_before = set()
        table = self.table
        table.set_columns(table_columns(self.cat.columns))
        table.set_rows([])
        table.empty_text = "Loading…"
        self._set_filter_visible(False)
        table.set_filter("")
        self.query_one(CategoryNav).select_key(key)
        self._update_title()
        table.focus()
        self.load_category()

    @work(exclusive=True, group="load", exit_on_error=False)
    async def load_category(self) -> None:
        cat = self.cat
        try:
            items = await self.oapp.feed.items(cat)
        except Exception as exc:
            self._failed(exc)
            return
        if cat is not self.cat:
            return
        self._apply(items, full=True)

    @work(exclusive=True, group="counts", exit_on_error=False)
    async def load_counts(self) -> None:
        self._last_counts = time.monotonic()
        counts = await self.oapp.feed.counts()
        self.query_one(CategoryNav).set_counts(counts)
        self._update_title()

    def _apply(self, items: list[Item], *, full: bool) -> None:
        cat = self.cat
        fresh = {cat.row_id(i): i for i in items}
        table = self.table
        table.empty_text = f"No {cat.title.lower()}"
        if full:
            self.items = fresh
            table.set_rows(rows_for(cat, items))
        else:
            self.items.update(fresh)
            table.update_rows(row_for(cat, i) for i in fresh.values())
        self._errors_in_row = 0
        self.oapp.mark_refreshed()
        self._announce_settled()
        counts = {cat.key: len(self.items)} if full else {}
        if counts:
            self.query_one(CategoryNav).set_counts(counts)
        self._update_title()

    def _announce_settled(self) -> None:
        busy = {i for i, item in self.items.items() if is_transitional(item)}
        for done in self._busy_before - busy:
            item = self.items.get(done)
            if item is not None:
                name = item.get("name") or item.get("ip") or done
                self.notify(f"{name} is {state_text(item)}", title=self.cat.title)
        self._busy_before = busy

    def _failed(self, exc: Exception) -> None:
        self._errors_in_row += 1
        self.table.empty_text = f"Could not load {self.cat.title.lower()}: {exc}"
        self.table.refresh()
        self.notify(str(exc), title=f"{self.cat.title}: request failed", severity="error",
                    timeout=6)

    # -- polling ----------------------------------------------------------------------------------
    def interval(self) -> float:
        if self._errors_in_row:
            return min(MAX_BACKOFF, FAST * 2 ** self._errors_in_row)
        wait = self.oapp.rate_limit_wait()
        if wait:
            return max(wait, FAST)
        return FAST if self._busy_before else SLOW

    @work(exclusive=True, group="poll", exit_on_error=False)
    async def poll_loop(self) -> None:
        while True:
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=self.interval())
            except asyncio.TimeoutError:
                pass
            self._wake.clear()
            if not self.is_current:
                continue
            await self.poll_once()

    async def poll_once(self) -> None:
        cat = self.cat
        feed = self.oapp.feed
        try:
            if self._busy_before and cat.status_fields and self.items:
                # Something is changing: one cheap status round for every row.
                statuses = await feed.statuses(cat) or []
                if cat is not self.cat:
                    return
                if {cat.row_id(s) for s in statuses} != set(self.items):
                    self._apply(await feed.items(cat), full=True)
                else:
                    merged = [{**self.items[cat.row_id(s)], **s} for s in statuses]
                    changed = [m for m in merged if m != self.items[cat.row_id(m)]]
                    self._apply(changed, full=False)
                    if any(not is_transitional(m) for m in changed):
                        # Settled rows may have changed more than their state.
                        self._apply(await feed.items(cat), full=True)
            else:
                items = await feed.items(cat)
                if cat is self.cat:
                    self._apply(items, full=True)
        except Exception as exc:
            self._failed(exc)
        if time.monotonic() - self._last_counts > COUNTS_EVERY:
            self.load_counts()

    def wake(self) -> None:
        self._wake.set()

    # -- title and actions ------------------------------------------------------------------------
    def _update_title(self) -> None:
        table = self.table
        shown, total = table.row_count, table.total_count
        count = f"{shown}/{total}" if table.filter_text else f"{total}"
        marks = f" · {len(table.marked)} marked" if table.marked else ""
        filt = f" · filter '{table.filter_text}'" if table.filter_text else ""
        self.query_one("#title", Static).update(
            f"[b]{self.cat.title}[/b] ({count}){filt}{marks}")

    @on(ResourceTable.Opened)
    def _open(self, event: ResourceTable.Opened) -> None:
        item = self.items.get(event.row_id)
        if item is not None and self.cat.gettable:
            self.oapp.open_detail(self.cat.key, item)

    @on(ResourceTable.MarksChanged)
    def _marks(self) -> None:
        self._update_title()

    @on(CategoryNav.OptionSelected)
    def _nav(self, event: CategoryNav.OptionSelected) -> None:
        if event.option.id:
            self.show_category(event.option.id)

    def action_filter(self) -> None:
        self._set_filter_visible(True)
        self.query_one("#filter", Input).focus()

    def _set_filter_visible(self, visible: bool) -> None:
        field = self.query_one("#filter", Input)
        field.display = visible
        if not visible:
            field.value = ""

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.table.set_filter(event.value)
        self._update_title()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.table.focus()

    def action_back(self) -> None:
        field = self.query_one("#filter", Input)
        if field.display or self.table.filter_text:
            self._set_filter_visible(False)
            self.table.set_filter("")
            self._update_title()
            self.table.focus()
        elif self.table.marked:
            self.table.clear_marks()
        elif not self.table.has_focus:
            self.table.focus()

    def action_refresh(self) -> None:
        self.wake()
        self.load_counts()
        self.notify("Refreshing…", timeout=1.5)

    def selected(self) -> Item | None:
        row_id = self.table.cursor_id
        return self.items.get(row_id) if row_id else None

    def action_json(self) -> None:
        item = self.selected()
        if item is not None:
            from .json_view import JsonScreen

            self.app.push_screen(JsonScreen(f"{self.cat.title}: {_label(item)}",
                                            masked(item, secret_keys(self.cat))))

    def action_copy_id(self) -> None:
        item = self.selected()
        if item is not None:
            ident = str(item.get("id"))
            self.app.copy_to_clipboard(ident)
            self.notify(f"Copied {ident}")

    def action_toggle_nav(self) -> None:
        nav = self.query_one(CategoryNav)
        nav.display = self._nav_forced = not nav.display
        if nav.display:
            nav.focus()


def _label(item: Item) -> str:
    return str(item.get("name") or item.get("ip") or item.get("id"))


def selected_label(item: Any) -> str:
    return _label(item)
