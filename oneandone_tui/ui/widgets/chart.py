"""One monitoring chart: a series over time (textual-plotext), with the monitoring policy's
warning and critical thresholds drawn as horizontal lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from rich.text import Text
from textual.app import RenderResult
from textual_plotext import PlotextPlot

from ..safe import clean, safe

#: RGB, not colour names: names go through the terminal's palette (a theme can turn "yellow"
#: into lavender), and a warning line must look like a warning.
WARNING_COLOR: tuple[int, int, int] = (255, 166, 43)
CRITICAL_COLOR: tuple[int, int, int] = (230, 57, 70)
LINE_COLOR: tuple[int, int, int] = (64, 196, 255)
#: Thresholds further above the data than this factor are named, not drawn (a 100 ms ping
#: threshold over a 0.5 ms series would flatten the line into the axis).
DRAW_FACTOR = 3.0


@dataclass
class Line:
    label: str
    values: list[float]
    color: tuple[int, int, int] = LINE_COLOR


@dataclass
class ChartData:
    title: str
    unit: str
    dates: list[str]
    lines: list[Line] = field(default_factory=list)
    warning: float | None = None
    critical: float | None = None
    percent: bool = False

    @property
    def top(self) -> float:
        """The top of the y scale."""
        if self.percent:
            return 100.0
        peak = max((max(line.values) for line in self.lines if line.values), default=0.0)
        top = peak * 1.2 or 1.0
        if self.critical is not None and self.critical <= max(peak, 1e-9) * DRAW_FACTOR:
            top = max(top, self.critical * 1.1)
        return top

    def drawn_thresholds(self) -> list[tuple[float, tuple[int, int, int]]]:
        return [(v, color) for v, color in ((self.warning, WARNING_COLOR),
                                            (self.critical, CRITICAL_COLOR))
                if v is not None and v <= self.top]


def _hours(first: str, last: str) -> float:
    try:
        a = datetime.fromisoformat(first.replace("Z", "+00:00"))
        b = datetime.fromisoformat(last.replace("Z", "+00:00"))
    except ValueError:
        return 0.0
    return (b - a).total_seconds() / 3600


def tick_labels(dates: Sequence[str], count: int = 5) -> tuple[list[int], list[str]]:
    """Up to ``count`` evenly spaced x positions, labelled ``HH:MM`` within two days and
    ``MM-DD`` beyond."""
    n = len(dates)
    if n == 0:
        return [], []
    count = max(1, min(count, n))
    xs = sorted({round(i * (n - 1) / max(1, count - 1)) for i in range(count)})
    days = _hours(dates[0], dates[-1]) > 48
    return xs, [dates[x][5:10] if days else dates[x][11:16] for x in xs]


class MetricChart(PlotextPlot):
    DEFAULT_CSS = """
    MetricChart {
        height: 1fr; min-height: 9; border: round $panel; padding: 0;
        border-title-color: $text; border-subtitle-color: $text-muted;
    }
    MetricChart:focus { border: round $accent; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.data: ChartData | None = None
        self.message = "Loading…"

    def show(self, data: ChartData) -> None:
        self.data = data
        self._draw()
        self.refresh()

    def show_message(self, message: str) -> None:
        self.data = None
        self.message = message
        self.refresh()

    def render(self) -> RenderResult:
        data = self.data
        if data is None or not any(line.values for line in data.lines):
            return Text(clean(self.message, multiline=True) if data is None
                        else "No data in this period.",
                        style="italic")
        return super().render()

    def _draw(self) -> None:
        data = self.data
        if data is None:
            return
        self.border_title = safe(data.title)
        plt = self.plt
        plt.clear_figure()
        xs_all = list(range(len(data.dates)))
        for line in data.lines:
            if line.values:
                plt.plot(xs_all[:len(line.values)], line.values, color=line.color,
                         marker="hd", label=line.label if len(data.lines) > 1 else None)
        for value, color in data.drawn_thresholds():
            plt.hline(value, color)
        plt.ylim(0, data.top)
        xs, labels = tick_labels(data.dates)
        plt.xticks([float(x) for x in xs], labels)
        hidden = [f"{name} {v:g}" for name, v in (("warn", data.warning),
                                                  ("crit", data.critical))
                  if v is not None and v > data.top]
        self.border_subtitle = (f"thresholds above scale: {', '.join(hidden)} {data.unit}"
                                if hidden else "")
