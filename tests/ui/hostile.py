"""Helpers for the hostile-data tests: an account whose strings are attacks, and what the
screen would write to the terminal.

Two checks on every screen: (1) no segment the compositor draws holds a control, bidi or other
invisible character (the data level: Textual's own escape codes are not in segments), and
(2) the bytes the driver would write hold no escape sequence but the renderer's own colours
(SGR ``m``) and cursor positions (``row;colH``), no OSC (``ESC ]``: terminal title, clipboard),
no BEL (the data would bring ``\\x1b[2J`` or ``\\x1b]0;…\\x07`` here)."""

from __future__ import annotations

import json
import re
from typing import Any

from rich.console import Console

from oneandone_tui.emulator import core
from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from oneandone_tui.ui.safe import clean, unsafe_characters

#: The attacks of issue 11 and their cousins.
ATTACKS = [
    "[/]",
    "[bold]x[/bold]",
    "[@click=app.quit]click me[/]",
    "\\",
    "\x1b]0;PWNED\x07",
    "\x1b[2J\x1b[H",
    "‮gpj.exe",
    "a⁦b⁩c‎",
    "bad\ud800",
    "\x9b31mC1",
    "e\u0301\u0301\u0301 漢字 😀",
]

_RENDERER = re.compile(r"\x1b\[[0-9;]*m|\x1b\[\d+;\d+H")


def wire_like_the_api(monkeypatch: Any) -> None:
    """The emulator encodes its answers as the real API may: ASCII JSON, so a lone surrogate
    travels as ``\\ud800`` and decodes into the client's strings."""
    monkeypatch.setattr(core, "_encode", lambda body: json.dumps(
        body, ensure_ascii=True, separators=(",", ":")).encode("ascii"))


def hostile_app(text: str, **kw: Any) -> tuple[Any, dict[str, Any]]:
    """The demo app whose first server (by name) is called ``text`` and described as ``text``;
    its log entries name it so too. Returns (app, that server's record)."""
    app = make_demo_app(clock=ManualClock(), **kw)
    store = app.emulator.store
    server = min(store.servers.values(), key=lambda s: s["name"])
    server["name"] = text
    server["description"] = text
    for entry in store.logs:
        if (entry.get("resource") or {}).get("id") == server["id"]:
            entry["resource"]["name"] = text
    return app, server


def fail_with(app: Any, message: str, match: str) -> list[bool]:
    """Every request whose ``METHOD /path`` contains ``match`` is refused with a 400 whose
    message is ``message`` (an API error message is account data too), until the returned
    switch is set to False (``switch[0] = False``)."""
    emu = app.emulator
    original = emu.handle
    armed = [True]

    def handle(method: str, path: str, *args: Any, **kw: Any) -> Any:
        if armed[0] and match in f"{method.upper()} {path}":
            return core.json_response(400, {"type": "BAD_REQUEST", "message": message,
                                            "errors": None})
        return original(method, path, *args, **kw)

    emu.handle = handle
    return armed


def screen_segments(app: Any) -> str:
    """Every character the compositor draws for the current screen (all layers: toasts,
    modals), one line per screen row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def terminal_bytes(app: Any) -> str:
    """What the driver would write for a full repaint of the current screen."""
    console = Console(force_terminal=True, color_system="truecolor", width=app.size.width,
                      legacy_windows=False, file=open("/dev/null", "w"))  # noqa: SIM115
    try:
        return app.screen._compositor.render_full_update().render_segments(console)
    finally:
        console.file.close()


def assert_safe_screen(app: Any, where: str, shown: str | None = None) -> str:
    """Both checks (see the module's docstring); ``shown``: a piece of the cleaned text that
    must be on screen (the data is shown, neutralised, not dropped)."""
    drawn = screen_segments(app)
    bad = unsafe_characters(drawn.replace("\n", ""))
    assert bad == [], f"{where}: {bad!r} drawn"
    out = _RENDERER.sub("", terminal_bytes(app))
    leftovers = sorted({repr(c) for c in out if c not in "\n\r" and unsafe_characters(c)})
    assert leftovers == [], f"{where}: {leftovers} written to the terminal"
    if shown:
        assert shown in drawn.replace("\n", ""), f"{where}: {shown!r} not on screen"
    return drawn


def visible_part(text: str) -> str:
    """A piece of ``clean(text)`` that fits any column it is shown in (the table cuts names
    to a column's width): its first four cells' worth, enough to see a replacement."""
    shown = clean(text)
    return shown[:3]
