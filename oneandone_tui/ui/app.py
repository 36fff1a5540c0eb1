"""The application: thin. It owns the client (given to it), the feed, the account state and
its one poller (``oneandone_tui/state``; the bridge turns their changes into messages for the
screens), the connection facts for the status line, and the global keys; screens do the
rest."""

from __future__ import annotations

import asyncio
import gc
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from ..catalogue import CATEGORIES, Item, Link, category
from . import routes, timing
from .commands import OneAndOneCommands
from .feed import Feed
from .forms.rules import DIRECT_KEYS
from .journal import Journal
from .safe import clean
from .widgets.status_bar import Connection, StatusBar

if TYPE_CHECKING:
    from .client_protocol import UiClient

#: How long the start waits for the first category's first page before showing the explorer
#: anyway (see ``_prefetch``).
PREFETCH_WAIT = 0.2


class OneAndOneApp(App[None]):
    TITLE = "oneandone-tui"
    CSS_PATH = "styles/app.tcss"
    COMMANDS = App.COMMANDS | {OneAndOneCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Help"),
        Binding("colon", "jump", "Jump"),
        Binding("D", "dashboard", "Dashboard", show=False),
        Binding("J", "journal", "Journal", show=False),
        Binding("T", "token", "New token", show=False),
        # Reached only when the screen turned its n/e/ctrl+d/a off (read-only): say why.
        Binding("n,e,ctrl+d,a", "read_only_refusal", show=False),
        # Reached when a server's direct key is off (dimmed: it does not apply now): say why.
        *(Binding(key, f"direct_refused('{action}')", show=False)
          for action, key in DIRECT_KEYS["servers"].items()),
    ]

    def __init__(self, client: UiClient | None, connection: Connection, *,
                 start: str = "servers") -> None:
        super().__init__()
        self.start_category = start if start in {c.key for c in CATEGORIES} \
            and start not in routes.ROUTES else "servers"
        #: A richer screen (the dashboard, logs...) opened over the explorer at start.
        self.start_screen = start if start in routes.ROUTES else None
        self.last_refresh: float | None = None
        #: A screen shown before the explorer (the first-run token prompt).
        self.first_screen: Any = None
        #: None only while the first-run screen asks for a token (``connect`` sets it).
        self.client: UiClient | None = None
        self.connection = connection
        #: Every mutating request of this session (``J``), and the follower of operations.
        self.journal = Journal()
        self._follower: Any = None
        #: The start category's first page, asked for before the explorer is shown.
        self._first_page: tuple[str, asyncio.Future[Any]] | None = None
        #: Saves a token entered after a 401 (the profile, like the first-run screen); None
        #: when nothing is saved (the demo, a token from the environment).
        self.save_token: Any = None
        if client is not None:
            self._wire(client)

    @property
    def follower(self) -> Any:
        """The follower of operations, built (and the forms imported) on first use: the first
        frame does not wait for them."""
        if self._follower is None:
            from .follow import Follower

            self._follower = Follower(self)
        return self._follower

    def is_followed(self, category_key: str, item_id: str) -> bool:
        """Whether an operation on this resource is being followed (its toast is the
        follower's, not the poller's)."""
        return self._follower is not None and self._follower.quiet(category_key, item_id)

    def _wire(self, client: UiClient) -> None:
        from ..state import Poller
        from .bridge import Bridge

        self.client = client
        self.feed = Feed(client)
        # The UI's clock (``timing``), read at each call: snapshot tests freeze it.
        self.poller = Poller(self.feed, clock=lambda: timing.monotonic())
        self.state = self.poller.state
        self.bridge = Bridge(self)
        self.poller.round_listeners.append(self.push_counts)
        if hasattr(client, "observer") and client.observer is None:
            client.observer = self._observe

    def _start_polling(self) -> None:
        # A bug in a round (the poller catches only what fetching can raise) reaches the crash
        # handler: polling that stopped silently would leave every screen stale for ever.
        self.run_worker(self.poller.run(), group="poll", name="poller")

    async def on_mount(self) -> None:
        # The CLI turns the cyclic collector off for the start-up; back on once the first
        # screen has had time to draw.
        self.set_timer(1.5, gc.enable)
        if self.first_screen is not None:
            self.push_screen(self.first_screen)
            return
        await self._prefetch()
        # Not here: Textual runs the app's Mount inside its start-up batch, where a screen's
        # first frame is rendered and then thrown away (~11 ms at 120x40) and drawn again
        # after the batch. Pushed just after the batch, the explorer's first frame is drawn
        # once, and it is the finished one (benchmarks/, target 1).
        self.call_later(self._explore_and_poll)

    def _explore_and_poll(self) -> None:
        self._explore()
        self._start_polling()

    async def _prefetch(self) -> None:
        """Ask for the start category's first page before the explorer exists, and wait for it
        a moment (``PREFETCH_WAIT``): a quick answer (the demo's in-process emulator, a near
        API) makes the first frame show the rows, not an empty table filled a frame later
        (~25 ms of start-up: benchmarks/, target 1). A slow answer does not hold the screen
        back: the explorer takes it when it comes (``take_first_page``)."""
        if self.start_screen is not None:
            return
        cat = category(self.start_category)
        task = asyncio.ensure_future(self.poller.load(cat.key))
        # Retrieved here so that a failure nobody took (the user left the category) is not
        # reported as never retrieved; the explorer still sees it by awaiting the task.
        task.add_done_callback(lambda t: t.cancelled() or t.exception())
        self._first_page = (cat.key, task)
        await asyncio.wait({task}, timeout=PREFETCH_WAIT)

    def take_first_page(self, category_key: str) -> asyncio.Future[Any] | None:
        """The loading of the start category's list begun at start (a task, perhaps done),
        once, if it is of this category."""
        first, self._first_page = self._first_page, None
        return first[1] if first is not None and first[0] == category_key else None

    def _explore(self) -> None:
        from .screens.explorer import ExplorerScreen

        self.push_screen(ExplorerScreen(self.start_category))
        if self.start_screen:
            self.show_category(self.start_screen)

    def connect(self, client: UiClient, connection: Connection) -> None:
        """Leave the first-run screen for the explorer, with this client."""
        self._wire(client)
        self.connection = connection
        if self.first_screen is not None and self.screen is self.first_screen:
            self.pop_screen()
        self.first_screen = None
        self._explore()
        self._start_polling()

    async def on_unmount(self) -> None:
        close = getattr(self.client, "aclose", None)
        if close is not None:
            await close()

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every toast of the app (``Widget.notify`` and ``Screen.notify`` come here too).
        Messages and titles hold resource names and the API's error messages (DESIGN §9 rule
        1): they are cleaned and never read as markup, whatever the caller asked."""
        super().notify(clean(message, multiline=True), title=clean(title), severity=severity,
                       timeout=timeout, markup=False)

    # -- crashes --------------------------------------------------------------------------------
    #: The unexpected error that stopped the app (None while it runs or after a normal exit):
    #: the launcher writes the crash report from it (``crash.py``).
    crash_error: BaseException | None = None

    def _handle_exception(self, error: Exception) -> None:
        if self.crash_error is None:
            # A worker's bug arrives wrapped in WorkerFailed: the report names the bug itself.
            from textual.worker import WorkerFailed

            self.crash_error = error.error if isinstance(error, WorkerFailed) else error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Textual prints a crash as a traceback with every frame's local variables: a frame
        of the client may hold the request headers, and so the token. One line instead; the
        traceback (no locals, secrets redacted) goes to the crash report."""
        from rich.text import Text

        self.bell()
        name = type(self.crash_error).__name__ if self.crash_error is not None else "error"
        self._exit_renderables.append(Text(f"oneandone-tui stopped on an unexpected {name}.",
                                           style="bold red"))
        self._close_messages_no_wait()

    # -- status line ------------------------------------------------------------------------------
    def _observe(self, event: Any) -> None:
        self.journal.record(event)
        if getattr(event, "status", None) == 401 and self.state.health.status != "auth":
            # Any request (a form's, a chart's) that hears 401: one banner, polling stops.
            self.state.set_health("auth", "401: the token was refused")
        self.call_later(self.push_counts)

    # -- a new token after a 401 ------------------------------------------------------------------
    def action_token(self) -> None:
        from .screens.token import TokenScreen

        if isinstance(self.screen, TokenScreen) or self.client is None:
            return
        where = "saved to the profile (mode 0600)" if self.save_token is not None \
            else "used for this session"
        self.push_screen(TokenScreen(self.check_token, where), self._new_token)

    async def check_token(self, token: str) -> str | None:
        """None when the API accepts ``token``; the client keeps it then (else the old one)."""
        from ..api.errors import ApiError, AuthError

        client = self.client
        if client is None:  # the first-run screen checks its own token
            return "No API client yet."
        old = client.token
        client.set_token(token)
        try:
            await client.ping.ping_auth()
        except AuthError:
            client.set_token(old)
            return "The API refused this token (401/403). Check it and try again."
        except ApiError as exc:
            client.set_token(old)
            return f"Could not check the token: {exc}"
        return None

    def _new_token(self, token: str | None) -> None:
        if not token:
            return
        if self.save_token is not None:
            from ..config import ConfigError

            try:
                self.save_token(token)
            except (OSError, ConfigError) as exc:  # unwritable, or a config it cannot read
                self.notify(f"The token works but could not be saved: {exc}",
                            severity="warning")
        self.poller.resume()
        self.notify("Token accepted: refreshing again", title="API token")

    def action_journal(self) -> None:
        from .screens.journal import JournalScreen

        if not isinstance(self.screen, JournalScreen):
            self.push_screen(JournalScreen(self.journal))

    def action_read_only_refusal(self) -> None:
        from .forms.registry import read_only, refuse

        if read_only(self):
            refuse(self, "changes")

    def action_direct_refused(self, action_key: str) -> None:
        """A direct key the screen turned off: read-only, or it does not apply to the
        selection now (the toast says why; nothing is sent)."""
        from .forms.registry import find, read_only, refuse

        screen = self.screen
        cat = getattr(screen, "cat", None)
        why = getattr(screen, "_direct_reason", None)
        if cat is None or why is None or action_key not in DIRECT_KEYS.get(cat.key, {}):
            return
        action = find(cat.key, action_key)
        if action is None:
            return
        if read_only(self) and action.changes:
            refuse(self, action.title)
            return
        reason = why(action_key)
        if reason:
            self.notify(f"{action.title}: {reason}. Nothing was sent.", title=action.title,
                        severity="warning")

    def mark_refreshed(self) -> None:
        """A screen that fetches on its own (logs, usages, charts) received data."""
        self.last_refresh = timing.monotonic()
        self.push_counts()

    def refreshed_at(self) -> float | None:
        """When data last arrived, from the poller or a screen's own request (the status
        line's "refreshed": never a time when only errors came)."""
        times = [t for t in (self.last_refresh, getattr(self.state, "last_data", None))
                 if t is not None] if self.client is not None else []
        return max(times) if times else None

    def rate_limit_wait(self) -> float:
        """Seconds the client last had to wait for a rate limit (0 when it never had to)."""
        stats = getattr(self.client, "stats", None)
        return float(getattr(stats, "last_rate_limit_wait", 0.0) or 0.0) if stats else 0.0

    def push_counts(self) -> None:
        """Every screen's status line, the covered ones too: the explorer under the dashboard
        shows the same counts when the dashboard is closed."""
        stats = getattr(self.client, "stats", None)
        bars = [bar for screen in self.screen_stack for bar in screen.query(StatusBar)]
        for bar in bars:
            bar.update_counts(
                requests=getattr(stats, "requests", 0), errors=getattr(stats, "errors", 0),
                rate_limit_wait=float(getattr(stats, "last_rate_limit_wait", 0) or 0),
                last_refresh=self.refreshed_at())

    # -- navigation -------------------------------------------------------------------------------
    def explorer(self):
        from .screens.explorer import ExplorerScreen

        for screen in self.screen_stack:
            if isinstance(screen, ExplorerScreen):
                return screen
        return None

    def show_category(self, key: str) -> None:
        explorer = self.explorer()
        rich = routes.screen_class(key)
        if rich is not None and type(self.screen) is rich:
            return
        while self.screen is not explorer and len(self.screen_stack) > 2:
            self.pop_screen()
        if rich is not None:
            self.push_screen(rich())
        elif explorer is not None:
            explorer.show_category(key)

    def show_dashboard(self) -> None:
        self.show_category("dashboard")

    def action_dashboard(self) -> None:
        self.show_dashboard()

    def open_logs(self, resource_id: str | None = None, resource_name: str = "") -> None:
        """The logs screen over the current one; with a resource, only its entries."""
        from .screens.logs import LogsScreen

        self.push_screen(LogsScreen(resource_id=resource_id, resource_name=resource_name))

    def open_detail(self, category_key: str, item: Item) -> None:
        from .screens.detail import DetailScreen

        self.push_screen(DetailScreen(category_key, item))

    def open_link(self, link: Link) -> None:
        cat = category(link.category)
        if cat.gettable:
            self.open_detail(link.category, {"id": link.id, "name": link.label})
        else:
            self.show_category(link.category)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        # Every key, those of the screen underneath first (screens/help_keys.py).
        self.push_screen(HelpScreen(self.screen))

    def action_jump(self) -> None:
        from .screens.jump import JumpScreen

        def go(key: str | None) -> None:
            if key:
                self.show_category(key)

        choices = [(c.key, c.title, c.aliases) for c in CATEGORIES] + routes.JUMP_TARGETS
        self.push_screen(JumpScreen(choices), go)
