"""The navigation tree in the explorer: groups, categories, resources, their parts and links;
the right pane follows it, the table and the tree follow each other, live changes show in an
expanded node with the cursor kept on its resource, and the keys of a file manager."""

from __future__ import annotations

from oneandone_tui.api.client import Client
from oneandone_tui.catalogue import CATEGORIES, category
from oneandone_tui.ui.screens.detail import DetailScreen
from oneandone_tui.ui.screens.explorer import ExplorerScreen
from oneandone_tui.ui.tree_source import GROUPS
from oneandone_tui.ui.widgets.resource_table import ResourceTable
from oneandone_tui.ui.widgets.tree import AccountTree
from oneandone_tui.ui.widgets.tree_preview import TreePreview
from tests.ui.helpers import settle, text_of, until

SIZE = (120, 40)


def tree_of(app) -> AccountTree:
    return app.screen.query_one(AccountTree)


def rows(tree: AccountTree) -> list[tuple[int, str, str]]:
    """Every visible row: (depth, label, right-hand text)."""
    out = []
    for i in range(len(tree.flat)):
        node, depth = tree.flat.row(i)
        label, right, _, _ = tree._describe(node)
        out.append((depth, label, right))
    return out


def labels(tree: AccountTree) -> list[str]:
    return [label for _, label, _ in rows(tree)]


def children(tree: AccountTree, label: str) -> list[str]:
    """The labels of the rows directly under the first row with ``label``."""
    table = rows(tree)
    start = next(i for i, (_, text, _) in enumerate(table) if text == label)
    depth = table[start][0]
    out = []
    for d, text, _ in table[start + 1:]:
        if d <= depth:
            break
        if d == depth + 1:
            out.append(text)
    return out


async def at(pilot, tree: AccountTree, label: str) -> None:
    """Put the tree's cursor on the first row with ``label`` with the keyboard."""
    target = labels(tree).index(label)
    key = "down" if target > tree.cursor else "up"
    for _ in range(abs(target - tree.cursor)):
        await pilot.press(key)
    assert tree._describe(tree.cursor_node)[0] == label


async def open_tree(pilot) -> AccountTree:
    await settle(pilot)
    tree = tree_of(pilot.app)
    tree.focus()
    await pilot.pause()
    return tree


def preview_text(app) -> str:
    return text_of(app.screen.query_one(TreePreview).body)


async def test_every_group_collapses_and_expands_with_its_categories(demo_app):
    async with demo_app.run_test(size=SIZE) as pilot:
        tree = await open_tree(pilot)
        await pilot.press("home")
        for group, keys in GROUPS:
            await at(pilot, tree, group)
            titles = [category(k).title for k in keys]
            assert children(tree, group)[:1] == titles[:1]
            await pilot.press("left")
            assert children(tree, group) == [] and titles[0] not in labels(tree)
            await pilot.press("right")
            assert [c for c in children(tree, group)] == titles
        # Every category once, with its count.
        counts = {label: right for depth, label, right in rows(tree) if depth == 1}
        assert sorted(counts) == sorted(c.title for c in CATEGORIES)
        assert counts["Servers"] == "12" and counts["Load Balancers"] == "2"


async def test_a_category_loads_its_resources_when_expanded(demo_app):
    async with demo_app.run_test(size=SIZE) as pilot:
        tree = await open_tree(pilot)
        await at(pilot, tree, "Load Balancers")
        await pilot.press("right")
        await until(pilot, lambda: "lb-web-de" in children(tree, "Load Balancers"))
        assert children(tree, "Load Balancers") == ["lb-web-de", "lb-workers-us"]
        states = {label: right for _, label, right in rows(tree)}
        assert states["lb-web-de"] == "ACTIVE"
        # The state is coloured as in the tables.
        node = ("res", "load_balancers", tree.source.ids("load_balancers")[0])
        assert tree._describe(node)[3] == tree._style("state-good")


