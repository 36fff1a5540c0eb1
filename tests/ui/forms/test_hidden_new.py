"""A resource made while a filter hides it: the toast says so and how to clear the filter."""

from __future__ import annotations

from tests.ui.forms.helpers import finish, form_of, notifications, record, settle, show


async def test_new_resource_hidden_by_the_filter_is_announced(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "vpns")
        explorer = app.explorer()
        await pilot.press("slash", *"office", "enter")
        assert explorer.table.filter_text == "office"
        await pilot.press("n")
        await settle(pilot)
        form_of(app)
        await pilot.press(*"kb-vpn", "enter")
        await finish(pilot)
        assert record(app, "vpns", "kb-vpn")
        assert "kb-vpn is hidden by the filter 'office'. Press esc on the list to clear the " \
               "filter and see it." in notifications(app)
        await pilot.press("escape")
        await settle(pilot)
        explorer.wake()
        await finish(pilot)
        assert explorer.table.filter_text == ""
        new_id = record(app, "vpns", "kb-vpn")["id"]
        assert new_id in explorer.items
        assert explorer.table.cursor_id == new_id  # esc cleared the filter and shows it

        # A new one the filter shows: no such toast.
        await pilot.press("slash", *"kb", "enter")
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"kb-vpn-2", "enter")
        await finish(pilot)
        assert not any("kb-vpn-2 is hidden" in n for n in notifications(app))
