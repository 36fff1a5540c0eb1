"""The detail pane of one resource: one tab per section (the SDK's helper getters), related
resources as links (``enter`` jumps), live while the resource is changing."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from ...catalogue import Category, Item, Link, Section, category, is_transitional, state_text
from ..forms.keys import ACTION_BINDINGS, ActionsKeys
from ..rows import key_values, list_table
from ..safe import clean, safe
from ..views import find_secret, masked, render_view, secret_keys
from ..visible import Rounds
from ..widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from ..app import OneAndOneApp

FAST, SLOW = 2.0, 30.0
OVERVIEW = Section("Overview")


def _pane_id(index: int) -> str:
    return f"section-{index}"


class DetailScreen(Rounds, ActionsKeys, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "back", "Back"),
        Binding("r", "refresh", "Refresh"),
        Binding("y", "json", "JSON"),
        Binding("c", "copy_id", "Copy id"),
        Binding("v", "reveal", "Reveal"),
        Binding("K", "copy_key", "Copy key"),
        Binding("L", "logs", "Logs"),
        Binding("left,h", "previous_tab", "Prev tab", show=False),
        Binding("right,l", "next_tab", "Next tab", show=False),
        *ACTION_BINDINGS,
    ]
    DEFAULT_CSS = """
    DetailScreen #detail-title { height: 1; padding: 0 1; background: $primary-background; }
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
        self.item = item
        self.item_id = str(item.get("id"))
        self.sections: list[Section] = list(self.cat.sections) or [OVERVIEW]
        self.data: dict[int, Any] = {}
        self.errors: dict[int, str] = {}
        self.revealed = False
        self._wake = asyncio.Event()

    @property
    def oapp(self) -> OneAndOneApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static("", id="detail-title")
        with TabbedContent(id="tabs"):
            for i, section in enumerate(self.sections):
                with TabPane(section.title, id=_pane_id(i)), VerticalScroll():
                    yield Static("Loading…", classes="section-body")
                    if section.links is not None:
                        yield OptionList(classes="links")
        yield StatusBar(self.oapp.connection)
        yield Footer()

    def on_mount(self) -> None:
        self._render_title()
        for i in range(len(self.sections)):
            self._render_section(i)
        self.load_all()
        self.poll_loop()

    # -- data -------------------------------------------------------------------------------------
    @work(exclusive=True, group="detail-load", exit_on_error=False)
    async def load_all(self) -> None:
        feed = self.oapp.feed
        try:
            self.item = await feed.item(self.cat, self.item_id)
        except Exception as exc:
            self.errors[-1] = str(exc)
            self._render_title()
            self.notify(str(exc), title="Could not load", severity="error")
            return
        self._render_title()

        async def one(i: int, section: Section) -> None:
            try:
                self.data[i] = await feed.section(self.cat, section, self.item)
                self.errors.pop(i, None)
            except Exception as exc:
                self.errors[i] = str(exc)
            self._render_section(i)

        await asyncio.gather(*(one(i, s) for i, s in enumerate(self.sections)))
        self.oapp.mark_refreshed()

    @work(exclusive=True, group="detail-poll", exit_on_error=False)
    async def poll_loop(self) -> None:
        while True:
            interval = FAST if is_transitional(self.item) else SLOW
            await self.next_round(interval)
            if self.unseen():
                continue
            was_busy = is_transitional(self.item)
            try:
                self.item = await self.oapp.feed.item(self.cat, self.item_id)
            except Exception as exc:
                self.errors[-1] = str(exc)
                self._render_title()
                continue
            self.errors.pop(-1, None)
            self._render_title()
            self._render_section(0)
            self.oapp.mark_refreshed()
            if was_busy and not is_transitional(self.item) and \
                    not self.oapp.is_followed(self.cat.key, self.item_id):
                self.notify(f"{self.item_name()} is {state_text(self.item)}", title=self.cat.title)
                self.load_all()

    # -- rendering --------------------------------------------------------------------------------
    def item_name(self) -> str:
        return str(self.item.get("name") or self.item.get("ip") or self.item_id)

    def _render_title(self) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{self.cat.title} › ", style="dim")
        text.append(clean(self.item_name()), style="bold")
        state = state_text(self.item)
        if state:
            text.append(f"  {clean(state)}", style="bold yellow" if is_transitional(self.item)
                        else "bold")
        if -1 in self.errors:
            text.append(f"  ⚠ {clean(self.errors[-1])}", style="bold red")
        self.query_one("#detail-title", Static).update(text)

    def _render_section(self, index: int) -> None:
        section = self.sections[index]
        pane = self.query_one(f"#{_pane_id(index)}", TabPane)
        body = pane.query_one(".section-body", Static)
        if index in self.errors:
            body.update(Text(f"Could not load {section.title.lower()}: "
                             f"{clean(self.errors[index], multiline=True)}", style="bold red"))
            return
        data = self.item if section.call is None else self.data.get(index)
        if data is None and section.call is not None:
            loaded = index in self.data
            body.update(Text(section.empty if loaded else "Loading…", style="italic"))
            return
        if section.title == "Thresholds" and isinstance(data, dict):
            data = data.get("thresholds", {})
        if section.view is not None:
            body.update(render_view(section.view, data, self.revealed))
        elif isinstance(data, list):
            body.update(list_table(data, section.columns))
        else:
            body.update(key_values(data, section.secret_keys, self.revealed))
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
        """Poll now (the follower calls it when an operation starts or ends)."""
        self._wake.set()

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
