"""Following an operation: its state and percent show in the form and in the table row as they
change; the form can be closed and the follow goes on; one toast when it settles; the detail
screen gets the same keys and leaves once its resource is deleted."""

from __future__ import annotations

from oneandone_tui.ui.screens.detail import DetailScreen
from tests.ui.forms.helpers import (
    fill,
    finish,
    form_of,
    notifications,
    open_key,
    option,
    record,
    settle,
    submit,
    text_of,
    until,
)


def row_state(app, rid: str) -> str:
    row = app.explorer().table.get_row(rid)
    return row.cells[1] if row else ""


async def test_progress_then_one_toast_even_after_the_form_is_closed(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "servers", "n")
        await fill(pilot, form, name="web-03",
                   appliance_id=option(form, "appliance_id", "centos7-64std"))
        await submit(pilot, form)
        rid = record(app, "servers", "web-03")["id"]
        assert "web-03: DEPLOYING" in text_of(form.query_one("#form-progress"))
        await pilot.press("escape")  # close the form: the follow goes on
        await settle(pilot)
        assert app.screen is app.explorer() and ("servers", rid) in app.follower.active
        await until(pilot, lambda: rid in app.explorer().items)

        app.emulator.advance(90)  # half of the 180 s a server takes to deploy
        app.follower.wake()
        await until(pilot, lambda: row_state(app, rid).startswith("DEPLOYING 5"))

        await finish(pilot)
        assert row_state(app, rid) == "POWERED_ON"
        assert notifications(app).count("web-03 is POWERED_ON") == 1


async def test_detail_screen_actions_and_delete_goes_back(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # web-01's detail
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, DetailScreen) and detail.item_name() == "web-01"
        await pilot.press("e")
        await settle(pilot)
        form = form_of(app)
        await fill(pilot, form, description="seen from the detail")
        await submit(pilot, form)
        await finish(pilot)
        assert app.screen is detail
        assert record(app, "servers", "web-01")["description"] == "seen from the detail"

        await pilot.press("ctrl+d")
        await settle(pilot)
        form = form_of(app)
        await fill(pilot, form, __typed__="web-01")
        await submit(pilot, form)
        await finish(pilot)
        assert app.screen is app.explorer()  # nothing left to show: back to the table
        assert "web-01 is deleted" in notifications(app)
