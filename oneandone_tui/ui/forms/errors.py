"""Placing validation errors: a request object's field path (``hdds[1].size``) names the form
control it is about; what names no control goes to the form's general error line."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ...api.errors import ValidationError
from .controls import FieldRow, GroupBox
from .fields import split_path


@dataclass
class Placed:
    fields: dict[str, list[str]] = field(default_factory=dict)
    group: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[tuple[str, int], list[tuple[str | None, str]]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)


def place(errors: Iterable[ValidationError], rows: Mapping[str, Any]) -> Placed:
    out = Placed()
    for err in errors:
        name, index, sub = split_path(err.field)
        row = rows.get(name)
        if isinstance(row, FieldRow) and index is None:
            out.fields.setdefault(name, []).append(err.rule)
        elif isinstance(row, GroupBox) and index is not None and index < len(row.rows):
            out.rows.setdefault((name, index), []).append((sub, err.rule))
        elif isinstance(row, GroupBox):
            out.group.setdefault(name, []).append(err.rule)
        else:
            out.general.append(f"{err.field}: {err.rule}" if err.field else err.rule)
    return out
