"""API items -> table rows and detail text, from the catalogue's column specs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.table import Table
from rich.text import Text

from ..catalogue import Category, Col, Item, cell_text, sort_key_of
from .safe import clean
from .widgets.resource_table import Column, Row

MASK = "••••••••"


def table_columns(cols: Sequence[Col]) -> list[Column]:
    return [Column(c.key, c.title, c.width, c.flex, c.align, c.priority, c.cut) for c in cols]


def row_for(cat: Category, item: Item) -> Row:
    cols = cat.columns
    # Each column's value once, for its text and its sort key (10,000 rows: ~80 ms, not ~150).
    values = [c.raw(item) for c in cols]
    keys = tuple(map(sort_key_of, values))
    # Text-only keys are the lower-cased cells, which the table derives when it sorts: not
    # keeping them saves a copy of every string (10,000 servers: ~8 MB; benchmarks/: target 6).
    if all(k is None or isinstance(k, str) for k in keys):
        keys = ()
    styles = tuple(c.style(item) if c.style else None for c in cols)
    return Row(id=cat.row_id(item), cells=tuple(map(cell_text, values)),
               styles=_STYLES.setdefault(styles, styles), sort=keys)


#: Rows share equal style tuples (a handful of distinct ones, whatever the number of rows).
_STYLES: dict[tuple[str | None, ...], tuple[str | None, ...]] = {}


def mask(value: Any) -> str:
    text = str(value or "")
    return f"{MASK} ({len(text)} chars)" if text else ""


def _flatten(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, dict) and value:
                out += _flatten(value, name)
            else:
                out.append((name, value))
    else:
        out.append((prefix or "value", data))
    return out


def _value_text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        if not value:
            return "none"
        if all(isinstance(v, dict) for v in value):
            return ", ".join(_brief(v) for v in value)
        if all(not isinstance(v, (dict, list)) for v in value):
            return ", ".join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _brief(obj: dict[str, Any]) -> str:
    """One short phrase for an object inside a list (an IP, a disk, a named thing)."""
    if "ip" in obj:
        return str(obj["ip"])
    if "size" in obj and "is_main" in obj:
        return f"{obj['size']} GB" + (" (main)" if obj.get("is_main") else "")
    if obj.get("description") is not None and "name" not in obj and "id" not in obj:
        # An alert: "disk: Disk usage: WARNING /var 78% used (2026-11-27 06:04)".
        kind = f"{obj['type']}: " if obj.get("type") else ""
        when = f" ({obj['date']})" if obj.get("date") else ""
        return f"{kind}{obj['description']}{when}"
    for key in ("name", "process", "port", "id"):
        if obj.get(key) is not None:
            return str(obj[key])
    return json.dumps(obj, ensure_ascii=False)


def key_values(data: Any, secret_keys: frozenset[str] = frozenset(),
               reveal: bool = False) -> Table:
    """A two-column table of a (nested) object; secret keys masked unless ``reveal``."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for key, value in _flatten(data):
        leaf = key.rsplit(".", 1)[-1]
        text = mask(value) if leaf in secret_keys and not reveal else _value_text(value)
        # Keys and values are account data: Text (a str cell is Rich markup), cleaned.
        table.add_row(Text(clean(key.replace("_", " "))), Text(clean(text, multiline=True)))
    return table


def list_table(items: Sequence[Any], cols: Sequence[Col]) -> Table | Text:
    if not items:
        return Text("None.", style="italic")
    if not cols or not all(isinstance(i, dict) for i in items):
        return Text("\n".join(clean(_value_text(i)) for i in items))
    table = Table(box=None, padding=(0, 1), header_style="bold", expand=False)
    for c in cols:
        table.add_column(c.title, justify="right" if c.align == "right" else "left",
                         overflow="fold")
    for item in items:
        table.add_row(*(Text(clean(c.text(item))) for c in cols))
    return table
