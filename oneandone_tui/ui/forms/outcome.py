"""After a lost answer, look at the account and say what was found (DESIGN.md §9 rule 4).

The client raises :class:`~oneandone_tui.api.errors.OutcomeUnknown` when a change was sent
and its answer lost (a timeout, a dropped connection, an unreadable body). Trying again
blindly could create a second server, so a form first looks:

- a create: the collection is searched by the name typed (``q=``); an item with that name
  that was not there before the form sent (:func:`snapshot`, taken just before) is the one
  created, and is followed like any success. None: it was not created, Create may be
  pressed again. A create is not sent when that search fails (:func:`baseline`).
- a delete: the item is read back; gone or being removed means deleted.
- anything else: the item is read back. An edit whose every value is one of the item's own
  fields (a rename) is judged: all read back as sent, it took (followed like a success);
  one differs on an item that is not busy, it did not (it may be sent again). Otherwise (a
  power action, a busy item) its state is shown, and whether the change took is for the user
  to judge, now with the facts.

If looking fails too, the outcome stays unknown and the form offers only "Check again".
No Textual here: the form (``submit.py``) shows what these return.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ...api.errors import ApiError, NotFound, OutcomeUnknown
from ...catalogue import Item, is_transitional, state_of, state_text
from .context import label_of

__all__ = ["Found", "LostAnswer", "baseline", "check", "snapshot"]

REMOVING = frozenset({"REMOVING", "DELETING", "REMOVED", "DELETED"})


@dataclass
class Found:
    """What looking at the account showed. ``done``: the change happened (``result`` is the
    resource, for a create: follow it); ``checked`` False: looking failed, still unknown."""

    text: str
    done: bool = False
    result: Any = None
    checked: bool = True


class LostAnswer(Exception):
    """A lost answer, looked into, that is not a success: ``str()`` says what was found."""

    def __init__(self, found: Found, error: OutcomeUnknown) -> None:
        super().__init__(found.text)
        self.found = found
        self.error = error


def _facade(ctx: Any) -> Any:
    return getattr(ctx.client, ctx.cat.api, None)


def _name_of(values: Any) -> str | None:
    name = values.get("name") if hasattr(values, "get") else None
    return name.strip() if isinstance(name, str) and name.strip() else None


def _singular(ctx: Any) -> str:
    title = ctx.cat.title.lower()
    return title[:-1] if title.endswith("s") else title


def creates(ctx: Any) -> bool:
    """Whether a form on ``ctx`` creates a resource of its category (a "new" form)."""
    return not ctx.items and hasattr(_facade(ctx), "list")


async def _named(facade: Any, name: str | None) -> list[Item]:
    items = await facade.list(q=name) if name else await facade.list()
    return [i for i in items if name is None or i.get("name") == name]


async def baseline(ctx: Any, values: Any) -> set[str]:
    """The ids of the resources a create could be confused with (same name), read just
    before it is sent; raises the client's ``ApiError`` when they cannot be read. A form does
    not send a create without it (``submit.py``): were its answer lost, a resource of that
    name found afterwards could not be told from one that was there before, and "Create"
    would be offered again next to what may be the new one."""
    return {str(i.get("id")) for i in await _named(_facade(ctx), _name_of(values))}


async def snapshot(ctx: Any, values: Any) -> set[str] | None:
    """:func:`baseline`, or None when it could not be read (the check then says less)."""
    try:
        return await baseline(ctx, values)
    except ApiError:
        return None


async def check(error: OutcomeUnknown, ctx: Any, item: Item | None, values: Any,
                before: set[str] | None) -> Found:
    """Look at the account after ``error`` and say what was found."""
    try:
        if item is None:
            return await _check_create(ctx, values, before)
        if error.method == "DELETE":
            return await _check_delete(ctx, item)
        return await _check_change(ctx, item, values)
    except ApiError as exc:
        return Found(f"{error.message} Looking at the account failed too ({exc}); the outcome "
                     f"is still unknown: check again before retrying.", checked=False)


async def _check_create(ctx: Any, values: Any, before: set[str] | None) -> Found:
    name = _name_of(values)
    what = f"{_singular(ctx)} named {name!r}" if name else f"new {_singular(ctx)}"
    found = await _named(_facade(ctx), name)
    if before is not None:
        new = [i for i in found if str(i.get("id")) not in before]
        if len(new) == 1:
            label = label_of(new[0])
            return Found(f"The answer was lost; looking at the account shows {label} was "
                         f"created.", done=True, result=new[0])
        if not new:
            return Found(f"The answer was lost; looking at the account shows no {what} was "
                         f"created. Nothing happened: you may try again.")
        return Found(f"The answer was lost; {len(new)} new {what}s appeared since "
                     f"({_ids(new)}): look at them before trying again.")
    if not found:
        return Found(f"The answer was lost; looking at the account shows no {what}: it was "
                     f"not created. You may try again.")
    return Found(f"The answer was lost; the account has {len(found)} {what} "
                 f"({_ids(found)}) and it cannot be told whether one is new: look at it "
                 f"before trying again.")


async def _check_delete(ctx: Any, item: Item) -> Found:
    label = label_of(item)
    try:
        now = await _facade(ctx).get(str(item["id"]))
    except NotFound:
        return Found(f"The answer was lost; looking at the account shows {label} is gone: "
                     f"deleted.", done=True)
    state, _ = state_of(now)
    if state in REMOVING:
        return Found(f"The answer was lost; looking at the account shows {label} is being "
                     f"removed.", done=True, result=now)
    return Found(f"The answer was lost; {label} is still there ({state_text(now)}): it was "
                 f"not deleted. You may try again.")


async def _check_change(ctx: Any, item: Item, values: Any) -> Found:
    label = label_of(item)
    facade = _facade(ctx)
    if not ctx.cat.gettable or not hasattr(facade, "get"):
        return Found(f"The answer was lost and {label} cannot be read back here: look at it "
                     f"before trying again.")
    try:
        now = await facade.get(str(item["id"]))
    except NotFound:
        return Found(f"The answer was lost; {label} no longer exists.")
    busy = is_transitional(now)
    sent = _comparable(values, now)
    if sent:
        differ = {k: v for k, v in sent.items() if not _same(now.get(k), v)}
        if not differ:
            return Found(f"The answer was lost; looking at the account shows "
                         f"{label_of(now)} has what was sent: the change took.", done=True,
                         result=now)
        if not busy:
            key, wanted = next(iter(differ.items()))
            return Found(f"The answer was lost; looking at the account shows {key} is still "
                         f"{now.get(key)!r}, not {wanted!r}: the change did not take. You "
                         f"may try again.")
    under_way = " (busy: the change is probably under way)" if busy else ""
    return Found(f"The answer was lost; {label} is now {state_text(now) or 'unchanged'}"
                 f"{under_way}. Check that the change took before trying again.")


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _comparable(values: Any, now: Any) -> dict[str, Any]:
    """What an edit sent, when every value of it can be read back as one of the resource's
    own fields (a rename: name, description); empty when any cannot (a power action sends an
    action, not a field), and then whether it took is not judged."""
    if not isinstance(now, dict) or not hasattr(values, "items"):
        return {}
    # An empty field is not sent (the request objects drop what is unset): not judged.
    sent = {k: v for k, v in values.items()
            if not str(k).startswith("_") and v is not None and v != ""}
    if not sent or not all(_scalar(v) and k in now and _scalar(now[k])
                           for k, v in sent.items()):
        return {}
    return sent


def _same(found: Any, sent: Any) -> bool:
    """A field read back as sent (a number typed as text reads back as the number)."""
    return found == sent or str(found) == str(sent)


def _ids(items: Iterable[Item]) -> str:
    return ", ".join(str(i.get("id")) for i in items)
