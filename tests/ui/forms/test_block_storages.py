"""Block storages through the forms: create attached to a server, modify, detach, attach,
delete (name typed; refused by the API while attached, which the form shows)."""

from __future__ import annotations

from tests.ui.forms.helpers import (
    error_text,
    fill,
    finish,
    open_action,
    open_key,
    option,
    record,
    settle,
    submit,
)


async def test_create_modify_detach_attach_and_delete(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "block_storages", "n")
        await fill(pilot, form, name="vol-1", size="50",
                   datacenter_id=option(form, "datacenter_id", "DE"),
                   server_id=option(form, "server_id", "web-01"))
        await submit(pilot, form)
        await finish(pilot)
        vol = record(app, "block_storages", "vol-1")
        web01 = record(app, "servers", "web-01")
        assert (vol["size"], vol["server_id"]) == (50, web01["id"])

        form = await open_key(pilot, "block_storages", "e", "vol-1")
        await fill(pilot, form, name="vol-one", size="60")
        await submit(pilot, form)
        await finish(pilot)
        assert (vol["name"], vol["size"]) == ("vol-one", 60)

        form = await open_action(pilot, "block_storages", "detach", "vol-one")
        await submit(pilot, form)
        await finish(pilot)
        assert vol["server_id"] is None

        form = await open_action(pilot, "block_storages", "attach", "vol-one")
        await fill(pilot, form, server_id=option(form, "server_id", "web-02"))
        await submit(pilot, form)
        await finish(pilot)
        assert vol["server_id"] == record(app, "servers", "web-02")["id"]

        form = await open_key(pilot, "block_storages", "ctrl+d", "vol-one")
        await fill(pilot, form, __typed__="vol-one")
        await submit(pilot, form)
        # The API refuses (it is attached): the answer shows in the form, which stays open
        # with what was typed.
        assert app.screen is form
        assert "detach it first" in error_text(form)
        assert form.values().get("__typed__") is None  # not a request field...
        assert form.control("__typed__").value == "vol-one"  # ...but still typed
        await pilot.press("escape")
        await settle(pilot)

        form = await open_action(pilot, "block_storages", "detach", "vol-one")
        await submit(pilot, form)
        await finish(pilot)
        form = await open_key(pilot, "block_storages", "ctrl+d", "vol-one")
        await fill(pilot, form, __typed__="vol-one")
        await submit(pilot, form)
        await finish(pilot)
        assert vol["id"] not in app.emulator.store.block_storages
