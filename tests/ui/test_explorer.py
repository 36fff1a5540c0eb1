"""The explorer: categories, the table, filter, sort, detail, links, live refresh, errors."""

from __future__ import annotations

from dataclasses import replace

from oneandone_tui.ui.screens.detail import DetailScreen
from oneandone_tui.ui.screens.explorer import ExplorerScreen
from oneandone_tui.ui.widgets.resource_table import ResourceTable
from oneandone_tui.ui.widgets.tree import AccountTree
from oneandone_tui.ui.widgets.tree_pane import TreePane
from tests.ui.helpers import notifications, settle, text_of, until


def table(app) -> ResourceTable:
    return app.screen.query_one(ResourceTable)


def names(app) -> list[str]:
    t = table(app)
    return [t.get_row(i).cells[0] for i in t.view_ids]


async def test_starts_on_servers_with_every_server(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(demo_app.screen, ExplorerScreen)
        assert len(names(demo_app)) == 12 and "web-01" in names(demo_app)
        row = table(demo_app).get_row(table(demo_app).view_ids[-1])
        assert row.cells[0] == "ci-runner" and row.cells[1].startswith("DEPLOYING ")
        assert row.styles[1] == "state-busy"


async def test_tree_shows_counts_and_switches_category(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        source = demo_app.screen.tree_source
        assert source.count("servers") == 12 and source.count("load_balancers") == 2
        from oneandone_tui.catalogue import CATEGORIES

        assert all(source.counted(c.key) for c in CATEGORIES)
        tree = demo_app.screen.query_one(AccountTree)
        tree.focus()
        tree.reveal(("cat", "firewall_policies"))
        await pilot.press("enter")
        await settle(pilot)
        assert demo_app.screen.cat.key == "firewall_policies"
        assert sorted(names(demo_app)) == ["Linux", "Windows", "db-internal", "web-public"]


async def test_colon_jumps_by_partial_name_and_alias(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("colon", "l", "b", "enter")
        await settle(pilot)
        assert demo_app.screen.cat.key == "load_balancers"
        assert sorted(names(demo_app)) == ["lb-web-de", "lb-workers-us"]
        await pilot.press("colon", *"priv", "tab", "enter")
        await settle(pilot)
        assert demo_app.screen.cat.key == "private_networks"


async def test_filter_as_you_type_and_escape_clears(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "w", "e", "b")
        assert sorted(names(demo_app)) == ["web-01", "web-02"]
        await pilot.press("backspace", "backspace", "backspace", *"US")
        assert sorted(names(demo_app)) == ["ci-runner", "worker-us-01", "worker-us-02"]
        await pilot.press("enter")
        assert table(demo_app).has_focus and table(demo_app).row_count == 3
        await pilot.press("escape")
        assert table(demo_app).row_count == 12 and table(demo_app).filter_text == ""


async def test_filter_with_no_match_says_so(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zzz")
        assert table(demo_app).row_count == 0
        assert "0/12" in text_of(demo_app.screen.query_one("#title"))


async def test_sort_by_columns_and_reverse(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        assert names(demo_app) == sorted(names(demo_app), key=str.lower)
        assert table(demo_app).sort_state == ("name", False)
        await pilot.press("S")
        assert names(demo_app) == sorted(names(demo_app), key=str.lower, reverse=True)
        await pilot.press("s", "S")
        states = [table(demo_app).get_row(i).cells[1] for i in table(demo_app).view_ids]
        assert states == sorted(states, key=str.lower, reverse=True)


async def test_detail_sections_and_link_jump(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table(demo_app).move_to(next(i for i in table(demo_app).view_ids
                                     if table(demo_app).get_row(i).cells[0] == "web-01"))
        await pilot.press("enter")
        await settle(pilot)
        screen = demo_app.screen
        assert isinstance(screen, DetailScreen) and screen.item["name"] == "web-01"
        titles = [s.title for s in screen.sections]
        assert titles == ["Overview", "Hardware", "HDDs", "Image", "IPs", "Status", "DVD",
                          "Private networks", "Snapshots"]
        ips = screen.data[titles.index("IPs")]
        assert ips[0]["load_balancers"][0]["name"] == "lb-web-de"
        assert screen.data[titles.index("DVD")] is None  # no DVD: not even requested
        overview = text_of(screen.query_one("#section-0 .section-body"))
        assert "first password" in overview and screen.item["first_password"] not in overview
        for _ in range(4):
            await pilot.press("right")
        links = screen.query_one("#section-4 .links")
        links.focus()
        labels = [str(links.get_option_at_index(i).prompt) for i in range(links.option_count)]
        index = next(i for i, label in enumerate(labels) if "load balancer" in label)
        links.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(demo_app.screen, DetailScreen)
        assert demo_app.screen.cat.key == "load_balancers"
        assert demo_app.screen.item["name"] == "lb-web-de"
        await pilot.press("escape")
        assert demo_app.screen is screen
        await pilot.press("escape")
        assert isinstance(demo_app.screen, ExplorerScreen)


async def test_live_refresh_without_a_key_press(demo_app):
    async with demo_app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        ci = next(i for i in table(demo_app).view_ids
                  if table(demo_app).get_row(i).cells[0] == "ci-runner")
        assert table(demo_app).get_row(ci).cells[1].startswith("DEPLOYING")
        demo_app.emulator.advance(60)
        demo_app.screen.wake()
        await until(pilot, lambda: table(demo_app).get_row(ci).cells[1] != "DEPLOYING 33%")
        assert table(demo_app).get_row(ci).cells[1].startswith("DEPLOYING 6")
        demo_app.emulator.advance(200)
        demo_app.screen.wake()
        await until(pilot, lambda: table(demo_app).get_row(ci).cells[1] == "POWERED_ON")
        assert table(demo_app).get_row(ci).styles[1] == "state-good"
        await until(pilot, lambda: "ci-runner is POWERED_ON" in notifications(demo_app))


async def test_errors_are_shown_not_raised(demo_app):
    async with demo_app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        demo_app.emulator.faults.update({"error_rate": 1.0, "error_statuses": [503]})
        demo_app.client.retry = replace(demo_app.client.retry, max_attempts=1)
        await pilot.press("colon", *"images", "enter")
        await settle(pilot)
        assert table(demo_app).row_count == 0
        error = text_of(demo_app.screen.query_one("#list-error"))
        assert "Could not load images" in error and "503" in error  # said, not "No images"
        assert "No images" not in table(demo_app).empty_text
        assert any("503" in m or "navailable" in m for m in notifications(demo_app))
        demo_app.emulator.faults.update({"error_rate": 0.0})
        await pilot.press("r")
        await until(pilot, lambda: table(demo_app).row_count == 2)


async def test_json_view_and_copy_id(demo_app):
    async with demo_app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        first = table(demo_app).cursor_id
        await pilot.press("c")
        assert demo_app.clipboard == first
        await pilot.press("y")
        assert type(demo_app.screen).__name__ == "JsonScreen"
        assert first in demo_app.screen.text
        await pilot.press("escape")
        assert isinstance(demo_app.screen, ExplorerScreen)


async def test_help_lists_the_bindings(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        text = text_of(demo_app.screen.query_one("Static"))
        for key in (":", "ctrl+p", "/", "esc", "enter", "r", "y", "c", "q / ctrl+q"):
            assert key in text
        await pilot.press("escape")
        assert isinstance(demo_app.screen, ExplorerScreen)


async def test_small_terminal_shows_the_tree_beside_the_table_on_ctrl_n(demo_app):
    """At 80 columns the table has the whole width; ctrl+n shows the tree beside it (not
    over it: issue 14), the table keeping its name, state and whole IPs; esc or ctrl+n gives
    the whole width back."""
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = demo_app.screen.query_one(TreePane)
        assert not pane.display
        assert table(demo_app).row_count == 12 and table(demo_app).size.width >= 76
        await pilot.press("ctrl+n")
        await pilot.pause()
        tree = demo_app.screen.query_one(AccountTree)
        assert pane.display and pane.has_class("-narrow") and not pane.has_class("-overlay")
        assert tree.has_focus
        # Side by side: the tree ends where the table begins; nothing lies over anything.
        assert pane.region.right <= table(demo_app).region.x
        assert pane.region.width <= 26 and table(demo_app).region.width >= 50
        shown = dict(zip([c.key for c in table(demo_app).columns], table(demo_app)._widths,
                         strict=True))
        assert shown["name"] and shown["state"] and shown["ips"] >= len("82.165.201.221")
        await pilot.press("ctrl+n")
        assert not pane.display and table(demo_app).has_focus
        assert table(demo_app).size.width >= 76
        await pilot.press("ctrl+n", "escape")  # esc closes it too
        assert not pane.display and table(demo_app).has_focus


async def test_very_narrow_terminal_gives_the_tree_the_whole_screen(demo_app):
    """Below 70 columns there is no room for both: the tree takes the whole width (no strip
    of the table showing beside it) and esc gives the table back."""
    async with demo_app.run_test(size=(64, 20)) as pilot:
        await settle(pilot)
        pane = demo_app.screen.query_one(TreePane)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert pane.display and pane.has_class("-overlay")
        assert pane.region.x == 0 and pane.region.width == 64
        await pilot.press("escape")
        assert not pane.display and table(demo_app).has_focus


async def test_quit_with_q(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not demo_app.is_running


async def test_command_palette_goes_to_a_category(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go to ssh")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(demo_app.screen, ExplorerScreen)
        assert demo_app.screen.cat.key == "ssh_keys"
        assert sorted(names(demo_app)) == ["ci-deploy", "jane@laptop"]


async def test_no_color_is_respected(monkeypatch):
    from oneandone_tui.emulator.clock import ManualClock
    from oneandone_tui.launch import make_demo_app

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        assert table(app).row_count == 12


async def test_long_list_refresh_updates_rows_on_and_off_screen():
    """Over 1,000 rows a refresh compares the rows on screen first, the others just after."""
    from oneandone_tui.emulator.clock import ManualClock
    from oneandone_tui.launch import make_demo_app

    app = make_demo_app(clock=ManualClock(), servers=1500)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.emulator.settle()
        await until(pilot, lambda: table(app).total_count == 1512, timeout=20)
        t = table(app)
        on_screen, off_screen = t.view_ids[0], t.view_ids[-1]
        assert off_screen not in t.visible_ids()
        with app.emulator.store.lock:
            app.emulator.store.servers[on_screen]["name"] = "renamed-top"
            app.emulator.store.servers[off_screen]["name"] = "renamed-bottom"
        app.screen.wake()
        await until(pilot, lambda: t.get_row(on_screen).cells[0] == "renamed-top", timeout=10)
        await until(pilot, lambda: t.get_row(off_screen).cells[0] == "renamed-bottom",
                    timeout=10)
        assert app.screen.items[off_screen]["name"] == "renamed-bottom"
        assert t.total_count == 1512


def test_an_alert_in_a_detail_reads_as_a_sentence_not_json():
    from oneandone_tui.ui.rows import _value_text

    alert = {"type": "disk", "description": "Disk usage: WARNING /var 78% used",
             "date": "2026-11-27 06:04:28"}
    assert _value_text([alert]) == "disk: Disk usage: WARNING /var 78% used (2026-11-27 06:04:28)"
    assert _value_text([{"id": "X", "name": "web", "description": "d"}]) == "web"


async def test_the_explorer_does_not_poll_under_a_full_screen_and_catches_up_after(
        demo_app, monkeypatch):
    from oneandone_tui.state import poller as poller_module

    monkeypatch.setattr(poller_module, "FAST", 0.2)  # ci-runner is deploying: fast rounds
    stats = demo_app.emulator.stats

    def polls() -> int:
        return int(stats.snapshot()["requests"].get("GET /v1/servers", 0))

    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: polls() >= 2)  # rounds run while the explorer is seen
        await pilot.press("colon", *"usages", "enter")
        await settle(pilot)
        hidden = polls()
        await pilot.pause(0.8)  # four rounds' worth, all skipped: nobody sees the table
        assert polls() == hidden
        await pilot.press("escape")  # back: the missed round runs at once
        await until(pilot, lambda: polls() > hidden, timeout=0.5)
        await pilot.press("question_mark")  # a modal screen: the table still shows behind it
        seen = polls()
        await until(pilot, lambda: polls() > seen, timeout=1.0)
