"""The detail pane's renderers (key/values, lists, a role's permission grid, allowed IPs, the
monitoring summary, the raw JSON) with hostile keys and values: Rich reads a ``str`` cell as
markup (``[/]`` raised), and nothing cleaned them of control characters."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from oneandone_tui.catalogue import Col
from oneandone_tui.ui.rows import key_values, list_table
from oneandone_tui.ui.safe import clean, json_text, unsafe_characters
from oneandone_tui.ui.screens.monitoring import summary
from oneandone_tui.ui.views import allowed_ips, permissions_grid
from tests.ui.hostile import ATTACKS

texts = st.one_of(st.sampled_from(ATTACKS), st.text(min_size=1, max_size=20))


def rendered(renderable) -> str:
    console = Console(width=200, record=True, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    console.file.close()
    return console.export_text()


def assert_clean(text: str) -> None:
    assert unsafe_characters(text.replace("\n", "")) == []


@settings(max_examples=60, deadline=None)
@given(key=texts, value=texts)
def test_detail_renderers_show_any_text_safely(key, value):
    item = {"name": value, key: value, "nested": {key: [value, {"name": value}]}}
    out = rendered(key_values(item))
    assert_clean(out)
    # Values are shown as paragraphs (line feeds kept): the first line's start is there.
    first = clean(value, multiline=True).split("\n")[0].strip()[:3]
    assert first in out.replace("\n", "")
    assert_clean(rendered(list_table([item], [Col("name", "Name", 10)])))
    assert_clean(rendered(list_table([value, item], [])))
    assert_clean(rendered(permissions_grid({key: {"show": True, value: False}})))
    assert_clean(rendered(allowed_ips([value])))
    assert_clean(rendered(summary({"cpu": {"status": value}, "alerts": {key: {"ok": 1}}})))


@settings(max_examples=60, deadline=None)
@given(data=st.recursive(texts | st.integers() | st.none(),
                         lambda inner: st.lists(inner, max_size=3)
                         | st.dictionaries(texts, inner, max_size=3), max_leaves=8))
def test_raw_json_is_the_same_json_and_safe(data):
    text = json_text(data)
    assert_clean(text)
    assert json.loads(text) == data
