"""The detail pane of one resource: one tab per section (the SDK's helper getters), related
resources as links (``enter`` jumps).

It shows the account state (``oneandone_tui/state``): the resource's full object and each
tab's data are state sections, kept fresh by the app's one poller. The category's list is
watched too (one request per round for every reader), so a tab is fetched again when its
resource's list item changes (a rule added, a state settled: the app's own operation or
anyone else's), on the slow cadence otherwise (``SECTION_EVERY``, the tab in view only), and
when it is shown after that. A deploying resource's progress comes from the list alone.
After an error the last good data stays, marked stale with its age."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from ...catalogue import Category, Item, Link, Section, category, is_transitional, state_text
from ...state import ITEM, SLOW, Entry, Watch
from ...state.poller import STATE_KEYS
from ..bridge import StateChanged
from ..forms.keys import ACTION_BINDINGS, ActionsKeys
from ..rows import key_values, list_table
from ..safe import clean, safe
from ..sizes import named, size_names
from ..stale import ago, stale_note
from ..views import find_secret, masked, render_view, secret_keys
from ..visible import in_view
from ..widgets.health_banner import HealthBanner
from ..widgets.key_bar import KeyBar
from ..widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from ..app import OneAndOneApp

OVERVIEW = Section("Overview")


def _pane_id(index: int) -> str:
    return f"section-{index}"


def stale_line(age: float | None, error: str, what: str) -> str:
    """``stale_note`` for account text: the error cleaned, ``what`` a section's title."""
    return stale_note(age, clean(error, multiline=True), f"the {what}")


def gone_note(age: float | None, what: str) -> str:
    """The line of a resource the API no longer knows (404): deleted, here or elsewhere."""
    when = "" if age is None else f" as last seen {ago(age)} ago"
    return (f"✗ This {what} no longer exists: the API answers 404 for it (deleted). Shown"
            f"{when}; nothing can be done to it. esc goes back.")


