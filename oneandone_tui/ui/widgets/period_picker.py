"""The period of logs, usages and monitoring charts: a preset, or CUSTOM with a start and an end.

The rules are the client's (:class:`~oneandone_tui.api.models.Period`): the picker builds the
request object and asks it what is wrong, so a window the client would refuse is refused here,
with the same words, before anything is sent. Only a valid period leaves the picker, as a
:class:`PeriodPicker.Changed` message carrying the ``Period``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Select, Static

from ...api.models import Period
from ..safe import safe

PRESETS: tuple[tuple[str, str], ...] = (
    ("LAST_HOUR", "Last hour"),
    ("LAST_24H", "Last 24 hours"),
    ("LAST_7D", "Last 7 days"),
    ("LAST_30D", "Last 30 days"),
    ("LAST_365D", "Last 365 days"),
    ("CUSTOM", "Custom…"),
)
TITLES = dict(PRESETS)
FIELDS = {"start_date": "From", "end_date": "To", "period": "Period"}


def describe(period: Period) -> str:
    """``Last 7 days``, or ``2026-11-19 09:00 → 2026-11-20 09:00`` for a custom window."""
    if period.period != "CUSTOM":
        return TITLES.get(period.period or "", str(period.period))
    body = period.to_body()
    start = str(body.get("start_date", "?")).replace("T", " ").rstrip("Z")[:16]
    end = str(body.get("end_date", "?")).replace("T", " ").rstrip("Z")[:16]
    return f"{start} → {end} UTC"


def _text(value: datetime | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%MZ")
    return value


class PeriodPicker(Vertical):
    """The controls on one line; the message (a hint, or why a custom window is refused) on
    the line below, whole at any width (it was cut mid-sentence beside the inputs)."""

    DEFAULT_CSS = """
    PeriodPicker { height: auto; width: 1fr; }
    PeriodPicker > #period-row { height: 1; }
    PeriodPicker Label { width: auto; padding: 0 1 0 0; color: $text-muted; }
    PeriodPicker Select { width: 19; margin: 0 1 0 0; }
    PeriodPicker Input { width: 22; margin: 0 1 0 0; }
    PeriodPicker > #period-message { width: 1fr; height: auto; color: $text-muted; }
    PeriodPicker > #period-message.-error { color: $error; text-style: bold; }
    """

    class Changed(Message):
        """A new, valid period was chosen."""

        def __init__(self, picker: PeriodPicker, period: Period) -> None:
            super().__init__()
            self.picker = picker
            self.period = period

    def __init__(self, period: str = "LAST_24H", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.period = Period(period)

    def compose(self) -> ComposeResult:
        with Horizontal(id="period-row"):
            yield Label("Period")
            yield Select([(title, key) for key, title in PRESETS], value=self.period.period,
                         allow_blank=False, compact=True, id="period-select")
            yield Input(placeholder="from, e.g. 2026-11-19T09:00Z", compact=True,
                        id="period-start")
            yield Input(placeholder="to, e.g. 2026-11-20T09:00Z", compact=True,
                        id="period-end")
        yield Static("", id="period-message")

    def on_mount(self) -> None:
        self._show_custom(self.period.period == "CUSTOM")

    # -- public -----------------------------------------------------------------------------------
    @property
    def start_input(self) -> Input:
        return self.query_one("#period-start", Input)

    @property
    def end_input(self) -> Input:
        return self.query_one("#period-end", Input)

    def choose(self, preset: str, start: datetime | str | None = None,
               end: datetime | str | None = None) -> bool:
        """Pick a preset (or CUSTOM with its dates, applied at once). False if refused."""
        select = self.query_one("#period-select", Select)
        if preset == "CUSTOM":
            if start is not None:
                self.start_input.value = _text(start)
            if end is not None:
                self.end_input.value = _text(end)
            select.value = "CUSTOM"
            self._show_custom(True)
            if start is None and end is None:
                self.start_input.focus()
                return True
            return self.apply_custom()
        select.value = preset
        self._use(Period(preset))
        return True

    def suggest(self, start: str | None, end: str | None) -> None:
        """Offer a window (the one on screen) in empty CUSTOM inputs."""
        if start and not self.start_input.value:
            self.start_input.value = start
        if end and not self.end_input.value:
            self.end_input.value = end

    def apply_custom(self) -> bool:
        period = Period("CUSTOM", self.start_input.value.strip() or None,
                        self.end_input.value.strip() or None)
        errors = period.errors()
        if errors:
            self.show_error("; ".join(f"{FIELDS.get(e.field, e.field)}: {e.rule}"
                                      for e in errors))
            return False
        self._use(period)
        return True

    #: The message shown is a fetch's failure (``show_failure``), not a period's rule.
    _failure = False

    def show_failure(self, message: str) -> None:
        """A fetch of the screen's data failed: said in the period's message line, until
        :meth:`clear_failure` (a rule broken by a typed period stays until it is fixed)."""
        self.show_error(message)
        self._failure = bool(message)

    def clear_failure(self) -> None:
        """The data arrived: the failure said by :meth:`show_failure` goes."""
        if self._failure:
            self.show_error("")

    def show_error(self, message: str) -> None:
        self._failure = False
        msg = self.query_one("#period-message", Static)
        msg.set_class(bool(message), "-error")
        msg.update(safe(message, multiline=True))  # may quote what was typed
        msg.display = bool(message) or self.start_input.display

    @property
    def error(self) -> str:
        msg = self.query_one("#period-message", Static)
        return str(msg.content) if msg.has_class("-error") else ""

    # -- internals --------------------------------------------------------------------------------
    def _use(self, period: Period) -> None:
        self.show_error("")
        changed = period != self.period or period.period == "CUSTOM"
        self.period = period
        if changed:
            self.post_message(self.Changed(self, period))

    def _show_custom(self, visible: bool) -> None:
        self.start_input.display = visible
        self.end_input.display = visible
        self.query_one("#period-message", Static).display = visible
        if visible and not self.error:
            self.query_one("#period-message", Static).update("enter applies")
        elif not visible:
            self.show_error("")

    @on(Select.Changed, "#period-select")
    def _selected(self, event: Select.Changed) -> None:
        event.stop()
        value = event.value
        if value == "CUSTOM":
            self._show_custom(True)
            if self.period.period != "CUSTOM":
                self.start_input.focus()
            return
        self._show_custom(False)
        if isinstance(value, str):
            self._use(Period(value))

    @on(Input.Submitted, "#period-start, #period-end")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input is self.start_input and not self.end_input.value.strip():
            self.end_input.focus()
            return
        self.apply_custom()


#: A period screen's keys 1..6: the presets, hidden from the key bar.
PRESET_BINDINGS = [Binding(str(i), f"period('{key}')", title, show=False)
                   for i, (key, title) in enumerate(PRESETS, start=1)]


class PeriodKeys:
    """Mixed into a screen with one :class:`PeriodPicker` (logs, usages, a server's charts):
    ``focus_period`` (``p``) and ``period`` (1..6, ``PRESET_BINDINGS``) act on the picker, and
    a new period retitles and reloads the screen (its ``_update_title`` and ``load``)."""

    query_one: Any
    load: Any
    _update_title: Any

    @property
    def picker(self) -> PeriodPicker:
        return self.query_one(PeriodPicker)

    def on_period_picker_changed(self) -> None:
        self._update_title()
        self.load()

    def action_period(self, preset: str) -> None:
        self.picker.choose(preset)

    def action_focus_period(self) -> None:
        self.picker.query_one(Select).focus()
