"""Everything the navigation tree shows, and the one place it comes from (no Textual here).

The tree (``ui/widgets/tree.py``) reads the account only through a :class:`TreeSource`, so
that moving it onto the shared account state is a change in this file alone. The interface
the tree relies on:

* ``GROUPS``: the groups of the tree and their category keys (every category of the
  catalogue, once; each names its group, ``Category.group``).
* ``count(key)``: how many resources a category has (None: unknown or the request failed).
* ``held(key)``, ``ids(key)``, ``item(key, rid)``, ``position(key, rid)``: the resources of a
  category in the order of its list, when held; ``version(key)`` changes with them.
* ``await load(key)``: fetch a category that is not held (one request; nothing when held).
* ``parts(key, item)``: a resource's parts, from the catalogue's sections (its helper
  getters): what the list already carries is used as it is; ``await load_parts(key, item)``
  fetches the others (one request per section, once per version of the resource).
* ``subscribe(callback)``: ``callback(key)`` after every change of a category.

It reads the app's account state (``oneandone_tui/state/``) when given one: a category the
state holds whole is the tree's at once, without a request (``from_state``, also called by the
explorer on every ``StateChanged`` of a list), and ``load`` brings a missing one into the
state through the poller (``loader``), so every other screen has it too. The explorer also
feeds it (``put_items`` on every refresh of its table, ``put_counts`` with the counts of the
lists the state does not hold). Without a state (its own tests), it fetches through the feed.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..catalogue import CATEGORIES, Category, Item, Link, Section, category, get
from .failures import FETCH_ERRORS
from .feed import Feed

if TYPE_CHECKING:
    from ..state import AccountState

#: The groups of the tree, in order: the account the way people think of it.
GROUP_ORDER = ("Compute", "Storage", "Network", "Monitoring", "Account")
#: Each group with its categories' keys, in the catalogue's order (each category names its
#: group: ``Category.group``).
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (group, tuple(c.key for c in CATEGORIES if c.group == group)) for group in GROUP_ORDER)

#: Sections whose data a list answer already carries, as a path in the item: no request for
#: them. A server's IPs are not among them: its list entries lack each IP's firewall policy
#: and load balancers, which the ``ips`` getter gives.
HELD: dict[tuple[str, str], str] = {
    ("servers", "Hardware"): "hardware", ("servers", "HDDs"): "hardware.hdds",
    ("servers", "Image"): "image", ("servers", "Status"): "status",
    ("shared_storages", "Servers"): "servers",
    ("firewall_policies", "Rules"): "rules", ("firewall_policies", "Server IPs"): "server_ips",
    ("load_balancers", "Rules"): "rules", ("load_balancers", "Server IPs"): "server_ips",
    ("private_networks", "Servers"): "servers",
    ("monitoring_policies", "Thresholds"): "thresholds",
    ("monitoring_policies", "Ports"): "ports", ("monitoring_policies", "Processes"): "processes",
    ("monitoring_policies", "Servers"): "servers",
    ("users", "API access"): "api", ("users", "Allowed IPs"): "api.allowed_ips",
    ("roles", "Permissions"): "permissions", ("roles", "Users"): "users",
}

#: Seconds ``load`` waits for a listing the explorer is fetching before asking itself.
EXPECT_WAIT = 10.0

#: A part's data before it is loaded.
PENDING: Any = object()


@dataclass(frozen=True)
class Entry:
    """One element of a part (an IP, a disk, a rule, an attached server), or a link."""

    label: str
    data: Any = None
    link: Link | None = None
    children: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Part:
    """One section of a resource. ``index`` is the section's tab in the detail screen (None
    for the related resources); ``data`` is ``PENDING`` until loaded."""

    title: str
    index: int | None
    section: Section | None
    data: Any = PENDING
    error: str | None = None
    entries: tuple[Entry, ...] = ()

    @property
    def loaded(self) -> bool:
        return self.data is not PENDING

    @property
    def summary(self) -> str:
        """What the tree shows after the title: a count, ``none``, ``…`` while loading."""
        if self.error:
            return "error"
        if not self.loaded:
            return "…"
        if self.index is None or isinstance(self.data, list):
            return str(len(self.entries)) if self.entries or self.data else "none"
        return "" if self.data else "none"


def label_of(item: Item) -> str:
    """A resource's name in the tree: its name, IP or location; a log entry's action and
    resource; its id as a last resort."""
    for key in ("name", "ip", "location"):
        if item.get(key):
            return str(item[key])
    if item.get("action"):
        return f"{item['action']} {get(item, 'resource.name') or ''}".strip()
    return str(item.get("id") or "?")


def _held(item: Item, path: str) -> tuple[bool, Any]:
    value: Any = item
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return False, None
        value = value[key]
    return True, value


def entry_label(element: Any, section: Section) -> str:
    if not isinstance(element, dict):
        return str(element)
    if element.get("ip"):
        owner = element.get("server_name")
        return f"{element['ip']} · {owner}" if owner else str(element["ip"])
    if "size" in element and "is_main" in element:
        return f"{element['size']} GB" + (" (main)" if element.get("is_main") else "")
    if element.get("name"):
        rights = element.get("rights")
        return f"{element['name']} ({rights})" if rights else str(element["name"])
    texts = [c.text(element) for c in section.columns if c.key != "id"]
    return " ".join(t for t in texts if t) or str(element.get("id") or "?")


def link_entry(link: Link, within: str = "") -> Entry:
    """A link; under an element (an IP), without the element's own name again."""
    label = link.label
    if within and label.startswith(within + " "):
        label = label[len(within) + 1:]
    return Entry(f"→ {label}", link=link)


