"""Building blocks most categories share: name/description fields, rename forms, delete
confirmations, and simple confirmed calls."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ...catalogue import Item
from .context import Ctx, FormValues, label_of
from .fields import Field, Text
from .spec import Action, Build, Call, Follow, FormSpec, follow_item

NAME = Text("name", "Name")
DESCRIPTION = Text("description", "Description")


def api(v: FormValues) -> Any:
    """The client facade of the form's category (``client.servers``...)."""
    return getattr(v.ctx.client, v.ctx.cat.api)


def item_id(item: Item | None) -> str:
    return str((item or {}).get("id") or "")


def ids(v: FormValues, group: str, key: str) -> list[str]:
    """The ids chosen in a group's rows (an empty choice stays in place, as ``""``, so the
    client's "is required" names its row)."""
    return [r.get(key) or "" for r in v.get(group) or []]


def pick(item: Item | None, *keys: str) -> dict[str, Any]:
    """Initial values: ``keys`` of the item."""
    return {k: (item or {}).get(k) for k in keys}


def singular_title(title: str) -> str:
    """"Firewall Policies" -> "firewall policy", "Public IPs" -> "public IP", "VPNs" ->
    "VPN": the last word made singular, acronyms kept in capitals."""
    words = title.split()
    out = []
    for i, word in enumerate(words):
        if i == len(words) - 1:
            if word.endswith("ies"):
                word = word[:-3] + "y"
            elif word.endswith("s"):
                word = word[:-1]
        out.append(word if word[:2].isupper() else word.lower())
    return " ".join(out)


def singular(ctx: Ctx) -> str:
    return singular_title(ctx.cat.title)


def edit_action(build: Build, call: Call, *, fields: Sequence[Field] = (NAME, DESCRIPTION),
                keys: Sequence[str] = ("name", "description"), title: str = "Edit",
                initial: Callable[[Ctx], dict[str, Any]] | None = None) -> Action:
    """``e``: change the item's own settings (prefilled)."""
    spec = FormSpec(
        title=lambda ctx: f"{title}: {ctx.label}", fields=fields, build=build, call=call,
        submit_label="Save",
        initial=initial or (lambda ctx: pick(ctx.item, *keys)))
    return Action("edit", title, spec, kind="edit")


def _typed(ctx: Ctx) -> str:
    if len(ctx.items) > 1:
        return f"{len(ctx.items)} {ctx.cat.title.lower()}"
    return label_of(ctx.item)


def delete_action(*, typed: bool = False, fields: Sequence[Field] = (),
                  call: Call | None = None, bulk: bool = True,
                  note: str | Callable[[Ctx], str] = "") -> Action:
    """``ctrl+d``: a confirmation naming what goes; ``typed`` asks for the name (or for
    ``3 servers`` when several are marked)."""

    async def delete(v: FormValues, item: Item | None, request: Any) -> Any:
        return await api(v).delete(item_id(item))

    def message(ctx: Ctx) -> str:
        what = ctx.names() if len(ctx.items) > 1 else label_of(ctx.item)
        said = note(ctx) if callable(note) else note
        extra = f"\n{said}" if said else ""
        return f"Delete {singular(ctx) if len(ctx.items) == 1 else ctx.label}: {what}?\n" \
               f"This cannot be undone.{extra}"

    spec = FormSpec(
        title=lambda ctx: f"Delete {ctx.label}", message=message, danger=True,
        submit_label="Delete", typed=_typed if typed else None, fields=fields,
        call=call or delete, follow=follow_item(deleted=True))
    return Action("delete", "Delete", spec, kind="delete", bulk=bulk)


def confirm_action(key: str, title: str, call: Call, *, message: Callable[[Ctx], str],
                   fields: Sequence[Field] = (), build: Build | None = None,
                   bulk: bool = False, danger: bool = False, follow: Follow | None = None,
                   available: Callable[[Item], bool] | None = None,
                   submit_label: str | None = None, done: str | None = None,
                   needs_item: bool = True) -> Action:
    """An operation that only needs a yes (and maybe an option or two)."""
    spec = FormSpec(
        title=lambda ctx: f"{title}: {ctx.label}" if ctx.items else title, message=message,
        fields=fields, build=build, call=call, danger=danger, follow=follow,
        submit_label=submit_label or title, done=done)
    return Action(key, title, spec, bulk=bulk, available=available, needs_item=needs_item)


def form_action(key: str, title: str, fields: Sequence[Field], call: Call, *,
                build: Build | None = None, follow: Follow | None = None,
                submit_label: str | None = None, message: Callable[[Ctx], str] | None = None,
                initial: Callable[[Ctx], dict[str, Any]] | None = None,
                available: Callable[[Item], bool] | None = None, danger: bool = False,
                needs_item: bool = True, done: str | None = None,
                opens_on_submit: bool = False) -> Action:
    spec = FormSpec(
        title=lambda ctx: f"{title}: {ctx.label}" if ctx.items else title, fields=fields,
        build=build, call=call, follow=follow, submit_label=submit_label or title,
        message=message, initial=initial, danger=danger, done=done,
        opens_on_submit=opens_on_submit)
    return Action(key, title, spec, available=available, needs_item=needs_item)

