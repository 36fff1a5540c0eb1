"""Images through the forms: create from a server (frequency, count), modify, delete."""

from __future__ import annotations

from tests.ui.forms.helpers import fill, finish, open_key, option, record, settle, submit


async def test_create_modify_and_delete_an_image(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "images", "n")
        assert not form.rows["url"].display  # a server's image needs no URL
        await fill(pilot, form, server_id=option(form, "server_id", "web-01"),
                   name="web-weekly", frequency="WEEKLY", num_images="3")
        await submit(pilot, form)
        await finish(pilot)
        img = record(app, "images", "web-weekly")
        assert (img["frequency"], img["num_images"], img["state"]) == ("WEEKLY", 3, "ENABLED")
        assert img["server_id"] == record(app, "servers", "web-01")["id"]

        form = await open_key(pilot, "images", "e", "web-weekly")
        await fill(pilot, form, description="kept three weeks", frequency="ONCE")
        await submit(pilot, form)
        await finish(pilot)
        img = record(app, "images", "web-weekly")
        assert (img["description"], img["frequency"]) == ("kept three weeks", "ONCE")

        form = await open_key(pilot, "images", "ctrl+d", "web-weekly")
        await submit(pilot, form)
        await finish(pilot)
        assert "web-weekly" not in [i["name"] for i in app.emulator.store.images.values()]