def entries_of(section: Section, data: Any) -> tuple[Entry, ...]:
    """A list's elements as entries, each with its related resources (the firewall policy
    and load balancers of an IP) as links; an element that is itself a resource of another
    category (an attached server) is a link."""
    if not isinstance(data, list):
        return ()
    out: list[Entry] = []
    for element in data:
        try:
            links = section.links([element]) if section.links is not None else []
        except FETCH_ERRORS:  # an element not shaped as documented: shown, without links
            links = []
        try:
            label = entry_label(element, section)
        except FETCH_ERRORS:  # the same: shown as it is
            label = str(element)[:80]
        own = element.get("id") if isinstance(element, dict) else None
        if len(links) == 1 and own and links[0].id == own:
            out.append(Entry(label, element, links[0]))
        else:
            own_name = element.get("ip") if isinstance(element, dict) else None
            out.append(Entry(label, element, None,
                             tuple(link_entry(x, str(own_name or "")) for x in links)))
    return tuple(out)


def related_links(cat: Category, item: Item) -> list[Link]:
    """The resources a resource refers to (its Overview's links, else the category's)."""
    for section in cat.sections:
        if section.call is None and section.title == "Overview" and section.links:
            return section.links(item)
    return cat.links(item) if cat.links else []


class NotLoaded(RuntimeError):
    """The account state could not bring a category's list (its error, or polling is paused
    after a refused token): the tree shows it on the category."""


@dataclass
class _Held:
    items: dict[str, Item]
    order: list[str]
    fetched_at: float
    pos: dict[str, int] | None = None


@dataclass
class _Fetched:
    """Sections fetched for one version of a resource."""

    item: Item
    data: dict[int, Any] = field(default_factory=dict)
    errors: dict[int, str] = field(default_factory=dict)


