"""The account's action log: a period (every preset, or a validated CUSTOM window), filters by
action, type, resource and user, newest or oldest first, a follow mode that shows new entries
as actions happen, and ``enter`` for an entry's detail. Opened from a resource's detail pane
(``L``), it shows only that resource's entries."""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Label, Select, Static

from ...catalogue import category, get
from ..failures import FETCH_ERRORS
from ..safe import markup, safe
from ..stale import Freshness
from ..typed_app import TypedApp
from ..visible import Rounds
from ..widgets.key_bar import KeyBar
from ..widgets.period_picker import PRESET_BINDINGS, PeriodKeys, PeriodPicker, describe
from ..widgets.resource_table import Column, ResourceTable, Row
from ..widgets.status_bar import StatusBar

#: Seconds between follow-mode polls.
FOLLOW_EVERY = 2.0
COLUMNS = (
    Column("start_date", "Start (UTC)", 19), Column("action", "Action", 16, 2),
    Column("type", "Type", 10, 1), Column("resource", "Resource", 14, 3),
    Column("user", "User", 10, 1), Column("status", "Status", 11),
    Column("duration", "Secs", 5, align="right"),
)
#: Filter selects: (id, prompt, the entry's value, the option's label).
FILTERS = (
    ("action", "any action", "action", "action"),
    ("type", "any type", "type", "type"),
    ("resource", "any resource", "resource.id", "resource.name"),
    ("user", "any user", "user.id", "user.name"),
)
GOOD = frozenset({"OK", "COMPLETED"})


def row_for(entry: dict[str, Any], fresh: bool = False) -> Row:
    state = str(get(entry, "status.state") or "")
    percent = get(entry, "status.percent")
    status = f"{state} {percent}%" if state == "RUNNING" and percent is not None else state
    start = str(entry.get("start_date") or "").replace("T", " ").rstrip("Z")
    cells = (start, str(entry.get("action") or ""), str(entry.get("type") or ""),
             str(get(entry, "resource.name") or get(entry, "resource.id") or ""),
             str(get(entry, "user.name") or ""), status, str(entry.get("duration") or ""))
    status_style = "state-good" if state in GOOD else "state-busy" if state == "RUNNING" \
        else "state-bad"
    styles = ("accent" if fresh else None, None, None, None, None, status_style, None)
    sort = (str(entry.get("start_date") or ""), *(c.lower() for c in cells[1:6]),
            entry.get("duration") or 0)
    return Row(id=str(entry["id"]), cells=cells, styles=styles, sort=sort)


def options(entries: list[dict[str, Any]], value_path: str,
            label_path: str) -> list[tuple[Any, str]]:
    seen: dict[str, str] = {}
    for e in entries:
        value = get(e, value_path)
        if value:
            seen.setdefault(str(value), str(get(e, label_path) or value))
    # Labels are account data: Content, never markup (a Select's option reads a str as markup).
    return sorted(((safe(label), value) for value, label in seen.items()),
                  key=lambda o: o[0].plain.lower())


