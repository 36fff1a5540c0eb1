"""Shared storages through the forms: create, modify, attach servers with R/RW, detach,
delete (name typed), and the access password."""

from __future__ import annotations

from tests.ui.forms.helpers import (
    fill,
    finish,
    notifications,
    open_action,
    open_key,
    option,
    record,
    settle,
    submit,
)


async def test_create_attach_detach_modify_and_delete(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "shared_storages", "n")
        await fill(pilot, form, name="media", size="200",
                   datacenter_id=option(form, "datacenter_id", "DE"))
        await submit(pilot, form)
        await finish(pilot)
        ss = record(app, "shared_storages", "media")
        assert (ss["size"], ss["state"]) == (200, "ACTIVE")

        form = await open_action(pilot, "shared_storages", "attach", "media")
        await fill(pilot, form, servers__0__server_id=option(form, "servers[0].server_id",
                                                             "web-01"),
                   servers__1__server_id=option(form, "servers[0].server_id", "web-02"),
                   servers__1__rights="R")
        await submit(pilot, form)
        await finish(pilot)
        web01, web02 = record(app, "servers", "web-01"), record(app, "servers", "web-02")
        assert ss["servers"] == [{"id": web01["id"], "rights": "RW"},
                                 {"id": web02["id"], "rights": "R"}]

        form = await open_action(pilot, "shared_storages", "detach", "media")
        await fill(pilot, form, server_id=option(form, "server_id", "web-02"))
        await submit(pilot, form)
        await finish(pilot)
        assert [s["id"] for s in ss["servers"]] == [web01["id"]]

        form = await open_key(pilot, "shared_storages", "e", "media")
        await fill(pilot, form, size="250", description="bigger")
        await submit(pilot, form)
        await finish(pilot)
        assert (ss["size"], ss["description"]) == (250, "bigger")

        form = await open_key(pilot, "shared_storages", "ctrl+d", "media")
        await fill(pilot, form, __typed__="media")
        await submit(pilot, form)
        await finish(pilot)
        assert "media" not in [s["name"] for s in app.emulator.store.shared_storages.values()]


async def test_change_the_access_password(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        form = await open_action(pilot, "shared_storages", "access", "shared-assets")
        await fill(pilot, form, password="N3w-Storage-Pass")
        await submit(pilot, form)
        await settle(pilot)
        assert app.screen is app.explorer()
        assert app.emulator.store.storage_access["password"] == "N3w-Storage-Pass"
        assert "The storage access password was changed." in notifications(app)
