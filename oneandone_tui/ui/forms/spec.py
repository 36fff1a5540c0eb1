"""Declaring forms and actions: :class:`FormSpec` (fields, how to build the client's request
object, which client call sends it, what to follow afterwards) and :class:`Action` (a titled
entry of a category's menu that opens a form or a confirmation).

A confirmation is a form too (``danger=True``: Cancel is focused, the button is red, and
``typed`` asks for the resource's name), so both share one submit path: validation, the call in a
worker, the API's error shown in place, and following the outcome live.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ...api.models import RequestObject
from ...catalogue import Item
from .context import Ctx, FormValues, label_of
from .fields import Field, Values

Build = Callable[[FormValues], Any]
Call = Callable[[FormValues, Item | None, Any], Awaitable[Any]]


@dataclass(frozen=True)
class Target:
    """A resource to follow until it settles (or is gone, when ``deleted``)."""

    category: str
    id: str
    label: str
    deleted: bool = False


Follow = Callable[[FormValues, Item | None, Any], list[Target]]


@dataclass(frozen=True)
class FormSpec:
    title: str | Callable[[Ctx], str]
    fields: Sequence[Field] = ()
    #: The client's request object for these values (its ``errors()`` are the form's rules).
    build: Build | None = None
    #: Send it: ``call(values, item, request)`` (once per item for bulk actions).
    call: Call | None = None
    #: What to follow after a success; default: the item itself, if any.
    follow: Follow | None = None
    submit_label: str = "Save"
    message: str | Callable[[Ctx], str] | None = None
    #: A confirmation: Cancel is focused, the submit button is red.
    danger: bool = False
    #: Text the user must type to confirm (the resource's name).
    typed: Callable[[Ctx], str] | None = None
    #: Initial values from the selected item.
    initial: Callable[[Ctx], Values] | None = None
    #: Async preparation before the form opens: ``(fields or None, initial values)``.
    prepare: Callable[[Ctx], Awaitable[tuple[Sequence[Field] | None, Values]]] | None = None
    #: Toast after a success with nothing to follow.
    done: str | Callable[[Ctx], str] | None = None
    #: Opens with its action focused though it has fields (prefilled: a resize).
    opens_on_submit: bool = False

    def title_for(self, ctx: Ctx) -> str:
        return self.title(ctx) if callable(self.title) else self.title

    def message_for(self, ctx: Ctx) -> str | None:
        return self.message(ctx) if callable(self.message) else self.message


@dataclass(frozen=True)
class Action:
    key: str
    title: str
    form: FormSpec
    #: ``new``, ``edit`` and ``delete`` have their own keys; every action is in the ``a`` menu.
    kind: str = "action"
    #: Can run on several marked items at once (one confirmation, one summary).
    bulk: bool = False
    needs_item: bool = True
    #: Offered only when this holds for at least one selected item (else not listed; the
    #: rules of ``rules.py`` list it disabled, with the reason).
    available: Callable[[Item], bool] | None = None
    #: Run this instead of opening the form: ``run(app, screen, items)`` (SSH).
    run: Callable[[Any, Any, list[Item]], Any] | None = None
    #: Changes the account (refused in read-only mode).
    changes: bool = True

    def applies(self, items: Sequence[Item]) -> bool:
        if self.available is None or not items:
            return True
        return any(self.available(i) for i in items)

    def why_not(self, category: str, items: Sequence[Item]) -> str | None:
        """Why it cannot run on ``items`` now (the category's rules, ``rules.py``), or None."""
        from .rules import why_not

        return why_not(category, self.key, items) if self.needs_item else None


# -- building request objects ---------------------------------------------------------------------
def make(cls: type[RequestObject], values: Values, **nested: type[RequestObject]) -> Any:
    """``cls`` filled from the values it has attributes for; lists of rows named in
    ``nested`` become lists of those request objects."""
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    kw: dict[str, Any] = {}
    for name in names & set(values):
        value = values[name]
        if name in nested and isinstance(value, list):
            value = [make(nested[name], row) for row in value]
        kw[name] = value
    return cls(**kw)


def model(cls: type[RequestObject], **nested: type[RequestObject]) -> Build:
    return lambda v: make(cls, v, **nested)


# -- what to follow -------------------------------------------------------------------------------
def follow_item(*, deleted: bool = False) -> Follow:
    """The item the action ran on."""

    def targets(v: FormValues, item: Item | None, result: Any) -> list[Target]:
        if not item:
            return []
        return [Target(v.ctx.cat.key, str(item["id"]), label_of(item), deleted)]

    return targets


def follow_result(category: str | None = None) -> Follow:
    """The resource the answer describes (a created or cloned one)."""

    def targets(v: FormValues, item: Item | None, result: Any) -> list[Target]:
        if isinstance(result, dict) and result.get("id"):
            return [Target(category or v.ctx.cat.key, str(result["id"]),
                           label_of(result))]
        return []

    return targets


def follow_also(category: str, key: str, label: str = "") -> Follow:
    """The item, and the resource whose id the form's ``key`` field holds."""

    def targets(v: FormValues, item: Item | None, result: Any) -> list[Target]:
        out = follow_item()(v, item, result)
        other = v.get(key)
        if other:
            picked = v.picked(key)
            name = label_of(picked) if isinstance(picked, dict) else label or str(other)
            out.append(Target(category, str(other), name))
        return out

    return targets


def no_follow(v: FormValues, item: Item | None, result: Any) -> list[Target]:
    return []
