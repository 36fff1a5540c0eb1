"""When the API says no, the form says why and keeps everything typed; a rule only the API
knows (cores per processor must divide the vCPUs) lands next to its field."""

from __future__ import annotations

from tests.ui.forms.helpers import (
    error_text,
    fill,
    finish,
    mutating,
    open_key,
    option,
    record,
    settle,
    submit,
)
from tests.ui.forms.test_validation import field_error


async def test_server_side_error_is_shown_in_place_and_the_input_kept(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "servers", "n")
        await fill(pilot, form, name="odd-cores", vcore="2", cores_per_processor="3",
                   appliance_id=option(form, "appliance_id", "centos7-64std"))
        await submit(pilot, form)
        assert app.screen is form and mutating(app) == 1
        assert "must divide 'vcore'" in field_error(form, "cores_per_processor")
        assert "400" in error_text(form)
        values = form.values()
        assert (values["name"], values["vcore"], values["cores_per_processor"]) == (
            "odd-cores", 2, 3)
        assert values["appliance_id"]  # pickers keep their choice too

        await fill(pilot, form, cores_per_processor="1")
        await submit(pilot, form)
        await finish(pilot)
        assert record(app, "servers", "odd-cores")["state"] == "POWERED_ON"


async def test_a_failing_api_keeps_the_form_open(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "vpns", "n")
        await fill(pilot, form, name="flaky")
        app.emulator.faults.update({"fail_next": [{"fault": "status", "status": 503,
                                                   "match": "POST /vpns"}]})
        await submit(pilot, form)
        assert app.screen is form and "503" in error_text(form)
        assert form.values()["name"] == "flaky"
        await submit(pilot, form)  # try again: now it works
        await finish(pilot)
        assert record(app, "vpns", "flaky")["state"] == "ACTIVE"
