"""Public IPs through the forms: create with reverse DNS, change it, delete."""

from __future__ import annotations

from tests.ui.forms.helpers import fill, finish, open_key, option, settle, submit


async def test_create_modify_and_delete_a_public_ip(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = set(app.emulator.store.ips)
        form = await open_key(pilot, "public_ips", "n")
        await fill(pilot, form, reverse_dns="www.example.com",
                   datacenter_id=option(form, "datacenter_id", "GB"))
        await submit(pilot, form)
        await finish(pilot)
        (new_id,) = set(app.emulator.store.ips) - before
        ip = app.emulator.store.ips[new_id]
        assert (ip["reverse_dns"], ip["type"]) == ("www.example.com", "IPV4")
        assert ip["ip"].startswith("77.68.")

        form = await open_key(pilot, "public_ips", "e", ip["ip"])
        assert form.values()["reverse_dns"] == "www.example.com"
        await fill(pilot, form, reverse_dns="api.example.com")
        await submit(pilot, form)
        await finish(pilot)
        assert ip["reverse_dns"] == "api.example.com"

        form = await open_key(pilot, "public_ips", "ctrl+d", ip["ip"])
        await submit(pilot, form)
        await finish(pilot)
        assert new_id not in app.emulator.store.ips
