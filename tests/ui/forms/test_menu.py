"""The action menu and the palette judge the selection: what does not apply now is shown
disabled with the reason (never sent); typing filters; direct keys run the everyday operations
of a server from the list and from its detail."""

from __future__ import annotations

from textual.widgets import OptionList

from oneandone_tui.ui.forms.keys import ActionsMenu
from oneandone_tui.ui.forms.palette import commands
from tests.ui.forms.helpers import (
    form_of,
    mutating,
    notifications,
    select_row,
    settle,
    show,
)


async def open_menu(pilot, name):
    await select_row(pilot, name)
    await pilot.press("a")
    await settle(pilot)
    menu = pilot.app.screen
    assert isinstance(menu, ActionsMenu)
    return menu


def offered(menu) -> dict[str, str | None]:
    """Entry key -> None when it runs, else the reason shown."""
    options = menu.query_one(OptionList)
    out = {}
    for i in range(options.option_count):
        opt = options.get_option_at_index(i)
        entry = next(e for e in menu.entries if e.key == opt.id)
        assert opt.disabled == (entry.reason is not None)
        out[opt.id] = entry.reason
    return out


async def test_menu_by_state_and_contents(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "servers")
        # web-01: powered on, no snapshot, no DVD.
        menu = await open_menu(pilot, "web-01")
        got = offered(menu)
        assert got["power_off"] is None and got["reboot"] is None
        assert got["power_on"] == "web-01 is POWERED_ON (only when POWERED_OFF)"
        assert got["snapshot_restore"] == "web-01 has no snapshot"
        assert got["snapshot_delete"] == "web-01 has no snapshot"
        assert got["eject_dvd"] == "web-01 has no DVD loaded"
        assert got["snapshot"] is None
        # The disabled ones come last: the highlight is on something that runs.
        options = menu.query_one(OptionList)
        assert not options.get_option_at_index(options.highlighted).disabled
        await pilot.press("escape")
        # db-primary has a snapshot: restore and delete run, another snapshot does not.
        got = offered(await open_menu(pilot, "db-primary"))
        assert got["snapshot_restore"] is None and got["snapshot_delete"] is None
        assert "already has a snapshot" in got["snapshot"]
        await pilot.press("escape")
        # legacy-erp: powered off with a DVD.
        got = offered(await open_menu(pilot, "legacy-erp"))
        assert got["eject_dvd"] is None and got["power_on"] is None
        assert "POWERED_OFF" in got["power_off"]
        await pilot.press("escape")
        # ci-runner is deploying: no power action, no snapshot.
        got = offered(await open_menu(pilot, "ci-runner"))
        for key in ("power_on", "power_off", "reboot", "snapshot", "add_ip"):
            assert got[key] == "ci-runner is DEPLOYING: wait until it settles"
        before = mutating(app)
        await pilot.press("enter")  # runs the highlighted entry: never a disabled one
        await settle(pilot)
        assert mutating(app) == before


async def test_typing_filters_the_menu(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "servers")
        menu = await open_menu(pilot, "db-primary")
        await pilot.press(*"snap")
        assert app.screen is menu  # 'a' in "snap" no longer closes it
        assert {e.key for e in menu.shown()} == {"snapshot", "snapshot_restore",
                                                 "snapshot_delete"}
        options = menu.query_one(OptionList)
        assert options.option_count == 3
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        assert options.option_count == len(menu.entries)
        await pilot.press(*"disk", "escape")  # esc clears the filter, a second one closes
        assert app.screen is menu and options.option_count == len(menu.entries)
        await pilot.press(*"restore snap", "enter")
        await settle(pilot)
        form = form_of(app)
        assert form.title_text.startswith("Restore a snapshot")


async def test_a_letter_puts_its_entry_first(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "servers")
        menu = await open_menu(pilot, "web-01")
        await pilot.press("b")
        assert menu.shown()[0].key == "reboot"
        await pilot.press("enter")
        await settle(pilot)
        assert form_of(app).title_text == "Reboot: web-01"


async def test_direct_keys_on_the_list(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "servers")
        expected = {"x": "Power off: web-01", "b": "Reboot: web-01",
                    "p": "Create a snapshot: web-01", "i": "Add a public IP: web-01"}
        for key, title in expected.items():
            await select_row(pilot, "web-01")
            await pilot.press(key)
            await settle(pilot)
            assert form_of(app).title_text == title, key
            await pilot.press("escape")
            await settle(pilot)
        await select_row(pilot, "worker-us-02")  # powered off
        await pilot.press("o")
        await settle(pilot)
        assert form_of(app).title_text == "Power on: worker-us-02"
        await pilot.press("escape")
        await settle(pilot)
        # Not applicable now: a toast says why and nothing opens nor is sent.
        before = mutating(app)
        await select_row(pilot, "web-01")
        await pilot.press("o")
        await settle(pilot)
        assert app.screen is app.explorer()
        assert any("web-01 is POWERED_ON" in n and "Nothing was sent" in n
                   for n in notifications(app))
        assert mutating(app) == before


async def test_direct_keys_on_the_detail_and_in_the_footer(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "servers")
        await select_row(pilot, "db-primary")
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        shown = {b.binding.key: b.enabled for b in detail.active_bindings.values()
                 if b.binding.show}
        assert {"o", "x", "b", "p", "i", "t"} <= set(shown)
        # Dimmed where they do not apply: it is on, and it has a snapshot.
        assert not shown["o"] and not shown["p"] and shown["x"] and shown["i"]
        await pilot.press("x")
        await settle(pilot)
        assert form_of(app).title_text == "Power off: db-primary"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("p")  # it has a snapshot already
        await settle(pilot)
        assert app.screen is detail
        assert any("already has a snapshot" in n for n in notifications(app))
        # Elsewhere the keys are not offered.
        await pilot.press("escape")
        await show(pilot, "vpns")
        explorer = app.screen
        assert not explorer.check_action("direct", ("power_on",))


async def test_palette_judges_the_selection(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "servers")
        await select_row(pilot, "web-01")
        by_title = {c.title: (c.help, c.callback) for c in commands(app)}
        help_text, callback = by_title["Servers: Power on"]
        assert help_text == "Not now: web-01 is POWERED_ON (only when POWERED_OFF)"
        assert "key x" in by_title["Servers: Power off"][0]
        before = mutating(app)
        callback(app)
        await settle(pilot)
        assert app.screen is app.explorer() and mutating(app) == before
        assert any("web-01 is POWERED_ON" in n for n in notifications(app))


async def test_every_entry_has_its_own_letter(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "servers")
        menu = await open_menu(pilot, "web-01")
        letters = [e.letter for e in menu.entries]
        assert all(letters) and len(set(letters)) == len(letters)
        remove_ip = next(e for e in menu.entries if e.key == "remove_ip")
        await pilot.press(remove_ip.letter)
        assert menu.shown()[0].key == "remove_ip"
        await pilot.press("enter")
        await settle(pilot)
        assert form_of(app).title_text == "Remove an IP: web-01"
