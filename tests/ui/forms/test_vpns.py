"""VPNs through the forms: create, modify, delete."""

from __future__ import annotations

from tests.ui.forms.helpers import fill, finish, open_key, option, record, settle, submit


async def test_vpn_lifecycle(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "vpns", "n")
        await fill(pilot, form, name="branch-vpn",
                   datacenter_id=option(form, "datacenter_id", "US"))
        await submit(pilot, form)
        await finish(pilot)
        vpn = record(app, "vpns", "branch-vpn")
        assert vpn["state"] == "ACTIVE"

        form = await open_key(pilot, "vpns", "e", "branch-vpn")
        await fill(pilot, form, description="Boston office")
        await submit(pilot, form)
        await finish(pilot)
        assert vpn["description"] == "Boston office"

        form = await open_key(pilot, "vpns", "ctrl+d", "branch-vpn")
        await submit(pilot, form)
        await finish(pilot)
        assert vpn["id"] not in app.emulator.store.vpns
