"""VPNs through the forms: create, modify, delete."""

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


async def test_download_the_client_configuration(demo_app, tmp_path):
    import io
    import zipfile

    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_action(pilot, "vpns", "download", "office-vpn")
        assert form.values()["path"] == "office-vpn-config.zip"
        target = tmp_path / "office.zip"
        await fill(pilot, form, path=str(target))
        await submit(pilot, form)
        await settle(pilot)
        with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as archive:
            names = archive.namelist()
        assert any(n.endswith(".ovpn") for n in names)

        form = await open_action(pilot, "vpns", "download", "office-vpn")
        await fill(pilot, form, path=str(tmp_path / "missing-dir" / "x.zip"))
        await submit(pilot, form)
        await settle(pilot)
        assert "No such file" in error_text(form)
        assert form.values()["path"].endswith("x.zip")  # what was typed is kept
