"""The tree's data (``TreeSource``) and its rows (``Flat``), without Textual: the documented
answers (tests/data/api/fixtures) give the parts the tree shows; hostile answers give a tree,
not an exception; the rows of an expanded category cost no row object per resource and
every row is found again by its node."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from oneandone_tui.api.errors import ApiError
from oneandone_tui.catalogue import CATEGORIES, category
from oneandone_tui.ui.tree_source import GROUPS, PENDING, TreeSource, entries_of
from oneandone_tui.ui.widgets.tree_rows import Flat, parent_of

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "api" / "fixtures"


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text())


class FakeFeed:
    """Answers ``items`` and ``section`` from dicts and counts the calls."""

    def __init__(self, lists: dict[str, list[Any]] | None = None,
                 sections: dict[str, Any] | None = None) -> None:
        self.lists = lists or {}
        self.sections = sections or {}
        self.calls: list[tuple[str, ...]] = []

    async def items(self, cat: Any, **kw: Any) -> list[Any]:
        self.calls.append(("items", cat.key))
        return self.lists[cat.key]

    async def section(self, cat: Any, section: Any, item: Any) -> Any:
        self.calls.append(("section", cat.key, section.call))
        answer = self.sections[section.call]
        if isinstance(answer, Exception):
            raise answer
        return answer


def test_every_category_is_in_exactly_one_group():
    placed = [key for _, keys in GROUPS for key in keys]
    assert sorted(placed) == sorted(c.key for c in CATEGORIES) and len(placed) == len(CATEGORIES)
    assert [g for g, _ in GROUPS] == ["Compute", "Storage", "Network", "Monitoring", "Account"]


def test_a_firewall_policys_rules_and_ips_come_from_its_listing():
    source = TreeSource(FakeFeed())  # type: ignore[arg-type]
    policies = fixture("list-firewalls.json")
    source.put_items("firewall_policies", policies)
    parts = source.parts("firewall_policies", policies[0])
    assert [p.title for p in parts] == ["Rules", "Server IPs"]
    rules, ips = parts
    assert rules.loaded and rules.summary == "2" and rules.entries[0].label.startswith("TCP")
    assert ips.loaded and ips.summary == "none"


def test_a_servers_missing_parts_are_fetched_once_per_version():
    server = fixture("list-servers.json")[0]
    ips = fixture("list-server-ips.json")
    feed = FakeFeed(sections={"ips": ips, "dvd": None, "private_networks": [],
                              "snapshots": ApiError("503 Service Unavailable")})
    source = TreeSource(feed)  # type: ignore[arg-type]
    source.put_items("servers", [server])
    pending = {p.title for p in source.parts("servers", server) if not p.loaded}
    assert {"IPs", "Private networks", "Snapshots"} <= pending
    assert "HDDs" not in pending and "Hardware" not in pending  # in the listing
    assert asyncio.run(source.load_parts("servers", server))
    parts = {p.title: p for p in source.parts("servers", server)}
    assert parts["IPs"].data == ips and len(parts["IPs"].entries) == len(ips)
    assert parts["Snapshots"].error == "503 Service Unavailable"
    assert parts["Snapshots"].summary == "error"
    calls = len(feed.calls)
    assert not asyncio.run(source.load_parts("servers", server))  # nothing left to fetch
    assert len(feed.calls) == calls
    # A new version of the server (its state changed): its parts are fetched again, the
    # old ones shown meanwhile (no "…" flicker at every step of a transition).
    changed = {**server, "status": {"state": "POWERING_OFF", "percent": None}}
    source.put_items("servers", [changed])
    assert len(source.pending_parts("servers", changed)) == 3  # IPs, networks, snapshots
    assert {p.title: p for p in source.parts("servers", changed)}["IPs"].data == ips
    feed.sections["snapshots"] = []
    assert asyncio.run(source.load_parts("servers", changed))
    parts = {p.title: p for p in source.parts("servers", changed)}
    assert parts["Snapshots"].error is None and parts["Snapshots"].summary == "none"
    assert source.pending_parts("servers", changed) == []


def test_an_ip_entry_links_to_its_firewall_and_load_balancers():
    section = next(s for s in category("servers").sections if s.call == "ips")
    ip = {"id": "IP1", "ip": "10.0.0.1", "firewall_policy": {"id": "FW", "name": "web"},
          "load_balancers": [{"id": "LB", "name": "lb-1"}]}
    (entry,) = entries_of(section, [ip])
    assert entry.label == "10.0.0.1" and entry.link is None
    assert [c.label for c in entry.children] == ["→ firewall: web", "→ load balancer: lb-1"]
    assert [c.link.category for c in entry.children] == ["firewall_policies", "load_balancers"]


def test_load_waits_for_the_listing_someone_else_is_fetching():
    feed = FakeFeed({"vpns": [{"id": "V", "name": "office"}]})
    source = TreeSource(feed)  # type: ignore[arg-type]

    async def scenario() -> None:
        source.expect("vpns")
        waiting = asyncio.ensure_future(source.load("vpns"))
        await asyncio.sleep(0)
        source.put_items("vpns", [{"id": "V", "name": "office"}])
        await waiting
        # Nobody else fetching: it asks itself, after ``wait`` at most.
        source.expect("ssh_keys")
        feed.lists["ssh_keys"] = []
        await source.load("ssh_keys", wait=0.01)

    asyncio.run(scenario())
    assert feed.calls == [("items", "ssh_keys")]
    assert source.count("vpns") == 1 and source.count("ssh_keys") == 0


def test_counts_of_categories_not_held_and_subscribers_hear_changes():
    source = TreeSource(FakeFeed())  # type: ignore[arg-type]
    heard: list[str] = []
    source.subscribe(heard.append)
    source.put_counts({"servers": 3, "logs": None})
    assert source.count("servers") == 3 and source.count("logs") is None
    assert source.counted("logs") and not source.counted("vpns")
    source.put_items("servers", [{"id": "a"}, {"id": "b"}])
    source.put_counts({"servers": 99})  # the listing wins over an older count
    assert source.count("servers") == 2
    assert heard == ["servers", "logs", "servers"]


def flat_for(source: TreeSource, expanded: set, text: str = "") -> Flat:
    cache: dict = {}

    def parts(key: str, rid: str):
        item = source.item(key, rid)
        if item is None:
            return []
        return cache.setdefault((key, rid), source.parts(key, item))

    return Flat(source, expanded, parts, {}, text)


names = st.text(alphabet="abcdew-01", min_size=0, max_size=6)


@settings(max_examples=120, deadline=None)
@given(st.lists(names, max_size=40), st.sets(st.integers(0, 39), max_size=5),
       st.sampled_from(["", "w", "we", "zz", "a-"]))
def test_every_row_is_found_again_by_its_node(server_names, opened, text):
    source = TreeSource(FakeFeed())  # type: ignore[arg-type]
    items = [{"id": f"S{i}", "name": n, "hardware": {"hdds": [{"size": 20, "is_main": True}]}}
             for i, n in enumerate(server_names)]
    source.put_items("servers", items)
    expanded = {("group", g) for g, _ in GROUPS} | {("cat", "servers")}
    expanded |= {("res", "servers", f"S{i}") for i in opened if i < len(items)}
    expanded |= {("part", "servers", f"S{i}", 1) for i in opened if i < len(items)}
    flat = flat_for(source, expanded, text)
    seen = []
    for index in range(len(flat)):
        node, _ = flat.row(index)
        assert flat.index(node) == index
        parent = parent_of(node)
        if parent is not None:
            assert flat.index(parent) is not None and flat.index(parent) < index
        if node[0] == "res":
            seen.append(node[2])
    expected = [i["id"] for i in items if text.strip().lower() in i["name"].lower()]
    if not text and not items:
        expected = []
    assert seen == expected
    if text and not expected and not any(text in g.lower() for g, _ in GROUPS):
        assert ("cat", "servers") not in flat.open


def test_an_expanded_category_is_one_range_not_a_row_per_resource():
    source = TreeSource(FakeFeed())  # type: ignore[arg-type]
    source.put_items("servers", [{"id": f"S{i}", "name": f"s{i}"} for i in range(10_000)])
    expanded = {("group", "Compute"), ("cat", "servers"), ("res", "servers", "S5000")}
    flat = flat_for(source, expanded)
    assert len(flat.blocks) < 40 and len(flat) > 10_000  # groups, categories, parts, 2 ranges
    assert flat.row(flat.index(("res", "servers", "S9999")))[0] == ("res", "servers", "S9999")


json_leaf = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
json_value = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(st.sampled_from(
                              ["id", "name", "ip", "state", "status", "ips", "hardware",
                               "hdds", "rules", "server_ips", "servers", "firewall_policy",
                               "load_balancers", "size", "is_main", "image", "dvd"]),
                              inner, max_size=5), max_leaves=12)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from([c.key for c in CATEGORIES]),
       st.lists(st.dictionaries(st.sampled_from(
           ["name", "ip", "state", "status", "ips", "hardware", "rules", "server_ips",
            "servers", "api", "assigned_to", "server", "role", "image", "monitoring_policy",
            "private_networks", "dvd", "resource", "user", "type"]), json_value, max_size=6),
           max_size=5))
def test_hostile_listings_give_a_tree_not_an_exception(key, raw):
    """Whatever a listing holds, the tree builds its rows and parts, and the right pane
    describes every row."""
    from oneandone_tui.ui.widgets.tree_preview import describe

    source = TreeSource(FakeFeed())  # type: ignore[arg-type]
    items = [{**r, "id": f"R{i}"} for i, r in enumerate(raw)]
    source.put_items(key, items)
    expanded = {("group", g) for g, _ in GROUPS} | {("cat", key)}
    expanded |= {("res", key, i["id"]) for i in items}
    flat = flat_for(source, expanded)
    expanded |= {flat.row(i)[0] for i in range(len(flat)) if flat.row(i)[0][0] == "part"}
    flat = flat_for(source, expanded)
    for index in range(len(flat)):
        node, _ = flat.row(index)
        if node[0] in ("res", "part", "entry"):
            describe(source, node, flat.parts)
        if node[0] == "part":
            part = flat.parts(node[1], node[2])[node[3]]
            assert part.data is not PENDING or part.section is not None


def test_a_category_the_account_state_holds_costs_no_request_and_a_missing_one_goes_there():
    from oneandone_tui.state import AccountState

    state = AccountState(clock=lambda: 0.0)
    policies = fixture("list-firewalls.json")
    state.put_list("firewall_policies", policies)
    feed = FakeFeed({"servers": fixture("list-servers.json")})
    loaded: list[str] = []

    async def loader(key: str) -> None:  # the poller's load: into the state
        loaded.append(key)
        state.put_list(key, await feed.items(category(key)))

    source = TreeSource(feed, state=state, loader=loader)  # type: ignore[arg-type]
    asyncio.run(source.load("firewall_policies"))
    assert feed.calls == [] and loaded == []
    assert list(source.ids("firewall_policies")) == [p["id"] for p in policies]
    # A first page alone is not the category: it is loaded whole, through the state.
    state.put_list("servers", fixture("list-servers.json")[:1], partial=True)
    asyncio.run(source.load("servers"))
    assert loaded == ["servers"] and source.count("servers") == len(fixture("list-servers.json"))
    # A new version of the state's list replaces the tree's.
    state.put_list("firewall_policies", policies[:1])
    assert source.from_state("firewall_policies")
    assert list(source.ids("firewall_policies")) == [policies[0]["id"]]


def test_a_list_the_state_could_not_load_is_an_error_for_the_tree():
    from oneandone_tui.state import AccountState

    state = AccountState(clock=lambda: 0.0)

    async def loader(key: str) -> None:
        state.fail_list(key, RuntimeError("503 Service Unavailable"))

    source = TreeSource(FakeFeed(), state=state, loader=loader)  # type: ignore[arg-type]
    try:
        asyncio.run(source.load("vpns"))
    except RuntimeError as exc:
        assert "503" in str(exc)
    else:
        raise AssertionError("no error")
    assert not source.held("vpns")
