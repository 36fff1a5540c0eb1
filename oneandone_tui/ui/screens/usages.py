"""Usages: what the account consumed in a period (a preset or a validated CUSTOM window),
grouped by resource type with totals (resources, service lines, minutes, unit-hours per unit);
the lines of the highlighted type below."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from .. import accounting
from ..failures import FETCH_ERRORS
from ..safe import markup
from ..stale import Freshness
from ..typed_app import TypedApp
from ..widgets.key_bar import KeyBar
from ..widgets.period_picker import PRESET_BINDINGS, PeriodKeys, PeriodPicker, describe
from ..widgets.resource_table import Column, ResourceTable, Row
from ..widgets.status_bar import StatusBar

GROUP_COLUMNS = (
    Column("group", "Resource type", 18), Column("resources", "Resources", 9, align="right"),
    Column("lines", "Lines", 5, align="right"), Column("minutes", "Minutes", 11, align="right"),
    Column("units", "Unit-hours per service", 30, 1),
)
LINE_COLUMNS = (
    Column("name", "Resource", 18, 1), Column("type", "Service", 10),
    Column("avg_amount", "Average", 8, align="right"), Column("unit", "Unit", 6),
    Column("usage", "Minutes", 9, align="right"), Column("hours", "Hours", 8, align="right"),
    Column("unit_hours", "Unit-hours", 11, align="right"),
    Column("window", "From → to (UTC)", 35),
)


def group_row(total: accounting.GroupTotal) -> Row:
    cells = (total.title, str(total.resources), str(total.lines), f"{total.minutes:,}",
             total.units_text())
    style = "accent" if total.group == accounting.ALL else None
    return Row(id=total.group, cells=cells, styles=(style,) * len(cells),
               sort=(total.group == accounting.ALL, total.resources, total.lines,
                     total.minutes, cells[4]))


def _window(line: dict[str, Any]) -> str:
    details = line.get("detail") or []
    if not details:
        return ""
    first, last = details[0], details[-1]
    start = str(first.get("start_date") or "")[:16].replace("T", " ")
    end = str(last.get("end_date") or "")[:16].replace("T", " ")
    return f"{start} → {end}"


def line_row(index: int, line: dict[str, Any]) -> Row:
    minutes = int(float(line.get("usage") or 0))
    hours = accounting.unit_hours(line)
    cells = (str(line.get("name") or ""), str(line.get("type") or ""),
             str(line.get("avg_amount") or ""), str(line.get("unit") or ""), f"{minutes:,}",
             f"{minutes / 60:,.0f}", f"{hours:,.0f}", _window(line))
    return Row(id=f"{index}", cells=cells,
               sort=(cells[0].lower(), cells[1], float(line.get("avg_amount") or 0), cells[3],
                     minutes, minutes, hours, cells[7]))


class UsagesScreen(TypedApp, PeriodKeys, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("p", "focus_period", "Period"),
        Binding("r", "refresh", "Refresh"),
        Binding("y", "json", "JSON"),
        *PRESET_BINDINGS,
    ]
    DEFAULT_CSS = """
    UsagesScreen #usage-groups { height: 9; border-bottom: solid $panel; }
    UsagesScreen #usage-lines-title { height: 1; padding: 0 1; color: $text-muted; }
    UsagesScreen #usage-lines { height: 1fr; }
    """

    def __init__(self, period: str = "LAST_30D") -> None:
        super().__init__()
        self.initial_period = period
        self.data: Any = None
        self.totals: list[accounting.GroupTotal] = []
        self.lines: list[dict[str, Any]] = []
        #: The period ``data`` is of; when it last arrived, and the last failure.
        self.shown_period: Any = None
        self.freshness = Freshness("the usages")

    @property
    def groups(self) -> ResourceTable:
        return self.query_one("#usage-groups", ResourceTable)

    @property
    def line_table(self) -> ResourceTable:
        return self.query_one("#usage-lines", ResourceTable)

    def compose(self) -> ComposeResult:
        yield Static("", id="title")
        yield PeriodPicker(self.initial_period)
        yield ResourceTable(GROUP_COLUMNS, empty_text="Loading…", id="usage-groups")
        yield Static("", id="usage-lines-title")
        yield ResourceTable(LINE_COLUMNS, empty_text="", id="usage-lines")
        yield StatusBar(self.oapp.connection)
        yield KeyBar()  # ? and q stay at any width (widgets/key_bar.py)

    def on_mount(self) -> None:
        self.groups.focus()
        self._update_title()
        self.load()

    @work(exclusive=True, group="load", exit_on_error=False)
    async def load(self) -> None:
        period = self.picker.period
        try:
            data = await self.oapp.feed.call("usages", "list", period.period or "LAST_30D",
                                             start_date=period.start_date,
                                             end_date=period.end_date)
        except FETCH_ERRORS as exc:
            self._failed(exc, period)
            return
        self.data, self.shown_period = data, period
        self.freshness.loaded()
        self.picker.clear_failure()
        self.totals = accounting.totals(data)
        self.lines = accounting.lines(data)
        self.groups.empty_text = "No usage in this period"
        self.groups.set_rows(group_row(t) for t in self.totals)
        self._show_lines()
        self._update_title()
        self.oapp.mark_refreshed()

    def _failed(self, exc: Exception, period: Any) -> None:
        """This period's totals stay, marked stale with their age (``r`` tries again);
        another period's are not shown as this one's."""
        if period != self.shown_period:
            self.data, self.shown_period, self.totals, self.lines = None, None, [], []
            self.freshness.forget()
            self.groups.empty_text = f"Could not load usages: {exc}"
            self.groups.set_rows([])
            self.line_table.set_rows([])
            self.query_one("#usage-lines-title", Static).update("")
        first = self.freshness.failed(exc)
        note = self.freshness.note()
        self.picker.show_failure(note + (" (r tries again)" if self.freshness.stale else ""))
        self._update_title()
        if first:
            self.notify(str(exc), title="Usages: request failed", severity="error")

    def selected_group(self) -> str:
        return self.groups.cursor_id or accounting.ALL

    def _show_lines(self) -> None:
        group = self.selected_group()
        rows = [line_row(i, line) for i, line in enumerate(self.lines)
                if group == accounting.ALL or line["group"] == group]
        table = self.line_table
        table.empty_text = "No usage of this type in the period"
        table.set_rows(rows)
        total = next((t for t in self.totals if t.group == group), None)
        text = f"[b]$group[/b]: {len(rows)} lines"
        if total is not None:
            text += f" · {total.minutes:,} minutes · $units"
        self.query_one("#usage-lines-title", Static).update(markup(
            text + "  [dim](tab switches tables; s sorts)[/]", group=accounting.title(group),
            units=total.units_text() if total is not None else ""))

    def _update_title(self) -> None:
        overall = self.totals[-1] if self.totals else None
        parts = ["[b]Usages[/b]", describe(self.picker.period)]
        if overall is not None:
            parts.append(f"{overall.resources} resources, {overall.lines} service lines")
        if self.freshness.stale:
            parts.append("[bold yellow]⚠ stale[/]")
        self.query_one("#title", Static).update(" · ".join(parts))

    @on(ResourceTable.Highlighted)
    def _group(self, event: ResourceTable.Highlighted) -> None:
        if event.table.id == "usage-groups" and self.totals:
            self._show_lines()

    @on(ResourceTable.Opened)
    def _opened(self, event: ResourceTable.Opened) -> None:
        if event.table.id == "usage-groups":
            self.line_table.focus()

    def action_refresh(self) -> None:
        self.load()

    def action_back(self) -> None:
        if self.focused is not None and not isinstance(self.focused, ResourceTable):
            self.groups.focus()
        else:
            self.app.pop_screen()

    def action_json(self) -> None:
        from .json_view import JsonScreen

        if self.data is not None:
            self.app.push_screen(JsonScreen(f"Usages: {describe(self.picker.period)}",
                                            self.data))
