"""What an action works on: the app (client, feed), the category, and the selected items; plus
:class:`FormValues`, the parsed values of a form with the raw items its pickers chose."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...catalogue import Category, Item

if TYPE_CHECKING:
    from ..client_protocol import UiClient
    from ..feed import Feed


def label_of(item: Item | None) -> str:
    if not item:
        return ""
    return str(item.get("name") or item.get("ip") or item.get("id") or "?")


@dataclass
class Ctx:
    app: Any
    cat: Category
    items: list[Item] = field(default_factory=list)
    #: The screen the action was started from (its marks are cleared after a bulk action).
    screen: Any = None

    @property
    def client(self) -> UiClient:
        return self.app.client

    @property
    def feed(self) -> Feed:
        return self.app.feed

    @property
    def item(self) -> Item | None:
        return self.items[0] if self.items else None

    @property
    def item_id(self) -> str:
        return str((self.item or {}).get("id") or "")

    @property
    def label(self) -> str:
        """``web-01``, or ``3 servers`` for several."""
        if len(self.items) > 1:
            return f"{len(self.items)} {self.cat.title.lower()}"
        return label_of(self.item)

    def names(self, limit: int = 6) -> str:
        shown = [label_of(i) for i in self.items[:limit]]
        more = len(self.items) - len(shown)
        return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


class FormValues(dict):
    """A form's parsed values (``values["hdds"]`` is a list of row dicts) with the context and
    the raw items the pickers chose (``values.picked("hdd_id")``)."""

    def __init__(self, data: dict[str, Any], ctx: Ctx,
                 picked: dict[str, Any] | None = None) -> None:
        super().__init__(data)
        self.ctx = ctx
        self._picked = picked or {}

    def text(self, name: str) -> str:
        """A value as the client's ``str`` parameters take it: ``""`` when the field is empty,
        which the client refuses ("is required") before anything is sent."""
        value = self.get(name)
        return "" if value is None else str(value)

    def picked(self, name: str) -> Any:
        return self._picked.get(name)