async def test_a_server_unfolds_into_its_parts_and_an_ip_into_its_firewall(demo_app):
    async with demo_app.run_test(size=SIZE) as pilot:
        tree = await open_tree(pilot)
        await at(pilot, tree, "web-01")
        await pilot.press("l")
        await until(pilot, lambda: "none" in dict((la, r) for _, la, r in rows(tree)).values())
        await settle(pilot)
        assert children(tree, "web-01") == ["Hardware", "HDDs", "Image", "IPs", "Status", "DVD",
                                            "Private networks", "Snapshots", "Related"]
        parts = {label: right for d, label, right in rows(tree) if d == 3}
        assert parts["HDDs"] == "1" and parts["IPs"] == "1" and parts["DVD"] == "none"
        await at(pilot, tree, "IPs")
        await pilot.press("l")
        ip = children(tree, "IPs")
        assert len(ip) == 1 and ip[0].count(".") == 3
        await pilot.press("l", "l")  # into the IP, then open it
        links = children(tree, ip[0])
        assert any("firewall" in x for x in links) and any("load balancer" in x for x in links)
        assert all(x.startswith("→ ") for x in links)


async def test_a_firewall_policy_shows_its_rules_and_server_ips_as_links(demo_app):
    async with demo_app.run_test(size=SIZE) as pilot:
        tree = await open_tree(pilot)
        await at(pilot, tree, "Firewall Policies")
        await pilot.press("right")
        await until(pilot, lambda: "Linux" in labels(tree))
        await at(pilot, tree, "Linux")
        await pilot.press("right")
        assert children(tree, "Linux") == ["Rules", "Server IPs"]
        parts = {label: right for d, label, right in rows(tree) if d == 3}
        assert parts == {"Rules": "4", "Server IPs": "6"}
        await at(pilot, tree, "Server IPs")
        await pilot.press("right")
        attached = children(tree, "Server IPs")
        assert len(attached) == 6 and any("cache-01" in a for a in attached)
        # An attached IP is itself a link: enter opens the public IP's detail.
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(demo_app.screen, DetailScreen))
        assert demo_app.screen.cat.key == "public_ips"


async def test_selection_drives_the_right_pane(demo_app):
    async with demo_app.run_test(size=SIZE) as pilot:
        tree = await open_tree(pilot)
        screen = demo_app.screen
        # A group: its categories and their counts.
        await at(pilot, tree, "Network")
        await until(pilot, lambda: "Firewall Policies" in preview_text(demo_app))
        assert "Public IPs" in preview_text(demo_app) and "17" in preview_text(demo_app)
        # A category with a screen of its own says so (enter opens it).
        await at(pilot, tree, "Logs")
        await until(pilot, lambda: "enter: its own screen" in preview_text(demo_app))
        # A category: its table.
        await at(pilot, tree, "Images")
        await until(pilot, lambda: screen.cat.key == "images")
        await settle(pilot)
        assert screen.query_one(ResourceTable).display and tree.has_focus
        # A resource: its detail.
        await at(pilot, tree, "Servers")
        await until(pilot, lambda: screen.cat.key == "servers")
        await at(pilot, tree, "db-primary")
        await until(pilot, lambda: "db-primary" in preview_text(demo_app))
        assert not screen.query_one(ResourceTable).display
        assert "Servers › db-primary · POWERED_ON" in preview_text(demo_app)
        # The table follows: its cursor is on that server.
        table = screen.query_one(ResourceTable)
        assert table.get_row(table.cursor_id).cells[0] == "db-primary"
        # A part: its section.
        await pilot.press("right")
        await settle(pilot)
        await at(pilot, tree, "HDDs")
        await until(pilot, lambda: "› HDDs" in preview_text(demo_app))
        assert "Size GB" in preview_text(demo_app)
        # enter on a part opens the detail on that section.
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(demo_app.screen, DetailScreen))
        from textual.widgets import TabbedContent

        detail = demo_app.screen
        assert detail.query_one(TabbedContent).active == "section-2"  # HDDs
        await pilot.press("escape")
        assert isinstance(demo_app.screen, ExplorerScreen)


