"""Users through the forms: create, modify, disable/enable, API access off/on, a new API
key, allowed IPs added and removed, delete."""

from __future__ import annotations

from tests.ui.forms.helpers import (
    fill,
    finish,
    open_action,
    open_key,
    record,
    settle,
    submit,
)


async def test_user_lifecycle(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "users", "n")
        await fill(pilot, form, name="dev.sam", password="Sam-2026-ok", email="sam@example.com")
        await submit(pilot, form)
        await finish(pilot)
        user = record(app, "users", "dev.sam")
        assert (user["email"], user["state"]) == ("sam@example.com", "ACTIVE")

        form = await open_key(pilot, "users", "e", "dev.sam")
        assert form.values()["email"] == "sam@example.com"
        await fill(pilot, form, description="developer", email="sam@corp.example")
        await submit(pilot, form)
        await finish(pilot)
        assert (user["description"], user["email"]) == ("developer", "sam@corp.example")

        form = await open_action(pilot, "users", "disable", "dev.sam")
        await submit(pilot, form)
        await finish(pilot)
        assert user["state"] in ("DISABLE", "DISABLED")
        form = await open_action(pilot, "users", "enable", "dev.sam")
        await submit(pilot, form)
        await finish(pilot)
        assert user["state"] == "ACTIVE"

        form = await open_action(pilot, "users", "api_off", "dev.sam")
        await submit(pilot, form)
        await finish(pilot)
        assert user["api"]["active"] is False
        form = await open_action(pilot, "users", "api_on", "dev.sam")
        await submit(pilot, form)
        await finish(pilot)
        assert user["api"]["active"] is True

        old_key = user["api"]["key"]
        form = await open_action(pilot, "users", "api_key", "dev.sam")
        await submit(pilot, form)
        await finish(pilot)
        assert user["api"]["key"] != old_key

        form = await open_action(pilot, "users", "add_ips", "dev.sam")
        await fill(pilot, form, ips__0__ip="198.51.100.7", ips__1__ip="198.51.100.8")
        await submit(pilot, form)
        await finish(pilot)
        assert user["api"]["allowed_ips"] == ["198.51.100.7", "198.51.100.8"]
        form = await open_action(pilot, "users", "remove_ip", "dev.sam")
        await fill(pilot, form, ip="198.51.100.7")
        await submit(pilot, form)
        await finish(pilot)
        assert user["api"]["allowed_ips"] == ["198.51.100.8"]

        form = await open_key(pilot, "users", "ctrl+d", "dev.sam")
        await submit(pilot, form)
        await finish(pilot)
        assert user["id"] not in app.emulator.store.users
