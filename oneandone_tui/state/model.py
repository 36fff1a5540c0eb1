"""What is known about the account, and since when: no I/O, no Textual.

Three kinds of entries, each with the time its data arrived, the last error and whether it is
stale (an error came after the last good data, which is kept):

- a **list** per category (``lists[key]``): its items in the API's order, and the raw answer
  for object-shaped categories (usages, pricing) whose readers need more than rows;
- a **section** per resource and detail tab (``sections[(key, id, title)]``): the data of one
  of the SDK's helper getters (a firewall policy's rules, a server's IPs...), or the full
  object of the resource (title ``""``: ``GET /<category>/<id>``, richer than a list item);
- nothing else: a reader derives the rest (counts, states, alerts) from these.

Every change is announced to subscribers as a :class:`Change` (synchronously, on the event
loop that made it); the UI's bridge turns them into Textual messages.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..catalogue import Item

#: The section key of a resource's own full object (``GET /<category>/<id>``).
ITEM = ""

SectionKey = tuple[str, str, str]


def error_text(exc: BaseException) -> str:
    """An error as one line a user can read (the API's message, with where it happened)."""
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())


@dataclass
class Entry:
    """One piece of known data: what arrived, when, and what went wrong since."""

    data: Any = None
    #: Monotonic seconds when data last arrived (None: never).
    fetched_at: float | None = None
    error: str | None = None
    error_at: float | None = None
    #: Counts the changes of ``data`` (a reader can skip a redraw it already did).
    version: int = 0
    #: The last attempt was answered 404: the resource no longer exists (deleted, perhaps
    #: by someone else). ``data`` is what it was when last seen.
    gone: bool = False

    @property
    def loaded(self) -> bool:
        return self.fetched_at is not None

    @property
    def stale(self) -> bool:
        """Data is shown, but the last attempt to refresh it failed."""
        return self.error is not None and self.fetched_at is not None


@dataclass
class ListEntry(Entry):
    """A category's list. ``data`` is the list of items in order; ``raw`` the answer before
    flattening (object-shaped categories); ``partial``: only the first page is known yet."""

    raw: Any = None
    partial: bool = False
    #: The poller's request number of the answer held (``Poller.seq``): a reader that must
    #: only trust answers asked for after some moment (a follow) compares it.
    seq: int = 0
    _by_id: dict[str, Item] | None = field(default=None, repr=False)

    @property
    def items(self) -> list[Item]:
        return self.data or []

    def by_id(self) -> dict[str, Item]:
        if self._by_id is None:
            self._by_id = {str(i.get("id")): i for i in self.items}
        return self._by_id


@dataclass(frozen=True)
class Change:
    """What changed. ``kind``: ``"list"`` (``category``; ``ids`` the items that changed, None
    when resources came, went or moved), ``"section"`` (``category``, ``ids`` = (the
    resource,), ``section``), ``"health"`` (the connection: see :class:`Health`)."""

    kind: str
    category: str = ""
    ids: tuple[str, ...] | None = None
    section: str | None = None
    #: True when only an error (no new data) arrived.
    error: bool = False


Listener = Callable[[Change], None]


@dataclass
class Health:
    """How the API answers, for one banner: ``ok``, ``auth`` (the token was refused: polling
    stops until a new one is given) or ``unreachable`` (backing off, recovering by itself)."""

    status: str = "ok"
    message: str = ""
    #: Monotonic time of the next attempt while unreachable.
    retry_at: float | None = None
    failures: int = 0


class AccountState:
    """The account as last seen. Written by the poller only; read by every screen."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.lists: dict[str, ListEntry] = {}
        self.sections: dict[SectionKey, Entry] = {}
        self.health = Health()
        #: Monotonic time of the last answer that carried data (the status line's "refreshed").
        self.last_data: float | None = None
        self._listeners: list[Listener] = []

    # -- subscribing ------------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(change)`` after every change; returns the unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners \
            else None

    def _emit(self, change: Change) -> None:
        # No catch: a reader's bug (the bridge is the app's one reader) reaches the crash
        # handler through the poller's worker, instead of leaving the screens silently stale.
        for listener in list(self._listeners):
            listener(change)

    # -- reading ----------------------------------------------------------------------------------
    def list(self, key: str) -> ListEntry:
        entry = self.lists.get(key)
        if entry is None:
            entry = self.lists[key] = ListEntry()
        return entry

    def items(self, key: str) -> builtins.list[Item]:
        return self.list(key).items

    def item(self, key: str, item_id: str) -> Item | None:
        """A resource as its category's list last showed it."""
        entry = self.lists.get(key)
        return entry.by_id().get(item_id) if entry is not None else None

    def section(self, key: str, item_id: str, title: str) -> Entry:
        sk = (key, item_id, title)
        entry = self.sections.get(sk)
        if entry is None:
            entry = self.sections[sk] = Entry()
        return entry

    def age(self, entry: Entry) -> float | None:
        return None if entry.fetched_at is None else self.clock() - entry.fetched_at

    # -- writing (the poller) ---------------------------------------------------------------------
    def put_list(self, key: str, items: builtins.list[Item], *, raw: Any = None,
                 partial: bool = False, ids: Iterable[str] | None = None,
                 seq: int = 0) -> None:
        """New items of a category; ``ids``: those that changed when the caller knows."""
        entry = self.list(key)
        # Comparing 10,000 items costs ~20 ms: a long list is announced as changed and its
        # reader compares only the rows it shows (the explorer's in-place refresh).
        same = len(items) <= 1000 and entry.data == items and entry.partial == partial \
            and not entry.error
        entry.data, entry.raw, entry.partial, entry._by_id = items, raw, partial, None
        entry.seq = max(entry.seq, seq)
        entry.fetched_at = self.last_data = self.clock()
        entry.error = entry.error_at = None
        if not same:
            entry.version += 1
        # Announced even when equal: a follow waits for an answer asked after it started.
        self._emit(Change("list", key, () if same else tuple(ids) if ids is not None else None))

    def put_section(self, key: str, item_id: str, title: str, data: Any) -> None:
        entry = self.section(key, item_id, title)
        same = entry.loaded and entry.data == data and not entry.error
        entry.data = data
        entry.fetched_at = self.last_data = self.clock()
        entry.error = entry.error_at = None
        entry.gone = False
        if not same:
            entry.version += 1
            self._emit(Change("section", key, (item_id,), title))

    def fail_list(self, key: str, exc: BaseException) -> None:
        entry = self.list(key)
        entry.error, entry.error_at = error_text(exc), self.clock()
        self._emit(Change("list", key, None, error=True))

    def fail_section(self, key: str, item_id: str, title: str, exc: BaseException) -> None:
        entry = self.section(key, item_id, title)
        entry.error, entry.error_at = error_text(exc), self.clock()
        # By status, not class: the state does not import the client (any 404 means gone).
        entry.gone = getattr(exc, "status", None) == 404
        self._emit(Change("section", key, (item_id,), title, error=True))

    def set_health(self, status: str, message: str = "", retry_at: float | None = None,
                   failures: int = 0) -> None:
        h = self.health
        changed = (h.status, h.message, h.retry_at) != (status, message, retry_at)
        self.health = Health(status, message, retry_at, failures)
        if changed:
            self._emit(Change("health"))
