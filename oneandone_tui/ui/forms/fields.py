"""Field specs: what a form asks for, declared as data (no Textual here).

A field's ``name`` is the attribute path of the request object it fills (``name``,
``hdds[1].size``), so a :class:`~oneandone_tui.api.errors.ValidationError` from
``request.errors()`` lands next to the input it is about. Fields only *parse* what was typed;
every rule (required, ranges, multiples, choices) comes from the client's request objects, so the
form and the client can never disagree.

Parsing keeps what does not parse: ``Int`` turns ``"40"`` into 40 but leaves ``"abc"`` as text,
and the request object answers "must be a whole number".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .context import Ctx

Values = dict[str, Any]
Option = tuple[str, Any]


@dataclass(frozen=True)
class Field:
    name: str
    label: str = ""
    #: Shown as the input's placeholder: the rule in a few words ("20..2000 GB, step 20").
    hint: str = ""
    default: Any = None
    #: Shown only while ``when(values)`` holds; a hidden field's value is None.
    when: Callable[[Values], bool] | None = None
    #: Width inside a group row (cells); None shares the row.
    width: int | None = None

    def parse(self, raw: Any) -> Any:
        return raw

    def show(self, value: Any) -> Any:
        """The widget's raw value for ``value``."""
        return "" if value is None else str(value)


@dataclass(frozen=True)
class Text(Field):
    def parse(self, raw: Any) -> Any:
        text = str(raw or "").strip()
        return text or None


@dataclass(frozen=True)
class Password(Field):
    def parse(self, raw: Any) -> Any:
        return str(raw) if raw else None


def _number(raw: Any) -> Any:
    text = str(raw or "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        value = float(text)
    except ValueError:
        return text  # the request object says what is wrong with it
    return int(value) if value.is_integer() and "." not in text and "e" not in text else value


@dataclass(frozen=True)
class Int(Field):
    def parse(self, raw: Any) -> Any:
        return _number(raw)

    def show(self, value: Any) -> Any:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return super().show(value)


@dataclass(frozen=True)
class Number(Int):
    def show(self, value: Any) -> Any:
        return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class Bool(Field):
    default: Any = False

    def parse(self, raw: Any) -> Any:
        return bool(raw)

    def show(self, value: Any) -> Any:
        return bool(value)


@dataclass(frozen=True)
class Choice(Field):
    """One of fixed options: ``options`` are values, or ``(label, value)`` pairs."""

    options: Sequence[Any] = ()
    #: Offer an empty choice (value None).
    blank: bool = True

    def pairs(self) -> list[Option]:
        return [o if isinstance(o, tuple) else (str(o), o) for o in self.options]

    def show(self, value: Any) -> Any:
        return value


@dataclass(frozen=True)
class Const(Field):
    """A fixed value shown as text (a threshold's entity)."""

    def show(self, value: Any) -> Any:
        return value


@dataclass(frozen=True)
class Source:
    """Where a picker's options come from: ``fetch(ctx)`` returns raw items, ``label`` and
    ``value`` turn one into an option. Options are fetched once per open form."""

    key: str
    fetch: Callable[[Ctx], Awaitable[list[Any]]]
    label: Callable[[Any], str]
    value: Callable[[Any], Any] = field(default=lambda x: x["id"])


@dataclass(frozen=True)
class Picker(Field):
    """A choice among resources (by label; the value is the id the API wants)."""

    source: Source | None = None
    #: Which options the API accepts given the choices made so far: ``allow(item, values,
    #: ctx)`` returns None, or why it is left out ("in another datacenter"); the picker says
    #: how many were left out and why (``sources.same_datacenter``).
    allow: Callable[[Any, Values, Ctx], str | None] | None = None

    def show(self, value: Any) -> Any:
        return value


@dataclass(frozen=True)
class Group(Field):
    """Repeatable rows of sub-fields (HDDs, rules, ports...), a list of dicts as value.

    ``fixed`` groups have exactly the rows of their default (the five thresholds)."""

    fields: Sequence[Field] = ()
    min_rows: int = 0
    fixed: bool = False
    add_label: str = "Add"

    def row_default(self) -> Values:
        return {f.name: f.default for f in self.fields}


def visible(f: Field, values: Values) -> bool:
    return f.when is None or bool(f.when(values))


def split_path(path: str) -> tuple[str, int | None, str | None]:
    """``"hdds[1].size"`` -> ``("hdds", 1, "size")``; ``"name"`` -> ``("name", None, None)``."""
    head, _, rest = path.partition(".")
    if "[" in head and head.endswith("]"):
        name, _, index = head[:-1].partition("[")
        if index.isdigit():
            return name, int(index), rest or None
    return path, None, None
