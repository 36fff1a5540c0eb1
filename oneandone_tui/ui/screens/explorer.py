"""The main screen: categories on the left, the selected category's table, a filter, and a
poller that keeps what is visible fresh."""

from __future__ import annotations

import asyncio
import functools
import time
from itertools import compress
from operator import itemgetter, ne
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from ...catalogue import Category, Item, category, is_transitional, state_text
from ..feed import changed_ids
from ..forms.keys import ACTION_BINDINGS, ActionsKeys
from ..routes import ROUTES
from ..rows import row_for, table_columns
from ..views import masked, secret_keys
from ..visible import Rounds
from ..widgets.key_bar import KeyBar
from ..widgets.resource_table import ResourceTable
from ..widgets.status_bar import StatusBar
from ..widgets.tree_pane import TreePane
from ..widgets.tree_preview import TreePreview
from .explorer_tree import FOLLOW_AFTER, TreeWiring

if TYPE_CHECKING:
    from ..app import OneAndOneApp

#: Poll intervals (seconds): while something changes, when all is stable, and the cap of the
#: error backoff. Idle: one list request per 15 s on the visible category (4 per minute).
FAST, SLOW, MAX_BACKOFF = 2.0, 15.0, 60.0
#: When stable, a refresh round may cost at most this share of one core: a round that took
#: 0.4 s of CPU (10,000 servers) waits 80 s, not 15 (capped at MAX_SLOW). See benchmarks/.
IDLE_CPU_SHARE, MAX_SLOW = 0.005, 120.0
#: A refresh of a list longer than this updates the rows on screen first, the others
#: REST_AFTER seconds later (after that frame).
VISIBLE_FIRST, REST_AFTER = 1000, 0.05
#: The other categories' counts in the nav: 23 requests, so rarely (1.5 a minute on average;
#: with the 4 refreshes of the visible category, 5.5 requests a minute when idle).
COUNTS_EVERY = 900.0
#: Seconds after the first rows before the nav's counts are asked for (then the forms loaded).
AFTER_FIRST_FRAME = 0.1


