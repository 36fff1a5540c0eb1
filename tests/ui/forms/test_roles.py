"""Roles through the forms: create, modify, clone, permissions (one checkbox each), add and
remove users, delete."""

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


async def test_role_lifecycle(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "roles", "n")
        await fill(pilot, form, name="Auditors")
        await submit(pilot, form)
        await finish(pilot)
        role = record(app, "roles", "Auditors")

        form = await open_key(pilot, "roles", "e", "Auditors")
        await fill(pilot, form, description="Read the logs")
        await submit(pilot, form)
        await finish(pilot)
        assert role["description"] == "Read the logs"

        form = await open_action(pilot, "roles", "permissions", "Auditors")
        assert "servers.show" in form.rows
        wanted = not role["permissions"]["servers"]["show"]
        await fill(pilot, form, **{"servers.show": wanted})
        await submit(pilot, form)
        await finish(pilot)
        assert role["permissions"]["servers"]["show"] is wanted

        # Every flag the form shows is the API's snake_case name, and saving sends them back.
        form = await open_action(pilot, "roles", "permissions", "Auditors")
        assert {"servers.set_name", "servers.access_kvm_console",
                "firewall_policies.manage_attached_server_ips",
                "private_networks.set_network_info", "public_ips.set_reverse_dns"} <= set(
            form.rows)
        assert not any("setname" in row or "privatenetwork." in row for row in form.rows)
        await fill(pilot, form, **{"servers.set_name": True,
                                   "firewall_policies.manage_attached_server_ips": True})
        await submit(pilot, form)
        await finish(pilot)
        assert role["permissions"]["servers"]["set_name"] is True
        assert role["permissions"]["firewall_policies"]["manage_attached_server_ips"] is True

        form = await open_action(pilot, "roles", "add_users", "Auditors")
        await fill(pilot, form, users__0__user_id=option(form, "users[0].user_id",
                                                         "billing.bot"))
        await submit(pilot, form)
        await finish(pilot)
        bot = record(app, "users", "billing.bot")
        assert bot["role_id"] == role["id"]
        form = await open_action(pilot, "roles", "remove_user", "Auditors")
        await fill(pilot, form, user_id=option(form, "user_id", "billing.bot"))
        await submit(pilot, form)
        await finish(pilot)
        assert bot["role_id"] != role["id"]

        form = await open_action(pilot, "roles", "clone", "Auditors")
        await submit(pilot, form)
        await finish(pilot)
        assert record(app, "roles", "Auditors copy")["id"] != role["id"]

        form = await open_key(pilot, "roles", "ctrl+d", "Auditors")
        await submit(pilot, form)
        await finish(pilot)
        assert role["id"] not in app.emulator.store.roles
