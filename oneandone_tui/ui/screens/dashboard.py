"""The first screen: the account at a glance. Resources by category and state, the monitoring
center's alerts, recent failures and activity, and what the last 30 days cost at list prices.
Every line leads somewhere with ``enter`` (a category, a server's charts, a log entry).

It reads the account state (``overview.from_state``): the lists it needs are asked for at once
when it opens (concurrently: the start-up costs about one round trip per 8 lists), then kept
fresh by the app's one poller every ``REFRESH`` seconds while it is in view. A part whose
request failed says the error, never "none" or "0"; a part kept after an error says it is
stale."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...catalogue import category, get, state_style
from ...state import Watch
from .. import accounting, routes
from ..bridge import StateChanged
from ..overview import COUNTED, DASHBOARD_LISTS, LOG_PERIOD, USAGE_PERIOD, Overview, from_state
from ..safe import clean, escape, markup
from ..visible import in_view
from ..widgets.health_banner import HealthBanner
from ..widgets.key_bar import KeyBar
from ..widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from ..app import OneAndOneApp

REFRESH = 60.0
STATE_COLORS = {"state-good": "green", "state-busy": "yellow", "state-bad": "red",
                "state-off": "bright_black"}


def resource_line(key: str, count: int | None, states: dict[str, int] | None,
                  loading: bool = False) -> Text:
    """One category's line; ``?`` when its list failed, ``…`` while it loads."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{category(key).title:<19}", style="bold")
    text.append(f"{('…' if loading else '?') if count is None else count:>4}  ")
    for i, (state, n) in enumerate(sorted((states or {}).items(), key=lambda s: -s[1])):
        if i:
            text.append(" · ", style="dim")
        style = STATE_COLORS.get(state_style({"state": state}) or "", "")
        text.append(f"{n} {clean(state.lower().replace('powered_', '').replace('_', ' '))}",
                    style=style)
    return text


def _stale(ov: Overview, key: str) -> str:
    # A border title is markup: the message is escaped, not just cleaned.
    return f"⚠ stale: {escape(ov.stale[key])}" if key in ov.stale else ""


class DashboardScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "explorer", "Explorer"),
        Binding("m", "open('monitoring_center')", "Monitoring"),
        Binding("l", "open('logs')", "Logs"),
        Binding("u", "open('usages')", "Usages"),
        Binding("p", "open('pricing')", "Pricing"),
        Binding("r", "refresh", "Refresh"),
    ]
    DEFAULT_CSS = """
    DashboardScreen #dash-body { height: 1fr; }
    DashboardScreen #dash-left { width: 1fr; }
    DashboardScreen #dash-right { width: 1fr; }
    DashboardScreen OptionList {
        border: round $panel; background: $surface; padding: 0 1; height: 1fr;
        border-title-color: $text; border-subtitle-color: $text-muted;
    }
    DashboardScreen OptionList:focus { border: round $accent; }
    DashboardScreen #dash-resources { height: auto; max-height: 17; }
    DashboardScreen #dash-alerts { height: 2fr; }
    DashboardScreen #dash-failures { height: 1fr; min-height: 4; }
    DashboardScreen #dash-activity { height: 2fr; }
    DashboardScreen #dash-cost {
        height: 1fr; border: round $panel; padding: 0 1; border-title-color: $text;
        background: $surface;
    }
    /* Under 100 columns the panels stack and the body scrolls. */
    DashboardScreen.-narrow #dash-body { layout: vertical; overflow-y: auto; }
    DashboardScreen.-narrow #dash-left, DashboardScreen.-narrow #dash-right {
        width: 100%; height: auto;
    }
    DashboardScreen.-narrow OptionList { height: auto; max-height: 14; }
    DashboardScreen.-narrow #dash-cost { height: auto; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.overview: Overview | None = None
        self._render_pending = False

    @property
    def oapp(self) -> OneAndOneApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        c = self.oapp.connection
        yield HealthBanner()
        yield Static(markup("[b]Account overview[/b] · $profile · $endpoint",
                            profile=c.profile, endpoint=c.endpoint), id="title")
        with Horizontal(id="dash-body"):
            with Vertical(id="dash-left"):
                yield OptionList(id="dash-resources")
                yield Static("Loading…", id="dash-cost")
            with Vertical(id="dash-right"):
                yield OptionList(id="dash-alerts")
                yield OptionList(id="dash-failures")
                yield OptionList(id="dash-activity")
        yield StatusBar(c)
        yield KeyBar()  # ? and q stay at any width (widgets/key_bar.py)

    async def on_resize(self) -> None:
        narrow = self.size.width < 100
        if narrow == self.has_class("-narrow"):
            return
        self.set_class(narrow, "-narrow")
        # Stacked (80x24), resources by state come first: the account's shape and what is
        # busy or off, each line a way into its category; alerts, failures and activity
        # follow and the cost last (the body scrolls).
        old = self.query_one("#dash-cost", Static)
        new = Static(old.content, id="dash-cost")
        new.border_title = old.border_title
        await old.remove()
        await self.query_one("#dash-body" if narrow else "#dash-left").mount(new)

    def on_mount(self) -> None:
        titles = {"#dash-resources": "Resources by state (enter opens the category)",
                  "#dash-alerts": "Alerts (enter: the server's charts)",
                  "#dash-failures": f"Recent failures ({LOG_PERIOD.lower().replace('_', ' ')})",
                  "#dash-activity": "Recent activity (enter: the entry)",
                  "#dash-cost": f"Cost estimate, {USAGE_PERIOD.lower().replace('_', ' ')}"}
        for selector, title in titles.items():
            self.query_one(selector).border_title = title
        for selector in ("#dash-resources", "#dash-alerts", "#dash-failures", "#dash-activity"):
            self.query_one(selector, OptionList).add_option(Option("Loading…", disabled=True))
        self.query_one("#dash-resources").focus()
        self.oapp.poller.watch(self, Watch(lists=DASHBOARD_LISTS, every=REFRESH,
                                           active=lambda: self.is_attached and in_view(self)))
        if any(self.oapp.state.list(k).loaded for k in DASHBOARD_LISTS):
            self._render_now()
        self.load()

    def on_unmount(self) -> None:
        self.oapp.poller.unwatch(self)

    def on_screen_resume(self) -> None:
        self.oapp.poller.nudge()

    # Exits on an error it does not expect: the poller catches what fetching can raise, so
    # what reaches here is a bug, for the crash handler (not a worker that stops silently).
    @work(exclusive=True, group="load")
    async def load(self, everything: bool = False) -> None:
        """Every list the dashboard needs and the state lacks (``everything``: all of them),
        asked for at once."""
        state = self.oapp.state
        keys = [k for k in DASHBOARD_LISTS if everything or not state.list(k).loaded]
        await self.oapp.poller.refresh_lists(keys)
        self._render_now()

    def on_state_changed(self, message: StateChanged) -> None:
        change = message.change
        if change.kind == "list" and change.category in DASHBOARD_LISTS \
                and not self._render_pending:
            # Many lists answer in one round: one redraw after them.
            self._render_pending = True
            self.call_later(self._render_now)

    def _render_now(self) -> None:
        self._render_pending = False
        self.overview = from_state(self.oapp.state)
        self._render_overview(self.overview)

    # -- rendering --------------------------------------------------------------------------------
    def _fill(self, selector: str, options: list[Option], empty: str) -> None:
        lst = self.query_one(selector, OptionList)
        highlighted = lst.highlighted
        lst.clear_options()
        lst.add_options(options or [Option(Text(empty, style="italic"), disabled=True)])
        if options and highlighted is not None:
            lst.highlighted = min(highlighted, len(options) - 1)

    def _render_overview(self, ov: Overview) -> None:
        resources = [Option(resource_line(c.key, ov.counts.get(c.key), ov.states.get(c.key),
                                          c.key not in ov.errors), id=f"cat:{c.key}")
                     for c in COUNTED]
        self._fill("#dash-resources", resources, "No resources.")
        total = sum(n or 0 for n in ov.counts.values())
        failed = [c.key for c in COUNTED if c.key in ov.errors]
        missing = [c.key for c in COUNTED if ov.counts.get(c.key) is None]
        subtitle = "" if len(missing) == len(COUNTED) else \
            f"{total}+ in all" if missing else f"{total} in all"
        if failed:
            subtitle += f" · {len(failed)} could not load"
        stale = [c.key for c in COUNTED if c.key in ov.stale]
        if stale:
            subtitle += f" · ⚠ {len(stale)} stale"
        self.query_one("#dash-resources").border_subtitle = subtitle.strip(" ·")

        alerts: list[Option] = []
        for a in ov.alerts:
            text = Text(no_wrap=True, overflow="ellipsis")
            crit = a.level == "CRITICAL"
            text.append("✖ " if crit else "▲ ", style="bold red" if crit else "bold yellow")
            text.append(f"{clean(a.server):<14} ", style="bold")
            text.append(clean(a.what), style="red" if crit else "yellow")
            alerts.append(Option(text, id=f"mc:{len(alerts)}"))
        crit_servers = len({a.server_id for a in ov.alerts if a.level == "CRITICAL"})
        self.query_one("#dash-alerts").border_subtitle = _stale(ov, "monitoring_center") or (
            f"{crit_servers} servers critical" if crit_servers else "")
        self._fill("#dash-alerts", alerts, self._empty(ov, "monitoring_center",
                                                       "No alerts: every check is OK."))

        failures = [Option(Text.assemble((f.when[:16].replace("T", " ") + "  ", "dim"),
                                         (clean(f.text), "red")),
                           id=f"fail:{i}")
                    for i, f in enumerate(ov.failures)]
        self.query_one("#dash-failures").border_subtitle = _stale(ov, "logs")
        self._fill("#dash-failures", failures,
                   self._empty(ov, "logs", "No failures in the last 7 days."))

        activity = []
        for e in ov.activity:
            state = str(get(e, "status.state") or "")
            text = Text(no_wrap=True, overflow="ellipsis")
            text.append(str(e.get("start_date") or "")[5:16].replace("T", " ") + " ", style="dim")
            mark, style = ("⟳", "yellow") if state == "RUNNING" else ("✓", "green") \
                if state in ("OK", "COMPLETED") else ("✖", "red")
            text.append(f"{mark} ", style=style)
            text.append(f"{clean(e.get('action'))} ", style="bold")
            text.append(f"{clean(get(e, 'resource.name') or '')} ")
            text.append(f"· {clean(get(e, 'user.name') or '?')}", style="dim")
            activity.append(Option(text, id=f"log:{e.get('id')}"))
        self._fill("#dash-activity", activity,
                   self._empty(ov, "logs", "No activity in the last 7 days."))
        self._render_cost(ov)

    @staticmethod
    def _empty(ov: Overview, key: str, none: str) -> str:
        """What an empty panel says: the error when its list failed, "Loading…" before it
        came, and only then that there is nothing."""
        if key in ov.errors:
            return f"Could not load: {clean(ov.errors[key])}"
        return none if key in ov.loaded else "Loading…"

    def _render_cost(self, ov: Overview) -> None:
        cost = self.query_one("#dash-cost", Static)
        est = ov.estimate
        cost.border_subtitle = _stale(ov, "usages") or _stale(ov, "pricing")
        if est is None:
            cost.update(Text(f"Could not load: {clean(ov.errors['pricing'])}" if "pricing" in
                             ov.errors else "Loading…", style="italic"))
            return
        text = Text()
        currency = clean(est.currency)
        text.append(f"≈ {est.net:,.2f} {currency}", style="bold")
        text.append(" net at list prices (usages × pricing)\n", style="dim")
        for group, value in sorted(est.by_group.items(), key=lambda g: -g[1]):
            text.append(f"  {clean(accounting.title(group)):<20}{value:>12,.2f} {currency}\n")
        if est.unpriced:
            text.append(f"No list price in /pricing for {clean(', '.join(est.unpriced))}: "
                        "left out\n",
                        style="dim")
        text.append("List prices, net: ", style="bold")
        text.append(clean(" · ".join(f"{name} {price:g}/{unit.replace('hour', 'h')}"
                                     for name, price, unit in est.prices)))
        cost.update(text)

    # -- events and actions -----------------------------------------------------------------------
    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        kind, _, rest = (event.option.id or "").partition(":")
        ov = self.overview
        if kind == "cat":
            self.oapp.show_category(rest)
        elif ov is None:
            return
        elif kind == "mc":
            from .monitoring import ServerChartsScreen

            alert = ov.alerts[int(rest)]
            self.app.push_screen(ServerChartsScreen(alert.server_id, alert.server))
        elif kind == "log":
            entry = next((e for e in ov.activity if str(e.get("id")) == rest), None)
            if entry is not None:
                self.oapp.open_detail("logs", entry)
        elif kind == "fail":
            failure = ov.failures[int(rest)]
            self.oapp.open_detail(failure.category, {"id": failure.id})

    def action_open(self, key: str) -> None:
        """A screen of its own opens over the dashboard (esc comes back here); a category
        opens in the explorer."""
        screen = routes.screen_class(key)
        if screen is not None:
            self.app.push_screen(screen())
        else:
            self.oapp.show_category(key)

    def action_explorer(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def action_refresh(self) -> None:
        self.load(everything=True)
        self.notify("Refreshing…", timeout=1.5)
