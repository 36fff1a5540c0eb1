"""Filling pickers: each :class:`~.fields.Source` is fetched once per open form (in a worker,
group ``form-load``), and every Select bound to it gets the options; the value chosen stays the
API's id while the user reads a label."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.widget import Widget
from textual.widgets import Select

from ..safe import escape, safe
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
        except Exception as exc:
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
        control.set_options(options)
        control.prompt = getattr(control, "hint", "choose…") if options else "none available"
        pending = getattr(control, "pending_value", None)
        if pending is not None and pending in self._raw.get(key or "", {}):
            control.value = pending

    def known_options(self, key: str) -> list[tuple[Any, Any]] | None:
        """The options of a source already loaded (rows added later start with them)."""
        return getattr(self, "_options", {}).get(key)

    def picked_item(self, f: Picker, value: Any) -> Any:
        return self._raw.get(f.source.key if f.source else "", {}).get(value)
