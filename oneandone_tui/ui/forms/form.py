"""The modal form: renders a :class:`FormSpec`, validates with the client's request object as
you type, sends in a worker, shows the API's answer in place, then follows the outcome live.

- Errors appear next to a field once it was changed, and everywhere after a submit attempt;
  nothing is sent while any remain.
- An API error keeps the form open with everything typed; a ``Field 'x'`` message is also put
  next to field ``x``.
- After a success the form shows the followed resources' state and percent and closes when they
  settle; ``esc`` closes it earlier and the follower keeps going (toast at the end).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Select, Static

from ...api.errors import ValidationError
from ..safe import clean, safe
from .context import Ctx, FormValues
from .controls import FieldRow, GroupBox, GroupRow, raw_of, set_raw, touched
from .errors import place
from .fields import Bool, Choice, Field, Group, Picker, Text, Values, split_path, visible
from .pickers import PickerLoader
from .spec import FormSpec
from .submit import Submitting

TYPED = "__typed__"


class FormScreen(Submitting, PickerLoader, ModalScreen[Any]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "escape", "Close")]
    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen #form {
        width: 96; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    FormScreen.-danger #form { border: round $error; }
    FormScreen #form-message { margin-bottom: 1; }
    FormScreen #form-body { height: auto; }
    FormScreen #form-error { color: $error; text-style: bold; height: auto; }
    FormScreen #form-progress { height: auto; color: $text; }
    FormScreen #form-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    FormScreen #form-buttons Button { margin-left: 2; }
    FormScreen Input.-textual-compact { background: $boost; }
    FormScreen Input.-textual-compact:focus { background: $primary 25%; }
    FormScreen Select.-textual-compact > SelectCurrent { background: $boost; }
    FormScreen Select.-textual-compact:focus > SelectCurrent { background: $primary 25%; }
    FormScreen Input.-error, FormScreen Select.-error > SelectCurrent { background: $error 30%; }
    """

    def __init__(self, spec: FormSpec, ctx: Ctx, *, bulk: bool = False,
                 fields: list[Field] | None = None, values: Values | None = None) -> None:
        super().__init__(classes="-danger" if spec.danger else "")
        self.spec = spec
        self.ctx = ctx
        self.bulk = bulk
        self.fields: list[Field] = list(fields if fields is not None else spec.fields)
        self.initial: Values = dict(values or {})
        self.title_text = spec.title_for(ctx)
        self.rows: dict[str, FieldRow | GroupBox] = {}
        self.submitted = False
        self.sending = False
        self.result: Any = None
        self.follows: dict[tuple[str, str], Any] = {}
        self._unlisten: Any = None
        #: The name to type, as shown (cleaned: a name holding control characters cannot be
        #: typed as it is, so its shown form is accepted too, see ``_typed_ok``).
        self.typed_raw = spec.typed(ctx) if spec.typed else None
        self.typed = clean(self.typed_raw) if self.typed_raw is not None else None
        #: Set once the form is leaving: late follow news and layout callbacks are ignored.
        self.closed: bool = False

    # -- composing --------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="form") as box:
            box.border_title = safe(self.title_text)
            box.border_subtitle = self.keys_line()
            message = self.spec.message_for(self.ctx)
            if message:
                yield Static(safe(message, multiline=True), id="form-message")
            with VerticalScroll(id="form-body"):
                for f in self.fields:
                    yield self._row_for(f)
                if self.typed is not None:
                    typed = Text(TYPED, f"Type '{self.typed}'", hint=self.typed)
                    row = FieldRow(typed, "")
                    self.rows[TYPED] = row
                    yield row
            yield Static("", id="form-error")
            yield Static("", id="form-progress")
            with Horizontal(id="form-buttons"):
                # Cancel first: from it, tab reaches the action (the footer says so).
                yield Button("Cancel", id="form-cancel")
                yield Button(self.spec.submit_label, id="form-submit",
                             variant="error" if self.spec.danger else "primary")

    def _row_for(self, f: Field) -> FieldRow | GroupBox:
        value = self.initial.get(f.name, f.default)
        row: FieldRow | GroupBox
        if isinstance(f, Group):
            rows = value if isinstance(value, list) else [
                f.row_default() for _ in range(f.min_rows)]
            row = GroupBox(f, [dict(r) for r in rows], options=self.known_options)
        else:
            row = FieldRow(f, value)
        self.rows[f.name] = row
        return row

    def on_mount(self) -> None:
        self._line("#form-error", "")
        self._line("#form-progress", "")
        self._update_visibility()
        self.load_pickers()
        self._unlisten = self.oapp.follower.listen(self._on_follow)
        self.call_after_refresh(self._take_baseline)
        # The confirmation rule (README): a destructive one opens on Cancel (enter cancels,
        # and says so), one asking for the name too (enter in an empty name field would only
        # complain; a reflex enter must cancel everywhere: shift+tab reaches the name); any
        # other confirmation opens on its action.
        if self.spec.danger:
            self.query_one("#form-cancel", Button).focus()
        elif self.spec.opens_on_submit or all(isinstance(f, (Bool, Choice))
                                              for f in self.fields):
            # A yes with options (power on, add an IP, a prefilled resize): the button.
            self.query_one("#form-submit", Button).focus()
        else:
            first = next((c for c in self.controls() if c.can_focus), None)
            if first is not None:
                first.focus()

    def on_resize(self) -> None:
        self._fit()

    def keys_line(self) -> str:
        """The form's footer: exactly what enter does where the focus is. Where a name must
        be typed, enter sends nothing until it is (the footer says so, and where to type it);
        in a checkbox enter ticks, in a list it opens the list."""
        submit = self.spec.submit_label
        focused = self.focused if self.is_mounted else None
        waiting = self.typed is not None and not self.typed_matches()
        if focused is not None and focused.id == "form-cancel":
            if waiting:
                return f"enter: cancel · shift+tab: type the name to {submit.lower()}"
            return f"enter: cancel · tab: {submit}"
        if waiting and focused is not None and focused.id == "form-submit":
            return "enter: to the name (nothing is sent until it is typed) · esc: cancel"
        if waiting and (focused is None
                        or focused is self.rows[TYPED].control):  # type: ignore[union-attr]
            return "enter: sends nothing until the name is typed · esc: cancel"
        if focused is not None and focused.id == "form-submit":
            return f"enter: {submit} · esc: cancel"
        if isinstance(focused, Checkbox):
            return "enter: tick or untick · tab: next · esc: cancel"
        if isinstance(focused, Select):
            return "enter: open the list · tab: next · esc: cancel"
        if isinstance(focused, Button):  # a row's "+ Add rule" or "✕" (its tooltip says it)
            what = focused.tooltip if isinstance(focused.tooltip, str) else focused.label
            return f"enter: {what} · tab: next · esc: cancel"
        return f"enter: {submit} · tab: next · esc: cancel"

    def typed_matches(self) -> bool:
        """Whether the name asked for is typed (as the API has it or as the screen shows it)."""
        if self.typed is None:
            return True
        row = self.rows.get(TYPED)
        if row is None or not isinstance(row, FieldRow):
            return False
        return str(raw_of(row.control)).strip() in (self.typed, self.typed_raw)

    def _show_keys(self) -> None:
        if not self.follows and not self.closed and self.is_mounted:
            self.query_one("#form").border_subtitle = self.keys_line()

    def on_descendant_focus(self) -> None:
        self._show_keys()

    def _take_baseline(self) -> None:
        """What each control shows once mounted (a Select holds its default only then)."""
        self._shown_at_start = {id(c): raw_of(c) for c in self.controls()}

    def changed(self) -> bool:
        """Whether the user changed anything (a typed confirmation does not count): a control
        that differs both from its initial value and from what it showed once mounted."""
        start = getattr(self, "_shown_at_start", {})

        def differs(c: Widget) -> bool:
            return touched(c) and raw_of(c) != start.get(id(c), raw_of(c))

        for name, row in self.rows.items():
            if name == TYPED:
                continue
            if isinstance(row, GroupBox):
                if row.touched or any(differs(c) for r in row.rows for _, c in r.controls):
                    return True
            elif differs(row.control):
                return True
        return False

    def _fit(self) -> None:
        """Keep the buttons on screen: the body scrolls within what the rest leaves."""
        bodies = self.query("#form-body")
        if self.closed or not bodies:
            return
        chrome = 8  # borders, the button row and its margin, the error/progress lines
        for selector in ("#form-message", "#form-error", "#form-progress"):
            for widget in self.query(selector):
                if widget.display:
                    chrome += widget.outer_size.height
        bodies.first().styles.max_height = max(4, self.size.height - chrome)

    def on_unmount(self) -> None:
        if self._unlisten is not None:
            self._unlisten()

    # -- values -----------------------------------------------------------------------------------
    def controls(self) -> list[Widget]:
        out: list[Widget] = []
        for row in self.rows.values():
            out += row.all_controls() if isinstance(row, GroupBox) else [row.control]
        return out

    def values(self) -> FormValues:
        data: dict[str, Any] = {}
        picked: dict[str, Any] = {}
        for f in self.fields:
            row = self.rows[f.name]
            if isinstance(row, GroupBox):
                data[f.name] = [{sf.name: sf.parse(raw_of(c)) for sf, c in r.controls}
                                for r in row.rows]
            else:
                data[f.name] = f.parse(raw_of(row.control))
                if isinstance(f, Picker) and data[f.name] is not None:
                    picked[f.name] = self.picked_item(f, data[f.name])
        for f in self.fields:
            if not visible(f, data):
                data[f.name] = None
                picked.pop(f.name, None)
        return FormValues(data, self.ctx, picked)

    def set_value(self, path: str, raw: Any) -> None:
        """Set a control as a user would (``"name"``, ``"hdds[1].size"``); for tests and
        scripted fills. Group rows are added as needed."""
        control = self.control(path, grow=True)
        if control is None:
            raise KeyError(path)
        set_raw(control, raw)

    def control(self, path: str, *, grow: bool = False) -> Widget | None:
        name, index, sub = split_path(path)
        row = self.rows.get(name)
        if isinstance(row, FieldRow):
            return row.control if index is None else None
        if isinstance(row, GroupBox) and index is not None and sub:
            while grow and len(row.rows) <= index:
                row.add_row()
            return row.rows[index].control(sub) if index < len(row.rows) else None
        return None

    # -- validation -------------------------------------------------------------------------------
    def check(self, values: FormValues) -> tuple[Any, list[ValidationError]]:
        request = None
        errors: list[ValidationError] = []
        if self.spec.build is not None:
            try:
                request = self.spec.build(values)
            except ValidationError as exc:
                errors.append(exc)
            if request is not None and hasattr(request, "errors"):
                errors += request.errors()
        if self.typed is not None and not self.typed_matches():
            errors.append(ValidationError(TYPED, f"type '{self.typed}' to confirm"))
        return request, errors

    def show_errors(self, errors: list[ValidationError], *, general: str = "") -> None:
        placed = place(errors, self.rows)
        lines = [general] if general else []
        for path, row in self.rows.items():
            if isinstance(row, GroupBox):
                show = self.submitted or row.is_touched()
                row.set_error("; ".join(placed.group.get(path, [])) if show else None)
                for i, grow in enumerate(row.rows):
                    msgs = placed.rows.get((path, i), [])
                    visible_msgs = [m for m in msgs if self.submitted or any(
                        touched(c) for _, c in grow.controls)]
                    grow.set_errors(visible_msgs)
            else:
                field_msgs = placed.fields.get(path, [])
                show = self.submitted or touched(row.control)
                row.set_error("; ".join(field_msgs) if field_msgs and show else None)
        if self.submitted:
            lines += placed.general
        self._line("#form-error", "\n".join(lines))

    def revalidate(self) -> None:
        if self.closed:
            return
        self._update_visibility()
        if getattr(self, "_options", None) is not None:
            self.refilter()
        if self.sending:
            return
        _, errors = self.check(self.values())
        self.show_errors(errors)

    def _update_visibility(self) -> None:
        data = {}
        for f in self.fields:
            row = self.rows[f.name]
            if isinstance(row, FieldRow):
                data[f.name] = f.parse(raw_of(row.control))
        for f in self.fields:
            self.rows[f.name].display = visible(f, data)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        self.revalidate()
        if self.typed is not None:
            self._show_keys()  # the name typed: enter now deletes (and the footer says so)

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button
        if button.id == "form-submit":
            self.action_submit()
        elif button.id == "form-cancel":
            self.action_close()
        elif button.has_class("row-add"):
            box = next(a for a in button.ancestors if isinstance(a, GroupBox))
            box.add_row()
            self.call_after_refresh(self.revalidate)
        elif button.has_class("row-remove"):
            grow = next(a for a in button.ancestors if isinstance(a, GroupRow))
            box = next(a for a in grow.ancestors if isinstance(a, GroupBox))
            box.remove_row(grow)
            self.call_after_refresh(self.revalidate)

    def _line(self, selector: str, text: str) -> None:
        if self.closed:
            return
        line = self.query_one(selector, Static)
        line.update(safe(text, multiline=True))
        line.display = bool(text)
        self.call_after_refresh(self._fit)
