"""The one rendering path for account text (ui/safe.py): nothing in a name or a message is read
as markup, and no control, bidi or other invisible character gets through, whatever it is."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content

from oneandone_tui.ui.safe import clean, escape, markup, safe, unsafe_characters

UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
ATTACKS = [
    "[/]", "[bold", "[@click=app.quit]x[/]", "[$accent]x", "\\", "a\\[b]", "\x1b]0;PWNED\x07",
    "\x1b[2J\x1b[H", "\u202etxt.exe", "\u2066x\u2069", "bad\ud800", "\x9b31m", "\x00\x7f",
]

#: Any text, and text made of the characters attacks are built from.
texts = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(list("[]/\\@=$ab \x1b\x07\n\r\t\x9b\u202e\u2066\u200d"
                                          "\ud800\u0301漢😀"))),
)


def test_every_unsafe_code_point_of_this_python_is_replaced():
    """The hard-coded class covers every Cc/Cf/Cs/Zl/Zp character of the running Python's
    Unicode database (a newer Python with new format characters fails here, not in use)."""
    missing = [f"U+{cp:04X}" for cp in range(sys.maxunicode + 1)
               if unicodedata.category(chr(cp)) in UNSAFE_CATEGORIES
               and not unsafe_characters(chr(cp))]
    assert missing == []


def test_visible_replacements():
    assert clean("a\x1b]0;PWNED\x07b") == "a␛]0;PWNED␇b"
    assert clean("\x1b[2J") == "␛[2J"
    assert clean("\u202etxt.exe") == "\\u202etxt.exe"
    assert clean("x\ud800") == "x\\ud800"
    assert clean("\x85") == "\\x85"
    assert clean("\x7f") == "␡"
    assert clean("a\nb") == "a␊b"
    assert clean("a\r\nb\tc", multiline=True) == "a\nb    c"
    assert clean(None) == ""
    assert clean(42) == "42"


def test_plain_text_of_any_script_is_untouched():
    for text in ("web-01", "Zürich", "サーバー", "😀 ok", "e\u0301", "مرحبا", "a [b] c"):
        assert clean(text) == text


def test_safe_is_content_never_markup_and_marks_replacements():
    content = safe("[b]x\x1b[/b]")
    assert isinstance(content, Content)
    assert content.plain == "[b]x␛[/b]"
    assert [(s.start, s.end) for s in content.spans] == [(4, 5)]


@pytest.mark.parametrize("attack", ATTACKS)
def test_known_attacks(attack):
    shown = clean(attack)
    assert unsafe_characters(shown) == []
    assert safe(attack).plain == shown
    assert Content.from_markup(f"[b]{escape(attack)}[/b]").plain.rstrip(" ") == shown.rstrip(" ")
    assert markup("[b]$name[/b]!", name=attack).plain == shown + "!"


@settings(max_examples=200, deadline=None)
@given(texts)
def test_any_text_is_neutralised(text):
    shown = clean(text)
    assert unsafe_characters(shown) == []
    assert all(unicodedata.category(ch) not in UNSAFE_CATEGORIES for ch in shown)
    assert safe(text).plain == shown
    assert unsafe_characters(clean(text, multiline=True).replace("\n", "")) == []


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_escaped_text_is_never_read_as_markup(text, other):
    """Data inside our markup shows exactly (a trailing backslash gets one space, which keeps
    the next tag a tag), and the markup around it still applies."""
    shown = clean(text)
    expected = shown + " " if shown.endswith("\\") else shown
    content = Content.from_markup(f"[b]{escape(text)}[/b]{escape(other)}")
    assert content.plain.startswith(expected)
    assert content.plain[len(expected):].rstrip(" ") == clean(other).rstrip(" ")
    assert markup("[b]$a[/b] $b", a=text, b=other).plain == f"{shown} {clean(other)}"


def test_clean_text_costs_one_search():
    """The table cleans every cell it draws: a clean string comes back as the same object."""
    text = "web-server-01"
    assert clean(text) is text
