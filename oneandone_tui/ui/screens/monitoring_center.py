"""The monitoring center: every server's current usage and alerts in one table, each value
coloured by its level against the server's monitoring-policy thresholds, with a sparkline of
the last 24 hours. ``enter`` opens the server's charts.

One list request gives every server's status texts (the current values and the API's own
level): it is the account state's ``monitoring_center`` list, which the dashboard and a
server's detail read too, so the three say the same alerts (``overview.alerts_of``). The
sparklines and the thresholds come from each server's usage series, fetched only for the
rows on screen (a large account does not cost one request per server).
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, Static

from ...catalogue import state_style
from ...state import Watch
from .. import metrics
from ..bridge import StateChanged
from ..failures import FETCH_ERRORS
from ..overview import alert_totals
from ..safe import clean
from ..typed_app import TypedApp
from ..visible import in_view
from ..widgets.health_banner import HealthBanner
from ..widgets.key_bar import KeyBar
from ..widgets.resource_table import Column, ResourceTable, Row
from ..widgets.sparkline import sparkline
from ..widgets.status_bar import StatusBar

#: Seconds between refreshes of the list (and of the visible rows' series).
REFRESH = 60.0
SPARK_PERIOD = "LAST_24H"
#: At 80 columns transfer, then disk give way; the name (14: worker-us-01 and -02 stay
#: apart), state, CPU, RAM, ping and alerts stay.
COLUMNS = (
    Column("name", "Server", 14, 1, cut="middle"),
    Column("state", "State", 11),
    Column("cpu", "CPU 24h", 13),
    Column("ram", "RAM 24h", 13, priority=1),
    Column("disk", "Disk 24h", 13, priority=2),
    Column("transfer", "Transfer 24h", 16, priority=3),
    Column("internal_ping", "Ping", 9, align="right"),
    Column("alerts", "Alerts", 10, 1),
)
SPARK_WIDTH = {"cpu": 8, "ram": 8, "disk": 8, "transfer": 6}


def metric_cell(item: dict[str, Any], usage: dict[str, Any] | None,
                metric: str) -> tuple[str, str | None, float]:
    """(text, style, sort key) of one metric cell."""
    text = metrics.status_text(item, metric)
    value = metrics.status_value(metric, text)
    lvl = metrics.status_level(text)
    spark = ""
    if usage is not None:
        warning, critical = metrics.thresholds(usage, metric)
        lvl = metrics.level(value, warning, critical) or lvl
        width = SPARK_WIDTH.get(metric)
        if width:
            spark = sparkline(metrics.series(usage, metric), width,
                              hi=100.0 if metrics.BY_KEY[metric].percent else None)
    cell = metrics.fmt(metric, value)
    if spark:
        cell = f"{cell:>{8 if metric == 'transfer' else 4}} {spark}"
    return cell, metrics.LEVEL_STYLE.get(lvl or ""), -1.0 if value is None else value


def row_for(item: dict[str, Any], usage: dict[str, Any] | None) -> Row:
    state = (item.get("status") or {}).get("state") or ""
    crit, warn = alert_totals(item)
    cells: list[str] = [str(item.get("name") or item.get("id"))]
    styles: list[str | None] = [None]
    sort: list[Any] = [str(item.get("name") or "").lower()]
    cells.append(state)
    styles.append(state_style({"state": state}) if state else None)
    sort.append(state)
    for metric in ("cpu", "ram", "disk", "transfer", "internal_ping"):
        text, style, key = metric_cell(item, usage, metric)
        cells.append(text)
        styles.append(style)
        sort.append(key)
    cells.append(" ".join([f"{crit} crit"] * bool(crit) + [f"{warn} warn"] * bool(warn))
                 or "-")
    styles.append("state-bad" if crit else "state-busy" if warn else "dim")
    sort.append((crit, warn))
    return Row(id=str(item["id"]), cells=tuple(cells), styles=tuple(styles), sort=tuple(sort))


class MonitoringCenterScreen(TypedApp, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("slash", "filter", "Filter"),
        Binding("r", "refresh", "Refresh"),
        Binding("L", "logs", "Logs"),
        Binding("y", "json", "JSON"),
    ]
    DEFAULT_CSS = """
    MonitoringCenterScreen #mc-filter { height: 1; }
    MonitoringCenterScreen ResourceTable { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, dict[str, Any]] = {}
        self.usage: dict[str, dict[str, Any]] = {}
        self._pending: set[str] = set()
        self._shown = -1

    @property
    def table(self) -> ResourceTable:
        return self.query_one(ResourceTable)

    def compose(self) -> ComposeResult:
        yield HealthBanner()
        yield Static(Text("Monitoring Center", style="bold"), id="title")
        yield Static("", id="mc-error")
        yield Input(placeholder="filter servers (esc clears)", compact=True, id="mc-filter")
        yield ResourceTable(COLUMNS, empty_text="Loading…")
        yield StatusBar(self.oapp.connection)
        yield KeyBar()  # ? and q stay at any width (widgets/key_bar.py)

    def on_mount(self) -> None:
        self.query_one("#mc-filter").display = False
        self.query_one("#mc-error").display = False
        self.table.focus()
        self.oapp.poller.watch(self, Watch(lists=("monitoring_center",), every=REFRESH,
                                           active=lambda: self.is_attached and in_view(self)))
        self._show_state()
        self.load()

    def on_unmount(self) -> None:
        self.oapp.poller.unwatch(self)

    def on_screen_resume(self) -> None:
        self.oapp.poller.nudge()

    # -- data -------------------------------------------------------------------------------------
    # Exits on an error it does not expect: the poller catches what fetching can raise, so
    # what reaches here is a bug, for the crash handler (not a worker that stops silently).
    @work(exclusive=True, group="load")
    async def load(self) -> None:
        """The list now (opened, or the refresh key); the poller keeps it fresh after."""
        await self.oapp.poller.refresh_lists(["monitoring_center"])
        self.want_series(refresh=True)

    def on_state_changed(self, message: StateChanged) -> None:
        if message.change.kind == "list" and message.change.category == "monitoring_center":
            self._show_state()

    def _show_state(self) -> None:
        """The state's monitoring-center list on screen; its error said above the table (the
        rows kept, marked stale, or none and the error instead of "No servers")."""
        entry = self.oapp.state.lists.get("monitoring_center")
        if entry is None:
            return
        line = self.query_one("#mc-error", Static)
        line.display = entry.error is not None
        if entry.error is not None:
            age = self.oapp.state.age(entry)
            line.update(Text(f"⚠ stale ({int(age)}s old): could not refresh: {clean(entry.error)}"
                             if age is not None else
                             f"✖ Could not load the monitoring center: {clean(entry.error)}",
                             style="bold"))
            if not entry.loaded:
                self.table.empty_text = "No data: see the error above"
                self.table.refresh()
        if not entry.loaded or entry.version == self._shown:
            return
        self._shown = entry.version
        self.items = {str(i["id"]): i for i in entry.items}
        self.table.empty_text = "No servers"
        self.table.set_rows(row_for(i, self.usage.get(k)) for k, i in self.items.items())
        self._update_title()
        self.want_series()

    def want_series(self, refresh: bool = False) -> None:
        """Fetch the series of the rows on screen that do not have one yet."""
        ids = [i for i in self.table.visible_ids() or self.table.view_ids[:40]
               if (refresh or i not in self.usage) and i not in self._pending]
        if ids:
            self._pending.update(ids)
            self.fetch_series(ids)

    @work(group="series", exit_on_error=False)
    async def fetch_series(self, ids: list[str]) -> None:
        feed = self.oapp.feed

        async def one(server_id: str) -> None:
            try:
                self.usage[server_id] = await feed.call("monitoring_center", "get", server_id,
                                                        SPARK_PERIOD)
            except FETCH_ERRORS:
                return  # the row keeps its status-text values; the next refresh tries again
            finally:
                self._pending.discard(server_id)
            item = self.items.get(server_id)
            if item is not None:
                self.table.update_rows([row_for(item, self.usage[server_id])])

        await asyncio.gather(*(one(i) for i in ids))

    def _update_title(self) -> None:
        totals = [alert_totals(i) for i in self.items.values()]
        crit = sum(1 for c, _ in totals if c)
        warn = sum(1 for c, w in totals if w and not c)
        table = self.table
        count = f"{table.row_count}/{table.total_count}" if table.filter_text \
            else str(table.total_count)
        title = Text.assemble(("Monitoring Center", "bold"), f" ({count})")
        if crit:
            title.append(" · ")
            title.append(f"{crit} with critical alerts", style="bold red")
        if warn:
            title.append(" · ")
            title.append(f"{warn} with warnings", style="bold yellow")
        title.append(" · ")
        title.append("colours: the policy's warning/critical thresholds · enter: charts",
                     style="dim")
        self.query_one("#title", Static).update(title)

    # -- events and actions -----------------------------------------------------------------------
    @on(ResourceTable.Highlighted)
    def _scrolled(self) -> None:
        self.want_series()

    @on(ResourceTable.Opened)
    def _open(self, event: ResourceTable.Opened) -> None:
        from .monitoring import ServerChartsScreen

        item = self.items.get(event.row_id)
        if item is not None:
            self.app.push_screen(ServerChartsScreen(event.row_id, str(item.get("name") or "")))

    def action_back(self) -> None:
        field = self.query_one("#mc-filter", Input)
        if field.display or self.table.filter_text:
            field.value = ""
            field.display = False
            self.table.set_filter("")
            self.table.focus()
            self._update_title()
        else:
            self.app.pop_screen()

    def action_filter(self) -> None:
        field = self.query_one("#mc-filter", Input)
        field.display = True
        field.focus()

    @on(Input.Changed, "#mc-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.table.set_filter(event.value)
        self._update_title()

    @on(Input.Submitted, "#mc-filter")
    def _filter_done(self) -> None:
        self.table.focus()

    def action_refresh(self) -> None:
        self.load()

    def action_logs(self) -> None:
        row_id = self.table.cursor_id
        item = self.items.get(row_id or "")
        if item is not None:
            self.oapp.open_logs(str(item["id"]), str(item.get("name") or ""))

    def action_json(self) -> None:
        from .json_view import JsonScreen

        item = self.items.get(self.table.cursor_id or "")
        if item is not None:
            self.app.push_screen(JsonScreen(f"Monitoring: {item.get('name')}", item))
