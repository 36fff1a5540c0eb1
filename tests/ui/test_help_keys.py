"""Issue 14: ``?`` lists every key, read from the bindings themselves (so it cannot drift):
the app's, the explorer's and its table's, the navigation tree's (``ctrl+n`` and the tree's
own), the detail's, the forms' and the action menu's, and every other screen's; those of the
screen underneath come first."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from oneandone_tui.ui.app import OneAndOneApp
from oneandone_tui.ui.forms.discard import DiscardScreen
from oneandone_tui.ui.forms.form import FormScreen
from oneandone_tui.ui.forms.keys import ActionsMenu
from oneandone_tui.ui.screens import help_keys
from oneandone_tui.ui.screens.dashboard import DashboardScreen
from oneandone_tui.ui.screens.detail import DetailScreen
from oneandone_tui.ui.screens.explorer import ExplorerScreen
from oneandone_tui.ui.screens.help import HelpScreen
from oneandone_tui.ui.screens.logs import LogsScreen
from oneandone_tui.ui.screens.monitoring import ServerChartsScreen
from oneandone_tui.ui.screens.monitoring_center import MonitoringCenterScreen
from oneandone_tui.ui.screens.usages import UsagesScreen
from oneandone_tui.ui.widgets.resource_table import ResourceTable
from oneandone_tui.ui.widgets.tree import AccountTree
from oneandone_tui.ui.widgets.tree_pane import TreePane
from tests.ui.forms.helpers import select_row, settle, show, text_of

#: Every class whose keys help must list, by the section that must list them.
BOUND = {
    "Everywhere": (OneAndOneApp,),
    "Tables (the explorer)": (ResourceTable,),
    "The tree (left of the table)": (AccountTree, TreePane),
    "Forms and confirmations": (FormScreen, DiscardScreen),
    "Changes (not in read-only mode)": (ActionsMenu,),
    "Dashboard": (DashboardScreen,),
    "Monitoring center": (MonitoringCenterScreen,),
    "A server's charts": (ServerChartsScreen,),
    "Logs": (LogsScreen,),
    "Usages": (UsagesScreen,),
}


def keys_of(*classes: type, fallbacks: bool = False) -> set[str]:
    """Their keys; ``fallbacks``: only those without a description (the app's refusal of a
    key a screen turned off: the key is the screen's, listed with it)."""
    return {b.key for cls in classes for klass in cls.__mro__
            if klass.__module__.startswith("oneandone_tui.")  # inherited ones too
            for b in Binding.make_bindings(klass.__dict__.get("BINDINGS", []))
            if bool(b.description) != fallbacks}


def test_every_binding_is_in_its_section():
    by_title = {s.title: s.key_names() for s in help_keys.sections()}
    for title, classes in BOUND.items():
        missing = keys_of(*classes) - by_title[title]
        assert not missing, f"{title} lacks {missing}"
    everything = set().union(*by_title.values())
    # The explorer's and the detail's own (their actions and a server's direct keys are in
    # the sections of those), the app's fallbacks (the same keys), the palette's key.
    actions = by_title["Changes (not in read-only mode)"] | by_title["Servers (list and detail)"]
    assert keys_of(ExplorerScreen) <= by_title["Tables (the explorer)"] | actions \
        | {"ctrl+n"}
    assert keys_of(DetailScreen) <= by_title["A resource's detail"] | actions
    assert keys_of(OneAndOneApp, fallbacks=True) <= everything
    assert App.COMMAND_PALETTE_BINDING in by_title["Everywhere"]
    assert "ctrl+n" in by_title["The tree (left of the table)"]
    for title in ("Tables (the explorer)", "The tree (left of the table)"):
        assert {"up,k", "down,j", "home,g", "end,G"} <= by_title[title] or \
            {"up", "k", "g", "G"} <= by_title[title], f"{title}: the moving keys"
    assert {"o", "x", "b", "p", "i", "t"} <= by_title["Servers (list and detail)"]
    assert {"n", "e", "ctrl+d", "a"} <= by_title["Changes (not in read-only mode)"]


def test_a_new_binding_shows_in_help_by_itself(monkeypatch):
    monkeypatch.setattr(AccountTree, "BINDINGS",
                        [*AccountTree.BINDINGS, Binding("f9", "zoom", "Zoom the tree")])
    tree = next(s for s in help_keys.sections() if s.title.startswith("The tree"))
    assert help_keys.Row(("f9",), "Zoom the tree") in tree.rows


def test_keys_read_as_the_readme_writes_them():
    assert [help_keys.key_text(k) for k in ("question_mark", "colon", "slash",
                                             "less_than_sign", "escape", "enter", "up",
                                             "ctrl+n", "G")] == \
        ["?", ":", "/", "<", "esc", "enter", "↑", "ctrl+n", "G"]


async def test_help_over_the_servers_list_starts_with_its_keys_and_lists_all():
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        assert [s.title for s in screen.here] == [
            "Everywhere", "Tables (the explorer)", "The tree (left of the table)",
            "Changes (not in read-only mode)", "Servers (list and detail)"]
        text = text_of(screen.query_one("Static"))
        for section in screen.sections:
            assert section.title in text
            for row in section.rows:
                assert row.shown_keys in text and row.what[:40] in text, row
        assert "ctrl+n" in text and "Elsewhere" in text
        await pilot.press("escape")
        # On VPNs a server's keys are elsewhere; on a detail, the detail's keys come first.
        await show(pilot, "vpns")
        await pilot.press("question_mark")
        await settle(pilot)
        here = [s.title for s in app.screen.here]
        assert "Servers (list and detail)" not in here and "Changes (not in read-only mode)" \
            in here
        await pilot.press("escape")
        await show(pilot, "servers")
        await select_row(pilot, "web-01")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        here = [s.title for s in app.screen.here]
        assert here[:2] == ["Everywhere", "A resource's detail"]
        assert "Servers (list and detail)" in here


async def test_read_only_help_puts_the_changes_elsewhere():
    app = make_demo_app(clock=ManualClock(), read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert "Changes (not in read-only mode)" in [s.title for s in app.screen.elsewhere]


#: Help's sections and the groups ("Where") of the README's key table that must hold their keys.
README_GROUPS = {
    "Everywhere": ("everywhere",),
    "Tables (the explorer)": ("tables",),
    "The tree (left of the table)": ("the tree",),
    "A resource's detail": ("a resource's detail",),
    "Changes (not in read-only mode)": ("changes (not read-only)",),
    "Servers (list and detail)": ("servers (list and detail)",),
    "Forms and confirmations": ("forms",),
    "Dashboard": ("dashboard",),
    "Monitoring center": ("monitoring center",),
    "A server's charts": ("logs, usages, charts", "charts"),
    "Logs": ("logs, usages, charts", "logs"),
    "Usages": ("logs, usages, charts",),
    "Journal and JSON views": ("json view, journal",),
}


def readme_keys() -> dict[str, set[str]]:
    """The README's key table: each group's backticked keys (``1``…``5`` spelled out)."""
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    table = text[text.index("## Keys"):text.index("## Confirmations")]
    groups: dict[str, set[str]] = {}
    where = ""
    for line in table.splitlines():
        if not line.startswith("| ") or line.startswith("| Where"):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        where = cells[0].lower() or where
        keys = groups.setdefault(where, set())
        for first, last in re.findall(r"`(\d)`…`(\d)`", line):
            keys |= {str(i) for i in range(int(first), int(last) + 1)}
        keys |= set(re.findall(r"`([^`]+)`", line))
    return groups


def test_the_readme_key_table_lists_every_key():
    groups = readme_keys()
    assert set(README_GROUPS) == {s.title for s in help_keys.sections()}
    for section in help_keys.sections():
        listed = set().union(*(groups[g] for g in README_GROUPS[section.title]))
        missing = {help_keys.key_text(k) for k in section.key_names()} - listed
        assert not missing, f"README's key table lacks {missing} ({section.title})"
