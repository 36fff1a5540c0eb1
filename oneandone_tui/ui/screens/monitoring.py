"""One server's charts: CPU, RAM, disk, transfer and internal ping over a period (a preset or a
validated CUSTOM window), each with its monitoring policy's warning and critical lines, and the
API's current status texts and alert counts beside them."""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Select, Static

from .. import metrics
from ..failures import FETCH_ERRORS
from ..safe import clean
from ..stale import Freshness
from ..typed_app import TypedApp
from ..visible import Rounds
from ..widgets.chart import ChartData, Line, MetricChart
from ..widgets.key_bar import KeyBar
from ..widgets.period_picker import PRESET_BINDINGS, PeriodKeys, PeriodPicker, describe
from ..widgets.status_bar import StatusBar

#: Seconds between refreshes while a preset period (which ends "now") is shown.
REFRESH = 60.0
LEVEL_CLASS = {"WARNING": "-warning", "CRITICAL": "-critical"}
LEVEL_STYLE = {"OK": "green", "WARNING": "bold yellow", "CRITICAL": "bold red"}
GROUPS = {"resources": "Resources", "ports": "Ports", "process": "Processes"}


def chart_data(usage: dict[str, Any], metric: str) -> ChartData:
    spec = metrics.BY_KEY[metric]
    values = metrics.series(usage, metric)
    warning, critical = metrics.thresholds(usage, metric)
    title = f"{spec.title} ({spec.unit})"
    if values:
        title += f" · max {metrics.fmt(metric, max(values))}" \
                 f" · avg {metrics.fmt(metric, sum(values) / len(values))}"
    if metric == "internal_ping":
        loss = [float(p.get("pl") or 0) for p in metrics.points(usage, metric)]
        title += f" · loss max {max(loss, default=0):g}%"
    label = {"transfer": "in+out", "internal_ping": "rta"}.get(metric, spec.title)
    return ChartData(title=title, unit=spec.unit, dates=metrics.dates(usage, metric),
                     lines=[Line(label, values)], warning=warning, critical=critical,
                     percent=spec.percent)


def worst_level(data: ChartData) -> str | None:
    values = [v for line in data.lines for v in line.values]
    return metrics.level(max(values), data.warning, data.critical) if values else None