async def test_moving_in_the_table_reveals_the_row_in_the_tree(demo_app):
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = demo_app.screen.query_one(ResourceTable)
        tree = tree_of(demo_app)
        assert table.has_focus
        await pilot.press("down", "down", "down")
        name = table.get_row(table.cursor_id).cells[0]
        assert tree.cursor_node == ("res", "servers", table.cursor_id)
        assert tree._describe(tree.cursor_node)[0] == name
        # The tree's own cursor row is on screen.
        top = int(tree.scroll_offset.y)
        assert top <= tree.cursor < top + tree.scrollable_content_region.height


def total_requests(app) -> int:
    return sum(app.emulator.stats.snapshot()["requests"].values())


async def test_expanding_what_is_held_sends_no_request(demo_app, monkeypatch):
    from oneandone_tui.state import poller as poller_module
    from oneandone_tui.ui.screens import explorer

    # No poll round inside the count.
    monkeypatch.setattr(poller_module, "FAST", 3600.0)
    monkeypatch.setattr(poller_module, "SLOW", 3600.0)
    monkeypatch.setattr(explorer, "SLOW", 3600.0)
    async with demo_app.run_test(size=SIZE) as pilot:
        tree = await open_tree(pilot)
        await at(pilot, tree, "Servers")
        await pilot.press("left")  # the table's rows were revealed in it: close it first
        before = total_requests(demo_app)
        await pilot.press("right")
        await settle(pilot)
        assert len(children(tree, "Servers")) == 12
        # The held parts of a firewall policy (rules, attached IPs) need no request either.
        await at(pilot, tree, "Firewall Policies")
        await pilot.press("right")
        await until(pilot, lambda: "Linux" in labels(tree))
        after_list = total_requests(demo_app)
        assert after_list == before + 1  # the policies' list, once
        await at(pilot, tree, "Linux")
        await pilot.press("right")
        await settle(pilot)
        await pilot.press("left", "right")
        await settle(pilot)
        assert total_requests(demo_app) == after_list


async def test_a_live_change_appears_in_an_expanded_node(demo_app):
    async with demo_app.run_test(size=SIZE) as pilot:
        tree = await open_tree(pilot)
        emu = demo_app.emulator
        other = Client(emu.token, transport=emu.transport())
        servers = {s["name"]: s for s in await other.servers.list()}
        await other.servers.stop(servers["cache-01"]["id"])
        demo_app.screen.wake()
        await until(pilot, lambda: dict((la, r) for _, la, r in rows(tree))["cache-01"]
                    .startswith("POWERING_OFF"))
        emu.settle()
        demo_app.screen.wake()
        await until(pilot, lambda: dict((la, r) for _, la, r in rows(tree))["cache-01"]
                    == "POWERED_OFF")
        # A server that appears, the cursor staying on the resource it was on.
        await at(pilot, tree, "mail-gw")
        from oneandone_tui.api import ServerClone

        await other.servers.clone(servers["web-01"]["id"], ServerClone(name="web-03"))
        demo_app.screen.wake()
        await until(pilot, lambda: "web-03" in children(tree, "Servers"))
        assert tree._describe(tree.cursor_node)[0] == "mail-gw"
        await other.aclose()


async def test_an_expanded_category_the_table_does_not_show_stays_live(demo_app, monkeypatch):
    from oneandone_tui.ui.widgets import tree as tree_module

    monkeypatch.setattr(tree_module, "REFRESH", 0.2)  # the tree's own round, shortened
    async with demo_app.run_test(size=SIZE) as pilot:
        tree = await open_tree(pilot)
        await at(pilot, tree, "SSH Keys")
        await pilot.press("right")
        await until(pilot, lambda: len(children(tree, "SSH Keys")) == 2)
        await at(pilot, tree, "Servers")  # the table goes back to the servers
        await until(pilot, lambda: demo_app.screen.cat.key == "servers")
        emu = demo_app.emulator
        other = Client(emu.token, transport=emu.transport())
        (first, second) = await other.ssh_keys.list()
        await other.ssh_keys.delete(first["id"])
        emu.settle()
        # No key pressed: the key goes away from the tree, its count with it.
        await until(pilot, lambda: children(tree, "SSH Keys") == [second["name"]])
        assert dict((la, r) for _, la, r in rows(tree))["SSH Keys"] == "1"
        await other.aclose()


