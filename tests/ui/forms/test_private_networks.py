"""Private networks through the forms: create, attach servers, remove one, modify, delete."""

from __future__ import annotations

from tests.ui.forms.helpers import (
    fill,
    finish,
    open_action,
    open_key,
    option,
    record,
    settle,
    submit,
)


async def test_create_attach_remove_modify_and_delete(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "private_networks", "n")
        await fill(pilot, form, name="lan-es", network_address="10.10.0.0",
                   subnet_mask="255.255.0.0", datacenter_id=option(form, "datacenter_id", "ES"))
        await submit(pilot, form)
        await finish(pilot)
        pn = record(app, "private_networks", "lan-es")
        assert (pn["network_address"], pn["subnet_mask"]) == ("10.10.0.0", "255.255.0.0")

        form = await open_action(pilot, "private_networks", "attach", "lan-es")
        await fill(pilot, form, servers__0__server_id=option(form, "servers[0].server_id",
                                                             "legacy-erp"))
        await submit(pilot, form)
        await finish(pilot)
        erp = record(app, "servers", "legacy-erp")
        assert pn["server_ids"] == [erp["id"]]

        form = await open_action(pilot, "private_networks", "remove_server", "lan-es")
        await fill(pilot, form, server_id=option(form, "server_id", "legacy-erp"))
        await submit(pilot, form)
        await finish(pilot)
        assert pn["server_ids"] == []

        form = await open_key(pilot, "private_networks", "e", "lan-es")
        assert form.values()["network_address"] == "10.10.0.0"
        await fill(pilot, form, name="lan-madrid", description="office LAN")
        await submit(pilot, form)
        await finish(pilot)
        assert (pn["name"], pn["description"]) == ("lan-madrid", "office LAN")

        form = await open_key(pilot, "private_networks", "ctrl+d", "lan-madrid")
        await submit(pilot, form)
        await finish(pilot)
        assert pn["id"] not in app.emulator.store.private_networks
