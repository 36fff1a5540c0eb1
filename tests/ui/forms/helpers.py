"""Driving forms in Pilot tests: open an action on a named resource, fill fields, submit, and
let the emulator finish what was started (its clock is manual: nothing moves by itself)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import OptionList

from oneandone_tui.ui.forms.form import FormScreen
from oneandone_tui.ui.forms.keys import ActionsMenu
from tests.ui.helpers import notifications, settle, text_of, until

__all__ = [
    "api_state",
    "error_text",
    "fill",
    "finish",
    "form_of",
    "mutating",
    "notifications",
    "open_action",
    "open_key",
    "option",
    "record",
    "select_row",
    "settle",
    "show",
    "submit",
    "text_of",
    "until",
]


def mutating(app: Any) -> int:
    return app.emulator.stats.snapshot()["mutating"]


def record(app: Any, collection: str, name: str) -> dict[str, Any]:
    """The emulator's record (its store, not the API) named ``name`` (or with that ip)."""
    for rec in getattr(app.emulator.store, collection).values():
        if rec.get("name") == name or rec.get("ip") == name:
            return rec
    raise AssertionError(f"no {collection} named {name!r}")


def api_state(app: Any, path: str) -> Any:
    """``GET /v1<path>`` straight from the emulator (no client, no stats)."""
    resp = app.emulator.handle("GET", "/v1" + path, [], {"X-TOKEN": app.emulator.token}, b"")
    return resp.json()


async def show(pilot: Pilot, category_key: str) -> None:
    pilot.app.show_category(category_key)
    await settle(pilot)


async def select_row(pilot: Pilot, name: str) -> str:
    """Put the explorer's cursor on the row named ``name``; returns its id."""
    explorer = pilot.app.explorer()
    for rid, item in explorer.items.items():
        if item.get("name") == name or item.get("ip") == name:
            assert explorer.table.move_to(rid)
            await pilot.pause()
            return rid
    raise AssertionError(f"no row {name!r} in {explorer.cat.key}")


def form_of(app: Any) -> FormScreen:
    screen = app.screen
    assert isinstance(screen, FormScreen), f"no form open: {screen!r}"
    return screen


async def open_key(pilot: Pilot, category_key: str, key: str, name: str | None = None
                   ) -> FormScreen:
    """``n``/``e``/``ctrl+d`` on the explorer (on the row ``name``)."""
    if pilot.app.explorer().cat.key != category_key:
        await show(pilot, category_key)
    if name is not None:
        await select_row(pilot, name)
    await pilot.press(key)
    await settle(pilot)
    return form_of(pilot.app)


async def open_action(pilot: Pilot, category_key: str, action_key: str,
                      name: str | None = None) -> FormScreen:
    """``a`` on the row ``name``, then the action from the menu (by keyboard)."""
    if pilot.app.explorer().cat.key != category_key:
        await show(pilot, category_key)
    if name is not None:
        await select_row(pilot, name)
    await pilot.press("a")
    await settle(pilot)
    menu = pilot.app.screen
    assert isinstance(menu, ActionsMenu)
    options = menu.query_one(OptionList)
    index = next(i for i in range(options.option_count)
                 if options.get_option_at_index(i).id == action_key)
    options.highlighted = index
    await pilot.press("enter")
    await settle(pilot)
    return form_of(pilot.app)


async def fill(pilot: Pilot, form: FormScreen, **values: Any) -> None:
    """Set fields as a user would; ``hdds__1__size`` means ``hdds[1].size``."""
    for key, value in values.items():
        parts = key.split("__")
        path = key if key.startswith("__") or len(parts) == 1 else \
            f"{parts[0]}[{parts[1]}].{parts[2]}"
        form.set_value(path, value)
        await pilot.pause()
    await settle(pilot)


def option(form: FormScreen, path: str, label_part: str) -> Any:
    """The value of the picker option whose label starts with ``label_part``."""
    control = form.control(path)
    for label, value in control._options:  # type: ignore[union-attr]
        if str(label).startswith(label_part):
            return value
    raise AssertionError(f"no option with {label_part!r} in {path}")


async def submit(pilot: Pilot, form: FormScreen) -> None:
    form.action_submit()
    await settle(pilot)


async def finish(pilot: Pilot, timeout: float = 5.0) -> None:
    """Let the emulator finish every transition and the follower notice it."""
    app = pilot.app
    await settle(pilot)
    app.emulator.settle()

    def quiet() -> bool:
        app.follower.wake()
        return not app.follower.active

    await until(pilot, quiet, timeout)
    await settle(pilot)


def error_text(form: FormScreen) -> str:
    """Every error line the form shows now (field lines, group lines, the general line)."""
    parts = []
    for line in form.query(".field-error"):
        if line.display and line.has_class("-shown"):
            parts.append(text_of(line))
    error = form.query_one("#form-error")
    if error.display:
        parts.append(text_of(error))
    return "\n".join(parts)
