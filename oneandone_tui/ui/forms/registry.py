"""Which actions each category has, and starting one.

Category modules (``servers.py``, ``load_balancers.py``...) call :func:`register`; screens only
ask :func:`actions_for` and call :func:`start`. Starting an action is where read-only mode
refuses (before any form opens), where a selection is checked, and where the form is pushed.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from ...catalogue import CATEGORIES, Item, category
from ..failures import ACTION_ERRORS
from .context import Ctx
from .lazy import read_only
from .spec import Action

REGISTRY: dict[str, list[Action]] = {}

#: The modules that register actions (imported on first use), as the catalogue names them
#: (``Category.forms``), in its order: a category's actions are offered in the order of its
#: modules.
MODULES = tuple(dict.fromkeys(module for cat in CATEGORIES for module in cat.forms))
_loaded = False


def register(category_key: str, *actions: Action) -> None:
    REGISTRY.setdefault(category_key, []).extend(actions)


def load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for name in MODULES:
        importlib.import_module(f"{__package__}.{name}")


def actions_for(category_key: str) -> list[Action]:
    load()
    return list(REGISTRY.get(category_key, []))


def find(category_key: str, key: str) -> Action | None:
    return next((a for a in actions_for(category_key) if a.key == key), None)


def refuse(app: Any, what: str) -> None:
    app.notify(f"Read-only: '{what}' is refused; nothing was sent.", title="Read-only",
               severity="warning")


def start(app: Any, screen: Any, category_key: str, action: Action,
          items: Sequence[Item]) -> bool:
    """Open ``action``'s form for ``items``. Returns whether a form was opened."""
    cat = category(category_key)
    if read_only(app) and action.changes:
        refuse(app, action.title)
        return False
    items = list(items) if action.needs_item else []
    if action.needs_item and not items:
        app.notify(f"Select one of the {cat.title.lower()} first.", severity="warning")
        return False
    if len(items) > 1 and not action.bulk:
        app.notify(f"'{action.title}' works on one at a time: esc clears the marks.",
                   severity="warning")
        return False
    reason = action.why_not(category_key, items)
    if reason is not None:
        app.notify(f"{action.title}: {reason}. Nothing was sent.", title=action.title,
                   severity="warning")
        return False
    if action.run is not None:
        action.run(app, screen, items)
        return True
    ctx = Ctx(app, cat, items, screen)
    spec = action.form
    if spec.prepare is not None:
        app.run_worker(_prepared(app, ctx, action), group="form-prepare", exit_on_error=False)
        return True
    values = spec.initial(ctx) if spec.initial is not None and ctx.item is not None else {}
    _push(app, ctx, action, None, values)
    return True


async def _prepared(app: Any, ctx: Ctx, action: Action) -> None:
    assert action.form.prepare is not None
    try:
        fields, values = await action.form.prepare(ctx)
    except ACTION_ERRORS as exc:
        app.notify(str(exc), title=f"{action.title}: could not load", severity="error")
        return
    _push(app, ctx, action, list(fields) if fields is not None else None, values)


def _push(app: Any, ctx: Ctx, action: Action, fields: Any, values: dict[str, Any]) -> None:
    from .form import FormScreen

    form = FormScreen(action.form, ctx, bulk=len(ctx.items) > 1, fields=fields, values=values)
    app.push_screen(form, callback=lambda result: _after(app, ctx, action, result))


def _after(app: Any, ctx: Ctx, action: Action, result: Any) -> None:
    if result is None:
        return
    if action.kind == "new" or action.key == "clone":
        hidden_by_filter(app, ctx.cat.key, result)
    table = getattr(ctx.screen, "table", None)
    if len(ctx.items) > 1 and table is not None:
        table.clear_marks()
    if action.kind == "delete" and ctx.screen is not None and app.screen is ctx.screen \
            and hasattr(ctx.screen, "item_id"):
        app.pop_screen()  # the detail of a deleted resource has nothing left to show


def hidden_by_filter(app: Any, category_key: str, created: Any) -> bool:
    """A resource just made that the list's active filter hides: the toast says so and how to
    clear the filter (esc on the list), instead of leaving the user to think it failed."""
    explorer = app.explorer() if hasattr(app, "explorer") else None
    if explorer is None or not isinstance(created, dict) or explorer.cat.key != category_key:
        return False
    needle = explorer.table.filter_text
    if not needle:
        return False
    from ..rows import row_for

    try:
        if needle in row_for(explorer.cat, created).search:
            return False
    except Exception:
        pass  # a partial answer: judge by its name alone
    name = str(created.get("name") or created.get("id") or "it")
    if needle in name.lower():
        return False
    if created.get("id"):
        explorer.reveal_after_clear = str(created["id"])
    app.notify(f"{name} is hidden by the filter '{needle}'. Press esc on the list to clear "
               f"the filter and see it.", title="Hidden by the filter", severity="warning",
               timeout=10)
    return True