class LogsScreen(TypedApp, PeriodKeys, Rounds, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("f", "follow", "Follow"),
        Binding("o", "order", "Order"),
        Binding("p", "focus_period", "Period"),
        Binding("x", "clear_filters", "Clear"),
        Binding("r", "refresh", "Refresh", show=False),
        Binding("y", "json", "JSON", show=False),
        *PRESET_BINDINGS,
    ]
    DEFAULT_CSS = """
    LogsScreen #log-filters { height: 1; }
    LogsScreen #log-filters > Label { width: auto; padding: 0 1 0 0; color: $text-muted; }
    LogsScreen #log-filters > Select { width: 1fr; max-width: 26; margin: 0 1 0 0; }
    LogsScreen ResourceTable { height: 1fr; }
    """

    def __init__(self, resource_id: str | None = None, resource_name: str = "",
                 period: str | None = None) -> None:
        super().__init__()
        self.resource_id = resource_id
        self.resource_name = resource_name or resource_id or ""
        self.initial_period = period or ("LAST_30D" if resource_id else "LAST_7D")
        self.entries: dict[str, dict[str, Any]] = {}
        self.fresh: set[str] = set()
        self.following = False
        self.newest_first = True
        #: The period ``entries`` are of; when they last arrived, and the last failure.
        self.shown_period: Any = None
        self.freshness = Freshness("the logs")
        self._wake = asyncio.Event()

    @property
    def table(self) -> ResourceTable:
        return self.query_one(ResourceTable)

    def compose(self) -> ComposeResult:
        yield Static("", id="title")
        yield PeriodPicker(self.initial_period)
        with Horizontal(id="log-filters"):
            yield Label("Filter")
            for key, prompt, _, _ in FILTERS:
                if key == "resource" and self.resource_id:
                    continue
                yield Select([], prompt=prompt, compact=True, id=f"filter-{key}")
        yield ResourceTable(COLUMNS, empty_text="Loading…")
        yield StatusBar(self.oapp.connection)
        yield KeyBar()  # ? and q stay at any width (widgets/key_bar.py)

    def on_mount(self) -> None:
        self.table.sort_by("start_date", reverse=True)
        self.table.focus()
        self._update_title()
        self.load()
        self.follow_loop()

    # -- data -------------------------------------------------------------------------------------
    async def fetch(self) -> list[dict[str, Any]]:
        period = self.picker.period
        query: dict[str, Any] = {"period": period.period, "start_date": period.start_date,
                                 "end_date": period.end_date}
        if self.resource_id:
            query["q"] = self.resource_id
        entries = await self.oapp.feed.items(category("logs"), **query)
        if self.resource_id:
            entries = [e for e in entries if get(e, "resource.id") == self.resource_id]
        return entries

    @work(exclusive=True, group="load", exit_on_error=False)
    async def load(self) -> None:
        period = self.picker.period
        try:
            entries = await self.fetch()
        except FETCH_ERRORS as exc:
            self._failed(exc, period)
            return
        self.entries = {str(e["id"]): e for e in entries}
        self.fresh = set()
        self._loaded(period)
        self._show()
        if entries:
            dates = sorted(str(e.get("start_date") or "") for e in entries)
            self.picker.suggest(dates[0], dates[-1])

    async def follow_once(self) -> None:
        period = self.picker.period
        entries = await self.fetch()
        new = [e for e in entries if str(e["id"]) not in self.entries]
        self.entries = {str(e["id"]): e for e in entries}
        self._loaded(period)
        if new:
            self.fresh = {str(e["id"]) for e in new}
            label = "entry" if len(new) == 1 else "entries"
            self.notify(f"{len(new)} new log {label}: "
                        + ", ".join(f"{e.get('action')} {get(e, 'resource.name') or ''}"
                                    for e in new[:3]), title="Logs")
        self._show()
        if new and self.newest_first:
            self.table.action_first()

    @work(exclusive=True, group="follow", exit_on_error=False)
    async def follow_loop(self) -> None:
        while True:
            await self.next_round(FOLLOW_EVERY)
            if not self.following or self.unseen():
                continue
            period = self.picker.period
            try:
                await self.follow_once()
            except FETCH_ERRORS as exc:
                self._failed(exc, period)  # the follow goes on: the next round tries again

    def wake(self) -> None:
        self._wake.set()

    def _loaded(self, period: Any) -> None:
        self.shown_period = period
        self.freshness.loaded()
        self.picker.clear_failure()

    def _failed(self, exc: Exception, period: Any) -> None:
        """The entries of this period stay, marked stale with their age (another period's
        are not shown as this one's); the failure is toasted once per outage, not every
        round of a follow."""
        if period != self.shown_period:
            self.entries, self.fresh, self.shown_period = {}, set(), None
            self.freshness.forget()
            self.table.set_rows([])
        first = self.freshness.failed(exc)
        self.table.empty_text = f"Could not load the logs: {exc}"
        self.table.refresh()
        self.picker.show_failure(self.freshness.note())
        self._update_title()
        if first:
            self.notify(str(exc), title="Logs: request failed", severity="error", timeout=6)

    # -- filters and rendering --------------------------------------------------------------------
    def _selects(self) -> list[tuple[Select[str], str, str]]:
        out = []
        for key, _, value_path, label_path in FILTERS:
            found = self.query(f"#filter-{key}")
            if found:
                out.append((found.first(Select), value_path, label_path))
        return out

    def shown(self) -> list[dict[str, Any]]:
        """The entries that pass every filter."""
        entries = list(self.entries.values())
        for select, value_path, _ in self._selects():
            if isinstance(select.value, str):
                entries = [e for e in entries if str(get(e, value_path)) == select.value]
        return entries

    def _show(self) -> None:
        entries = list(self.entries.values())
        for select, value_path, label_path in self._selects():
            opts = options(entries, value_path, label_path)
            if opts != getattr(select, "_last_options", None):
                keep = select.value
                select.set_options(opts)
                select._last_options = opts  # type: ignore[attr-defined]
                if isinstance(keep, str) and keep in {v for _, v in opts}:
                    select.value = keep
        self._render_rows()
        self.oapp.mark_refreshed()

    def _render_rows(self) -> None:
        table = self.table
        if self.freshness.error is None or self.entries:
            table.empty_text = "No log entries in this period" if not self.entries \
                else "No entry matches the filters"
        table.set_rows(row_for(e, str(e["id"]) in self.fresh) for e in self.shown())
        self._update_title()

    def _update_title(self) -> None:
        table = self.table
        count = f"{table.row_count}/{len(self.entries)}" if table.row_count != len(self.entries) \
            else str(len(self.entries))
        parts = ["[b]Logs[/b]" + (" › [b]$name[/b]" if self.resource_id else "")
                 + f" ({count})", describe(self.picker.period),
                 "newest first" if self.newest_first else "oldest first"]
        if self.following:
            parts.append(f"[bold green]● following (every {FOLLOW_EVERY:g} s)[/]")
        if self.freshness.stale:
            parts.append("[bold yellow]⚠ stale[/]")
        self.query_one("#title", Static).update(markup(" · ".join(parts),
                                                       name=self.resource_name))

    # -- events and actions -----------------------------------------------------------------------
    @on(Select.Changed, "#log-filters Select")
    def _filter(self) -> None:
        self._render_rows()

    @on(ResourceTable.Opened)
    def _open(self, event: ResourceTable.Opened) -> None:
        entry = self.entries.get(event.row_id)
        if entry is not None:
            self.oapp.open_detail("logs", entry)

    def action_follow(self) -> None:
        self.following = not self.following
        if self.following and self.picker.period.period == "CUSTOM":
            self.picker.choose("LAST_24H")
            self.notify("Following needs a period that ends now: showing the last 24 hours")
        self._update_title()
        if self.following:
            self.wake()

    def action_order(self) -> None:
        self.newest_first = not self.newest_first
        self.table.sort_by("start_date", reverse=self.newest_first)
        self.table.action_first()
        self._update_title()

    def action_clear_filters(self) -> None:
        for select, _, _ in self._selects():
            select.clear()
        self._render_rows()

    def action_refresh(self) -> None:
        self.load()

    def action_back(self) -> None:
        if self.focused is not None and self.focused is not self.table:
            self.table.focus()
        else:
            self.app.pop_screen()

    def action_json(self) -> None:
        from .json_view import JsonScreen

        entry = self.entries.get(self.table.cursor_id or "")
        if entry is not None:
            self.app.push_screen(JsonScreen(f"Log entry {entry.get('id')}", entry))
