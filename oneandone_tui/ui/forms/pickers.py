"""Filling pickers: each :class:`~.fields.Source` is fetched once per open form (in a worker,
group ``form-load``), and every Select bound to it gets the options; the value chosen stays the
API's id while the user reads a label."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.widget import Widget
from textual.widgets import Select

from ..failures import FETCH_ERRORS
from ..safe import escape, safe
from .controls import raw_of
from .fields import Field, Group, Picker, Source


class PickerLoader:
    """Mixed into the form screen (which provides ``fields``, ``ctx`` and ``controls()``)."""

    fields: list[Field]
    ctx: Any

    def load_pickers(self) -> None:
        self._options: dict[str, list[tuple[Any, Any]]] = {}
        self._raw: dict[str, dict[Any, Any]] = {}
        sources: dict[str, Source] = {}
        for f in self.fields:
            subs = f.fields if isinstance(f, Group) else [f]
            for sf in subs:
                if isinstance(sf, Picker) and sf.source is not None:
                    sources[sf.source.key] = sf.source
        for source in sources.values():
            self._load_source(source)

    @work(group="form-load", exit_on_error=False)
    async def _load_source(self, source: Source) -> None:
        try:
            items = await source.fetch(self.ctx)
        except FETCH_ERRORS as exc:
            for control in self._bound(source.key):
                control.prompt = f"could not load: {escape(exc)}"
            return
        if getattr(self, "closed", False):
            return
        options: list[tuple[Any, Any]] = []
        raw: dict[Any, Any] = {}
        for item in items or []:
            value = source.value(item)
            options.append((safe(source.label(item)), value))
            raw[value] = item
        self._options[source.key] = options
        self._raw[source.key] = raw
        for control in self._bound(source.key):
            self._fill(control)
        self.revalidate()  # type: ignore[attr-defined]

    def _bound(self, key: str) -> list[Select[Any]]:
        return [c for c in self.controls()  # type: ignore[attr-defined]
                if isinstance(c, Select) and getattr(c, "source_key", None) == key]

    def _fill(self, control: Widget) -> None:
        key = getattr(control, "source_key", None)
        options = self._options.get(key or "")
        if options is None or not isinstance(control, Select):
            return
        options, left_out = self._allowed(control, key or "", options)
        shown = tuple(v for _, v in options)
        if getattr(control, "shown_values", None) == shown:
            return  # the same choice as before: nothing to redraw
        had = control.selection
        control.shown_values = shown  # type: ignore[attr-defined]
        control.set_options(options)
        hint = getattr(control, "hint", "choose…")
        prompt = hint if options else "none available"
        if left_out:
            prompt += f" ({left_out})"
        control.prompt = prompt
        pending = getattr(control, "pending_value", None)
        for value in (had, pending):
            if value is not None and value in shown:
                control.value = value
                break

    def _allowed(self, control: Select[Any], key: str, options: list[tuple[str, Any]]
                 ) -> tuple[list[tuple[str, Any]], str]:
        """The options the API accepts for the choices made so far, and a note on the rest
        ("2 left out: in another datacenter")."""
        f = getattr(control, "form_field", None)
        allow = getattr(f, "allow", None)
        if allow is None:
            return options, ""
        values = self.plain_values()
        raw = self._raw.get(key, {})
        kept, reasons = [], []
        for label, value in options:
            reason = allow(raw.get(value), values, self.ctx)
            if reason is None:
                kept.append((label, value))
            else:
                reasons.append(reason)
        if not reasons:
            return kept, ""
        return kept, f"{len(reasons)} left out: {'; '.join(sorted(set(reasons)))}"

    def plain_values(self) -> dict[str, Any]:
        """The single fields' values now (what an ``allow`` rule depends on)."""
        out: dict[str, Any] = {}
        for f in self.fields:
            row = getattr(self, "rows", {}).get(f.name)
            control = getattr(row, "control", None)
            if control is not None:
                out[f.name] = f.parse(raw_of(control))
        return out

    def refilter(self) -> None:
        """Pickers whose choice depends on other fields follow them (called on each change)."""
        for control in self.controls():  # type: ignore[attr-defined]
            if isinstance(control, Select) and getattr(getattr(control, "form_field", None),
                                                       "allow", None) is not None:
                self._fill(control)

    def known_options(self, key: str) -> list[tuple[Any, Any]] | None:
        """The options of a source already loaded (rows added later start with them)."""
        return getattr(self, "_options", {}).get(key)

    def picked_item(self, f: Picker, value: Any) -> Any:
        return self._raw.get(f.source.key if f.source else "", {}).get(value)