class TreeSource:
    def __init__(self, feed: Feed, clock: Callable[[], float] = time.monotonic, *,
                 state: AccountState | None = None,
                 loader: Callable[[str], Awaitable[None]] | None = None) -> None:
        self.feed = feed
        self.clock = clock
        #: The app's account state, and what brings a list into it (the poller's ``load``).
        self.state = state
        self.loader = loader
        #: The version of the state's list last taken per category (taken once per version).
        self._from_state: dict[str, int] = {}
        self._held: dict[str, _Held] = {}
        self._counts: dict[str, int | None] = {}
        self._versions: dict[str, int] = {}
        self._fetched: dict[tuple[str, str], _Fetched] = {}
        self._subscribers: list[Callable[[str], None]] = []
        #: Categories someone else (the explorer's table) is loading: ``load`` waits for
        #: their ``put_items`` instead of asking a second time.
        self._expected: dict[str, asyncio.Event] = {}
        self._inflight: set[tuple[str, str]] = set()

    # -- what the tree reads ------------------------------------------------------------------
    def count(self, key: str) -> int | None:
        held = self._held.get(key)
        return len(held.order) if held is not None else self._counts.get(key)

    def counted(self, key: str) -> bool:
        return key in self._held or key in self._counts

    def held(self, key: str) -> bool:
        return key in self._held

    def ids(self, key: str) -> Sequence[str]:
        held = self._held.get(key)
        return held.order if held is not None else ()

    def item(self, key: str, rid: str) -> Item | None:
        held = self._held.get(key)
        return held.items.get(rid) if held is not None else None

    def position(self, key: str, rid: str) -> int | None:
        held = self._held.get(key)
        if held is None:
            return None
        if held.pos is None:  # built on first use: ~1 ms at 10,000
            held.pos = {r: i for i, r in enumerate(held.order)}
        return held.pos.get(rid)

    def version(self, key: str) -> int:
        return self._versions.get(key, 0)

    def fetched_at(self, key: str) -> float | None:
        held = self._held.get(key)
        return held.fetched_at if held is not None else None

    def subscribe(self, callback: Callable[[str], None]) -> None:
        self._subscribers.append(callback)

    def unsubscribe(self, callback: Callable[[str], None]) -> None:
        if callback in self._subscribers:
            self._subscribers.remove(callback)

    # -- what feeds it ------------------------------------------------------------------------
    def put_items(self, key: str, items: Mapping[str, Item] | Iterable[Item], *,
                  order: list[str] | None = None, pos: dict[str, int] | None = None) -> None:
        """A fresh listing of a category (the explorer's refresh, or ``load``). ``order``
        and ``pos``: the ids of ``items`` in order and their positions, when the caller keeps
        them already (the explorer does): held as they are, not built again (10,000 servers:
        ~1 MB and ~2 ms less per refresh)."""
        row_id = category(key).row_id
        # The explorer's own dict, not a copy (10,000 servers: ~0.6 MB less, a copy less per
        # refresh); it replaces it on a refresh and only updates rows in place.
        by_id = items if isinstance(items, dict) else dict(items) if isinstance(
            items, Mapping) else {row_id(i): i for i in items}
        old = self._held.get(key)
        if order is None or len(order) != len(by_id):
            order, pos = list(by_id), None
        if pos is None and old is not None and old.order == order:
            pos = old.pos
        self._held[key] = _Held(by_id, order, self.clock(), pos)
        self._counts[key] = len(order)
        expected = self._expected.pop(key, None)
        if expected is not None:
            expected.set()
        self._changed(key)

    def put_counts(self, counts: Mapping[str, int | None]) -> None:
        changed = [k for k, v in counts.items()
                   if k not in self._held and self._counts.get(k, -1) != v]
        self._counts.update({k: v for k, v in counts.items() if k not in self._held})
        for key in changed:
            self._changed(key)

    def _changed(self, key: str) -> None:
        self._versions[key] = self._versions.get(key, 0) + 1
        for callback in list(self._subscribers):
            callback(key)

    def expect(self, key: str) -> None:
        """Someone is loading this category and will ``put_items`` it."""
        if key not in self._held:
            self._expected.setdefault(key, asyncio.Event())

    def from_state(self, key: str) -> bool:
        """Hold the account state's list of a category when the state has it whole (a first
        page alone is not the category: its count would be the page's). True when held."""
        if self.state is None:
            return False
        entry = self.state.lists.get(key)
        if entry is None or not entry.loaded or entry.partial:
            return False
        if self._from_state.get(key) != entry.version or key not in self._held:
            self._from_state[key] = entry.version
            self.put_items(key, entry.items)
        return True

    async def load(self, key: str, *, again: bool = False,
                   wait: float = EXPECT_WAIT) -> None:
        """Fetch a category's resources unless held (``again``: refresh them). When the
        explorer is loading it already, wait for that answer (up to ``wait`` seconds); when
        the account state holds them, no request at all."""
        if not again and self.from_state(key):
            return
        if key in self._held and not again:
            return
        expected = self._expected.get(key)
        if expected is not None and not again:
            try:
                await asyncio.wait_for(expected.wait(), wait)
                return
            except asyncio.TimeoutError:
                self._expected.pop(key, None)
        if self.state is not None and self.loader is not None:
            # Into the account state (the poller's one way of loading a list), then from it.
            await self.loader(key)
            if not self.from_state(key):
                entry = self.state.lists.get(key)
                raise NotLoaded(entry.error if entry is not None and entry.error
                                else "not loaded (polling is paused)")
            return
        items = await self.feed.items(category(key))
        self.put_items(key, items)

    # -- a resource's parts ---------------------------------------------------------------------
    def _fetchable(self, key: str, item: Item) -> list[tuple[int, Section]]:
        """The sections of a resource its listing does not carry (nor a ``when`` rules out):
        what ``load_parts`` fetches."""
        out = []
        for index, section in enumerate(category(key).sections):
            if section.title == "Overview":
                continue
            path = HELD.get((key, section.title))
            if path and _held(item, path)[0]:
                continue
            if section.when is not None and not section.when(item):
                continue
            out.append((index, section))
        return out

    def parts(self, key: str, item: Item) -> list[Part]:
        """The parts of a resource: every section but its overview (the resource itself),
        then the resources it refers to. Fetched sections of an older version of the resource
        are shown until the new ones come (no flicker while a server's state moves on)."""
        cat = category(key)
        fetched = self._fetched.get((key, cat.row_id(item)))
        to_fetch = dict(self._fetchable(key, item))
        out: list[Part] = []
        for index, section in enumerate(cat.sections):
            if section.title == "Overview":
                continue
            data, error = PENDING, None
            if index not in to_fetch:
                path = HELD.get((key, section.title))
                data = _held(item, path)[1] if path else None
            elif fetched is not None and index in fetched.errors:
                data, error = None, fetched.errors[index]
            elif fetched is not None and index in fetched.data:
                data = fetched.data[index]
            loaded = data is not PENDING
            out.append(Part(section.title, index, section, data, error,
                            entries_of(section, data) if loaded else ()))
        try:
            links = related_links(cat, item)
        except FETCH_ERRORS:  # a reference not shaped as documented: no links, not a crash
            links = []
        if links:
            out.append(Part("Related", None, None, links, None,
                            tuple(link_entry(x) for x in links)))
        return out

    def has_parts(self, key: str) -> bool:
        cat = category(key)
        return any(s.title != "Overview" for s in cat.sections) or any(
            s.links for s in cat.sections) or cat.links is not None

    def pending_parts(self, key: str, item: Item) -> list[int]:
        """The sections (indexes) to fetch for this version of the resource."""
        fetched = self._fetched.get((key, category(key).row_id(item)))
        fresh = fetched is not None and fetched.item == item
        return [i for i, _ in self._fetchable(key, item)
                if not (fresh and fetched is not None
                        and (i in fetched.data or i in fetched.errors))]

    async def load_parts(self, key: str, item: Item) -> bool:
        """Fetch the sections of a resource its listing does not carry (concurrently, each
        once per version of the resource, one round at a time per resource). True when
        something was fetched."""
        cat = category(key)
        rid = cat.row_id(item)
        pending = self.pending_parts(key, item)
        if not pending or (key, rid) in self._inflight:
            return False
        sections = dict(self._fetchable(key, item))
        old = self._fetched.get((key, rid))
        fresh = _Fetched(item, dict(old.data) if old else {}, dict(old.errors) if old else {})

        async def one(index: int) -> None:
            try:
                fresh.data[index] = await self.feed.section(cat, sections[index], item)
                fresh.errors.pop(index, None)
            except FETCH_ERRORS as exc:  # shown on the part; the next version tries again
                fresh.errors[index] = str(exc) or type(exc).__name__
                fresh.data.pop(index, None)

        self._inflight.add((key, rid))
        try:
            await asyncio.gather(*(one(i) for i in pending))
        finally:
            self._inflight.discard((key, rid))
        self._fetched[(key, rid)] = fresh
        if len(self._fetched) > 256:  # a bound: parts of resources browsed long ago go
            for gone in list(self._fetched)[:64]:
                del self._fetched[gone]
        self._changed(key)
        return True

    def section_data(self, key: str, item: Item, part: Part) -> Any:
        """What the right pane shows for a part (the item itself for item-only sections)."""
        if part.section is not None and part.section.call is None and part.data is PENDING:
            return item
        return part.data
