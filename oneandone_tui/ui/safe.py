"""The one rendering path for text that comes from the account (DESIGN §9 rule 1: data is
hostile).

Names, descriptions, API error messages and log details are written by people and programs we
do not control. Shown as they are, ``[/]`` in a server's name ends the app with a markup error,
``"\\x1b]0;PWNED\\x07"`` retitles the terminal and ``"\\x1b[2J"`` blanks it on every repaint, a
right-to-left override (U+202E) makes ``exe.txt`` read ``txt.exe``, and a lone surrogate (JSON's
``"\\ud800"`` decodes to one) cannot even be encoded for the terminal.

So every such string goes through this module before it reaches a widget:

* :func:`clean` neutralises it: C0 controls and DEL become their Unicode control pictures
  (ESC shows as ``␛``, BEL as ``␇``), every other invisible or reordering character (C1
  controls, bidi overrides and isolates, zero-width and other format characters, line and
  paragraph separators, lone surrogates) becomes a visible ``\\u202e``-style escape. Plain
  text (letters of any script, wide characters, combining marks, emoji) is untouched.
* :func:`safe` returns a :class:`~textual.content.Content` (never parsed as markup) of the
  cleaned text with the replacements shown in reverse video, so a literal ``␛`` typed by
  someone can be told from a neutralised ESC.
* :func:`markup` fills ``$name`` placeholders of our own markup with cleaned data (inserted
  after parsing, never parsed), and :func:`escape` is for the few places that must build a
  markup string around data (``notify`` with markup, a Rich renderable's text).

It is cheap on clean text (one regular-expression search), as the table calls it per cell.
"""

from __future__ import annotations

import json
import re
from typing import Any

from textual.content import Content, Span

__all__ = ["REPLACEMENT_STYLE", "clean", "escape", "json_text", "markup", "safe",
           "unsafe_characters"]

#: Every character that must not reach the terminal as it is, besides C0: the general categories Cc
#: (controls), Cf (format: bidi marks, overrides and isolates, zero-width characters, tags),
#: Cs (surrogates), Zl and Zp (line and paragraph separators), as of Unicode 16.
#: ``tests/ui/test_safe.py`` checks this list against the running Python's ``unicodedata``.
_OTHER_UNSAFE = (
    "\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
_UNSAFE = re.compile(f"[\x00-\x1f{_OTHER_UNSAFE}]")
#: The same, but a line feed may stay (texts shown as paragraphs).
_UNSAFE_KEEP_NEWLINES = re.compile(f"[\x00-\x09\x0b-\x1f{_OTHER_UNSAFE}]")

#: How a neutralised character is shown by :func:`safe`.
REPLACEMENT_STYLE = "reverse"


def _picture(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (␛ for ESC)
    if code == 0x7F:
        return "\u2421"  # ␡
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _pattern(multiline: bool) -> re.Pattern[str]:
    return _UNSAFE_KEEP_NEWLINES if multiline else _UNSAFE


def _prepare(value: Any, multiline: bool) -> str:
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    if multiline and ("\r" in text or "\t" in text):
        text = text.replace("\r\n", "\n").replace("\t", "    ")
    return text


def clean(value: Any, *, multiline: bool = False) -> str:
    """``value`` as text that is safe to write to a terminal (see the module's docstring).
    ``None`` is the empty string; other non-strings go through ``str``. With ``multiline``
    line feeds are kept (and CR LF becomes LF, a tab four spaces) for texts shown as
    paragraphs; otherwise a line feed shows as ``␊`` (a table cell or a title has one line)."""
    text = _prepare(value, multiline)
    pattern = _pattern(multiline)
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda m: _picture(m.group()), text)


def safe(value: Any, *, multiline: bool = False, style: str = "") -> Content:
    """``value`` as Content: never markup, neutralised like :func:`clean`, with each
    replacement in reverse video; ``style`` applies to the whole text."""
    text = _prepare(value, multiline)
    pattern = _pattern(multiline)
    if pattern.search(text) is None:
        return Content.styled(text, style) if style else Content(text)
    parts: list[str] = []
    spans: list[Span] = []
    at = 0
    size = 0
    for match in pattern.finditer(text):
        before = text[at:match.start()]
        parts.append(before)
        size += len(before)
        picture = _picture(match.group())
        parts.append(picture)
        spans.append(Span(size, size + len(picture), REPLACEMENT_STYLE))
        size += len(picture)
        at = match.end()
    parts.append(text[at:])
    content = Content("".join(parts), spans, strip_control_codes=False)
    return content.stylize_before(style) if style else content


def escape(value: Any, *, multiline: bool = False) -> str:
    """``value`` cleaned and escaped for a markup string: ``f"[b]{escape(name)}[/b]"`` shows
    the name in bold, whatever brackets it holds. Prefer :func:`markup`, which never passes the
    data through the parser at all.

    Textual's parser takes ``\\[`` as a literal ``[`` and every other backslash literally, so
    escaping a ``[`` is enough, except at the very end: a backslash there would escape the
    caller's next tag, so a trailing backslash gets a space after it."""
    text = clean(value, multiline=multiline).replace("[", "\\[")
    return text + " " if text.endswith("\\") else text


def markup(template: str, /, **values: Any) -> Content:
    """Our own markup ``template`` with ``$name`` placeholders filled with cleaned data:
    ``markup("Delete [b]$name[/b]?", name=server["name"])``. The values are inserted as plain
    text after the markup is parsed, so nothing in them is ever read as a tag."""
    return Content.from_markup(template, **{k: clean(v) for k, v in values.items()})


def json_text(data: Any) -> str:
    """``data`` as indented JSON for reading: non-ASCII letters stay readable, and every
    character :func:`clean` would replace is written as its JSON escape (``\\u202e``), so the
    text is still the same JSON (copying it loses nothing) and safe on screen."""
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    return _UNSAFE_KEEP_NEWLINES.sub(lambda m: json.dumps(m.group())[1:-1], text)


def unsafe_characters(text: str) -> list[str]:
    """The characters of ``text`` that :func:`clean` would replace (for tests and checks)."""
    return _UNSAFE.findall(text)