class ExplorerScreen(TreeWiring, Rounds, ActionsKeys, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter"),
        Binding("escape", "back", "Back/clear", show=False),
        Binding("r", "refresh", "Refresh"),
        Binding("y", "json", "JSON"),
        Binding("c", "copy_id", "Copy id"),
        Binding("ctrl+n", "toggle_nav", "Tree", show=False),
        *ACTION_BINDINGS,
    ]

    def __init__(self, start: str = "servers") -> None:
        super().__init__()
        self.cat: Category = category(start)
        self.items: dict[str, Item] = {}
        #: The ids of ``items`` in order, and their positions (for in-place refreshes).
        self._order: list[str] = []
        self._pos: dict[str, int] = {}
        #: Counts refreshes, so that a deferred half of an old one is dropped.
        self._generation = 0
        self._wake = asyncio.Event()
        self._errors_in_row = 0
        self._last_counts = 0.0
        self._busy_before: set[str] = set()
        self._nav_forced: bool | None = None
        #: The table holds only the first page while the rest of the list loads.
        self._partial = False
        #: CPU seconds the last stable refresh round cost (sets the idle interval).
        self._round_cpu = 0.0
        #: A list longer than one page was seen: the account is large (see load_counts).
        self._large = False

    @property
    def oapp(self) -> OneAndOneApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static("", id="title")
        with Horizontal(id="panes"):
            yield TreePane(self.make_tree_source(), id="nav")
            with Vertical(id="main"):
                yield Input(placeholder="filter (esc clears, enter keeps)", id="filter")
                yield ResourceTable(table_columns(self.cat.columns), id="table")
                yield TreePreview(id="preview")
        yield StatusBar(self.oapp.connection, id="status")
        yield KeyBar()  # a light Footer (see widgets/key_bar.py)

    @property
    def table(self) -> ResourceTable:
        return self.query_one(ResourceTable)

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        self.query_one(TreePreview).display = False
        self._fit_nav()
        self.account_tree.select_key(self.cat.key)
        self.account_tree.load_grace = 1.5 * FOLLOW_AFTER
        self.table.focus()
        self._update_title()
        first = self.oapp.take_first_page(self.cat.key)
        if first is not None and first.done() and not first.cancelled() \
                and first.exception() is None and first.result() is not None:
            # Asked for by the app before this screen existed, and here: in the first frame.
            page, complete = first.result()
            self._large = not complete
            self._apply(page, full=True, partial=not complete)
            self.load_category(shown=complete)
        else:
            self.load_category(first)
        self.poll_loop()
        # The nav's counts (one request per category) start once the table has its first
        # rows (load_category), so they do not compete with the first frame.

    def on_resize(self) -> None:
        self._fit_nav()

    def _fit_nav(self) -> None:
        """Narrow terminals (< 110 columns) give the table the whole width and ctrl+n lays
        the tree over it; from 110 columns the tree has its own column (ctrl+n hides it)."""
        nav = self.query_one(TreePane)
        narrow = self.app.size.width < 110
        nav.set_class(narrow, "-overlay")
        nav.display = self._nav_forced if self._nav_forced is not None else not narrow
        self.account_tree.followed_key = self.cat.key

    # -- loading ----------------------------------------------------------------------------------
    def show_category(self, key: str, *, focus: bool = True) -> None:
        """Show a category's table (``focus``: and give it the keys; not when the tree's
        cursor is moving over the categories)."""
        if key in ROUTES:  # a screen of its own (monitoring center, logs, usages)
            self.oapp.show_category(key)
            return
        if key == self.cat.key:
            if focus:
                self.table.focus()
            return
        self.cat = category(key)
        self.items = {}
        self._order, self._pos = [], {}
        self._busy_before = set()
        self._partial = False
        table = self.table
        table.set_columns(table_columns(self.cat.columns))
        table.set_rows([])
        table.empty_text = "Loading…"
        self._set_filter_visible(False)
        table.set_filter("")
        self.account_tree.select_key(key)
        self.account_tree.followed_key = key
        self._update_title()
        if focus:
            table.focus()
        self.refresh_bindings()
        self.load_category()

    @work(exclusive=True, group="load", exit_on_error=False)
    async def load_category(self, first: asyncio.Future[Any] | None = None,
                            shown: bool | None = None) -> None:
        """Load the category: one page first (its frame costs the same at 10,000 items as at
        100), then the whole list in one request. ``first``: that page, already asked for by
        the app (a task); ``shown``: that page is on screen already, and whether it was the
        whole list."""
        cat = self.cat
        feed = self.oapp.feed
        try:
            if shown is None:
                answer = await (first if first is not None else feed.first_page(cat))
                if cat is not self.cat:
                    return
                if answer is not None:
                    page, shown = answer
                    self._large = self._large or not shown
                    self._apply(page, full=True, partial=not shown)
            if shown:
                return
            if shown is not None:
                # The page on screen before the long request starts: rendering 10,000 servers
                # (in the emulator's thread or the network stack) would slow that frame.
                await self.table.wait_for_refresh()
            items = await feed.items(cat)
            if cat is self.cat:
                self._apply(items, full=True)
        except Exception as exc:
            self._partial = False
            self._failed(exc)
        finally:
            if not self._last_counts:
                # The nav's counts (a request per category) and the forms (with the request
                # objects they build) once the first rows are on screen: the first frame does
                # not wait for them (``call_after_refresh`` comes before the frame is drawn).
                self._last_counts = time.monotonic()
                self.load_counts(after=AFTER_FIRST_FRAME)
                self.set_timer(2 * AFTER_FIRST_FRAME, self._load_forms)

    def _load_forms(self) -> None:
        from ..forms import lazy

        lazy.registry()
        self.refresh_bindings()

    @work(exclusive=True, group="counts", exit_on_error=False)
    async def load_counts(self, after: float = 0.0) -> None:
        if after:
            await asyncio.sleep(after)
        self._last_counts = time.monotonic()
        # A large account's nav does not count the period reports (usages, logs): with
        # 10,000 servers the usage report alone is 9 MB and 40,000 lines, fetched for a number.
        counts = await self.oapp.feed.counts(reports=not self._large)
        self.tree_source.put_counts(counts)
        self._update_title()

    def _apply(self, items: list[Item], *, full: bool, partial: bool = False) -> None:
        self._generation += 1
        if full and len(items) > VISIBLE_FIRST and not partial and not self._partial:
            ids = same_order(items, self._order)
            if ids is not None:
                self._apply_in_place(items)
                return
        cat = self.cat
        fresh = keyed(cat, items)
        table = self.table
        table.empty_text = f"No {cat.title.lower()}"
        self._partial = partial
        if full:
            # A refresh redraws only the rows whose item changed: at 10,000 servers with one
            # changed, one row is built, not 10,000 (benchmarks/: target 3b).
            old = self.items
            long = len(fresh) > VISIBLE_FIRST
            same = changed_ids(old, fresh, table.visible_ids() if long else None)
            if same is not None and long:  # the rows on screen now, the others after the frame
                # (a timer: a refresh callback may run before the frame of these rows).
                rest = functools.partial(self._apply_rest, cat, old, fresh, set(same))
                self.set_timer(REST_AFTER, rest)
            self.items = fresh
            self._order = list(fresh)
            self._pos = {rid: i for i, rid in enumerate(self._order)}
            if same is not None:
                changed = set(same)
                table.update_rows(row_for(cat, fresh[rid]) for rid in same)
            else:
                rows, changed = [], set()
                for rid, item in fresh.items():
                    row = table.get_row(rid) if old.get(rid) == item else None
                    if row is None:
                        row = row_for(cat, item)
                        changed.add(rid)
                    rows.append(row)
                table.set_rows(rows)
        else:
            self.items.update(fresh)
            changed = set(fresh)
            table.update_rows(row_for(cat, i) for i in fresh.values())
        self._refreshed(changed, counted=full and not partial)

    def _refreshed(self, changed: set[str], *, counted: bool) -> None:
        self._errors_in_row = 0
        self.oapp.mark_refreshed()
        self._announce_settled(changed)
        if counted:
            self.tree_source.put_counts({self.cat.key: len(self.items)})
        self._update_title()

    def _apply_in_place(self, items: list[Item]) -> None:
        """A refresh of a long list whose resources and order did not change: compare the rows
        on screen now and the others after that frame, by position (in C), without building
        a dict of 10,000 items on the way to the frame (benchmarks/: target 3b)."""
        cat, table, pos = self.cat, self.table, self._pos
        values = list(self.items.values())
        now = [rid for rid in table.visible_ids()
               if (i := pos.get(rid)) is not None and items[i] != values[i]]
        for rid in now:
            self.items[rid] = items[pos[rid]]
        table.update_rows(row_for(cat, self.items[rid]) for rid in now)
        rest = functools.partial(self._apply_rest_in_place, cat, self._generation, items,
                                 values, set(now))
        self.set_timer(REST_AFTER, rest)
        self._refreshed(set(now), counted=True)

    def _apply_rest_in_place(self, cat: Category, generation: int, items: list[Item],
                             values: list[Item], done: set[str]) -> None:
        if cat is not self.cat or generation != self._generation:
            return  # a newer refresh has the newer items
        order = self._order
        rest = [order[i] for i in compress(range(len(items)), map(ne, items, values))
                if order[i] not in done]
        for rid in rest:
            self.items[rid] = items[self._pos[rid]]
        self.table.update_rows(row_for(cat, self.items[rid]) for rid in rest)
        self._announce_settled(set(rest))

    def _apply_rest(self, cat: Category, old: dict[str, Item], fresh: dict[str, Item],
                    done: set[str]) -> None:
        """The rows of a long refresh that were not on screen (see ``_apply``)."""
        if cat is not self.cat:
            return
        current = self.items
        rest = [rid for rid in changed_ids(old, fresh) or () if rid not in done
                and rid in current]
        self.table.update_rows(row_for(cat, current[rid]) for rid in rest)
        self._announce_settled(set(rest) if current is fresh else None)

    def _announce_settled(self, changed: set[str] | None = None) -> None:
        self.tree_refreshed()
        if changed is None:
            busy = {i for i, item in self.items.items() if is_transitional(item)}
        else:  # only changed items can have changed state
            items = self.items
            busy = {i for i in self._busy_before if i in items and i not in changed}
            busy |= {i for i in changed if is_transitional(items[i])}
        for done in self._busy_before - busy:
            item = self.items.get(done)
            if item is not None and not self.oapp.is_followed(self.cat.key, done):
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
        if self._busy_before:
            return FAST
        return max(SLOW, min(MAX_SLOW, self._round_cpu / IDLE_CPU_SHARE))

    @work(exclusive=True, group="poll", exit_on_error=False)
    async def poll_loop(self) -> None:
        while True:
            await self.next_round(self.interval())
            if self.unseen():
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
                cpu = time.process_time()
                items = await feed.items(cat)
                if cat is self.cat:
                    self._apply(items, full=True)
                    self._round_cpu = time.process_time() - cpu
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
        if self._partial:
            count += "+, loading…"
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
        nav = self.query_one(TreePane)
        nav.display = self._nav_forced = not nav.display
        if nav.display:
            self.account_tree.focus()
        else:
            self.hide_preview()
            self.table.focus()


_ID = itemgetter("id")


def same_order(items: list[Item], order: list[str]) -> list[str] | None:
    """The items' ids when they are exactly ``order`` (the same resources in the same order)."""
    if len(items) != len(order):
        return None
    try:
        ids = list(map(_ID, items))
    except (KeyError, TypeError):
        return None
    return ids if ids == order else None


def keyed(cat: Category, items: list[Item]) -> dict[str, Item]:
    """Items by row id. The API's ids are strings: ``itemgetter`` keys 10,000 servers in C
    (~1 ms) where ``cat.row_id`` per item takes ~2.5 ms, on the path of every refresh."""
    try:
        fresh = dict(zip(map(_ID, items), items, strict=True))
    except (KeyError, TypeError):
        return dict(zip(map(cat.row_id, items), items, strict=True))
    if fresh and not isinstance(next(iter(fresh)), str):
        return dict(zip(map(cat.row_id, items), items, strict=True))
    return fresh


def _label(item: Item) -> str:
    return str(item.get("name") or item.get("ip") or item.get("id"))


def selected_label(item: Any) -> str:
    return _label(item)