async def test_the_cursor_stays_on_its_resource_when_rows_above_change(demo_app):
    async with demo_app.run_test(size=SIZE) as pilot:
        tree = await open_tree(pilot)
        await at(pilot, tree, "mail-gw")
        node, index = tree.cursor_node, tree.cursor
        offset = index - int(tree.scroll_offset.y)
        emu = demo_app.emulator
        other = Client(emu.token, transport=emu.transport())
        servers = {s["name"]: s for s in await other.servers.list()}
        await other.servers.delete(servers["web-01"]["id"])
        emu.settle()
        demo_app.screen.wake()
        await until(pilot, lambda: "web-01" not in labels(tree))
        assert tree.cursor_node == node and tree.cursor == index - 1
        assert tree.cursor - int(tree.scroll_offset.y) == offset or tree.scroll_offset.y == 0
        # A server that appears above it: the cursor still follows its resource.
        await other.aclose()


async def test_left_collapses_then_goes_to_the_parent(demo_app):
    async with demo_app.run_test(size=SIZE) as pilot:
        tree = await open_tree(pilot)
        await at(pilot, tree, "web-02")
        await pilot.press("right")
        await settle(pilot)
        await pilot.press("right")  # on an open node: to its first child
        assert tree._describe(tree.cursor_node)[0] == "Hardware"
        await pilot.press("down", "h")  # a part: to its resource
        assert tree._describe(tree.cursor_node)[0] == "web-02"
        await pilot.press("h")  # open: collapse
        assert "Hardware" not in labels(tree) and tree.cursor_node[0] == "res"
        await pilot.press("h")  # closed: to the category
        assert tree.cursor_node == ("cat", "servers")
        await pilot.press("h")  # collapse the category
        assert "web-02" not in labels(tree)
        await pilot.press("h")
        assert tree.cursor_node == ("group", "Compute")


async def test_slash_filters_the_tree_and_escape_clears(demo_app):
    async with demo_app.run_test(size=SIZE) as pilot:
        tree = await open_tree(pilot)
        await pilot.press("slash", *"web")
        # The tree's filter, not the table's (that one is mounted when first opened).
        table_filter = demo_app.screen.filter_field()
        assert table_filter is None or not table_filter.display
        assert demo_app.screen.query_one("#tree-filter").display
        assert children(tree, "Servers") == ["web-01", "web-02"]
        assert dict((la, r) for _, la, r in rows(tree))["Servers"] == "2/12"
        await pilot.press("enter")
        assert tree.has_focus
        await pilot.press("escape")
        assert tree.filter_text == "" and len(children(tree, "Servers")) == 12


async def test_the_tree_resizes_and_toggles(demo_app):
    async with demo_app.run_test(size=SIZE) as pilot:
        tree = await open_tree(pilot)
        pane = tree.parent
        width = pane.size.width
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert pane.size.width == width + 4
        await pilot.press("less_than_sign", "less_than_sign")
        await pilot.pause()
        assert pane.size.width == width - 4
        await pilot.press("ctrl+n")
        assert not pane.display and demo_app.screen.query_one(ResourceTable).has_focus


async def test_a_category_the_account_state_holds_expands_without_a_request(demo_app,
                                                                            monkeypatch):
    """Another screen (the dashboard) brought firewall policies into the account state: the
    tree shows them from there, at once and with no request of its own."""
    from oneandone_tui.state import poller as poller_module
    from oneandone_tui.ui.screens import explorer

    monkeypatch.setattr(poller_module, "FAST", 3600.0)
    monkeypatch.setattr(poller_module, "SLOW", 3600.0)
    monkeypatch.setattr(explorer, "SLOW", 3600.0)
    async with demo_app.run_test(size=SIZE) as pilot:
        tree = await open_tree(pilot)
        await demo_app.poller.load("firewall_policies")
        await settle(pilot)
        held = {p["name"] for p in demo_app.state.items("firewall_policies")}
        before = total_requests(demo_app)
        await at(pilot, tree, "Firewall Policies")
        await pilot.press("right")
        await settle(pilot)
        assert set(children(tree, "Firewall Policies")) == held
        assert total_requests(demo_app) == before