class DetailScreen(ActionsKeys, Screen[None]):
    # The actions and a server's direct keys early in the footer (it cuts from the right);
    # y and c are in the help (?) and the README's key table.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "back", "Back"),
        *ACTION_BINDINGS,
        Binding("r", "refresh", "Refresh"),
        Binding("y", "json", "JSON", show=False),
        Binding("c", "copy_id", "Copy id", show=False),
        Binding("v", "reveal", "Reveal"),
        Binding("K", "copy_key", "Copy key"),
        Binding("L", "logs", "Logs"),
        Binding("left,h", "previous_tab", "Prev tab", show=False),
        Binding("right,l", "next_tab", "Next tab", show=False),
    ]
    DEFAULT_CSS = """
    DetailScreen #detail-title { height: 1; padding: 0 1; background: $primary-background; }
    DetailScreen #detail-error { height: auto; padding: 0 1; color: $error; }
    DetailScreen TabbedContent { height: 1fr; }
    DetailScreen ContentSwitcher { height: 1fr; }
    DetailScreen TabPane { padding: 0 1; height: 1fr; }
    DetailScreen TabPane > VerticalScroll { height: 1fr; }
    DetailScreen OptionList { height: auto; max-height: 12; margin-top: 1;
                              border: round $panel; }
    DetailScreen OptionList:focus { border: round $accent; }
    """

    def __init__(self, category_key: str, item: Item) -> None:
        super().__init__()
        self.cat: Category = category(category_key)
        #: What the opener knew (a table row, a link's id and name) until the state knows more.
        self._given = item
        self.item_id = str(item.get("id"))
        self.sections: list[Section] = list(self.cat.sections) or [OVERVIEW]
        self.revealed = False
        #: Whether the resource was in a transitional state at the last redraw.
        self._was_busy = is_transitional(item)

    @property
    def oapp(self) -> OneAndOneApp:
        return self.app

    def compose(self) -> ComposeResult:
        yield HealthBanner()
        yield Static("", id="detail-title")
        yield Static("", id="detail-error")
        with TabbedContent(id="tabs"):
            for i, section in enumerate(self.sections):
                with TabPane(section.title, id=_pane_id(i)), VerticalScroll():
                    yield Static("Loading…", classes="section-body")
                    if section.links is not None:
                        yield OptionList(classes="links")
        yield StatusBar(self.oapp.connection)
        yield KeyBar()  # ? and q stay at any width (widgets/key_bar.py)

    def on_mount(self) -> None:
        self.query_one("#detail-error").display = False
        self._render_title()
        for i in range(len(self.sections)):
            self._render_section(i)
        self.oapp.poller.watch(self, Watch(
            lists=self._lists, sections=self._watched, every=SLOW,
            active=lambda: self.is_attached and in_view(self)))
        self.load_all()
        if self.cat.key == "servers":
            self._name_sizes()

    @work(group="detail-sizes")  # size_names answers {} when unreadable: a raise is a bug
    async def _name_sizes(self) -> None:
        """The fixed size's name (XL) instead of its id, once the catalogue is read."""
        if await size_names(self.app):
            for i in range(len(self.sections)):
                self._render_section(i)

    def on_unmount(self) -> None:
        self.oapp.poller.unwatch(self)

    def on_screen_resume(self) -> None:
        self.oapp.poller.nudge()

    # -- data (the account state) -----------------------------------------------------------------
    def _key(self, section: Section | None) -> tuple[str, str, str]:
        title = ITEM if section is None or section.call is None else section.title
        return (self.cat.key, self.item_id, title)

    def _lists(self) -> tuple[str, ...]:
        """The category's list: it answers the resource's state, and says when it changed.
        A server's alerts come from the monitoring center's list (``overview``'s one
        source)."""
        own = (self.cat.key,) if self.cat.list_call == "list" else ()
        return (*own, "monitoring_center") if self.cat.key == "servers" else own

    def _watched(self) -> set[tuple[str, str, str]]:
        """The resource's object and the tab in view (the others: when they are shown)."""
        keys = {self._key(None)}
        section = self._active_section()
        if section is not None and section.call is not None:
            keys.add(self._key(section))
        return keys

    def _active_section(self) -> Section | None:
        try:
            active = self.query_one(TabbedContent).active
        except NoMatches:  # before the tabs are composed
            return self.sections[0]
        ids = [_pane_id(i) for i in range(len(self.sections))]
        return self.sections[ids.index(active)] if active in ids else self.sections[0]

    def _entry(self, section: Section | None) -> Entry:
        return self.oapp.state.section(*self._key(section))

    @property
    def item(self) -> Item:
        """The resource: its full object, with the state its list answered since (a
        deploying server's percent comes with the list, not with a GET per round)."""
        state = self.oapp.state
        full = self._entry(None)
        item = full.data if isinstance(full.data, dict) else self._given
        listed = state.item(self.cat.key, self.item_id)
        entry = state.lists.get(self.cat.key)
        if listed is not None and entry is not None and (
                full.fetched_at is None or (entry.fetched_at or 0) >= full.fetched_at):
            item = {**item, **{k: listed[k] for k in STATE_KEYS if k in listed}}
        return item

    @property
    def data(self) -> dict[int, Any]:
        """Each loaded section's data by tab index."""
        out: dict[int, Any] = {}
        for i, section in enumerate(self.sections):
            if section.call is None:
                continue
            entry = self._entry(section)
            if entry.loaded:
                out[i] = entry.data
        return out

    # Exits on an error it does not expect: the poller catches what fetching can raise, so
    # what reaches here is a bug, for the crash handler (not a worker that stops silently).
    @work(exclusive=True, group="detail-load")
    async def load_all(self) -> None:
        """Every tab now (the screen just opened, the refresh key); then the poller keeps the
        one in view fresh."""
        keys = [self._key(None)] + [self._key(s) for s in self.sections if s.call is not None]
        missing = [k for k in self._lists() if not self.oapp.state.list(k).loaded]
        await asyncio.gather(self.oapp.poller.fetch(keys),
                             self.oapp.poller.refresh_lists(missing))

    def on_state_changed(self, message: StateChanged) -> None:
        change = message.change
        if change.kind == "list" and change.category == "monitoring_center" \
                and self.cat.key == "servers":
            self._render_section(0)
            return
        if change.category != self.cat.key:
            return
        if change.kind == "list":
            busy = is_transitional(self.item)
            if busy != self._was_busy or change.ids is None or self.item_id in change.ids:
                self._render_title()
                self._render_section(0)
            self._was_busy = busy
            return
        if change.kind != "section" or change.ids != (self.item_id,):
            return
        if change.section == ITEM:
            self._render_title()
            for i, section in enumerate(self.sections):
                if section.call is None:
                    self._render_section(i)
        else:
            for i, section in enumerate(self.sections):
                if section.title == change.section and section.call is not None:
                    self._render_section(i)

    @on(TabbedContent.TabActivated)
    def _tab_shown(self) -> None:
        """A tab shown: fetched again unless its data is fresh (the poller watches it now)."""
        section = self._active_section()
        if section is None or section.call is None:
            return
        entry = self._entry(section)
        age = self.oapp.state.age(entry)
        if age is None or age > 2.0 or entry.error:
            self.oapp.poller.request_section(self._key(section))

    # -- rendering --------------------------------------------------------------------------------
    def item_name(self) -> str:
        return str(self.item.get("name") or self.item.get("ip") or self.item_id)

    def _render_title(self) -> None:
        item = self.item
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{self.cat.title} › ", style="dim")
        text.append(clean(self.item_name()), style="bold")
        full = self._entry(None)
        state = state_text(item)
        if full.gone:
            text.append("  DELETED", style="bold red")
        elif state:
            text.append(f"  {clean(state)}", style="bold yellow" if is_transitional(item)
                        else "bold")
        self.query_one("#detail-title", Static).update(text)
        # The resource's own error on a line of its own, wrapped (never cut).
        line = self.query_one("#detail-error", Static)
        line.display = full.error is not None
        if full.gone:
            line.update(Text(gone_note(self.oapp.state.age(full),
                                       self.cat.title.lower().rstrip("s")), style="bold red"))
        elif full.error is not None:
            line.update(Text(stale_line(self.oapp.state.age(full), full.error,
                                        self.cat.title.lower().rstrip("s"))))
        self.refresh_bindings()  # the direct keys dim when the new state rules them out

    def _render_section(self, index: int) -> None:
        section = self.sections[index]
        pane = self.query_one(f"#{_pane_id(index)}", TabPane)
        body = pane.query_one(".section-body", Static)
        entry = self._entry(section if section.call is not None else None)
        if entry.error is not None and not entry.loaded:
            error = clean(entry.error, multiline=True)
            body.update(Text(f"Could not load {section.title.lower()}: {error}",
                             style="bold red"))
            return
        data = self.item if section.call is None else entry.data
        if section.call is None and self.cat.key == "servers":
            from ..overview import server_alerts_text

            data = {**data, "alerts": server_alerts_text(self.oapp.state, self.item_id)}
        if data is None and section.call is not None:
            body.update(Text(section.empty if entry.loaded else "Loading…", style="italic"))
            return
        if section.title == "Thresholds" and isinstance(data, dict):
            data = data.get("thresholds", {})
        data = named(data, getattr(self.app, "_fixed_size_names", None) or {})
        if section.view is not None:
            shown: Any = render_view(section.view, data, self.revealed)
        elif isinstance(data, list):
            shown = list_table(data, section.columns)
        else:
            shown = key_values(data, section.secret_keys, self.revealed)
        if entry.stale and section.call is not None:
            shown = Group(Text(stale_line(self.oapp.state.age(entry), entry.error or "",
                                          section.title.lower()), style="bold yellow"), shown)
        body.update(shown)
        if section.links is not None:
            self._render_links(pane, section.links(data))

    def _render_links(self, pane: TabPane, links: list[Link]) -> None:
        options = pane.query_one(OptionList)
        options.clear_options()
        if not links:
            options.display = False
            return
        options.display = True
        options.border_title = "Related (enter opens)"
        options.add_options(Option(safe(f"→ {link.label}"), id=f"{i}")
                            for i, link in enumerate(links))
        options.links = links  # type: ignore[attr-defined]

    @on(OptionList.OptionSelected, ".links")
    def _follow(self, event: OptionList.OptionSelected) -> None:
        links: list[Link] = getattr(event.option_list, "links", [])
        link = links[int(event.option.id or 0)]
        self.oapp.open_link(link)

    # -- actions ----------------------------------------------------------------------------------
    def wake(self) -> None:
        """A round now (tests that move the emulator's clock)."""
        self.oapp.poller.wake()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_refresh(self) -> None:
        self.load_all()

    def action_json(self) -> None:
        from .json_view import JsonScreen

        item = self.item if self.revealed else masked(self.item, secret_keys(self.cat))
        self.app.push_screen(JsonScreen(f"{self.cat.title}: {self.item_name()}", item))

    def action_copy_id(self) -> None:
        self.app.copy_to_clipboard(self.item_id)
        self.notify(f"Copied {self.item_id}")

    def action_reveal(self) -> None:
        if not any(s.secret_keys for s in self.sections):
            return
        self.revealed = not self.revealed
        for i in range(len(self.sections)):
            self._render_section(i)
        self.notify("Secrets revealed (v hides them)" if self.revealed else "Secrets hidden")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that only mean something for some categories are hidden elsewhere."""
        if action == "reveal":
            return bool(secret_keys(self.cat))
        if action == "copy_key":
            return "key" in secret_keys(self.cat)
        if action == "logs":
            return bool(self.cat.log_types)
        if action in ("direct", "actions", "edit", "delete") and self._entry(None).gone:
            return None  # shown dimmed: a deleted resource takes no action
        return super().check_action(action, parameters)

    def action_copy_key(self) -> None:
        """Copy the API key without showing it (it stays masked unless revealed)."""
        key = find_secret([self.item, *self.data.values()], {"key"})
        if key is None:
            self.notify("No API key to copy", severity="warning")
            return
        self.app.copy_to_clipboard(key)
        self.notify(f"API key of {self.item_name()} copied to the clipboard")

    def action_logs(self) -> None:
        self.oapp.open_logs(self.item_id, self.item_name())

    def _tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        ids = [_pane_id(i) for i in range(len(self.sections))]
        current = ids.index(tabs.active) if tabs.active in ids else 0
        tabs.active = ids[(current + step) % len(ids)]

    def action_next_tab(self) -> None:
        self._tab(1)

    def action_previous_tab(self) -> None:
        self._tab(-1)