def summary(usage: dict[str, Any]) -> Group:
    """Each check's level and value now (the API's status texts), its thresholds, the alert
    counts and the agent."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, justify="right")
    table.add_column(style="dim", no_wrap=True)
    for spec in metrics.METRICS:
        text = str((usage.get(spec.key) or {}).get("status") or "")
        lvl = metrics.status_level(text) or "?"
        warning, critical = metrics.thresholds(usage, spec.key)
        limits = " · ".join(f"{name} {v:g}" for name, v in (("warn", warning),
                                                           ("crit", critical)) if v is not None)
        table.add_row(spec.title, Text(clean(lvl), style=LEVEL_STYLE.get(lvl, "")),
                      Text(clean(metrics.fmt(spec.key, metrics.status_value(spec.key, text)))),
                      limits)
    counts_table = Table.grid(padding=(0, 1))
    counts_table.add_column(style="bold", no_wrap=True)
    counts_table.add_column(overflow="ellipsis", no_wrap=True)
    alerts = usage.get("alerts_count") or usage.get("alerts") or {}
    for group, counts in alerts.items():
        if isinstance(counts, dict):
            crit, warn = counts.get("critical", 0), counts.get("warning", 0)
            line = Text(f"{crit} critical · {warn} warning · {counts.get('ok', 0)} ok",
                        style="bold red" if crit else "bold yellow" if warn else "")
            counts_table.add_row(Text(clean(GROUPS.get(group, str(group).capitalize()))), line)
    agent = usage.get("agent") or {}
    if agent:
        counts_table.add_row("Agent", "installed" if agent.get("agent_installed") else
                             ("missing" if agent.get("monitoring_needs_agent")
                              else "not installed"))
    return Group(table, Text(""), counts_table)


class ServerChartsScreen(TypedApp, PeriodKeys, Rounds, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("p", "focus_period", "Period"),
        Binding("r", "refresh", "Refresh"),
        Binding("L", "logs", "Logs"),
        Binding("y", "json", "JSON"),
        *PRESET_BINDINGS,
    ]
    DEFAULT_CSS = """
    ServerChartsScreen #charts { height: 1fr; }
    ServerChartsScreen #chart-grid {
        layout: grid; grid-size: 2; grid-rows: 12; grid-gutter: 0 1; height: auto;
    }
    ServerChartsScreen MetricChart { height: 12; }
    ServerChartsScreen MetricChart.-warning { border: round $warning; }
    ServerChartsScreen MetricChart.-critical { border: round $error; }
    ServerChartsScreen #chart-summary {
        height: 12; overflow-y: auto; border: round $panel; padding: 0 1; border-title-color: $text;
    }
    """

    def __init__(self, server_id: str, name: str = "", period: str = "LAST_24H") -> None:
        super().__init__()
        self.server_id = server_id
        self.server_name = name or server_id
        self.initial_period = period
        self.usage: dict[str, Any] | None = None
        #: The period ``usage`` is of; when its data last arrived, and the last failure.
        self.shown_period: Any = None
        self.freshness = Freshness("the charts")
        self._wake = asyncio.Event()

    def chart(self, metric: str) -> MetricChart:
        return self.query_one(f"#chart-{metric}", MetricChart)

    def compose(self) -> ComposeResult:
        yield Static("", id="title")
        yield PeriodPicker(self.initial_period)
        with VerticalScroll(id="charts"), Grid(id="chart-grid"):
            for spec in metrics.METRICS:
                yield MetricChart(id=f"chart-{spec.key}")
            yield Static("Loading…", id="chart-summary")
        yield StatusBar(self.oapp.connection)
        yield KeyBar()  # ? and q stay at any width (widgets/key_bar.py)

    def on_mount(self) -> None:
        self.query_one("#chart-summary", Static).border_title = "Now (the API's checks)"
        self.query_one("#charts").focus()
        self._update_title()
        self.load()
        self.refresh_loop()

    # -- data -------------------------------------------------------------------------------------
    @work(exclusive=True, group="load", exit_on_error=False)
    async def load(self) -> None:
        period = self.picker.period
        try:
            usage = await self.oapp.feed.call(
                "monitoring_center", "get", self.server_id, period.period or "LAST_24H",
                start_date=period.start_date, end_date=period.end_date)
        except FETCH_ERRORS as exc:
            self._failed(period, exc)
            return
        self.usage, self.shown_period = usage, period
        self.freshness.loaded()
        self.picker.clear_failure()
        self.show(usage)
        self.oapp.mark_refreshed()

    def _failed(self, period: Any, exc: Exception) -> None:
        """The charts of this period stay, marked stale with their age; those of another
        period are not shown as if they were this one's."""
        if period != self.shown_period:
            self.usage, self.shown_period = None, None
            self.freshness.forget()
            for spec in metrics.METRICS:
                self.chart(spec.key).show_message(f"Could not load: {exc}")
        first = self.freshness.failed(exc)
        self.picker.show_failure(self.freshness.note())
        self._update_title()
        if first:  # once per outage, not every round
            self.notify(str(exc), title="Monitoring", severity="error")

    def show(self, usage: dict[str, Any]) -> None:
        for spec in metrics.METRICS:
            data = chart_data(usage, spec.key)
            chart = self.chart(spec.key)
            chart.show(data)
            lvl = worst_level(data)
            for cls in LEVEL_CLASS.values():
                chart.remove_class(cls)
            if lvl in LEVEL_CLASS:
                chart.add_class(LEVEL_CLASS[lvl])
        self.query_one("#chart-summary", Static).update(summary(usage))
        dates = metrics.dates(usage)
        if dates:
            self.picker.suggest(dates[0], dates[-1])
        self._update_title()

    @work(exclusive=True, group="live", exit_on_error=False)
    async def refresh_loop(self) -> None:
        while True:
            await self.next_round(REFRESH)
            if self.picker.period.period != "CUSTOM" and not self.unseen():
                self.load()

    def _update_title(self) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("Monitoring › ", style="dim")
        text.append(clean(self.server_name), style="bold")
        usage = self.usage or {}
        state = (usage.get("status") or {}).get("state")
        if state:
            text.append(f"  {clean(state)}")
        text.append(f"  {describe(self.picker.period)}", style="bold")
        points = len(metrics.dates(usage)) if usage else 0
        if usage:
            text.append(f"  {points} points", style="dim")
        crit, warn = metrics.alert_counts(usage)
        if crit or warn:
            text.append(f"  alerts: {crit} critical, {warn} warning",
                        style="bold red" if crit else "bold yellow")
        if self.freshness.stale:
            text.append("  ⚠ stale", style="bold yellow")
        self.query_one("#title", Static).update(text)

    # -- events and actions -----------------------------------------------------------------------
    def action_refresh(self) -> None:
        self.load()

    def action_back(self) -> None:
        if isinstance(self.focused, (Input, Select)):
            self.query_one("#charts").focus()  # leave the period field; esc again goes back
        else:
            self.app.pop_screen()

    def action_logs(self) -> None:
        self.oapp.open_logs(self.server_id, self.server_name)

    def action_json(self) -> None:
        from .json_view import JsonScreen

        if self.usage is not None:
            self.app.push_screen(JsonScreen(f"Monitoring: {self.server_name}", self.usage))
