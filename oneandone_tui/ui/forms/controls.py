"""The widgets a form is made of: one :class:`FieldRow` per field (label, control, error line)
and a :class:`GroupBox` per repeatable group (rows of controls, add/remove buttons).

Every control remembers the raw value it started with (``form_baseline``): a field counts as
touched once its value differs, which is when its error starts to show (all of them show after a
submit attempt).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from ..safe import clean, markup, safe
from .fields import Bool, Choice, Const, Field, Group, Password, Picker

LOADING = "Loading…"


Options = Callable[[str], "list[tuple[str, Any]] | None"]


def make_control(f: Field, value: Any, options: Options | None = None) -> Widget:
    """The widget for one field, showing ``value``; a picker whose options are already known
    (``options(source_key)``) starts with them."""
    raw = f.show(value)
    control: Widget
    if isinstance(f, Bool):
        control = Checkbox(f.hint, bool(raw), compact=True)
    elif isinstance(f, Choice):
        pairs = f.pairs()
        legal = raw if any(v == raw for _, v in pairs) else Select.NULL
        control = Select(pairs, prompt=f.hint or "choose…", allow_blank=f.blank or legal is
                         Select.NULL, value=legal, compact=True)
    elif isinstance(f, Picker):
        key = f.source.key if f.source else ""
        known = options(key) if options is not None else None
        if known is None:
            control = Select([], prompt=LOADING, allow_blank=True, compact=True)
        else:
            legal = raw if any(v == raw for _, v in known) else Select.NULL
            control = Select(known, prompt=f.hint or "choose…", allow_blank=True, value=legal,
                             compact=True)
        control.source_key = key  # type: ignore[attr-defined]
        control.pending_value = raw  # type: ignore[attr-defined]
        control.hint = f.hint or "choose…"  # type: ignore[attr-defined]
    elif isinstance(f, Const):
        control = Static(safe(raw), classes="const")
        control.const_value = raw  # type: ignore[attr-defined]
    else:
        # An Input draws its value as it is: a prefilled name holding control characters
        # shows cleaned, and stands for the original until the user changes it (``raw_of``),
        # so saving an untouched form does not rewrite the name.
        text = str(raw)
        control = Input(clean(text), placeholder=clean(f.hint or f.label),
                        password=isinstance(f, Password), compact=True)
        if control.value != text:
            control.form_original = (control.value, text)  # type: ignore[attr-defined]
    control.form_field = f  # type: ignore[union-attr]
    control.form_baseline = raw_of(control) if not isinstance(f, Picker) else (  # type: ignore[union-attr]
        raw if raw not in ("", None) else None)
    if f.width:
        control.styles.width = f.width
    return control


def raw_of(control: Widget) -> Any:
    """What the control holds now (Select: the value or None; Checkbox: bool; Input: text)."""
    if isinstance(control, Select):
        return control.selection
    if isinstance(control, Input):
        shown, original = getattr(control, "form_original", (None, None))
        return original if original is not None and control.value == shown else control.value
    if isinstance(control, Checkbox):
        return control.value
    return getattr(control, "const_value", None)


def set_raw(control: Widget, raw: Any) -> None:
    if isinstance(control, Select):
        control.value = Select.NULL if raw is None else raw
    elif isinstance(control, Checkbox):
        control.value = bool(raw)
    elif isinstance(control, Input):
        control.value = "" if raw is None else str(raw)


def touched(control: Widget) -> bool:
    return raw_of(control) != getattr(control, "form_baseline", None)


class FieldRow(Vertical):
    """One field: its label, its control, and the line its error shows on."""

    DEFAULT_CSS = """
    FieldRow { height: auto; }
    FieldRow > Horizontal { height: auto; }
    FieldRow .field-label { width: 24; color: $text-muted; }
    FieldRow .field-error { display: none; color: $error; padding-left: 24; }
    FieldRow .field-error.-shown { display: block; }
    FieldRow .-error { background-tint: $error 25%; }
    """

    def __init__(self, f: Field, value: Any) -> None:
        super().__init__(classes="field-row")
        self.field = f
        self.control = make_control(f, value)

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(safe(self.field.label), classes="field-label")
            yield self.control
        yield Static("", classes="field-error")

    def set_error(self, text: str | None) -> None:
        line = self.query_one(".field-error", Static)
        line.update(safe(text or "", multiline=True))
        line.set_class(bool(text), "-shown")
        self.control.set_class(bool(text), "-error")


class GroupRow(Vertical):
    DEFAULT_CSS = """
    GroupRow { height: auto; }
    GroupRow > Horizontal { height: auto; }
    GroupRow > Horizontal > * { margin-right: 1; }
    GroupRow .row-remove { min-width: 3; width: 3; }
    GroupRow .field-error { display: none; color: $error; }
    GroupRow .field-error.-shown { display: block; }
    GroupRow .-error { background-tint: $error 25%; }
    """

    def __init__(self, group: Group, values: dict[str, Any], removable: bool,
                 options: Options | None = None) -> None:
        super().__init__()
        self.group = group
        self.removable = removable
        self.controls: list[tuple[Field, Widget]] = []
        for f in group.fields:
            control = make_control(f, values.get(f.name, f.default), options)
            if not f.width:
                control.styles.width = "1fr"
            self.controls.append((f, control))

    def compose(self) -> ComposeResult:
        with Horizontal():
            for _, control in self.controls:
                yield control
            if self.removable:
                yield Button("✕", classes="row-remove", compact=True, tooltip="Remove this row")
        yield Static("", classes="field-error")

    def control(self, name: str) -> Widget | None:
        return next((c for f, c in self.controls if f.name == name), None)

    def set_errors(self, messages: list[tuple[str | None, str]]) -> None:
        bad = {name for name, _ in messages}
        for f, control in self.controls:
            control.set_class(f.name in bad, "-error")
        labels = {f.name: f.label or f.name for f in self.group.fields}
        text = "; ".join(f"{labels.get(n, n)}: {rule}" if n else rule for n, rule in messages)
        line = self.query_one(".field-error", Static)
        line.update(safe(text, multiline=True))
        line.set_class(bool(text), "-shown")


class GroupBox(Vertical):
    """A repeatable group: a title, column headers, rows, and an add button."""

    DEFAULT_CSS = """
    GroupBox { height: auto; margin: 1 0 0 0; }
    GroupBox .group-title { color: $text-muted; text-style: bold; }
    GroupBox .group-head { height: 1; color: $text-muted; }
    GroupBox .group-head > Label { margin-right: 1; }
    GroupBox .group-rows { height: auto; }
    GroupBox .row-add { margin: 0 0 0 0; }
    GroupBox .field-error { display: none; color: $error; }
    GroupBox .field-error.-shown { display: block; }
    """

    def __init__(self, group: Group, rows: list[dict[str, Any]],
                 options: Options | None = None) -> None:
        super().__init__(classes="field-row")
        self.field = group
        self.group = group
        self.touched = False
        self.options = options
        self.rows: list[GroupRow] = [self._row(values) for values in rows]

    def _row(self, values: dict[str, Any]) -> GroupRow:
        return GroupRow(self.group, values, removable=not self.group.fixed,
                        options=self.options)

    def compose(self) -> ComposeResult:
        yield Label(self.group.label, classes="group-title")
        with Horizontal(classes="group-head"):
            for f in self.group.fields:
                head = Label(f.label or f.name)
                head.styles.width = f.width or "1fr"
                yield head
            if not self.group.fixed:
                head = Label("")
                head.styles.width = 3
                yield head
        with Vertical(classes="group-rows"):
            yield from self.rows
        if not self.group.fixed:
            yield Button(markup("+ $label", label=self.group.add_label), classes="row-add",
                         compact=True)
        yield Static("", classes="field-error group-error")

    def add_row(self, values: dict[str, Any] | None = None) -> GroupRow:
        row = self._row(values if values is not None else self.group.row_default())
        self.rows.append(row)
        self.query_one(".group-rows", Vertical).mount(row)
        self.touched = True
        return row

    def remove_row(self, row: GroupRow) -> None:
        if row in self.rows:
            self.rows.remove(row)
            row.remove()
            self.touched = True

    def is_touched(self) -> bool:
        return self.touched or any(touched(c) for row in self.rows for _, c in row.controls)

    def set_error(self, text: str | None) -> None:
        line = self.query_one(".group-error", Static)
        line.update(safe(text or "", multiline=True))
        line.set_class(bool(text), "-shown")

    def all_controls(self) -> list[Widget]:
        return [c for row in self.rows for _, c in row.controls]
