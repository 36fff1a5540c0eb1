"""Issue 11, item 8: the token appears on no screen (every main screen's SVG export, the
owner's own user record and its raw JSON included, until ``v`` reveals it), in no log line,
in no toast or exception text after failed requests; argv and crash reports are covered by
``test_crash.py``."""

from __future__ import annotations

import logging

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.emulator.core import Emulator
from oneandone_tui.launch import make_demo_app
from oneandone_tui.ui.screens.detail import DetailScreen
from tests.ui.helpers import settle, until

TOKEN = "5EC2E7ABCDEF0123456789ABCDEF0123"


def owner_id(emulator: Emulator) -> str:
    return next(u["id"] for u in emulator.store.users.values()
                if u["api"].get("key") == TOKEN)


async def test_the_token_is_on_no_screen_in_no_log_and_in_no_error(caplog):
    emulator = Emulator(token=TOKEN, clock=ManualClock())
    app = make_demo_app(emulator=emulator)
    shots: dict[str, str] = {}
    caplog.set_level(logging.DEBUG)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        shots["servers"] = app.export_screenshot()
        app.show_category("users")
        await settle(pilot)
        shots["users"] = app.export_screenshot()
        explorer = app.explorer()
        assert explorer.table.move_to(owner_id(emulator))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        for _ in range(len(app.screen.sections)):  # every tab of the owner's detail
            shots[f"owner detail {_}"] = app.export_screenshot()
            await pilot.press("right")
            await settle(pilot)
        await pilot.press("y")
        await pilot.pause()
        shots["owner json"] = app.export_screenshot()
        await pilot.press("escape")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")  # the users table's raw JSON of the owner
        await pilot.pause()
        shots["users json"] = app.export_screenshot()
        await pilot.press("escape")
        for key in ("dashboard", "logs", "monitoring_center", "usages"):
            app.show_category(key)
            await settle(pilot)
            shots[key] = app.export_screenshot()
        await pilot.press("J")
        await pilot.pause()
        shots["journal"] = app.export_screenshot()
        await pilot.press("escape")

        # Failed requests: the toasts and the errors they carry.
        emulator.faults.update({"fail_next": [{"fault": "status", "status": 400,
                                               "match": "GET /servers"}] * 6})
        app.show_category("servers")
        await pilot.press("r")
        await until(pilot, lambda: any(n.severity == "error" for n in app._notifications))
        shots["error toast"] = app.export_screenshot()
        messages = [f"{n.title} {n.message}" for n in app._notifications]
        # The client's text for a refused token, too.
        emulator.store.users[owner_id(emulator)]["api"]["active"] = False
        try:
            await app.client.servers.list()
        except Exception as exc:  # the 401
            messages.append(f"{exc!s} {exc!r}")
        else:
            raise AssertionError("a disabled API key was accepted")

    assert shots and all(TOKEN not in svg for svg in shots.values()), \
        [name for name, svg in shots.items() if TOKEN in svg]
    assert TOKEN not in "\n".join(messages)
    assert caplog.records  # the client logs its requests: none of them shows the token
    assert TOKEN not in caplog.text
    assert all(TOKEN not in str(r.args) for r in caplog.records)


async def test_revealing_is_the_users_choice(caplog):
    """The check above can fail: ``v`` on the owner's detail does show the token."""
    emulator = Emulator(token=TOKEN, clock=ManualClock())
    app = make_demo_app(emulator=emulator, start="users")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.explorer().table.move_to(owner_id(emulator))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        shown = "\n".join(app.export_screenshot() for _ in range(1))
        for _ in range(len(app.screen.sections)):
            await pilot.press("right")
            await settle(pilot)
            shown += app.export_screenshot()
    assert TOKEN in shown
