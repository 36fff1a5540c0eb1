"""The key bar at the bottom of a screen: the bindings that work now, drawn as one line.

Textual's ``Footer`` shows the same thing with one widget per key, and rebuilds them all
whenever the bindings may have changed (every focus change, every ``refresh_bindings``): ~25 ms
of styling each time, five times while the explorer starts, before and after its first frame
(benchmarks/: targets 1 and 7). This bar keeps the list of keys it shows and, when the bindings
change, redraws one line only if that list changed. It looks like the footer (same colours:
``$footer-*``), and a click on a key presses it.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

DIM = Style(dim=True)
#: Keys kept on screen at any width (drawn on the right, before the palette key): help and quit.
ALWAYS = ("question_mark", "q")


class Key(NamedTuple):
    key: str
    display: str
    description: str
    enabled: bool


class KeyBar(Widget):
    """A light ``Footer``: the shown bindings of the screen's active bindings, and the command
    palette's key on the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._keys: tuple[Key, ...] = ()
        self._palette: Key | None = None
        #: (start, end, key) of each key on the line, for clicks.
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    @property
    def keys(self) -> tuple[Key, ...]:
        """The keys shown (left to right, without the palette key)."""
        return self._keys

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen:
            return
        app = self.app
        shown: list[Key] = []
        actions: set[str] = set()
        active = screen.active_bindings
        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in actions:
                continue  # one key per action, as the footer does
            actions.add(binding.action)
            shown.append(Key(binding.key, app.get_key_display(binding), binding.description,
                             enabled))
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            binding = active[app.COMMAND_PALETTE_BINDING].binding
            palette = Key(binding.key, app.get_key_display(binding), binding.description, True)
        keys = tuple(shown)
        if keys != self._keys or palette != self._palette:
            self._keys, self._palette = keys, palette
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        desc_style = self.get_component_rich_style("key-bar--description")
        text = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, str]] = []
        kept = [k for k in self._keys if k.key in ALWAYS]
        rest = [k for k in self._keys if k.key not in ALWAYS]
        # When the line is short, a tighter spacing first (one cell less per key: at 120
        # columns a server's six direct keys fit with the rest), then keys give way.
        full = sum(len(k.display) + len(k.description) + 3 for k in self._keys) + \
            (len(self._palette.display) + len(self._palette.description) + 3
             if self._palette else 0)
        pad = " " if full <= self.size.width else ""
        # Positions are summed piece by piece (``Text.cell_len`` measures the whole text
        # again at each call: quadratic in the number of keys, ~1 ms a frame).
        end = 0
        for key in rest:
            start = end
            dim = DIM if not key.enabled else None
            first, second = f"{pad}{key.display} ", f"{key.description} "
            text.append(first, key_style + dim)
            text.append(second, desc_style + dim)
            end += cell_len(first) + cell_len(second)
            spans.append((start, end, key.key))
        # Kept on the right at any width: help and quit, then the palette (as the footer
        # docks it); the other keys give way from the right when the line is short.
        tail = Text(no_wrap=True, end="")
        tail_spans: list[tuple[int, int, str]] = []
        tail_end = 0
        for key in kept:
            start = tail_end
            first, second = f"{pad}{key.display} ", f"{key.description} "
            tail.append(first, key_style)
            tail.append(second, desc_style)
            tail_end += cell_len(first) + cell_len(second)
            tail_spans.append((start, tail_end, key.key))
        if self._palette is not None:
            start = tail_end
            pieces = ("▏", self._palette.display, f" {self._palette.description} ")
            tail.append(pieces[0], "dim")
            tail.append(pieces[1], key_style)
            tail.append(pieces[2], desc_style)
            tail_end += sum(cell_len(p) for p in pieces)
            tail_spans.append((start, tail_end, self._palette.key))
        if tail_end:
            room = max(0, self.size.width - tail_end)
            cut = [(a, b, k) for a, b, k in spans if b <= room]
            kept_end = cut[-1][1] if cut else 0
            text.truncate(kept_end)
            text.append(" " * (room - kept_end))
            spans = cut + [(room + a, room + b, k) for a, b, k in tail_spans]
            text.append_text(tail)
        self._spans = spans
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
