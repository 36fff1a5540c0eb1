"""SSH keys through the forms: add, modify, delete."""

from __future__ import annotations

from tests.ui.forms.helpers import fill, finish, open_key, record, settle, submit

KEY = ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHVuaXQtdGVzdC1rZXktZm9yLW9uZWFuZG9uZS10dWk= "
       "sam@laptop")


async def test_ssh_key_lifecycle(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "ssh_keys", "n")
        await fill(pilot, form, name="sam@laptop", public_key=KEY)
        await submit(pilot, form)
        await finish(pilot)
        key = record(app, "ssh_keys", "sam@laptop")
        assert "AAAAC3NzaC1lZDI1NTE5" in key["public_key"]

        form = await open_key(pilot, "ssh_keys", "e", "sam@laptop")
        await fill(pilot, form, name="sam@desktop", description="moved")
        await submit(pilot, form)
        await finish(pilot)
        assert (key["name"], key["description"]) == ("sam@desktop", "moved")

        form = await open_key(pilot, "ssh_keys", "ctrl+d", "sam@desktop")
        await submit(pilot, form)
        await finish(pilot)
        assert key["id"] not in app.emulator.store.ssh_keys
